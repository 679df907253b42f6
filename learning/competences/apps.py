from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetencesConfig(AppConfig):
    name = "learning.competences"
    label = "competences"
    verbose_name = _("Competences")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import personal_data

        personal_data.register()
