"""The statement side tables are written by one INSERT for a few rows and by COPY for many
(learning.xapi.bulk, on PostgreSQL); both must leave every statement findable by its agent
and activities."""

import json

import pytest

from learning.xapi.bulk import _COPY_FROM_ROWS
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


@pytest.mark.parametrize("size", [1, _COPY_FROM_ROWS])  # a few side-table rows, then many
def test_every_statement_of_a_batch_is_found_by_agent_and_related_activity(lrs, size):
    person = agent(f"bulk-{size}")
    batch = _batch(size, person)
    assert lrs.post(batch).status_code == 200

    by_agent = _found(lrs, {"agent": json.dumps(person)})
    by_parent = _found(lrs, {"activity": PARENT, "related_activities": "true"})

    assert by_agent == by_parent == {s["id"] for s in batch}


@pytest.mark.parametrize("size", [1, _COPY_FROM_ROWS])
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


def test_a_single_statement_costs_one_statement_query_on_postgresql(lrs):
    """On PostgreSQL the duplicate check and the early-voiding look-up are part of the INSERT
    (store._new_single); elsewhere they are a SELECT before it."""
    from django.db import connection

    queries = _statement_queries(lrs, _batch(1, agent("single"))[0])

    if connection.vendor == "postgresql":
        assert len(queries) == 1 and "ON CONFLICT" in queries[0]
    else:
        assert len(queries) == 2


def test_a_batch_costs_the_same_queries_whatever_its_size_on_postgresql(lrs):
    from django.db import connection

    small = _statement_queries(lrs, _batch(20, agent("small")))
    large = _statement_queries(lrs, _batch(90, agent("large")))

    if connection.vendor == "postgresql":  # the duplicate check and the COPY
        assert len(small) == len(large) == 2
        assert [q.split()[0] for q in large] == ["SELECT", "COPY"]
    else:  # bulk_create splits by SQLite's limit on parameters
        assert len(small) <= len(large)


def test_a_batch_takes_its_ids_from_the_sequence_in_the_duplicate_check_on_postgresql(lrs):
    """One round trip fewer per POST: the SELECT of stored ids also draws the new pks, and the
    pks drawn for statements stored already are simply not used."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    require_postgresql()
    person = agent("half-stored")
    batch = _batch(30, person)
    assert lrs.post(batch[:12]).status_code == 200

    with CaptureQueriesContext(connection) as captured:
        assert lrs.post(batch).status_code == 200  # 12 stored already, 18 new

    drawing = [q["sql"] for q in captured.captured_queries if "nextval" in q["sql"]]
    assert len(drawing) == 1 and "unnest" in drawing[0]
    pks = dict(
        Statement.objects.filter(statement_id__in=[s["id"] for s in batch]).values_list(
            "statement_id", "pk"
        )
    )
    assert len(pks) == 30 and len(set(pks.values())) == 30
    assert _found(lrs, {"agent": json.dumps(person)}) == {s["id"] for s in batch}
