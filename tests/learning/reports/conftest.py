"""A hand-built tree with known coverage, so every number in the reports can be checked by hand.

    Mariagerfjord Kommune (municipality)        Region Nordjylland (region)
    └── Hjemmeplejen  <- Hanne manages            └── Sygehus
        ├── Team Nord                                 └── Medicinsk afdeling
        └── Team Syd
    Hjørring Kommune (municipality) <- another manager; Olaf works there

Requirements: everyone in Hjemmeplejen needs N8 at level 1 (due in 60 days); SSAs there also
need N3 at level 1 (due in 120 days); leaders need N8 at level 2. The hospital requires N1 of
its nurses. People and their expected status are listed in ``EXPECTED``.
"""

import datetime

import pytest
from django.utils import timezone

from learning.accounts.factories import UserFactory
from learning.competences.factories import CompetenceRecordFactory, RequirementFactory
from learning.competences.models import Competence
from learning.competences.status import add_months
from learning.organisations.factories import (
    JobAssignmentFactory,
    JobRoleFactory,
    ManagerScopeFactory,
    OrganisationFactory,
)
from learning.organisations.models import Sector


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def achieved(n):
    """An aware datetime ``n`` days from today (negative: in the past)."""
    return timezone.make_aware(datetime.datetime.combine(days(n), datetime.time(10)))


@pytest.fixture
def tree(db, manager, outsider):
    municipality = OrganisationFactory(name="Mariagerfjord Kommune", kind="municipality")
    home_care = OrganisationFactory(parent=municipality, name="Hjemmeplejen")
    north = OrganisationFactory(parent=home_care, name="Team Nord")
    south = OrganisationFactory(parent=home_care, name="Team Syd")
    other = OrganisationFactory(name="Hjørring Kommune", kind="municipality")
    region = OrganisationFactory(name="Region Nordjylland", sector=Sector.REGION, kind="region")
    hospital = OrganisationFactory(parent=region, name="Sygehus", sector=Sector.REGION)
    ward = OrganisationFactory(parent=hospital, name="Medicinsk afdeling", sector=Sector.REGION)
    ssh = JobRoleFactory(code="SSH", name="Social- og sundhedshjælper")
    ssa = JobRoleFactory(code="SSA", name="Social- og sundhedsassistent")
    leader = JobRoleFactory(code="LEDER", name="Leder")
    nurse = JobRoleFactory(code="SYG", name="Sygeplejerske")
    n8, n3, n1 = (Competence.objects.get(code=c) for c in ("N8", "N3", "N1"))
    RequirementFactory(unit=home_care, role=None, competence=n8, level=1, due_within_days=60)
    RequirementFactory(unit=home_care, role=ssa, competence=n3, level=1, due_within_days=120)
    RequirementFactory(unit=home_care, role=leader, competence=n8, level=2, due_within_days=60)
    RequirementFactory(unit=region, role=nurse, competence=n1, level=1, due_within_days=30)
    RequirementFactory(unit=other, role=None, competence=n8, level=1, due_within_days=60)
    ManagerScopeFactory(manager=manager, unit=home_care)
    other_manager = UserFactory(first_name="Hjørring", last_name="Leder")
    ManagerScopeFactory(manager=other_manager, unit=other)

    people = {}

    def person(key, unit, role, started=-365, **extra):
        user = UserFactory(first_name=key.capitalize(), last_name="Testesen")
        JobAssignmentFactory(user=user, unit=unit, role=role, starts_on=days(started), **extra)
        people[key] = user
        return user

    def record(key, competence, level=1, at=-10, valid_until=None):
        CompetenceRecordFactory(
            user=people[key],
            competence=competence,
            level=level,
            achieved_at=achieved(at),
            valid_until=valid_until,
        )

    # Team Nord, SSH: N8 only.
    person("anna", north, ssh)
    record("anna", n8)  # met
    person("bo", north, ssh)
    record("bo", n8, valid_until=days(20))  # expiring within 30
    person("cecilie", north, ssh)
    record("cecilie", n8, valid_until=days(45))  # expiring within 60
    person("dorte", north, ssh)
    record("dorte", n8, valid_until=days(75))  # expiring within 90
    # Team Syd, SSA: N8 and N3.
    person("emil", south, ssa, started=-10)  # both due
    person("frida", south, ssa)  # N8 overdue (60 days), N3 overdue (120 days)
    person("gustav", south, ssa)
    record("gustav", n8, at=-400, valid_until=days(-1))  # N8 expired
    record("gustav", n3)  # N3 met
    # Team Syd leader: N8 level 1 met, but level 2 overdue -> the worst counts: overdue.
    person("hans", south, leader)
    record("hans", n8, level=1)
    # Also a nurse at the hospital (another employer), with N1 overdue there: Hanne must not
    # see it; her N8 in Team Nord is met.
    person("ida", north, ssh)
    record("ida", n8)
    JobAssignmentFactory(user=people["ida"], unit=ward, role=nurse, starts_on=days(-365))
    # An ended job in Hjemmeplejen: not counted.
    person("jens", north, ssh, ends_on=days(-5))
    # Olaf works in Hjørring; the other manager manages him.
    JobAssignmentFactory(user=outsider, unit=other, role=ssh, starts_on=days(-365))
    return {
        "municipality": municipality,
        "home_care": home_care,
        "north": north,
        "south": south,
        "other": other,
        "region": region,
        "hospital": hospital,
        "ward": ward,
        "ssh": ssh,
        "ssa": ssa,
        "leader": leader,
        "nurse": nurse,
        "n8": n8,
        "n3": n3,
        "n1": n1,
        "people": people,
        "other_manager": other_manager,
    }


