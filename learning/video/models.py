"""Captions for wagtailmedia videos, and each person's progress through a video.

Video files themselves are wagtailmedia ``Media`` rows (``duration`` and ``thumbnail`` filled by
``tasks.probe_media``); a ``VideoRendition`` is the same video in the other format (MP4 beside a
WebM, or the reverse), so every browser finds one it plays. Progress rows are projections of the
statement log (``progress.py``) and can be rebuilt from it.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from learning.organisations.permissions import owner_of, register_owner
from learning.video.validators import read_caption_file, validate_caption_file

LANGUAGE_TAG = RegexValidator(
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
    _("Use a language code such as “da”, “en” or “uk”."),
)


class CaptionKind(models.TextChoices):
    CAPTIONS = "captions", _("Captions")
    CHAPTERS = "chapters", _("Chapters")


class CaptionTrack(index.Indexed, models.Model):
    """One WebVTT file for a video: captions in one language, or the video's chapters.

    Danish captions are required before a video guide is published
    (``captions.has_danish_captions``). The cues are read once, on save, so rendering a
    transcript never opens the file.
    """

    media = models.ForeignKey(
        "wagtailmedia.Media",
        on_delete=models.CASCADE,
        related_name="caption_tracks",
        verbose_name=_("video"),
    )
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=CaptionKind.choices,
        default=CaptionKind.CAPTIONS,
        help_text=_(
            "Captions are shown on the video and as the transcript. Chapters are "
            "titled start times, one cue per chapter."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=16,
        default="da",
        validators=[LANGUAGE_TAG],
        help_text=_("Language code: “da” for Danish (required), “en” for English, and so on."),
    )
    label = models.CharField(
        _("label"),
        max_length=60,
        blank=True,
        help_text=_("Shown in the player; leave empty to use the language's own name."),
    )
    file = models.FileField(
        _("WebVTT file"),
        upload_to="captions",
        validators=[validate_caption_file],
        help_text=_("A WebVTT file (.vtt), UTF-8."),
    )
    cues = models.JSONField(default=list, editable=False)
    text = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [index.SearchField("text"), index.FilterField("language")]

    class Meta:
        verbose_name = _("caption track")
        verbose_name_plural = _("caption tracks")
        ordering = ["media", "kind", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["media", "kind", "language"], name="video_one_track_per_language"
            )
        ]

    def __str__(self):
        return f"{self.media} · {self.get_kind_display()} · {self.display_label}"

    def save(self, *args, **kwargs):
        # Validated by the form already; parsing again keeps cues and file in step however
        # the row was saved.
        cues = read_caption_file(self.file)
        self.cues = [[cue.start, cue.end, cue.text] for cue in cues]
        self.text = "\n".join(cue.text for cue in cues if cue.text)
        super().save(*args, **kwargs)

    @property
    def display_label(self):
        if self.label:
            return self.label
        try:
            return get_language_info(self.language)["name_local"].capitalize()
        except KeyError:
            return self.language


class VideoContainer(models.TextChoices):
    MP4 = "mp4", "MP4"
    WEBM = "webm", "WebM"


class VideoRendition(models.Model):
    """The same video as its Media, in the other container: an MP4 (H.264) for Safari on iPhone
    beside a WebM, or a WebM beside an MP4. The educator uploads it on the video's own form
    (``forms.VideoMediaForm``); the player offers every rendition as a ``<source>``. Progress
    and completion stay with the Media and its probed duration; ``duration`` here is probed
    too, so a rendition of another length can be noticed."""

    media = models.ForeignKey(
        "wagtailmedia.Media",
        on_delete=models.CASCADE,
        related_name="renditions",
        verbose_name=_("video"),
    )
    container = models.CharField(_("format"), max_length=8, choices=VideoContainer.choices)
    file = models.FileField(_("file"), upload_to="media")
    duration = models.FloatField(_("duration"), default=0, help_text=_("Seconds, probed."))

    class Meta:
        verbose_name = _("video in another format")
        verbose_name_plural = _("videos in another format")
        ordering = ["media", "container"]
        constraints = [
            models.UniqueConstraint(
                fields=["media", "container"], name="video_one_rendition_per_format"
            )
        ]

    def __str__(self):
        return f"{self.media} · {self.get_container_display()}"


class VideoProgress(models.Model):
    """How much of one video one person has watched, merged over every session.

    ``segments`` are merged ``[start, end]`` pairs in seconds; ``length`` is the probed
    duration of the video the activity shows (0 while the server knows none: then nothing
    completes, whatever length a client claims).
    ``viewed_at`` is when the server first heard of this person and video: the clock that
    limits how much coverage statements may claim (see ``progress.py``).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="video_progress"
    )
    activity_id = models.CharField(max_length=400)
    media = models.ForeignKey(
        "wagtailmedia.Media", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    length = models.FloatField(default=0)
    segments = models.JSONField(default=list)
    progress = models.FloatField(default=0)
    viewed_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("video progress")
        verbose_name_plural = _("video progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "activity_id"], name="video_progress_once")
        ]

    def __str__(self):
        return f"{self.user} · {self.activity_id} · {self.progress:.0%}"


class VideoActivity(models.Model):
    """Which Media an activity id other than the canonical ``/video/<pk>`` shows (for example a
    video-guide page's own id), so the server knows the length of what was watched. Written by
    the player include when it renders (``activity.remember_activity``)."""

    activity_id = models.CharField(max_length=400, unique=True)
    media = models.ForeignKey("wagtailmedia.Media", on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return self.activity_id


# A caption track or a rendition belongs to whoever owns its video (the employer whose collection
# holds it).
register_owner(CaptionTrack, lambda track: owner_of(track.media))
register_owner(VideoRendition, lambda rendition: owner_of(rendition.media))
