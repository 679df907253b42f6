"""The site's own error pages, in Danish, never Django's (debug) pages; the favicon; allauth's
sign-in message in plain Danish."""

import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse


def test_a_learner_opening_a_manager_page_gets_a_danish_403_with_the_site_around_it(
    client, learner
):
    client.force_login(learner)
    response = client.get(reverse("reports:dashboard"))
    page = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Ingen adgang</h1>" in page and "spørg din leder" in page
    assert 'class="site-header"' in page and "Forbidden" not in page


def test_an_unknown_page_gets_the_danish_404(client, db):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    assert "Forsiden" in response.content.decode() or "forsiden" in response.content.decode()


@override_settings(ALLOWED_HOSTS=["testserver"])
def test_a_bad_request_gets_the_danish_400(client, db):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Forespørgslen kunne ikke læses" in response.content.decode()


def test_an_expired_form_gets_the_danish_csrf_page(learner, db):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 403
    assert "Formularen var udløbet" in response.content.decode()


@override_settings(ROOT_URLCONF="tests.cms.error_urls", DEBUG=False)
def test_a_server_error_gets_the_danish_500_not_a_debug_page(db):
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Der opstod en fejl" in page and "Traceback" not in page and "RuntimeError" not in page


def test_production_never_shows_debug_pages():
    source = open("cms/settings/production.py").read()
    assert re.search(r"^DEBUG = False$", source, re.M)
    assert "DEBUG = env" not in source


def test_the_favicon_is_served(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".ico")


@pytest.mark.django_db
def test_signing_in_says_so_in_plain_danish(client, learner, password):
    response = client.post(
        reverse("account_login"),
        {"login": learner.email, "password": password, "next": reverse("progress:my_learning")},
        follow=True,
    )
    page = response.content.decode()
    assert "Du er logget ind som" in page and "succesfuldt" not in page
