from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "learning.reports"
    label = "reports"
    verbose_name = _("Reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from learning.competences.signals import person_viewed

        from . import personal_data
        from .models import log_person_viewed

        personal_data.register()
        person_viewed.connect(log_person_viewed, dispatch_uid="reports_access_log")
