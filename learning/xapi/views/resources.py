"""/xapi/about, /xapi/activities and /xapi/agents."""

from django.db.models import Max

from learning.xapi.actors import actor_for, agent_key, person_for
from learning.xapi.auth import authenticate
from learning.xapi.http import XapiError, bad_request, json_response, lrs_view
from learning.xapi.models import Scope, Statement
from learning.xapi.queries import parse_agent
from learning.xapi.vocabulary import VOIDED


@lrs_view(["GET"], require_version=False)
def about(request):
    """Public, and the one resource a client may call without the version header."""
    return json_response({"version": ["1.0.3"], "extensions": {}})


def _only(request, name):
    unknown = set(request.GET) - {name}
    if unknown:
        raise bad_request(f"unknown parameter {sorted(unknown)[0]}", sorted(unknown)[0])
    if not request.GET.get(name):
        raise bad_request(f"{name} is required", name)
    return request.GET[name]


@lrs_view(["GET"])
def activities(request):
    """The activity as the LRS knows it: the definitions of the statements about it, merged.

    Part Two §2.4.4.1: the LRS keeps one definition per activity and updates it from newer
    statements; a language map is merged language by language (an ``fr-FR`` name added later
    keeps the ``en-US`` one), every other property is the newest statement's.
    Queries: one SELECT of the distinct definitions, oldest use first.
    """
    caller = authenticate(request)
    caller.require(Scope.READ_ALL, Scope.READ_OWN, Scope.DOCUMENTS)
    activity_id = _only(request, "activityId")
    rows = list(
        Statement.objects.filter(object_activity_id=activity_id)
        .exclude(verb_id=VOIDED.id)
        .values("data__object__definition")
        .annotate(last_stored=Max("stored"), last_pk=Max("pk"))
        .order_by("last_stored", "last_pk")
        .values_list("data__object__definition", flat=True)
    )
    if not rows:
        raise XapiError(404, "no statement mentions this activity", "activityId")
    activity = {"objectType": "Activity", "id": activity_id}
    definition = merged_definition(rows)
    if definition is not None:
        activity["definition"] = definition
    return json_response(activity)


LANGUAGE_MAPS = ("name", "description")


def merged_definition(definitions):
    """One definition from ``definitions`` (oldest first; None where a statement had none)."""
    merged = None
    for definition in definitions:
        if not isinstance(definition, dict):
            continue
        merged = merged or {}
        for key, value in definition.items():
            if key in LANGUAGE_MAPS and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **value}
            else:
                merged[key] = value
    return merged


@lrs_view(["GET"])
def agents(request):
    """The Person object for an agent. Session callers may only ask about themselves."""
    caller = authenticate(request)
    caller.require(Scope.READ_ALL, Scope.READ_OWN, Scope.DOCUMENTS)
    agent, key = parse_agent(_only(request, "agent"))
    if caller.is_session and key != agent_key(actor_for(caller.user)):
        raise XapiError(403, "you may only ask about yourself", "agent")
    return json_response(person_for(agent))
