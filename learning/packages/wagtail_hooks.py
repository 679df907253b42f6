"""Packages in the Wagtail admin: upload (checked), list, rename, delete, with the ownership
rule of ``permissions``."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet

from .forms import PackageAdminForm
from .models import Package
from .permissions import PackagePermissionPolicy, can_edit_package


class _OwnedObjectMixin:
    """Wagtail's generic edit and delete views check only model permissions; a package also
    needs the ownership rule (403 for educators of another organisation)."""

    def get_object(self, queryset=None):
        package = super().get_object(queryset)
        if not can_edit_package(self.request.user, package):
            raise PermissionDenied
        return package


class PackageEditView(_OwnedObjectMixin, EditView):
    pass


class PackageDeleteView(_OwnedObjectMixin, DeleteView):
    pass


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
    edit_view_class = PackageEditView
    delete_view_class = PackageDeleteView
    edit_handler = ObjectList(
        [FieldPanel("package_file"), FieldPanel("title"), FieldPanel("organisation")],
        base_form_class=PackageAdminForm,
    )


register_permission_policy(Package, PackagePermissionPolicy(Package))


register_snippet(PackageViewSet)
