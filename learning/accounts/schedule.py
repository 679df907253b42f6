"""Celery beat entries of the accounts app, for ``CELERY_BEAT_SCHEDULE`` in settings:

from learning.accounts.schedule import BEAT_SCHEDULE as ACCOUNTS_BEAT_SCHEDULE
CELERY_BEAT_SCHEDULE = {**XAPI_BEAT_SCHEDULE, **ACCOUNTS_BEAT_SCHEDULE}
"""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "accounts-thin-detail-statements": {
        "task": "learning.accounts.tasks.thin_detail_statements",
        # At night, when nobody is taking courses; the job is idempotent, so a missed or
        # repeated run does no harm.
        "schedule": crontab(hour=3, minute=30),
    },
}
