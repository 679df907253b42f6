import os
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from cms.demo import DEMO_PASSWORD, DEMO_USERS
from cms.models import HomePage

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def counts():
    from django.apps import apps

    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"sessions", "admin", "contenttypes", "auth"}
        and not model._meta.label.startswith(
            (
                "wagtailsearch",
                "wagtailcore.Revision",
                "wagtailcore.PageLogEntry",
                "wagtailcore.ReferenceIndex",
            )
        )
    }


def test_load_demo_twice_adds_nothing_the_second_time():
    call_command("load_demo", "--quiet-logins")
    first = counts()
    call_command("load_demo", "--quiet-logins")
    assert counts() == first


def test_demo_makes_a_danish_home_page_the_root_of_the_default_site(client):
    call_command("load_demo", "--quiet-logins")
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    response = client.get("/")
    assert response.status_code == 200
    assert "Velkommen til eSundhed Akademi" in response.content.decode()


def test_every_demo_user_can_log_in_with_the_documented_password(client):
    call_command("load_demo", "--quiet-logins")
    for email, *_ in DEMO_USERS:
        assert EmailAddress.objects.get(email=email).verified
        client.logout()
        response = client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email
    assert get_user_model().objects.get(email="admin@example.org").is_superuser
    educator = get_user_model().objects.get(email="jesper@example.org")
    assert educator.has_perm("wagtailadmin.access_admin")
    learner = get_user_model().objects.get(email="mette@example.org")
    assert not learner.has_perm("wagtailadmin.access_admin")


def test_demo_prints_the_logins(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out
    assert "mette@example.org" in out


def test_load_demo_refuses_under_production_settings():
    env = {
        **{k: v for k, v in os.environ.items() if k != "CELERY_BROKER_URL"},
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "production-secret-for-the-test-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": "akademi.example.org",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Demo content is not allowed" in result.stderr
