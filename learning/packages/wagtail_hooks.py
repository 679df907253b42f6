"""Packages in the Wagtail admin: upload (checked), list, rename, delete, with the ownership
rule of ``permissions``."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from .forms import PackageAdminForm
from .models import Package
from .permissions import PackagePermissionPolicy


class PackageViewSet(SnippetViewSet):
    model = Package
    icon = "folder-open-inverse"
    menu_label = _("E-learning packages")
    menu_order = 340
    add_to_admin_menu = True
    list_display = ["title", "organisation", "created"]
    search_fields = ["title"]
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_handler = ObjectList(
        [FieldPanel("package_file"), FieldPanel("title"), FieldPanel("organisation")],
        base_form_class=PackageAdminForm,
    )


register_permission_policy(Package, PackagePermissionPolicy(Package))


@hooks.register("register_admin_viewset")
def register_viewset():
    return PackageViewSet()
