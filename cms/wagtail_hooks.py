"""Admin hooks for the page types: educators change only what their employer owns.

Every way of changing a page in the admin (edit, publish, unpublish, delete, move, adding a lesson
to a course, bulk actions) asks ``learning.organisations.permissions.can_edit_content`` about the
page's owner; viewing, previewing and copying stay open, so content is shared for reuse. Wagtail's
own page permissions (the "Editors" group) still apply on top.
"""

from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.models import Page

from learning.organisations.permissions import can_edit_content


def owner_of(page):
    """The organisation that owns ``page``: its own owner (courses, video guides) or its
    parent's (a lesson belongs to its course's owner); None for other pages. One or two
    queries."""
    for candidate in (page, page.get_parent() if (page.depth or 0) > 1 else None):
        if candidate is None:
            return None
        specific = candidate.specific
        if hasattr(specific, "owner_organisation_id"):
            return specific.owner_organisation
    return None


def _refuse_unless_owner(request, *pages):
    if all(can_edit_content(request.user, owner_of(page)) for page in pages if page is not None):
        return None
    return permission_denied(request)


@hooks.register("before_edit_page")
def only_the_owner_edits(request, page):
    return _refuse_unless_owner(request, page)


@hooks.register("before_publish_page")
def only_the_owner_publishes(request, page):
    return _refuse_unless_owner(request, page)


@hooks.register("before_unpublish_page")
def only_the_owner_unpublishes(request, page):
    return _refuse_unless_owner(request, page)


@hooks.register("before_delete_page")
def only_the_owner_deletes(request, page):
    return _refuse_unless_owner(request, page)


@hooks.register("before_move_page")
def only_the_owner_moves(request, page, destination):
    return _refuse_unless_owner(request, page, destination)


@hooks.register("before_create_page")
def only_the_owner_adds_lessons(request, parent_page, page_class):
    # The new page belongs to its parent's owner (a lesson to its course); a course or guide
    # created in the catalogue gets its owner from the form (cms.forms).
    return _refuse_unless_owner(request, parent_page)


@hooks.register("before_bulk_action")
def only_the_owner_acts_in_bulk(request, action_type, objects, action_class_instance):
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if action_type == "copy":
        return None
    return _refuse_unless_owner(request, *pages)
