import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learning.video.captions import chapters, has_danish_captions
from learning.video.demo import load_video_demo
from learning.video.demo.manuscripts import GUIDES
from learning.video.factories import CaptionTrackFactory, VideoFactory
from learning.video.models import CaptionTrack

pytestmark = pytest.mark.django_db


def test_the_caption_list_in_the_admin_shows_each_track(client, admin_user):
    track = CaptionTrackFactory()
    client.force_login(admin_user)
    response = client.get(reverse("wagtailsnippets_video_captiontrack:list"))
    assert response.status_code == 200
    assert track.media.title in response.content.decode()


def test_the_admin_refuses_a_caption_upload_that_is_not_webvtt(client, admin_user):
    video = VideoFactory()
    client.force_login(admin_user)
    response = client.post(
        reverse("wagtailsnippets_video_captiontrack:add"),
        {
            "media": video.pk,
            "kind": "captions",
            "language": "da",
            "label": "",
            "file": SimpleUploadedFile("da.vtt", b"Dette er ikke WebVTT\n"),
        },
    )
    assert response.status_code == 200
    assert "ikke en gyldig WebVTT-fil" in str(response.context["form"].errors.get("file")), (
        response.context["form"].errors
    )
    assert not CaptionTrack.objects.exists()


def test_a_learner_cannot_open_the_caption_admin(client, learner):
    client.force_login(learner)
    response = client.get(reverse("wagtailsnippets_video_captiontrack:list"))
    assert response.status_code in (302, 403)


def test_the_demo_videos_load_once_with_danish_captions(settings, tmp_path):
    first = load_video_demo()
    again = load_video_demo()
    assert {key: media.pk for key, media in first.items()} == {
        key: media.pk for key, media in again.items()
    }
    # Danish captions and chapters for each guide, and English captions for the MitID guide.
    assert CaptionTrack.objects.count() == 2 * len(GUIDES) + 1
    assert CaptionTrack.objects.filter(language="en").get().media.title.startswith("MitID")
    assert all(has_danish_captions(media) for media in first.values())
    assert [title for _start, title in chapters(first["fmk"])][0] == "Hvad er FMK?"
