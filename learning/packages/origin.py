"""The package content origin: a host name of its own for uploaded packages.

``ContentOriginMiddleware`` is the first middleware. A request whose Host is that of
``PACKAGES_CONTENT_ORIGIN`` is answered here and never reaches the session, authentication or
CSRF middleware or the site's URLs: the content origin has only package files, the fetch URL
and an xAPI endpoint that takes session tokens only. The platform's session cookie is never
sent there (another host name is another cookie jar), and script in a package cannot read the
platform's pages, which send no CORS headers. Requests to the platform's own ``/xapi/`` with a
session token are refused, so an AU's token is used only where the cmi5 rules are enforced.
"""

import base64
import binascii
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import Resolver404, resolve

from learning.xapi.http import error_response

from .launch import KEY_PREFIX

CONTENT_URLCONF = "learning.packages.content_urls"


def content_host():
    return urlsplit(settings.PACKAGES_CONTENT_ORIGIN).netloc.lower()


def session_key(request):
    """The key of a Basic Authorization header, or ""."""
    header = request.headers.get("Authorization", "")
    if not header.lower().startswith("basic "):
        return ""
    try:
        return base64.b64decode(header[6:].strip(), validate=True).decode().partition(":")[0]
    except (binascii.Error, UnicodeDecodeError):
        return ""


class ContentOriginMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.META.get("HTTP_HOST", "").lower() == content_host():
            return _serve_content(request)
        if request.path_info.startswith("/xapi/") and session_key(request).startswith(KEY_PREFIX):
            return error_response(
                403, "a cmi5 session token is valid only at its launch endpoint", "Authorization"
            )
        return self.get_response(request)


def _serve_content(request):
    request.urlconf = CONTENT_URLCONF
    try:
        match = resolve(request.path_info, urlconf=CONTENT_URLCONF)
        return match.func(request, *match.args, **match.kwargs)
    except (Resolver404, Http404):
        return HttpResponse("Not found", status=404, content_type="text/plain")
