"""The platform's side of a launch: the learner presses "Start" in a package lesson block; the
LMS prepares the session (``launch.launch``) and shows the AU in a sandboxed frame from the
content origin, or sends the whole window there for ``OwnWindow`` AUs (cmi5 13.1.4)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from wagtail.models import Page

from . import launch as launching
from .models import AssignableUnit


def _lesson_with_package(lesson_id, package):
    # The lesson page model lives in cms, a layer above; Wagtail's specific page is enough.
    lesson = get_object_or_404(Page.objects.live().specific(), pk=lesson_id)
    for block in getattr(lesson, "body", ()):
        if block.block_type == "package" and block.value["package"] == package:
            return lesson
    raise Http404


@login_required
@require_POST
def launch(request, unit_id):
    unit = get_object_or_404(AssignableUnit.objects.select_related("package"), pk=unit_id)
    try:
        lesson_id = int(request.POST.get("lesson", ""))
    except ValueError:
        raise Http404 from None
    lesson = _lesson_with_package(lesson_id, unit.package)
    session, url = launching.launch(
        request.user, unit, return_url=request.build_absolute_uri(lesson.url), lesson_id=lesson.pk
    )
    if unit.launch_method == "OwnWindow":
        return redirect(url)
    response = render(
        request,
        "packages/player.html",
        {"unit": unit, "lesson": lesson, "launch_url": url, "session": session},
    )
    # The frame may load the content origin, and nothing else new.
    response._csp_update = {"frame-src": [settings.PACKAGES_CONTENT_ORIGIN]}
    return response
