"""Access to the real services some tests need, with one rule for when they are missing.

Locally a missing service skips the test with a printed reason. Under CI=true every test must
run, so a missing service fails the test instead of hiding it.
"""

import os
import shutil
import socket
from urllib.parse import urlparse

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def missing(reason):
    if IN_CI:
        pytest.fail(f"CI must run everything, but: {reason}", pytrace=False)
    pytest.skip(reason)


def _reachable(url, default_port):
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or default_port), timeout=2):
            return True
    except OSError:
        return False


def require_postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        missing("needs PostgreSQL: set DATABASE_URL=postgres://...")


def require_redis():
    """The broker URL for tests that need a real Redis (CELERY_BROKER_URL)."""
    url = os.environ.get("CELERY_BROKER_URL", "")
    if not url.startswith("redis"):
        missing("needs Redis: set CELERY_BROKER_URL=redis://...")
    if not _reachable(url, 6379):
        missing(f"Redis at {url} does not answer")
    return url


def require_chromium():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        missing(f"needs Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    return CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")


def require_ffmpeg():
    """Paths of (ffmpeg, ffprobe) for tests that make and probe real videos."""
    found = shutil.which("ffmpeg"), shutil.which("ffprobe")
    if None in found:
        missing("needs ffmpeg and ffprobe (apt-get install ffmpeg)")
    return found


def require_node():
    """Node.js and npm, for the external LRS (Learning Locker's statement service)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not (node and npm):
        missing("needs node and npm for the external LRS (apt-get install nodejs npm)")
    return node, npm
