from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from learning.organisations.permissions import OwnedPageMixin

from .catalogue import CatalogPage
from .serving import ViewRestrictionsMixin


class HomePage(ViewRestrictionsMixin, OwnedPageMixin, Page):
    """The front page: a welcome and the way into the catalogue."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("One or two short paragraphs in plain Danish that say what the site is for."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.ContentPage", "cms.CatalogPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["catalogue"] = CatalogPage.objects.child_of(self).live().first()
        return context


class ContentPage(ViewRestrictionsMixin, OwnedPageMixin, Page):
    """A plain page such as the accessibility statement or the privacy notice."""

    body = RichTextField(
        _("body"),
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        help_text=_("Use headings in order (h2, then h3) so screen readers can navigate."),
    )
    updated_on = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("The accessibility statement must be reviewed at least once a year."),
    )

    content_panels = Page.content_panels + [FieldPanel("body"), FieldPanel("updated_on")]

    parent_page_types = ["cms.HomePage", "cms.ContentPage"]
    subpage_types = ["cms.ContentPage"]

    class Meta:
        verbose_name = _("content page")
