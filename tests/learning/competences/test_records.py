"""Records in the database: renewal dates, sign-off rules, statuses with a bounded query count."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning.accounts.factories import UserFactory
from learning.competences.factories import CompetenceRecordFactory, RequirementFactory
from learning.competences.models import Evidence
from learning.competences.records import record_competence, sign_off
from learning.competences.status import Status, statuses_for_people, statuses_for_person
from learning.organisations.factories import JobAssignmentFactory


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


def test_statuses_for_one_person_use_three_queries(world, learner):
    CompetenceRecordFactory(user=learner, competence=world["fmk"], level=2)
    with CaptureQueriesContext(connection) as queries:
        statuses = statuses_for_person(learner)
    assert [s.status for s in statuses] == [Status.MET]
    assert len(queries) == 3


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
