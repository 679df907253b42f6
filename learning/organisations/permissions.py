"""The platform's access policy: every rule about who may see or change what, in one place.

Views, Wagtail hooks, snippet viewsets, exports and APIs ask this module; the permission modules
of other apps (``learning.reports.permissions``, ``quizzes.permissions``) only re-export it.

People and records. Three kinds of people see other people's data:
- platform administrators (superusers, or members of the "Platformsadministratorer" group) see and
  manage everything;
- managers manage the units in their ``ManagerScope`` rows and everything below them;
- deputies manage a unit while a ``Delegation`` from a manager who directly manages it is valid.
Everyone else (an outsider, a learner) manages nothing and sees only their own records.

Content. Pages, quizzes, questions, media, images, documents and caption tracks are owned by an
organisation (``owner_of``). Its educators (members of the "Editors" group employed by it) change
them; everyone reads and copies them; content without an owner is the region's shared content,
changed by platform administrators only. Media, images and documents live in a collection per
employer, which a group per employer may change (``sync_educator_groups``), so Wagtail's own
collection permissions apply the same rule; snippets use ``OwnedContentPolicy``; pages the hooks
in ``cms/wagtail_hooks.py``; review by a second educator ``can_review``.

Do not re-implement these rules elsewhere: add a function here and call it.
"""

import datetime
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import CharField, Exists, IntegerField, OuterRef, Q, Value
from django.utils import timezone
from wagtail.models import Collection, GroupCollectionPermission, Page, PagePermissionTester
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.base import BasePermissionPolicy

from learning.accounts import roles
from learning.accounts.roles import PLATFORM_ADMIN_GROUP, is_signed_in

from .models import Delegation, JobAssignment, ManagerScope, Organisation

# The two rules about the account alone live in accounts (the bottom layer); this module offers
# them with the rest.
__all__ = ["is_platform_admin", "is_signed_in"]

COMMITTEE_GROUP = "Tværsektorielt udvalg"


def _today(at):
    """Rules are by day: accept nothing (today), a date or a datetime."""
    if at is None:
        return timezone.localdate()
    if isinstance(at, datetime.datetime):
        return timezone.localdate(at) if timezone.is_aware(at) else at.date()
    return at


def is_platform_admin(user):
    """Superuser or member of the platform-admin group (``learning.accounts.roles``). Asked
    before anything is known, it reads the group and today's scope in one query (``scope_roots``):
    a manager's page needs both."""
    if is_signed_in(user) and not roles.knows_platform_admin(user):
        scope_roots(user)
    return roles.is_platform_admin(user)


def scope_roots(user, at=None):
    """The units a user manages directly or through a valid delegation, without descendants.

    Returns a list of (id, path) pairs. One query, once per user object and day: a manager
    page asked it three times (the view's check, the scope filter and the header's link), and
    the user object lives only as long as its request. The first such query also tells whether
    the user is a platform administrator (``is_platform_admin``).
    """
    if not is_signed_in(user):
        return []
    day = _today(at)
    cache = user.__dict__.setdefault("_scope_roots", {})
    if day not in cache:
        cache[day] = _scope_roots(user, day)
    return list(cache[day])


# The row that marks platform-admin group membership among the scope's (id, path) rows.
_ADMIN_ROW = (None, None)


def _scope_roots(user, day):
    direct = (
        ManagerScope.objects.active_on(day)
        .filter(manager=user)
        .values_list("unit_id", "unit__path")
        .order_by()
    )
    # The granter must still manage that very unit directly on the same day, so a delegation
    # dies with the manager's own scope, and a deputy cannot pass it on.
    granter_scope = ManagerScope.objects.active_on(day).filter(
        manager_id=OuterRef("granted_by_id"), unit_id=OuterRef("unit_id")
    )
    delegated = (
        Delegation.objects.active_on(day)
        .filter(deputy=user, revoked_at__isnull=True)
        .filter(Exists(granter_scope))
        .values_list("unit_id", "unit__path")
        .order_by()
    )
    parts = [delegated]
    if not roles.knows_platform_admin(user):
        # Group membership rides along as one marker row: one round trip instead of two.
        parts.append(
            user.groups.filter(name=PLATFORM_ADMIN_GROUP)
            .values_list(
                Value(None, output_field=IntegerField()), Value(None, output_field=CharField())
            )
            .order_by()
        )
    # One query for all (UNION also drops a unit managed both ways).
    rows = set(direct.union(*parts))
    if len(parts) > 1:
        roles.remember_platform_admin(user, _ADMIN_ROW in rows)
    rows.discard(_ADMIN_ROW)
    return sorted(rows, key=lambda pair: pair[1])


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
    if not is_signed_in(user):
        return False
    return ManagerScope.objects.active_on(_today(at)).filter(manager=user, unit=unit).exists()


