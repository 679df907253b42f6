from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "learning.progress"
    label = "progress"
    verbose_name = _("Progress")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import video
        from learning.xapi import projections

        from .projection import project, video_completed

        projections.register(project)
        # The video app decides from played segments that a video is watched; a guide is then
        # complete. Without its hook, the projection's own check on "completed" video
        # statements still applies.
        video.on_video_completed(video_completed)
