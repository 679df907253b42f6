"""Cross-origin access to the package endpoints: the one place for the CORS rule.

Two kinds of pages call a package endpoint from another origin:

* an AU of a bare ``cmi5.xml``, on its own web server (its launch URL is absolute): it POSTs
  to the fetch URL and calls the content origin's xAPI endpoint with the session's token
  (cmi5 8.1, 8.2); ``for_aus`` wraps those views (``content_urls``);
* the SCORM host page on the content origin, calling the platform's runtime URL
  (``views.scorm_runtime``).

The rule for both: a browser may send the request and read the answer only from the origin
meant to call (the origin of a registered AU's launch URL, or the content origin), and only
with a token in the Authorization header. Never with cookies: no answer says
``Access-Control-Allow-Credentials``, so a page of another origin cannot make a learner's
browser call with her cookies and read what comes back (the content origin reads no cookie
anyway, and the platform's own pages send no CORS headers at all).
"""

from functools import wraps
from urllib.parse import urlsplit

from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from .launch import KEY_PREFIX
from .models import AssignableUnit, Package
from .origin import session_key

# What the xAPI and cmi5 libraries send (xAPI 1.0.3 part three, 7: concurrency and version
# headers) and what they read from the answers (ETag and Last-Modified for documents, the
# consistency and version headers for statements).
AU_METHODS = "GET, PUT, POST, DELETE"
AU_HEADERS = "Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match"
AU_EXPOSED = "ETag, Last-Modified, X-Experience-API-Consistent-Through, X-Experience-API-Version"
MAX_AGE = "600"
DEFAULT_PORTS = {"http": 80, "https": 443}


def _host(parts):
    return f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname


def origin_of(url):
    """The origin of a URL as a browser writes it in ``Origin`` (scheme://host[:port], lower
    case, no default port), or "" for anything that is not an http(s) address."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return ""
    if port is None or port == DEFAULT_PORTS[scheme]:
        return f"{scheme}://{_host(parts)}"
    return f"{scheme}://{_host(parts)}:{port}"


def is_au_origin(origin):
    """Is ``origin`` the origin of the launch URL of an AU of some uploaded cmi5 package?"""
    # A browser sends an origin exactly so; anything else ("null", a path) is no AU's.
    if not origin or origin_of(origin) != origin:
        return False
    parts = urlsplit(origin)
    # Every AU URL on that host is a candidate (ports and case vary); origin_of decides.
    candidates = AssignableUnit.objects.filter(
        package__kind=Package.Kind.CMI5, url__istartswith=f"{parts.scheme}://{_host(parts)}"
    ).values_list("url", flat=True)
    return any(origin_of(url) == origin for url in candidates.iterator())


def allow(response, origin, expose=""):
    """Let a page of ``origin`` read ``response`` (without cookies: no Allow-Credentials)."""
    response["Access-Control-Allow-Origin"] = origin
    if expose:
        response["Access-Control-Expose-Headers"] = expose
    patch_vary_headers(response, ["Origin"])
    return response


def preflight(origin, methods, headers):
    """The answer to a preflight (``OPTIONS``) that ``origin`` may make the request."""
    response = allow(HttpResponse(status=204), origin)
    response["Access-Control-Allow-Methods"] = methods
    response["Access-Control-Allow-Headers"] = headers
    response["Access-Control-Max-Age"] = MAX_AGE
    return response


def _refused_preflight():
    response = HttpResponse(
        "This origin may not call this endpoint.", status=403, content_type="text/plain"
    )
    patch_vary_headers(response, ["Origin"])
    return response


def for_aus(view, methods=AU_METHODS, token_in_header=True):
    """CORS for a content-origin view that an AU on its own web server calls.

    A preflight from the origin of a registered AU is allowed; from any other origin it is
    refused, with no CORS headers. An answer is readable cross-origin only by such an origin,
    and, when ``token_in_header``, only if the request carries a session token (a cmi5 key in
    ``Authorization: Basic``): a request with a cookie and no token gets nothing. The fetch URL
    (its token is in the path) and ``about`` (public, xAPI 7.7) pass ``token_in_header=False``.
    The view itself still decides whether the token is good."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        origin = request.headers.get("Origin", "")
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            if not is_au_origin(origin):
                return _refused_preflight()
            return preflight(origin, methods, AU_HEADERS)
        response = view(request, *args, **kwargs)
        patch_vary_headers(response, ["Origin"])
        has_token = session_key(request).startswith(KEY_PREFIX)
        if origin and (has_token or not token_in_header) and is_au_origin(origin):
            allow(response, origin, AU_EXPOSED)
        return response

    return wrapped
