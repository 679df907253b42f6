"""Statements and their side-table rows go in as one query for a batch below COPY_FROM_ROWS
and by COPY from it (learning.xapi.bulk, on PostgreSQL); both must leave every statement
findable by its agent and activities."""

import json

import pytest

from learning.xapi.bulk import COPY_FROM_ROWS
from learning.xapi.factories import agent, statement_data
from learning.xapi.models import Statement, StatementActivity, StatementAgent
from tests.services import require_postgresql

PARENT = "https://lms.example.org/courses/fmk"


def _batch(size, person):
    return [
        statement_data(
            actor=person,
            object={"objectType": "Activity", "id": f"https://lms.example.org/lessons/{n}"},
            context={"contextActivities": {"parent": [{"id": PARENT}]}},
        )
        for n in range(size)
    ]


def _found(lrs, params):
    return {s["id"] for s in lrs.get({**params, "limit": "0"}).json()["statements"]}


@pytest.mark.parametrize("size", [1, COPY_FROM_ROWS])  # a few side-table rows, then many
def test_every_statement_of_a_batch_is_found_by_agent_and_related_activity(lrs, size):
    person = agent(f"bulk-{size}")
    batch = _batch(size, person)
    assert lrs.post(batch).status_code == 200

    by_agent = _found(lrs, {"agent": json.dumps(person)})
    by_parent = _found(lrs, {"activity": PARENT, "related_activities": "true"})

    assert by_agent == by_parent == {s["id"] for s in batch}


@pytest.mark.parametrize("size", [1, COPY_FROM_ROWS])
def test_side_tables_hold_actor_authority_object_and_parent_per_statement(lrs, size):
    assert lrs.post(_batch(size, agent(f"rows-{size}"))).status_code == 200

    assert StatementAgent.objects.count() == 2 * size  # actor (direct) and authority
    assert StatementAgent.objects.filter(direct=True).count() == size
    assert StatementActivity.objects.count() == 2 * size  # object and parent


def _statement_queries(lrs, body):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert lrs.post(body).status_code == 200
    return [q["sql"] for q in captured.captured_queries if '"xapi_statement"' in q["sql"]]


def test_a_single_statement_or_a_small_batch_costs_one_query_on_postgresql(lrs):
    """The duplicate check and the early-voiding look-up are part of the INSERT
    (bulk._insert_if_new); elsewhere they are a SELECT before it."""
    from django.db import connection

    for body in (_batch(1, agent("single"))[0], _batch(COPY_FROM_ROWS - 1, agent("small"))):
        queries = _statement_queries(lrs, body)

        if connection.vendor == "postgresql":
            assert len(queries) == 1 and "ON CONFLICT" in queries[0]
        else:
            assert [q.split()[0] for q in queries] == ["SELECT", "INSERT"]


def test_a_large_batch_costs_a_select_the_pks_and_a_copy_on_postgresql(lrs):
    from django.db import connection

    queries = _statement_queries(lrs, _batch(90, agent("large")))

    if connection.vendor == "postgresql":
        # (the new pks come from the sequence in a query that names the table as a parameter)
        assert [q.split()[0] for q in queries] == ["SELECT", "COPY"]
    else:  # bulk_create splits by SQLite's limit on parameters
        assert queries[0].startswith("SELECT")
        assert {q.split()[0] for q in queries[1:]} == {"INSERT"}


def test_a_repeated_statement_in_a_small_batch_is_checked_after_the_insert(lrs):
    """A statement not inserted (its id is stored) is compared with the stored one: the same
    content is no error, other content a 409 that stores nothing of the batch."""
    stored = _batch(1, agent("repeat"))[0]
    assert lrs.post(stored).status_code == 200
    fresh = _batch(1, agent("repeat-2"))[0]

    assert lrs.post([stored, fresh]).status_code == 200
    changed = {**stored, "result": {"completion": True}}
    other = _batch(1, agent("repeat-3"))[0]
    assert lrs.post([other, changed]).status_code == 409

    ids = {str(i) for i in Statement.objects.values_list("statement_id", flat=True)}
    assert ids == {stored["id"], fresh["id"]}


def test_a_copied_batch_half_stored_already_stores_the_other_half(lrs):
    require_postgresql()
    person = agent("half-stored")
    batch = _batch(COPY_FROM_ROWS + 12, person)
    assert lrs.post(batch[:12]).status_code == 200

    assert lrs.post(batch).status_code == 200  # 12 stored already, the rest new

    pks = dict(
        Statement.objects.filter(statement_id__in=[s["id"] for s in batch]).values_list(
            "statement_id", "pk"
        )
    )
    assert len(pks) == len(batch) == len(set(pks.values()))
    assert _found(lrs, {"agent": json.dumps(person)}) == {s["id"] for s in batch}
