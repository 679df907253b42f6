"""Celery beat entries of the packages app, for ``CELERY_BEAT_SCHEDULE`` in settings."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "packages-abandon-stale-sessions": {
        "task": "learning.packages.tasks.abandon_stale_sessions",
        # Often enough that a closed window is abandoned soon after the timeout; the sweep is
        # idempotent, so a missed or repeated run does no harm.
        "schedule": crontab(minute="*/15"),
    },
}
