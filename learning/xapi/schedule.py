"""Celery beat entries of the LRS, for ``CELERY_BEAT_SCHEDULE`` in settings:

from learning.xapi.schedule import BEAT_SCHEDULE as XAPI_BEAT_SCHEDULE
CELERY_BEAT_SCHEDULE = {**XAPI_BEAT_SCHEDULE}
"""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "xapi-forwarding-sweep": {
        "task": "learning.xapi.tasks.sweep_outbox",
        "schedule": 60.0,  # seconds; retries are also scheduled by countdown when they fail
    },
    "xapi-thin-detail-statements": {
        "task": "learning.xapi.tasks.thin_detail_statements",
        # At night, when nobody is taking courses; the job is idempotent, so a missed or
        # repeated run does no harm.
        "schedule": crontab(hour=3, minute=30),
    },
}
