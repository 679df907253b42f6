"""Captions in the Wagtail admin: a "Captions" menu item listing every caption and chapters
track, with a video chooser, and checks by content on upload (models.CaptionTrack.file)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtailmedia.widgets import AdminVideoChooser

from learning.video.models import CaptionTrack


class CaptionTrackViewSet(SnippetViewSet):
    model = CaptionTrack
    icon = "media"
    menu_label = _("Captions")
    menu_name = "captions"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["media", "kind", "language", "display_label", "updated_at"]
    list_filter = ["kind", "language"]
    search_fields = ["text"]
    panels = [
        FieldPanel("media", widget=AdminVideoChooser),
        FieldPanel("kind"),
        FieldPanel("language"),
        FieldPanel("label"),
        FieldPanel("file"),
    ]


register_snippet(CaptionTrackViewSet)
