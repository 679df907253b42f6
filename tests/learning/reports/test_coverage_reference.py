"""The report path (bulk loading, local dates from the database, requirements indexed per job)
gives exactly the rows of the plainest per-person path: each person's own jobs and records read
one by one through the ORM, every requirement in the database, and the status module's pure core.
"""

from django.utils import timezone

from learning.competences.models import CompetenceRecord, Requirement
from learning.competences.status import (
    AssignmentFact,
    RecordFact,
    RequirementFact,
    Status,
    person_statuses,
    subtree_predicate,
)
from learning.organisations.models import JobAssignment
from learning.reports.coverage import (
    aggregate,
    child_key,
    person_rows,
    rows_for_people,
)
from learning.reports.dashboard import Filters, build_dashboard, people_under
from learning.reports.permissions import coverage_roots

from .conftest import days


def reference_rows(user_ids, on, in_scope=None):
    """Coverage rows person by person, with nothing precomputed. Several queries per person."""
    requirements = [
        RequirementFact(
            r.pk,
            r.unit.path,
            r.include_subtree,
            r.role_id,
            r.competence_id,
            r.level,
            r.due_within_days,
            r.renew_every_months,
        )
        for r in Requirement.objects.select_related("unit")
    ]
    rows = []
    for user_id in user_ids:
        assignments = [
            AssignmentFact(
                a.pk, a.user_id, a.unit_id, a.unit.path, a.role_id, a.starts_on, a.ends_on
            )
            for a in JobAssignment.objects.filter(user_id=user_id).select_related("unit")
        ]
        records = [
            RecordFact(
                r.pk,
                r.user_id,
                r.competence_id,
                r.level,
                timezone.localdate(r.achieved_at),
                r.valid_until,
            )
            for r in CompetenceRecord.objects.filter(user_id=user_id)
        ]
        statuses = person_statuses(requirements, assignments, records, on)
        rows += person_rows(statuses, assignments, on, in_scope)
    return rows


def everyone(tree):
    return [person.pk for person in tree["people"].values()]


def test_the_tree_has_every_status_and_a_person_with_two_jobs_in_scope(richer_tree):
    rows = reference_rows(everyone(richer_tree), timezone.localdate())
    assert {row.status for row in rows} == set(Status)
    karl = richer_tree["people"]["karl"]
    assert JobAssignment.objects.active_on(timezone.localdate()).filter(user=karl).count() == 2


def test_a_record_taken_just_after_local_midnight_counts_from_that_local_day(richer_tree):
    anna = richer_tree["people"]["anna"]
    rows = rows_for_people([anna.pk], timezone.localdate())
    n1 = next(row for row in rows if row.competence_id == richer_tree["n1"].pk)
    assert (n1.status, n1.expires_on) == (Status.EXPIRING_30, days(1))


def test_report_rows_equal_the_per_person_rows_for_everyone(richer_tree):
    today = timezone.localdate()
    people = everyone(richer_tree)
    assert sorted(rows_for_people(people, today), key=repr) == sorted(
        reference_rows(people, today), key=repr
    )


def test_report_rows_equal_the_per_person_rows_inside_a_managers_scope(richer_tree):
    today = timezone.localdate()
    paths = [richer_tree["home_care"].path]
    people = list(people_under(paths, today))
    in_scope = subtree_predicate(paths)
    assert sorted(rows_for_people(people, today, in_scope), key=repr) == sorted(
        reference_rows(people, today, in_scope), key=repr
    )


def test_dashboard_counts_equal_the_per_person_counts(manager, richer_tree):
    home_care = richer_tree["home_care"]
    today = timezone.localdate()
    people = everyone(richer_tree)
    expected = aggregate(
        reference_rows(people, today, subtree_predicate([home_care.path])),
        child_key(home_care.path),
    )
    dashboard = build_dashboard(coverage_roots(manager), Filters(), unit=home_care)
    got = aggregate(dashboard.rows, child_key(home_care.path))
    assert {
        group: {c: (n.people, n.by_status) for c, n in cells.items()}
        for group, cells in got.items()
    } == {
        group: {c: (n.people, n.by_status) for c, n in cells.items()}
        for group, cells in expected.items()
    }


def test_a_person_with_two_jobs_in_the_scope_counts_once(manager, richer_tree):
    dashboard = build_dashboard(coverage_roots(manager), Filters(), unit=richer_tree["home_care"])
    n8 = next(row for row in dashboard.table.totals if row[1].text.startswith("N8"))
    assert n8[2].value == 5 + 4 + 1  # Team Nord, Team Syd, and Karl once although in both


def test_people_under_lists_each_person_once(richer_tree):
    ids = list(people_under([richer_tree["home_care"].path], timezone.localdate()))
    assert len(ids) == len(set(ids))
    assert richer_tree["people"]["karl"].pk in ids
