"""Replaying the statement log into the progress tables (``manage.py rebuild_progress``)."""

from django.db.models import Q

from learning.xapi import vocabulary
from learning.xapi.actors import homepage
from learning.xapi.models import Statement

from .models import Enrolment
from .projection import replay

BATCH = 2000


def rebuild():
    """Delete the progress projection and replay the log; returns the statements replayed.

    One query per batch of statements (keyset paging on stored, id) plus the projection's own.
    Call inside a transaction.
    """
    Enrolment.objects.all().delete()  # lesson progress goes with it (cascade)
    statements = Statement.objects.filter(
        voided=False,
        verb_id__in=[vocabulary.REGISTERED.id, vocabulary.COMPLETED.id],
        object_activity_id__startswith=f"{homepage()}/activities/",
    ).order_by("stored", "id")
    count, page = 0, statements
    while batch := list(page[:BATCH]):
        replay(batch)
        count += len(batch)
        last = batch[-1]
        page = statements.filter(Q(stored__gt=last.stored) | Q(stored=last.stored, pk__gt=last.pk))
    return count
