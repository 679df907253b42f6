"""Video completion is measured only against a length the server knows: publishing registers the
guide's video activity, media without a readable duration cannot be published, and a client's
claimed length never completes anything."""

import json

import pytest
from django.urls import reverse

from cms.models import LessonPage, VideoGuideCompetence, VideoGuidePage
from learning.competences.models import CompetenceRecord
from learning.progress import activities
from learning.progress.models import Certificate, Enrolment
from learning.video.factories import CaptionTrackFactory, VideoFactory
from learning.video.models import VideoActivity, VideoProgress
from learning.xapi import vocabulary

from .test_pages_courses import _guide_post, _lesson_post

pytestmark = pytest.mark.django_db

UNREADABLE = "Videoens længde kunne ikke aflæses"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _captioned(**kwargs):
    media = VideoFactory(**kwargs)
    CaptionTrackFactory(media=media, language="da")
    return media


def _publish_guide(client, catalogue, media):
    return client.post(
        reverse("wagtailadmin_pages:add", args=["cms", "videoguidepage", catalogue.pk]),
        _guide_post(media),
    )


def test_a_video_whose_length_cannot_be_read_cannot_be_published_in_a_guide(
    client, admin_user, catalogue
):
    client.force_login(admin_user)
    # The stand-in file is not a real video, so ffprobe cannot read its duration either.
    response = _publish_guide(client, catalogue, _captioned(duration=0))
    assert response.status_code == 200
    assert UNREADABLE in response.content.decode()
    assert not VideoGuidePage.objects.exists()


def test_a_video_whose_length_cannot_be_read_cannot_be_published_in_a_lesson(
    client, admin_user, course
):
    client.force_login(admin_user)
    media = _captioned(duration=0)
    data = _lesson_post(
        "Videolektion",
        [("video", {"video": media.pk, "title": "", "chapters": ""})],
        "action-publish",
    )
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["cms", "lessonpage", course.pk]), data
    )
    assert not LessonPage.objects.filter(title="Videolektion").exists()
    # StreamField errors reach the editor as JSON for its script: read them from the form.
    assert any(UNREADABLE in str(error) for error in response.context["form"].errors["body"])


def test_publishing_a_guide_registers_its_video_activity(client, admin_user, catalogue):
    client.force_login(admin_user)
    media = _captioned()
    _publish_guide(client, catalogue, media)
    guide = VideoGuidePage.objects.get()
    assert guide.live
    activity = VideoActivity.objects.get(
        activity_id=activities.activity_id(activities.VIDEO, guide.pk)
    )
    assert activity.media == media


def test_one_post_with_a_claimed_length_does_not_complete_a_guide_never_opened(
    client, admin_user, catalogue, learner, competence
):
    """Finding: a session POST of "played" with length 1 and segments 0[.]1 for a guide
    nobody had rendered gave a certificate and competence records."""
    client.force_login(admin_user)
    _publish_guide(client, catalogue, _captioned())
    guide = VideoGuidePage.objects.get()
    VideoGuideCompetence.objects.create(page=guide, competence=competence, level=2)
    client.logout()
    client.force_login(learner)
    activity = activities.activity_id(activities.VIDEO, guide.pk)
    statement = vocabulary.video_event(
        learner,
        vocabulary.PLAYED,
        activity,
        guide.title,
        session_id="7b1f5c7e-3f7a-4d59-9d6b-0a0a0a0a0a0a",
        length=1,
        time=1.0,
        played_segments="0[.]1",
        progress=1.0,
    )
    response = client.post(
        "/xapi/statements",
        json.dumps([statement]),
        content_type="application/json",
        headers={"X-Experience-API-Version": "1.0.3"},
    )
    assert response.status_code == 200
    progress = VideoProgress.objects.get(user=learner, activity_id=activity)
    assert (progress.length, progress.completed_at) == (100.0, None)
    assert not Enrolment.objects.filter(user=learner, completed_at__isnull=False).exists()
    assert not Certificate.objects.filter(user=learner).exists()
    assert not CompetenceRecord.objects.filter(user=learner).exists()
