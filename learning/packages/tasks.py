"""Celery tasks of the packages app: thin wrappers (tests call ``abandonment`` directly too)."""

from celery import shared_task

from . import abandonment


@shared_task(name="learning.packages.tasks.abandon_stale_sessions", ignore_result=True)
def abandon_stale_sessions():
    """Every quarter of an hour: "abandoned" for sessions left open past the timeout."""
    return abandonment.abandon_stale_sessions()
