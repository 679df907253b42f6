"""Forwarding end to end against a real, independent LRS on loopback (Learning Locker's
statement service), through a real Celery worker, including the LRS going down and coming back.
"""

import time
from collections import Counter

import pytest
from django.db import connection

from learning.xapi.factories import DestinationFactory, statement_data
from learning.xapi.models import OutboxEntry, OutboxStatus
from learning.xapi.store import store_statements
from tests.learning.xapi.external_lrs import ExternalLrs, RecordingProxy, ensure_installed
from tests.services import require_postgresql

pytestmark = pytest.mark.services


@pytest.fixture(scope="session")
def external_lrs(tmp_path_factory):
    ensure_installed()
    lrs = ExternalLrs(tmp_path_factory.mktemp("external-lrs"))
    lrs.start()
    yield lrs
    lrs.stop()


@pytest.fixture
def proxy(external_lrs):
    recording = RecordingProxy(external_lrs.base)
    yield recording
    recording.close()


@pytest.fixture
def running_lrs(external_lrs):
    """The external LRS, started again after the test if the test stopped it."""
    yield external_lrs
    if external_lrs.process is None:
        external_lrs.start()


@pytest.fixture
def fast_retries(monkeypatch, settings):
    """Seconds, not minutes, between retries; the worker process reads them from its
    environment, which it copies when it starts (so request this before the worker)."""
    for name, value in (
        ("XAPI_FORWARD_BACKOFF_SECONDS", "0.5"),
        ("XAPI_FORWARD_MAX_ATTEMPTS", "10"),
        ("XAPI_FORWARD_BATCH_SIZE", "40"),
    ):
        monkeypatch.setenv(name, value)
        setattr(settings, name, float(value))


def wait_for(condition, timeout, message):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(message)


def test_stored_statements_reach_the_external_lrs_as_stored(
    db, proxy, external_lrs, django_capture_on_commit_callbacks
):
    DestinationFactory(endpoint=proxy.base)
    batch = [statement_data(), statement_data()]

    with django_capture_on_commit_callbacks(execute=True):
        store_statements(batch)

    assert sorted(proxy.accepted) == sorted(s["id"] for s in batch)
    copy = external_lrs.get(batch[0]["id"])
    assert copy["verb"] == batch[0]["verb"]
    assert copy["actor"] == batch[0]["actor"]
    assert set(OutboxEntry.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}


def test_nothing_is_lost_or_sent_twice_when_the_external_lrs_is_down_and_comes_back(
    fast_retries, celery_worker_process, running_lrs, proxy
):
    require_postgresql()  # the worker must see this test's rows
    destination = DestinationFactory(endpoint=proxy.base)
    running_lrs.stop()

    batches = [[statement_data() for _ in range(60)]] + [[statement_data()] for _ in range(5)]
    for batch in batches:
        store_statements(batch)  # committed: on_commit dispatches to the worker
    ids = sorted(s["id"] for batch in batches for s in batch)
    outbox = OutboxEntry.objects.filter(destination=destination)

    wait_for(
        lambda: not outbox.filter(attempts__lt=2).exists(),
        30,
        "the worker did not retry every row while the LRS was down",
    )
    assert not outbox.exclude(status=OutboxStatus.PENDING).exists()  # retrying, none dead
    assert proxy.accepted == []
    assert "no answer" in outbox.first().last_error

    running_lrs.start()
    wait_for(
        lambda: not outbox.exclude(status=OutboxStatus.SENT).exists(),
        60,
        "not everything was delivered after the LRS came back",
    )

    connection.close()  # the counts below must not race the worker's last commit
    assert sorted(proxy.accepted) == ids
    assert max(Counter(proxy.accepted).values()) == 1
    assert all(running_lrs.get(statement_id) is not None for statement_id in ids)
