"""Warn authors in the Wagtail editor when a course awards a competence without assessing it:
the competence record would then rest on "mark as done" clicks alone (``rule.py``)."""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail import hooks

from . import activities, rule


def _course(page):
    page = page.specific
    if isinstance(page, activities.page_type(activities.LESSON)):
        page = page.get_parent().specific
    return page if isinstance(page, activities.page_type(activities.COURSE)) else None


def warning(page):
    """The warning text for a course (or a lesson of one) that awards a competence and has no
    required lesson with an assessment quiz, else None. A few queries."""
    course = _course(page)
    if course is None or course.pk is None or not course.competence_links.exists():
        return None
    if rule.has_assessment(course):
        return None
    return _(
        "This course awards a competence but has no quiz with a pass mark in a required lesson: "
        "learners will earn the competence by marking lessons as done. Add a quiz to assess it."
    )


def _warn(request, page):
    text = warning(page)
    if text:
        messages.warning(request, text)


@hooks.register("before_edit_page")
def warn_when_opened(request, page):
    if request.method == "GET":
        _warn(request, page)


@hooks.register("after_publish_page")
def warn_when_published(request, page):
    _warn(request, page)
