"""Authors see a warning in the Wagtail editor when a course awards a competence that no quiz in
the course assesses (a competence for clicks)."""

import pytest
from django.urls import reverse

from .test_evidence_chain import fmk, post_test  # noqa: F401

pytestmark = pytest.mark.django_db

WARNING = "Kurset giver en kompetence, men har ingen quiz med en beståelsesgrænse"


def _editor(client, admin_user, page):
    client.force_login(admin_user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_course_awarding_a_competence_without_a_quiz_warns_its_author(
    client, admin_user, course, lessons
):
    assert WARNING in _editor(client, admin_user, course)
    assert WARNING in _editor(client, admin_user, lessons[0])


def test_a_course_with_an_assessment_does_not_warn(client, admin_user, fmk):  # noqa: F811
    assert WARNING not in _editor(client, admin_user, fmk)


def test_a_course_awarding_nothing_does_not_warn(client, admin_user, catalogue):
    from cms.factories import course_with_lessons

    course, _lessons = course_with_lessons(catalogue, title="Uden kompetence")
    assert WARNING not in _editor(client, admin_user, course)
