import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from cms.settings.env import (
    env_bool,
    env_database,
    env_float,
    env_int,
    env_list,
    env_secret,
    env_str,
)

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "a-long-production-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "akademi.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def run_manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    clean.pop("CELERY_BROKER_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "raw,expected", [("true", True), ("1", True), ("Off", False), ("no", False)]
)
def test_env_bool_accepts_only_clear_words(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert env_bool("SOME_FLAG", default=not expected) is expected


def test_env_bool_rejects_a_typo_instead_of_guessing(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "ture")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG", default=False)


def test_env_bool_uses_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("SOME_FLAG", raising=False)
    assert env_bool("SOME_FLAG", default=True) is True


def test_env_int_rejects_text_and_values_below_the_minimum(monkeypatch):
    monkeypatch.setenv("SOME_PORT", "80O")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("SOME_PORT", 1)
    monkeypatch.setenv("SOME_PORT", "-1")
    with pytest.raises(ImproperlyConfigured, match="minimum"):
        env_int("SOME_PORT", 1, minimum=0)
    monkeypatch.setenv("SOME_PORT", " 8080 ")
    assert env_int("SOME_PORT", 1) == 8080


def test_env_float_accepts_decimals_and_rejects_text_and_infinity(monkeypatch):
    monkeypatch.setenv("SOME_DELAY", "0.5")
    assert env_float("SOME_DELAY", 30.0) == 0.5
    for bad in ["half", "inf", "nan"]:
        monkeypatch.setenv("SOME_DELAY", bad)
        with pytest.raises(ImproperlyConfigured, match="SOME_DELAY"):
            env_float("SOME_DELAY", 30.0)


def test_env_str_without_default_is_required(monkeypatch):
    monkeypatch.delenv("MUST_HAVE", raising=False)
    with pytest.raises(ImproperlyConfigured, match="MUST_HAVE is required"):
        env_str("MUST_HAVE")


def test_env_list_splits_on_commas_and_refuses_an_empty_list(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.example, b.example,")
    assert env_list("HOSTS") == ["a.example", "b.example"]
    monkeypatch.setenv("HOSTS", " , ")
    with pytest.raises(ImproperlyConfigured):
        env_list("HOSTS")


def test_env_secret_prefers_the_file(monkeypatch, tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text("from-file\n")
    monkeypatch.setenv("TOKEN_FILE", str(secret_file))
    monkeypatch.setenv("TOKEN", "from-env")
    assert env_secret("TOKEN") == "from-file"
    monkeypatch.setenv("TOKEN_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="cannot be read"):
        env_secret("TOKEN")


def test_env_database_parses_postgres_and_rejects_unknown_schemes(monkeypatch):
    monkeypatch.setenv("DB", "postgres://u:p@db.example:5433/akademi")
    config = env_database("DB", "sqlite:///x")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.example", 5433, "akademi")
    monkeypatch.setenv("DB", "mongo://nope")
    with pytest.raises(ImproperlyConfigured, match="DB"):
        env_database("DB", "sqlite:///x")


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_production_settings_refuse_to_start_without_allowed_hosts():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "ALLOWED_HOSTS"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is required" in result.stderr


def test_production_settings_refuse_a_malformed_boolean():
    result = run_manage("check", env={**PRODUCTION_ENV, "SECURE_SSL_REDIRECT": "maybe"})
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT='maybe' is not a boolean" in result.stderr


def test_check_deploy_is_clean_with_the_documented_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "cache_url,engine",
    [
        ("redis://127.0.0.1:6379/2", "django.contrib.sessions.backends.cached_db"),
        # Only a per-process cache: a logout in one process would not reach another's copy.
        ("", "django.contrib.sessions.backends.db"),
    ],
)
def test_production_keeps_sessions_in_the_cache_only_when_every_process_shares_it(
    cache_url, engine
):
    env = {**PRODUCTION_ENV, "CACHE_URL": cache_url}
    code = "from django.conf import settings; print(settings.SESSION_ENGINE)"
    result = run_manage("shell", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == engine
