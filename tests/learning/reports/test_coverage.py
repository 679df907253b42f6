"""Coverage numbers on the hand-built tree, checked against counts worked out by hand."""

from django.utils import timezone

from learning.competences.status import Status, statuses_for_people, subtree_predicate
from learning.reports.coverage import (
    Counts,
    aggregate,
    child_key,
    rows_for_people,
    worst,
)
from learning.reports.dashboard import Filters, build_dashboard
from learning.reports.permissions import coverage_roots

from .conftest import EXPECTED


def expected_counts(unit, code):
    counts = Counts()
    for status, number in EXPECTED.get((unit, code), {}).items():
        counts.add(status, number)
    return counts


def test_each_unit_and_competence_has_the_counts_worked_out_by_hand(tree):
    paths = [tree["home_care"].path]
    people = [p.pk for p in tree["people"].values()]
    rows = rows_for_people(people, timezone.localdate(), subtree_predicate(paths))
    grouped = aggregate(rows, child_key(tree["home_care"].path))
    for unit in ("north", "south"):
        for code, competence in (("N8", tree["n8"]), ("N3", tree["n3"])):
            got = grouped[tree[unit].path].get(competence.pk, Counts())
            want = expected_counts(unit, code)
            assert (got.people, got.by_status) == (want.people, want.by_status), (unit, code)


def test_the_unit_total_is_the_sum_of_its_children(manager, tree):
    roots = coverage_roots(manager)
    top = build_dashboard(roots, Filters())
    # Hanne's only scope root is Hjemmeplejen: one row per competence, rolled up.
    n8_row = next(row for row in top.table.rows if row[1].text.startswith("N8"))
    assert n8_row[0].text == "Hjemmeplejen"
    assert n8_row[2].value == 5 + 4  # five in Team Nord, four in Team Syd
    assert n8_row[4].value == 2  # met: Anna and Ida
    assert top.table.totals[-1][2].value == 9 + 3  # all competences: N8 for 9, N3 for 3


def test_the_share_met_counts_expiring_records_as_met(manager, tree):
    north = build_dashboard(coverage_roots(manager), Filters(), unit=tree["home_care"])
    row = next(r for r in north.table.rows if r[0].text == "Team Nord")
    assert row[3].value == 100  # met, or expiring but still valid: all five are covered


def test_a_person_with_two_requirements_for_one_competence_shows_the_worst(tree):
    rows = rows_for_people([tree["people"]["hans"].pk], timezone.localdate())
    assert [(r.competence_id, r.status, r.level) for r in rows] == [
        (tree["n8"].pk, Status.OVERDUE, 2)
    ]


def test_a_job_at_another_employer_stays_out_of_the_managers_numbers(tree):
    ida = tree["people"]["ida"]
    everything = rows_for_people([ida.pk], timezone.localdate())
    scoped = rows_for_people(
        [ida.pk], timezone.localdate(), subtree_predicate([tree["home_care"].path])
    )
    assert {r.competence_id for r in everything} == {tree["n8"].pk, tree["n1"].pk}
    assert {r.competence_id for r in scoped} == {tree["n8"].pk}


def test_every_status_agrees_with_the_status_module(tree):
    people = [p.pk for p in tree["people"].values()]
    statuses = statuses_for_people(people)
    for row in rows_for_people(people, timezone.localdate()):
        mine = [
            s.status
            for s in statuses[row.user_id]
            if s.requirement.competence_id == row.competence_id
        ]
        assert row.status == worst(mine)


def test_filters_narrow_the_rows_by_role_and_status(manager, tree):
    roots = coverage_roots(manager)
    only_ssa = build_dashboard(roots, Filters(role_id=tree["ssa"].pk), unit=tree["home_care"])
    assert {row[0].text for row in only_ssa.table.rows} == {"Team Syd"}
    overdue = build_dashboard(roots, Filters(status="overdue"), unit=tree["home_care"])
    assert overdue.table.totals[-1][2].value == 3  # Frida twice, Hans once
    assert all(row[6].value == row[2].value for row in overdue.table.rows)


def test_grouping_by_role_gives_one_row_per_role_and_competence(manager, tree):
    table = build_dashboard(
        coverage_roots(manager), Filters(group="role"), unit=tree["home_care"]
    ).table
    assert sorted((row[0].text, row[1].text[:2], row[2].value) for row in table.rows) == [
        ("Leder", "N8", 1),
        ("Social- og sundhedsassistent", "N3", 3),
        ("Social- og sundhedsassistent", "N8", 3),
        ("Social- og sundhedshjælper", "N8", 5),
    ]


def test_the_dashboard_query_count_does_not_grow_with_people(
    manager, tree, django_assert_max_num_queries
):
    from learning.accounts.factories import UserFactory
    from learning.organisations.factories import JobAssignmentFactory

    roots = coverage_roots(manager)
    with django_assert_max_num_queries(10) as before:
        build_dashboard(roots, Filters(), unit=tree["home_care"])
    for _n in range(15):
        JobAssignmentFactory(user=UserFactory(), unit=tree["south"], role=tree["ssa"])
    with django_assert_max_num_queries(len(before.captured_queries)):
        build_dashboard(roots, Filters(), unit=tree["home_care"])
