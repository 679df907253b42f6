"""Build a North Jutland-sized data set for the coverage benchmark (bench/coverage.py).

    manage.py seed_scale [--people 25000] [--records 1000000] [--competences 60]

Into an EMPTY organisation tree only (use a throwaway database): a region with hospitals,
departments and sections, 11 municipalities with areas and units, GP clinics; staff with one or
two jobs; a leader managing each unit; requirements per kind of unit and role; and about 40
competence records per person over four years, some expired, some expiring. Deterministic
(fixed seed). Rows go in with bulk_create, and records with COPY on PostgreSQL.
"""

import datetime
import random
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from learning.competences.models import (
    Competence,
    CompetenceArea,
    CompetenceRecord,
    Framework,
    Requirement,
)
from learning.organisations.models import JobAssignment, JobRole, ManagerScope, Organisation

SEED = 25_000
# Django's marker for "no password": synthetic people can never log in.
UNUSABLE = "!"
HOSPITALS = [
    "Aalborg Universitetshospital",
    "Regionshospital Nordjylland",
    "Psykiatrien",
    "Præhospitalet",
]
MUNICIPALITIES = [
    "Aalborg",
    "Brønderslev",
    "Frederikshavn",
    "Hjørring",
    "Jammerbugt",
    "Læsø",
    "Mariagerfjord",
    "Morsø",
    "Rebild",
    "Thisted",
    "Vesthimmerland",
]
# Staff share of each branch: region 56 %, municipalities 40 %, general practice 4 %.
ROLES = {
    "hospital": ["SYG", "SYG", "SYG", "LAEGE", "SSA", "LSEK", "FYS"],
    "municipality": ["SSH", "SSH", "SSA", "SSA", "SYG", "FYS", "ERGO"],
    "clinic": ["PLAEGE", "PSYG", "LSEK"],
}


class Tree:
    """Materialised paths computed here, so the whole tree is one bulk insert."""

    def __init__(self):
        self.nodes, self.children = [], {}

    def add(self, parent, name, sector, kind):
        siblings = self.children.setdefault(parent["path"] if parent else "", 0) + 1
        self.children[parent["path"] if parent else ""] = siblings
        depth = (parent["depth"] + 1) if parent else 1
        path = Organisation._get_path(parent["path"] if parent else None, depth, siblings)
        node = {
            "path": path,
            "depth": depth,
            "name": name,
            "sector": sector,
            "kind": kind,
            "parent": parent,
        }
        self.nodes.append(node)
        return node

    def save(self):
        objects = [
            Organisation(
                path=n["path"],
                depth=n["depth"],
                numchild=self.children.get(n["path"], 0),
                name=n["name"],
                sector=n["sector"],
                kind=n["kind"],
            )
            for n in self.nodes
        ]
        Organisation.objects.bulk_create(objects, batch_size=2000)
        ids = dict(Organisation.objects.values_list("path", "id"))
        for node in self.nodes:
            node["id"] = ids[node["path"]]


def build_tree():
    """About 1,300 units; returns (tree, leaf units as (node, branch))."""
    tree, leaves = Tree(), []
    region = tree.add(None, "Region Nordjylland", "region", "region")
    for h, name in enumerate(HOSPITALS):
        hospital = tree.add(region, name, "region", "hospital")
        for d in range(40 if h == 0 else 20):
            department = tree.add(hospital, f"{name}, afdeling {d + 1}", "region", "department")
            for s in range(4):
                leaves.append(
                    (tree.add(department, f"Afsnit {d + 1}.{s + 1}", "region", "unit"), "hospital")
                )
    for name in MUNICIPALITIES:
        municipality = tree.add(None, f"{name} Kommune", "municipality", "municipality")
        for area in ["Hjemmeplejen", "Hjemmesygeplejen", "Plejecentre", "Genoptræning"]:
            branch = tree.add(municipality, area, "municipality", "administration")
            for u in range(12 if name == "Aalborg" else 6):
                leaves.append(
                    (
                        tree.add(branch, f"{area} {name} {u + 1}", "municipality", "unit"),
                        "municipality",
                    )
                )
    for c in range(180):
        leaves.append(
            (tree.add(None, f"Lægeklinik {c + 1}", "general_practice", "clinic"), "clinic")
        )
    tree.save()
    return tree, leaves


def seed_competences(total):
    """The seeded competences plus a generated framework up to ``total``."""
    existing = list(Competence.objects.order_by("code"))
    missing = total - len(existing)
    if missing > 0:
        framework, _ = Framework.objects.get_or_create(code="scale", defaults={"name": "Skala"})
        area, _ = CompetenceArea.objects.get_or_create(
            framework=framework, code="S", defaults={"name": "Skala"}
        )
        Competence.objects.bulk_create(
            [
                Competence(area=area, code=f"S{n:02d}", name=f"Skalakompetence {n}")
                for n in range(1, missing + 1)
            ]
        )
    return list(Competence.objects.order_by("code").values_list("id", flat=True))[:total]


