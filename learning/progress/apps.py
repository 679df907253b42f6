from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "learning.progress"
    label = "progress"
    verbose_name = _("Progress")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from learning.video import api as video
        from learning.xapi import projections

        from . import personal_data
        from .projection import clear_progress, project, video_completed, video_uncompleted
        from .publishing import register_published_video

        projections.register(project, reset=clear_progress)
        personal_data.register()
        # The video app decides from played segments that a video is watched; a guide is then
        # complete.
        video.on_video_completed(video_completed)
        video.on_video_uncompleted(video_uncompleted)
        page_published.connect(register_published_video, dispatch_uid="progress_video_activity")
