"""The Statement instances the store builds for a batch (learning.xapi.store._row): the
ordinary model constructor, so a listener on its signals sees every statement stored."""

import pytest
from django.db.models.signals import post_init, pre_init

from learning.xapi import projections, store
from learning.xapi.factories import agent, statement_data
from learning.xapi.models import Statement


def _prepared(credential, count=3):
    batch = [
        statement_data(
            actor=agent(f"rows-{n}"),
            context={"registration": "0f2b8a1c-7d3e-4f5a-9b6c-1d2e3f4a5b6c"},
        )
        for n in range(count)
    ]
    return store.prepare(batch, authority=credential.authority, credential=credential)


def test_a_built_row_is_an_unsaved_statement_with_its_columns(credential):
    for row in _prepared(credential):
        assert row.registration == "0f2b8a1c-7d3e-4f5a-9b6c-1d2e3f4a5b6c"
        assert row.credential_id == credential.pk
        assert str(row.statement_id) == row.data["id"]
        assert row.pk is None


def test_a_built_row_reads_its_credential_without_a_query(credential, django_assert_num_queries):
    (row,) = _prepared(credential, 1)

    with django_assert_num_queries(0):
        assert row.credential == credential


@pytest.mark.parametrize("signal", [pre_init, post_init], ids=["pre_init", "post_init"])
def test_a_listener_on_statement_instances_sees_every_statement_of_a_batch(lrs, signal):
    seen = []

    def listener(sender, **kwargs):
        seen.append(kwargs.get("instance"))

    stored = []
    projections.register(stored.extend)
    signal.connect(listener, sender=Statement)
    try:
        batch = [statement_data(actor=agent(f"listened-{n}")) for n in range(5)]
        assert lrs.post(batch).status_code == 200
    finally:
        signal.disconnect(listener, sender=Statement)
        projections.unregister(stored.extend)

    assert len(seen) == 5
    assert [row.statement_id for row in stored] == [s["id"] for s in batch]
    if signal is post_init:
        assert seen == stored


def test_statements_of_a_batch_read_back_whole(lrs):
    batch = [statement_data(actor=agent(f"batch-{n}")) for n in range(60)]

    assert lrs.post(batch).status_code == 200

    rows = Statement.objects.filter(statement_id__in=[s["id"] for s in batch])
    assert rows.count() == 60
    by_id = {str(row.statement_id): row for row in rows}
    for sent in batch:
        row = by_id[sent["id"]]
        assert row.data["actor"] == sent["actor"]
        assert (
            row.actor_key == f"account:https://lms.example.org|{sent['actor']['account']['name']}"
        )
        assert row.verb_id == sent["verb"]["id"]
        assert row.object_activity_id == sent["object"]["id"]
