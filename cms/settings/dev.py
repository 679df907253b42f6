"""Local development: debug on, console e-mail, a fake secret, demo content allowed."""

from .base import *  # noqa: F403
from .env import env_bool, env_secret

DEBUG = env_bool("DEBUG", True)
# Fake key for development only; production has no default.
SECRET_KEY = env_secret("SECRET_KEY", "dev-insecure-key-not-for-production")
DEMO_CONTENT_ALLOWED = True
# Plain static storage: no collectstatic needed to run locally.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the apps' folders: no collectstatic outside production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

try:
    from .local import *  # noqa: F403
except ImportError:
    pass
