"""The catalogue: every course and video guide, filtered and searched (``cms/catalogue.py``)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from learning.organisations.permissions import OwnedPageMixin

from .catalogue_item import PhonePreviewMixin
from .serving import ViewRestrictionsMixin


class CatalogPage(ViewRestrictionsMixin, OwnedPageMixin, PhonePreviewMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.CoursePage", "cms.VideoGuidePage"]
    max_count = 1
    template = "cms/catalog_page.html"

    class Meta:
        verbose_name = _("catalogue")

    def get_context(self, request, *args, **kwargs):
        # Here, not at the top: cms.catalogue reads the page models this package defines.
        from cms.catalogue import catalogue_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(self, request))
        return context
