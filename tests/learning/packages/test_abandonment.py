"""The periodic sweep: sessions left open and silent past the timeout are abandoned (cmi5 9.3.6)
with the LMS's statement, once; finished, recent and still active sessions are left alone,
however long ago they were launched; an abandoned session takes nothing more."""

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from learning.packages import launch, scorm, tasks
from learning.packages.models import LaunchSession, ScormData
from learning.packages.upload import import_package
from learning.xapi import vocabulary
from learning.xapi.models import Statement

from .builders import au_xml, cmi5_xml, zip_bytes
from .scorm_builders import manifest, sco_package
from .test_launch import content_client, fetch, launch_params, launch_params_cache, send, statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def cmi5_unit(educator):
    files = {"cmi5.xml": cmi5_xml(au_xml()), "index.html": "<p>AU</p>"}
    package = import_package(SimpleUploadedFile("p.zip", zip_bytes(files)), user=educator)
    return package.units.get()


@pytest.fixture
def sco(educator):
    package = import_package(SimpleUploadedFile("s.zip", sco_package(manifest())), user=educator)
    return package.units.get()


def launched_hours_ago(session, hours):
    session.launched_at = timezone.now() - timedelta(hours=hours)
    session.save(update_fields=["launched_at"])
    return session


def abandoned_statements(session):
    return Statement.objects.filter(
        verb_id=vocabulary.ABANDONED.id, registration=session.registration.registration
    )


def test_the_sweep_abandons_only_sessions_left_open_past_the_timeout(
    learner, educator, outsider, cmi5_unit, sco
):
    timeout = settings.PACKAGES_ABANDON_AFTER_HOURS
    stale, _ = launch.launch(learner, cmi5_unit, return_url="http://testserver/")
    launched_hours_ago(stale, timeout + 1)
    recent, _ = launch.launch(outsider, cmi5_unit, return_url="http://testserver/")
    launched_hours_ago(recent, timeout - 1)
    finished, _ = launch.launch(educator, cmi5_unit, return_url="http://testserver/")
    launched_hours_ago(finished, timeout + 5)
    LaunchSession.objects.filter(pk=finished.pk).update(terminated_at=timezone.now())
    stale_sco, sco_token = scorm.launch(learner, sco)
    launched_hours_ago(stale_sco, timeout + 1)

    assert tasks.abandon_stale_sessions() == 2

    stale.refresh_from_db()
    assert stale.abandoned_at is not None
    statement = abandoned_statements(stale).get()
    assert statement.data["context"]["extensions"][
        "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
    ] == str(stale.session_id)
    assert statement.data["result"]["duration"].startswith("PT")
    for untouched in (recent, finished):
        untouched.refresh_from_db()
        assert untouched.abandoned_at is None
        assert not abandoned_statements(untouched).exists()
    stale_sco.refresh_from_db()
    assert stale_sco.abandoned_at is not None
    assert abandoned_statements(stale_sco).count() == 1

    # Idempotent: a second run abandons nothing more.
    before = Statement.objects.count()
    assert tasks.abandon_stale_sessions() == 0
    assert Statement.objects.count() == before

    # The abandoned SCO session takes no commit.
    response = Client(HTTP_ORIGIN=settings.PACKAGES_CONTENT_ORIGIN).post(
        f"/pakker/scorm/{stale_sco.session_id}/runtime",
        json.dumps({"cmi": {"core": {"lesson_status": "passed"}}, "terminated": True}),
        "application/json",
        HTTP_AUTHORIZATION=f"Bearer {sco_token}",
    )
    assert response.status_code == 409
    assert Statement.objects.count() == before


def test_the_sweep_runs_every_quarter_of_an_hour():
    entry = settings.CELERY_BEAT_SCHEDULE["packages-abandon-stale-sessions"]
    assert entry["task"] == tasks.abandon_stale_sessions.name
    assert entry["schedule"].minute == set(range(0, 60, 15))


def au_sends(session, url, *verbs):
    """The AU fetches its token and sends ``verbs`` through the content origin's LRS."""
    params = launch_params(url)
    launch_params_cache[session] = params
    au = content_client()
    token = fetch(au, params).json()["auth-token"]
    for verb in verbs:
        assert send(au, token, statement(session, verb)).status_code == 200
    return au, token


def test_a_session_still_sending_statements_is_kept_and_abandoned_once_silent(learner, cmi5_unit):
    timeout = settings.PACKAGES_ABANDON_AFTER_HOURS
    session, url = launch.launch(learner, cmi5_unit, return_url="http://testserver/")
    au, token = au_sends(session, url, vocabulary.INITIALIZED)
    # Launched long ago, but its AU sent a statement just now: not abandoned.
    launched_hours_ago(session, timeout + 5)
    assert tasks.abandon_stale_sessions() == 0
    assert send(au, token, statement(session, vocabulary.PROGRESSED)).status_code == 200
    session.refresh_from_db()
    assert session.abandoned_at is None and not abandoned_statements(session).exists()

    # Silent for longer than the timeout (the sweep runs that much later): abandoned.
    later = timezone.now() + timedelta(hours=timeout, minutes=1)
    assert tasks.abandonment.abandon_stale_sessions(now=later) == 1
    session.refresh_from_db()
    assert session.abandoned_at == later
    assert abandoned_statements(session).count() == 1
    assert send(au, token, statement(session, vocabulary.PROGRESSED)).status_code == 403


def commit(session, token, cmi, terminated=False):
    return Client(HTTP_ORIGIN=settings.PACKAGES_CONTENT_ORIGIN).post(
        f"/pakker/scorm/{session.session_id}/runtime",
        json.dumps({"cmi": cmi, **({"terminated": True} if terminated else {})}),
        "application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_a_sco_still_committing_is_kept_and_abandoned_once_silent(learner, sco):
    timeout = settings.PACKAGES_ABANDON_AFTER_HOURS
    session, token = scorm.launch(learner, sco)
    assert commit(session, token, {"core": {"lesson_location": "1"}}).status_code == 200
    launched_hours_ago(session, timeout + 5)
    assert tasks.abandon_stale_sessions() == 0

    # A commit that changes no status stores no statement; it still counts as activity.
    statements = Statement.objects.count()
    assert commit(session, token, {"core": {"lesson_location": "2"}}).status_code == 200
    assert Statement.objects.count() == statements
    first_commit = timezone.now()
    # That commit came two hours after the first (its save time moved to say so); the sweep
    # runs the timeout after the first: the session is not silent.
    ScormData.objects.filter(registration=session.registration).update(
        updated=first_commit + timedelta(hours=2)
    )
    sweep = first_commit + timedelta(hours=timeout, minutes=1)
    assert tasks.abandonment.abandon_stale_sessions(now=sweep) == 0

    # Silent the timeout after the last commit: abandoned, and it takes no commit more.
    later = first_commit + timedelta(hours=timeout + 2, minutes=1)
    assert tasks.abandonment.abandon_stale_sessions(now=later) == 1
    session.refresh_from_db()
    assert session.abandoned_at == later
    assert abandoned_statements(session).count() == 1
    assert commit(session, token, {"core": {"lesson_location": "3"}}).status_code == 409
