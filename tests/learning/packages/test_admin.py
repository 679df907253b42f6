"""Packages in the Wagtail admin: an educator uploads one for her employer; an invalid one is
refused with its Danish message and nothing stored; educators of another organisation cannot
change or delete it."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learning.accounts.factories import UserFactory
from learning.organisations.factories import JobAssignmentFactory, OrganisationFactory
from learning.packages.models import AssignableUnit, Package

from .builders import au_xml, cmi5_xml, zip_bytes

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_packages_package:add"
EDIT = "wagtailsnippets_packages_package:edit"
DELETE = "wagtailsnippets_packages_package:delete"


@pytest.fixture
def aalborg():
    return OrganisationFactory(name="Aalborg Kommune")


@pytest.fixture
def own_educator(educator, aalborg):
    JobAssignmentFactory(user=educator, unit=OrganisationFactory(parent=aalborg))
    return educator


@pytest.fixture
def other_educator(db):
    user = UserFactory(email="lise@example.org")
    user.groups.add(Group.objects.get(name="Editors"))
    JobAssignmentFactory(user=user, unit=OrganisationFactory(name="Hjørring Kommune"))
    return user


def upload(client, content, name="pakke.zip", title=""):
    return client.post(
        reverse(ADD),
        {"package_file": SimpleUploadedFile(name, content), "title": title, "organisation": ""},
    )


def test_an_educator_uploads_a_package_that_belongs_to_her_employer(
    client, own_educator, aalborg, package_root
):
    client.force_login(own_educator)
    form = client.get(reverse(ADD))
    assert form.status_code == 200
    content = zip_bytes({"cmi5.xml": cmi5_xml(au_xml()), "index.html": "<p>AU</p>"})
    response = client.post(
        reverse(ADD),
        {
            "package_file": SimpleUploadedFile("pakke.zip", content),
            "title": "",
            "organisation": aalborg.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    package = Package.objects.get()
    assert package.title == "Håndhygiejne"
    assert package.organisation == aalborg
    assert package.uploaded_by == own_educator
    assert package.units.count() == 1
    assert (package_root / str(package.storage_key) / "index.html").exists()


def test_an_invalid_package_is_refused_in_danish_and_nothing_is_stored(
    client, own_educator, package_root
):
    client.force_login(own_educator)
    response = upload(client, zip_bytes({"cmi5.xml": cmi5_xml(au_xml(), au_xml())}))
    assert response.status_code == 200
    assert "bruges mere end én gang i cmi5.xml" in response.content.decode()
    assert Package.objects.count() == 0
    assert AssignableUnit.objects.count() == 0
    assert not package_root.exists()


def test_an_educator_of_another_organisation_cannot_change_or_delete_it(
    client, other_educator, aalborg, package_root
):
    package = Package.objects.create(title="Aalborgs pakke", organisation=aalborg)
    client.force_login(other_educator)
    response = client.post(reverse(EDIT, args=[package.pk]), {"title": "Overtaget"})
    assert response.status_code in (302, 403)
    package.refresh_from_db()
    assert package.title == "Aalborgs pakke"
    response = client.post(reverse(DELETE, args=[package.pk]))
    assert response.status_code in (302, 403)
    package.refresh_from_db()
    assert package.title == "Aalborgs pakke"


def test_an_educator_of_the_owner_renames_it(client, own_educator, aalborg):
    package = Package.objects.create(title="Aalborgs pakke", organisation=aalborg)
    client.force_login(own_educator)
    response = client.post(
        reverse(EDIT, args=[package.pk]), {"title": "Håndhygiejne 2027", "organisation": aalborg.pk}
    )
    assert response.status_code == 302
    package.refresh_from_db()
    assert package.title == "Håndhygiejne 2027"
