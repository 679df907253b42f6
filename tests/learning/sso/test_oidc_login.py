"""OpenID Connect login as the platform sees it, against the real test provider.

Django's test client plays the browser's part on the platform and ``requests`` plays it at the
identity provider (a second process on loopback, tests/support/oidc). The platform exchanges
the code with the provider over HTTP, as in production. What the browser sees end to end is in
tests/browser/test_sso_login.py; these tests cover what a forged or broken login must not do.
"""

from urllib.parse import urljoin, urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialApp
from django.test import Client

from learning.accounts.models import User
from learning.organisations.factories import JobRoleFactory, OrganisationFactory
from learning.organisations.models import JobAssignment
from learning.sso.models import LoginOutcome, ProviderMapping, SSOLoginEvent
from tests.support.oidc.idp_client import log_in_at_idp

ALICE = "alice.andersen@example.org"
FAILED = "Der opstod en fejl under forsøget på at logge ind via din tredjepartskonto."


@pytest.fixture
def aalborg(db, oidc_provider):
    """Aalborg Kommune, whose staff log in through the test provider."""
    municipality = OrganisationFactory(name="Aalborg Kommune")
    OrganisationFactory(name="Hjemmepleje Nord", parent=municipality, external_id="AAL-HJP-NORD")
    JobRoleFactory(code="SSA", name="Social- og sundhedsassistent")
    app = SocialApp.objects.create(
        provider="openid_connect",
        provider_id=oidc_provider.provider_id,
        name="Aalborg Kommune",
        client_id=oidc_provider.client_id,
        secret=oidc_provider.secret,
        settings={"server_url": oidc_provider.server_url, "oauth_pkce_enabled": True},
    )
    return ProviderMapping.objects.create(app=app, organisation=municipality)


def callback_from_idp(client, provider, username="alice"):
    """Starts the login on the platform, logs in at the provider, and returns the callback path
    (with code and state) that the provider sends the browser back to, not yet followed."""
    start = client.post(f"/accounts/oidc/{provider.provider_id}/login/")
    assert start.status_code == 302, start.content[:300]
    at_idp = requests.Session()
    url = start["Location"]
    response = at_idp.get(url, allow_redirects=False, timeout=10)
    login_page = at_idp.get(urljoin(url, response.headers["Location"]), timeout=10)
    response = log_in_at_idp(at_idp, login_page, username, provider.password)
    assert response.status_code == 302
    response = at_idp.get(
        urljoin(url, response.headers["Location"]), allow_redirects=False, timeout=10
    )
    location = response.headers["Location"]
    assert location.startswith("http://testserver/accounts/oidc/"), location
    parts = urlsplit(location)
    return f"{parts.path}?{parts.query}"


def logged_in(client):
    return "_auth_user_id" in client.session


def assert_login_failed_page(response):
    """allauth's error page in the site's layout, in Danish, not a redirect into the site."""
    assert response.status_code == 401, response.content.decode()[:2000]
    assert FAILED in response.content.decode(), response.content.decode()


def test_a_login_through_the_employer_creates_the_account_in_its_unit(
    client, aalborg, oidc_provider
):
    callback = callback_from_idp(client, oidc_provider)

    response = client.get(callback)

    assert response.status_code == 302
    assert logged_in(client)
    alice = User.objects.get(email=ALICE)
    assert list(
        JobAssignment.objects.filter(user=alice).values_list("unit__external_id", "role__code")
    ) == [("AAL-HJP-NORD", "SSA")]
    assert SSOLoginEvent.objects.get(user=alice).outcome == LoginOutcome.ASSIGNED


def test_a_forged_state_logs_nobody_in(client, aalborg, oidc_provider):
    callback = callback_from_idp(client, oidc_provider)
    path, query = callback.split("?")
    forged = "&".join(
        "state=forged" if part.startswith("state=") else part for part in query.split("&")
    )

    response = client.get(f"{path}?{forged}")

    assert_login_failed_page(response)
    assert not logged_in(client)
    assert not User.objects.filter(email=ALICE).exists()
    assert not SSOLoginEvent.objects.exists()


def test_a_callback_replayed_in_another_browser_logs_nobody_in(client, aalborg, oidc_provider):
    callback = callback_from_idp(client, oidc_provider)
    assert client.get(callback).status_code == 302
    events = SSOLoginEvent.objects.count()
    other_browser = Client()  # someone who copied the URL

    response = other_browser.get(callback)

    assert_login_failed_page(response)
    assert not logged_in(other_browser)
    assert SSOLoginEvent.objects.count() == events


def test_a_platform_with_the_wrong_client_secret_logs_nobody_in(client, aalborg, oidc_provider):
    SocialApp.objects.filter(pk=aalborg.app_id).update(secret="not-the-secret")
    callback = callback_from_idp(client, oidc_provider)

    response = client.get(callback)

    assert_login_failed_page(response)
    assert not logged_in(client)
    assert not User.objects.filter(email=ALICE).exists()


def test_an_unknown_unit_claim_gives_an_account_without_a_job_and_says_why(
    client, aalborg, oidc_provider
):
    oidc_provider.set_claims("alice", unit="AAL-FINDES-IKKE")
    callback = callback_from_idp(client, oidc_provider)

    client.get(callback)

    alice = User.objects.get(email=ALICE)
    assert not JobAssignment.objects.filter(user=alice).exists()
    event = SSOLoginEvent.objects.get(user=alice)
    assert (event.outcome, event.unit_value) == (LoginOutcome.UNKNOWN_UNIT, "AAL-FINDES-IKKE")
