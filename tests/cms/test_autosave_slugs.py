"""Autosave of a new page (issue 15): it posts the form before the admin script has filled in the
slug, which was answered 400 ("Dette felt er påkrævet") until something else created the page.
The browser side (the form switches to the draft, the educator's submit goes there) is walked in
tests/browser/test_educator_journey.py; a submit that crosses the first autosave, and the pages
it must not take over, are below."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

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


# The educator's submit crossing her form's first autosave: the browser still posts the form to
# the create URL, although the autosave has just made the draft (cms/autosave.py).


def submit(client, course, **form):
    """The same form's "Send til gennemgang", as the browser posts it (an HTML answer)."""
    url = reverse("wagtailadmin_pages:add", args=["cms", "lessonpage", course.pk])
    return client.post(url, {**lesson_form(**form), "action-submit": "1"}, follow=True)


def slug_refused(response):
    """Wagtail's "The slug … is already in use" on the re-rendered create form."""
    context = response.context
    return context is not None and "form" in context and "slug" in context["form"].errors


def stored(course):
    """The course's lessons as the database holds them, with their revisions."""
    return [
        (
            page.pk,
            page.title,
            page.slug,
            page.live,
            page.latest_revision_id,
            page.revisions.count(),
            page.workflow_in_progress,
        )
        for page in LessonPage.objects.child_of(course).order_by("pk")
    ]


def test_a_submit_posted_while_the_first_autosave_made_the_draft_submits_that_draft(
    client, jesper, hjorring_course
):
    client.force_login(jesper)
    lessons_before = LessonPage.objects.child_of(hjorring_course).count()
    assert autosave(client, hjorring_course, title=TITLE).status_code == 200
    draft = LessonPage.objects.get(title=TITLE)

    form = lesson_form(TITLE)
    form["estimated_minutes"] = "25"
    url = reverse("wagtailadmin_pages:add", args=["cms", "lessonpage", hjorring_course.pk])
    response = client.post(url, {**form, "action-submit": "1"}, follow=True)

    assert response.status_code == 200
    assert not slug_refused(response)
    assert response.redirect_chain[0] == (
        reverse("wagtailadmin_pages:edit", args=[draft.pk]),
        307,
    )
    # Wagtail's edit view submitted it and returned her to the course, as a create would have.
    assert response.redirect_chain[-1] == (
        reverse("wagtailadmin_explore", args=[hjorring_course.pk]),
        302,
    )
    assert LessonPage.objects.child_of(hjorring_course).count() == lessons_before + 1
    draft.refresh_from_db()
    assert draft.get_latest_revision().content["estimated_minutes"] == 25
    assert draft.workflow_in_progress and not draft.live


@pytest.mark.parametrize("who", ["lise", "birgit"])
def test_another_educators_create_with_the_same_slug_is_refused_and_changes_nothing(
    client, jesper, lise, birgit, hjorring_course, who
):
    client.force_login(jesper)
    autosave(client, hjorring_course, title=TITLE)
    before = stored(hjorring_course)

    client.force_login({"lise": lise, "birgit": birgit}[who])
    response = submit(client, hjorring_course, title=TITLE)

    assert 307 not in [status for _url, status in response.redirect_chain]
    if who == "lise":  # may add lessons to the course, but not take over Jesper's draft
        assert slug_refused(response)
        assert "er allerede i brug under den overordnede side" in response.content.decode()
    else:  # may not add to Hjørring's course at all
        assert response.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert stored(hjorring_course) == before
    assert not LessonPage.objects.get(title=TITLE).workflow_in_progress


def test_her_own_published_page_with_the_slug_is_not_taken_over(client, jesper, hjorring_course):
    client.force_login(jesper)
    autosave(client, hjorring_course, title=TITLE)
    LessonPage.objects.get(title=TITLE).save_revision(user=jesper).publish()
    before = stored(hjorring_course)

    response = submit(client, hjorring_course, title=TITLE)

    assert response.status_code == 200 and not response.redirect_chain
    assert slug_refused(response)
    assert stored(hjorring_course) == before


def test_her_own_older_draft_with_the_slug_is_not_taken_over(client, jesper, hjorring_course):
    """A draft from before this form was opened is another lesson, not this form's autosave."""
    client.force_login(jesper)
    autosave(client, hjorring_course, title=TITLE)
    draft = LessonPage.objects.get(title=TITLE)
    draft.revisions.update(created_at=timezone.now() - timedelta(minutes=10))
    before = stored(hjorring_course)

    response = submit(client, hjorring_course, title=TITLE)

    assert slug_refused(response) and not response.redirect_chain
    assert stored(hjorring_course) == before
