import re
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.utils import timezone

from cms.demo import load_site

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]


@pytest.fixture
def site(db):
    return load_site()


def csp_directives(response):
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_forbid_inline_script_and_framing(client, site, path):
    response = client.get(path)
    assert response.status_code == 200
    csp = csp_directives(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_contain_no_inline_script(client, site, path):
    html = client.get(path).content.decode()
    inline = [tag for tag in re.findall(r"<script\b[^>]*>", html) if "src=" not in tag]
    assert inline == []


def test_the_wagtail_admin_may_run_its_inline_scripts_and_frame_its_previews(client, educator):
    client.force_login(educator)
    response = client.get("/cms/")
    assert response.status_code == 200
    csp = csp_directives(response)
    assert "'unsafe-inline'" in csp["script-src"]
    assert csp["frame-ancestors"] == ["'self'"]


def test_a_session_ends_after_the_idle_timeout(client, learner, settings):
    client.force_login(learner)
    assert client.get("/").wsgi_request.user == learner
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 30 * 60
    session = client.session
    assert cache.get(session.cache_key) is not None  # read from the cache, not the database
    # Thirty-one minutes without a request: the stored session has expired, and the cached
    # copy with it (the cache drops it after the same 30 minutes).
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )
    cache.delete(session.cache_key)
    assert client.get("/").wsgi_request.user.is_anonymous


def test_logging_out_ends_the_session_in_the_cache_too(client, learner):
    client.force_login(learner)
    key = client.session.session_key
    assert client.get("/").wsgi_request.user == learner
    client.post("/accounts/logout/")
    # The old session cookie no longer signs anyone in: neither copy of the session is left.
    client.cookies["sessionid"] = key
    assert client.get("/").wsgi_request.user.is_anonymous
    assert not Session.objects.filter(session_key=key).exists()


def test_every_request_renews_the_idle_timeout(client, learner):
    client.force_login(learner)
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() + timedelta(minutes=2)
    )
    client.get("/")
    renewed = Session.objects.get(session_key=key).expire_date
    assert renewed > timezone.now() + timedelta(minutes=25)


def test_the_session_cookie_is_not_kept_after_the_browser_closes(client, learner, password):
    response = client.post("/accounts/login/", {"login": learner.email, "password": password})
    cookie = response.cookies["sessionid"]
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""
    assert cookie["httponly"]