def delegable_units(user, at=None):
    """Units the user may delegate: those they manage directly (all, for admins)."""
    if is_platform_admin(user):
        return Organisation.objects.all()
    if not is_signed_in(user):
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


def can_manage_person_with_jobs(user, job_unit_paths, at=None):
    """``can_manage_person`` for a person whose active jobs on ``at`` the caller has read
    already (the paths of their units): the same answer without asking the database again."""
    if is_platform_admin(user):
        return True
    roots = tuple(path for _id, path in scope_roots(user, at))
    return bool(roots) and any(path.startswith(roots) for path in job_unit_paths)


def can_manage_requirement(user, requirement, at=None):
    """Managers change only requirements on their own units; admins change all."""
    return can_manage_unit(user, requirement.unit, at)


def _employer_path(path):
    """The path of the top-level organisation (the employer) above or at ``path``."""
    return path[: Organisation.steplen]


def employer_paths(user, at=None):
    """Paths of the top-level organisations the user works for on ``at`` (today), from their
    active job assignments. One query, remembered on the user object for the day."""
    if not is_signed_in(user):
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


# --- Content -------------------------------------------------------------------------------

EDUCATORS_GROUP = "Editors"  # Wagtail's own group: who may author content at all
# Actions that change content; everything else (view, choose, copy) is open to every educator.
CHANGES = frozenset({"change", "delete", "publish", "unpublish", "lock", "unlock", "move"})

_owner_getters = {}


def register_owner(model, getter):
    """Tell the policy how to find the owning organisation of ``model``'s instances (and its
    subclasses'): ``getter(instance)`` returns an Organisation or None. A new kind of content
    (say, an uploaded package) registers here and then uses ``OwnedContentPolicy``."""
    _owner_getters[model] = getter


def owner_of(obj):
    """The organisation that owns ``obj``: a registered getter for its class, else its
    ``owner_organisation``, else the employer whose collection holds it; None when shared."""
    if obj is None:
        return None
    if isinstance(obj, Page):
        return _page_owner(obj)
    for cls in type(obj).__mro__:
        if cls in _owner_getters:
            return _owner_getters[cls](obj)
    if getattr(obj, "owner_organisation_id", None) is not None:
        return obj.owner_organisation
    if getattr(obj, "collection_id", None) is not None:
        return organisation_of_collection(obj.collection)
    return None


def _page_owner(page):
    """A page's own owner (courses, video guides) or its parent's (a lesson belongs to its
    course's owner); None for shared pages (home, catalogue). One or two queries."""
    for candidate in (page, page.get_parent() if (page.depth or 0) > 1 else None):
        if candidate is None:
            return None
        specific = candidate.specific
        if hasattr(specific, "owner_organisation_id"):
            return specific.owner_organisation
    return None


def is_educator(user):
    """A member of the Editors group (or a platform admin). Queries once per request object."""
    if not is_signed_in(user):
        return False
    if is_platform_admin(user):
        return True
    cached = getattr(user, "_is_educator", None)
    if cached is None:
        cached = user.groups.filter(name=EDUCATORS_GROUP).exists()
        user._is_educator = cached
    return cached


def can_edit_content(user, owner, at=None):
    """May the user change (edit, publish, delete, move) content owned by ``owner``?

    Educators change what their employer owns: the owner's top-level organisation is one they
    hold a job assignment in. Platform admins change everything, and they alone change shared
    content (no owner). Wagtail's own permissions (the Editors group) apply on top. At most two
    queries.
    """
    if not is_signed_in(user):
        return False
    if is_platform_admin(user):
        return True
    if owner is None:
        return False
    return _employer_path(owner.path) in employer_paths(user, at)


def can_add_content_under(user, parent_owner, at=None):
    """May the user add content below something owned by ``parent_owner`` (a lesson in a
    course)? Below shared pages (the catalogue) every educator may; the new page then gets the
    author's employer as owner (``default_owner``)."""
    if parent_owner is None:
        return is_educator(user)
    return can_edit_content(user, parent_owner, at)


def can_use_content(user):
    """May the user choose others' content (a video, an image) to use in their own pages?
    Every educator may: everyone reads and copies content; only changing it is the owner's."""
    return is_educator(user)


def can_change(user, obj, action="change"):
    """May the user perform ``action`` on ``obj``, as far as ownership goes?"""
    return action not in CHANGES or can_edit_content(user, owner_of(obj))


