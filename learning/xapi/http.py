"""HTTP plumbing shared by the LRS views: errors, the version header, JSON responses."""

import json
import re
from functools import wraps

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, QueryDict
from pydantic_core import from_json

from learning.xapi.bulk import StatementConflict
from learning.xapi.statement_schema import StatementError

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


def lrs_view(methods, *, require_version=True, read_headers=None):
    """Wrap an LRS view: allowed methods, the alternate request syntax, the version header both
    ways, errors as JSON.

    HEAD is answered like GET without a body, as the spec requires of every GET resource.
    ``read_headers``: a function giving headers that every GET or HEAD answer carries, errors
    included (the statement resource's X-Experience-API-Consistent-Through); it is called
    before the view runs.
    """
    allowed = set(methods) | ({"HEAD"} if "GET" in methods else set())

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            extra = read_headers() if read_headers is not None else {}
            response = _dispatch(view, request, allowed, require_version, *args, **kwargs)
            if request.method in ("GET", "HEAD"):
                for name, value in extra.items():
                    response.setdefault(name, value)
            response[VERSION_HEADER] = VERSION
            if request.method == "HEAD":
                response.content = b""
            return response

        wrapper.csrf_exempt = True  # auth.authenticate enforces CSRF for session requests
        return wrapper

    return decorate


# Part Three §3.3: "1.0" is taken as 1.0.0, any 1.0.x too; 0.9x and 1.1.0 or later are refused.
_SUPPORTED_VERSION = re.compile(r"1\.0(\.\d+)?")


def _dispatch(view, request, allowed, require_version, *args, **kwargs):
    try:
        if "method" in request.GET:
            use_alternate_syntax(request)
        if request.method not in allowed:
            response = error_response(405, f"{request.method} is not allowed here")
            response["Allow"] = ", ".join(sorted(allowed))
            return response
        if require_version:
            version = request.headers.get(VERSION_HEADER)
            if not version:
                raise bad_request(f"the {VERSION_HEADER} header is required", VERSION_HEADER)
            if not _SUPPORTED_VERSION.fullmatch(version.strip()):
                raise bad_request(f"xAPI version {version} is not supported", VERSION_HEADER)
        if any(NUL in k or NUL in v for k, values in request.GET.lists() for v in values):
            raise bad_request("query parameters may not contain the NUL character")
        return view(request, *args, **kwargs)
    except RequestDataTooBig:
        # Part Three §3.2: a body over the LRS's limit is 413 (Django's own answer is an HTML 400).
        return error_response(413, "the request body is larger than this LRS accepts", "body")
    except RecursionError:
        # JSON nested deeper than Python can walk (the parsers refuse most of it first).
        return error_response(400, "the JSON is nested too deeply", "body")
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
    """Parse a JSON body; 400 when it is not JSON or holds a NUL character.

    pydantic's parser (the one that validates statements): integers of any size, NaN and
    Infinity refused (not JSON), at most 200 levels of nesting (a 100,000-deep body is a 400,
    not a RecursionError), the last of duplicate keys, as the standard library."""
    if isinstance(raw, str):
        raw = raw.encode()
    try:
        value = from_json(raw, allow_inf_nan=False)
    except (ValueError, UnicodeDecodeError):
        raise bad_request("the body is not valid JSON", field) from None
    # The byte search is cheap; the walk runs only when an escaped NUL may be present.
    if ESCAPED_NUL in raw and contains_nul(value):
        raise bad_request("the NUL character (\\u0000) is not allowed", field)
    return value


def parse_json_body(request, field="body"):
    return loads_json(request_body(request), field)


def request_body(request):
    """The request's content: the body, or the ``content`` form field of the alternate syntax."""
    alternate = getattr(request, "xapi_content", None)
    return alternate if alternate is not None else request.body


# Part Three §1.3: form fields of the alternate syntax that stand for request headers, as the
# WSGI environment names them.
_FORM_HEADERS = {
    "authorization": "HTTP_AUTHORIZATION",
    "x-experience-api-version": "HTTP_X_EXPERIENCE_API_VERSION",
    "content-type": "CONTENT_TYPE",
    "content-length": "CONTENT_LENGTH",
    "if-match": "HTTP_IF_MATCH",
    "if-none-match": "HTTP_IF_NONE_MATCH",
}
_ALTERNATE_METHODS = ("GET", "HEAD", "PUT", "POST", "DELETE")


def use_alternate_syntax(request):
    """Turn an alternate-syntax request (Part Three §1.3) into the request it stands for.

    A POST whose only query parameter is ``method``, with a form body: the form's header
    fields become headers, ``content`` the body (UTF-8) and every other field a query
    parameter. ``request`` is changed in place: its method, ``GET``, headers, and
    ``xapi_content`` (read by ``request_body``)."""
    if request.method != "POST":
        raise bad_request("the method parameter is only for POST requests", "method")
    if len(request.GET) != 1 or len(request.GET.getlist("method")) != 1:
        raise bad_request("with the method parameter, other parameters go in the form", "method")
    method = request.GET["method"].upper()
    if method not in _ALTERNATE_METHODS:
        raise bad_request(f"method {request.GET['method']} is not an xAPI method", "method")
    content_type = request.headers.get("Content-Type", "")
    if content_type.split(";")[0].strip().lower() != "application/x-www-form-urlencoded":
        raise bad_request(
            "the alternate syntax needs an application/x-www-form-urlencoded body", "Content-Type"
        )
    try:
        form = QueryDict(request.body, encoding="utf-8")
    except UnicodeDecodeError:
        raise bad_request("the form is not UTF-8", "body") from None
    params = QueryDict(mutable=True)
    content = b""
    request.META["CONTENT_TYPE"] = "application/json"  # unless the form names another
    for name, values in form.lists():
        meta = _FORM_HEADERS.get(name.lower())
        if meta is not None:
            request.META[meta] = values[-1]
        elif name == "content":
            content = values[-1].encode()
        else:
            params.setlist(name, values)
    request.method = method
    request.GET = params
    request.xapi_content = content
    if "headers" in request.__dict__:
        del request.headers  # a cached_property: read again from the changed META
