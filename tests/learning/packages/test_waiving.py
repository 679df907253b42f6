"""The waiving screen (cmi5 9.3.7): Jesper, an educator of the organisation that owns the
package, waives an AU for Mette with a reason; the LMS records "waived", the package is
satisfied and the lesson and course complete. A manager, the learner herself, an educator of
another organisation and a script without a login cannot, and nothing changes when they try."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from learning.organisations.factories import (
    JobAssignmentFactory,
    ManagerScopeFactory,
    OrganisationFactory,
)
from learning.packages import statements as lms
from learning.packages.models import Registration, Waiver
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
