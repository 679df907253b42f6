"""Serving pages in few queries (issue 16, cms/models/serving.py and IdleTimeoutMiddleware)
without changing who may see what or how long a session lasts."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

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
