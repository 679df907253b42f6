from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VideoConfig(AppConfig):
    name = "learning.video"
    label = "video"
    verbose_name = _("Video")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save
        from wagtailmedia.models import get_media_model

        from learning.video.progress import project_video_statements, reset_video_progress
        from learning.video.signals import queue_probe
        from learning.xapi import projections
        from learning.xapi.retention import keep_before_thinning

        from . import personal_data
        from .retention import keep_video_progress

        projections.register(project_video_statements, reset=reset_video_progress)
        personal_data.register()
        keep_before_thinning(keep_video_progress)
        post_save.connect(queue_probe, sender=get_media_model(), dispatch_uid="video_probe_on_save")
