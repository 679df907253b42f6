"""The document resources: activities/state, activities/profile and agents/profile.

One handler serves the three; ``_Resource`` says which parameters scope a document. Concurrency
(ETag, If-Match, If-None-Match) applies to all three. Part Three §3.1 exempts the state
resource from the rest: a client MUST send If-Match or If-None-Match with a PUT to a profile,
so a profile PUT with neither is 409 when the document exists (§3.1 LRS requirements) and 400
when it does not (the request breaks the client's MUST); a state PUT needs neither (see
docs/xapi.md).
"""

import json
from dataclasses import dataclass

from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone

from learning.xapi import authorship
from learning.xapi.auth import authenticate
from learning.xapi.http import XapiError, bad_request, json_response, lrs_view, request_body
from learning.xapi.models import Document, DocumentKind, Scope
from learning.xapi.queries import parse_agent, parse_time_param
from learning.xapi.statement_schema import MAX_IRI_LENGTH, UUID_RE


@dataclass(frozen=True)
class _Resource:
    kind: str
    id_param: str
    uses_activity: bool
    uses_agent: bool
    conflict_without_precondition: bool

    @property
    def params(self):
        names = {self.id_param, "since"}
        if self.uses_activity:
            names.add("activityId")
        if self.uses_agent:
            names.add("agent")
        if self.kind == DocumentKind.STATE:
            names.add("registration")
        return names


# Longer ids do not fit the columns (varchar 400) and are no real client's.
MAX_ID_LENGTH = MAX_IRI_LENGTH

STATE = _Resource(DocumentKind.STATE, "stateId", True, True, False)
ACTIVITY_PROFILE = _Resource(DocumentKind.ACTIVITY_PROFILE, "profileId", True, False, True)
AGENT_PROFILE = _Resource(DocumentKind.AGENT_PROFILE, "profileId", False, True, True)


def _scope(resource, request, caller):
    """The document filter from the request parameters; 400 for bad ones, 403 for others'."""
    params = request.GET
    unknown = set(params) - resource.params
    if unknown:
        name = sorted(unknown)[0]
        raise bad_request(f"unknown parameter {name}", name)
    scope = {"kind": resource.kind}
    if resource.uses_activity:
        if not params.get("activityId"):
            raise bad_request("activityId is required", "activityId")
        if len(params["activityId"]) > MAX_ID_LENGTH:
            raise bad_request(f"activityId is longer than {MAX_ID_LENGTH} characters", "activityId")
        scope["activity_id"] = params["activityId"]
    if resource.uses_agent:
        if not params.get("agent"):
            raise bad_request("agent is required", "agent")
        agent, key = parse_agent(params["agent"])
        authorship.check_document_agent(caller, agent, key)
        scope["agent_key"] = key
    registration = params.get("registration")
    if registration is not None:
        if not UUID_RE.match(registration):
            raise bad_request("registration must be a UUID", "registration")
        scope["registration"] = registration.lower()
    elif resource.kind == DocumentKind.STATE:
        scope["registration"] = ""
    return scope


def _quoted(etag):
    return f'"{etag}"'


def _tags(header):
    return {tag.strip().strip('"').removeprefix("W/").strip('"') for tag in header.split(",")}


def _check_preconditions(request, resource, document):
    if_match = request.headers.get("If-Match")
    if_none_match = request.headers.get("If-None-Match")
    if if_match is not None:
        tags = _tags(if_match)
        if document is None or ("*" not in tags and document.etag not in tags):
            raise XapiError(412, "the document has changed (If-Match)", "If-Match")
    if if_none_match is not None:
        tags = _tags(if_none_match)
        if document is not None and ("*" in tags or document.etag in tags):
            raise XapiError(412, "the document already exists (If-None-Match)", "If-None-Match")
    if (
        request.method == "PUT"
        and if_match is None
        and if_none_match is None
        and resource.conflict_without_precondition
    ):
        if document is not None:
            raise XapiError(
                409,
                "the document exists: check its current state and send If-Match with its ETag",
                "If-Match",
            )
        raise bad_request("a profile PUT needs If-Match or If-None-Match", "If-None-Match")


