from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PackagesConfig(AppConfig):
    name = "learning.packages"
    label = "packages"
    verbose_name = _("E-learning packages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from learning.xapi import projections

        from .satisfaction import project, reset

        projections.register(project, reset=reset)
