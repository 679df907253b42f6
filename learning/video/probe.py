"""Reading a video's duration and size with ffprobe, and making its poster image with ffmpeg.

Plain functions called by the Celery task ``tasks.probe_media``. When ffprobe or ffmpeg is
missing (a fresh laptop without ffmpeg) the fields are left as they are and a warning is
logged: an upload never fails because of probing.
"""

import json
import logging
import shutil
import subprocess
import tempfile
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image
from wagtailmedia.models import get_media_model

from learning.video.models import VideoRendition

logger = logging.getLogger(__name__)

POSTER_WIDTH = 1280  # the player is never wider; larger frames are scaled down
TIMEOUT = 120


def tool(name):
    """Path of ffprobe or ffmpeg: VIDEO_FFPROBE / VIDEO_FFMPEG settings, else the PATH."""
    configured = getattr(settings, f"VIDEO_{name.upper()}", None)
    return configured if configured and Path(configured).exists() else shutil.which(name)


def _local_copy(field_file, directory):
    """A path ffmpeg can read: the file itself on local storage, else a temporary copy."""
    try:
        return field_file.path
    except NotImplementedError:  # remote storage (S3 and the like)
        target = Path(directory) / Path(field_file.name).name
        with field_file.open("rb") as source, open(target, "wb") as out:
            shutil.copyfileobj(source, out)
        return str(target)


def read_video_info(path):
    """{"duration", "width", "height"} from ffprobe, or None without ffprobe or on failure."""
    ffprobe = tool("ffprobe")
    if ffprobe is None:
        logger.warning("ffprobe not found; video duration not read")
        return None
    command = [
        ffprobe,
        "-v",
        "error",
        "-print_format",
        "json",
        "-show_format",
        "-show_streams",
        "-select_streams",
        "v:0",
        path,
    ]
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=True)  # noqa: S603
        info = json.loads(done.stdout)
    except (subprocess.SubprocessError, OSError, ValueError) as error:
        logger.warning("ffprobe failed on %s: %s", path, error)
        return None
    stream = (info.get("streams") or [{}])[0]
    try:
        duration = float(info.get("format", {}).get("duration") or stream.get("duration") or 0)
    except ValueError:
        duration = 0.0
    return {
        "duration": round(duration, 3),
        "width": stream.get("width"),
        "height": stream.get("height"),
    }


def make_poster(path, duration):
    """JPEG bytes of a frame a third into the video (at most 5 s in), scaled by Pillow to at
    most POSTER_WIDTH; None without ffmpeg or on failure."""
    ffmpeg = tool("ffmpeg")
    if ffmpeg is None:
        logger.warning("ffmpeg not found; no poster image made")
        return None
    at = min(5.0, (duration or 0) / 3)
    command = [
        ffmpeg,
        "-v",
        "error",
        "-ss",
        f"{at:.2f}",
        "-i",
        path,
        "-frames:v",
        "1",
        "-f",
        "image2pipe",
        "-c:v",
        "png",
        "-",
    ]
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=True)  # noqa: S603
        image = Image.open(BytesIO(done.stdout))
        image.load()
    except (subprocess.SubprocessError, OSError, ValueError) as error:
        logger.warning("ffmpeg could not make a poster for %s: %s", path, error)
        return None
    image = image.convert("RGB")
    if image.width > POSTER_WIDTH:
        image = image.resize(
            (POSTER_WIDTH, round(image.height * POSTER_WIDTH / image.width)),
            Image.Resampling.LANCZOS,
        )
    out = BytesIO()
    image.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()


def probe(media):
    """Write the duration, width and height of a Media video, and a poster if it has no
    thumbnail yet (an editor's own thumbnail is kept), and the duration of each rendition
    (the same video in the other format) not probed yet. MP4 and WebM alike. Saves with
    queryset updates, so the post_save signal that queued this does not fire again. Queries:
    one SELECT of the renditions, one UPDATE for the video and one per rendition at most."""
    if media.type != "video" or not media.file:
        return
    _probe_media_file(media)
    _probe_renditions(media)


def _probe_renditions(media):
    for rendition in VideoRendition.objects.filter(media=media, duration=0):
        with tempfile.TemporaryDirectory() as directory:
            info = read_video_info(_local_copy(rendition.file, directory))
        if info and info["duration"]:
            VideoRendition.objects.filter(pk=rendition.pk).update(duration=info["duration"])


def _probe_media_file(media):
    with tempfile.TemporaryDirectory() as directory:
        path = _local_copy(media.file, directory)
        info = read_video_info(path)
        if info is None:
            return
        changes = {key: value for key, value in info.items() if value}
        if not media.thumbnail:
            poster = make_poster(path, info["duration"])
            if poster:
                name = f"{Path(media.file.name).stem}-poster.jpg"
                media.thumbnail.save(name, ContentFile(poster), save=False)
                changes["thumbnail"] = media.thumbnail.name
    if changes:
        get_media_model().objects.filter(pk=media.pk).update(**changes)
        for key, value in changes.items():
            setattr(media, key, value)


def ensure_duration(media):
    """Whether the video's duration is known, probing it now when it is not (the Celery task
    may not have run yet). Completion is measured against it, so a page may show only a video
    with a known duration."""
    if media.type != "video":
        return False
    if not media.duration:
        probe(media)
    return bool(media.duration and media.duration > 0)
