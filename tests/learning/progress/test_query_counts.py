"""Issue 16: the learner's own pages (certificate, Min læring) answer in a fixed, small number of
queries on the demo (the caps are today's counts; docs/performance.md has the figures)."""

import pytest

from tests.walks import Page, assert_pages, learner_walk

pytestmark = pytest.mark.django_db


def test_the_learners_own_pages_answer_in_few_queries(client, django_assert_max_num_queries):
    walk = learner_walk(client)
    code = walk.certificate.code
    assert_pages(
        client,
        [
            Page("certificate page", f"/laering/verificer/{code}/", 2, "Mette Nielsen"),
            Page("certificate PDF", f"/laering/bevis/{code}.pdf", 6, b"%PDF"),
            Page("Min læring", "/laering/min-laering/", 10, walk.course.title),
        ],
        django_assert_max_num_queries,
    )
