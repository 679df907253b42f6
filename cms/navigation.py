"""The header's links for a signed-in person: the catalogue, my learning, for managers the
coverage dashboard (or the staff list while the reports app has no dashboard URL), and for
authors the Wagtail admin.

They are the same on every page, so they are worked out once per person and kept in Django's
cache for five minutes (issue 16: the header cost six queries on every page). The cache key
carries a version number that ``forget_main_navs`` raises whenever something they rest on
changes: a manager scope or delegation, a group membership or permission, or a catalogue page.
The day is in the key because scopes and delegations start and end by date. What the header
shows is only a link; every manager page still asks the access policy itself.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cms.models import CatalogPage
from learning.organisations.models import Delegation, ManagerScope
from learning.organisations.permissions import is_platform_admin, is_signed_in, scope_roots

# The first URL name that exists wins: the coverage dashboard, else the manager's staff list.
MANAGER_URL_NAMES = ["reports:dashboard", "competences:staff"]
VERSION_KEY = "main-nav:version"
# Forgotten on every change; the timeout bounds it where the cache is one per process (a
# production without Redis) and another process made the change.
TIMEOUT = 5 * 60


@dataclass(frozen=True)
class MainNav:
    catalogue_url: str = ""
    my_learning_url: str = ""
    manager_url: str = ""
    can_author: bool = False


def _first_url(names):
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return ""


def catalogue_url(request):
    """The live catalogue page's URL on this site, or "" if there is none. One query."""
    catalogue = CatalogPage.objects.live().first()
    if catalogue is None:
        return ""
    return catalogue.get_url(request) or ""


def _build(request, user):
    manages = is_platform_admin(user) or bool(scope_roots(user))
    return MainNav(
        catalogue_url=catalogue_url(request),
        my_learning_url=reverse("progress:my_learning"),
        manager_url=_first_url(MANAGER_URL_NAMES) if manages else "",
        can_author=user.has_perm("wagtailadmin.access_admin"),
    )


def _key(request, user):
    version = cache.get_or_set(VERSION_KEY, 1, None)
    # A superuser flag changes what the header shows without any signal below.
    return (
        f"main-nav:{version}:{user.pk}:{int(user.is_superuser)}:"
        f"{timezone.localdate().isoformat()}:{request.get_host()}"
    )


def main_nav(request):
    """The MainNav for ``request.user``; empty for visitors. No query while cached; up to five
    (the catalogue, the admin group, the scope, the permissions) when it is not."""
    cached = getattr(request, "_main_nav", None)
    if cached is not None:
        return cached
    user = getattr(request, "user", None)
    if not is_signed_in(user):
        nav = MainNav()
    else:
        key = _key(request, user)
        nav = cache.get(key)
        if nav is None:
            nav = _build(request, user)
            cache.set(key, nav, TIMEOUT)
    request._main_nav = nav
    return nav


def forget_main_navs(**kwargs):
    """Signal receiver: every cached MainNav is out of date (a new version number)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet, or evicted: any new value leaves the old keys behind
        cache.set(VERSION_KEY, int(timezone.now().timestamp()), None)


def connect_signals():
    for model in (ManagerScope, Delegation, Group):
        post_save.connect(forget_main_navs, sender=model, dispatch_uid=f"main-nav-{model}")
        post_delete.connect(forget_main_navs, sender=model, dispatch_uid=f"main-nav-d-{model}")
    user_model = get_user_model()
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(forget_main_navs, sender=through, dispatch_uid=f"main-nav-{through}")
    for signal in (page_published, page_unpublished, page_slug_changed):
        signal.connect(forget_main_navs, sender=CatalogPage, dispatch_uid=f"main-nav-{signal}")
    post_delete.connect(forget_main_navs, sender=CatalogPage, dispatch_uid="main-nav-catalogue")
    # A move of the catalogue or of a page above it changes its URL; moves are rare.
    post_page_move.connect(forget_main_navs, dispatch_uid="main-nav-moved")
