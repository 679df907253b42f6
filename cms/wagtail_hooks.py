"""Admin hooks for the page types: educators change only what their employer owns.

The rule is the access policy's (``learning.organisations.permissions``): the page models use its
``OwnedPageMixin``, so Wagtail's own permission checks (explorer, edit, publish, move, delete,
bulk actions) already apply it; these hooks refuse the same changes once more at the views, as a
second line. Viewing, previewing and copying stay open, so content is shared for reuse.
"""

from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.models import Page

from cms.autosave import draft_made_by_this_form, send_to_the_draft
from learning.organisations.permissions import (
    can_add_content_under,
    can_edit_content,
    owner_of,
)


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
    if not can_add_content_under(request.user, owner_of(destination)):
        return permission_denied(request)
    return _refuse_unless_owner(request, page)


@hooks.register("before_create_page")
def only_the_owner_adds_lessons(request, parent_page, page_class):
    # The new page belongs to its parent's owner (a lesson to its course); a course or guide
    # created in the catalogue gets its owner from the form (cms.forms).
    if can_add_content_under(request.user, owner_of(parent_page)):
        return None
    return permission_denied(request)


@hooks.register("before_create_page")
def a_late_submit_saves_the_draft_its_autosave_made(request, parent_page, page_class):
    # Registered after the owner rule, so it only ever sees a request that may add here.
    draft = draft_made_by_this_form(request, parent_page, page_class)
    return send_to_the_draft(draft) if draft else None


@hooks.register("before_bulk_action")
def only_the_owner_acts_in_bulk(request, action_type, objects, action_class_instance):
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if action_type == "copy":
        return None
    return _refuse_unless_owner(request, *pages)
