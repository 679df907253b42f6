"""Projections run inside the storing transaction: they see new statements, and their failure
rolls the batch back."""

import pytest

from learning.xapi import projections
from learning.xapi.factories import statement_data
from learning.xapi.models import Statement


@pytest.fixture
def seen():
    calls = []

    def dummy_projection(statements):
        calls.append([str(s.statement_id) for s in statements])

    projections.register(dummy_projection)
    yield calls
    projections.unregister(dummy_projection)


def test_a_registered_projection_receives_the_stored_statements(lrs, seen):
    batch = [statement_data(), statement_data()]

    lrs.post(batch)

    assert seen == [[s["id"] for s in batch]]


def test_duplicates_are_not_projected_twice(lrs, seen):
    statement = statement_data()
    lrs.post(statement)

    lrs.post(statement)

    assert seen == [[statement["id"]]]


def test_a_failing_projection_rolls_back_the_batch(lrs):
    def broken_projection(statements):
        raise RuntimeError("projection failed")

    projections.register(broken_projection)
    try:
        with pytest.raises(RuntimeError):
            lrs.post(statement_data())
    finally:
        projections.unregister(broken_projection)

    assert Statement.objects.count() == 0


def test_register_is_idempotent():
    def projection(statements):
        return None

    projections.register(projection)
    projections.register(projection)
    try:
        assert projections.registered().count(projection) == 1
    finally:
        projections.unregister(projection)
