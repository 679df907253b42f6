"""The wagtailmedia upload form with checks by content: MP4/WebM magic bytes and a size limit.

wagtailmedia builds its admin forms on ``WAGTAILMEDIA["MEDIA_FORM_BASE"]``; set it to
``"learning.video.forms.VideoMediaForm"`` to turn these checks on.
"""

from wagtailmedia.forms import BaseMediaForm

from learning.video.validators import validate_video_file


class VideoMediaForm(BaseMediaForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        # Unchanged on edit: the stored file was checked when it was uploaded.
        if uploaded and "file" in self.changed_data:
            validate_video_file(uploaded)
        return uploaded
