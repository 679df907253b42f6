"""Settings shared by every environment. Overrides live in dev, test and production."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from learning.packages.schedule import BEAT_SCHEDULE as PACKAGES_BEAT_SCHEDULE
from learning.reports.schedule import BEAT_SCHEDULE as REPORTS_BEAT_SCHEDULE
from learning.xapi.schedule import BEAT_SCHEDULE as XAPI_BEAT_SCHEDULE

from .env import env_bool, env_database, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# No default: dev and test set a fake one, production refuses to start without it.
# SECRET_KEY = ...

DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    # Project apps first so their templates and translations win over the libraries'.
    "cms",
    "learning.accounts",
    "learning.organisations",
    "learning.competences",
    "learning.xapi",
    "learning.progress",
    "learning.reports",
    "learning.video",
    "learning.sso",
    "learning.packages",
    "quizzes",
    # Wagtail
    "wagtailmedia",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Authentication
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    # Single sign-on through each employer's identity provider (learning.sso).
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
]

MIDDLEWARE = [
    # First: requests to the package content origin never reach sessions, CSRF or the site.
    "learning.packages.origin.ContentOriginMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Inside the session middleware, so a renewal it asks for is saved on the way out.
    "cms.middleware.IdleTimeoutMiddleware",
    "cms.middleware.DanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cms.middleware.ContentSecurityPolicyMiddleware",
    # After the CSP middleware: lets the single sign-on confirmation post on to the IdP.
    "learning.sso.csp.IdentityProviderFormActionMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "learning.organisations.mfa.RequireMFAMiddleware",
    "cms.middleware.AdminAccessMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# The embedded default is a SQLite file next to manage.py; production sets a PostgreSQL URL.
DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: e-mail is the only identifier, and it must be verified before login.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[eSundhed Akademi] "
ACCOUNT_ALLOW_REGISTRATION = env_bool("ACCOUNT_ALLOW_REGISTRATION", True)
ACCOUNT_ADAPTER = "learning.accounts.adapter.AccountAdapter"
# Hashes the password for a taken e-mail too, so sign-up takes as long either way (no timing
# enumeration; see learning/accounts/forms.py).
ACCOUNT_FORMS = {"signup": "learning.accounts.forms.SignupForm"}

# Single sign-on (learning.sso): identity providers are allauth SocialApps, configured in the
# admin, each with a claim mapping to its organisation. Joining an existing account by e-mail is
# decided per provider by the mapping (and only for that employer's own staff), never globally;
# a joined account is connected, so later logins match on the provider's subject id.
SOCIALACCOUNT_ADAPTER = "learning.sso.adapter.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
# Access and refresh tokens are not needed after login: not stored (data minimisation).
SOCIALACCOUNT_STORE_TOKENS = False

# Second factor (TOTP with recovery codes) for everyone who sees other people's records or edits
# content; enforced by learning.organisations.mfa. Test settings turn it off for the personas and
# the MFA tests turn it back on.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "eSundhed Akademi"
MFA_REQUIRED_FOR_PRIVILEGED = env_bool("MFA_REQUIRED_FOR_PRIVILEGED", True)

# Danish first; English for international staff. The choice is kept in a cookie.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
# JavaScript from npm (package.json, `make node_modules`), collected from node_modules, never
# copied into the repository: the SCORM runtime of learning.packages (docs/packages.md).
STATICFILES_DIRS = [("scorm-again", BASE_DIR / "node_modules" / "scorm-again" / "dist")]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# E-mail: console in dev; production configures SMTP through the environment.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "eSundhed Akademi <noreply@localhost>")

# Celery: with no broker configured, tasks run eagerly in the calling process, so the
# embedded SQLite setup needs no Redis. With a broker, results go to the same Redis.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", None)
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# Periodic work for `celery -A cms beat`; each app keeps its entries in its own schedule module.
CELERY_BEAT_SCHEDULE = {**XAPI_BEAT_SCHEDULE, **REPORTS_BEAT_SCHEDULE, **PACKAGES_BEAT_SCHEDULE}

# Privacy: fine-grained statements (video events, single answers) are deleted after this many
# days; completions, results and competence records stay (learning.xapi.retention).
XAPI_DETAIL_RETENTION_DAYS = env_int("XAPI_DETAIL_RETENTION_DAYS", 180, minimum=1)

# Coverage reports (learning.reports): digests, reminders and the region view's cell size.
REPORTS_DIGEST_FREQUENCY = env_str("REPORTS_DIGEST_FREQUENCY", "monthly")
if REPORTS_DIGEST_FREQUENCY not in {"monthly", "weekly"}:
    raise ImproperlyConfigured("REPORTS_DIGEST_FREQUENCY must be 'monthly' or 'weekly'.")
REPORTS_REMINDER_DAYS_BEFORE_EXPIRY = env_int("REPORTS_REMINDER_DAYS_BEFORE_EXPIRY", 30, minimum=1)
REPORTS_MIN_GROUP_SIZE = env_int("REPORTS_MIN_GROUP_SIZE", 5, minimum=2)
# A coverage dashboard whose scope holds more than this many people (the whole region, a large
# hospital or tree) reads the daily snapshot instead of counting live
# (learning.reports.dashboard.snapshot_source).
REPORTS_LIVE_PEOPLE_LIMIT = env_int("REPORTS_LIVE_PEOPLE_LIMIT", 2000, minimum=1)

# Forwarding statements to external LRSs (learning.xapi.forwarding).
XAPI_FORWARD_BACKOFF_SECONDS = env_float("XAPI_FORWARD_BACKOFF_SECONDS", 30.0, minimum=0)
XAPI_FORWARD_MAX_ATTEMPTS = env_int("XAPI_FORWARD_MAX_ATTEMPTS", 8, minimum=1)
XAPI_FORWARD_BATCH_SIZE = env_int("XAPI_FORWARD_BATCH_SIZE", 100, minimum=1)
XAPI_FORWARD_TIMEOUT_SECONDS = env_int("XAPI_FORWARD_TIMEOUT_SECONDS", 10, minimum=1)

# Security headers. No inline script anywhere on the public site; inline style attributes are
# allowed (they cannot run code). Embedded external video may come from the two players below.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "media-src": ["'self'", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
WAGTAILADMIN_PATH_PREFIX = "/cms/"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Sessions fit for shared ward and home-care devices: they end when the browser closes and
# after SESSION_IDLE_MINUTES without a request (cms.middleware.IdleTimeoutMiddleware renews the
# stored session at most once a minute, instead of writing it on every request).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30, minimum=1) * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Sessions are read from the cache and written to both cache and database ("write-through"), so
# a request with a cached session costs no query. Logging out deletes both. The cache must be
# one the whole site shares (Redis in production): production.py falls back to the database
# alone when it has only a per-process cache, where a logout in one process would leave the
# session alive in another's cache.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Wagtail
WAGTAIL_SITE_NAME = "eSundhed Akademi"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The home page of people's xAPI account agents; empty means WAGTAILADMIN_BASE_URL. Always
# defined, so learning.xapi.actors.homepage() can read it without a fallback.
XAPI_ACCOUNT_HOMEPAGE = env_str("XAPI_ACCOUNT_HOMEPAGE", "")
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_I18N_ENABLED = False
# Approval by a second educator publishes; educators have no publish permission of their own.
WAGTAIL_FINISH_WORKFLOW_ACTION = "cms.workflow_actions.publish_approved"
# Danish stemming on PostgreSQL (SQLite's backend ignores it); after changing it, rebuild the
# index with `manage.py update_index`. Parts of compounds are found by cms.catalogue.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "danish"}
}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Decompression bombs: a small file can declare billions of pixels. 40 megapixels is more than
# any photo or screenshot for a lesson needs; Wagtail checks the declared size before decoding,
# and cms.apps gives Pillow the same limit for every other place that opens an image.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# The accessibility checker runs in the page editor (issue: alt text and captions enforced).
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: the CSP blocks it, and it would tell a third party who uses the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# wagtailmedia: video uploads for lessons and video guides (audio is not used).
WAGTAILMEDIA = {
    "MEDIA_MODEL": "wagtailmedia.Media",
    # Checks uploads by their first bytes (MP4/WebM), not their names, and enforces the size limit.
    "MEDIA_FORM_BASE": "learning.video.forms.VideoMediaForm",
    "AUDIO_EXTENSIONS": [],
    "VIDEO_EXTENSIONS": ["mp4", "webm"],
}

# Demo content may be loaded in dev and test, never in production.
DEMO_CONTENT_ALLOWED = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Wagtail logs every page action and background task at INFO; that drowns the console.
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# E-learning packages (learning.packages, docs/packages.md). Their files and launch endpoints are
# served only from PACKAGES_CONTENT_ORIGIN, another host name than the site's (another origin
# with its own cookie jar: cookies ignore ports), never from the platform's origin.
PACKAGES_CONTENT_ORIGIN = env_str("PACKAGES_CONTENT_ORIGIN", "http://localhost:8000").rstrip("/")
PACKAGES_ROOT = Path(env_str("PACKAGES_ROOT", str(BASE_DIR / "package-content")))
PACKAGES_MAX_UPLOAD_BYTES = env_int("PACKAGES_MAX_UPLOAD_MB", 200, minimum=1) * 1024 * 1024
PACKAGES_MAX_UNPACKED_BYTES = env_int("PACKAGES_MAX_UNPACKED_MB", 500, minimum=1) * 1024 * 1024
PACKAGES_MAX_FILES = env_int("PACKAGES_MAX_FILES", 5000, minimum=1)
# No member may expand more than this many times (text compresses about 10x; bombs 1000x).
PACKAGES_MAX_RATIO = env_int("PACKAGES_MAX_RATIO", 100, minimum=2)
# A session still open this long after its launch is abandoned by the periodic sweep (cmi5
# 9.3.6; learning.packages.abandonment).
PACKAGES_ABANDON_AFTER_HOURS = env_int("PACKAGES_ABANDON_AFTER_HOURS", 12, minimum=1)

HEALTHZ_BROKER_TIMEOUT = env_int("HEALTHZ_BROKER_TIMEOUT", 2, minimum=1)
