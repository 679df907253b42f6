"""Factories for LRS tests: credentials (through Credential.issue) and statement dicts."""

import uuid

import factory

from learning.xapi.models import Credential, Scope

ALL_SCOPES = [Scope.WRITE_STATEMENTS, Scope.READ_ALL, Scope.DOCUMENTS]


class CredentialFactory(factory.django.DjangoModelFactory):
    """A credential whose one-time ``secret`` stays readable on the returned instance."""

    class Meta:
        model = Credential

    name = factory.Sequence(lambda n: f"LRS client {n}")
    scopes = factory.LazyFunction(lambda: list(ALL_SCOPES))
    organisation = None

    @classmethod
    def _create(cls, model_class, name, scopes, organisation=None, **kwargs):
        return model_class.issue(name, scopes, organisation=organisation)


def agent(name="learner-1"):
    return {"objectType": "Agent", "account": {"homePage": "https://lms.example.org", "name": name}}


def statement_data(**overrides):
    """A small valid statement with a fresh id; keyword arguments replace top-level properties."""
    data = {
        "id": str(uuid.uuid4()),
        "actor": agent(),
        "verb": {
            "id": "http://adlnet.gov/expapi/verbs/completed",
            "display": {"en-US": "completed"},
        },
        "object": {
            "objectType": "Activity",
            "id": "https://lms.example.org/courses/fmk",
            "definition": {"name": {"da-DK": "FMK for begyndere", "en-US": "FMK basics"}},
        },
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


class DestinationFactory(factory.django.DjangoModelFactory):
    """An external LRS to forward to; its secret is ``secret`` unless given."""

    class Meta:
        model = "xapi.Destination"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"External LRS {n}")
    endpoint = "http://127.0.0.1:9/xAPI/"
    username = "platform"

    @factory.post_generation
    def secret(self, create, extracted, **kwargs):
        self.set_secret(extracted or "secret")
        if create:
            self.save(update_fields=["secret_encrypted"])
