"""Demo video guides with Danish captions and chapters, for ``load_demo``.

The videos (each as WebM and as MP4), captions and chapters next to this module are committed;
``make_videos.py`` regenerates all of them from the Danish manuscripts in ``manuscripts.py``
(Pillow slides, espeak-ng narration, ffmpeg), so captions match the speech. ``videos.json``
holds each video's length as measured by the generator, so the demo loads without ffprobe.
"""

import json
from pathlib import Path

from django.core.files import File
from wagtail.models import Collection
from wagtailmedia.models import get_media_model

from learning.video.models import CaptionKind, CaptionTrack, VideoContainer, VideoRendition

from .manuscripts import GUIDES, MANIFEST

HERE = Path(__file__).resolve().parent
WIDTH, HEIGHT = 640, 360


# The video's own file is the WebM; the MP4 (for Safari on iPhone) is its rendition.
RENDITION = VideoContainer.MP4


def demo_videos():
    """[(key, title, video file, duration in seconds, [(kind, language, WebVTT file)])]; the
    MP4 rendition of each is ``rendition_file(video file)``."""
    durations = json.loads(MANIFEST.read_text())
    return [
        (
            guide["key"],
            guide["title"],
            f"{guide['stem']}.webm",
            durations[guide["stem"]],
            [
                (CaptionKind.CAPTIONS, "da", f"{guide['stem']}.da.vtt"),
                (CaptionKind.CHAPTERS, "da", f"{guide['stem']}.chapters.vtt"),
            ]
            # Guides whose captions were also translated (by hand, from the same manuscript).
            + [
                (CaptionKind.CAPTIONS, language, f"{guide['stem']}.{language}.vtt")
                for language in ("en",)
                if (HERE / f"{guide['stem']}.{language}.vtt").exists()
            ],
        )
        for guide in GUIDES
    ]


def rendition_file(filename):
    return f"{Path(filename).stem}.{RENDITION}"


def _root_collection():
    """Wagtail's root collection, made by its migrations; a test database flush removes it."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def load_video_demo():
    """Upload the demo videos as wagtailmedia Media (the WebM) with their MP4 rendition and
    caption tracks; idempotent (matched by title). Returns {key: Media}. Both durations come
    from the generator's manifest (both renditions are cut at the spoken length) so the demo
    works without ffprobe; the poster is made by the probe task when ffmpeg exists."""
    Media = get_media_model()
    collection = _root_collection()
    loaded = {}
    for key, title, filename, duration, tracks in demo_videos():
        media = Media.objects.filter(title=title, type="video").first()
        if media is None:
            media = Media(
                title=title,
                type="video",
                duration=duration,
                width=WIDTH,
                height=HEIGHT,
                collection=collection,
            )
            with open(HERE / filename, "rb") as source:
                media.file.save(filename, File(source), save=False)
            media.save()
        if not VideoRendition.objects.filter(media=media, container=RENDITION).exists():
            rendition = VideoRendition(media=media, container=RENDITION, duration=duration)
            with open(HERE / rendition_file(filename), "rb") as source:
                rendition.file.save(rendition_file(filename), File(source), save=False)
            rendition.save()
        for kind, language, vtt in tracks:
            if not CaptionTrack.objects.filter(media=media, kind=kind, language=language).exists():
                track = CaptionTrack(media=media, kind=kind, language=language)
                with open(HERE / vtt, "rb") as source:
                    track.file.save(vtt, File(source), save=False)
                track.save()
        loaded[key] = media
    return loaded
