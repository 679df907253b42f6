"""Benchmark: coverage reports on a North Jutland-sized data set. Not a test.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/akademi_scale \
        .venv/bin/python bench/coverage.py [--seed] [--people 25000] [--records 1000000]

Point DATABASE_URL at a throwaway database: it is migrated and, with --seed, filled by
``manage.py seed_scale``. Times (median of 5 runs, warm) and SQL query counts for: the daily
snapshot job (all people through the status module), the region-wide view (from the snapshot),
the live region-wide computation it replaces, managers' dashboards and drill-downs of several
sizes, the largest manager's scope above REPORTS_LIVE_PEOPLE_LIMIT (from the rows the snapshot
counted for it, and live for comparison), and the administrator's top-level dashboard (from the
snapshot, and live for comparison).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# The manager of the largest unit, added by the bench; the sample of seeded managers skips her.
REGION_MANAGER = "bench-region-manager@example.org"


def setup(args):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if args.seed:
        started = time.monotonic()
        call_command("seed_scale", people=args.people, records=args.records)
        print(f"seed_scale: {time.monotonic() - started:.1f} s")


def measure(label, function, runs=5):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _run in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = function()
            timings.append(time.perf_counter() - started)
    median = statistics.median(timings)
    print(
        f"| {label} | {median * 1000:.0f} ms | {min(timings) * 1000:.0f} ms "
        f"| {len(queries.captured_queries)} |"
    )
    return result


def managers_by_size():
    """(scope root, people under it) for a small, a typical and a large manager."""
    from django.utils import timezone

    from learning.organisations.models import ManagerScope
    from learning.reports.dashboard import people_under

    today = timezone.localdate()
    scopes = list(
        ManagerScope.objects.exclude(manager__email=REGION_MANAGER)
        .select_related("unit", "manager")
        .order_by("unit__path")
    )
    sized = sorted(
        ((people_under([s.unit.path], today).count(), s) for s in scopes[::25]),
        key=lambda pair: pair[0],
    )
    return [sized[len(sized) // 10], sized[len(sized) // 2], sized[-1]]


def jobs_role(unit):
    """The most common role at or below ``unit``, for a filtered measurement. One query."""
    from django.db.models import Count

    from learning.organisations.models import JobAssignment

    return (
        JobAssignment.objects.filter(unit__path__startswith=unit.path)
        .order_by()
        .values("role_id")
        .annotate(n=Count("id"))
        .order_by("-n")[0]["role_id"]
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", action="store_true")
    parser.add_argument("--people", type=int, default=25_000)
    parser.add_argument("--records", type=int, default=1_000_000)
    args = parser.parse_args()
    setup(args)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone

    from learning.competences.models import CompetenceRecord
    from learning.organisations.models import JobAssignment, Organisation
    from learning.reports.dashboard import Filters, build_dashboard, build_people, people_under
    from learning.reports.permissions import coverage_roots
    from learning.reports.region import build_region
    from learning.reports.snapshots import take_snapshot

    today = timezone.localdate()
    print(
        f"database: {connection.vendor}; people with a job: "
        f"{JobAssignment.objects.active_on(today).values('user_id').distinct().count()}; "
        f"units: {Organisation.objects.count()}; records: {CompetenceRecord.objects.count()}"
    )
    print()
    print("| What | Median | Best | SQL queries |")
    print("|---|---|---|---|")
    measure("Daily snapshot job: everyone through the status module", take_snapshot, runs=1)
    measure("Region-wide view (from the snapshot), all competences", build_region)
    for count, scope in managers_by_size():
        roots = coverage_roots(scope.manager)
        measure(
            f"Manager's dashboard, {count} people ({scope.unit.name})",
            lambda roots=roots: build_dashboard(roots, Filters()),
        )
        measure(
            f"Manager's drill-down to people, {count} people",
            lambda scope=scope: build_people(scope.unit, Filters()),
        )
    # The same largest dashboard loading every record of each person, to show what loading only
    # the required competences' records (required_records_only) saves.
    from learning.competences import status
    from learning.reports import coverage

    count, scope = managers_by_size()[-1]
    saved = coverage.load_facts
    coverage.load_facts = lambda user_ids, on, **_ignored: status.load_facts(user_ids, on)
    try:
        roots = coverage_roots(scope.manager)
        measure(
            f"Same {count}-people dashboard, loading every record (status.load_facts)",
            lambda: build_dashboard(roots, Filters()),
        )
    finally:
        coverage.load_facts = saved
    # The largest drill-down with its table rendered as the page renders it.
    from django.template.loader import render_to_string

    def people_page(unit=scope.unit):
        table = build_people(unit, Filters())[0]
        return render_to_string(
            "reports/includes/table.html", {"table": table, "table_id": "people"}
        )

    measure(f"Manager's drill-down to people, {count} people, table rendered to HTML", people_page)
    # A manager of the largest unit above REPORTS_LIVE_PEOPLE_LIMIT (the Region Nordjylland tree
    # on the seeded data; seed_scale gives no manager that high, so the bench adds one), read
    # from the rows the snapshot counted for that unit, and live for comparison.
    from django.conf import settings

    from learning.organisations.models import ManagerScope
    from learning.reports import dashboard as dashboard_module
    from learning.reports.snapshots import large_scopes

    jobs = JobAssignment.objects.active_on(today).order_by().values_list("user_id", "unit__path")
    large = Organisation.objects.filter(
        pk__in=large_scopes(list(jobs), settings.REPORTS_LIVE_PEOPLE_LIMIT).values()
    )
    sized = sorted(
        ((people_under([unit.path], today).count(), unit) for unit in large),
        key=lambda pair: pair[0],
    )
    for count, unit in sized[-1:]:
        boss, _created = get_user_model().objects.get_or_create(email=REGION_MANAGER)
        ManagerScope.objects.get_or_create(manager=boss, unit=unit)
        roots = coverage_roots(boss)
        measure(
            f"Manager's dashboard, {count} people ({unit.name}), from the snapshot",
            lambda roots=roots: build_dashboard(roots, Filters()),
        )
        role_id = jobs_role(unit)
        measure(
            f"Same, {count} people, one role (from the snapshot)",
            lambda roots=roots, role_id=role_id: build_dashboard(roots, Filters(role_id=role_id)),
        )
        saved_source = dashboard_module.snapshot_source
        dashboard_module.snapshot_source = lambda *_args: None
        try:
            measure(
                f"For comparison: the {count}-people dashboard computed live",
                lambda roots=roots: build_dashboard(roots, Filters()),
                runs=3,
            )
        finally:
            dashboard_module.snapshot_source = saved_source
    admin = get_user_model().objects.filter(is_superuser=True).first()
    if admin is None:
        admin = get_user_model().objects.create_superuser("bench-admin@example.org", None)
    for count, unit in sized[-2:-1]:  # the next largest: an admin choosing a unit below the top
        measure(
            f"Admin's dashboard of {unit.name} ({count} people), from the snapshot",
            lambda unit=unit: build_dashboard(coverage_roots(admin), Filters(), unit=unit),
        )
    from django.test.utils import override_settings

    measure(
        "Admin's top-level dashboard (whole region, from the snapshot)",
        lambda: build_dashboard(coverage_roots(admin), Filters()),
    )
    with override_settings(REPORTS_LIVE_PEOPLE_LIMIT=10**9):
        measure(
            "For comparison: admin's top-level dashboard computed live",
            lambda: build_dashboard(coverage_roots(admin), Filters()),
            runs=1,
        )


if __name__ == "__main__":
    main()
