"""Every access rule for organisations, requirements and competence records, in one place.

Three kinds of people see other people's data:
- platform administrators (superusers, or members of the "Platformsadministratorer" group) see and
  manage everything;
- managers manage the units in their ``ManagerScope`` rows and everything below them;
- deputies manage a unit while a ``Delegation`` from a manager who directly manages it is valid.
Everyone else (an outsider, a learner) manages nothing and sees only their own records.

Later reports and the xAPI endpoints reuse these functions; do not re-implement them elsewhere.
"""

import datetime
from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from wagtail.permission_policies.base import BasePermissionPolicy

from .models import Delegation, JobAssignment, ManagerScope, Organisation
from .seed import PLATFORM_ADMIN_GROUP


def is_platform_admin(user):
    """Superuser or member of the platform-admin group. Queries the DB once per request object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_platform_admin", None)
    if cached is None:
        cached = user.groups.filter(name=PLATFORM_ADMIN_GROUP).exists()
        user._is_platform_admin = cached
    return cached


def _today(at):
    """Rules are by day: accept nothing (today), a date or a datetime."""
    if at is None:
        return timezone.localdate()
    if isinstance(at, datetime.datetime):
        return timezone.localdate(at) if timezone.is_aware(at) else at.date()
    return at


def scope_roots(user, at=None):
    """The units a user manages directly or through a valid delegation, without descendants.

    Returns a list of (id, path) pairs. Two queries, once per user object and day: a manager
    page asked it three times (the view's check, the scope filter and the header's link), and
    the user object lives only as long as its request.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    day = _today(at)
    cache = user.__dict__.setdefault("_scope_roots", {})
    if day not in cache:
        cache[day] = _scope_roots(user, day)
    return list(cache[day])


def _scope_roots(user, day):
    direct = list(
        ManagerScope.objects.active_on(day)
        .filter(manager=user)
        .values_list("unit_id", "unit__path")
    )
    # The granter must still manage that very unit directly on the same day, so a delegation
    # dies with the manager's own scope, and a deputy cannot pass it on.
    granter_scope = ManagerScope.objects.active_on(day).filter(
        manager_id=OuterRef("granted_by_id"), unit_id=OuterRef("unit_id")
    )
    delegated = list(
        Delegation.objects.active_on(day)
        .filter(deputy=user, revoked_at__isnull=True)
        .filter(Exists(granter_scope))
        .values_list("unit_id", "unit__path")
    )
    return sorted(set(direct) | set(delegated), key=lambda pair: pair[1])


def _paths_filter(paths, prefix=""):
    # Nested roots add nothing: "/0001" already covers "/00010003".
    roots = []
    for path in sorted(paths):
        if not any(path.startswith(root) for root in roots):
            roots.append(path)
    if not roots:
        return None
    return reduce(or_, (Q(**{f"{prefix}path__startswith": p}) for p in roots))


def managed_units(user, at=None):
    """Ids of every unit the user manages on ``at`` (today): scope roots and all their descendants.

    Platform admins get only what they manage as managers; callers that should let admins see
    everything use ``manageable_units``. Two queries.
    """
    condition = _paths_filter([path for _id, path in scope_roots(user, at)])
    if condition is None:
        return set()
    return set(Organisation.objects.filter(condition).values_list("id", flat=True))


def manageable_units(user, at=None):
    """A queryset of the units the user may manage: all for platform admins, else their scope."""
    if is_platform_admin(user):
        return Organisation.objects.all()
    condition = _paths_filter([path for _id, path in scope_roots(user, at)])
    if condition is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(condition)


def can_manage_unit(user, unit, at=None):
    """May the user manage this unit (requirements, sign-offs, staff lists)? Queries the DB."""
    if unit is None:
        return False
    if is_platform_admin(user):
        return True
    return any(unit.path.startswith(path) for _id, path in scope_roots(user, at))


def can_delegate(user, unit, at=None):
    """Only a manager who directly manages the unit (or an admin) may appoint a deputy for it.

    Deputies cannot pass their delegation on. Queries the DB.
    """
    if is_platform_admin(user):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return ManagerScope.objects.active_on(_today(at)).filter(manager=user, unit=unit).exists()


def delegable_units(user, at=None):
    """Units the user may delegate: those they manage directly (all, for admins)."""
    if is_platform_admin(user):
        return Organisation.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        id__in=ManagerScope.objects.active_on(_today(at)).filter(manager=user).values("unit_id")
    )


def managed_people(user, at=None):
    """A queryset of user ids with an active assignment in a unit the user may manage."""
    day = _today(at)
    assignments = JobAssignment.objects.active_on(day)
    if not is_platform_admin(user):
        condition = _paths_filter([path for _id, path in scope_roots(user, day)], prefix="unit__")
        if condition is None:
            return JobAssignment.objects.none().values("user_id")
        assignments = assignments.filter(condition)
    return assignments.values("user_id")


def can_manage_person(user, person, at=None):
    """May the user see this person's statuses and sign off for them? Queries the DB."""
    if person is None:
        return False
    if is_platform_admin(user):
        return True
    return managed_people(user, at).filter(user_id=person.pk).exists()


def can_manage_requirement(user, requirement, at=None):
    """Managers change only requirements on their own units; admins change all."""
    return can_manage_unit(user, requirement.unit, at)


def _employer_path(path):
    """The path of the top-level organisation (the employer) above or at ``path``."""
    return path[: Organisation.steplen]


def employer_paths(user, at=None):
    """Paths of the top-level organisations the user works for on ``at`` (today), from their
    active job assignments. One query, remembered on the user object for the day."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    day = _today(at)
    cached = getattr(user, "_employer_paths", None)
    if cached is None or cached[0] != day:
        paths = (
            JobAssignment.objects.active_on(day)
            .filter(user=user)
            .values_list("unit__path", flat=True)
        )
        cached = (day, {_employer_path(path) for path in paths})
        user._employer_paths = cached
    return cached[1]


def employers(user, at=None):
    """A queryset of the top-level organisations the user works for (see employer_paths)."""
    return Organisation.objects.filter(path__in=employer_paths(user, at))


def can_edit_content(user, owner, at=None):
    """May the user edit or delete content owned by ``owner`` (an Organisation or None)?

    Educators edit what their employer owns: the owner's top-level organisation is one they hold
    a job assignment in. Platform admins edit everything. Content without an owner is shared
    and left to Wagtail's own page permissions. Everyone may read and reuse all content; this
    rule is only about changing it. At most one query.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if owner is None or is_platform_admin(user):
        return True
    return _employer_path(owner.path) in employer_paths(user, at)


class PlatformAdminPermissionPolicy(BasePermissionPolicy):
    """Wagtail admin access to these apps' models: platform admins only.

    ``denied_actions`` removes actions for everyone, e.g. deleting organisation units (they are
    deactivated instead, because assignments and history point at them).
    """

    def __init__(self, model, denied_actions=()):
        super().__init__(model)
        self.denied_actions = frozenset(denied_actions)

    def user_has_permission(self, user, action):
        return action not in self.denied_actions and is_platform_admin(user)

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        if not set(actions) - self.denied_actions:
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(
                Q(is_superuser=True) | Q(groups__name=PLATFORM_ADMIN_GROUP), is_active=True
            )
            .distinct()
        )


def needs_mfa(user, at=None):
    """Whoever can see other people's records or edit content must use a second factor:
    platform admins, anyone allowed into the Wagtail admin (educators), and anyone who manages
    a unit, directly or as a deputy. Up to three queries."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return (
        is_platform_admin(user)
        or user.has_perm("wagtailadmin.access_admin")
        or bool(scope_roots(user, at))
    )
