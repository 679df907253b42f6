"""Captions, transcripts and chapters of a video (the API lesson and video-guide pages use).

Chapters: a video's chapters come from its *chapters track* (a WebVTT file whose cues are the
chapters: start time and title), managed like captions. ``chapters()`` also reads a plain
text of "mm:ss Title" lines ("1:02:03 Title" for hours), for editors who type chapters into
a page field; each chapter then runs until the next one starts.
"""

import re
from typing import NamedTuple

from learning.video.models import CaptionKind, CaptionTrack
from learning.video.webvtt import WebVTTError, format_timestamp, parse

DANISH = "da"
# The time at the start of a stripped line; the title is what follows, cut in Python: patterns
# such as "\s+[-–—:]?\s*(\S.*?)\s*$" backtrack quadratically on long runs of spaces.
CHAPTER_TIME_RE = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{2})(?=\s)")
CHAPTER_SEPARATORS = "-–—:"


class Chapter(NamedTuple):
    """(start seconds, title); unpacks as a pair."""

    start: float
    title: str

    @property
    def label(self):
        return format_timestamp(self.start)


class TranscriptLine(NamedTuple):
    start: float
    end: float
    text: str

    @property
    def label(self):
        return format_timestamp(self.start)


def has_danish_captions(media):
    """Whether a video has Danish captions: required before a video guide is published.
    One query; False for None."""
    if media is None:
        return False
    return CaptionTrack.objects.filter(
        media=media, kind=CaptionKind.CAPTIONS, language=DANISH
    ).exists()


def caption_tracks(media):
    """The caption tracks of a video, Danish first (one query)."""
    tracks = list(CaptionTrack.objects.filter(media=media, kind=CaptionKind.CAPTIONS))
    return sorted(tracks, key=lambda track: (track.language != DANISH, track.language))


def lines_from_cues(cues):
    """Transcript lines from a track's stored cues. Cues that repeat the previous cue's text
    (roll-up captions) are left out."""
    lines = []
    for start, end, text in cues:
        if text and not (lines and lines[-1].text == text):
            lines.append(TranscriptLine(start, end, text))
    return lines


def transcript_lines(media, language=DANISH):
    """The transcript as timed lines, from the captions in ``language`` (one query)."""
    track = CaptionTrack.objects.filter(
        media=media, kind=CaptionKind.CAPTIONS, language=language
    ).first()
    return lines_from_cues(track.cues) if track else []


def transcript_text(media, language=DANISH):
    """The transcript as plain text, one cue per line: for search indexes (one query)."""
    if media is None:
        return ""
    return "\n".join(line.text for line in transcript_lines(media, language))


def parse_chapters(text):
    """Chapters from "mm:ss Title" lines or from WebVTT chapter cues, sorted by start.
    Lines that are not chapters are ignored."""
    text = (text or "").strip()
    if text.lstrip("\ufeff").startswith("WEBVTT"):
        try:
            return [Chapter(cue.start, cue.text) for cue in parse(text) if cue.text]
        except WebVTTError:
            return []
    found = []
    for line in text.splitlines():
        line = line.strip()
        match = CHAPTER_TIME_RE.match(line)
        if match:
            hours, minutes, seconds = match.groups()
            title = line[match.end() :].strip()
            if title[:1] and title[0] in CHAPTER_SEPARATORS:
                title = title[1:].strip()
            if title and int(seconds) < 60:
                start = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
                found.append(Chapter(float(start), title))
    return sorted(found, key=lambda chapter: chapter.start)


def chapters(source):
    """Chapters of a Media (its chapters track, Danish if there are several; one or two
    queries) or of a text (no query)."""
    if source is None:
        return []
    if isinstance(source, str):
        return parse_chapters(source)
    tracks = CaptionTrack.objects.filter(media=source, kind=CaptionKind.CHAPTERS)
    # Danish chapter titles when there are several languages.
    track = tracks.filter(language=DANISH).first() or tracks.first()
    if track is None:
        return []
    return chapters_from_cues(track.cues)


def chapters_from_cues(cues):
    return [Chapter(start, text) for start, _end, text in cues if text]
