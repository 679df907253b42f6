"""xAPI 1.0.3 Communication §2.3–2.6 and §3.1: state, activity profile, agent profile, ETags."""

import json

import pytest

from learning.xapi.factories import agent
from learning.xapi.models import Document

ACTIVITY = "https://lms.example.org/courses/fmk"
AGENT = json.dumps(agent("mette"))
STATE = {"activityId": ACTIVITY, "agent": AGENT, "stateId": "bookmark"}
ACTIVITY_PROFILE = {"activityId": ACTIVITY, "profileId": "settings"}
AGENT_PROFILE = {"agent": AGENT, "profileId": "preferences"}


def put(lrs, resource, params, body, **kwargs):
    return lrs.request("PUT", resource, params, body, **kwargs)


def create(lrs, resource, params, body):
    """A new profile document, PUT as the spec makes clients do (Part Three §3.1)."""
    response = put(lrs, resource, params, body, headers={"If-None-Match": "*"})
    assert response.status_code == 204
    return response


def test_state_put_then_get_returns_the_document_with_its_content_type_and_etag(lrs):
    put(lrs, "activities/state", STATE, b"page=4", content_type="text/plain")

    response = lrs.request("GET", "activities/state", STATE)

    assert response.status_code == 200
    assert response.content == b"page=4"
    assert response["Content-Type"] == "text/plain"
    assert response["ETag"].startswith('"') and len(response["ETag"]) == 42


def test_state_put_overwrites_without_preconditions(lrs):
    put(lrs, "activities/state", STATE, {"page": 1})

    response = put(lrs, "activities/state", STATE, {"page": 2})

    assert response.status_code == 204
    assert json.loads(lrs.request("GET", "activities/state", STATE).content) == {"page": 2}


def test_state_is_separate_per_registration(lrs):
    registration = "0d7e3bb6-86e3-4bc5-9a0d-5a5a6f0d4c11"
    put(lrs, "activities/state", STATE, {"page": 1})
    put(lrs, "activities/state", STATE | {"registration": registration}, {"page": 9})

    response = lrs.request("GET", "activities/state", STATE)

    assert json.loads(response.content) == {"page": 1}


def test_post_merges_json_objects(lrs):
    put(lrs, "activities/state", STATE, {"page": 1, "score": 3})

    lrs.request("POST", "activities/state", STATE, {"page": 2, "done": True})

    merged = json.loads(lrs.request("GET", "activities/state", STATE).content)
    assert merged == {"page": 2, "score": 3, "done": True}


def test_post_merge_with_a_non_json_document_is_400(lrs):
    put(lrs, "activities/state", STATE, b"plain", content_type="text/plain")

    response = lrs.request("POST", "activities/state", STATE, {"page": 2})

    assert response.status_code == 400
    assert bytes(Document.objects.get().content) == b"plain"


def test_post_of_json_that_is_not_an_object_is_400(lrs):
    response = lrs.request("POST", "activities/state", STATE, [1, 2])

    assert response.status_code == 400


def test_get_without_state_id_lists_ids_and_since_narrows_it(lrs):
    put(lrs, "activities/state", STATE, {"a": 1})
    put(lrs, "activities/state", STATE | {"stateId": "suspend"}, {"b": 1})
    later = Document.objects.get(document_id="suspend").updated
    params = {"activityId": ACTIVITY, "agent": AGENT}

    assert lrs.request("GET", "activities/state", params).json() == ["bookmark", "suspend"]
    since = later.isoformat()
    assert lrs.request("GET", "activities/state", params | {"since": since}).json() == []


def test_delete_without_state_id_deletes_every_state_of_the_activity_and_agent(lrs):
    put(lrs, "activities/state", STATE, {"a": 1})
    put(lrs, "activities/state", STATE | {"stateId": "suspend"}, {"b": 1})

    response = lrs.request("DELETE", "activities/state", {"activityId": ACTIVITY, "agent": AGENT})

    assert response.status_code == 204
    assert Document.objects.count() == 0


