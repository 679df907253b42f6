"""Forwarding stored statements to external LRSs through a transactional outbox.

* ``enqueue`` runs inside the transaction that stores statements (called by ``store``): one
  ``OutboxEntry`` per statement and active destination that wants it, so nothing stored is
  ever missed and nothing rolled back is ever sent. Dispatch waits for the commit.
* ``forward_batch`` is one unit of work for one destination: claim up to a batch of due rows,
  POST them in one request, record the outcome. ``tasks.forward_statements`` wraps it.
* A failed batch is retried with exponential backoff; after ``XAPI_FORWARD_MAX_ATTEMPTS``
  attempts (or at once for an answer that retrying cannot change, such as 400 or 401) its rows
  become dead letters with the reason in ``last_error``, until someone replays them.

Not sent twice: a row is sent only by the worker holding its claim and is marked sent in the
same breath as the answer; the unique (destination, statement) pair keeps a statement from
being queued twice. If a worker dies between the answer and the mark, the lease runs out and
the batch is sent again, which the spec makes a no-op at the receiving LRS (same id, same
content).
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from learning.xapi import outbound, plainsql
from learning.xapi.models import Destination, OutboxEntry, OutboxStatus, Selection
from learning.xapi.tasks import forward_statements
from learning.xapi.vocabulary import COMPLETED, PASSED, VOIDED

logger = logging.getLogger(__name__)

COMPLETION_VERBS = frozenset({COMPLETED.id, PASSED.id})


# The settings come from the environment (cms/settings/base.py), so a worker process started
# with other values in its environment (as the CI test does) uses them.
def backoff_base():
    return float(settings.XAPI_FORWARD_BACKOFF_SECONDS)


def max_attempts():
    return int(settings.XAPI_FORWARD_MAX_ATTEMPTS)


def batch_size():
    return int(settings.XAPI_FORWARD_BATCH_SIZE)


def backoff(attempts):
    """Seconds to wait after the ``attempts``-th failure: base, 2 × base, 4 × base, … ≤ 6 h."""
    return min(backoff_base() * 2 ** max(attempts - 1, 0), 6 * 3600.0)


def _lease():
    # Long enough for the request and the bookkeeping; a dead worker's rows come back after it.
    return timedelta(seconds=3 * outbound.timeout() + 30)


# --- Queueing (inside the storing transaction) ------------------------------------------


def _wants(destination, row, forwarded_targets):
    if destination.selection == Selection.ALL:
        return True
    if row.verb_id in COMPLETION_VERBS:
        return True
    # A voiding statement follows its target, so the receiver never keeps a voided completion.
    return (
        row.verb_id == VOIDED.id
        and (destination.pk, _uuid(row.object_statement_id)) in forwarded_targets
    )


def _uuid(value):
    return str(uuid.UUID(str(value)))


def _active_destinations():
    """One SELECT, in plain SQL: it runs in every storing transaction, and compiling the ORM
    query cost more CPU than running it."""
    quote = connection.ops.quote_name
    return plainsql.select(
        Destination, f"{quote('is_active')} = %s ORDER BY {quote('name')}", [True]
    )


def enqueue(rows):
    """Queue newly stored Statement rows for every active destination that wants them and
    dispatch after commit. Queries: one SELECT of destinations, one INSERT; one more SELECT
    when a voiding statement meets a completions-only destination."""
    destinations = _active_destinations()
    if not destinations or not rows:
        return
    forwarded_targets = set()
    voided = [row.object_statement_id for row in rows if row.verb_id == VOIDED.id]
    partial = [d.pk for d in destinations if d.selection != Selection.ALL]
    if voided and partial:
        forwarded_targets = {
            (destination_id, _uuid(target))
            for destination_id, target in OutboxEntry.objects.filter(
                destination_id__in=partial, statement__statement_id__in=voided
            ).values_list("destination_id", "statement__statement_id")
        }
    now = timezone.now()
    entries = [
        OutboxEntry(destination=destination, statement=row, next_attempt_at=now)
        for row in rows
        for destination in destinations
        if _wants(destination, row, forwarded_targets)
    ]
    if not entries:
        return
    OutboxEntry.objects.bulk_create(entries, ignore_conflicts=True)
    wanted = sorted({entry.destination_id for entry in entries})
    # robust: a broker that is down must not turn a stored statement into an error; the
    # periodic sweep sends the rows later.
    transaction.on_commit(lambda: dispatch(wanted), robust=True)


def dispatch(destination_ids):
    """Start one forwarding task per destination (no database access)."""

    for destination_id in destination_ids:
        forward_statements.delay(destination_id)


# --- Sending (one batch, one destination) ------------------------------------------------


@dataclass
class BatchResult:
    sent: int = 0
    failed: int = 0
    dead: int = 0
    more: bool = False  # a full batch was claimed: there may be more due rows
    retry_in: float | None = None  # seconds until the failed rows are due again


def claim(destination, limit=None):
    """Claim up to ``limit`` due rows of ``destination``; returns them with their statements.

    On PostgreSQL the candidates are locked with SKIP LOCKED so concurrent workers take
    disjoint batches. Everywhere, the claim is a conditional UPDATE (still pending, still due),
    so two workers can never both claim a row even without row locks (SQLite).
    Queries: one SELECT, one UPDATE, one SELECT.
    """
    now = timezone.now()
    token = uuid.uuid4()
    with transaction.atomic():
        due = OutboxEntry.objects.filter(
            destination=destination, status=OutboxStatus.PENDING, next_attempt_at__lte=now
        ).order_by("id")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        ids = list(due.values_list("id", flat=True)[: limit or batch_size()])
        if not ids:
            return []
        OutboxEntry.objects.filter(
            id__in=ids,
            status=OutboxStatus.PENDING,
            next_attempt_at__lte=now,
        ).update(claim=token, next_attempt_at=now + _lease())
    return list(OutboxEntry.objects.filter(claim=token).select_related("statement").order_by("id"))


def forward_batch(destination_id):
    """Send one batch of due rows to one destination and record the outcome.

    Queries: see ``claim``, then one UPDATE (success) or a bulk UPDATE (failure); one HTTP
    request to the destination.
    """
    destination = Destination.objects.filter(pk=destination_id, is_active=True).first()
    result = BatchResult()
    if destination is None:
        return result
    limit = batch_size()
    entries = claim(destination, limit)
    if not entries:
        return result
    result.more = len(entries) == limit
    try:
        outbound.post_statements(destination, [entry.statement.data for entry in entries])
    except outbound.ForwardingError as error:
        logger.warning(
            "forwarding %d statements to %s failed: %s", len(entries), destination, error
        )
        _record_failure(entries, error, result)
        result.more = False
    else:
        OutboxEntry.objects.filter(pk__in=[entry.pk for entry in entries]).update(
            status=OutboxStatus.SENT, sent_at=timezone.now(), claim=None, last_error=""
        )
        result.sent = len(entries)
    return result


def _record_failure(entries, error, result):
    now = timezone.now()
    limit = max_attempts()
    for entry in entries:
        entry.attempts += 1
        entry.claim = None
        entry.last_error = f"{now:%Y-%m-%d %H:%M:%S %Z} attempt {entry.attempts}: {error}"[:2000]
        if error.permanent or entry.attempts >= limit:
            entry.status = OutboxStatus.DEAD
            entry.next_attempt_at = now
            result.dead += 1
        else:
            delay = backoff(entry.attempts)
            entry.next_attempt_at = now + timedelta(seconds=delay)
            result.failed += 1
            result.retry_in = delay if result.retry_in is None else min(result.retry_in, delay)
    OutboxEntry.objects.bulk_update(
        entries, ["attempts", "claim", "last_error", "status", "next_attempt_at"]
    )


# --- Sweep and replay ----------------------------------------------------------------------


def due_destinations():
    """Ids of active destinations with rows whose (re)try time has come. One SELECT."""
    return list(
        OutboxEntry.objects.filter(
            status=OutboxStatus.PENDING,
            next_attempt_at__lte=timezone.now(),
            destination__is_active=True,
        )
        .values_list("destination_id", flat=True)
        .distinct()
        .order_by("destination_id")
    )


def replay(entries):
    """Put dead letters (a queryset of OutboxEntry) back in the queue and dispatch after
    commit; returns how many. Rows not dead are left alone. One SELECT, one UPDATE."""
    dead = entries.filter(status=OutboxStatus.DEAD)
    destination_ids = sorted(set(dead.values_list("destination_id", flat=True)))
    count = dead.update(
        status=OutboxStatus.PENDING, attempts=0, claim=None, next_attempt_at=timezone.now()
    )
    if count:
        transaction.on_commit(lambda: dispatch(destination_ids), robust=True)
    return count
