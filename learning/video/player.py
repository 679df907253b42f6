"""What the player template needs about one video, gathered in one place (queries here, not in
the template)."""

import secrets
from dataclasses import dataclass, field

from learning.video import captions, renditions
from learning.video.activity import remember_activity, video_activity_id
from learning.video.models import CaptionKind, CaptionTrack
from learning.video.progress import completion_threshold


@dataclass
class Player:
    media: object
    activity_id: str
    title: str
    dom_id: str
    tracks: list = field(default_factory=list)
    chapters_track: object = None
    chapters: list = field(default_factory=list)
    transcript: list = field(default_factory=list)
    threshold: float = 0.9
    csrf_token: str = ""
    sources: list = field(default_factory=list)

    @property
    def poster_url(self):
        return self.media.thumbnail.url if self.media.thumbnail else ""

    @property
    def length(self):
        return f"{float(self.media.duration or 0):.3f}"


def build_player(media, activity_id=None, title=None, chapters=None):
    """The Player for a wagtailmedia video, or None without one. Queries: one for the tracks
    (cues are stored on them, so no file is opened), one for the renditions (MP4 and WebM),
    plus one when a page passes its own activity id (``activity.remember_activity``)."""
    if media is None or not getattr(media, "file", None):
        return None
    tracks = list(CaptionTrack.objects.filter(media=media))
    caption_tracks = sorted(
        (t for t in tracks if t.kind == CaptionKind.CAPTIONS),
        key=lambda t: (t.language != captions.DANISH, t.language),
    )
    chapter_tracks = sorted(
        (t for t in tracks if t.kind == CaptionKind.CHAPTERS),
        key=lambda t: t.language != captions.DANISH,
    )
    chapters_track = chapter_tracks[0] if chapter_tracks else None
    if chapters:
        chapter_list = captions.parse_chapters(chapters)
    elif chapters_track:
        chapter_list = captions.chapters_from_cues(chapters_track.cues)
    else:
        chapter_list = []
    danish = next((t for t in caption_tracks if t.language == captions.DANISH), None)
    transcript = captions.lines_from_cues(danish.cues) if danish else []
    if activity_id:
        remember_activity(activity_id, media)
    return Player(
        media=media,
        activity_id=activity_id or video_activity_id(media),
        title=title or media.title,
        dom_id=f"video-{media.pk}-{secrets.token_hex(3)}",
        tracks=caption_tracks,
        chapters_track=chapters_track,
        chapters=chapter_list,
        transcript=transcript,
        threshold=completion_threshold(),
        sources=renditions.sources(media),
    )