def owner_choices(user, current=None):
    """The organisations a user may give content to: their employers (all, for admins), plus
    the ``current`` owner so an edit form shows it."""
    if is_platform_admin(user):
        return Organisation.objects.all()
    condition = Q(path__in=employer_paths(user))
    if current is not None:
        condition |= Q(pk=getattr(current, "pk", current))
    return Organisation.objects.filter(condition)


def default_owner(user):
    """New content belongs to the author's (first) employer; None for someone with none."""
    return Organisation.objects.filter(path__in=employer_paths(user)).order_by("path").first()


def can_review(user, obj, submitter_id):
    """Review by a second educator: an educator of the owning organisation (or a platform
    admin), never the person who submitted it."""
    if not is_signed_in(user) or user.pk == submitter_id:
        return False
    return is_educator(user) and can_edit_content(user, owner_of(obj))


def reviewers_of(obj, exclude=None):
    """The educators who may review ``obj`` (see ``can_review``), for notifications; platform
    admins for shared content. Superusers are left out: Wagtail notifies them itself."""
    owner = owner_of(obj)
    people = get_user_model().objects.filter(is_active=True, is_superuser=False)
    if owner is None:
        people = people.filter(groups__name=PLATFORM_ADMIN_GROUP)
    else:
        employed = JobAssignment.objects.active_on(_today(None)).filter(
            unit__path__startswith=_employer_path(owner.path)
        )
        people = people.filter(
            Q(groups__name=PLATFORM_ADMIN_GROUP)
            | Q(groups__name=EDUCATORS_GROUP, pk__in=employed.values("user_id"))
        )
    if exclude is not None:
        people = people.exclude(pk=exclude)
    return people.distinct()


class OwnedContentPolicy(ModelPermissionPolicy):
    """Wagtail's model permissions (what an educator may do at all) plus ownership: changing an
    instance needs ``can_edit_content`` for its owner. For snippets and other admin models."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not can_change(user, instance, action):
            return False
        return super().user_has_permission_for_instance(user, action, instance)

    def instances_user_has_permission_for(self, user, action):
        instances = super().instances_user_has_permission_for(user, action)
        if action not in CHANGES or is_platform_admin(user):
            return instances
        if any(field.name == "owner_organisation" for field in self.model._meta.get_fields()):
            paths = employer_paths(user)
            if not paths:
                return instances.none()
            return instances.filter(
                reduce(or_, (Q(owner_organisation__path__startswith=p) for p in paths))
            )
        return instances.filter(pk__in=[o.pk for o in instances if can_change(user, o, action)])


class OwnedPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, narrowed by ownership: changing a page needs
    ``can_edit_content`` for its owner, adding below it ``can_add_content_under``. Reading,
    previewing and copying stay open, so the explorer shows others' pages without Edit links."""

    def _owner_allows(self):
        if not hasattr(self, "_allows"):
            self._allows = can_edit_content(self.user, owner_of(self.page))
        return self._allows

    def can_edit(self):
        return self._owner_allows() and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self._owner_allows() and super().can_delete(ignore_bulk)

    def can_unpublish(self):
        return self._owner_allows() and super().can_unpublish()

    def can_publish(self):
        return self._owner_allows() and super().can_publish()

    def can_submit_for_moderation(self):
        return self._owner_allows() and super().can_submit_for_moderation()

    def can_set_view_restrictions(self):
        return self._owner_allows() and super().can_set_view_restrictions()

    def can_unschedule(self):
        return self._owner_allows() and super().can_unschedule()

    def can_lock(self):
        return self._owner_allows() and super().can_lock()

    def can_unlock(self):
        return self._owner_allows() and super().can_unlock()

    def can_move(self):
        return self._owner_allows() and super().can_move()

    def can_reorder_children(self):
        return self._owner_allows() and super().can_reorder_children()

    def can_add_subpage(self):
        return can_add_content_under(self.user, owner_of(self.page)) and super().can_add_subpage()

    def can_publish_subpage(self):
        return self._owner_allows() and super().can_publish_subpage()

    def can_move_to(self, destination):
        return can_add_content_under(self.user, owner_of(destination)) and super().can_move_to(
            destination
        )


class OwnedPageMixin:
    """For page models: Wagtail asks ``permissions_for_user`` everywhere (explorer, edit,
    publish, bulk actions), so the owner rule applies to all of them."""

    def permissions_for_user(self, user):
        return OwnedPagePermissionTester(user, self)


# Media, images and documents: a collection per employer and a group that may change it.
COLLECTION_ACTIONS = {
    ("wagtailimages", "image"): ("add", "change", "delete", "choose"),
    ("wagtaildocs", "document"): ("add", "change", "delete", "choose"),
    ("wagtailmedia", "media"): ("add", "change", "delete"),
}


