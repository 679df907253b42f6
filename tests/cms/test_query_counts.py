"""Issue 16: the learner's pages served by Wagtail answer in a fixed, small number of queries on
the demo (the caps are today's counts; docs/performance.md has the figures and the time)."""

import pytest

from tests.walks import Page, assert_pages, learner_walk

pytestmark = pytest.mark.django_db


def test_the_learners_wagtail_pages_answer_in_few_queries(client, django_assert_max_num_queries):
    walk = learner_walk(client)
    catalogue = walk.catalogue.url
    assert_pages(
        client,
        [
            Page("home page", "/", 4, walk.home.title),
            Page("catalogue", catalogue, 9, walk.course.title),
            Page("search", f"{catalogue}?q=udskrivning", 10, "udskrivningskonference"),
            Page("search", f"{catalogue}?q=Korrespondance", 10, walk.course.title),
            Page("course", walk.course.url, 10, walk.course.title),
            Page("lesson", walk.lessons[0].url, 9, walk.lessons[0].title),
            Page("lesson with the quiz", walk.quiz_lesson.url, 9, walk.quiz_lesson.title),
            Page("video guide", walk.guide.url, 10, walk.guide.title),
        ],
        django_assert_max_num_queries,
    )
