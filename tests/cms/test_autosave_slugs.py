"""Autosave of a new page (issue 15): it posts the form before the admin script has filled in the
slug, which was answered 400 ("Dette felt er påkrævet") until something else created the page.
The browser side (the form switches to the draft, the educator's submit goes there) is walked in
tests/browser/test_educator_journey.py."""

import json

import pytest
from django.urls import reverse

from cms.models import LessonPage

pytestmark = pytest.mark.django_db

TITLE = "Hvorfor digital først"


def lesson_form(title, slug=""):
    """What the lesson's create form posts, as Wagtail's autosave sends it."""
    return {
        "title": title,
        "slug": slug,
        "introduction": "",
        "estimated_minutes": "10",
        "required": "on",
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "",
    }


def autosave(client, course, **form):
    url = reverse("wagtailadmin_pages:add", args=["cms", "lessonpage", course.pk])
    return client.post(url, lesson_form(**form), HTTP_ACCEPT="application/json")


def test_an_autosave_before_the_slug_is_filled_in_makes_the_draft_with_the_danish_slug(
    client, jesper, hjorring_course
):
    client.force_login(jesper)
    response = autosave(client, hjorring_course, title=TITLE)
    assert response.status_code == 200, response.content
    answer = json.loads(response.content)
    lesson = LessonPage.objects.get(pk=answer["pk"])
    assert lesson.slug == "hvorfor-digital-foerst" and not lesson.live
    assert answer["url"] == reverse("wagtailadmin_pages:edit", args=[lesson.pk])


def test_a_slug_the_educator_wrote_is_still_refused_when_taken(client, jesper, hjorring_course):
    client.force_login(jesper)
    taken = hjorring_course.get_children().first().slug
    response = autosave(client, hjorring_course, title=TITLE, slug=taken)
    assert response.status_code == 400
    assert not LessonPage.objects.filter(title=TITLE).exists()