def _employer(organisation):
    """The top-level organisation above ``organisation``, read afresh: another object for the
    same row may have made its collection or group already."""
    return Organisation.objects.get(path=_employer_path(organisation.path))


def content_collection(organisation):
    """The employer's collection for media, images and documents, made on first use."""
    employer = _employer(organisation)
    if employer.content_collection_id is None:
        employer.content_collection = Collection.get_first_root_node().add_child(name=employer.name)
        employer.save(update_fields=["content_collection"])
    return employer.content_collection


def educator_group(organisation):
    """The group of an employer's educators, allowed to change its collection; made on first
    use. Its members are kept by ``sync_educator_groups``, never by hand."""
    employer = _employer(organisation)
    if employer.educator_group_id is None:
        group, _created = Group.objects.get_or_create(name=f"Undervisere: {employer.name}"[:150])
        collection = content_collection(employer)
        for (app_label, model), actions in COLLECTION_ACTIONS.items():
            for action in actions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=collection,
                    permission=Permission.objects.get(
                        content_type__app_label=app_label, codename=f"{action}_{model}"
                    ),
                )
        employer.educator_group = group
        employer.save(update_fields=["educator_group"])
    return employer.educator_group


def organisation_of_collection(collection):
    """The employer whose collection holds ``collection`` (or is it); None for shared ones."""
    steplen = Collection.steplen
    paths = [collection.path[:end] for end in range(steplen, len(collection.path) + 1, steplen)]
    return Organisation.objects.filter(content_collection__path__in=paths).first()


def sync_educator_groups(user, at=None):
    """Make the user a member of the educator group of each employer they are an educator of,
    and of no other. Run at login and when assignments or the Editors group change."""
    if hasattr(user, "_employer_paths"):
        del user._employer_paths
    if hasattr(user, "_is_educator"):
        del user._is_educator
    wanted = set()
    if user.is_active and user.groups.filter(name=EDUCATORS_GROUP).exists():
        for employer in Organisation.objects.filter(path__in=employer_paths(user, at)):
            wanted.add(educator_group(employer).pk)
    current = set(
        user.groups.filter(educator_of_organisation__isnull=False).values_list("pk", flat=True)
    )
    if wanted - current:
        user.groups.add(*(wanted - current))
    if current - wanted:
        user.groups.remove(*(current - wanted))


# --- Admin tools, reports and analysis ------------------------------------------------------


def can_use_admin(user):
    """The Wagtail admin (/cms/): educators and platform admins, through Wagtail's
    ``access_admin`` permission (the Editors group has it)."""
    return is_signed_in(user) and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def can_replay_dead_letters(user):
    """Re-sending forwarded statements is for superusers only (it touches every destination)."""
    return is_signed_in(user) and user.is_superuser


def can_view_analysis(user):
    """Item analysis: educators (those who may edit quizzes) and platform admins. Learners and
    managers may not; it holds no person-level data, but it is a tool for improving questions,
    not for judging staff (DOMAIN.md 4.1)."""
    if not is_signed_in(user):
        return False
    return is_platform_admin(user) or user.has_perm("quizzes.change_quiz")


def committee_group_name():
    return getattr(settings, "REPORTS_COMMITTEE_GROUP", COMMITTEE_GROUP)


def coverage_roots(user, at=None):
    """[(id, path)] a user's coverage starts from: scope roots, or every tree root for admins.

    One query for managers (group and scope together, see ``scope_roots``), two for admins.
    """
    if is_platform_admin(user):
        return list(Organisation.get_root_nodes().values_list("id", "path"))
    roots = []
    for unit_id, path in scope_roots(user, at):
        if not any(path.startswith(root) for _id, root in roots):
            roots.append((unit_id, path))
    return roots


def can_view_coverage(user, at=None):
    """Coverage dashboards, drill-downs and exports: managers, deputies and platform admins."""
    return is_platform_admin(user) or bool(scope_roots(user, at))


def can_view_region(user):
    """The region-wide view (aggregated, suppressed): admins and the cross-sector committee."""
    if is_platform_admin(user):
        return True
    if not is_signed_in(user):
        return False
    return user.groups.filter(name=committee_group_name()).exists()


def can_view_content_analytics(user):
    """Content analytics: educators (Wagtail editors) and platform admins; aggregated only."""
    if is_platform_admin(user):
        return True
    if not is_signed_in(user):
        return False
    return user.has_perm("wagtailadmin.access_admin")


def can_revoke_delegation(user, delegation):
    """The manager who granted a delegation, or a platform admin, may revoke it."""
    return is_signed_in(user) and (delegation.granted_by_id == user.pk or is_platform_admin(user))


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
    if not is_signed_in(user):
        return False
    return is_platform_admin(user) or can_use_admin(user) or bool(scope_roots(user, at))
