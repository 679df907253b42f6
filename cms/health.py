"""Readiness checks used by /healthz and by the Celery smoke task."""

from django.conf import settings
from django.db import DatabaseError, connections
from kombu import Connection


def database_status():
    """'ok' when a trivial query succeeds on the default database; queries the database."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "unavailable"
    return "ok"


def broker_status():
    """'ok', 'unavailable', or None when no broker is configured (eager mode)."""
    if not settings.CELERY_BROKER_URL:
        return None
    timeout = settings.HEALTHZ_BROKER_TIMEOUT
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=timeout) as connection:
            connection.ensure_connection(max_retries=1, timeout=timeout)
    except Exception:  # kombu raises transport-specific errors; any of them means down.
        return "unavailable"
    return "ok"