def _write(request, resource, scope, document_id):
    content = request_body(request)
    content_type = request.headers.get("Content-Type", "application/octet-stream")
    with transaction.atomic():
        document = (
            Document.objects.select_for_update().filter(**scope, document_id=document_id).first()
        )
        _check_preconditions(request, resource, document)
        if request.method == "POST" and document is not None:
            content = _merged(document, content, content_type)
            content_type = "application/json"
        elif request.method == "POST" and content_type.startswith("application/json"):
            _json_object(content)
        values = {
            "content": content,
            "content_type": content_type,
            "etag": Document.etag_for(content),
            "updated": timezone.now(),
        }
        if document is None:
            Document.objects.create(**scope, document_id=document_id, **values)
        else:
            Document.objects.filter(pk=document.pk).update(**values)
    return HttpResponse(status=204)


def _json_object(content):
    try:
        value = json.loads(content)
    except (ValueError, UnicodeDecodeError, RecursionError):
        value = None
    if not isinstance(value, dict):
        raise bad_request("a JSON merge needs JSON objects on both sides", "body")
    return value


def _merged(document, content, content_type):
    """POST merges the top-level properties of two JSON objects; anything else is 400."""
    if not (
        content_type.startswith("application/json")
        and document.content_type.startswith("application/json")
    ):
        raise bad_request("a JSON merge needs application/json on both sides", "Content-Type")
    merged = _json_object(bytes(document.content))
    merged.update(_json_object(content))
    return json.dumps(merged, ensure_ascii=False).encode()


def _read(request, scope, document_id):
    document = Document.objects.filter(**scope, document_id=document_id).first()
    if document is None:
        raise XapiError(404, "no such document", "")
    response = HttpResponse(bytes(document.content), content_type=document.content_type)
    response["ETag"] = _quoted(document.etag)
    response["Last-Modified"] = document.updated.strftime("%a, %d %b %Y %H:%M:%S GMT")
    return response


def _list(request, scope):
    documents = Document.objects.filter(**scope)
    since = parse_time_param(request.GET, "since")
    if since is not None:
        documents = documents.filter(updated__gt=since)
    return json_response(
        list(documents.order_by("document_id").values_list("document_id", flat=True))
    )


def _delete(request, resource, scope, document_id):
    with transaction.atomic():
        documents = Document.objects.select_for_update().filter(**scope)
        if document_id is not None:
            document = documents.filter(document_id=document_id).first()
            _check_preconditions(request, resource, document)
            documents = documents.filter(document_id=document_id)
        documents.delete()
    return HttpResponse(status=204)


def _handle(request, resource):
    """Queries: one SELECT to read; SELECT FOR UPDATE plus one write to change."""
    caller = authenticate(request)
    caller.require(Scope.DOCUMENTS)
    if (
        caller.is_session
        and resource is ACTIVITY_PROFILE
        and request.method != "GET"
        and request.method != "HEAD"
    ):
        raise XapiError(403, "activity profiles are written by content, not by people", "")
    scope = _scope(resource, request, caller)
    document_id = request.GET.get(resource.id_param)
    if document_id is not None and len(document_id) > MAX_ID_LENGTH:
        raise bad_request(
            f"{resource.id_param} is longer than {MAX_ID_LENGTH} characters", resource.id_param
        )
    if request.method in ("PUT", "POST"):
        if not document_id:
            raise bad_request(f"{resource.id_param} is required", resource.id_param)
        if "since" in request.GET:
            raise bad_request("since is only for listing documents", "since")
        return _write(request, resource, scope, document_id)
    if request.method == "DELETE":
        if document_id is None and resource.kind != DocumentKind.STATE:
            raise bad_request(f"{resource.id_param} is required", resource.id_param)
        return _delete(request, resource, scope, document_id)
    if document_id is not None:
        if "since" in request.GET:
            raise bad_request("since is only for listing documents", "since")
        return _read(request, scope, document_id)
    return _list(request, scope)


@lrs_view(["GET", "PUT", "POST", "DELETE"])
def state(request):
    return _handle(request, STATE)


@lrs_view(["GET", "PUT", "POST", "DELETE"])
def activity_profile(request):
    return _handle(request, ACTIVITY_PROFILE)


@lrs_view(["GET", "PUT", "POST", "DELETE"])
def agent_profile(request):
    return _handle(request, AGENT_PROFILE)
