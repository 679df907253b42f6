"""Content analytics for educators: enrolments, completion funnel, median time; no names."""

import pytest
from django.urls import reverse

from cms.factories import catalogue_tree, course_with_lessons
from learning.accounts.factories import UserFactory
from learning.progress.factories import complete_lesson, start
from learning.reports.content import course_figures, funnel


@pytest.fixture
def course(db):
    course, lessons = course_with_lessons(catalogue_tree(), lessons=3, title="FMK i praksis")
    learners = [UserFactory(first_name=f"Kursist{n}") for n in range(4)]
    for n, learner in enumerate(learners):
        registration = start(learner, course)
        for lesson in lessons[:n]:  # 0, 1, 2 and 3 lessons done
            complete_lesson(learner, lesson, registration)
    return course, lessons, learners


def test_the_funnel_counts_who_completed_each_lesson(course):
    page, lessons, _learners = course
    assert [(lesson.pk, done) for lesson, done, _share in funnel(page)] == [
        (lessons[0].pk, 3),
        (lessons[1].pk, 2),
        (lessons[2].pk, 1),
    ]


def test_the_course_figures_count_enrolments_and_completions(course):
    figures = course_figures(course[0])
    assert (figures.enrolled, figures.completed) == (4, 1)
    assert figures.median_hours is not None


def test_an_educator_sees_course_analytics_without_names(client, educator, course):
    client.force_login(educator)
    response = client.get(reverse("reports:content_course", args=[course[0].pk]))
    assert response.status_code == 200
    assert "Kursist" not in response.content.decode()
    assert client.get(reverse("reports:content")).status_code == 200


def test_a_learner_cannot_see_course_analytics(client, learner, course):
    client.force_login(learner)
    assert client.get(reverse("reports:content")).status_code == 403
    assert client.get(reverse("reports:content_course", args=[course[0].pk])).status_code == 403


def test_an_unknown_course_is_not_found(client, educator, course):
    client.force_login(educator)
    assert client.get(reverse("reports:content_course", args=[999999])).status_code == 404
