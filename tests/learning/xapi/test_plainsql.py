"""learning.xapi.plainsql: the instances the ingest path's look-ups return must equal what the
ORM builds, value for value and type for type, on SQLite and on PostgreSQL; and only UUIDs get
into the uuid[] literal of its plain SQL."""

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from learning.xapi import plainsql
from learning.xapi.actors import users_by_actor_id
from learning.xapi.auth import _active_credential
from learning.xapi.factories import CredentialFactory
from learning.xapi.forwarding import _active_destinations
from learning.xapi.models import Credential, Destination


def _fields(instance):
    return {
        field.attname: getattr(instance, field.attname)
        for field in type(instance)._meta.concrete_fields
    }


def _assert_same(built, orm):
    assert type(built) is type(orm)
    assert not built._state.adding
    assert built._state.db == orm._state.db
    for name, value in _fields(orm).items():
        assert getattr(built, name) == value, name
        assert type(getattr(built, name)) is type(value), name


def test_a_user_is_built_as_the_orm_builds_it(learner):
    quote = connection.ops.quote_name
    (built,) = plainsql.select(get_user_model(), f"{quote('id')} = %s", [learner.pk])

    _assert_same(built, get_user_model().objects.get(pk=learner.pk))


def test_the_lookups_on_the_ingest_path_find_what_the_orm_finds(learner, outsider):
    credential = CredentialFactory()
    Destination.objects.create(name="B", endpoint="https://lrs.example.org/xapi/", username="k")
    Destination.objects.create(name="A", endpoint="https://lrs2.example.org/xapi/", username="k")
    Destination.objects.create(
        name="Off", endpoint="https://lrs3.example.org/xapi/", username="k", is_active=False
    )

    users = users_by_actor_id([learner.actor_id])
    assert list(users) == [learner.actor_id]
    _assert_same(users[learner.actor_id], get_user_model().objects.get(pk=learner.pk))

    _assert_same(_active_credential(credential.key), Credential.objects.get(pk=credential.pk))
    assert [d.name for d in _active_destinations()] == ["A", "B"]


def test_nothing_found_is_an_empty_answer(db):
    credential = CredentialFactory()
    credential.is_active = False
    credential.save()

    assert _active_credential(credential.key) is None
    assert _active_credential("no-such-key") is None
    assert _active_destinations() == []


ID = "0f2b8a1c-7d3e-4f5a-9b6c-1d2e3f4a5b6c"


def test_uuids_in_any_form_become_one_array_literal():
    forms = [ID, ID.upper(), uuid.UUID(ID), ID.replace("-", ""), "{" + ID + "}", f"{ID}}}"]
    assert plainsql.uuid_array(forms) == "{" + ",".join([ID, ID.upper(), ID, ID, ID, ID]) + "}"


@pytest.mark.parametrize(
    "bad",
    [
        "not a uuid",
        f"{ID},{ID}",  # would be two elements
        f"{ID}}},{ID}",  # would close the literal
        f'{ID}"',
        ID[:-1],
        "",
    ],
)
def test_anything_but_a_uuid_is_refused_before_it_reaches_the_literal(bad):
    with pytest.raises(ValueError):
        plainsql.uuid_array([ID, bad])
