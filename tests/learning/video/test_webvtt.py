import pytest
from django.utils import translation

from learning.video.webvtt import WebVTTError, format_timestamp, parse


def test_cues_are_read_with_identifiers_hours_and_settings_and_markup_removed():
    cues = parse(
        "\ufeffWEBVTT - demo\nKind: captions\n\nNOTE a comment\nspanning lines\n\n"
        "intro\n00:00.000 --> 00:02.500 align:start line:90%\n<v Mette>Hej &amp; velkommen</v>\n"
        "<i>linje to</i>\n\n01:00:03.000 --> 01:00:05.250\nFarvel\n"
    )
    assert [(c.start, c.end, c.text) for c in cues] == [
        (0.0, 2.5, "Hej & velkommen linje to"),
        (3603.0, 3605.25, "Farvel"),
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1\n00:00.000 --> 00:01.000\nHej\n", "does not start with WEBVTT"),
        ("WEBVTTX\n\n00:00.000 --> 00:01.000\nHej\n", "does not start with WEBVTT"),
        ("WEBVTT\n\n00:00.000 -> 00:01.000\nHej\n", "malformed cue timings"),
        ("WEBVTT\n\n00:05.000 --> 00:01.000\nHej\n", "ends before it starts"),
        ("WEBVTT\n\n00:00.000 --> 00:01.000\nHej\n00:01.000 --> 00:02.000\n", "contains"),
        ("WEBVTT\n\nNOTE only a note\n", "no cues"),
        ("WEBVTT\n\0\0\0", "NUL"),
    ],
)
def test_text_that_is_not_webvtt_is_refused_with_a_reason(text, reason):
    with translation.override("en"), pytest.raises(WebVTTError, match=reason):
        parse(text)


def test_the_reason_is_given_in_danish():
    with translation.override("da"), pytest.raises(WebVTTError, match="starter ikke med WEBVTT"):
        parse("1\n00:00.000 --> 00:01.000\nHej\n")


def test_timestamps_are_shown_as_minutes_or_hours():
    assert [format_timestamp(s) for s in (5, 65.9, 3725)] == ["0:05", "1:05", "1:02:05"]
