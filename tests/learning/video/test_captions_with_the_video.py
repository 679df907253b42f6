"""An educator adds Danish captions, chapters and a further language in the same form as the
video (wagtailmedia's add and edit pages), checked on upload, with a transcript preview."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtailmedia.models import Media

from learning.organisations.permissions import content_collection
from learning.video.models import CaptionTrack

pytestmark = pytest.mark.django_db

MP4_HEAD = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + b"\0" * 32
DANISH = b"WEBVTT\n\n00:00.000 --> 00:02.000\nLog ind med dit NemID.\n"
CHAPTERS = b"WEBVTT\n\n00:00.000 --> 00:10.000\nLog ind\n"
ENGLISH = b"WEBVTT\n\n00:00.000 --> 00:02.000\nLog in.\n"


def vtt(content, name="da.vtt"):
    return SimpleUploadedFile(name, content, content_type="text/vtt")


def add_video(client, hjorring, **files):
    data = {
        "title": "Log ind i FMK",
        "collection": content_collection(hjorring).pk,
        "tags": "",
        "file": SimpleUploadedFile("fmk.mp4", MP4_HEAD, content_type="video/mp4"),
        **files,
    }
    return client.post(reverse("wagtailmedia:add", args=["video"]), data)


def test_an_educator_uploads_the_video_with_danish_captions_chapters_and_english(
    client, jesper, hjorring
):
    client.force_login(jesper)
    add_video(
        client,
        hjorring,
        danish_captions=vtt(DANISH),
        chapters_file=vtt(CHAPTERS, "kapitler.vtt"),
        other_language="en",
        other_captions=vtt(ENGLISH, "en.vtt"),
    )
    media = Media.objects.get(title="Log ind i FMK")
    tracks = {(t.kind, t.language): t.text for t in CaptionTrack.objects.filter(media=media)}
    assert tracks == {
        ("captions", "da"): "Log ind med dit NemID.",
        ("chapters", "da"): "Log ind",
        ("captions", "en"): "Log in.",
    }
    edit = client.get(reverse("wagtailmedia:edit", args=[media.pk]))
    assert "Log ind med dit NemID." in edit.content.decode()  # the transcript preview


def test_a_caption_file_that_is_not_webvtt_is_refused_in_danish_and_nothing_is_saved(
    client, jesper, hjorring
):
    client.force_login(jesper)
    response = add_video(client, hjorring, danish_captions=vtt(b"1\n00:00.000 --> 00:01.000\n"))
    assert response.status_code == 200
    assert "filen starter ikke med WEBVTT" in response.content.decode()
    assert not Media.objects.filter(title="Log ind i FMK").exists()
    assert not CaptionTrack.objects.exists()


def test_replacing_the_danish_captions_on_the_edit_page(client, lise, hjorring_video):
    client.force_login(lise)
    url = reverse("wagtailmedia:edit", args=[hjorring_video.pk])
    data = {
        "title": hjorring_video.title,
        "collection": hjorring_video.collection_id,
        "tags": "",
        "danish_captions": vtt(DANISH),
    }
    client.post(url, data)
    assert CaptionTrack.objects.get(media=hjorring_video, language="da").text == (
        "Log ind med dit NemID."
    )
