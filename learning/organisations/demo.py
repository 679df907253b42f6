"""Demo data: the North Jutland organisations, a few hundred synthetic staff, managers, deputies.

Everything here is invented for the demo: names are obviously synthetic combinations, e-mails are
@example.org, and nothing resembles a CPR number. It goes through the real imports, so the demo
also exercises them, and it is idempotent: a second run adds nothing.
"""

import csv
import datetime
import io
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from .imports import import_organisations, import_roster
from .models import Delegation, JobAssignment, JobRole, ManagerScope, Organisation, StaffProfile
from .seed import PLATFORM_ADMIN_GROUP, seed_roles

SEED = 2026
PREFIX = "DEMO-"

REGION_UNITS = {
    "AAUH": (
        "Aalborg Universitetshospital",
        "hospital",
        [
            ("MED", "Medicinsk Afdeling"),
            ("KAR", "Hjertemedicinsk Afdeling"),
            ("LUN", "Lungemedicinsk Afdeling"),
            ("AKUT", "Akutmodtagelsen"),
        ],
    ),
    "RHN": (
        "Regionshospital Nordjylland",
        "hospital",
        [
            ("MED", "Medicinsk Afdeling, Hjørring"),
            ("ORT", "Ortopædkirurgi, Frederikshavn"),
            ("NEURO", "Neuroenhed Nord, Brønderslev"),
        ],
    ),
    "PSYK": (
        "Psykiatrien i Region Nordjylland",
        "hospital",
        [
            ("VOKSEN", "Voksenpsykiatrien, Aalborg"),
            ("BUP", "Børne- og ungdomspsykiatrien"),
        ],
    ),
    "PRAE": (
        "Præhospitalet",
        "administration",
        [
            ("AMK", "AMK-vagtcentralen"),
            ("AMB", "Ambulancetjenesten Nord"),
        ],
    ),
}

# (code, name, municipality code)
MUNICIPALITIES = [
    ("AAK", "Aalborg Kommune", "851"),
    ("BRK", "Brønderslev Kommune", "810"),
    ("FRK", "Frederikshavn Kommune", "813"),
    ("HJK", "Hjørring Kommune", "860"),
    ("JBK", "Jammerbugt Kommune", "849"),
    ("LAK", "Læsø Kommune", "825"),
    ("MFK", "Mariagerfjord Kommune", "846"),
    ("MOK", "Morsø Kommune", "773"),
    ("RBK", "Rebild Kommune", "840"),
    ("THK", "Thisted Kommune", "787"),
    ("VHK", "Vesthimmerland Kommune", "820"),
]
MUNICIPAL_UNITS = [
    ("HP", "Hjemmeplejen"),
    ("HSP", "Hjemmesygeplejen"),
    ("PC", "Plejecenter"),
    ("GT", "Genoptræning og rehabilitering"),
]

CLINICS = [
    "Lægerne Søndergade, Frederikshavn",
    "Lægehuset Nørresundby",
    "Lægerne i Hobro",
    "Thisted Lægecenter",
    "Lægehuset Brønderslev",
    "Lægerne Vestergade, Hjørring",
    "Lægeklinikken Løgstør",
    "Lægerne i Aars",
    "Lægehuset Skagen",
    "Regionsklinikken Nykøbing Mors",
]

# Which roles staff each kind of unit, with weights.
STAFFING = {
    "hospital_department": [("SYG", 6), ("LAEGE", 2), ("SSA", 1), ("LSEK", 1), ("FYS", 1)],
    "HP": [("SSH", 5), ("SSA", 3), ("SYG", 1)],
    "HSP": [("SYG", 5), ("SSA", 1)],
    "PC": [("SSA", 4), ("SSH", 3), ("SYG", 1)],
    "GT": [("FYS", 3), ("ERGO", 3)],
    "clinic": [("PLAEGE", 2), ("PSYG", 2), ("LSEK", 2)],
    "prehospital": [("PARA", 3), ("SYG", 2)],
}

FIRST_NAMES = [
    "Anne",
    "Mette",
    "Kirsten",
    "Hanne",
    "Lene",
    "Susanne",
    "Camilla",
    "Louise",
    "Maria",
    "Line",
    "Jens",
    "Peter",
    "Lars",
    "Søren",
    "Morten",
    "Anders",
    "Mads",
    "Rasmus",
    "Ahmad",
    "Fatima",
    "Bente",
    "Birgitte",
    "Jonas",
    "Emma",
    "Ida",
]
LAST_NAMES = [
    "Demosen",
    "Prøvegaard",
    "Eksempelsen",
    "Testrup",
    "Fiktivsen",
    "Opdigtet",
    "Skabelund",
    "Modelsen",
    "Øvelsesen",
    "Prototypsen",
]

PERSONAS = [
    # (e-mail, person id, first, last, unit key, role, years in the job)
    ("mette@example.org", "DEMO-P-METTE", "Mette", "Nielsen", "HJK-HSP", "SYG", 6),
    ("hanne@example.org", "DEMO-P-HANNE", "Hanne", "Larsen", "MFK-HP", "LEDER", 9),
    ("jesper@example.org", "DEMO-P-JESPER", "Jesper", "Andersen", "AAK-UDV", "UDV", 4),
]
STAFF_COUNT = 320


