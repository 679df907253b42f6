"""Serving a page in fewer queries (issue 16): Wagtail's defaults are correct for any tree, but
cost two queries per level of the URL and two more for view restrictions on every request.

- ``cms.views.serve_page`` finds the page a whole path names in one query
  (``route_by_url_path``), without loading the home page: the page's own model is remembered
  per URL path, so the page and its specific row come in one query.
- ``ViewRestrictionsMixin`` skips the restriction look-up while no page has a view restriction
  at all, a fact kept in Django's cache and forgotten whenever a restriction is saved or
  deleted. Once one exists, every page asks Wagtail as before.
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
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


PAGE_TYPE_KEY = "page-type:{}"


def page_type_key(url_path):
    # Hashed: a URL path may hold any letter, and some caches accept only plain keys.
    return PAGE_TYPE_KEY.format(hashlib.sha256(url_path.encode()).hexdigest())


def page_at(root, url_path):
    """The page (as its specific model) whose URL path is ``url_path`` below ``root``, or None.

    The page's content type is remembered per URL path, so a known path costs one query on the
    specific model instead of two (the page, then its specific row), together with the
    foreign keys the model names in ``served_with``. The remembered type is
    only a guess that the query checks: a moved, renamed or deleted page simply isn't found
    that way, and the page is looked up as a plain page again, which also renews the guess.
    """
    slug = url_path.rstrip("/").rsplit("/", 1)[-1]
    wanted = {"slug": slug, "url_path": url_path, "path__startswith": root.path}
    key = page_type_key(url_path)
    content_type_id = cache.get(key)
    if content_type_id is not None:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None and issubclass(model, Page):
            related = getattr(model, "served_with", ())
            page = model.objects.filter(**wanted).select_related(*related).first()
            if page is not None and page.content_type_id == content_type_id:
                return page
    page = Page.objects.filter(**wanted).first()
    if page is None:
        return None
    cache.set(key, page.content_type_id, None)
    return page.specific


def route_by_url_path(root, request, path_components):
    """The route to the page below ``root`` whose URL path is ``path_components``, found by its
    ``url_path`` (slug is the indexed filter) and then routed by the page itself, so a page with
    a route of its own still decides (a page that is not live raises Http404 there). None if no
    page has that path: the caller then walks the tree as Wagtail does (sub-routes of a page,
    and the 404)."""
    page = page_at(root, root.url_path + "/".join(path_components) + "/")
    if page is None:
        return None
    return page.route(request, [])
