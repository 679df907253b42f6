"""Benchmark: server time and SQL queries of every page of the learner's and the manager's walk
(issue 16) on the demo data. Not a test.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/akademi_bench \
        .venv/bin/python bench/walk_pages.py [--load-demo] [--runs 9]

Point DATABASE_URL at a throwaway database: it is migrated and, with --load-demo, filled by
``manage.py load_demo``. Each page is requested in-process with Django's test client, logged in
as the demo's Mette or Hanne, once to warm up and then ``--runs`` times; the table gives the
median wall time of the whole request (middleware, view, template) and the number of queries.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(args):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ.setdefault("DEBUG", "false")
    # A force_login session has no second factor; the MFA check is a redirect, not measured here.
    os.environ.setdefault("MFA_REQUIRED_FOR_PRIVILEGED", "false")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if args.load_demo:
        call_command("load_demo", "--quiet-logins")


def learner_pages():
    from cms.models import CatalogPage, CoursePage, LessonPage, VideoGuidePage

    catalogue = CatalogPage.objects.live().first()
    course = CoursePage.objects.get(slug="korrespondancemeddelelsen")
    lesson = LessonPage.objects.child_of(course).live().first()
    guide = VideoGuidePage.objects.get(slug="video-fmk-log-ind")
    return [
        ("home page", "/"),
        ("catalogue", catalogue.url),
        ("catalogue search 'udskrivning'", f"{catalogue.url}?q=udskrivning"),
        ("course", course.url),
        ("lesson", lesson.url),
        ("video guide", guide.url),
        ("Min læring", "/laering/min-laering/"),
    ]


def manager_pages():
    from django.urls import reverse

    from learning.organisations.models import ManagerScope

    scope = ManagerScope.objects.filter(manager__email="hanne@example.org").first()
    unit = scope.unit
    child = unit.get_children().first() or unit
    from learning.organisations.models import JobAssignment

    person = (
        JobAssignment.objects.active_on()
        .filter(unit__path__startswith=unit.path)
        .exclude(user__email="hanne@example.org")
        .first()
        .user_id
    )
    return [
        ("coverage dashboard", "/manage/coverage/"),
        ("dashboard, one unit", f"/manage/coverage/?unit={child.pk}"),
        ("people", reverse("reports:people", args=[child.pk])),
        ("person (coverage)", reverse("reports:person", args=[person])),
        ("people export CSV", reverse("reports:people_export", args=[child.pk, "csv"])),
        ("staff list", "/manage/staff/"),
        ("person (staff)", f"/manage/staff/{person}/"),
        ("requirements", "/manage/requirements/"),
        ("deputies", "/manage/delegations/"),
    ]


def measure(client, url, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm-up (caches, template loading)
    assert response.status_code == 200, (url, response.status_code)
    timings, queries = [], 0
    for _run in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
    return statistics.median(timings), queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load-demo", action="store_true")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    setup(args)
    from django.contrib.auth import get_user_model
    from django.test import Client

    users = get_user_model().objects
    import multiprocessing

    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {multiprocessing.cpu_count()} cores")
    print(f"{'page':36} {'median ms':>10} {'queries':>8}")
    for email, pages in (
        ("mette@example.org", learner_pages()),
        ("hanne@example.org", manager_pages()),
    ):
        client = Client(HTTP_HOST="localhost")  # an allowed host in the dev settings
        client.force_login(users.get(email=email))
        print(f"-- {email}")
        for label, url in pages:
            ms, queries = measure(client, url, args.runs)
            print(f"{label:36} {ms:10.1f} {queries:8d}")


if __name__ == "__main__":
    main()
