"""Celery beat entries of the LRS, for ``CELERY_BEAT_SCHEDULE`` in settings:

from learning.xapi.schedule import BEAT_SCHEDULE as XAPI_BEAT_SCHEDULE
CELERY_BEAT_SCHEDULE = {**XAPI_BEAT_SCHEDULE}
"""

BEAT_SCHEDULE = {
    "xapi-forwarding-sweep": {
        "task": "learning.xapi.tasks.sweep_outbox",
        "schedule": 60.0,  # seconds; retries are also scheduled by countdown when they fail
    },
}
