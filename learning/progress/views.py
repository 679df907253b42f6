"""The learner's actions and pages: start a course, mark a lesson done, my learning,
certificates and their public verification.

Starting and completing are plain POST forms (CSRF-protected, no JavaScript needed). They do not
write progress rows themselves: they store an xAPI statement, and the projection
(``projection.py``) updates the progress in the same transaction.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from learning.xapi import vocabulary
from learning.xapi.store import store_statements

from . import activities, rule
from .certificates import holder_name, render_pdf
from .context import next_lesson_after, resume_lesson
from .models import Certificate
from .my_learning import my_learning_context
from .queries import done_lesson_ids, enrolment


def _catalogue_item(page_id):
    page = (
        activities.page_type(activities.COURSE).objects.live().filter(pk=page_id).first()
        or activities.page_type(activities.VIDEO_GUIDE).objects.live().filter(pk=page_id).first()
    )
    if page is None:
        raise Http404
    return page


@login_required
@require_POST
def start(request, page_id):
    """Enrol on a course or video guide (a "registered" statement), then go to where to begin."""
    page = _catalogue_item(page_id)
    current = enrolment(request.user, page)
    if current is None:
        store_statements(
            [
                vocabulary.registered_for_course(
                    request.user,
                    activities.for_page(page),
                    page.title,
                    vocabulary.new_registration(),
                )
            ]
        )
        current = enrolment(request.user, page)
    if page.activity_kind == activities.COURSE:
        lesson = resume_lesson(list(page.lessons()), done_lesson_ids(current))
        if lesson is not None:
            return redirect(lesson.url)
    return redirect(page.url)


@login_required
@require_POST
def complete_lesson(request, lesson_id):
    """Mark a lesson done (a "completed" lesson statement) and go on to the next lesson.

    A lesson with an assessment is done only by passing its quiz: marking it is refused and
    stores nothing."""
    lessons = activities.page_type(activities.LESSON).objects.live()
    lesson = get_object_or_404(lessons, pk=lesson_id)
    course = lesson.course()
    lesson_rule = rule.lesson_rule(course, lesson)
    if not lesson_rule.by_button:
        raise PermissionDenied("A lesson with a quiz is done by passing the quiz.")
    current = enrolment(request.user, course)
    if current is None or lesson.pk not in done_lesson_ids(current):
        store_statements(
            [
                vocabulary.completed_lesson(
                    request.user,
                    activities.for_page(lesson),
                    lesson.title,
                    activities.for_page(course),
                    current.registration if current else None,
                )
            ]
        )
        current = enrolment(request.user, course)
    if current is not None and current.completed_at is not None:
        messages.success(request, _("You have completed the course. Well done!"))
        return redirect(course.url)
    if lesson.pk not in done_lesson_ids(current):
        messages.info(
            request, _("The lesson counts as done when you have watched its video to the end.")
        )
        return redirect(lesson.url)
    next_lesson = next_lesson_after(list(course.lessons()), lesson, done_lesson_ids(current))
    messages.success(request, _("The lesson is marked as done."))
    return redirect(next_lesson.url if next_lesson is not None else course.url)


@login_required
@require_GET
def my_learning(request):
    return render(request, "progress/my_learning.html", my_learning_context(request.user))


def _verify_url(request, certificate):
    return request.build_absolute_uri(reverse("progress:verify_code", args=[certificate.code]))


@login_required
@require_GET
def certificate_pdf(request, code):
    """The holder's own certificate as PDF; anyone else gets 404."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("user"), code=code.upper(), user=request.user
    )
    if certificate.revoked_at is not None:
        raise Http404
    response = HttpResponse(
        render_pdf(certificate, _verify_url(request, certificate)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="bevis-{certificate.code}.pdf"'
    return response


@require_GET
def verify(request, code=None):
    """Public: is this certificate genuine and valid? Shows name, course, date and validity,
    nothing more (no e-mail, no unit)."""
    code = (code or request.GET.get("code") or "").strip().upper()
    certificate = None
    if code:
        certificate = Certificate.objects.select_related("user").filter(code=code[:12]).first()
    context = {"code": code, "certificate": certificate}
    if certificate is not None:
        context["holder"] = holder_name(certificate.user)
        context["is_valid"] = certificate.is_valid()
    response = render(
        request,
        "progress/verify.html",
        context,
        status=404 if code and certificate is None else 200,
    )
    response["X-Robots-Tag"] = "noindex"
    return response
