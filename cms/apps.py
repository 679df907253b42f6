from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Content")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings
        from PIL import Image

        # Pillow warns above MAX_IMAGE_PIXELS and refuses above twice that; renditions and
        # anything else that decodes an image then refuse what the upload form refuses.
        Image.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS

        from wagtail.models import TaskState
        from wagtail.signals import task_submitted

        from cms import catalogue
        from cms.models import CatalogPage, CoursePage, LessonPage, VideoGuidePage
        from cms.navigation import connect_signals
        from cms.workflows import reviewer_notifier
        from learning.progress import activities

        connect_signals()
        catalogue.connect_signals()

        task_submitted.connect(
            reviewer_notifier, sender=TaskState, dispatch_uid="second_educator_review_submitted"
        )
        # Progress and reports sit below the page models and find them here.
        for page_type in (CoursePage, LessonPage, VideoGuidePage):
            activities.register_page_type(page_type)
        activities.register_page_type(CatalogPage, kind=activities.CATALOGUE)
