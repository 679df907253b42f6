"""Upload checks by content, never by file name: WebVTT captions and MP4/WebM videos."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from learning.video.webvtt import WebVTTError, parse


def caption_max_bytes():
    return getattr(settings, "VIDEO_CAPTION_MAX_KB", 512) * 1024


def video_max_bytes():
    return getattr(settings, "VIDEO_MAX_UPLOAD_MB", 500) * 1024 * 1024


def _read(field_file, limit):
    """Up to ``limit + 1`` bytes of an uploaded or stored file, rewound afterwards."""
    field_file.open("rb")
    try:
        field_file.seek(0)
        data = field_file.read(limit + 1)
    finally:
        field_file.seek(0)
    return data


def read_head(field_file, size=63):
    """The first ``size`` bytes of an uploaded or stored file (enough for ``video_container``)."""
    return _read(field_file, size)[:size]


def read_caption_file(field_file):
    """The cues of a caption file; ValidationError if too large, not UTF-8 or not WebVTT."""
    limit = caption_max_bytes()
    data = _read(field_file, limit)
    if len(data) > limit:
        raise ValidationError(
            _("The caption file is larger than %(size)d KB."),
            code="too_large",
            params={"size": limit // 1024},
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(_("The caption file must be UTF-8 text."), code="encoding") from None
    try:
        return parse(text)
    except WebVTTError as error:
        raise ValidationError(
            _("This is not a valid WebVTT file: %(reason)s"),
            code="webvtt",
            params={"reason": str(error)},
        ) from None


def validate_caption_file(field_file):
    read_caption_file(field_file)


def video_container(head):
    """ "mp4", "webm" or None from a file's first bytes. MP4 (ISO BMFF) has an ``ftyp`` box at
    offset 4; WebM is Matroska (EBML magic 1A 45 DF A3) with the DocType "webm"."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3" and b"webm" in head[:64]:
        return "webm"
    return None


def validate_video_file(uploaded):
    """MP4 or WebM by content, within VIDEO_MAX_UPLOAD_MB."""
    if uploaded.size is not None and uploaded.size > video_max_bytes():
        raise ValidationError(
            _("The video is larger than %(size)d MB."),
            code="too_large",
            params={"size": video_max_bytes() // (1024 * 1024)},
        )
    if video_container(read_head(uploaded)) is None:
        raise ValidationError(_("The file is not an MP4 or WebM video."), code="not_video")
