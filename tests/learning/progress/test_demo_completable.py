"""Every demo course can be completed under the default completion rule, the way its lessons ask:
marking the lessons without an assessment, passing the quizzes of the others."""

import random

import pytest
from django.core.management import call_command

from cms.models import CoursePage
from learning.progress import rule
from learning.progress.factories import complete_lesson
from learning.progress.models import Enrolment
from quizzes.attempts import start_attempt, submit_attempt
from quizzes.demo import _simulated_picks
from quizzes.drawing import shown_questions

pytestmark = pytest.mark.django_db


def test_every_demo_course_can_be_completed_by_doing_what_its_rule_asks(learner):
    call_command("load_demo", "--quiet-logins")
    courses = list(CoursePage.objects.live())
    assert courses
    rng = random.Random(14)  # repeatable right answers, not a secret
    for course in courses:
        for lesson_rule in rule.rules(course):
            if lesson_rule.by_button:
                complete_lesson(learner, lesson_rule.lesson)
            for quiz in lesson_rule.quizzes:
                attempt = start_attempt(quiz, learner, page=lesson_rule.lesson, rng=rng)
                shown = shown_questions(attempt.layout)
                assert submit_attempt(attempt, _simulated_picks(shown, 1.0, rng)).attempt.passed
        enrolment = Enrolment.objects.get(user=learner, page_id=course.pk)
        assert enrolment.completed_at is not None, course.title
