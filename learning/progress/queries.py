"""Read helpers over the progress tables, for pages and "my learning"."""

from learning.accounts.roles import is_signed_in

from .models import Enrolment


def enrolments_by_page(user, page_ids):
    """{page id: Enrolment} for ``user``. One query, none for anonymous visitors."""
    if not is_signed_in(user) or not page_ids:
        return {}
    return {e.page_id: e for e in Enrolment.objects.filter(user=user, page_id__in=page_ids)}


def enrolment(user, page):
    """The person's enrolment on a course or guide, or None. One query."""
    return enrolments_by_page(user, [page.pk]).get(page.pk)


def done_lesson_ids(enrolment):
    if enrolment is None:
        return set()
    return set(enrolment.lessons.values_list("lesson_id", flat=True))
