"""/xapi/about, /xapi/activities and /xapi/agents."""

from learning.xapi.actors import actor_for, agent_key, person_for
from learning.xapi.auth import authenticate
from learning.xapi.http import XapiError, bad_request, json_response, lrs_view
from learning.xapi.models import Scope, Statement
from learning.xapi.queries import parse_agent
from learning.xapi.validation import VOIDED


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
    """The activity as the LRS knows it: its definition from the latest statement about it.

    Queries: one indexed SELECT (object_activity_id, stored).
    """
    caller = authenticate(request)
    caller.require(Scope.READ_ALL, Scope.READ_OWN, Scope.DOCUMENTS)
    activity_id = _only(request, "activityId")
    latest = (
        Statement.objects.filter(object_activity_id=activity_id)
        .exclude(verb_id=VOIDED)
        .order_by("-stored", "-pk")
        .values_list("data", flat=True)
        .first()
    )
    if latest is None:
        raise XapiError(404, "no statement mentions this activity", "activityId")
    activity = {"objectType": "Activity", "id": activity_id}
    if "definition" in latest["object"]:
        activity["definition"] = latest["object"]["definition"]
    return json_response(activity)


@lrs_view(["GET"])
def agents(request):
    """The Person object for an agent. Session callers may only ask about themselves."""
    caller = authenticate(request)
    caller.require(Scope.READ_ALL, Scope.READ_OWN, Scope.DOCUMENTS)
    agent, key = parse_agent(_only(request, "agent"))
    if caller.is_session and key != agent_key(actor_for(caller.user)):
        raise XapiError(403, "you may only ask about yourself", "agent")
    return json_response(person_for(agent))
