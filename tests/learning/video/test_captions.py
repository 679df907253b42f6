import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from learning.video.captions import (
    chapters,
    has_danish_captions,
    parse_chapters,
    transcript_lines,
    transcript_text,
)
from learning.video.factories import DANISH_VTT, WEBM_HEAD, CaptionTrackFactory, VideoFactory
from learning.video.models import CaptionKind, CaptionTrack

pytestmark = pytest.mark.django_db

CHAPTERS_VTT = (
    "WEBVTT\n\n00:00.000 --> 00:04.000\nLog ind\n\n00:04.000 --> 00:08.000\nFind medicinkortet\n"
)


def track(media, name, content, **fields):
    return CaptionTrack(media=media, file=SimpleUploadedFile(name, content), **fields)


def test_a_webvtt_file_is_accepted_by_its_content_whatever_its_name():
    caption = track(VideoFactory(), "undertekster.txt", DANISH_VTT.encode(), language="da")
    caption.full_clean()
    caption.save()
    assert caption.cues[0] == [0.0, 4.0, "Først logger du ind i FMK."]


def test_a_video_named_vtt_is_refused():
    caption = track(VideoFactory(), "da.vtt", WEBM_HEAD, language="da")
    with pytest.raises(ValidationError) as error:
        caption.full_clean()
    assert "file" in error.value.message_dict


def test_a_caption_file_that_is_not_utf8_is_refused():
    caption = track(VideoFactory(), "da.vtt", DANISH_VTT.encode("latin-1"), language="da")
    with pytest.raises(ValidationError, match="UTF-8"):
        caption.full_clean()


def test_a_caption_file_over_the_size_limit_is_refused(settings):
    settings.VIDEO_CAPTION_MAX_KB = 1
    big = DANISH_VTT + "\n00:09.000 --> 00:10.000\n" + "æ" * 2000 + "\n"
    caption = track(VideoFactory(), "da.vtt", big.encode(), language="da")
    with pytest.raises(ValidationError, match="større end 1 KB"):
        caption.full_clean()


def test_a_language_code_must_look_like_one():
    caption = track(VideoFactory(), "da.vtt", DANISH_VTT.encode(), language="Dansk!")
    with pytest.raises(ValidationError) as error:
        caption.full_clean()
    assert "language" in error.value.message_dict


def test_danish_captions_are_required_not_other_languages_or_chapters():
    video = VideoFactory()
    CaptionTrackFactory(media=video, language="en")
    CaptionTrackFactory(media=video, language="da", kind=CaptionKind.CHAPTERS)
    assert has_danish_captions(video) is False
    CaptionTrackFactory(media=video, language="da")
    assert has_danish_captions(video) is True
    assert has_danish_captions(None) is False


def test_the_transcript_is_the_danish_captions_without_repeated_lines():
    rolling = DANISH_VTT + "\n00:08.000 --> 00:09.000\nSå åbner du medicinkortet.\n"
    caption = CaptionTrackFactory(file__data=rolling.encode())
    CaptionTrackFactory(
        media=caption.media,
        language="en",
        file__data=b"WEBVTT\n\n00:00.000 --> 00:01.000\nFirst log in.\n",
    )
    assert transcript_text(caption.media) == (
        "Først logger du ind i FMK.\nSå åbner du medicinkortet."
    )
    assert [line.label for line in transcript_lines(caption.media)] == ["0:00", "0:04"]


def test_a_video_without_danish_captions_has_an_empty_transcript():
    assert transcript_text(VideoFactory()) == ""
    assert transcript_text(None) == ""


def test_chapters_are_read_from_minutes_and_seconds_lines_and_ignore_other_lines():
    found = parse_chapters("00:00 Log ind\n1:30 - Find borgeren\nnoter\n1:02:03 Afslut\n9:75 x")
    assert found == [(0.0, "Log ind"), (90.0, "Find borgeren"), (3723.0, "Afslut")]
    assert found[1].label == "1:30"


def test_chapters_are_read_from_webvtt_chapter_cues():
    assert parse_chapters(CHAPTERS_VTT) == [(0.0, "Log ind"), (4.0, "Find medicinkortet")]


def test_a_videos_chapters_come_from_its_chapters_track():
    chapters_track = CaptionTrackFactory(
        kind=CaptionKind.CHAPTERS, file__data=CHAPTERS_VTT.encode()
    )
    assert [title for _start, title in chapters(chapters_track.media)] == [
        "Log ind",
        "Find medicinkortet",
    ]
    assert chapters(VideoFactory()) == []
    assert chapters("02:00 Slut") == [(120.0, "Slut")]
