"""The Wagtail admin: tree listing, placing units, the upload page; only platform admins get in."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learning.organisations.factories import JobRoleFactory, OrganisationFactory
from learning.organisations.models import JobAssignment, Organisation
from learning.organisations.seed import PLATFORM_ADMIN_GROUP


@pytest.fixture
def tree(db):
    region = OrganisationFactory(name="Region Nordjylland", sector="region", kind="region")
    hospital = OrganisationFactory(
        parent=region,
        name="Aalborg Universitetshospital",
        sector="region",
        kind="hospital",
        external_id="AAUH",
    )
    return {"region": region, "hospital": hospital}


@pytest.mark.parametrize(
    "url_name",
    [
        "organisations:index",
        "job_roles:index",
        "job_assignments:index",
        "manager_scopes:index",
        "delegations:index",
        "staff_profiles:index",
        "requirements:index",
        "competence_records:index",
        "organisations_import",
    ],
)
def test_a_platform_admin_opens_every_admin_page(client, admin_user, tree, url_name):
    client.force_login(admin_user)
    assert client.get(reverse(url_name)).status_code == 200


def test_the_competence_snippets_list_the_seeded_framework(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("wagtailsnippets_competences_competence:list"))
    assert response.status_code == 200 and "Søge, finde og filtrere" in response.content.decode()


def test_the_organisation_list_shows_the_tree_in_order(client, admin_user, tree):
    client.force_login(admin_user)
    content = client.get(reverse("organisations:index")).content.decode()
    assert content.index("Region Nordjylland") < content.index("Aalborg Universitetshospital")
    assert "\u00a0" * 4 + "Aalborg Universitetshospital" in content


def test_a_member_of_the_platform_admin_group_gets_in(client, outsider, tree):
    outsider.groups.add(Group.objects.get(name=PLATFORM_ADMIN_GROUP))
    client.force_login(outsider)
    assert client.get(reverse("organisations:index")).status_code == 200


@pytest.mark.parametrize("url_name", ["organisations:index", "organisations_import"])
def test_an_editor_without_the_platform_admin_role_is_turned_away(client, educator, tree, url_name):
    client.force_login(educator)
    assert client.get(reverse(url_name)).status_code in (302, 403)


def test_an_outsider_cannot_reach_the_admin(client, outsider, tree):
    client.force_login(outsider)
    response = client.get(reverse("organisations:index"))
    # One Danish refusal page (cms.middleware.AdminAccessMiddleware), not a redirect loop.
    assert response.status_code == 403
    assert "Ingen adgang til redigeringsværktøjerne" in response.content.decode()


def org_form(**overrides):
    return {
        "name": "Medicinsk Afdeling",
        "sector": "region",
        "kind": "department",
        "sor_code": "",
        "municipality_code": "",
        "external_id": "",
        "is_active": "on",
        **overrides,
    }


def test_adding_a_unit_with_a_parent_puts_it_in_the_tree(client, admin_user, tree):
    client.force_login(admin_user)
    response = client.post(reverse("organisations:add"), org_form(parent=tree["hospital"].pk))
    assert response.status_code == 302
    ward = Organisation.objects.get(name="Medicinsk Afdeling")
    assert ward.get_parent() == tree["hospital"]
    assert ward.sor_code is None  # empty SOR codes are stored as NULL so they stay unique


def test_changing_the_parent_moves_the_unit(client, admin_user, tree):
    other = OrganisationFactory(name="Psykiatrien", sector="region", kind="hospital")
    client.force_login(admin_user)
    client.post(
        reverse("organisations:edit", args=[tree["hospital"].pk]),
        org_form(name="Aalborg Universitetshospital", kind="hospital", parent=other.pk),
    )
    assert Organisation.objects.get(pk=tree["hospital"].pk).get_parent() == other


def test_a_unit_cannot_be_moved_below_itself(client, admin_user, tree):
    client.force_login(admin_user)
    response = client.post(
        reverse("organisations:edit", args=[tree["region"].pk]),
        org_form(name="Region Nordjylland", parent=tree["hospital"].pk),
    )
    assert response.status_code == 200
    assert Organisation.objects.get(pk=tree["region"].pk).is_root()


def test_units_cannot_be_deleted_in_the_admin(client, admin_user, tree):
    client.force_login(admin_user)
    response = client.post(reverse("organisations:delete", args=[tree["hospital"].pk]))
    assert response.status_code in (302, 403)
    assert Organisation.objects.filter(pk=tree["hospital"].pk).exists()


def upload(client, content, name="roster.csv", **fields):
    return client.post(
        reverse("organisations_import"),
        {"kind": "roster", "file": SimpleUploadedFile(name, content), **fields},
    )


ROSTER = (
    b"person_id,first_name,last_name,email,unit_id,role_code\n"
    b"P1,Line,Demo,line@example.org,AAUH,SYG\n"
)


def test_the_upload_page_does_a_dry_run(client, admin_user, tree):
    JobRoleFactory(code="SYG")
    client.force_login(admin_user)
    response = upload(client, ROSTER, dry_run="on")
    assert response.context["result"].dry_run and len(response.context["result"].created) == 2
    assert not JobAssignment.objects.exists()


def test_the_upload_page_applies_a_good_file(client, admin_user, tree):
    JobRoleFactory(code="SYG")
    client.force_login(admin_user)
    response = upload(client, ROSTER)
    assert response.context["result"].applied
    assert JobAssignment.objects.get().unit == tree["hospital"]


def test_the_upload_page_lists_bad_rows_and_applies_nothing(client, admin_user, tree):
    client.force_login(admin_user)
    response = upload(client, ROSTER.replace(b"SYG", b"PILOT"))
    assert [e.row for e in response.context["result"].errors] == [2]
    assert "PILOT" in response.content.decode()  # the reason is shown on the page
    assert not JobAssignment.objects.exists()


def test_the_upload_page_refuses_a_pdf(client, admin_user, tree):
    client.force_login(admin_user)
    response = upload(client, b"%PDF", name="roster.pdf")
    assert response.context["file_error"]


def test_the_upload_page_needs_a_file(client, admin_user, tree):
    client.force_login(admin_user)
    response = client.post(reverse("organisations_import"), {"kind": "roster"})
    assert response.status_code == 200 and "file" in response.context["form"].errors


def test_an_xlsx_upload_works(client, admin_user, tree):
    from openpyxl import Workbook

    JobRoleFactory(code="SYG")
    workbook = Workbook()
    for row in ROSTER.decode().splitlines():
        workbook.active.append(row.split(","))
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(admin_user)
    response = upload(client, buffer.getvalue(), name="roster.xlsx")
    assert response.context["result"].applied


def test_delegations_cannot_be_edited_in_the_admin(client, admin_user, manager, learner, tree):
    from learning.organisations.factories import DelegationFactory, ManagerScopeFactory

    ManagerScopeFactory(manager=manager, unit=tree["hospital"])
    delegation = DelegationFactory(unit=tree["hospital"], granted_by=manager, deputy=learner)
    client.force_login(admin_user)
    response = client.post(
        reverse("delegations:edit", args=[delegation.pk]), {"unit": tree["region"].pk}
    )
    assert response.status_code in (302, 403)
    delegation.refresh_from_db()
    assert delegation.unit == tree["hospital"]
    assert client.get(reverse("delegations:inspect", args=[delegation.pk])).status_code == 200


def test_a_dry_run_says_what_would_happen_not_that_it_happened(client, admin_user, tree):
    JobRoleFactory(code="SYG")
    client.force_login(admin_user)
    page = upload(client, ROSTER, dry_run="on").content.decode()
    assert "Intet blev ændret. Anvendt ville filen oprette 2" in page
    assert "Ville blive oprettet" in page and "2 oprettet" not in page


def test_the_limit_list_names_each_unit_with_its_parents(client, admin_user, tree):
    for municipality in ("Hjørring Kommune", "Aalborg Kommune"):
        OrganisationFactory(parent=OrganisationFactory(name=municipality), name="Hjemmeplejen")
    client.force_login(admin_user)
    page = client.get(reverse("organisations_import")).content.decode()
    assert "Hjørring Kommune › Hjemmeplejen" in page and "Aalborg Kommune › Hjemmeplejen" in page
    assert "Region Nordjylland › Aalborg Universitetshospital" in page
    assert "docs/roster-import.md" not in page.split("<form")[0].split("<details>")[0]


def test_the_organisation_tree_says_ja_not_true(client, admin_user, tree):
    client.force_login(admin_user)
    content = client.get(reverse("organisations:index")).content.decode()
    assert not re.search(r">\s*True\s*</td>", content)
    assert re.search(r">\s*Ja\s*</td>", content)
