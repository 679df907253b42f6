"""The status rules as a table, without a database."""

import datetime

import pytest

from learning.competences.status import (
    AssignmentFact,
    RecordFact,
    RequirementFact,
    Status,
    add_months,
    person_statuses,
)

TODAY = datetime.date(2026, 6, 15)
NURSE, HELPER = 1, 2
FMK, VIDEO = 10, 11
REGION, HOSPITAL, WARD, HOME_CARE = "0001", "00010001", "000100010001", "0002"


def days(n):
    return TODAY + datetime.timedelta(days=n)


def requirement(
    id=1,
    unit_path=HOSPITAL,
    include_subtree=True,
    role_id=NURSE,
    competence_id=FMK,
    level=2,
    due_within_days=30,
    renew_every_months=None,
):
    return RequirementFact(
        id,
        unit_path,
        include_subtree,
        role_id,
        competence_id,
        level,
        due_within_days,
        renew_every_months,
    )


HUNDRED_DAYS_AGO, TEN_DAYS_AGO = days(-100), days(-10)


def assignment(id=1, unit_path=WARD, role_id=NURSE, starts_on=HUNDRED_DAYS_AGO, ends_on=None):
    return AssignmentFact(id, 7, 99, unit_path, role_id, starts_on, ends_on)


def record(id=1, competence_id=FMK, level=2, achieved_on=TEN_DAYS_AGO, valid_until=None):
    return RecordFact(id, 7, competence_id, level, achieved_on, valid_until)


def only_status(requirements, assignments, records, on=TODAY):
    statuses = person_statuses(requirements, assignments, records, on)
    assert len(statuses) == 1
    return statuses[0]


@pytest.mark.parametrize(
    ("case", "req", "records", "expected"),
    [
        ("no record, within deadline", requirement(due_within_days=200), [], Status.DUE),
        ("no record, deadline is today", requirement(due_within_days=100), [], Status.DUE),
        ("no record, past deadline", requirement(due_within_days=99), [], Status.OVERDUE),
        ("record at the level", requirement(), [record()], Status.MET),
        (
            "higher level meets lower requirement",
            requirement(level=1),
            [record(level=3)],
            Status.MET,
        ),
        ("lower level does not meet", requirement(), [record(level=1)], Status.OVERDUE),
        (
            "other competence does not count",
            requirement(),
            [record(competence_id=VIDEO)],
            Status.OVERDUE,
        ),
        (
            "record achieved in the future does not count",
            requirement(),
            [record(achieved_on=days(5))],
            Status.OVERDUE,
        ),
        (
            "valid_until in 20 days",
            requirement(),
            [record(valid_until=days(19))],
            Status.EXPIRING_30,
        ),
        (
            "valid_until in 45 days",
            requirement(),
            [record(valid_until=days(44))],
            Status.EXPIRING_60,
        ),
        (
            "valid_until in 75 days",
            requirement(),
            [record(valid_until=days(74))],
            Status.EXPIRING_90,
        ),
        ("valid_until in 120 days", requirement(), [record(valid_until=days(119))], Status.MET),
        ("valid_until yesterday", requirement(), [record(valid_until=days(-1))], Status.EXPIRED),
        (
            "valid_until today still counts",
            requirement(),
            [record(valid_until=TODAY)],
            Status.EXPIRING_30,
        ),
        (
            "renewal: 12 months passed",
            requirement(renew_every_months=12),
            [record(achieved_on=days(-400))],
            Status.EXPIRED,
        ),
        (
            "renewal: renews within 30 days",
            requirement(renew_every_months=12),
            [record(achieved_on=days(-350))],
            Status.EXPIRING_30,
        ),
        (
            "renewal: no renewal rule means no expiry",
            requirement(),
            [record(achieved_on=days(-4000))],
            Status.MET,
        ),
        (
            "newest valid record counts over an expired one",
            requirement(renew_every_months=12),
            [record(1, achieved_on=days(-400)), record(2, achieved_on=days(-30))],
            Status.MET,
        ),
        (
            "a newer lower-level record does not hide an older valid one",
            requirement(),
            [record(1, level=2, achieved_on=days(-300)), record(2, level=1, achieved_on=days(-3))],
            Status.MET,
        ),
    ],
)
def test_status_table(case, req, records, expected):
    assert only_status([req], [assignment()], records).status == expected, case


def test_the_deadline_counts_from_the_assignment_start():
    status = only_status([requirement(due_within_days=30)], [assignment(starts_on=days(-10))], [])
    assert status.deadline == days(20)


def test_expiry_is_the_earlier_of_valid_until_and_renewal():
    status = only_status(
        [requirement(renew_every_months=1)],
        [assignment()],
        [record(achieved_on=days(-10), valid_until=days(200))],
    )
    assert status.expires_on == add_months(days(-10), 1)


def test_several_assignments_count_the_earliest_start():
    assignments = [
        assignment(1, starts_on=days(-10)),
        assignment(2, unit_path=HOSPITAL, starts_on=days(-60)),
    ]
    status = only_status([requirement(due_within_days=30)], assignments, [])
    assert (status.status, status.assignment.id) == (Status.OVERDUE, 2)


def test_a_requirement_reached_through_two_assignments_appears_once():
    assignments = [assignment(1), assignment(2, unit_path=HOSPITAL)]
    assert len(person_statuses([requirement()], assignments, [], TODAY)) == 1


def test_an_ended_assignment_brings_no_requirements():
    assert person_statuses([requirement()], [assignment(ends_on=days(-1))], [], TODAY) == []


def test_an_assignment_ending_today_still_counts():
    assert len(person_statuses([requirement()], [assignment(ends_on=TODAY)], [], TODAY)) == 1


def test_a_future_assignment_brings_no_requirements():
    assert person_statuses([requirement()], [assignment(starts_on=days(1))], [], TODAY) == []


def test_subtree_requirement_reaches_units_below():
    assert person_statuses([requirement(unit_path=REGION)], [assignment()], [], TODAY)


def test_unit_only_requirement_does_not_reach_units_below():
    req = requirement(unit_path=HOSPITAL, include_subtree=False)
    assert person_statuses([req], [assignment(unit_path=WARD)], [], TODAY) == []


def test_unit_only_requirement_reaches_its_own_unit():
    req = requirement(unit_path=HOSPITAL, include_subtree=False)
    assert person_statuses([req], [assignment(unit_path=HOSPITAL)], [], TODAY)


def test_requirement_in_another_branch_does_not_apply():
    req = requirement(unit_path=HOME_CARE)
    assert person_statuses([req], [assignment()], [], TODAY) == []


def test_requirement_for_another_role_does_not_apply():
    assert person_statuses([requirement(role_id=HELPER)], [assignment()], [], TODAY) == []


def test_requirement_for_all_roles_applies_to_every_role():
    req = requirement(role_id=None)
    assert person_statuses([req], [assignment(role_id=HELPER)], [], TODAY)


def test_two_levels_of_the_same_competence_are_judged_separately():
    reqs = [requirement(1, level=1), requirement(2, level=3)]
    statuses = person_statuses(reqs, [assignment()], [record(level=2)], TODAY)
    assert [s.status for s in statuses] == [Status.MET, Status.OVERDUE]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2026, 11, 15), 3, datetime.date(2027, 2, 15)),
        (datetime.date(2024, 2, 29), 12, datetime.date(2025, 2, 28)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(day, months, expected):
    assert add_months(day, months) == expected
