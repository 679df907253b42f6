"""The result page: what it reveals after an attempt (the quiz's review policy), and the way on.

Everything goes through the pages as a learner would: the lesson's quiz button, the start
button, the answer sheet's submit and the result page it leads to.
"""

import re

import pytest
from django.urls import reverse

from cms.factories import LessonPageFactory, course_with_lessons
from quizzes.models import Attempt, Kind, Review
from tests.course_fixtures import catalogue  # noqa: F401 - a fixture

from .conftest import all_right, answer_fields

pytestmark = pytest.mark.django_db

CORRECT_MARK = "rigtigt svar"  # "correct answer" beside a choice
RIGHT_ORDER = "Den rigtige rækkefølge"
PLACEMENT = re.compile(r"rigtig plads|hører til på plads")


def take(client, quiz, picks_for, page=None):
    """Start (from ``page`` if given), answer and submit; the result page's HTML."""
    data = {"page": page.pk} if page else {}
    start = client.post(reverse("quizzes:start", args=[quiz.pk]), data)
    assert start.status_code == 302, start.content
    attempt = Attempt.objects.filter(quiz=quiz).order_by("-number").first()
    submitted = client.post(start.url, answer_fields(attempt, picks_for(attempt)))
    assert submitted.status_code == 302
    result = client.get(submitted.url)
    assert result.status_code == 200
    return result.content.decode()


def failing(questions):
    """Every question answered, the single-choice and ordering ones wrongly: 50 %."""

    def picks(attempt):
        picks = all_right(questions)
        picks[questions[Kind.SINGLE].pk] = ["Et forkert svar"]
        picks[questions[Kind.ORDERING].pk] = [
            "Andet trin",
            "Første trin",
            "Tredje trin",
            "Fjerde trin",
        ]
        return picks

    return picks


def passing(questions):
    return lambda attempt: all_right(questions)


def reveals_answers(html):
    return CORRECT_MARK in html or RIGHT_ORDER in html or bool(PLACEMENT.search(html))


def test_a_failed_attempt_shows_what_was_wrong_and_why_but_not_the_answers(
    client, learner, quiz, questions
):
    client.force_login(learner)

    html = take(client, quiz, failing(questions))

    assert "Forkert" in html
    assert questions[Kind.SINGLE].explanation in html
    assert "is-correct" not in html
    assert not reveals_answers(html)


def test_a_pass_shows_the_correct_answers(client, learner, quiz, questions):
    client.force_login(learner)

    html = take(client, quiz, passing(questions))

    assert CORRECT_MARK in html and RIGHT_ORDER in html


def test_the_answers_show_when_no_attempts_are_left(client, learner, quiz, questions):
    quiz.max_attempts = 1
    quiz.save()
    client.force_login(learner)

    html = take(client, quiz, failing(questions))

    assert CORRECT_MARK in html and RIGHT_ORDER in html


def test_an_earlier_result_shows_no_answers_while_the_last_attempt_is_open(
    client, learner, quiz, questions
):
    quiz.max_attempts = 2
    quiz.save()
    client.force_login(learner)
    take(client, quiz, failing(questions))
    first = Attempt.objects.get(quiz=quiz, number=1)
    assert client.post(reverse("quizzes:start", args=[quiz.pk])).status_code == 302

    html = client.get(reverse("quizzes:result", args=[first.uuid])).content.decode()

    assert not reveals_answers(html)


@pytest.mark.parametrize(
    ("policy", "after_fail", "after_pass"),
    [(Review.ALWAYS, True, True), (Review.NEVER, False, False), (Review.AFTER_PASS, False, True)],
)
def test_authors_choose_the_review_policy_per_quiz(
    client, learner, quiz, questions, policy, after_fail, after_pass
):
    quiz.review = policy
    quiz.save()
    client.force_login(learner)

    assert reveals_answers(take(client, quiz, failing(questions))) is after_fail
    assert reveals_answers(take(client, quiz, passing(questions))) is after_pass


def test_the_review_policy_is_a_field_of_the_quiz_in_the_admin(client, admin_user, quiz):
    client.force_login(admin_user)

    html = client.get(reverse("wagtailsnippets_quizzes_quiz:edit", args=[quiz.pk])).content
    html = html.decode()

    assert 'name="review"' in html
    assert 'value="after_pass" selected' in html


# -- the way on -----------------------------------------------------------------------------


@pytest.fixture
def lesson_with_quiz(catalogue, quiz):  # noqa: F811 - the fixture imported above
    """A course whose second lesson holds the quiz: (course, quiz lesson, the lesson after it)."""
    course, _none = course_with_lessons(catalogue, lessons=0, title="FMK i hverdagen")
    LessonPageFactory(parent=course, title="Ordination i FMK")
    quiz_lesson = LessonPageFactory(
        parent=course, title="Test dig selv", body=[("quiz", {"quiz": quiz, "heading": ""})]
    )
    next_lesson = LessonPageFactory(parent=course, title="Afstemning af medicin")
    return course, quiz_lesson, next_lesson


def test_the_result_leads_back_to_the_lesson_and_on_to_the_next(
    client, learner, quiz, questions, lesson_with_quiz
):
    course, quiz_lesson, next_lesson = lesson_with_quiz
    client.force_login(learner)
    lesson_html = client.get(quiz_lesson.url).content.decode()
    assert f"?page={quiz_lesson.pk}" in lesson_html

    html = take(client, quiz, failing(questions), page=quiz_lesson)

    assert f'href="{quiz_lesson.url}"' in html
    assert f'href="{next_lesson.url}"' in html
    assert next_lesson.title in html


def test_the_last_lesson_leads_back_to_the_course(client, learner, quiz, questions, catalogue):  # noqa: F811
    course, _lessons = course_with_lessons(catalogue, title="KM")
    last = LessonPageFactory(parent=course, body=[("quiz", {"quiz": quiz, "heading": ""})])
    client.force_login(learner)

    html = take(client, quiz, passing(questions), page=last)

    assert f'href="{last.url}"' in html
    assert f'href="{course.url}"' in html


def test_after_a_pass_the_page_does_not_offer_another_try(client, learner, quiz, questions):
    quiz.cooldown_minutes = 10
    quiz.save()
    client.force_login(learner)

    html = take(client, quiz, passing(questions))

    assert "prøve igen" not in html
    assert "Tag quizzen igen" not in html


def test_after_a_fail_the_wait_is_explained(client, learner, quiz, questions):
    quiz.cooldown_minutes = 10
    quiz.save()
    client.force_login(learner)

    html = take(client, quiz, failing(questions))

    assert "10 minutters pause mellem forsøgene" in html
    assert "Du kan prøve igen fra" in html
