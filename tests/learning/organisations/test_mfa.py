import datetime

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)

from learning.organisations.factories import OrganisationFactory
from learning.organisations.models import ManagerScope

pytestmark = pytest.mark.django_db

SETUP_URL = "/accounts/2fa/totp/activate/"


@pytest.fixture(autouse=True)
def mfa_required(settings):
    settings.MFA_REQUIRED_FOR_PRIVILEGED = True


@pytest.fixture
def unit_manager(manager):
    ManagerScope.objects.create(
        manager=manager, unit=OrganisationFactory(), starts_on=datetime.date(2024, 1, 1)
    )
    return manager


def current_code(secret):
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def test_a_manager_without_a_second_factor_is_sent_to_set_one_up(client, unit_manager):
    client.force_login(unit_manager)
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == SETUP_URL
    assert client.get("/manage/staff/").url == SETUP_URL


@pytest.mark.parametrize("persona", ["educator", "admin_user"])
def test_educators_and_admins_must_set_up_a_second_factor(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/cms/").url == SETUP_URL


def test_a_learner_needs_no_second_factor(client, learner):
    client.force_login(learner)
    assert client.get("/").status_code == 200


def log_in(client, user, password):
    response = client.post("/accounts/login/", {"login": user.email, "password": password})
    assert client.session["_auth_user_id"] == str(user.pk)
    return response


def confirm_password(client, password):
    # allauth lets a person change their second factor only just after re-entering the password.
    assert client.get(SETUP_URL).url.startswith("/accounts/reauthenticate/")
    client.post("/accounts/reauthenticate/", {"password": password})


def test_a_manager_without_a_second_factor_may_still_set_it_up_and_log_out(
    client, unit_manager, password
):
    log_in(client, unit_manager, password)
    confirm_password(client, password)
    assert client.get(SETUP_URL).status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_setting_up_totp_lets_the_manager_in(client, unit_manager, password):
    log_in(client, unit_manager, password)
    confirm_password(client, password)
    page = client.get(SETUP_URL)
    secret = page.context["form"].secret
    response = client.post(SETUP_URL, {"code": current_code(secret), "signup_password": password})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=unit_manager, type="totp").exists()
    assert client.get("/").status_code == 200


def test_login_asks_for_the_code_and_a_wrong_code_keeps_the_person_out(
    client, unit_manager, password
):
    secret = generate_totp_secret()
    TOTP.activate(unit_manager, secret)
    response = client.post("/accounts/login/", {"login": unit_manager.email, "password": password})
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session

    client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert "_auth_user_id" not in client.session

    client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert client.session["_auth_user_id"] == str(unit_manager.pk)
    assert client.get("/").status_code == 200


def test_an_expired_scope_no_longer_demands_a_second_factor(client, manager):
    ManagerScope.objects.create(
        manager=manager,
        unit=OrganisationFactory(),
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2021, 1, 1),
    )
    client.force_login(manager)
    assert client.get("/").status_code == 200


def test_the_setup_page_says_why_and_shows_the_whole_secret_as_text(client, unit_manager, password):
    log_in(client, unit_manager, password)
    confirm_password(client, password)
    page = client.get(SETUP_URL)
    body = page.content.decode()
    secret = page.context["form"].secret
    assert "din konto beskyttes af en ekstra faktor" in body
    assert f'<code class="totp-secret" id="authenticator_secret">{secret}</code>' in body


def test_after_setup_the_recovery_codes_page_leads_on(client, educator, password):
    log_in(client, educator, password)
    confirm_password(client, password)
    secret = client.get(SETUP_URL).context["form"].secret
    response = client.post(SETUP_URL, {"code": current_code(secret)}, follow=True)
    body = response.content.decode()
    assert 'href="/cms/"' in body and "Fortsæt til redigeringsværktøjerne" in body
