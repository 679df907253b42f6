"""manage.py seed_scale: the benchmark's data set, small here."""

import pytest
from django.core.management import CommandError, call_command

from learning.competences.models import Competence, CompetenceRecord
from learning.organisations.factories import OrganisationFactory
from learning.organisations.models import JobAssignment, ManagerScope, Organisation


def test_seed_scale_builds_the_people_records_and_competences_asked_for(db):
    call_command("seed_scale", people=1200, records=6000, competences=60)
    assert JobAssignment.objects.values("user_id").distinct().count() == 1200
    assert CompetenceRecord.objects.count() == 6000
    assert Competence.objects.count() >= 60
    assert Organisation.objects.filter(depth=1).count() == 1 + 11 + 180
    assert ManagerScope.objects.count() > 800


def test_seed_scale_refuses_a_database_with_an_organisation_tree(db):
    OrganisationFactory()
    with pytest.raises(CommandError):
        call_command("seed_scale", people=10, records=10)
