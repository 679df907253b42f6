"""Celery tasks: thin wrappers that look up ids and call plain functions (which tests call)."""

import datetime

from celery import shared_task
from django.utils import timezone

from . import digests, reminders, snapshots


def _day(iso):
    return datetime.date.fromisoformat(iso) if iso else timezone.localdate()


@shared_task
def take_coverage_snapshot(day=None):
    """Today's coverage counts (and, on the first of a month, the trend point). Idempotent."""
    return snapshots.take_snapshot(_day(day))


@shared_task
def send_digests(day=None):
    """Fan out one task per manager, so one failing e-mail does not stop the others."""
    day = _day(day)
    for manager_id in digests.managers(day):
        send_one_digest.delay(manager_id, day.isoformat())


@shared_task
def send_one_digest(manager_id, day=None):
    return digests.send_digest(manager_id, _day(day))


@shared_task
def send_reminders(day=None):
    return reminders.send_reminders(_day(day))
