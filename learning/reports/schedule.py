"""Celery beat entries of the reports, for ``CELERY_BEAT_SCHEDULE`` in settings:

    from learning.reports.schedule import BEAT_SCHEDULE as REPORTS_BEAT_SCHEDULE
    CELERY_BEAT_SCHEDULE = {**XAPI_BEAT_SCHEDULE, **REPORTS_BEAT_SCHEDULE}

Every job is idempotent, so a missed or doubled beat is harmless. Digests run daily but send at
most once per manager and period (REPORTS_DIGEST_FREQUENCY), so the first run of a period sends.
"""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "reports-coverage-snapshot": {
        "task": "learning.reports.tasks.take_coverage_snapshot",
        "schedule": crontab(hour=2, minute=15),
    },
    "reports-digests": {
        "task": "learning.reports.tasks.send_digests",
        "schedule": crontab(hour=6, minute=30),
    },
    "reports-reminders": {
        "task": "learning.reports.tasks.send_reminders",
        "schedule": crontab(hour=6, minute=0),
    },
}
