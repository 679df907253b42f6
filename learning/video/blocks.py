"""StreamField blocks for lessons and video guides: an uploaded video with the accessible
player, and an embedded external video tracked only as viewed."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock

from learning.video.chooser import VideoChooserBlock
from learning.video.models import CaptionKind, CaptionTrack

CHAPTERS_MAX_CHARS = 10_000


class VideoBlock(blocks.StructBlock):
    """An uploaded video (wagtailmedia) shown in the platform's player, with captions,
    transcript, chapters and xAPI tracking. Completion is decided on the server."""

    video = VideoChooserBlock(
        label=_("Video"),
        help_text=_(
            "An MP4 or WebM video; add its Danish captions on the video's own form (Media)."
        ),
    )
    title = blocks.CharBlock(
        label=_("Title"),
        required=False,
        max_length=200,
        help_text=_("Shown under the video; leave empty to use the video's own title."),
    )
    chapters = blocks.TextBlock(
        label=_("Chapters"),
        required=False,
        # Parsed on every view of the lesson: bounded, like the caption upload (the parser is
        # linear, but a page is not the place for a megabyte of chapters).
        max_length=CHAPTERS_MAX_CHARS,
        help_text=_(
            "One chapter per line: “mm:ss Title”, e.g. “01:30 Log ind”. Leave empty "
            "to use the video's chapters track, if any."
        ),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "video/blocks/video_block.html"
        description = _("An uploaded video with captions, transcript and chapters")
        preview_template = "video/blocks/video_block_preview.html"

    def get_preview_value(self):
        """The newest video with Danish captions, so the block preview shows a real player."""
        track = (
            CaptionTrack.objects.filter(kind=CaptionKind.CAPTIONS, language="da")
            .select_related("media")
            .order_by("-pk")
            .first()
        )
        return self.to_python(
            {"video": track.media_id if track else None, "title": "", "chapters": ""}
        )


class VideoEmbedBlock(blocks.StructBlock):
    """A video from another site (YouTube, Vimeo, ...). It loads only when the learner opens
    it, and then counts as viewed; its captions are the other site's responsibility."""

    embed = EmbedBlock(
        label=_("Video address"),
        help_text=_("The address of the video on YouTube, Vimeo or similar."),
    )
    title = blocks.CharBlock(label=_("Title"), max_length=200)

    class Meta:
        icon = "media"
        label = _("Embedded video")
        template = "video/blocks/video_embed_block.html"
        description = _("A video from another site, tracked only as viewed")
        preview_value = {"embed": "https://vimeo.com/76979871", "title": "Eksempel"}