def organisation_rows():
    """(org_id, parent_id, name, sector, kind, municipality_code) for the whole demo tree."""
    rows = [("RN", "", "Region Nordjylland", "region", "region", "")]
    for code, (name, kind, departments) in REGION_UNITS.items():
        rows.append((code, "RN", name, "region", kind, ""))
        rows += [
            (f"{code}-{dept}", code, dept_name, "region", "department", "")
            for dept, dept_name in departments
        ]
    for code, name, municipality_code in MUNICIPALITIES:
        rows.append((code, "", name, "municipality", "municipality", municipality_code))
        rows += [
            (f"{code}-{unit}", code, unit_name, "municipality", "unit", municipality_code)
            for unit, unit_name in MUNICIPAL_UNITS
        ]
    rows.append(
        (
            "AAK-UDV",
            "AAK",
            "Udvikling og kvalitet, Senior og Omsorg",
            "municipality",
            "administration",
            "851",
        )
    )
    rows += [
        (f"GP{n:02d}", "", name, "general_practice", "clinic", "")
        for n, name in enumerate(CLINICS, start=1)
    ]
    return [
        (PREFIX + org_id, PREFIX + parent if parent else "", *rest)
        for org_id, parent, *rest in rows
    ]


def _csv(header, rows):
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    return io.BytesIO(text.getvalue().encode())


def load_organisations():
    """The organisation tree, through the real organisation import. Idempotent."""
    rows = organisation_rows()
    result = import_organisations(
        _csv(["org_id", "parent_id", "name", "sector", "kind", "municipality_code"], rows),
        "demo.csv",
    )
    if result.errors:
        raise RuntimeError(f"demo organisations: {result.errors}")


def _staffing_key(org_id):
    code = org_id.removeprefix(PREFIX)
    if code.startswith("GP"):
        return "clinic"
    if code.startswith("PRAE-"):
        return "prehospital"
    if code.split("-")[0] in REGION_UNITS:
        return "hospital_department"
    return code.split("-")[-1] if "-" in code else None


def _ascii(email):
    return email.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")


def roster_rows(today):
    """The demo roster: the personas and STAFF_COUNT synthetic people. Deterministic."""
    rng = random.Random(SEED)  # noqa: S311 (demo data, not security)
    units = [org_id for org_id, *_ in organisation_rows() if _staffing_key(org_id) in STAFFING]
    rows = [
        (
            person_id,
            first,
            last,
            email,
            PREFIX + unit,
            role,
            (today - datetime.timedelta(days=365 * years)).isoformat(),
        )
        for email, person_id, first, last, unit, role, years in PERSONAS
    ]
    for n in range(1, STAFF_COUNT + 1):
        unit = rng.choice(units)
        roles, weights = zip(*STAFFING[_staffing_key(unit)], strict=True)
        role = rng.choices(roles, weights)[0]
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        # One in six started recently, so some requirements are still merely due.
        days = rng.randint(5, 80) if rng.random() < 1 / 6 else rng.randint(120, 4000)
        rows.append(
            (
                f"{PREFIX}{n:04d}",
                first,
                last,
                _ascii(f"{first}.{last}.{n:04d}@example.org"),
                unit,
                role,
                (today - datetime.timedelta(days=days)).isoformat(),
            )
        )
    # Every municipal unit and hospital department gets a leader who manages it.
    for n, unit in enumerate(units, start=1):
        if unit == PREFIX + "MFK-HP":
            continue  # Hanne leads Mariagerfjord's home care
        rows.append(
            (
                f"{PREFIX}L{n:03d}",
                "Leder",
                f"Demosen {n}",
                f"leder.{n:03d}@example.org",
                unit,
                "LEDER",
                (today - datetime.timedelta(days=2000)).isoformat(),
            )
        )
    return rows


def load_staff():
    """Staff, the managers' scopes and one deputy. Skipped when already loaded (stable dates)."""
    if StaffProfile.objects.filter(external_id=f"{PREFIX}0001").exists():
        return
    today = timezone.localdate()
    result = import_roster(
        _csv(
            ["person_id", "first_name", "last_name", "email", "unit_id", "role_code", "start_date"],
            roster_rows(today),
        ),
        "demo.csv",
        today=today,
    )
    if result.errors:
        raise RuntimeError(f"demo roster: {result.errors[:5]}")
    leaders = JobAssignment.objects.filter(
        role__code="LEDER", user__staff_profile__external_id__startswith=PREFIX
    )
    ManagerScope.objects.bulk_create(
        [
            ManagerScope(manager_id=a.user_id, unit_id=a.unit_id, starts_on=a.starts_on)
            for a in leaders
        ]
    )


def load_delegation():
    """Hanne's deputy while she is on holiday: one of her SSAs, for two weeks from today."""
    User = get_user_model()
    hanne = User.objects.get(email="hanne@example.org")
    unit = Organisation.objects.get(external_id=PREFIX + "MFK-HP")
    if Delegation.objects.filter(granted_by=hanne, unit=unit).exists():
        return
    deputy = (
        JobAssignment.objects.filter(unit=unit, role__code="SSA")
        .exclude(user=hanne)
        .order_by("user__email")
        .first()
    )
    if deputy is not None:
        today = timezone.localdate()
        Delegation.objects.create(
            unit=unit,
            deputy=deputy.user,
            granted_by=hanne,
            starts_on=today,
            ends_on=today + datetime.timedelta(days=14),
        )


def load_organisations_demo():
    # A test flush empties what the data migration seeded; put it back first.
    seed_roles(JobRole)
    Group.objects.get_or_create(name=PLATFORM_ADMIN_GROUP)
    load_organisations()
    load_staff()
    load_delegation()
