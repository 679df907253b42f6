"""The demo loader: the North Jutland tree, the personas' jobs and scope, a spread of statuses."""

from collections import Counter

import pytest
from django.contrib.auth import get_user_model

from cms.demo import load_demo
from learning.competences.models import CompetenceRecord, Requirement
from learning.competences.status import Status, statuses_for_people
from learning.organisations import permissions
from learning.organisations.models import JobAssignment, ManagerScope, Organisation


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load once for the module: the loader takes seconds, and these tests only read."""
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            load_demo()
            counts = _counts()
            load_demo()  # a second run must add nothing
            yield {"first": counts, "second": _counts()}
            transaction.set_rollback(True)


def _counts():
    return (
        Organisation.objects.count(),
        JobAssignment.objects.count(),
        Requirement.objects.count(),
        CompetenceRecord.objects.count(),
        ManagerScope.objects.count(),
        get_user_model().objects.count(),
    )


pytestmark = pytest.mark.django_db


def test_loading_the_demo_twice_adds_nothing(demo):
    assert demo["first"] == demo["second"]


def test_the_demo_has_a_few_hundred_staff(demo):
    assert 250 <= JobAssignment.objects.values("user").distinct().count() <= 600


def test_the_demo_has_the_region_eleven_municipalities_and_ten_clinics(demo):
    assert Organisation.objects.filter(sector="municipality", depth=1).count() == 11
    assert Organisation.objects.filter(kind="clinic").count() == 10
    region = Organisation.objects.get(name="Region Nordjylland")
    assert {o.name for o in region.get_children()} >= {
        "Aalborg Universitetshospital",
        "Regionshospital Nordjylland",
        "Psykiatrien i Region Nordjylland",
        "Præhospitalet",
    }


def test_mette_is_a_nurse_in_hjorring_home_nursing(demo):
    assignment = JobAssignment.objects.get(user__email="mette@example.org")
    assert (assignment.role.code, assignment.unit.name, assignment.unit.get_parent().name) == (
        "SYG",
        "Hjemmesygeplejen",
        "Hjørring Kommune",
    )


def test_hanne_manages_mariagerfjord_home_care_and_no_other_municipality(demo):
    hanne = get_user_model().objects.get(email="hanne@example.org")
    home_care = Organisation.objects.get(
        name="Hjemmeplejen",
        path__startswith=Organisation.objects.get(name="Mariagerfjord Kommune").path,
    )
    assert permissions.can_manage_unit(hanne, home_care)
    assert not permissions.can_manage_unit(hanne, Organisation.objects.get(name="Hjørring Kommune"))


def test_the_demo_shows_every_status(demo):
    people = JobAssignment.objects.values_list("user_id", flat=True).distinct()
    seen = Counter(s.status for statuses in statuses_for_people(people).values() for s in statuses)
    assert set(seen) == set(Status)


def test_the_roster_example_in_the_docs_imports_cleanly_into_the_demo(demo):
    from pathlib import Path

    from learning.organisations.imports import import_roster

    path = Path(__file__).resolve().parents[3] / "docs" / "examples" / "roster.csv"
    with path.open("rb") as roster:
        result = import_roster(roster, "roster.csv")
    assert result.errors == [] and result.applied
    line = JobAssignment.objects.filter(user__staff_profile__external_id="H100003")
    assert {a.unit.name for a in line} == {"Medicinsk Afdeling", "Hjemmesygeplejen"}
