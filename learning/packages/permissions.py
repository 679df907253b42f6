"""Who may change a package: the content ownership rule of courses
(``learning.organisations.permissions.can_edit_content``), applied to packages. Kept as one
small function so it can move into the shared content policy module."""

from django.contrib.auth.models import Permission
from wagtail.permission_policies import ModelPermissionPolicy

from learning.organisations.permissions import can_edit_content


def can_edit_package(user, package):
    """Educators of the owning organisation (and platform admins) change or delete it."""
    return can_edit_content(user, package.organisation)


class PackagePermissionPolicy(ModelPermissionPolicy):
    """Wagtail's model permissions (the Editors group may add packages), and for an existing
    package the ownership rule as well."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action in ("change", "delete") and not can_edit_package(user, instance):
            return False
        return self.user_has_permission(user, action)

    def instances_user_has_permission_for(self, user, action):
        instances = super().instances_user_has_permission_for(user, action)
        if action not in ("change", "delete"):
            return instances
        allowed = [p.pk for p in instances if can_edit_package(user, p)]
        return instances.filter(pk__in=allowed)


def grant_editor_permissions(group):
    """Let a group (Wagtail's "Editors") upload packages (the migration does it once; the demo
    loader again after a flush)."""

    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="packages",
            codename__in=[f"{a}_package" for a in ("add", "change", "delete", "view")],
        )
    )
