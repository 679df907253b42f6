import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

pytestmark = pytest.mark.django_db


def link_in(message):
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


def test_sign_up_sends_a_verification_mail_and_the_link_logs_the_person_in(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "Ny.Kollega@Example.org",
            "password1": "Lang-og-sikker-42",
            "password2": "Lang-og-sikker-42",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="ny.kollega@example.org")
    assert not user.emailaddress_set.get().verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ny.kollega@example.org"]

    confirm_url = link_in(mail.outbox[0])
    client.post(confirm_url)
    assert user.emailaddress_set.get().verified
    assert client.get("/healthz").wsgi_request.user == user


def test_sign_up_with_a_taken_email_creates_nothing_and_reveals_nothing(client, learner):
    # Same answer as a fresh sign-up (no account enumeration); the owner is told by mail.
    response = client.post(
        "/accounts/signup/",
        {
            "email": learner.email,
            "password1": "Lang-og-sikker-42",
            "password2": "Lang-og-sikker-42",
        },
    )
    assert response.status_code == 302
    assert get_user_model().objects.filter(email=learner.email).count() == 1
    assert mail.outbox[0].to == [learner.email]
    learner.refresh_from_db()
    assert not learner.check_password("Lang-og-sikker-42")


def test_an_unverified_person_cannot_log_in(client, password):
    from learning.accounts.factories import UserFactory

    user = UserFactory(email="unverified@example.org", verified_email=False)
    response = client.post("/accounts/login/", {"login": user.email, "password": password})
    assert response.status_code == 302
    assert response.url.startswith("/accounts/confirm-email/")
    assert "_auth_user_id" not in client.session


def test_login_with_email_and_password(client, learner, password):
    response = client.post("/accounts/login/", {"login": "METTE@example.org", "password": password})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(learner.pk)


def test_login_with_a_wrong_password_shows_an_error_in_danish(client, learner):
    response = client.post("/accounts/login/", {"login": learner.email, "password": "forkert"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "ikke korrekt" in response.content.decode()


def test_logout_ends_the_session(client, learner):
    client.force_login(learner)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_mail_lets_the_person_choose_a_new_password(client, learner):
    client.post("/accounts/password/reset/", {"email": learner.email})
    assert len(mail.outbox) == 1
    reset_url = link_in(mail.outbox[0])
    form_page = client.get(reset_url, follow=True)
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else reset_url
    response = client.post(
        set_url, {"password1": "Helt-nyt-kodeord-7", "password2": "Helt-nyt-kodeord-7"}
    )
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.check_password("Helt-nyt-kodeord-7")


def test_password_reset_for_an_unknown_email_reveals_nothing(client):
    response = client.post(
        "/accounts/password/reset/", {"email": "nobody@example.org"}, follow=True
    )
    assert response.status_code == 200
    # allauth mails an "unknown account" notice; the page never says the account is missing.
    assert "nobody@example.org" not in response.content.decode().replace(
        'value="nobody@example.org"', ""
    )


def test_login_page_is_danish_and_in_the_sites_own_layout(client):
    response = client.get("/accounts/login/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="da">' in html
    assert "Log ind" in html
    assert 'class="skip-link"' in html
    assert html.count("<h1") == 1
