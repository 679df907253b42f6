"""The demo quizzes: idempotent, Danish, with pre/post pairs and synthetic first attempts."""

import re

from learning.accounts.factories import UserFactory
from quizzes.demo import EVALUATIONS, QUIZZES, load_quiz_demo
from quizzes.models import Attempt, Choice, CourseEvaluation, Question, Quiz


def test_the_quiz_demo_loads_twice_without_adding_anything(db):
    for _ in range(6):
        UserFactory()
    load_quiz_demo()
    counts = (
        Quiz.objects.count(),
        Question.objects.count(),
        Choice.objects.count(),
        Attempt.objects.count(),
    )
    load_quiz_demo()
    assert (
        Quiz.objects.count(),
        Question.objects.count(),
        Choice.objects.count(),
        Attempt.objects.count(),
    ) == counts
    assert counts[0] == len(QUIZZES)


def test_each_demo_evaluation_has_a_pre_and_post_test_with_first_attempts(db):
    for _ in range(6):
        UserFactory()
    load_quiz_demo()
    assert CourseEvaluation.objects.count() == len(EVALUATIONS)
    for evaluation in CourseEvaluation.objects.all():
        assert evaluation.pre_test.attempts.filter(number=1).count() == 6
        assert evaluation.post_test.attempts.filter(number=1).count() == 6
        assert evaluation.pre_test.competence is None  # the pre-test records nothing


def test_demo_questions_contain_no_cpr_numbers(db):
    load_quiz_demo()
    texts = list(Question.objects.values_list("text", flat=True)) + list(
        Choice.objects.values_list("text", flat=True)
    )
    assert not [t for t in texts if re.search(r"\d{6}-?\d{4}", t)]
