"""Serving pages in few queries (issue 16: cms.views.serve_page, cms/models/serving.py, cached
sessions and IdleTimeoutMiddleware)
without changing who may see what or how long a session lasts."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.models import CoursePage, LessonPage
from cms.models.serving import page_type_key

pytestmark = pytest.mark.django_db


def test_a_lesson_is_routed_by_its_whole_path(client, learner, lessons):
    client.force_login(learner)
    response = client.get(lessons[1].url)
    assert response.status_code == 200
    assert lessons[1].title in response.content.decode()


def test_a_path_that_names_no_page_is_404_and_a_draft_too(client, learner, lessons):
    client.force_login(learner)
    assert client.get(lessons[0].url + "no-such-page/").status_code == 404
    lessons[2].unpublish()
    assert client.get(lessons[2].url).status_code == 404


def test_a_view_restriction_added_after_serving_is_enforced(client, learner, lessons):
    client.force_login(learner)
    course = lessons[0].get_parent()
    assert client.get(lessons[0].url).status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Editors"))
    assert client.get(lessons[0].url).status_code != 200
    restriction.delete()
    assert client.get(lessons[0].url).status_code == 200


def test_the_session_is_written_at_most_once_a_minute(client, learner, lessons):
    client.force_login(learner)
    client.get(lessons[0].url)
    with CaptureQueriesContext(connection) as second:
        client.get(lessons[0].url)
    assert not [
        q for q in second.captured_queries if "UPDATE" in q["sql"] and "session" in q["sql"]
    ]
    # A minute later the same request renews the stored expiry.
    session = client.session
    session["_renewed_at"] = time.time() - 61
    session.save()
    stored = Session.objects.filter(session_key=session.session_key)
    stored.update(expire_date=timezone.now() + timedelta(minutes=2))
    client.get(lessons[0].url)
    assert stored.get().expire_date > timezone.now() + timedelta(minutes=25)


def test_the_wagtail_user_bar_is_shown_to_authors_only(client, learner, educator, lessons):
    course_url = lessons[0].get_parent().url
    client.force_login(learner)
    assert "wagtail-userbar" not in client.get(course_url).content.decode()
    client.force_login(educator)
    assert "wagtail-userbar" in client.get(course_url).content.decode()


def test_a_remembered_page_type_is_only_a_guess(client, learner, lessons):
    """The page's model is remembered per URL path; a wrong or outdated guess still serves the
    page that has the path now."""
    client.force_login(learner)
    lesson = lessons[0]
    assert client.get(lesson.url).status_code == 200  # remembers "a lesson lives here"
    # A wrong guess (another model) for the second lesson's path: found as a plain page.
    course_type = ContentType.objects.get_for_model(CoursePage)
    cache.set(page_type_key(lessons[1].url_path), course_type.pk)
    response = client.get(lessons[1].url)
    assert response.status_code == 200
    assert lessons[1].title in response.content.decode()
    # The first lesson gets another slug: its old path names nothing, its new one serves it.
    old_url = lesson.url
    lesson.slug = "ny-adresse"
    lesson.save_revision().publish()
    assert client.get(old_url).status_code == 404
    response = client.get(LessonPage.objects.get(pk=lesson.pk).url)
    assert response.status_code == 200
    assert lesson.title in response.content.decode()


def test_wagtails_own_helpers_are_still_reached(client):
    """/_util/ is Wagtail's (the password form of a restricted page, its login), not a page."""
    assert client.get("/_util/login/").status_code == 200


def test_a_served_page_costs_one_query_for_itself(client, learner, lessons):
    client.force_login(learner)
    client.get(lessons[0].url)
    with CaptureQueriesContext(connection) as captured:
        client.get(lessons[0].url)
    page_reads = [q for q in captured.captured_queries if 'FROM "cms_lessonpage"' in q["sql"]]
    # The lesson itself, read once with its specific row (the course's lessons are another).
    assert len([q for q in page_reads if '"url_path" = ' in q["sql"]]) == 1
    assert not [q for q in captured.captured_queries if "django_session" in q["sql"]]
