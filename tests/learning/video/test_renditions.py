"""The same video as MP4 and WebM (issue 20): the educator uploads an MP4 alone, a WebM alone,
or both in the one media form (with the captions); probing reads both lengths; the player
offers both sources, MP4 first, so an iPhone plays the video."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from wagtailmedia.models import Media

from learning.organisations.permissions import content_collection
from learning.video.models import CaptionTrack, VideoRendition
from tests.learning.video.videos import make_mp4, make_webm

pytestmark = pytest.mark.django_db

DANISH = b"WEBVTT\n\n00:00.000 --> 00:02.000\nLog ind med MitID Erhverv.\n"


def upload(path, content_type):
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type=content_type)


@pytest.fixture
def mp4(tmp_path):
    return make_mp4(tmp_path / "mitid.mp4", seconds=2)


@pytest.fixture
def webm(tmp_path):
    return make_webm(tmp_path / "mitid.webm", seconds=2)


def add_video(client, hjorring, file, **fields):
    data = {
        "title": "Log ind med MitID Erhverv",
        "collection": content_collection(hjorring).pk,
        "tags": "",
        "file": file,
        "danish_captions": SimpleUploadedFile("da.vtt", DANISH, content_type="text/vtt"),
        **fields,
    }
    return client.post(reverse("wagtailmedia:add", args=["video"]), data)


def test_an_mp4_alone_is_probed_and_played(
    client, jesper, hjorring, mp4, django_capture_on_commit_callbacks
):
    client.force_login(jesper)
    with django_capture_on_commit_callbacks(execute=True):
        response = add_video(client, hjorring, upload(mp4, "video/mp4"))
    assert response.status_code == 302
    media = Media.objects.get(title="Log ind med MitID Erhverv")
    assert media.duration == pytest.approx(2.0, abs=0.2)  # ffprobe reads MP4 too
    assert media.thumbnail  # and ffmpeg makes its poster
    assert not VideoRendition.objects.exists()
    html = render_to_string("video/player.html", {"media": media})
    assert html.count("<source ") == 1
    assert 'type="video/mp4"' in html


def test_a_webm_and_its_mp4_in_one_form_are_both_offered_mp4_first(
    client, jesper, hjorring, mp4, webm, django_capture_on_commit_callbacks
):
    client.force_login(jesper)
    with django_capture_on_commit_callbacks(execute=True):
        add_video(
            client, hjorring, upload(webm, "video/webm"), other_format=upload(mp4, "video/mp4")
        )
    media = Media.objects.get(title="Log ind med MitID Erhverv")
    rendition = VideoRendition.objects.get(media=media)
    assert rendition.container == "mp4"
    assert rendition.duration == pytest.approx(media.duration, abs=0.2)
    assert CaptionTrack.objects.filter(media=media, language="da").exists()
    html = render_to_string("video/player.html", {"media": media})
    assert html.index('type="video/mp4"') < html.index('type="video/webm"')
    assert rendition.file.url in html and media.file.url in html
    edit = client.get(reverse("wagtailmedia:edit", args=[media.pk])).content.decode()
    assert "Uploadet: MP4" in edit


def test_the_other_format_in_the_same_format_is_refused_in_danish_and_nothing_is_saved(
    client, jesper, hjorring, mp4
):
    client.force_login(jesper)
    response = add_video(
        client, hjorring, upload(mp4, "video/mp4"), other_format=upload(mp4, "video/mp4")
    )
    assert response.status_code == 200
    assert "samme format som videofilen" in str(response.context["form"].errors["other_format"])
    assert not Media.objects.exists()
    assert not VideoRendition.objects.exists()


def test_a_second_file_that_is_not_a_video_is_refused(client, jesper, hjorring, webm):
    client.force_login(jesper)
    page = b"<html><script>alert(1)</script></html>" + b" " * 40
    response = add_video(
        client,
        hjorring,
        upload(webm, "video/webm"),
        other_format=SimpleUploadedFile("x.mp4", page, content_type="video/mp4"),
    )
    assert "ikke en MP4- eller WebM-video" in str(response.context["form"].errors["other_format"])
    assert not Media.objects.exists()


def test_replacing_the_video_file_removes_the_old_other_format(
    client, jesper, hjorring, mp4, webm, tmp_path
):
    client.force_login(jesper)
    add_video(client, hjorring, upload(webm, "video/webm"), other_format=upload(mp4, "video/mp4"))
    media = Media.objects.get()
    assert VideoRendition.objects.filter(media=media).count() == 1
    newer = make_webm(tmp_path / "newer.webm", seconds=3)
    response = client.post(
        reverse("wagtailmedia:edit", args=[media.pk]),
        {
            "title": media.title,
            "collection": media.collection_id,
            "tags": "",
            "file": upload(newer, "video/webm"),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert not VideoRendition.objects.filter(media=media).exists()


def test_publishing_reads_the_length_of_an_mp4_not_probed_yet(hjorring, mp4):
    """The check at publishing (``learning.video.api.has_known_duration``) probes an MP4 on the
    spot."""
    from learning.video import api as video
    from learning.video.factories import VideoFactory

    media = VideoFactory(
        file=upload(mp4, "video/mp4"), duration=0, collection=content_collection(hjorring)
    )
    assert video.has_known_duration(media)
    media.refresh_from_db()
    assert media.duration == pytest.approx(2.0, abs=0.2)
