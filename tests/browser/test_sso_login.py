"""Single sign-on with OpenID Connect, end to end in a real browser against a real provider.

Chromium goes from the platform's login page to the test identity provider
(django-oauth-toolkit in a second process on loopback, tests/support/oidc/idp), logs in there,
and comes back; the platform exchanges the code over HTTP, reads the claims and places the
person (learning.sso).
"""

import pytest
from allauth.socialaccount.models import SocialApp

from learning.accounts.models import User
from learning.organisations.factories import JobRoleFactory, OrganisationFactory
from learning.organisations.models import JobAssignment
from learning.sso.models import LoginOutcome, ProviderMapping, SSOLoginEvent
from tests.browser.conftest import PHONE, assert_accessible, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser


@pytest.fixture
def aalborg(oidc_provider):
    """Aalborg Kommune, whose staff log in through the test identity provider."""
    municipality = OrganisationFactory(name="Aalborg Kommune")
    OrganisationFactory(name="Hjemmepleje Nord", parent=municipality, external_id="AAL-HJP-NORD")
    OrganisationFactory(name="Akutteam", parent=municipality, external_id="AAL-SYG-AKUT")
    JobRoleFactory(code="SSA", name="Social- og sundhedsassistent")
    JobRoleFactory(code="SSH", name="Social- og sundhedshjælper")
    app = SocialApp.objects.create(
        provider="openid_connect",
        provider_id=oidc_provider.provider_id,
        name="Aalborg Kommune",
        client_id=oidc_provider.client_id,
        secret=oidc_provider.secret,
        settings={"server_url": oidc_provider.server_url, "oauth_pkce_enabled": True},
    )
    return ProviderMapping.objects.create(app=app, organisation=municipality)


def log_in_through_employer(page, base_url, password, username="alice"):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_role("link", name="Aalborg Kommune").click()
    page.get_by_role("button", name="Fortsæt").click()  # allauth confirms before leaving
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base_url}/")


def jobs(email):
    return list(
        JobAssignment.objects.active_on()
        .filter(user__email=email)
        .values_list("unit__name", "role__code")
    )


def test_a_nurse_logs_in_through_her_employer_and_lands_in_her_unit_and_role(
    page,
    live_server,
    aalborg,
    oidc_provider,
):
    log_in_through_employer(page, live_server.url, oidc_provider.password)
    page.goto(f"{live_server.url}/konto/mine-data/")  # only for a logged-in person
    assert page.url == f"{live_server.url}/konto/mine-data/"
    assert page.get_by_role("button", name="Log ud").count() == 1
    alice = User.objects.get(email="alice.andersen@example.org")
    assert alice.first_name == "Alice"
    assert jobs(alice.email) == [("Hjemmepleje Nord", "SSA")]
    event = SSOLoginEvent.objects.get(user=alice)
    assert (event.outcome, event.unit_value, event.role_value) == (
        LoginOutcome.ASSIGNED,
        "AAL-HJP-NORD",
        "SSA",
    )


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"])  # the data flow needs one width
def test_a_move_at_the_employer_reaches_the_platform_at_the_next_login(
    page,
    live_server,
    aalborg,
    oidc_provider,
):
    log_in_through_employer(page, live_server.url, oidc_provider.password)
    page.goto(f"{live_server.url}/konto/mine-data/")
    page.get_by_role("button", name="Log ud").click()
    oidc_provider.set_claims("alice", unit="AAL-SYG-AKUT", role="SSH")
    page.context.clear_cookies()  # a new day: the IdP asks for the password again
    log_in_through_employer(page, live_server.url, oidc_provider.password)
    assert User.objects.filter(email="alice.andersen@example.org").count() == 1
    assert jobs("alice.andersen@example.org") == [("Akutteam", "SSH")]
    assert list(SSOLoginEvent.objects.order_by("pk").values_list("outcome", flat=True)) == [
        LoginOutcome.ASSIGNED,
        LoginOutcome.MOVED,
    ]


def test_the_login_choice_and_its_confirmation_are_accessible(page, live_server, aalborg):
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.get_by_role("heading", name="Log ind via din arbejdsgiver").count() == 1
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
    page.get_by_role("link", name="Aalborg Kommune").click()
    assert page.locator("h1").count() == 1
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
