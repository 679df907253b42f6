"""Captions in the Wagtail admin: a "Captions" menu item listing every caption and chapters
track, with a video chooser, and checks by content on upload (models.CaptionTrack.file); and
the page editor's video chooser (``chooser.py``)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtailmedia.widgets import AdminVideoChooser

from learning.organisations.permissions import OwnedContentPolicy, can_change
from learning.video.chooser import video_chooser_viewset
from learning.video.models import CaptionTrack

register_permission_policy(CaptionTrack, OwnedContentPolicy(CaptionTrack))


class CaptionTrackForm(WagtailAdminModelForm):
    def clean_media(self):
        media = self.cleaned_data.get("media")
        if media is not None and not can_change(self.for_user, media):
            raise ValidationError(
                _("You can add captions only to videos your organisation owns."), code="owner"
            )
        return media


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
    edit_handler = ObjectList(
        [
            FieldPanel("media", widget=AdminVideoChooser),
            FieldPanel("kind"),
            FieldPanel("language"),
            FieldPanel("label"),
            FieldPanel("file"),
        ],
        base_form_class=CaptionTrackForm,
    )


register_snippet(CaptionTrackViewSet)


@hooks.register("register_admin_viewset")
def register_video_chooser():
    return video_chooser_viewset
