"""Views of the package content origin: package files, the fetch URL (cmi5 8.2), the xAPI
endpoint given to AUs (cmi5 8.1.1), which wraps the platform's LRS views with the session
rules of ``guard``, and the SCORM host page, which holds the scorm-again runtime and frames
the SCO (both on this origin, so the SCO finds the API in its parent window)."""

import base64
import mimetypes
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control

from learning.xapi.actors import actor_for, agent_key
from learning.xapi.attachments import parse_multipart
from learning.xapi.http import XapiError, error_response, loads_json, parse_json_body
from learning.xapi.queries import parse_agent
from learning.xapi.views import documents as lrs_documents
from learning.xapi.views import resources as lrs_resources
from learning.xapi.views import statements as lrs_statements

from . import guard, launch
from .models import LaunchSession, Package
from .origin import session_key

SCORM_KINDS = [Package.Kind.SCORM12, Package.Kind.SCORM2004]
# scorm-again's browser bundles, collected from node_modules as static files (settings).
RUNTIMES = {
    Package.Kind.SCORM12: "scorm-again/scorm12.min.js",
    Package.Kind.SCORM2004: "scorm-again/scorm2004.min.js",
}


def package_csp():
    """The package's own policy: its scripts (authoring tools write inline ones) may run and
    talk to its own origin only; only the platform may frame it, directly (cmi5) or inside the
    SCORM host page of this origin ('self')."""
    platform = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "media-src 'self' blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors 'self' {platform}",
        ]
    )


def _absolute(url):
    """A platform URL as the content origin's pages must name it (static may be relative)."""
    if url.startswith("/"):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
    return url


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def scorm_host_csp(script_urls, runtime_url):
    """The SCORM host page runs only the platform's own scripts (scorm-again and the host
    script, from its static files), talks only to the platform's runtime URL, frames only the
    package files of this origin, and only the platform frames it."""
    platform = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    scripts = " ".join(sorted({_origin(url) for url in script_urls}))
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {scripts}",
            "style-src 'unsafe-inline'",
            f"connect-src {_origin(runtime_url)}",
            "frame-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            f"frame-ancestors {platform}",
        ]
    )


def scorm_host(request, session_id):
    """The page the player frames for a SCO. The launch token is in the fragment (never sent
    here); the page's script reads it and talks to the platform with it (``scorm_runtime``)."""
    if request.method not in ("GET", "HEAD"):
        return _secure(error_response(405, "GET only"))
    session = (
        LaunchSession.objects.select_related("unit__package")
        .filter(session_id=session_id, unit__package__kind__in=SCORM_KINDS)
        .first()
    )
    if session is None:
        raise Http404
    unit = session.unit
    scripts = [
        _absolute(static(RUNTIMES[unit.package.kind])),
        _absolute(static("packages/scorm_host.js")),
    ]
    runtime_url = _absolute(
        reverse("packages:scorm_runtime", args=[session.session_id], urlconf=settings.ROOT_URLCONF)
    )
    # No request context: this origin has no sessions, users or CSRF tokens.
    page = render_to_string(
        "packages/scorm_host.html",
        {
            "unit": unit,
            "scripts": scripts,
            "runtime_url": runtime_url,
            "version": unit.package.kind,
            "sco_url": launch.content_url(f"files/{unit.package.storage_key}/{unit.url}"),
        },
    )
    response = _secure(HttpResponse(page))
    response["Content-Security-Policy"] = scorm_host_csp(scripts, runtime_url)
    response["Cache-Control"] = "no-store"
    return response


def _secure(response):
    response["Content-Security-Policy"] = package_csp()
    response["X-Content-Type-Options"] = "nosniff"
    # The launch URL holds the one-time fetch URL: never send it on as a referrer.
    response["Referrer-Policy"] = "no-referrer"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def package_file(request, key, path):
    if request.method not in ("GET", "HEAD"):
        return _secure(error_response(405, "GET only"))
    package = Package.objects.filter(storage_key=key, has_files=True).first()
    if package is None:
        raise Http404
    root = (Path(settings.PACKAGES_ROOT) / str(key)).resolve()
    target = (root / path).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        raise Http404
    content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    response = FileResponse(open(target, "rb"), content_type=content_type)
    patch_cache_control(response, private=True, max_age=300)
    return _secure(response)


