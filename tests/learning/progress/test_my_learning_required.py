"""Min læring's "Required of me": honest dates and a way forward when no course grants it."""

import datetime

from django.urls import reverse
from django.utils import timezone

from learning.competences.factories import CompetenceRecordFactory, RequirementFactory
from learning.competences.models import Competence
from learning.organisations.factories import (
    JobAssignmentFactory,
    JobRoleFactory,
    ManagerScopeFactory,
    OrganisationFactory,
)


def test_an_expired_record_says_when_it_was_valid_until_and_no_course_shows_whom_to_ask(
    client, learner, manager, db
):
    today = timezone.localdate()
    municipality = OrganisationFactory(name="Mariagerfjord Kommune")
    home_care = OrganisationFactory(parent=municipality, name="Hjemmeplejen")
    role = JobRoleFactory(code="SSA", name="Social- og sundhedsassistent")
    JobAssignmentFactory(
        user=learner, unit=home_care, role=role, starts_on=today - datetime.timedelta(days=400)
    )
    ManagerScopeFactory(manager=manager, unit=municipality)
    n9 = Competence.objects.get(code="N9")
    n8 = Competence.objects.get(code="N8")
    RequirementFactory(unit=home_care, role=None, competence=n9, level=1, due_within_days=30)
    RequirementFactory(unit=home_care, role=None, competence=n8, level=1, due_within_days=30)
    last_day = today - datetime.timedelta(days=3)
    CompetenceRecordFactory(
        user=learner,
        competence=n8,
        level=1,
        achieved_at=timezone.now() - datetime.timedelta(days=300),
        valid_until=last_day,
    )
    client.force_login(learner)
    page = client.get(reverse("progress:my_learning")).content.decode()
    # Expired, and the date is the last valid day, worded in the past (as the competence list).
    assert f"Var gyldig til {last_day.day}." in page
    assert "Udløber" not in page.split('id="required-heading"')[1].split("</section>")[0]
    # N9: no course grants it; Mette is told it is signed off and whom to ask.
    assert "Intet kursus her giver denne kompetence" in page
    assert f'href="mailto:{manager.email}"' in page and str(manager) in page