def local_half_past_midnight(day):
    """00:30 in Copenhagen: still the day before in UTC, so a UTC date would be a day early."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(0, 30)))


def renewal_day_for_tomorrow():
    """A day whose 12-month renewal ends tomorrow (searching avoids month-end clamping)."""
    tomorrow = days(1)
    return next(
        day
        for day in (tomorrow - datetime.timedelta(days=n) for n in range(360, 370))
        if add_months(day, 12) == tomorrow
    )


@pytest.fixture
def richer_tree(tree):
    """The hand-built tree plus a renewing requirement and a person with two jobs in scope.

    Team Nord also needs N1 at level 1, renewed every 12 months. Anna took it at 00:30 local
    time on a day whose renewal runs out tomorrow (expiring within 30 days; a UTC date would make
    it expired); Bo took it twice (the newer counts: met); Cecilie's renewal runs out in about
    two months; Dorte never took it (overdue). Karl works in Team Nord and, for 30 days, also in
    Team Syd as an SSA.
    """
    RequirementFactory(
        unit=tree["north"],
        role=None,
        competence=tree["n1"],
        level=1,
        due_within_days=30,
        renew_every_months=12,
    )
    people = tree["people"]

    def record(key, at, **extra):
        CompetenceRecordFactory(
            user=people[key], competence=tree["n1"], level=1, achieved_at=at, **extra
        )

    record("anna", local_half_past_midnight(renewal_day_for_tomorrow()))
    record("bo", achieved(-400))
    record("bo", achieved(-100))
    record("cecilie", achieved(-300))
    karl = UserFactory(first_name="Karl", last_name="Testesen")
    JobAssignmentFactory(user=karl, unit=tree["north"], role=tree["ssh"], starts_on=days(-365))
    JobAssignmentFactory(user=karl, unit=tree["south"], role=tree["ssa"], starts_on=days(-30))
    CompetenceRecordFactory(user=karl, competence=tree["n8"], level=1, achieved_at=achieved(-10))
    people["karl"] = karl
    return tree


# (unit key, competence code) -> counts by status, for Hanne's Hjemmeplejen.
EXPECTED = {
    ("north", "N8"): {"met": 2, "expiring_30": 1, "expiring_60": 1, "expiring_90": 1},
    ("south", "N8"): {"due": 1, "overdue": 2, "expired": 1},
    ("south", "N3"): {"due": 1, "overdue": 1, "met": 1},
}