def fetch(request, token):
    """cmi5 8.2: POST only; the auth token the first time, error-code 1 afterwards (8.2.3)."""
    if request.method != "POST":
        return _secure(error_response(405, "the fetch URL takes POST (cmi5 8.2.1)"))
    try:
        token_value = launch.fetch(token)
    except launch.FetchRefused as refused:
        body = {"error-code": refused.code, "error-text": refused.text}
        return _secure(JsonResponse(body, status=400 if refused.code != "1" else 403))
    response = JsonResponse({"auth-token": token_value})
    response["Cache-Control"] = "no-store"
    return _secure(response)


def _session(request):
    """The open or closed session whose credential the request carries, or None."""
    key = session_key(request)
    if not key.startswith(launch.KEY_PREFIX):
        return None
    return (
        LaunchSession.objects.select_related(
            "registration__user", "registration__package", "unit", "credential"
        )
        .filter(credential__key=key, credential__is_active=True)
        .first()
    )


def _unauthorised():
    return _secure(error_response(401, "a cmi5 session token is required (cmi5 8.2)"))


def _authorised(request):
    session = _session(request)
    if session is None:
        return None
    return session if session.credential.check_secret(_secret(request)) else None


def _secret(request):
    header = request.headers.get("Authorization", "")
    try:
        return base64.b64decode(header[6:].strip()).decode().partition(":")[2]
    except ValueError:
        return ""


def statements(request):
    session = _authorised(request)
    if session is None:
        return _unauthorised()
    if request.method in ("POST", "PUT"):
        try:
            body = _statements_body(request)
            guard.check(session, body if isinstance(body, list) else [body])
        except XapiError as refused:
            response = error_response(refused.status, refused.message, refused.field)
            response["X-Experience-API-Version"] = "1.0.3"
            return _secure(response)
    return _secure(lrs_statements.statements(request))


def _statements_body(request):
    """The statements of a POST or PUT, JSON or multipart (every one is guarded)."""
    content_type = request.headers.get("Content-Type", "")
    if content_type.lower().startswith("multipart/mixed"):
        return loads_json(parse_multipart(content_type, request.body)[0])
    return parse_json_body(request)


def documents(name):
    view = getattr(lrs_documents, name)

    def wrapped(request):
        session = _authorised(request)
        if session is None:
            return _unauthorised()
        refused = _document_refusal(request, session, name)
        if refused:
            return _secure(refused)
        return _secure(view(request))

    return wrapped


def _document_refusal(request, session, name):
    """cmi5 8.1.3 / 8.1.4: documents of the launch's actor and registration only."""
    writes = request.method not in ("GET", "HEAD")
    if name == "activity_profile" and writes:
        return error_response(403, "an AU may only read activity profiles", "profileId")
    agent = request.GET.get("agent")
    if agent is not None:
        try:
            _, key = parse_agent(agent)
        except Exception:
            return None
        if key != agent_key(actor_for(session.registration.user)):
            return error_response(403, "only the launch's actor (cmi5 8.1.3)", "agent")
    registration = request.GET.get("registration")
    if registration is not None and registration.lower() != str(session.registration.registration):
        return error_response(403, "only the launch's registration (cmi5 8.1.4)", "registration")
    if writes and request.GET.get("stateId") == launch.LAUNCH_DATA:
        return error_response(403, "LMS.LaunchData is written by the LMS only (cmi5 10)", "stateId")
    return None


def lrs(name):
    view = getattr(lrs_resources, name)

    def wrapped(request):
        if name != "about" and _authorised(request) is None:
            return _unauthorised()
        return _secure(view(request))

    return wrapped
