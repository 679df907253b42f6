"""Records in the database: renewal dates, sign-off rules, statuses with a bounded query count."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning.accounts.factories import UserFactory
from learning.competences.factories import (
    CompetenceFactory,
    CompetenceRecordFactory,
    RequirementFactory,
)
from learning.competences.models import Evidence
from learning.competences.records import record_competence, sign_off
from learning.competences.status import Status, statuses_for_people, statuses_for_person
from learning.organisations.factories import (
    JobAssignmentFactory,
    JobRoleFactory,
    OrganisationFactory,
)


def test_a_record_gets_valid_until_from_the_renewal_rule(world, learner):
    world["own"].renew_every_months = 12
    world["own"].save()
    achieved = timezone.make_aware(datetime.datetime(2026, 1, 15, 10))
    record = record_competence(learner, world["fmk"], 2, Evidence.COURSE, achieved_at=achieved)
    assert record.valid_until == datetime.date(2027, 1, 14)


def test_a_record_without_a_renewal_rule_never_expires(world, learner):
    record = record_competence(learner, world["fmk"], 2, Evidence.COURSE)
    assert record.valid_until is None


def test_a_manager_cannot_sign_off_herself(world, manager):
    JobAssignmentFactory(user=manager, unit=world["home_care"], role=world["nurse"])
    with pytest.raises(PermissionDenied):
        sign_off(manager, manager, world["fmk"], 2, "selv")


def test_an_outsider_cannot_sign_off_anyone(world, outsider, learner):
    with pytest.raises(PermissionDenied):
        sign_off(outsider, learner, world["fmk"], 2, "nej")


def test_statuses_for_one_person_use_one_query(world, learner):
    CompetenceRecordFactory(user=learner, competence=world["fmk"], level=2)
    with CaptureQueriesContext(connection) as queries:
        statuses = statuses_for_person(learner)
    assert [s.status for s in statuses] == [Status.MET]
    assert len(queries) == 1


def test_one_persons_query_gives_the_statuses_the_three_queries_give(world, learner, outsider):
    """``load_person_facts`` against ``load_facts`` on a person with jobs and records of every
    kind: the same requirements, reached through the same jobs, with the same statuses."""
    today = timezone.localdate()
    days = datetime.timedelta
    ward = OrganisationFactory(parent=world["home_care"], name="Nat")
    other_branch = OrganisationFactory(parent=world["municipality"], name="Sygeplejen")
    helper = JobRoleFactory(code="SSH", name="Social- og sundhedshjælper")
    JobAssignmentFactory(user=learner, unit=ward, role=helper, starts_on=today - days(400))
    JobAssignmentFactory(user=learner, unit=ward, role=world["nurse"], starts_on=today - days(30))
    JobAssignmentFactory(  # ended: brings nothing
        user=learner,
        unit=other_branch,
        role=helper,
        starts_on=today - days(900),
        ends_on=today - days(1),
    )
    JobAssignmentFactory(user=learner, unit=other_branch, role=helper, starts_on=today + days(5))
    other, third, fourth, fifth = CompetenceFactory.create_batch(4)
    RequirementFactory(unit=world["municipality"], include_subtree=True, competence=other)
    # The municipality itself only: no job of hers there.
    RequirementFactory(unit=world["municipality"], include_subtree=False, competence=third)
    RequirementFactory(unit=ward, role=helper, competence=third, level=2, renew_every_months=12)
    RequirementFactory(unit=ward, role=world["nurse"], competence=fourth, due_within_days=10)
    RequirementFactory(unit=other_branch, include_subtree=True, competence=fifth)
    now = timezone.now()
    CompetenceRecordFactory(user=learner, competence=other, achieved_at=now - days(800))
    CompetenceRecordFactory(
        user=learner, competence=other, achieved_at=now - days(20), valid_until=today + days(40)
    )
    CompetenceRecordFactory(user=learner, competence=third, level=2, achieved_at=now - days(500))
    CompetenceRecordFactory(user=learner, competence=fifth)  # required by no job of hers
    CompetenceRecordFactory(user=outsider, competence=fourth, level=3)

    one = statuses_for_person(learner)
    three = statuses_for_people([learner.pk, outsider.pk])[learner.pk]
    assert one == three
    assert [s.status for s in one] == [
        Status.DUE,  # N3 for nurses in home care (the world's job)
        Status.EXPIRING_60,  # the whole municipality: the newer record, valid 40 more days
        Status.EXPIRED,  # the ward's helpers, renewed yearly: achieved 500 days ago
        Status.OVERDUE,  # the ward's nurses, due 10 days after a start 30 days ago
    ]


def test_statuses_for_many_people_use_the_same_three_queries(world):
    people = [UserFactory() for _ in range(5)]
    for person in people:
        JobAssignmentFactory(user=person, unit=world["home_care"], role=world["nurse"])
        CompetenceRecordFactory(user=person, competence=world["fmk"], level=2)
    with CaptureQueriesContext(connection) as queries:
        result = statuses_for_people([p.pk for p in people])
    assert len(queries) == 3
    assert all([s.status for s in result[p.pk]] == [Status.MET] for p in people)


def test_a_person_without_assignments_has_no_statuses(world, admin_user):
    assert statuses_for_person(admin_user) == []


def test_a_requirement_on_a_parent_unit_reaches_staff_below(world, learner):
    RequirementFactory(unit=world["municipality"], role=None, competence=world["fmk"], level=3)
    levels = sorted(s.requirement.level for s in statuses_for_person(learner))
    assert levels == [2, 3]


def test_a_requirement_in_another_municipality_does_not_reach_staff(world, learner):
    assert [s.requirement.id for s in statuses_for_person(learner)] == [world["own"].pk]
