"""The waiving screen (cmi5 9.3.7): Jesper, an educator of the organisation that owns the
package, waives an AU for Mette with a reason; the LMS records "waived", the package is
satisfied and the lesson and course complete. A manager, the learner herself, an educator of
another organisation and a script without a login cannot, and nothing changes when they try.
Jesper lists the waivers and withdraws one: the LRS voids it, and what it satisfied goes."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from learning.competences.models import CompetenceRecord
from learning.organisations.factories import (
    JobAssignmentFactory,
    ManagerScopeFactory,
    OrganisationFactory,
)
from learning.packages import statements as lms
from learning.packages.models import Registration, UnitResult, Waiver
from learning.packages.upload import import_package
from learning.progress import factories as progress
from learning.progress.models import Enrolment
from learning.xapi import vocabulary
from learning.xapi.models import Statement

from .builders import au_xml, cmi5_xml, lesson_with_package, zip_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def aalborg(educator):
    organisation = OrganisationFactory(name="Aalborg Kommune")
    JobAssignmentFactory(user=educator, unit=OrganisationFactory(parent=organisation))
    return organisation


@pytest.fixture
def package(educator, aalborg):
    files = {"cmi5.xml": cmi5_xml(au_xml()), "index.html": "<p>AU</p>"}
    package = import_package(SimpleUploadedFile("p.zip", zip_bytes(files)), user=educator)
    type(package).objects.filter(pk=package.pk).update(organisation=aalborg)
    package.refresh_from_db()
    return package


@pytest.fixture
def lesson(course, package):
    first, *rest = list(course.lessons())
    for other in rest:
        other.delete()
    return lesson_with_package(first, package)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def form_data(package, learner, reason="Tested Out", lesson=None):
    data = {"email": learner.email, "unit": package.units.get().pk, "reason": reason}
    if lesson is not None:
        data["lektion"] = lesson.pk
    return data


def nothing_waived():
    return (
        Waiver.objects.count(),
        Statement.objects.filter(verb_id=vocabulary.WAIVED.id).count(),
        Registration.objects.filter(satisfied_at__isnull=False).count(),
    )


def test_an_educator_of_the_owner_waives_an_au_and_the_course_completes(
    educator, learner, package, course, lesson
):
    progress.start(learner, course)
    jesper = signed_in(educator)
    # The link is in the lesson's package block, for him and not for the learner.
    assert f"/pakker/{package.pk}/fritag?lektion={lesson.pk}" in (
        jesper.get(lesson.url).content.decode()
    )
    assert "/fritag" not in signed_in(learner).get(lesson.url).content.decode()
    page = jesper.get(f"/pakker/{package.pk}/fritag?lektion={lesson.pk}")
    assert page.status_code == 200
    assert "Fritag for en AU" in page.content.decode()

    response = jesper.post(
        f"/pakker/{package.pk}/fritag", form_data(package, learner, lesson=lesson), follow=True
    )
    assert response.status_code == 200
    assert f"{learner.email} er fritaget for Håndhygiejne i hjemmeplejen." in (
        response.content.decode()
    )
    waiver = Waiver.objects.get()
    assert (waiver.reason, waiver.waived_by) == ("Tested Out", educator)
    waived = Statement.objects.get(verb_id=vocabulary.WAIVED.id)
    assert waived.data["result"]["extensions"][lms.REASON] == "Tested Out"
    assert waived.data["actor"]["account"]["name"] == str(learner.actor_id)
    assert Registration.objects.get(user=learner).satisfied_at is not None
    assert Enrolment.objects.get(user=learner, page_id=course.pk).completed_at is not None
    assert "Fritaget" in signed_in(learner).get(lesson.url).content.decode()


def test_an_unknown_learner_or_reason_is_refused_in_danish(educator, learner, package):
    jesper = signed_in(educator)
    data = form_data(package, learner)
    data["email"] = "ingen@example.org"
    response = jesper.post(f"/pakker/{package.pk}/fritag", data)
    assert response.status_code == 200
    assert "Ingen på platformen har denne e-mailadresse." in response.content.decode()
    response = jesper.post(f"/pakker/{package.pk}/fritag", form_data(package, learner, "Fordi"))
    assert response.status_code == 200
    assert nothing_waived() == (0, 0, 0)


def test_a_manager_the_learner_and_another_organisations_educator_cannot_waive(
    manager, learner, outsider, package
):
    # Hanne manages the owning organisation; Olaf is an educator, but of Hjørring.
    ManagerScopeFactory(manager=manager, unit=package.organisation)
    JobAssignmentFactory(user=outsider, unit=OrganisationFactory(name="Hjørring Kommune"))
    outsider.groups.add(Group.objects.get(name="Editors"))
    data = form_data(package, learner)
    for person in (manager, learner, outsider):
        client = signed_in(person)
        assert client.get(f"/pakker/{package.pk}/fritag").status_code == 403
        assert client.post(f"/pakker/{package.pk}/fritag", data).status_code == 403
    # A script without a login is sent to the login page.
    anonymous = Client().post(f"/pakker/{package.pk}/fritag", data)
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
    assert nothing_waived() == (0, 0, 0)


def waived_state(learner):
    return (
        Waiver.objects.count(),
        Statement.objects.filter(voided=True).count(),
        Registration.objects.get(user=learner).satisfied_at is not None,
        Enrolment.objects.get(user=learner).completed_at is not None,
    )


def test_an_educator_lists_and_withdraws_a_waiver_and_the_completion_goes_with_it(
    educator, learner, package, course, lesson, competence
):
    progress.start(learner, course)
    jesper = signed_in(educator)
    waive_url = f"/pakker/{package.pk}/fritag?lektion={lesson.pk}"
    jesper.post(f"/pakker/{package.pk}/fritag", form_data(package, learner, lesson=lesson))
    assert CompetenceRecord.objects.filter(user=learner, competence=competence).exists()

    # The waiving screen lists the waiver, with a button to withdraw it.
    page = jesper.get(waive_url).content.decode()
    assert "Givne fritagelser" in page
    assert f"{learner.email} fritaget for Håndhygiejne i hjemmeplejen" in page
    waiver = Waiver.objects.get()
    assert f'action="/pakker/fritagelse/{waiver.pk}/tilbagekald"' in page

    response = jesper.post(
        f"/pakker/fritagelse/{waiver.pk}/tilbagekald", {"lektion": lesson.pk}, follow=True
    )
    assert response.redirect_chain[-1][0] == waive_url
    text = response.content.decode()
    assert f"Fritagelsen af {learner.email} for Håndhygiejne i hjemmeplejen er tilbagekaldt." in (
        text
    )
    assert "Der er ikke givet fritagelser for denne pakke." in text

    # The LRS's own voiding: "waived", the LMS's "satisfied" and the lesson completion are
    # voided; the registration, the lesson, the course and the competence are taken back.
    assert not Waiver.objects.exists()
    voided = set(Statement.objects.filter(voided=True).values_list("verb_id", flat=True))
    assert voided == {vocabulary.WAIVED.id, vocabulary.SATISFIED.id, vocabulary.COMPLETED.id}
    assert Statement.objects.filter(verb_id=vocabulary.VOIDED.id).count() == 3
    registration = Registration.objects.get(user=learner)
    assert registration.satisfied_at is None
    assert Enrolment.objects.get(user=learner, page_id=course.pk).completed_at is None
    assert not CompetenceRecord.objects.filter(user=learner, competence=competence).exists()
    assert "Fritaget" not in signed_in(learner).get(lesson.url).content.decode()

    # Waived again: satisfied anew with statements of its own, and the course completes again.
    jesper.post(f"/pakker/{package.pk}/fritag", form_data(package, learner, lesson=lesson))
    registration.refresh_from_db()
    assert registration.satisfied_at is not None
    assert Statement.objects.filter(verb_id=vocabulary.SATISFIED.id, voided=False).count() == 1
    assert Enrolment.objects.get(user=learner, page_id=course.pk).completed_at is not None
    assert CompetenceRecord.objects.filter(user=learner, competence=competence).exists()

    # Replaying the log derives the same and stores nothing twice.
    before = Statement.objects.count()
    call_command("rebuild_progress")
    assert Statement.objects.count() == before
    registration.refresh_from_db()
    assert registration.satisfied_at is not None
    assert Enrolment.objects.get(user=learner, page_id=course.pk).completed_at is not None


def test_a_waiver_not_needed_for_satisfaction_is_withdrawn_alone(
    educator, learner, package, course, lesson
):
    """A learner who also passed the AU herself stays satisfied: only "waived" is voided."""
    progress.start(learner, course)
    jesper = signed_in(educator)
    jesper.post(f"/pakker/{package.pk}/fritag", form_data(package, learner, lesson=lesson))
    registration = Registration.objects.get(user=learner)
    unit = package.units.get()
    UnitResult.objects.create(
        registration=registration, unit=unit, completed_at=registration.satisfied_at,
        passed_at=registration.satisfied_at, satisfied_at=registration.satisfied_at,
    )  # fmt: skip
    waiver = Waiver.objects.get()
    jesper.post(f"/pakker/fritagelse/{waiver.pk}/tilbagekald")
    assert set(Statement.objects.filter(voided=True).values_list("verb_id", flat=True)) == {
        vocabulary.WAIVED.id
    }
    registration.refresh_from_db()
    assert registration.satisfied_at is not None and registration.withdrawals == 0
    assert Enrolment.objects.get(user=learner, page_id=course.pk).completed_at is not None


def test_nobody_else_can_withdraw_a_waiver_and_nothing_changes(
    educator, manager, learner, outsider, package, course, lesson
):
    progress.start(learner, course)
    signed_in(educator).post(
        f"/pakker/{package.pk}/fritag", form_data(package, learner, lesson=lesson)
    )
    waiver = Waiver.objects.get()
    url = f"/pakker/fritagelse/{waiver.pk}/tilbagekald"
    before = waived_state(learner)
    assert before == (1, 0, True, True)
    ManagerScopeFactory(manager=manager, unit=package.organisation)
    JobAssignmentFactory(user=outsider, unit=OrganisationFactory(name="Hjørring Kommune"))
    outsider.groups.add(Group.objects.get(name="Editors"))
    for person in (manager, learner, outsider):
        client = signed_in(person)
        assert client.post(url).status_code == 403
        # Nor can they see the list.
        assert client.get(f"/pakker/{package.pk}/fritag").status_code == 403
    # Not by GET, not without a login, not for a waiver that does not exist.
    assert signed_in(educator).get(url).status_code == 405
    anonymous = Client().post(url)
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
    assert (
        signed_in(educator).post(f"/pakker/fritagelse/{waiver.pk + 999}/tilbagekald").status_code
        == 404
    )
    assert waived_state(learner) == before
