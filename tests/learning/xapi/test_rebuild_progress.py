"""manage.py rebuild_progress: every projection emptied and rebuilt from the log gives the state
it reached live."""

from collections import Counter

import pytest
from django.core.management import call_command

from learning.xapi import projections
from learning.xapi.factories import agent, statement_data
from learning.xapi.management.commands.rebuild_progress import rebuild
from learning.xapi.models import Statement
from learning.xapi.store import store_statements
from learning.xapi.vocabulary import ATTEMPTED, PASSED, VOIDED

pytestmark = pytest.mark.django_db


class VerbCounts:
    """A projection defined for the test: which verb each live (not voided) statement has."""

    def __init__(self):
        self.verbs = {}
        self.resets = 0

    def project(self, statements):
        for statement in statements:
            if statement.verb_id == VOIDED.id:
                self.verbs.pop(str(statement.object_statement_id).lower(), None)
            else:
                self.verbs[str(statement.statement_id)] = statement.verb_id

    def reset(self):
        self.verbs.clear()
        self.resets += 1

    def counts(self):
        return Counter(self.verbs.values())


@pytest.fixture
def counts():
    projection = VerbCounts()
    projections.register(projection.project, reset=projection.reset)
    yield projection
    projections.unregister(projection.project)


def store_history():
    """A little history: completions, attempts, a pass, a voided completion, and a re-send."""
    first = statement_data()
    store_statements([first, statement_data(verb=ATTEMPTED.as_json())])
    store_statements([statement_data(actor=agent("learner-2"), verb=PASSED.as_json())])
    store_statements(
        [
            statement_data(
                verb=VOIDED.as_json(), object={"objectType": "StatementRef", "id": first["id"]}
            )
        ]
    )
    store_statements([statement_data() for _ in range(5)])
    store_statements([first])


def test_rebuild_gives_the_state_the_projection_reached_live(counts):
    store_history()
    live = counts.counts()

    replayed = rebuild(chunk_size=3)

    assert counts.resets == 1
    assert counts.counts() == live
    assert replayed == 8  # 9 stored, the voided completion left out


def test_rebuild_starts_from_empty_tables(counts):
    store_history()
    live = counts.counts()
    counts.verbs["stale"] = "https://example.org/verbs/left-over"

    rebuild()

    assert counts.counts() == live


def test_replay_passes_statements_oldest_first_across_chunks(counts):
    store_history()
    seen = []

    def order(statements):
        seen.extend(str(s.statement_id) for s in statements)

    projections.register(order)
    try:
        rebuild(chunk_size=2)
    finally:
        projections.unregister(order)

    expected = Statement.objects.filter(voided=False).order_by("stored", "id")
    assert seen == [str(s.statement_id) for s in expected]


def test_the_command_reports_how_many_statements_it_replayed(counts, capsys):
    store_history()

    call_command("rebuild_progress", "--chunk-size", "4")

    assert "replayed 8 statements" in capsys.readouterr().out


def test_register_without_reset_still_works_as_before():
    def projection(statements):
        return None

    before = projections.resets()
    projections.register(projection)
    try:
        assert projection in projections.registered()
        assert projections.resets() == before
    finally:
        projections.unregister(projection)
