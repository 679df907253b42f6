import re

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string

from learning.video.activity import video_activity_id
from learning.video.blocks import VideoBlock
from learning.video.factories import CaptionTrackFactory, VideoFactory
from learning.video.models import CaptionKind, VideoActivity

pytestmark = pytest.mark.django_db

INCLUDE = Template(
    '{% include "video/player.html" with media=media activity_id=activity_id title=title '
    "chapters=chapters %}"
)


def render(rf, media, activity_id="", title="", chapters=""):
    request = rf.get("/")
    return INCLUDE.render(
        Context(
            {
                "media": media,
                "activity_id": activity_id,
                "title": title,
                "chapters": chapters,
                "request": request,
            }
        )
    )


@pytest.fixture
def captioned():
    return CaptionTrackFactory().media


def test_the_player_has_danish_captions_on_by_default_and_other_languages_after(rf, captioned):
    CaptionTrackFactory(media=captioned, language="en")
    html = render(rf, captioned)
    tracks = re.findall(r"<track [^>]*>", html)
    assert 'srclang="da"' in tracks[0] and "default" in tracks[0]
    assert 'kind="captions"' in tracks[0] and 'label="Dansk"' in tracks[0]
    assert 'srclang="en"' in tracks[1] and "default" not in tracks[1]


def test_the_transcript_lines_are_buttons_that_seek(rf, captioned):
    html = render(rf, captioned)
    assert re.search(
        r'<button type="button" data-seek="4.000" data-end="8.000">'
        r'<span class="video-time">0:04</span> Så åbner du medicinkortet.</button>',
        html,
    )


def test_the_script_is_loaded_from_a_file_and_nothing_runs_inline(rf, captioned):
    html = render(rf, captioned)
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, re.S)
    assert scripts == [""]
    assert re.search(r'<script src="/static/video/player.js" defer>', html)
    assert " on" not in re.sub(r'"[^"]*"', '""', html).lower().replace(" only", "")


def test_the_player_carries_the_canonical_activity_id_and_the_lrs_endpoint(rf, captioned):
    html = render(rf, captioned)
    assert f'data-activity-id="{video_activity_id(captioned)}"' in html
    assert 'data-endpoint="/xapi/statements"' in html
    assert re.search(r'data-csrf-token="[A-Za-z0-9]{32,}"', html)
    assert 'data-length="100.000"' in html


def test_a_page_activity_id_is_used_and_remembered_for_its_video(rf, captioned):
    html = render(rf, captioned, activity_id="http://testserver/activities/video-guide/3")
    assert 'data-activity-id="http://testserver/activities/video-guide/3"' in html
    assert VideoActivity.objects.get().media == captioned


def test_chapters_typed_on_the_page_replace_the_videos_chapters_track(rf, captioned):
    CaptionTrackFactory(
        media=captioned,
        kind=CaptionKind.CHAPTERS,
        file__data=b"WEBVTT\n\n00:00.000 --> 00:04.000\nFra sporet\n",
    )
    assert "Fra sporet" in render(rf, captioned)
    html = render(rf, captioned, chapters="00:30 Fra siden")
    assert "Fra siden" in html and "Fra sporet" not in html
    assert 'data-seek="30.000"' in html


def test_without_a_video_nothing_is_rendered(rf):
    assert render(rf, None).strip() == ""


def test_the_video_block_renders_the_player_with_its_title(rf, captioned):
    block = VideoBlock()
    value = block.to_python({"video": captioned.pk, "title": "Sådan logger du ind", "chapters": ""})
    html = block.render(value, context={"request": rf.get("/")})
    assert "<figcaption" in html and "Sådan logger du ind" in html
    assert "data-video-player" in html


def test_the_video_block_previews_a_captioned_video(captioned):
    VideoFactory()  # newer, but without captions
    assert VideoBlock().get_preview_value()["video"] == captioned


def test_an_embedded_video_without_a_known_provider_is_a_plain_link(rf):
    html = render_to_string(
        "video/embed.html", {"url": "https://example.org/film", "title": "VDX"}, request=rf.get("/")
    )
    assert '<a href="https://example.org/film" data-action="open-link">' in html
    assert "<template>" not in html
