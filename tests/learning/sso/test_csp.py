"""The provider login page may post on to the identity provider; no other page may."""

import re

import pytest
from allauth.socialaccount.models import SocialApp

from learning.sso.factories import SocialAppFactory

pytestmark = pytest.mark.django_db


def form_action(response):
    policy = response["Content-Security-Policy"]
    return re.search(r"form-action ([^;]*)", policy).group(1).split()


def test_the_oidc_confirmation_allows_exactly_the_providers_origin(client):
    SocialAppFactory(
        provider_id="aalborg", settings={"server_url": "https://login.aalborg.dk/realms/staff"}
    )
    SocialAppFactory(provider_id="hjoerring", settings={"server_url": "https://idp.hjoerring.dk/o"})
    response = client.get("/accounts/oidc/aalborg/login/")
    assert response.status_code == 200
    assert form_action(response) == ["'self'", "https://login.aalborg.dk"]


def test_the_saml_login_page_allows_the_idps_single_sign_on_origin(client):
    SocialApp.objects.create(
        provider="saml",
        provider_id="rn",
        client_id="region",
        name="Region Nordjylland",
        settings={
            "idp": {"entity_id": "x", "x509cert": "x", "sso_url": "https://adfs.rn.dk/adfs/ls/"}
        },
    )
    response = client.get("/accounts/saml/region/login/")
    assert form_action(response) == ["'self'", "https://adfs.rn.dk"]


def test_other_pages_post_to_the_site_only(client):
    SocialAppFactory(
        provider_id="aalborg", settings={"server_url": "https://login.aalborg.dk/realms/staff"}
    )
    assert form_action(client.get("/accounts/login/")) == ["'self'"]


def test_an_unknown_provider_adds_nothing(client):
    response = client.get("/accounts/oidc/no-such-provider/login/")
    assert "login.aalborg.dk" not in response.get("Content-Security-Policy", "")