def requirements(tree, leaves, competence_ids, roles, rng):
    """Region- and municipality-wide basics plus per-branch, per-role requirements."""
    rows = []
    roots = [n for n in tree.nodes if n["depth"] == 1]
    for root in roots:
        for competence in rng.sample(competence_ids[:12], 3):
            rows.append(
                Requirement(
                    unit_id=root["id"],
                    competence_id=competence,
                    level=1,
                    due_within_days=90,
                    renew_every_months=24,
                )
            )
    branches = [n for n in tree.nodes if n["depth"] == 2]
    for branch in branches:
        for code in set(ROLES["hospital"] + ROLES["municipality"]):
            if code not in roles:
                continue
            for competence in rng.sample(competence_ids, 6):
                rows.append(
                    Requirement(
                        unit_id=branch["id"],
                        role_id=roles[code],
                        competence_id=competence,
                        level=rng.choice([1, 1, 2]),
                        due_within_days=rng.choice([60, 90, 120, 180]),
                        renew_every_months=rng.choice([None, None, 24, 36]),
                    )
                )
    Requirement.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def copy_records(rows):
    """Insert records with COPY on PostgreSQL, bulk_create elsewhere."""
    columns = [
        "user_id",
        "competence_id",
        "level",
        "achieved_at",
        "valid_until",
        "evidence",
        "source_id",
        "note",
        "created_at",
    ]
    if connection.vendor == "postgresql":
        table = CompetenceRecord._meta.db_table
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    CompetenceRecord.objects.bulk_create(
        (CompetenceRecord(**dict(zip(columns, row, strict=True))) for row in rows), batch_size=5000
    )


class Command(BaseCommand):
    help = "Build a North Jutland-sized data set for the coverage benchmark (empty tree only)."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=25_000)
        parser.add_argument("--records", type=int, default=1_000_000)
        parser.add_argument("--competences", type=int, default=60)

    def handle(self, *args, people, records, competences: int, **options):
        if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
            raise CommandError("Synthetic data is not allowed in this environment.")
        if Organisation.objects.exists():
            raise CommandError("The organisation tree is not empty: use a throwaway database.")
        rng = random.Random(SEED)  # noqa: S311 (synthetic data, not security)
        started = time.monotonic()
        today = timezone.localdate()
        with transaction.atomic():
            tree, leaves = build_tree()
            roles = dict(JobRole.objects.values_list("code", "id"))
            competence_ids = seed_competences(competences)
            requirement_count = requirements(tree, leaves, competence_ids, roles, rng)
            user_ids = self.people(people)
            heads = [n for n in tree.nodes if n["kind"] in ("department", "administration")]
            self.jobs(user_ids, leaves, heads, roles, rng, today)
        self.stdout.write(
            f"  tree, {len(user_ids)} people, {requirement_count} requirements: "
            f"{time.monotonic() - started:.1f} s"
        )
        with transaction.atomic():
            copy_records(self.records(user_ids, competence_ids, records, rng, today))
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(f"  {records} records: {time.monotonic() - started:.1f} s in all")

    def people(self, count):
        User = get_user_model()
        User.objects.bulk_create(
            [
                User(
                    email=f"skala.{n:05d}@example.org",
                    first_name="Skala",
                    last_name=f"{n:05d}",
                    password=UNUSABLE,
                )
                for n in range(count)
            ],
            batch_size=5000,
        )
        return list(
            User.objects.filter(email__startswith="skala.")
            .order_by("pk")
            .values_list("pk", flat=True)
        )

    def jobs(self, user_ids, leaves, heads, roles, rng, today):
        """One job each (one in ten has a second); a leader manages each unit, and a head
        each department and municipal area (a larger subtree)."""
        weights = {"hospital": 56, "municipality": 40, "clinic": 4}
        by_branch = {b: [n for n, kind in leaves if kind == b] for b in weights}
        jobs, scopes = [], []
        leaders = iter(user_ids)
        for node in [leaf for leaf, _branch in leaves] + heads:  # the first people lead
            leader = next(leaders)
            jobs.append(
                JobAssignment(
                    user_id=leader,
                    unit_id=node["id"],
                    role_id=roles["LEDER"],
                    starts_on=today - datetime.timedelta(days=2000),
                )
            )
            scopes.append(
                ManagerScope(
                    manager_id=leader,
                    unit_id=node["id"],
                    starts_on=today - datetime.timedelta(days=2000),
                )
            )
        branches, branch_weights = zip(*weights.items(), strict=True)
        for user_id in leaders:
            for _job in range(2 if rng.random() < 0.1 else 1):
                branch = rng.choices(branches, branch_weights)[0]
                node = rng.choice(by_branch[branch])
                days = rng.randint(5, 80) if rng.random() < 0.08 else rng.randint(120, 6000)
                jobs.append(
                    JobAssignment(
                        user_id=user_id,
                        unit_id=node["id"],
                        role_id=roles[rng.choice(ROLES[branch])],
                        starts_on=today - datetime.timedelta(days=days),
                    )
                )
        JobAssignment.objects.bulk_create(jobs, batch_size=5000)
        ManagerScope.objects.bulk_create(scopes, batch_size=5000)

    def records(self, user_ids, competence_ids, total, rng, today):
        """About ``total`` rows over four years: renewals, some expired, some expiring."""
        per_person = total // len(user_ids)
        extra = total - per_person * len(user_ids)
        now = timezone.now()
        for index, user_id in enumerate(user_ids):
            for _n in range(per_person + (1 if index < extra else 0)):
                days_ago = rng.randint(1, 1460)
                achieved = now - datetime.timedelta(days=days_ago)
                roll = rng.random()
                valid_until = (
                    None if roll < 0.6 else today + datetime.timedelta(days=rng.randint(-400, 700))
                )
                yield (
                    user_id,
                    rng.choice(competence_ids),
                    rng.choice((1, 1, 2, 2, 3)),
                    achieved,
                    valid_until,
                    "import",
                    "",
                    "",
                    now,
                )
