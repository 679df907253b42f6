"""Serving a page in fewer queries (issue 16): Wagtail's defaults are correct for any tree, but
cost two queries per level of the URL and two more for view restrictions on every request.

- ``HomePage.route`` finds the page a whole path names in one query (``route_by_url_path``).
- ``ViewRestrictionsMixin`` skips the restriction look-up while no page has a view restriction
  at all, a fact kept in Django's cache and forgotten whenever a restriction is saved or
  deleted. Once one exists, every page asks Wagtail as before.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction

ANY_RESTRICTION_KEY = "page-view-restrictions:any"
# Forgotten on every change; the timeout bounds it where the cache is one per process (a
# production without Redis) and another process made the change.
ANY_RESTRICTION_TIMEOUT = 60


def any_view_restriction():
    """Has any page a view restriction? One query, then cached until a restriction changes."""
    return cache.get_or_set(
        ANY_RESTRICTION_KEY, PageViewRestriction.objects.exists, ANY_RESTRICTION_TIMEOUT
    )


def _forget_view_restrictions(**kwargs):
    cache.delete(ANY_RESTRICTION_KEY)


post_save.connect(_forget_view_restrictions, sender=PageViewRestriction)
post_delete.connect(_forget_view_restrictions, sender=PageViewRestriction)


class ViewRestrictionsMixin:
    """For every page model of the site."""

    def get_view_restrictions(self):
        if not any_view_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def route_by_url_path(root, request, path_components):
    """The route to the page below ``root`` whose URL path is ``path_components``, found by its
    ``url_path`` (slug is the indexed filter) and then routed by the page itself, so a page with
    a route of its own still decides. None if no page has that path: the caller then walks the
    tree as Wagtail does (sub-routes of a page, and the 404)."""
    url_path = root.url_path + "/".join(path_components) + "/"
    page = (
        Page.objects.filter(slug=path_components[-1], url_path=url_path)
        .filter(path__startswith=root.path)
        .first()
    )
    if page is None:
        return None
    return page.specific.route(request, [])
