"""Issue 16: the quiz pages of the learner's walk answer in a fixed, small number of queries on
the demo (the caps are today's counts; docs/performance.md has the figures and the time)."""

import pytest

from tests.walks import Page, assert_pages, learner_walk

pytestmark = pytest.mark.django_db


def test_the_quiz_pages_answer_in_few_queries(client, django_assert_max_num_queries):
    walk = learner_walk(client)
    quiz, sheet = walk.passed.quiz, walk.sheet
    assert_pages(
        client,
        [
            Page("quiz", f"/quizzes/{quiz.pk}/?page={walk.quiz_lesson.pk}", 6, quiz.title),
            Page("answer sheet", f"/quizzes/attempts/{sheet.uuid}/", 4, sheet.quiz.title),
            Page(
                "result", f"/quizzes/attempts/{walk.passed.uuid}/result/", 9, "quiz-score--passed"
            ),
        ],
        django_assert_max_num_queries,
    )
