"""The package lesson block: lists the AUs of a package, each with the learner's status and a
start button."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from .permissions import can_edit_package
from .status import unit_rows


class PackageBlock(blocks.StructBlock):
    package = SnippetChooserBlock("packages.Package", label=_("E-learning package"))
    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        max_length=120,
        help_text=_("Defaults to the package title."),
    )

    class Meta:
        icon = "folder-open-inverse"
        template = "packages/blocks/package_block.html"
        label = _("E-learning package")
        description = _(
            "A cmi5 or SCORM package uploaded under E-learning packages, with its units."
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        user = getattr(request, "user", None)
        package = value["package"]
        context["rows"] = unit_rows(user, package) if package is not None else []
        context["can_waive"] = (
            package is not None and not package.is_scorm and can_edit_package(user, package)
        )
        context["lesson"] = (parent_context or {}).get("page")
        return context
