"""The learner's walk of issue 16 on the demo, for the query-count guards of its pages
(tests/cms, tests/quizzes and tests/learning/progress ``test_query_counts.py``).

``learner_walk`` loads the demo inside the test's transaction and walks Mette through the
course "Korrespondancemeddelelsen" as her browser would (start, every lesson marked done, the
quiz passed, so the course has its certificate) and opens an answer sheet on its pre-test.
``assert_pages`` then asks each page twice (the first warms the session and the caches) and
caps the second at its number of queries, checking that the page shows what it should.
bench/walk_pages.py measures the same pages' time.
"""

from dataclasses import dataclass

from django.core.management import call_command


@dataclass(frozen=True)
class Page:
    label: str
    url: str
    cap: int  # queries, at most
    shows: str | bytes  # something the page must show


@dataclass
class LearnerWalk:
    client: object
    user: object
    course: object
    lessons: list
    quiz_lesson: object
    passed: object
    sheet: object
    guide: object
    certificate: object
    catalogue: object
    home: object


def learner_walk(client):
    from cms.models import CatalogPage, CoursePage, HomePage, VideoGuidePage
    from learning.accounts.models import User
    from learning.progress.models import Certificate
    from quizzes.attempts import start_attempt, submit_attempt
    from quizzes.drawing import shown_questions
    from quizzes.models import Attempt, Quiz, Status

    call_command("load_demo", "--quiet-logins")
    user = User.objects.get(email="mette@example.org")
    client.force_login(user)
    course = CoursePage.objects.get(slug="korrespondancemeddelelsen")
    lessons = list(course.lessons())
    quiz = Quiz.objects.get(title="Korrespondancemeddelelsen (KM)")
    assert client.post(f"/laering/start/{course.pk}/").status_code == 302
    quiz_lesson = None
    for lesson in lessons:
        if f"/quizzes/{quiz.pk}/" in client.get(lesson.url).content.decode():
            quiz_lesson = lesson  # done by passing the quiz, not by the button
        else:
            assert client.post(f"/laering/lektion/{lesson.pk}/faerdig/").status_code == 302
    client.post(f"/quizzes/{quiz.pk}/start/", {"page": quiz_lesson.pk})
    attempt = Attempt.objects.get(quiz=quiz, user=user, status=Status.OPEN)
    right = {
        item.question.pk: item.keys_in_right_order
        if item.question.kind == "ordering"
        else item.correct_keys
        for item in shown_questions(attempt.layout)
    }
    passed = submit_attempt(attempt, right).attempt
    assert passed.passed
    sheet = start_attempt(Quiz.objects.get(title="Korrespondancemeddelelsen – før kurset"), user)
    return LearnerWalk(
        client=client,
        user=user,
        course=course,
        lessons=lessons,
        quiz_lesson=quiz_lesson,
        passed=passed,
        sheet=sheet,
        guide=VideoGuidePage.objects.get(slug="video-mitid-erhverv"),
        certificate=Certificate.objects.get(user=user, page=course),
        catalogue=CatalogPage.objects.live().get(),
        home=HomePage.objects.get(),
    )


def assert_pages(client, pages, django_assert_max_num_queries):
    for page in pages:
        client.get(page.url)  # warm: the session's renewal and the header's cached facts
        with django_assert_max_num_queries(page.cap, info=page.label):
            response = client.get(page.url)
        assert response.status_code == 200, page.label
        body = response.content if isinstance(page.shows, bytes) else response.content.decode()
        assert page.shows in body, f"{page.label} does not show {page.shows!r}"
