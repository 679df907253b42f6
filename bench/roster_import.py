"""Benchmark: import a generated 25,000-person roster and time it. Not a test.

    .venv/bin/python bench/roster_import.py [--people 25000] [--xlsx]
    DATABASE_URL=postgres://... .venv/bin/python bench/roster_import.py

Without DATABASE_URL it uses a fresh SQLite file in a temporary folder (never db.sqlite3). With
one, it migrates that database and loads the demo organisation tree into it, so point it at a
throwaway database. It times: a dry run, the first import, the same file again (must change
nothing), and a full import in which 5% have left and 5% have moved unit.
"""

import argparse
import csv
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="roster-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from learning.organisations.demo import load_organisations

    load_organisations()


def roster(people, units, roles, leavers=(), movers=()):
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(
        ["person_id", "first_name", "last_name", "email", "unit_id", "role_code", "start_date"]
    )
    for n in range(people):
        if n in leavers:
            continue
        unit = units[(n * 7 + (3 if n in movers else 0)) % len(units)]
        writer.writerow(
            [
                f"B{n:06d}",
                "Bench",
                f"Person {n}",
                f"bench.{n:06d}@example.org",
                unit,
                roles[n % len(roles)],
                f"20{10 + n % 15:02d}-0{1 + n % 9}-15",
            ]
        )
    return text.getvalue().encode()


def to_xlsx(data):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in csv.reader(io.StringIO(data.decode())):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def timed(label, function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    print(f"{label:<42} {time.perf_counter() - start:7.2f} s   {result.summary()}")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=25_000)
    parser.add_argument("--xlsx", action="store_true", help="Time an XLSX file instead of CSV.")
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    from learning.organisations.imports import import_roster
    from learning.organisations.models import Organisation

    rng = random.Random(42)
    units = list(
        Organisation.objects.exclude(external_id=None)
        .filter(depth__gt=1)
        .values_list("external_id", flat=True)
    )
    roles = ["SYG", "SSA", "SSH", "LAEGE", "FYS", "ERGO", "LSEK"]
    first = roster(args.people, units, roles)
    sample = set(rng.sample(range(args.people), args.people // 10))
    leavers = set(list(sample)[: len(sample) // 2])
    movers = sample - leavers
    later = roster(args.people, units, roles, leavers, movers)
    kind = "xlsx" if args.xlsx else "csv"
    if args.xlsx:
        first, later = to_xlsx(first), to_xlsx(later)
    name = f"roster.{kind}"
    print(
        f"{args.people} people, {len(units)} units, {connection.vendor}, {kind} "
        f"({len(first) / 1e6:.1f} MB)"
    )
    timed("dry run", import_roster, io.BytesIO(first), name, dry_run=True)
    timed("first import", import_roster, io.BytesIO(first), name)
    result = timed("same file again", import_roster, io.BytesIO(first), name, full=True)
    assert result.changes == 0, "a repeated import must change nothing"
    timed("full import: 5% left, 5% moved", import_roster, io.BytesIO(later), name, full=True)


if __name__ == "__main__":
    main()
