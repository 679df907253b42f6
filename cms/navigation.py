"""The header's links for a signed-in person: the catalogue, my learning and, for managers, the
coverage dashboard (or the staff list while the reports app has no dashboard URL).

Worked out once per request and kept on the request object, so the header costs at most three
queries (the catalogue page, and the manager scope check) however often it is rendered.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from cms.models import CatalogPage
from learning.organisations.permissions import is_platform_admin, is_signed_in, scope_roots

# The first URL name that exists wins: the coverage dashboard, else the manager's staff list.
MANAGER_URL_NAMES = ["reports:dashboard", "competences:staff"]


@dataclass(frozen=True)
class MainNav:
    catalogue_url: str = ""
    my_learning_url: str = ""
    manager_url: str = ""


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


def main_nav(request):
    """The MainNav for ``request.user``; empty for visitors. Up to three queries, once per
    request."""
    cached = getattr(request, "_main_nav", None)
    if cached is not None:
        return cached
    user = getattr(request, "user", None)
    if not is_signed_in(user):
        nav = MainNav()
    else:
        manages = is_platform_admin(user) or bool(scope_roots(user))
        nav = MainNav(
            catalogue_url=catalogue_url(request),
            my_learning_url=reverse("progress:my_learning"),
            manager_url=_first_url(MANAGER_URL_NAMES) if manages else "",
        )
    request._main_nav = nav
    return nav
