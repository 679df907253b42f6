"""Benchmark: server time and SQL queries of every page of the learner's and the manager's walk
(issue 16) on the demo data. Not a test.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/akademi_bench \
        .venv/bin/python bench/walk_pages.py [--load-demo] [--runs 15] [--queries PAGE]

Point DATABASE_URL at a throwaway database: it is migrated and, with --load-demo, filled by
``manage.py load_demo``. The first run also walks Mette through the course
"Korrespondancemeddelelsen" as a browser would (start, every lesson done, the quiz passed, so
the course has its certificate) and leaves an answer sheet open on its pre-test; later runs find
that state and reuse it. Each page is then requested in-process with Django's test client,
logged in as the demo's Mette or Hanne, once to warm up and ``--runs`` times; the table gives
the median, the fastest and the slowest wall time of the whole request (middleware, view,
template) and the number of queries. ``--queries`` prints the SQL of the pages whose label
contains the given text, to read where the queries go.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MANAGER = "hanne@example.org"
LEARNER = "mette@example.org"


def setup(args):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ.setdefault("DEBUG", "false")
    # A force_login session has no second factor; the MFA check is a redirect, not measured here.
    os.environ.setdefault("MFA_REQUIRED_FOR_PRIVILEGED", "false")
    import logging

    import django

    django.setup()
    # The quiz's lesson refuses "mark as done" (403) while walking the course; not news here.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if args.load_demo:
        call_command("load_demo", "--quiet-logins")


def walk_the_course(client, user, course):
    """Start the course, mark its lessons done and pass its quiz, as the learner's browser
    does (the answers are submitted through the quiz module: the right keys are not in the
    page). Leaves an open answer sheet on another quiz. Returns (passed attempt, open one)."""
    from quizzes.attempts import open_attempt, start_attempt, submit_attempt
    from quizzes.drawing import shown_questions
    from quizzes.models import Attempt, Quiz, Status

    quiz = Quiz.objects.get(title="Korrespondancemeddelelsen (KM)")
    passed = Attempt.objects.filter(quiz=quiz, user=user, passed=True).first()
    if passed is None:
        client.post(f"/laering/start/{course.pk}/")
        for lesson in course.lessons():
            client.post(f"/laering/lektion/{lesson.pk}/faerdig/")  # the quiz's lesson refuses
        quiz_lesson = next(
            lesson
            for lesson in course.lessons()
            if f"/quizzes/{quiz.pk}/" in client.get(lesson.url).content.decode()
        )
        client.post(f"/quizzes/{quiz.pk}/start/", {"page": quiz_lesson.pk})
        attempt = Attempt.objects.get(quiz=quiz, user=user, status=Status.OPEN)
        picked = {
            item.question.pk: item.keys_in_right_order
            if item.question.kind == "ordering"
            else item.correct_keys
            for item in shown_questions(attempt.layout)
        }
        passed = submit_attempt(attempt, picked).attempt
    pretest = Quiz.objects.get(title="Korrespondancemeddelelsen – før kurset")
    sheet = open_attempt(pretest, user) or start_attempt(pretest, user)
    return passed, sheet


def learner_pages(client, user):
    from cms.models import CatalogPage, CoursePage, VideoGuidePage
    from learning.progress.models import Certificate

    catalogue = CatalogPage.objects.live().first()
    course = CoursePage.objects.get(slug="korrespondancemeddelelsen")
    passed, sheet = walk_the_course(client, user, course)
    lessons = list(course.lessons())
    guide = VideoGuidePage.objects.get(slug="video-mitid-erhverv")
    certificate = Certificate.objects.get(user=user, page=course)
    return [
        ("home page", "/"),
        ("catalogue", catalogue.url),
        ("catalogue search 'udskrivning'", f"{catalogue.url}?q=udskrivning"),
        ("catalogue search 'Korrespondance'", f"{catalogue.url}?q=Korrespondance"),
        ("course", course.url),
        ("lesson", lessons[0].url),
        ("lesson with the quiz", passed.page.url),
        ("quiz", f"/quizzes/{passed.quiz_id}/?page={passed.page_id}"),
        ("quiz answer sheet", f"/quizzes/attempts/{sheet.uuid}/"),
        ("quiz result", f"/quizzes/attempts/{passed.uuid}/result/"),
        ("video guide", guide.url),
        ("certificate page", f"/laering/verificer/{certificate.code}/"),
        ("certificate PDF", f"/laering/bevis/{certificate.code}.pdf"),
        ("Min læring", "/laering/min-laering/"),
    ]


def manager_pages(client, user):
    from django.urls import reverse

    from learning.organisations.models import JobAssignment, ManagerScope

    unit = ManagerScope.objects.filter(manager=user).first().unit
    child = unit.get_children().first() or unit
    person = (
        JobAssignment.objects.active_on()
        .filter(unit__path__startswith=unit.path)
        .exclude(user=user)
        .order_by("user__last_name", "user__first_name")
        .first()
        .user_id
    )
    pages = [
        ("coverage dashboard", "/manage/coverage/"),
        ("dashboard, one unit", f"/manage/coverage/?unit={child.pk}"),
        ("dashboard, overdue", "/manage/coverage/?status=overdue"),
    ]
    pages += [
        (f"dashboard export {fmt}", reverse("reports:export", args=[fmt]) + "?status=overdue")
        for fmt in ("csv", "xlsx", "pdf")
    ]
    pages += [
        ("people", reverse("reports:people", args=[child.pk])),
        ("person (coverage)", reverse("reports:person", args=[person])),
    ]
    pages += [
        (f"people export {fmt}", reverse("reports:people_export", args=[child.pk, fmt]))
        for fmt in ("csv", "xlsx", "pdf")
    ]
    pages += [
        ("staff list", "/manage/staff/"),
        ("person (staff)", f"/manage/staff/{person}/"),
        ("requirements", "/manage/requirements/"),
        ("deputies", "/manage/delegations/"),
    ]
    return pages


def measure(client, url, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm-up (caches, template loading)
    assert response.status_code == 200, (url, response.status_code)
    timings, queries = [], []
    for _run in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        queries = [q["sql"] for q in captured.captured_queries]
    return timings, queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load-demo", action="store_true")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--queries", metavar="PAGE", help="print the SQL of matching pages")
    parser.add_argument("--width", type=int, default=400, help="characters of SQL to print")
    args = parser.parse_args()
    setup(args)
    import multiprocessing

    from django.contrib.auth import get_user_model
    from django.test import Client

    users = get_user_model().objects
    print(f"load average {os.getloadavg()[0]:.1f} on {multiprocessing.cpu_count()} cores")
    print(f"{'page':36} {'median ms':>10} {'min–max':>13} {'queries':>8}")
    for email, pages in ((LEARNER, learner_pages), (MANAGER, manager_pages)):
        user = users.get(email=email)
        client = Client(HTTP_HOST="localhost")  # an allowed host in the dev settings
        client.force_login(user)
        print(f"-- {email}")
        for label, url in pages(client, user):
            timings, queries = measure(client, url, args.runs)
            spread = f"{min(timings):.0f}–{max(timings):.0f}"
            print(f"{label:36} {statistics.median(timings):10.1f} {spread:>13} {len(queries):8d}")
            if args.queries is not None and args.queries in label:
                for number, sql in enumerate(queries, start=1):
                    print(f"    {number:2d}. {sql[: args.width]}")


if __name__ == "__main__":
    main()
