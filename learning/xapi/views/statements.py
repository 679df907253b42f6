"""The Statement resource: /xapi/statements."""

from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import http_date

from learning.xapi import authorship
from learning.xapi.actors import actor_for, agent_key
from learning.xapi.attachments import multipart_response_body, parse_multipart
from learning.xapi.auth import authenticate
from learning.xapi.http import (
    XapiError,
    bad_request,
    json_response,
    loads_json,
    lrs_view,
    request_body,
)
from learning.xapi.models import Scope, Statement
from learning.xapi.queries import (
    SINGLE_PARAMS,
    accept_languages,
    formatted,
    parse_bool,
    parse_format,
    parse_query,
    resume,
    run_query,
)
from learning.xapi.statement_schema import UUID_RE
from learning.xapi.store import format_time, store_statements

CONSISTENT_THROUGH = "X-Experience-API-Consistent-Through"


def _consistent_through():
    """Part Three §2.1.3: every GET of statements, errors included, says how far it is
    consistent; the time the request arrived is a safe answer."""
    return {CONSISTENT_THROUGH: format_time(timezone.now())}


@lrs_view(["GET", "PUT", "POST"], read_headers=_consistent_through)
def statements(request):
    caller = authenticate(request)
    if request.method == "POST":
        return _post(request, caller)
    if request.method == "PUT":
        return _put(request, caller)
    return _get(request, caller)


def _read_body(request, caller):
    """(parsed statements JSON, attachment parts).

    Part Three §1.5: statements arrive as application/json or multipart/mixed; any other
    Content-Type is refused (§3.2: the type must match the content). Session callers always
    speak for themselves: the actor is the logged-in person."""
    content_type = request.headers.get("Content-Type", "")
    media_type = content_type.split(";")[0].strip().lower()
    if media_type == "multipart/mixed":
        raw, parts = parse_multipart(content_type, request_body(request))
    elif media_type == "application/json":
        raw, parts = request_body(request), {}
    else:
        raise bad_request(
            "statements are sent as application/json or multipart/mixed", "Content-Type"
        )
    body = loads_json(raw)
    if not caller.is_session:
        return body, parts
    actor = actor_for(caller.user)
    for statement in body if isinstance(body, list) else [body]:
        if isinstance(statement, dict):
            statement["actor"] = actor
    return body, parts


def _post(request, caller):
    caller.require(Scope.WRITE_STATEMENTS)
    if request.GET:
        raise bad_request(f"unknown parameter {next(iter(request.GET))}", next(iter(request.GET)))
    body, parts = _read_body(request, caller)
    batch = body if isinstance(body, list) else [body]
    authorship.check_writes(caller, batch)
    ids = store_statements(batch, credential=caller.credential, parts=parts)
    return json_response(ids)


def _put(request, caller):
    caller.require(Scope.WRITE_STATEMENTS)
    unknown = set(request.GET) - {"statementId"}
    if unknown:
        raise bad_request(f"unknown parameter {sorted(unknown)[0]}", sorted(unknown)[0])
    statement_id = request.GET.get("statementId")
    if not statement_id:
        raise bad_request("PUT needs the statementId parameter", "statementId")
    if not UUID_RE.match(statement_id):
        raise bad_request("statementId must be a UUID", "statementId")
    statement, parts = _read_body(request, caller)
    if not isinstance(statement, dict):
        raise bad_request("PUT takes one statement object", "body")
    if "id" in statement and str(statement["id"]).lower() != statement_id.lower():
        raise bad_request("the statement's id differs from statementId", "id")
    statement["id"] = statement_id.lower()
    authorship.check_writes(caller, [statement])
    store_statements([statement], credential=caller.credential, parts=parts)
    return HttpResponse(status=204)


def _restriction(caller):
    """What the caller may read: None for everything, else a Q on Statement."""
    if caller.can(Scope.READ_ALL):
        return authorship.readable_by_organisation(caller.credential)
    caller.require(Scope.READ_OWN)
    if caller.is_session:
        return Q(actor_key=agent_key(actor_for(caller.user)))
    return Q(credential=caller.credential)


def _get(request, caller):
    restrict = _restriction(caller)
    params = request.GET
    if "statementId" in params or "voidedStatementId" in params:
        return _get_one(request, params, restrict)
    if "more" in params:
        if len(params) > 1:
            raise bad_request("more takes no other parameters", "more")
        query, after = resume(params["more"])
    else:
        query, after = parse_query(params), None
    consistent = format_time(timezone.now())
    rows, more = run_query(query, restrict=restrict, after=after)
    fmt = parse_format(query)
    languages = accept_languages(request)
    data = [row.data for row in rows]
    payload = {"statements": [formatted(d, fmt, languages) for d in data], "more": more}
    headers = {CONSISTENT_THROUGH: consistent}
    if parse_bool(query, "attachments"):
        return _multipart(payload, data, headers)
    return json_response(payload, headers=headers)


def _multipart(payload, data, headers):
    content_type, body = multipart_response_body(payload, data)
    response = HttpResponse(body, content_type=content_type)
    for name, value in headers.items():
        response[name] = value
    return response


def _get_one(request, params, restrict):
    unknown = set(params) - SINGLE_PARAMS
    if unknown:
        raise bad_request(
            f"{sorted(unknown)[0]} cannot be combined with a statement id", sorted(unknown)[0]
        )
    if "statementId" in params and "voidedStatementId" in params:
        raise bad_request("give statementId or voidedStatementId, not both", "statementId")
    voided = "voidedStatementId" in params
    name = "voidedStatementId" if voided else "statementId"
    statement_id = params[name]
    if not UUID_RE.match(statement_id):
        raise bad_request(f"{name} must be a UUID", name)
    fmt = parse_format(params)
    rows = Statement.objects.filter(statement_id=statement_id.lower(), voided=voided)
    if restrict is not None:
        rows = rows.filter(restrict)
    row = rows.first()
    if row is None:
        raise XapiError(404, "no such statement", name)
    payload = formatted(row.data, fmt, accept_languages(request))
    headers = {
        CONSISTENT_THROUGH: format_time(timezone.now()),
        "Last-Modified": http_date(row.stored.timestamp()),
    }
    if parse_bool(params, "attachments"):
        return _multipart(payload, [row.data], headers)
    return json_response(payload, headers=headers)
