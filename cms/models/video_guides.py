"""Stand-alone video guides: a specialist's few minutes on one task, with Danish captions."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.forms import VideoGuidePageForm
from learning.progress.context import video_guide_context
from learning.video import api as video
from learning.video.chooser import VideoChooserWidgetClass

from .catalogue_item import AwardedCompetence, CatalogueItemPage


class VideoGuidePage(CatalogueItemPage):
    """A video guide is complete for a learner when their played segments cover the video
    (decided server-side by the video app), never because the player says so."""

    video = models.ForeignKey(
        "wagtailmedia.Media",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("video"),
        help_text=_("Add its Danish captions on the video's own form (Media) before publishing."),
    )
    # Read with the page when it is served (cms/models/serving.py): the owner, and the player's
    # video.
    served_with = ("owner_organisation", "video")
    specialist_name = models.CharField(
        _("specialist"), max_length=120, blank=True, help_text=_("Who made the guide.")
    )
    specialist_title = models.CharField(
        _("specialist's title and workplace"),
        max_length=200,
        blank=True,
        help_text=_(
            "For example: Overlæge, Hjertemedicinsk Afdeling, Aalborg Universitetshospital"
        ),
    )
    notes = RichTextField(
        _("notes"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Links to the owners' guidance and anything to remember."),
    )
    # A copy of the caption text, refreshed on save, so Wagtail search finds words spoken in the
    # video; the captions themselves stay with the media item in the video app.
    transcript = models.TextField(_("transcript"), blank=True, editable=False)

    content_panels = (
        Page.content_panels
        + CatalogueItemPage.audience_panels
        + [
            FieldPanel("video", widget=VideoChooserWidgetClass),
            MultiFieldPanel(
                [FieldPanel("specialist_name"), FieldPanel("specialist_title")],
                heading=_("Specialist"),
            ),
            FieldPanel("notes"),
            InlinePanel("competence_links", label=_("Competences awarded"), min_num=0),
        ]
    )
    search_fields = CatalogueItemPage.search_fields + [index.SearchField("transcript")]
    base_form_class = VideoGuidePageForm

    parent_page_types = ["cms.CatalogPage"]
    subpage_types = []
    template = "cms/video_guide_page.html"

    class Meta:
        verbose_name = _("video guide")
        verbose_name_plural = _("video guides")

    activity_kind = "video-guide"
    format_label = _("Video guide")

    def save(self, *args, **kwargs):
        if self.video_id:
            self.transcript = video.transcript_text(self.video)
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(video_guide_context(self, request.user))
        return context


class VideoGuideCompetence(AwardedCompetence):
    page = ParentalKey(VideoGuidePage, on_delete=models.CASCADE, related_name="competence_links")
