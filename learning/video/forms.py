"""The wagtailmedia upload form with checks by content, and the video's captions and chapters.

wagtailmedia builds its admin forms on ``WAGTAILMEDIA["MEDIA_FORM_BASE"]``; set it to
``"learning.video.forms.VideoMediaForm"`` to turn these on. The educator adds Danish captions,
chapters and captions in a further language in the same form as the video itself: each WebVTT
file is checked on upload (the same checks as ``CaptionTrack.file``), and the edit form shows the
start of the current transcript as a preview. The same video in the other format (an MP4 beside
a WebM, or the reverse) is an optional second file in the same form (``VideoRendition``): an MP4
alone, a WebM alone, or both.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtailmedia.forms import BaseMediaForm

from learning.video.models import LANGUAGE_TAG, CaptionKind, CaptionTrack, VideoRendition
from learning.video.renditions import container_of
from learning.video.validators import validate_caption_file, validate_video_file

PREVIEW_CHARS = 300


def _caption_field(label, help_text):
    return forms.FileField(
        label=label,
        required=False,
        validators=[validate_caption_file],
        help_text=help_text,
        widget=forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"}),
    )


class VideoMediaForm(BaseMediaForm):
    danish_captions = _caption_field(
        _("Danish captions (WebVTT)"),
        _("Required before the video is published. A .vtt file in UTF-8."),
    )
    chapters_file = _caption_field(
        _("Chapters (WebVTT)"), _("Optional: one cue per chapter, its text the chapter title.")
    )
    other_language = forms.CharField(
        label=_("Further captions: language code"),
        required=False,
        max_length=16,
        validators=[LANGUAGE_TAG],
        help_text=_("For example “en” or “uk”."),
    )
    other_captions = _caption_field(_("Further captions (WebVTT)"), "")
    # Last, so the fields uploads already fill (video, thumbnail, captions) keep their places.
    other_format = forms.FileField(
        label=_("The same video in the other format"),
        required=False,
        help_text=_(
            "Optional. An MP4 (H.264) beside a WebM, or a WebM beside an MP4, so every browser "
            "finds one it plays; iPhones need the MP4. Replacing the video file above removes "
            "the other format, which belonged to the old video."
        ),
        widget=forms.FileInput(attrs={"accept": ".mp4,.webm,video/mp4,video/webm"}),
    )

    VIDEO_FIELDS = (
        "other_format",
        "danish_captions",
        "chapters_file",
        "other_language",
        "other_captions",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.type != "video":
            for name in self.VIDEO_FIELDS:
                self.fields.pop(name, None)
            return
        if self.instance.pk:
            self._show_current_tracks()
            self._show_current_rendition()

    def _show_current_rendition(self):
        rendition = self.instance.renditions.first()
        if rendition is not None:
            self.fields["other_format"].help_text = _(
                "Uploaded: %(format)s. Upload a new file to replace it."
            ) % {"format": rendition.get_container_display()}

    def _show_current_tracks(self):
        tracks = {
            (track.kind, track.language): track for track in self.instance.caption_tracks.all()
        }
        danish = tracks.get((CaptionKind.CAPTIONS, "da"))
        if danish is not None:
            preview = danish.text.replace("\n", " ")
            if len(preview) > PREVIEW_CHARS:
                preview = preview[:PREVIEW_CHARS].rsplit(" ", 1)[0] + " …"
            self.fields["danish_captions"].help_text = _(
                "Uploaded. Upload a new file to replace it. Transcript: “%(preview)s”"
            ) % {"preview": preview}
        if (CaptionKind.CHAPTERS, "da") in tracks:
            self.fields["chapters_file"].help_text = _("Uploaded. Upload a new file to replace it.")

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        # Unchanged on edit: the stored file was checked when it was uploaded.
        if uploaded and "file" in self.changed_data:
            validate_video_file(uploaded)
        return uploaded

    def clean_other_format(self):
        uploaded = self.cleaned_data.get("other_format")
        if uploaded:
            validate_video_file(uploaded)
        return uploaded

    def _main_container(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            return container_of(uploaded)
        return container_of(self.instance.file) if self.instance.file else None

    def clean(self):
        cleaned = super().clean()
        other = cleaned.get("other_format")
        if other and not self.has_error("file"):
            container = container_of(other)
            if container == self._main_container():
                self.add_error(
                    "other_format",
                    _(
                        "This is the same format as the video file. Upload an MP4 beside "
                        "a WebM, or a WebM beside an MP4."
                    ),
                )
            else:
                self.other_container = container
        language = (cleaned.get("other_language") or "").strip()
        if cleaned.get("other_captions") and not language:
            self.add_error("other_language", _("Give the language of the further captions."))
        if language == "da":
            self.add_error("other_language", _("Upload Danish captions in their own field."))
        return cleaned

    def save(self, commit=True):
        replaced = "file" in self.changed_data and self.instance.pk is not None
        media = super().save(commit=commit)
        if commit:
            self.save_rendition(media, replaced)
            self.save_caption_tracks(media)
        return media

    def save_rendition(self, media, replaced):
        """The other format: a new upload replaces the old; a new video file removes it."""
        upload = self.cleaned_data.get("other_format")
        if replaced or upload:
            VideoRendition.objects.filter(media=media).delete()
        if upload:
            VideoRendition.objects.create(media=media, container=self.other_container, file=upload)

    def save_caption_tracks(self, media):
        uploads = [
            (CaptionKind.CAPTIONS, "da", self.cleaned_data.get("danish_captions")),
            (CaptionKind.CHAPTERS, "da", self.cleaned_data.get("chapters_file")),
            (
                CaptionKind.CAPTIONS,
                (self.cleaned_data.get("other_language") or "").strip(),
                self.cleaned_data.get("other_captions"),
            ),
        ]
        for kind, language, upload in uploads:
            if not upload:
                continue
            track = CaptionTrack.objects.filter(media=media, kind=kind, language=language).first()
            if track is None:
                track = CaptionTrack(media=media, kind=kind, language=language)
            track.file = upload
            track.save()
