"""HTTP plumbing shared by the LRS views: errors, the version header, JSON responses."""

import json
from functools import wraps

from django.http import HttpResponse

from learning.xapi import jsontext
from learning.xapi.store import StatementConflict
from learning.xapi.validation import StatementError

VERSION = "1.0.3"
VERSION_HEADER = "X-Experience-API-Version"


class XapiError(Exception):
    """An error the LRS answers as JSON ``{"error": ..., "field": ...}`` with ``status``."""

    def __init__(self, status, message, field=""):
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field


def bad_request(message, field=""):
    return XapiError(400, message, field)


def json_response(payload, status=200, *, raw=None, headers=None):
    """``raw`` is JSON text already serialised (skips a dumps)."""
    body = raw if raw is not None else json.dumps(payload, ensure_ascii=False)
    response = HttpResponse(body, status=status, content_type="application/json; charset=utf-8")
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def error_response(status, message, field=""):
    return json_response({"error": str(message), "field": field}, status=status)


def lrs_view(methods, *, require_version=True):
    """Wrap an LRS view: allowed methods, the version header both ways, errors as JSON.

    HEAD is answered like GET without a body, as the spec requires of every GET resource.
    """
    allowed = set(methods) | ({"HEAD"} if "GET" in methods else set())

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = _dispatch(view, request, allowed, require_version, *args, **kwargs)
            response[VERSION_HEADER] = VERSION
            if request.method == "HEAD":
                response.content = b""
            return response

        wrapper.csrf_exempt = True  # auth.authenticate enforces CSRF for session requests
        return wrapper

    return decorate


def _dispatch(view, request, allowed, require_version, *args, **kwargs):
    if request.method not in allowed:
        response = error_response(405, f"{request.method} is not allowed here")
        response["Allow"] = ", ".join(sorted(allowed))
        return response
    if require_version:
        version = request.headers.get(VERSION_HEADER)
        if not version:
            return error_response(400, f"the {VERSION_HEADER} header is required", VERSION_HEADER)
        if not version.startswith("1.0"):
            return error_response(400, f"xAPI version {version} is not supported", VERSION_HEADER)
    if any(NUL in key or NUL in value for key, values in request.GET.lists() for value in values):
        return error_response(400, "query parameters may not contain the NUL character", "")
    try:
        return view(request, *args, **kwargs)
    except XapiError as error:
        response = error_response(error.status, error.message, error.field)
        if error.status == 401:
            response["WWW-Authenticate"] = 'Basic realm="xAPI"'
        return response
    except StatementError as error:
        return error_response(400, error.message, error.field)
    except StatementConflict as error:
        return error_response(409, str(error), "id")


# PostgreSQL cannot store U+0000 in text or JSONB, so an escaped NUL anywhere in a statement or a
# query would fail deep in the database as a 500. It is refused up front as a clear 400 instead.
NUL = "\x00"
ESCAPED_NUL = b"\\u0000"


def contains_nul(value):
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(contains_nul(k) or contains_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(contains_nul(item) for item in value)
    return False


def loads_json(raw, field="body"):
    """Parse a JSON body; 400 when it is not JSON or holds a NUL character."""
    if isinstance(raw, str):
        raw = raw.encode()
    try:
        value = jsontext.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise bad_request("the body is not valid JSON", field) from None
    # The byte search is cheap; the walk runs only when an escaped NUL may be present.
    if ESCAPED_NUL in raw and contains_nul(value):
        raise bad_request("the NUL character (\\u0000) is not allowed", field)
    return value


def parse_json_body(request, field="body"):
    return loads_json(request.body, field)
