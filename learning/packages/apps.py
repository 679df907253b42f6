from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PackagesConfig(AppConfig):
    name = "learning.packages"
    label = "packages"
    verbose_name = _("E-learning packages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from learning.progress import rule
        from learning.xapi import projections

        from . import personal_data
        from .satisfaction import package_evidence, project, reset

        personal_data.register()

        projections.register(project, reset=reset)
        # A lesson holding a package is done when the package is satisfied, never by a button.
        rule.register_assessment("package", package_evidence)
