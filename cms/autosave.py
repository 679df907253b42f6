"""The create form's submit that crosses its own first autosave (issue 15).

Wagtail's autosave of a create form makes the draft and only then points the form at the draft's
edit view. An educator who clicks "Send til gennemgang" while that first autosave is still on its
way posts the form to the create view once more, and Wagtail refuses it: the slug is already in
use, by the draft her own form has just made.

Such a POST is sent on to the draft's edit view with a 307 redirect, so the browser posts the
same form there and Wagtail saves (or submits) it as the draft's next revision. Only a draft that
can be this form's own autosave qualifies: the same page type under the same parent, owned by her,
never published, not in review, no revision by anyone else, and made moments ago. Anything else
(another educator's page, a published page, her own older draft) still gets Wagtail's slug error.
Nothing is lost either way: the draft's earlier content stays in its revision history.
"""

from datetime import timedelta

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from cms.slugs import slug_for

# How long an autosave's answer can take to reach the form; a draft older than this was not
# made by the form being submitted.
AUTOSAVE_IN_FLIGHT = timedelta(minutes=2)


def draft_made_by_this_form(request, parent_page, page_class):
    """The draft that this create form's own autosave made, if the POST is its late submit."""
    if request.method != "POST" or not request.accepts("text/html"):
        return None  # Autosave's own JSON POSTs keep Wagtail's answer.
    slug = slug_for(request.POST.get("title", "").strip(), request.POST.get("slug", "").strip())
    if not slug:
        return None
    draft = parent_page.get_children().filter(slug=slug).first()
    if draft is None or draft.specific_class is not page_class:
        return None
    revisions = draft.revisions.order_by("created_at")
    first = revisions.first()
    made_by_her = (
        draft.owner_id == request.user.pk
        and not draft.live
        and draft.first_published_at is None
        and not draft.workflow_in_progress
        and first is not None
        and not revisions.exclude(user=request.user).exists()
    )
    if made_by_her and first.created_at > timezone.now() - AUTOSAVE_IN_FLIGHT:
        return draft
    return None


def send_to_the_draft(draft):
    """307 keeps the method and body: the browser posts the same form to the edit view."""
    return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[draft.pk]), status=307)
