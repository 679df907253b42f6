"""The periodic sweep: sessions left open past the timeout are abandoned (cmi5 9.3.6) with the
LMS's statement, once; finished and recent sessions are left alone; an abandoned session takes
nothing more."""

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from learning.packages import launch, scorm, tasks
from learning.packages.models import LaunchSession
from learning.packages.upload import import_package
from learning.xapi import vocabulary
from learning.xapi.models import Statement

from .builders import au_xml, cmi5_xml, zip_bytes
from .scorm_builders import manifest, sco_package

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
