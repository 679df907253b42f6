"""What courses and video guides share: audience, length, owner, cover and awarded competences.

Both appear in the catalogue side by side, so they carry the same fields under the same names
and the catalogue filters them with the same code (``cms/catalogue.py``).
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from learning.competences.models import Level
from learning.organisations.models import Sector, owner_organisation_field
from learning.organisations.permissions import OwnedPageMixin

from .serving import ViewRestrictionsMixin

# Live preview at phone size first: the home-care nurse reads on her phone between visits.
PREVIEW_SIZES = [
    {
        "name": "mobile",
        "icon": "mobile-alt",
        "device_width": 375,
        "label": _("Preview at phone size"),
    },
    {
        "name": "tablet",
        "icon": "tablet-alt",
        "device_width": 768,
        "label": _("Preview at tablet size"),
    },
    {
        "name": "desktop",
        "icon": "desktop",
        "device_width": 1280,
        "label": _("Preview at desktop size"),
    },
]


class SectorsField(models.JSONField):
    """A list of sector codes, edited as check boxes.

    JSON rather than a join table: there are four sectors, the catalogue filters a few hundred
    pages in Python, and SQLite has no array type.
    """

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=Sector.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            help_text=self.help_text,
        )


class PhonePreviewMixin:
    @property
    def preview_sizes(self):
        return PREVIEW_SIZES


class CatalogueItemPage(ViewRestrictionsMixin, OwnedPageMixin, PhonePreviewMixin, Page):
    # Read with the page when it is served (cms/models/serving.py): its facts show the owner.
    served_with = ("owner_organisation",)

    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("Two or three sentences: who it is for and what they can do afterwards."),
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"),
        default=10,
        help_text=_("Keep pieces to about ten minutes, so one fits between two visits."),
    )
    target_sectors = SectorsField(
        _("target sectors"),
        default=list,
        blank=True,
        help_text=_("Leave all unticked if it is for every sector."),
    )
    target_roles = ParentalManyToManyField(
        "organisations.JobRole",
        blank=True,
        related_name="+",
        verbose_name=_("target roles"),
        help_text=_("Leave empty if it is for every role."),
    )
    owner_organisation = owner_organisation_field(
        _("Its educators edit this page; everyone may use it.")
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover image"),
    )
    cover_image_alt = models.CharField(
        _("cover image alt text"),
        max_length=250,
        blank=True,
        help_text=_("Describe what the image shows. Required when there is a cover image."),
    )

    search_fields = Page.search_fields + [index.SearchField("summary")]

    audience_panels = [
        MultiFieldPanel(
            [
                FieldPanel("summary"),
                FieldPanel("estimated_minutes"),
                FieldPanel("target_sectors"),
                FieldPanel("target_roles", widget=forms.CheckboxSelectMultiple),
                FieldPanel("owner_organisation"),
            ],
            heading=_("Audience and owner"),
        ),
        MultiFieldPanel(
            [FieldPanel("cover_image"), FieldPanel("cover_image_alt")], heading=_("Cover image")
        ),
    ]

    class Meta:
        abstract = True

    def awarded(self):
        """[(competence, level)] this page awards on completion. One query."""
        return [
            (link.competence, link.level)
            for link in self.competence_links.select_related("competence")
        ]

    def sector_labels(self):
        labels = dict(Sector.choices)
        return [labels[code] for code in self.target_sectors if code in labels]


class AwardedCompetence(Orderable):
    competence = models.ForeignKey(
        "competences.Competence",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("competence"),
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, default=Level.BASIC)

    panels = [FieldPanel("competence"), FieldPanel("level")]

    class Meta(Orderable.Meta):
        abstract = True
