"""Admin page forms with the checks that must hold before anything is published or sent for
review: alt text for images, and Danish captions and a length the server could read for
videos.

Saving a draft defers these checks (Wagtail calls ``defer_required_fields`` for the "save"
action only), so an educator can save half-finished work; publishing and submitting for review
validate fully.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from cms.slugs import DanishSlugFormMixin
from learning.organisations.forms import OwnedContentFormMixin
from learning.video import api as video

# Completion of a video is measured against its length as the server read it (ffprobe).
UNKNOWN_DURATION = _(
    "The length of the video could not be read, so watching it cannot be measured. "
    "Upload the video again as MP4 or WebM before publishing."
)


class CataloguePageForm(DanishSlugFormMixin, OwnedContentFormMixin, WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_owner_choices(self.for_user)

    def clean(self):
        # Also when a draft leaves the owner empty: new content is never without an owner.
        cleaned = self.fill_in_owner(super().clean())
        if self.is_deferred_validation:
            return cleaned
        if cleaned.get("cover_image") and not (cleaned.get("cover_image_alt") or "").strip():
            self.add_error(
                "cover_image_alt", _("Describe the cover image: alt text is required to publish.")
            )
        return cleaned


class VideoGuidePageForm(CataloguePageForm):
    def clean(self):
        cleaned = super().clean()
        if self.is_deferred_validation:
            return cleaned
        media = cleaned.get("video")
        if media is None:
            self.add_error("video", _("Choose the video before publishing."))
        elif not video.has_danish_captions(media):
            self.add_error("video", _("The video needs Danish captions before it is published."))
        elif not video.has_known_duration(media):
            self.add_error("video", UNKNOWN_DURATION)
        return cleaned


class LessonPageForm(DanishSlugFormMixin, WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        if self.is_deferred_validation or not cleaned.get("body"):
            return cleaned
        for block in cleaned["body"]:
            if block.block_type == "video" and block.value.get("video") is not None:
                if not video.has_danish_captions(block.value["video"]):
                    self.add_error(
                        "body",
                        _(
                            "Every video in the lesson needs Danish captions "
                            "before it is published."
                        ),
                    )
                    break
                if not video.has_known_duration(block.value["video"]):
                    self.add_error("body", UNKNOWN_DURATION)
                    break
        return cleaned
