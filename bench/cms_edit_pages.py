"""Benchmark: server time and SQL queries of the CMS pages an author opens (issue 15: "CMS edit
pages answer in under 1 s on the demo data"). Not a test.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/akademi_bench \
        .venv/bin/python bench/cms_edit_pages.py [--load-demo] [--runs 5]

Point DATABASE_URL at a throwaway database: it is migrated and, with --load-demo, filled by
``manage.py load_demo``. Each page is requested in-process with Django's test client, logged in
as the demo's admin Ada (the demo's content belongs to the region, which only administrators
change; an educator's edit page of their own content runs the same view and panels), once to
warm up and then ``--runs`` times; the table gives the median wall time of the whole request
(middleware, view, template) and the number of queries.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "bench"))
from walk_pages import measure, setup  # noqa: E402  (the same setup and measuring)


def edit_pages():
    from django.urls import reverse
    from wagtailmedia.models import Media

    from cms.models import CatalogPage, CoursePage, LessonPage, VideoGuidePage
    from quizzes.models import Question, Quiz

    course = CoursePage.objects.get(slug="korrespondancemeddelelsen")
    lessons = LessonPage.objects.child_of(course).order_by("path")
    quiz_lesson = next(
        (lesson for lesson in lessons if any(b.block_type == "quiz" for b in lesson.body)),
        lessons.first(),
    )
    video_lesson = next(
        (
            lesson
            for lesson in LessonPage.objects.order_by("path")
            if any(block.block_type == "video" for block in lesson.body)
        ),
        lessons.first(),
    )
    guide = VideoGuidePage.objects.order_by("path").first()
    catalogue = CatalogPage.objects.first()
    quiz = Quiz.objects.order_by("pk").first()
    question = Question.objects.order_by("pk").first()
    video = Media.objects.filter(type="video").order_by("pk").first()
    edit = "wagtailadmin_pages:edit"
    return [
        ("dashboard", reverse("wagtailadmin_home")),
        ("explorer: catalogue", reverse("wagtailadmin_explore", args=[catalogue.pk])),
        ("edit course", reverse(edit, args=[course.pk])),
        ("edit lesson (quiz)", reverse(edit, args=[quiz_lesson.pk])),
        ("edit lesson (video)", reverse(edit, args=[video_lesson.pk])),
        ("edit video guide", reverse(edit, args=[guide.pk])),
        ("add lesson", reverse("wagtailadmin_pages:add", args=["cms", "lessonpage", course.pk])),
        ("edit quiz", reverse("wagtailsnippets_quizzes_quiz:edit", args=[quiz.pk])),
        ("edit question", reverse("wagtailsnippets_quizzes_question:edit", args=[question.pk])),
        ("edit video (media)", reverse("wagtailmedia:edit", args=[video.pk])),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load-demo", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    setup(args)
    import multiprocessing

    from django.contrib.auth import get_user_model
    from django.test import Client

    print(f"load average {os.getloadavg()[0]:.1f} on {multiprocessing.cpu_count()} cores")
    print(f"{'page':36} {'median ms':>10} {'queries':>8}")
    client = Client(HTTP_HOST="localhost")  # an allowed host in the dev settings
    client.force_login(get_user_model().objects.get(email="admin@example.org"))
    for label, url in edit_pages():
        ms, queries = measure(client, url, args.runs)
        print(f"{label:36} {ms:10.1f} {queries:8d}")


if __name__ == "__main__":
    main()