def test_get_of_a_missing_document_is_404(lrs):
    assert lrs.request("GET", "activities/state", STATE).status_code == 404


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"agent": AGENT, "stateId": "x"}, "activityId"),
        ({"activityId": ACTIVITY, "stateId": "x"}, "agent"),
        (STATE | {"agent": "{bad"}, "agent"),
        (STATE | {"registration": "nope"}, "registration"),
        (STATE | {"profileId": "x"}, "profileId"),
    ],
)
def test_state_with_missing_or_bad_parameters_is_400(lrs, params, field):
    response = put(lrs, "activities/state", params, {"a": 1})

    assert response.status_code == 400
    assert response.json()["field"] == field


@pytest.mark.parametrize(
    ("resource", "params"),
    [
        ("activities/profile", ACTIVITY_PROFILE),
        ("agents/profile", AGENT_PROFILE),
    ],
)
def test_profile_put_on_an_existing_document_without_precondition_is_409(lrs, resource, params):
    create(lrs, resource, params, {"v": 1})

    response = put(lrs, resource, params, {"v": 2})

    assert response.status_code == 409
    assert json.loads(lrs.request("GET", resource, params).content) == {"v": 1}


@pytest.mark.parametrize(
    ("resource", "params"),
    [
        ("activities/profile", ACTIVITY_PROFILE),
        ("agents/profile", AGENT_PROFILE),
    ],
)
def test_profile_put_with_the_current_etag_replaces_the_document(lrs, resource, params):
    create(lrs, resource, params, {"v": 1})
    etag = lrs.request("GET", resource, params)["ETag"]

    response = put(lrs, resource, params, {"v": 2}, headers={"If-Match": etag})

    assert response.status_code == 204
    assert json.loads(lrs.request("GET", resource, params).content) == {"v": 2}


def test_if_match_with_a_stale_etag_is_412_and_changes_nothing(lrs):
    create(lrs, "activities/profile", ACTIVITY_PROFILE, {"v": 1})

    response = put(
        lrs,
        "activities/profile",
        ACTIVITY_PROFILE,
        {"v": 2},
        headers={"If-Match": '"0000000000000000000000000000000000000000"'},
    )

    assert response.status_code == 412
    assert json.loads(bytes(Document.objects.get().content)) == {"v": 1}


def test_if_none_match_star_on_an_existing_document_is_412(lrs):
    create(lrs, "agents/profile", AGENT_PROFILE, {"v": 1})

    response = put(lrs, "agents/profile", AGENT_PROFILE, {"v": 2}, headers={"If-None-Match": "*"})

    assert response.status_code == 412


def test_if_none_match_star_creates_a_new_document(lrs):
    response = put(lrs, "agents/profile", AGENT_PROFILE, {"v": 1}, headers={"If-None-Match": "*"})

    assert response.status_code == 204
    assert Document.objects.count() == 1


def test_delete_with_a_stale_if_match_is_412(lrs):
    create(lrs, "agents/profile", AGENT_PROFILE, {"v": 1})

    response = lrs.request(
        "DELETE", "agents/profile", AGENT_PROFILE, headers={"If-Match": '"stale"'}
    )

    assert response.status_code == 412
    assert Document.objects.count() == 1


def test_profile_list_returns_profile_ids(lrs):
    create(lrs, "activities/profile", ACTIVITY_PROFILE, {"v": 1})

    response = lrs.request("GET", "activities/profile", {"activityId": ACTIVITY})

    assert response.json() == ["settings"]


def test_profile_delete_needs_a_profile_id(lrs):
    response = lrs.request("DELETE", "agents/profile", {"agent": AGENT})

    assert response.status_code == 400


def test_documents_of_one_agent_are_not_visible_under_another(lrs):
    create(lrs, "agents/profile", AGENT_PROFILE, {"v": 1})

    other = {"agent": json.dumps(agent("bo")), "profileId": "preferences"}

    assert lrs.request("GET", "agents/profile", other).status_code == 404


def test_documents_need_the_version_header(lrs):
    response = lrs.request("GET", "activities/state", STATE, version=None)

    assert response.status_code == 400
