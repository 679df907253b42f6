"""Settings of the test-only OpenID Connect provider. Unrelated to cms.settings.

Environment:
    IDP_DATA_DIR     required: a scratch folder for the SQLite database and the RSA key
    IDP_CLAIMS_FILE  JSON {username: {claim: value}}; default IDP_DATA_DIR/claims.json
    IDP_ISSUER       the issuer, e.g. http://127.0.0.1:8765/o (default: derived per request)
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from tests.support.oidc.idp.keys import load_or_create_rsa_key

if not os.environ.get("IDP_DATA_DIR"):
    raise ImproperlyConfigured("The test IdP needs IDP_DATA_DIR, a scratch folder for its data.")
DATA_DIR = Path(os.environ["IDP_DATA_DIR"])
CLAIMS_FILE = Path(os.environ.get("IDP_CLAIMS_FILE") or DATA_DIR / "claims.json")

# A loopback test server, never deployed: its key need not be secret.
SECRET_KEY = "test-idp-only-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oauth2_provider",
    "tests.support.oidc.idp",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "tests.support.oidc.idp.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "idp.sqlite3",
        # A throwaway database: no fsync per commit (it cost ~40 ms per login request).
        "OPTIONS": {"init_command": "PRAGMA synchronous=OFF;"},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# A throwaway database: `migrate --run-syncdb` creates the tables straight from the models,
# several times faster than replaying some thirty migrations at every start.
MIGRATION_MODULES = dict.fromkeys(["auth", "contenttypes", "sessions", "oauth2_provider"])
USE_TZ = True

# Speed over strength: passwords and the hashed client secret are test values.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Cookies are scoped by host, not by port: the platform's live server on 127.0.0.1 must not
# overwrite the IdP's session and CSRF cookies in the same browser (or requests.Session).
SESSION_COOKIE_NAME = "idp_sessionid"
CSRF_COOKIE_NAME = "idp_csrftoken"
LOGIN_URL = "/accounts/login/"

OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": load_or_create_rsa_key(DATA_DIR / "rsa_private_key.pem"),
    # Empty means "derive from the request"; the fixture pins it so every token agrees.
    "OIDC_ISS_ENDPOINT": os.environ.get("IDP_ISSUER", ""),
    "SCOPES": {
        "openid": "OpenID Connect",
        "profile": "Name, unit and role",
        "email": "E-mail address",
    },
    "DEFAULT_SCOPES": ["openid"],
    "OAUTH2_VALIDATOR_CLASS": "tests.support.oidc.idp.validators.ClaimsFileValidator",
    # allauth's openid_connect provider sends PKCE only when the SocialApp asks for it
    # (settings["oauth_pkce_enabled"]); a code_challenge that is sent is still verified.
    "PKCE_REQUIRED": False,
    # RFC 8252 §7.3: a registered http://127.0.0.1/... redirect URI matches any port. The
    # same for "localhost", which pytest-django's live_server uses by default.
    "ALLOW_LOCALHOST_LOOPBACK": True,
}
