"""The platform's side of a launch: the learner presses "Start" in a package lesson block; the
LMS prepares the session (``launch.launch``) and shows the AU in a sandboxed frame from the
content origin (or from its own web server, for a bare ``cmi5.xml``), or sends the whole window
there for ``OwnWindow`` AUs (cmi5 13.1.4). A SCO (``scorm.launch``) runs in the SCORM host page
of the content origin, in the same frame.

``scorm_runtime`` is the one platform URL the SCORM host page talks to: GET for the runtime
data to start with, POST for a commit. It takes the session's launch token (Bearer) and no
cookie, and answers CORS for the content origin only."""

import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from . import cors, scorm
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
    if unit.package.is_scorm:
        session, token = scorm.launch(request.user, unit, lesson_id=lesson.pk)
        # The token travels in the fragment: never sent to a server, kept out of logs.
        url = launching.content_url(f"scorm/{session.session_id}/#token={token}")
        return _player(request, unit, lesson, url, session)
    session, url = launching.launch(
        request.user, unit, return_url=request.build_absolute_uri(lesson.url), lesson_id=lesson.pk
    )
    if unit.launch_method == "OwnWindow":
        return redirect(url)
    return _player(request, unit, lesson, url, session)


def _player(request, unit, lesson, url, session):
    response = render(
        request,
        "packages/player.html",
        {"unit": unit, "lesson": lesson, "launch_url": url, "session": session},
    )
    # The frame may load the launch URL's origin (the content origin, or the web server of an
    # AU of a bare cmi5.xml), and nothing else new.
    response._csp_update = {"frame-src": [cors.origin_of(url)]}
    return response


def _cors(response):
    """Only the content origin's SCORM host page may read these answers; no cookies."""
    response["Cache-Control"] = "no-store"
    return cors.allow(response, settings.PACKAGES_CONTENT_ORIGIN)


def _bearer(request):
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _answer(status, message):
    # scorm-again reads "result" and "errorCode" (101: general exception).
    body = {"result": "false", "errorCode": 101, "error": message}
    return _cors(JsonResponse(body, status=status))


@csrf_exempt
def scorm_runtime(request, session_id):
    if request.method == "OPTIONS":
        response = cors.preflight(
            settings.PACKAGES_CONTENT_ORIGIN, "GET, POST", "Authorization, Content-Type"
        )
        response["Cache-Control"] = "no-store"
        return response
    token = _bearer(request)
    if not token:
        return _answer(401, "the session's launch token is required (Authorization: Bearer)")
    if request.method == "GET":
        session = scorm.session_for(session_id, token)
        if session is None:
            return _answer(403, "the launch token does not belong to this session")
        return _cors(JsonResponse(scorm.start_data(session)))
    if request.method != "POST":
        return _answer(405, "GET or POST")
    try:
        payload = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return _answer(400, "the commit is not JSON")
    try:
        scorm.commit(session_id, token, payload)
    except scorm.CommitRefused as refused:
        return _answer(refused.status, refused.message)
    return _cors(JsonResponse({"result": "true", "errorCode": 0}))
