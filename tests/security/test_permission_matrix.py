"""Every object URL and export, for each role and for an outsider: no leak across organisations.

Two employers share the platform: Hjørring Kommune (unit "Hjemmesygeplejen Hjørring", managed by
Hanne) and Aalborg Kommune (unit "Hjemmeplejen Aalborg", with Bo). Nobody from Hjørring, and
nobody without a role, may read or change anything about Bo or his unit.
"""

import datetime
import uuid

import pytest
from django.utils import timezone

from learning.accounts.factories import UserFactory
from learning.competences.factories import CompetenceRecordFactory, RequirementFactory
from learning.competences.models import Competence
from learning.organisations.factories import (
    DelegationFactory,
    JobAssignmentFactory,
    ManagerScopeFactory,
    OrganisationFactory,
)
from learning.organisations.models import Sector
from learning.progress.models import Certificate
from learning.xapi.actors import actor_for
from quizzes.factories import AttemptFactory

pytestmark = pytest.mark.django_db

DENIED = {302, 400, 403, 404, 405}
SECRET_NAME = "Bo Aalborgsen"


@pytest.fixture
def world(learner, manager, outsider):
    hjorring = OrganisationFactory(name="Hjørring Kommune", sector=Sector.MUNICIPALITY)
    home_nursing = OrganisationFactory(name="Hjemmesygeplejen Hjørring", parent=hjorring)
    aalborg = OrganisationFactory(name="Aalborg Kommune", sector=Sector.MUNICIPALITY)
    home_care = OrganisationFactory(name="Hjemmeplejen Aalborg", parent=aalborg)
    ManagerScopeFactory(manager=manager, unit=home_nursing)
    JobAssignmentFactory(user=learner, unit=home_nursing)

    bo = UserFactory(email="bo@example.org", first_name="Bo", last_name="Aalborgsen")
    aalborg_manager = UserFactory(email="aase@example.org", first_name="Aase")
    JobAssignmentFactory(user=bo, unit=home_care)
    ManagerScopeFactory(manager=aalborg_manager, unit=home_care)
    competence = Competence.objects.get(code="N3")
    requirement = RequirementFactory(unit=home_care, competence=competence)
    CompetenceRecordFactory(user=bo, competence=competence)
    delegation = DelegationFactory(unit=home_care, granted_by=aalborg_manager)
    certificate = Certificate.objects.create(
        user=bo,
        registration=uuid.uuid4(),
        title="FMK i hverdagen",
        issued_at=timezone.now(),
        valid_until=datetime.date.today() + datetime.timedelta(days=365),
    )
    attempt = AttemptFactory(user=bo, layout=[])
    return {
        "bo": bo,
        "aalborg_manager": aalborg_manager,
        "home_care": home_care,
        "requirement": requirement,
        "delegation": delegation,
        "certificate": certificate,
        "attempt": attempt,
    }


def reads(w):
    """Pages and exports about Bo or his unit, each of which must be refused to outsiders."""
    bo, unit = w["bo"], w["home_care"]
    return [
        f"/manage/staff/{bo.pk}/",
        f"/manage/requirements/{w['requirement'].pk}/",
        f"/manage/coverage/unit/{unit.pk}/people/",
        f"/manage/coverage/unit/{unit.pk}/people/export/csv/",
        f"/manage/coverage/unit/{unit.pk}/people/export/xlsx/",
        f"/manage/coverage/unit/{unit.pk}/people/export/pdf/",
        f"/manage/coverage/person/{bo.pk}/",
        f"/laering/bevis/{w['certificate'].code}.pdf",
        f"/quizzes/attempts/{w['attempt'].uuid}/",
        f"/quizzes/attempts/{w['attempt'].uuid}/result/",
    ]


def test_the_matrix_urls_are_real_bos_manager_and_bo_himself_can_open_them(client, world):
    # The positive control: without it, a mistyped URL would "refuse" everyone and prove nothing.
    urls = reads(world)
    manager_urls, own_urls = urls[:7], urls[7:]
    client.force_login(world["aalborg_manager"])
    for url in manager_urls:
        assert client.get(url).status_code == 200, url
    client.force_login(world["bo"])
    assert client.get(own_urls[0]).status_code == 200
    assert client.get(own_urls[2]).status_code in {200, 302}


@pytest.mark.parametrize("persona", ["manager", "learner", "outsider", "educator"])
def test_nobody_outside_aalborg_reads_anything_about_bo_or_his_unit(
    client, request, world, persona
):
    client.force_login(request.getfixturevalue(persona))
    for url in reads(world):
        response = client.get(url)
        assert response.status_code in DENIED, (persona, url, response.status_code)
        body = b"".join(response) if response.streaming else response.content
        assert SECRET_NAME.encode() not in body, (persona, url)


@pytest.mark.parametrize("persona", ["manager", "learner", "outsider"])
def test_nobody_outside_aalborg_changes_anything_about_bo_or_his_unit(
    client, request, world, persona
):
    client.force_login(request.getfixturevalue(persona))
    requirement, delegation, bo = world["requirement"], world["delegation"], world["bo"]
    client.post(f"/manage/requirements/{requirement.pk}/delete/")
    client.post(f"/manage/requirements/{requirement.pk}/", {"level": 3, "due_within_days": 1})
    client.post(f"/manage/delegations/{delegation.pk}/revoke/")
    client.post(f"/manage/staff/{bo.pk}/", {"competence": requirement.competence_id, "level": 3})
    requirement.refresh_from_db()
    delegation.refresh_from_db()
    assert requirement.level == 1 and requirement.due_within_days == 90
    assert delegation.revoked_at is None
    assert bo.competence_records.count() == 1


@pytest.mark.parametrize("persona", ["manager", "learner", "outsider"])
def test_the_region_view_and_content_analytics_are_for_admins_and_educators_only(
    client, request, world, persona
):
    client.force_login(request.getfixturevalue(persona))
    for url in [
        "/manage/coverage/region/",
        "/manage/coverage/region/export/csv/",
        "/quizzes/analysis/",
    ]:
        assert client.get(url).status_code in DENIED, (persona, url)


def test_a_learner_reads_no_one_elses_statements_through_the_lrs(client, world, learner):
    from learning.xapi.vocabulary import LANGUAGE  # noqa: F401  (the LRS app is loaded)

    client.force_login(learner)
    import json

    agent = json.dumps(actor_for(world["bo"]))
    response = client.get(
        "/xapi/statements", {"agent": agent}, HTTP_X_EXPERIENCE_API_VERSION="1.0.3"
    )
    assert response.status_code in {200, 403}
    if response.status_code == 200:
        assert response.json()["statements"] == []


def test_anonymous_visitors_are_sent_to_log_in_or_refused(client, world):
    for url in reads(world):
        response = client.get(url)
        assert response.status_code in DENIED, url
        assert SECRET_NAME.encode() not in response.content
