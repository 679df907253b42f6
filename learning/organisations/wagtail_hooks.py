"""Admin for organisations, roles, assignments, manager scopes, deputies and the roster import.

Only platform administrators see these menus; managers use the plain pages in urls.py.
"""

from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import policy_registry, register_permission_policy

from . import admin_views
from .admin_forms import OrganisationForm
from .models import (
    Delegation,
    JobAssignment,
    JobRole,
    ManagerScope,
    Organisation,
    StaffProfile,
)
from .permissions import (
    OwnedContentPolicy,
    PlatformAdminPermissionPolicy,
    can_change,
    is_platform_admin,
)

register_permission_policy(
    Organisation, PlatformAdminPermissionPolicy(Organisation, denied_actions={"delete"})
)
# Every grant stays as it was made: admins read delegations here; granting and revoking happen on
# the manager page (platform admins may use it for any unit).
register_permission_policy(
    Delegation,
    PlatformAdminPermissionPolicy(Delegation, denied_actions={"add", "change", "delete"}),
)
for _model in (JobRole, JobAssignment, ManagerScope, StaffProfile):
    register_permission_policy(_model, PlatformAdminPermissionPolicy(_model))


class TreeNameColumn(Column):
    """The unit's name indented by its depth, so the list reads as the tree."""

    def get_value(self, instance):
        # Non-breaking spaces rather than a style attribute: nothing inline for the CSP to block.
        return format_html("{}{}", "\u00a0" * 4 * (instance.depth - 1), instance.name)


class YesNoColumn(Column):
    """A boolean as the words "Ja"/"Nej": the default column printed Python's "True"."""

    def get_value(self, instance):
        return _("Yes") if getattr(instance, self.accessor) else _("No")


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "site"
    menu_label = _("Organisation tree")
    add_to_admin_menu = False
    form_class = OrganisationForm
    list_display = [
        TreeNameColumn("name", label=_("Name")),
        "sector",
        "kind",
        "sor_code",
        "external_id",
        YesNoColumn("is_active", label=_("Active")),
    ]
    list_filter = ["sector", "kind", "is_active"]
    ordering = ["path"]
    list_per_page = 200
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return OrganisationForm


class JobRoleViewSet(ModelViewSet):
    model = JobRole
    icon = "tag"
    form_fields = ["code", "name", "is_active"]
    list_display = ["name", "code", YesNoColumn("is_active", label=_("Active"))]
    copy_view_enabled = False


class JobAssignmentViewSet(ModelViewSet):
    model = JobAssignment
    icon = "user"
    form_fields = ["user", "unit", "role", "starts_on", "ends_on", "source"]
    list_display = ["user", "role", "unit", "starts_on", "ends_on", "source"]
    list_filter = ["source", "role"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return JobAssignment.objects.select_related("user", "unit", "role")


class ManagerScopeViewSet(ModelViewSet):
    model = ManagerScope
    icon = "group"
    form_fields = ["manager", "unit", "starts_on", "ends_on"]
    list_display = ["manager", "unit", "starts_on", "ends_on"]
    copy_view_enabled = False


class DelegationViewSet(ModelViewSet):
    model = Delegation
    icon = "history"
    inspect_view_enabled = True
    form_fields = ["unit", "deputy", "granted_by", "starts_on", "ends_on", "revoked_at"]
    list_display = [
        "unit",
        "deputy",
        "granted_by",
        "starts_on",
        "ends_on",
        "created_at",
        "revoked_at",
    ]
    copy_view_enabled = False


class StaffProfileViewSet(ModelViewSet):
    model = StaffProfile
    icon = "user"
    form_fields = ["user", "external_id"]
    list_display = ["external_id", "user"]
    copy_view_enabled = False


class OrganisationsGroup(ModelViewSetGroup):
    menu_label = _("Organisations")
    menu_icon = "site"
    menu_order = 300
    items = (
        OrganisationViewSet("organisations"),
        JobRoleViewSet("job_roles"),
        JobAssignmentViewSet("job_assignments"),
        ManagerScopeViewSet("manager_scopes"),
        DelegationViewSet("delegations"),
        StaffProfileViewSet("staff_profiles"),
    )

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            PlatformAdminMenuItem(
                _("Import roster"),
                reverse("organisations_import"),
                icon_name="upload",
                order=1000,
            ),
        ]


class PlatformAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return is_platform_admin(request.user)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return OrganisationsGroup()


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("organisations/import/", admin_views.import_view, name="organisations_import")]


# Owned content in snippet views: Wagtail's generic edit and delete views check model permissions
# only, so the owner rule of OwnedContentPolicy is applied here, before the view does anything.
def _refuse_unless_owner_may(request, objects, action):
    for obj in objects:
        policy = policy_registry.get_by_type(type(obj))
        if isinstance(policy, OwnedContentPolicy) and not can_change(request.user, obj, action):
            return permission_denied(request)
    return None


@hooks.register("before_edit_snippet")
def only_the_owner_edits_snippets(request, instance):
    return _refuse_unless_owner_may(request, [instance], "change")


@hooks.register("before_delete_snippet")
def only_the_owner_deletes_snippets(request, instances):
    return _refuse_unless_owner_may(request, instances, "delete")


@hooks.register("before_bulk_action")
def only_the_owner_acts_on_snippets_in_bulk(request, action_type, objects, action_class_instance):
    if action_type == "copy":
        return None
    return _refuse_unless_owner_may(request, objects, "delete")
