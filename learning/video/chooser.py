"""The video chooser of the page editor: each video with its poster frame and duration, with
search, for the video guide's video and the lesson's video block.

Built on Wagtail's own ``ChooserViewSet`` (its modal, search and widget; no JavaScript of ours).
An educator may use any video (everyone reads and copies content; only changing it is the
owner's), so the list holds every video for whoever ``permissions.can_use_content`` allows, and
nothing for anyone else; the "chosen" step answers only for such videos, so a forged id of an
audio item or for a non-educator gets a 404.
"""

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView, ChosenView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets import BaseChooser
from wagtail.blocks import ChooserBlock
from wagtailmedia.models import get_media_model

from learning.organisations.permissions import can_use_content


def usable_videos(user):
    """The videos ``user`` may put in a page: every video for an educator, none otherwise."""
    videos = get_media_model().objects.filter(type="video")
    return videos if can_use_content(user) else videos.none()


def duration_label(seconds):
    """mm:ss (t:mm:ss past an hour), as the editor reads a length; "" when unknown."""
    if not seconds:
        return ""
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def video_label(media):
    """The title with the length, as the chooser widget shows the chosen video."""
    length = duration_label(media.duration)
    return f"{media.title} ({length})" if length else media.title


class ThumbnailColumn(Column):
    cell_template_name = "video/chooser/thumbnail_cell.html"


class DurationColumn(Column):
    empty_value_display = _("unknown")

    def get_value(self, instance):
        return duration_label(instance.duration)


class UsableVideosMixin:
    ordering = "title"

    def get_object_list(self):
        return usable_videos(self.request.user)

    @property
    def columns(self):
        return [
            self.title_column,
            ThumbnailColumn("thumbnail", label=_("Poster frame"), width="120px"),
            DurationColumn("duration", label=_("Duration"), width="90px"),
        ]


class VideoChooseView(UsableVideosMixin, ChooseView):
    pass


class VideoChooseResultsView(UsableVideosMixin, ChooseResultsView):
    pass


class VideoChosenView(ChosenView):
    def get_object(self, pk):
        return usable_videos(self.request.user).get(pk=pk)

    def get_display_title(self, instance):
        return video_label(instance)


class VideoChooserWidget(BaseChooser):
    def get_display_title(self, instance):
        return video_label(instance)


class BaseVideoChooserBlock(ChooserBlock):
    """A chooser block that accepts videos only (never an audio item, whatever id is posted)."""

    @cached_property
    def field(self):
        return forms.ModelChoiceField(
            queryset=self.model_class.objects.filter(type="video"),
            widget=self.widget,
            required=self._required,
            validators=self._validators,
            help_text=self._help_text,
        )


class VideoChooserViewSet(ChooserViewSet):
    model = "wagtailmedia.Media"
    icon = "media"
    choose_one_text = _("Choose a video")
    choose_another_text = _("Choose another video")
    edit_item_text = _("Edit this video")
    choose_view_class = VideoChooseView
    choose_results_view_class = VideoChooseResultsView
    chosen_view_class = VideoChosenView
    base_widget_class = VideoChooserWidget
    base_block_class = BaseVideoChooserBlock
    # Only the fields we name get this chooser; wagtailmedia's own stays elsewhere (captions).
    register_widget = False


video_chooser_viewset = VideoChooserViewSet("video_chooser", url_prefix="video-chooser")
VideoChooserWidgetClass = video_chooser_viewset.widget_class
VideoChooserBlock = video_chooser_viewset.get_block_class(
    name="VideoChooserBlock", module_path="learning.video.chooser"
)
