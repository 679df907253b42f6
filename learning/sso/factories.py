import factory
from allauth.socialaccount.models import SocialApp

from learning.organisations.factories import OrganisationFactory

from .models import ProviderMapping, RoleClaimValue


class SocialAppFactory(factory.django.DjangoModelFactory):
    """An employer's OpenID Connect provider; tests point ``settings["server_url"]`` at theirs."""

    class Meta:
        model = SocialApp

    provider = "openid_connect"
    provider_id = factory.Sequence(lambda n: f"employer-{n}")
    name = factory.Sequence(lambda n: f"Arbejdsgiver {n}")
    client_id = factory.Sequence(lambda n: f"client-{n}")
    secret = "not-a-real-secret"  # noqa: S105 (test factory)
    settings = factory.LazyFunction(lambda: {"server_url": "http://127.0.0.1:9/o"})


class ProviderMappingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProviderMapping

    app = factory.SubFactory(SocialAppFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class RoleClaimValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleClaimValue

    mapping = factory.SubFactory(ProviderMappingFactory)
    value = factory.Sequence(lambda n: f"role-{n}")
