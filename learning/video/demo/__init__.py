"""Demo videos with Danish captions (and English and chapters for one), for ``load_demo``.

The files next to this module are committed; ``make_demo_video.sh`` regenerates the videos.
"""

from pathlib import Path

from django.core.files import File
from wagtail.models import Collection
from wagtailmedia.models import get_media_model

from learning.video.models import CaptionKind, CaptionTrack

HERE = Path(__file__).resolve().parent

# (key, title, video file, probed duration, [(kind, language, WebVTT file)])
DEMO_VIDEOS = [
    (
        "fmk",
        "Log ind i FMK og afstem medicinkortet",
        "fmk-log-ind.webm",
        12.008,
        [
            (CaptionKind.CAPTIONS, "da", "fmk-log-ind.da.vtt"),
            (CaptionKind.CAPTIONS, "en", "fmk-log-ind.en.vtt"),
            (CaptionKind.CHAPTERS, "da", "fmk-log-ind.chapters.vtt"),
        ],
    ),
    (
        "vdx",
        "Start et videomøde i VDX",
        "vdx-videomoede.mp4",
        8.0,
        [
            (CaptionKind.CAPTIONS, "da", "vdx-videomoede.da.vtt"),
        ],
    ),
]


def _root_collection():
    """Wagtail's root collection, made by its migrations; a test database flush removes it."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def load_video_demo():
    """Upload the demo videos as wagtailmedia Media with their caption tracks; idempotent
    (matched by title). Returns {key: Media}. The duration is set from the committed files so
    the demo works without ffprobe; the poster is made by the probe task when ffmpeg exists."""
    Media = get_media_model()
    collection = _root_collection()
    loaded = {}
    for key, title, filename, duration, tracks in DEMO_VIDEOS:
        media = Media.objects.filter(title=title, type="video").first()
        if media is None:
            media = Media(
                title=title,
                type="video",
                duration=duration,
                width=480,
                height=270,
                collection=collection,
            )
            with open(HERE / filename, "rb") as source:
                media.file.save(filename, File(source), save=False)
            media.save()
        for kind, language, vtt in tracks:
            if not CaptionTrack.objects.filter(media=media, kind=kind, language=language).exists():
                track = CaptionTrack(media=media, kind=kind, language=language)
                with open(HERE / vtt, "rb") as source:
                    track.file.save(vtt, File(source), save=False)
                track.save()
        loaded[key] = media
    return loaded
