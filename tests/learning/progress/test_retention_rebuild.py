"""Retention keeps the evidence: thinning old video events never changes anyone's progress, not
even after ``rebuild_progress`` (finding: completed guides became incomplete)."""

import datetime
import uuid

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.factories import VideoGuidePageFactory
from cms.models import VideoGuideCompetence
from learning.progress import activities
from learning.progress.models import Certificate, Enrolment
from learning.video.factories import VideoFactory
from learning.video.models import VideoProgress
from learning.xapi import vocabulary
from learning.xapi.models import Statement
from learning.xapi.retention import thin_detail_statements

from .test_evidence_chain import browser, evidence, xapi_post  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def guide(catalogue, competence):
    guide = VideoGuidePageFactory(parent=catalogue, title="Log ind i FMK", video=VideoFactory())
    VideoGuideCompetence.objects.create(page=guide, competence=competence, level=2)
    guide.save_revision().publish()  # registers the guide's video activity
    return guide


def two_minutes_ago():
    """In the log's precision (milliseconds), as a stored time is."""
    moment = timezone.now() - datetime.timedelta(seconds=120)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def video_progress(user):
    return sorted(
        VideoProgress.objects.filter(user=user).values_list(
            "activity_id", "length", "segments", "progress", "viewed_at", "completed_at"
        )
    )


def watch(browser, learner, guide):  # noqa: F811
    """The player's statements for watching the whole 100-second video, the first sent two
    minutes before the rest (moved back in the log and in the server's first sight together,
    as if it had been stored then)."""
    activity = activities.activity_id(activities.VIDEO, guide.pk)
    session = uuid.uuid4()

    def event(verb, **extra):
        return vocabulary.video_event(
            learner, verb, activity, guide.title, session_id=session, length=100.0, **extra
        )

    assert xapi_post(browser, [event(vocabulary.INITIALIZED)]).status_code == 200
    earlier = two_minutes_ago()
    Statement.objects.filter(object_activity_id=activity).update(stored=earlier)
    VideoProgress.objects.filter(user=learner, activity_id=activity).update(viewed_at=earlier)
    for verb, segments in (
        (vocabulary.PLAYED, "0[.]40"),
        (vocabulary.PAUSED, "0[.]95"),
        (vocabulary.COMPLETED, "0[.]100"),
    ):
        response = xapi_post(browser, [event(verb, time=1.0, played_segments=segments)])
        assert response.status_code == 200


def test_thinning_and_rebuilding_keeps_a_completed_guide_complete(
    browser,  # noqa: F811
    learner,
    guide,
    settings,
):
    watch(browser, learner, guide)
    enrolment = Enrolment.objects.get(user=learner, page_id=guide.pk)
    assert enrolment.completed_at is not None
    before = (evidence(learner), video_progress(learner))
    call_command("rebuild_progress")
    assert (evidence(learner), video_progress(learner)) == before

    later = timezone.now() + datetime.timedelta(days=settings.XAPI_DETAIL_RETENTION_DAYS + 1)
    assert thin_detail_statements(now=later) == 3  # initialized, played, paused
    assert not Statement.objects.filter(verb_id=vocabulary.PLAYED.id).exists()
    assert (evidence(learner), video_progress(learner)) == before

    call_command("rebuild_progress")
    assert (evidence(learner), video_progress(learner)) == before
    assert Certificate.objects.get(user=learner).is_valid()

    # Thinning again (nothing left to thin) and rebuilding once more changes nothing either.
    assert thin_detail_statements(now=later) == 0
    call_command("rebuild_progress")
    assert (evidence(learner), video_progress(learner)) == before


def test_thinning_half_way_keeps_the_progress_so_far(browser, learner, guide, settings):  # noqa: F811
    activity = activities.activity_id(activities.VIDEO, guide.pk)
    session = uuid.uuid4()

    def event(verb, **extra):
        return vocabulary.video_event(
            learner, verb, activity, guide.title, session_id=session, length=100.0, **extra
        )

    xapi_post(browser, [event(vocabulary.INITIALIZED)])
    earlier = two_minutes_ago()
    Statement.objects.filter(object_activity_id=activity).update(stored=earlier)
    VideoProgress.objects.filter(user=learner, activity_id=activity).update(viewed_at=earlier)
    xapi_post(browser, [event(vocabulary.PAUSED, time=1.0, played_segments="0[.]50")])
    before = video_progress(learner)
    assert before[0][3] == 0.5

    later = timezone.now() + datetime.timedelta(days=settings.XAPI_DETAIL_RETENTION_DAYS + 1)
    thin_detail_statements(now=later)
    call_command("rebuild_progress")
    assert video_progress(learner) == before
    assert Enrolment.objects.filter(user=learner, completed_at__isnull=False).count() == 0


def test_voiding_the_video_event_that_completed_a_guide_withdraws_it(
    browser,  # noqa: F811
    learner,
    guide,
):
    watch(browser, learner, guide)
    certificate = Certificate.objects.get(user=learner)
    assert certificate.is_valid()
    paused = Statement.objects.get(verb_id=vocabulary.PAUSED.id)  # 0-95 s: crossed 90 %
    completed = Statement.objects.get(
        verb_id=vocabulary.COMPLETED.id, data__object__definition__type=vocabulary.VIDEO_TYPE
    )
    voidings = [vocabulary.voiding(learner, s.statement_id) for s in (paused, completed)]
    assert xapi_post(browser, voidings).status_code == 200

    assert video_progress(learner)[0][3] == 0.4  # only the first 40 seconds stand
    assert not Enrolment.objects.filter(user=learner, completed_at__isnull=False).exists()
    certificate.refresh_from_db()
    assert not certificate.is_valid()
    live = (evidence(learner), video_progress(learner))
    assert live[0]["records"] == []
    call_command("rebuild_progress")
    assert (evidence(learner), video_progress(learner)) == live
