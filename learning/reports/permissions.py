"""Who may see which report. Every rule composes ``learning.organisations.permissions``.

- Coverage dashboards, drill-downs and exports: managers and deputies for the units they manage
  (and below); platform admins for everything.
- The region-wide view (aggregated, suppressed): platform admins and members of the cross-sector
  committee group.
- Content analytics: educators (Wagtail editors) and platform admins; aggregated only.
"""

from django.conf import settings

from learning.organisations import permissions
from learning.organisations.models import Organisation

COMMITTEE_GROUP = "Tværsektorielt udvalg"


def committee_group_name():
    return getattr(settings, "REPORTS_COMMITTEE_GROUP", COMMITTEE_GROUP)


def coverage_roots(user, at=None):
    """[(id, path)] the user's coverage starts from: scope roots, or every tree root for admins.

    Two queries for managers, one for admins.
    """
    if permissions.is_platform_admin(user):
        return list(Organisation.get_root_nodes().values_list("id", "path"))
    roots = []
    for unit_id, path in permissions.scope_roots(user, at):
        if not any(path.startswith(root) for _id, root in roots):
            roots.append((unit_id, path))
    return roots


def can_view_coverage(user, at=None):
    return permissions.is_platform_admin(user) or bool(permissions.scope_roots(user, at))


def can_view_unit(user, unit, at=None):
    return permissions.can_manage_unit(user, unit, at)


def can_view_person(user, person, at=None):
    return permissions.can_manage_person(user, person, at)


def can_view_region(user):
    if permissions.is_platform_admin(user):
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.groups.filter(name=committee_group_name()).exists()


def can_view_content_analytics(user):
    if permissions.is_platform_admin(user):
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.has_perm("wagtailadmin.access_admin")
