"""Tests: fast and deterministic. Overrides are commented with the reason."""

import atexit
import os
import shutil
import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-insecure-key"  # noqa: S105
DEMO_CONTENT_ALLOWED = True
# MD5 hashing makes creating personas cheap; never used outside tests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Plain storage: tests render templates without running collectstatic.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Personas log in without a second factor; tests/learning/organisations/test_mfa.py turns it on.
MFA_REQUIRED_FOR_PRIVILEGED = False
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Unit tests run tasks eagerly; the Celery integration test starts a real worker and sets
# its own broker, so CELERY_BROKER_URL from the environment is kept for it.
CELERY_TASK_ALWAYS_EAGER = True
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["*"]
# Serve static files straight from the apps' folders: no collectstatic outside production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Package content is served from its own host name; unit tests send this Host header.
PACKAGES_CONTENT_ORIGIN = "http://packages.testserver"
# Uploads go to a scratch folder of this test process, not the checkout's media/: parallel test
# processes (pytest-xdist's gw0, gw1, ...) then never share files. A Celery worker or server a
# test starts inherits the environment, so it reads and writes its test process's folder.
_MEDIA_ENV = "AKADEMI_TEST_MEDIA_ROOT_" + os.environ.get("PYTEST_XDIST_WORKER", "main")
if _MEDIA_ENV not in os.environ:
    os.environ[_MEDIA_ENV] = tempfile.mkdtemp(prefix="akademi-test-media-")
    atexit.register(shutil.rmtree, os.environ[_MEDIA_ENV], ignore_errors=True)
MEDIA_ROOT = Path(os.environ[_MEDIA_ENV])  # noqa: F405
