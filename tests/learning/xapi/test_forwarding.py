"""Forwarding to external LRSs: the outbox, batches, backoff, dead letters and replay.

The HTTP seam (``outbound.post_statements``) is patched here; test_forwarding_external.py
talks to a real LRS.
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from learning.xapi import forwarding, outbound, projections
from learning.xapi.factories import DestinationFactory, statement_data
from learning.xapi.models import OutboxEntry, OutboxStatus, Selection
from learning.xapi.store import store_statements
from learning.xapi.vocabulary import ATTEMPTED, VOIDED

pytestmark = pytest.mark.django_db


@pytest.fixture
def post():
    with mock.patch.object(outbound, "post_statements", autospec=True) as patched:
        yield patched


@pytest.fixture
def backoff(settings):
    settings.XAPI_FORWARD_BACKOFF_SECONDS = 10
    settings.XAPI_FORWARD_MAX_ATTEMPTS = 3
    return 10


def attempted():
    return statement_data(verb=ATTEMPTED.as_json())


def voiding(target_id):
    return statement_data(
        verb=VOIDED.as_json(), object={"objectType": "StatementRef", "id": target_id}
    )


def queued(destination):
    return sorted(
        str(s)
        for s in OutboxEntry.objects.filter(destination=destination).values_list(
            "statement__statement_id", flat=True
        )
    )


def test_storing_statements_queues_one_row_per_statement_and_active_destination(post):
    first, second = DestinationFactory(), DestinationFactory()
    DestinationFactory(is_active=False)
    batch = [statement_data(), statement_data()]

    store_statements(batch)

    ids = sorted(s["id"] for s in batch)
    assert queued(first) == ids
    assert queued(second) == ids
    assert OutboxEntry.objects.count() == 4


def test_a_completions_only_destination_gets_only_completions(post):
    destination = DestinationFactory(selection=Selection.COMPLETIONS)
    completion, attempt = statement_data(), attempted()

    store_statements([completion, attempt])

    assert queued(destination) == [completion["id"]]


def test_a_completions_only_destination_gets_the_voiding_of_a_completion_it_got(post):
    destination = DestinationFactory(selection=Selection.COMPLETIONS)
    completion, attempt = statement_data(), attempted()
    store_statements([completion, attempt])
    void_completion, void_attempt = voiding(completion["id"]), voiding(attempt["id"])

    store_statements([void_completion, void_attempt])

    assert queued(destination) == sorted([completion["id"], void_completion["id"]])


def test_a_rolled_back_batch_queues_nothing(post):
    DestinationFactory()

    def broken(statements):
        raise RuntimeError("projection failed")

    projections.register(broken)
    try:
        with pytest.raises(RuntimeError):
            store_statements([statement_data()])
    finally:
        projections.unregister(broken)

    assert OutboxEntry.objects.count() == 0


def test_a_resent_statement_is_not_queued_twice(post):
    destination = DestinationFactory()
    statement = statement_data()

    store_statements([statement])
    store_statements([statement])

    assert queued(destination) == [statement["id"]]


def test_dispatch_waits_for_the_commit_and_sends_the_stored_statements(
    post, django_capture_on_commit_callbacks
):
    destination = DestinationFactory()
    statement = statement_data()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        store_statements([statement])
    assert post.call_count == 0
    for callback in callbacks:
        callback()

    sent_to, payload = post.call_args.args
    assert sent_to == destination
    assert [s["id"] for s in payload] == [statement["id"]]
    assert payload[0]["stored"] and payload[0]["authority"]
    assert OutboxEntry.objects.get().status == OutboxStatus.SENT


def test_a_batch_is_at_most_the_configured_size_and_the_rest_follows(post, settings):
    settings.XAPI_FORWARD_BATCH_SIZE = 2
    destination = DestinationFactory()
    store_statements([statement_data() for _ in range(3)])

    first = forwarding.forward_batch(destination.pk)
    second = forwarding.forward_batch(destination.pk)

    assert (first.sent, first.more, second.sent, second.more) == (2, True, 1, False)
    assert [len(c.args[1]) for c in post.call_args_list] == [2, 1]
    assert not OutboxEntry.objects.exclude(status=OutboxStatus.SENT).exists()


def test_a_failed_batch_is_retried_with_exponential_backoff(post, backoff):
    destination = DestinationFactory()
    store_statements([statement_data()])
    post.side_effect = outbound.ForwardingError("no answer")

    before = timezone.now()
    result = forwarding.forward_batch(destination.pk)
    entry = OutboxEntry.objects.get()
    assert (entry.status, entry.attempts, result.retry_in) == (OutboxStatus.PENDING, 1, backoff)
    assert entry.next_attempt_at >= before + timedelta(seconds=backoff)
    OutboxEntry.objects.update(next_attempt_at=timezone.now())

    result = forwarding.forward_batch(destination.pk)

    entry.refresh_from_db()
    assert (entry.attempts, result.retry_in) == (2, 2 * backoff)
    assert "no answer" in entry.last_error


def test_rows_not_yet_due_are_not_sent(post, backoff):
    destination = DestinationFactory()
    store_statements([statement_data()])
    OutboxEntry.objects.update(next_attempt_at=timezone.now() + timedelta(seconds=60))

    result = forwarding.forward_batch(destination.pk)

    assert result.sent == 0
    assert post.call_count == 0


def test_a_claimed_row_is_not_claimed_again_by_another_worker(post):
    destination = DestinationFactory()
    store_statements([statement_data()])

    first = forwarding.claim(destination)
    second = forwarding.claim(destination)

    assert len(first) == 1
    assert second == []


def test_after_the_last_attempt_the_row_becomes_a_dead_letter_with_its_reason(post, backoff):
    destination = DestinationFactory()
    store_statements([statement_data()])
    post.side_effect = outbound.ForwardingError("HTTP 503 Service Unavailable: down")

    for _ in range(3):
        OutboxEntry.objects.update(next_attempt_at=timezone.now())
        forwarding.forward_batch(destination.pk)

    entry = OutboxEntry.objects.get()
    assert (entry.status, entry.attempts) == (OutboxStatus.DEAD, 3)
    assert "HTTP 503" in entry.last_error


def test_an_answer_retrying_cannot_change_makes_a_dead_letter_at_once(post, backoff):
    destination = DestinationFactory()
    store_statements([statement_data()])
    post.side_effect = outbound.ForwardingError("HTTP 400 Bad Request: no", permanent=True)

    result = forwarding.forward_batch(destination.pk)

    assert result.dead == 1
    assert OutboxEntry.objects.get().status == OutboxStatus.DEAD


def test_an_inactive_destination_is_not_sent_to(post):
    destination = DestinationFactory()
    store_statements([statement_data()])
    destination.is_active = False
    destination.save()

    assert forwarding.forward_batch(destination.pk).sent == 0
    assert forwarding.due_destinations() == []


def test_the_sweep_finds_destinations_with_due_rows(post):
    due, later = DestinationFactory(), DestinationFactory()
    store_statements([statement_data()])
    OutboxEntry.objects.filter(destination=later).update(
        next_attempt_at=timezone.now() + timedelta(hours=1)
    )

    assert forwarding.due_destinations() == [due.pk]


def test_the_sweep_task_sends_what_is_due(post):
    from learning.xapi.tasks import sweep_outbox

    DestinationFactory()
    store_statements([statement_data()])

    sweep_outbox.delay()

    assert OutboxEntry.objects.get().status == OutboxStatus.SENT


def test_replay_command_queues_dead_letters_again_and_sends_them(
    post, django_capture_on_commit_callbacks, capsys
):
    destination = DestinationFactory()
    store_statements([statement_data(), statement_data()])
    OutboxEntry.objects.update(status=OutboxStatus.DEAD, attempts=8, last_error="down")

    with django_capture_on_commit_callbacks(execute=True):
        call_command("replay_forwarding", "--destination", str(destination.pk))

    assert "2 dead letters" in capsys.readouterr().out
    assert set(OutboxEntry.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}


def test_replay_leaves_rows_that_are_not_dead_alone(post):
    DestinationFactory()
    store_statements([statement_data()])
    OutboxEntry.objects.update(status=OutboxStatus.SENT)

    assert forwarding.replay(OutboxEntry.objects.all()) == 0
    assert OutboxEntry.objects.get().status == OutboxStatus.SENT


def test_the_beat_schedule_names_the_registered_sweep_task():
    from cms.celery import app
    from learning.xapi.schedule import BEAT_SCHEDULE

    app.loader.import_default_modules()
    assert all(entry["task"] in app.tasks for entry in BEAT_SCHEDULE.values())
