"""Demo requirements that fit the personas (DOMAIN.md §5) and a realistic spread of records.

Outcomes per person and requirement are drawn from a fixed seed: most met, some expiring soon,
some expired, the rest missing (due or overdue depending on when the person started).
Idempotent: requirements are get-or-create, and people who already have records are skipped.
"""

import datetime
import random

from django.utils import timezone

from learning.organisations.demo import PREFIX, SEED
from learning.organisations.models import JobAssignment, JobRole, Organisation

from .models import Competence, CompetenceArea, CompetenceRecord, Evidence, Framework, Requirement
from .seed import seed_frameworks
from .status import add_months, statuses_for_people

# (unit external ids without prefix (subtree), role code or None, [(competence, level)],
#  due within days, renew every months)
REQUIREMENTS = [
    (["RN"], None, [("N8", 1)], 90, 24),
    (["RN"], "LEDER", [("N11", 2), ("N12", 2), ("N8", 2)], 180, None),
    (
        ["AAUH-MED", "AAUH-KAR", "AAUH-LUN", "RHN-MED"],
        "SYG",
        [("N1", 2), ("N2", 2), ("N3", 2), ("N4", 2), ("N5", 2)],
        90,
        None,
    ),
    (
        ["HSP"],
        "SYG",
        [("N2", 2), ("N3", 2), ("N5", 2), ("N6", 2), ("N4", 1), ("N8", 1), ("N9", 2)],
        90,
        None,
    ),
    (["PC"], "SSA", [("N3", 1), ("N5", 1), ("N7", 1), ("N9", 2), ("N12", 1)], 120, None),
    (["HP"], None, [("N8", 1)], 60, 24),
    (["HP"], "SSA", [("N3", 1), ("N9", 2)], 120, None),
    (["HP"], "SSH", [("N9", 1), ("N12", 1)], 120, None),
    (["HP", "HSP", "PC", "GT"], "LEDER", [("N11", 2), ("N12", 2), ("N8", 2)], 180, None),
    (["GP"], "PLAEGE", [("N1", 2), ("N2", 2), ("N3", 2), ("N6", 2), ("N7", 2), ("N8", 2)], 180, 36),
    (["GP"], "PSYG", [("N7", 2), ("N9", 2), ("N5", 2), ("N2", 1), ("N8", 2)], 120, 36),
    (["GP"], "LSEK", [("N7", 2), ("N9", 2), ("N5", 2), ("N8", 2)], 120, 36),
]
MUNICIPAL_UNIT_CODES = {"HP", "HSP", "PC", "GT"}
DEMO_NOTE = "Demodata"


def _units(keys):
    """Resolve "HSP" to every municipality's home nursing, "GP" to every clinic, else one unit."""
    demo = Organisation.objects.filter(external_id__startswith=PREFIX)
    found = []
    for key in keys:
        if key in MUNICIPAL_UNIT_CODES:
            found += demo.filter(external_id__endswith=f"-{key}")
        elif key == "GP":
            found += demo.filter(kind="clinic")
        else:
            found += demo.filter(external_id=PREFIX + key)
    return found


def load_requirements():
    """The persona-shaped requirements, created in bulk where missing."""
    competences = {c.code: c.pk for c in Competence.objects.all()}
    roles = {r.code: r.pk for r in JobRole.objects.all()}
    existing = set(Requirement.objects.values_list("unit_id", "role_id", "competence_id", "level"))
    missing = {}
    for keys, role_code, items, due, renew in REQUIREMENTS:
        for unit in _units(keys):
            for code, level in items:
                key = (unit.pk, roles.get(role_code), competences[code], level)
                if key not in existing and key not in missing:
                    missing[key] = Requirement(
                        unit_id=key[0],
                        role_id=key[1],
                        competence_id=key[2],
                        level=level,
                        include_subtree=True,
                        due_within_days=due,
                        renew_every_months=renew,
                    )
    Requirement.objects.bulk_create(missing.values(), batch_size=500)


def load_records():
    """Records for demo staff, so each status shows up in the demo. Runs once."""
    if CompetenceRecord.objects.filter(note=DEMO_NOTE).exists():
        return
    rng = random.Random(SEED + 1)  # noqa: S311 (demo data, not security)
    today = timezone.localdate()
    people = sorted(
        set(
            JobAssignment.objects.filter(
                user__staff_profile__external_id__startswith=PREFIX
            ).values_list("user_id", flat=True)
        )
        - set(CompetenceRecord.objects.values_list("user_id", flat=True))
    )
    statuses = statuses_for_people(people, today)
    records = []
    for user_id in people:
        for status in statuses[user_id]:
            outcome = rng.random()
            if outcome < 0.30:
                continue  # missing: due or overdue, depending on the start date
            requirement = status.requirement
            if outcome < 0.80:  # met, well within validity
                achieved = today - datetime.timedelta(days=rng.randint(10, 300))
                valid_until = None
            elif outcome < 0.92:  # expiring within 90 days
                achieved = today - datetime.timedelta(days=rng.randint(300, 600))
                valid_until = today + datetime.timedelta(days=rng.randint(3, 89))
            else:  # expired
                achieved = today - datetime.timedelta(days=rng.randint(800, 1200))
                valid_until = today - datetime.timedelta(days=rng.randint(1, 120))
            if valid_until is None and requirement.renew_every_months:
                valid_until = _renewed(achieved, requirement.renew_every_months)
            records.append(
                CompetenceRecord(
                    user_id=user_id,
                    competence_id=requirement.competence_id,
                    level=requirement.level
                    + (1 if rng.random() < 0.1 and requirement.level < 3 else 0),
                    achieved_at=timezone.make_aware(
                        datetime.datetime.combine(achieved, datetime.time(10, 0))
                    ),
                    valid_until=valid_until,
                    evidence=rng.choice(
                        [Evidence.COURSE, Evidence.COURSE, Evidence.QUIZ, Evidence.IMPORT]
                    ),
                    note=DEMO_NOTE,
                )
            )
    CompetenceRecord.objects.bulk_create(records, batch_size=500)


def _renewed(achieved, months):
    return add_months(achieved, months) - datetime.timedelta(days=1)


def load_competences_demo():
    seed_frameworks(Framework, CompetenceArea, Competence)  # a test flush empties the seed
    load_requirements()
    load_records()
