"""/xapi/about, /xapi/activities and /xapi/agents (Communication §2.5–2.7 and §2.8)."""

import json

from learning.xapi.factories import agent, statement_data

COURSE = "https://lms.example.org/courses/fmk"


def test_about_lists_version_1_0_3_without_auth_or_version_header(client):
    response = client.get("/xapi/about")

    assert response.status_code == 200
    assert "1.0.3" in response.json()["version"]
    assert response["X-Experience-API-Version"] == "1.0.3"


def test_about_refuses_post(client):
    assert client.post("/xapi/about").status_code == 405


def test_activities_merges_the_definitions_newest_last(lrs):
    lrs.post(statement_data())
    newer = statement_data(object={"id": COURSE, "definition": {"name": {"da-DK": "FMK 2"}}})
    lrs.post(newer)

    response = lrs.request("GET", "activities", {"activityId": COURSE})

    assert response.json() == {
        "objectType": "Activity",
        "id": COURSE,
        "definition": {"name": {"da-DK": "FMK 2", "en-US": "FMK basics"}},
    }


def test_activities_of_an_unknown_activity_is_404(lrs):
    assert lrs.request("GET", "activities", {"activityId": COURSE}).status_code == 404


def test_activities_without_activity_id_is_400(lrs):
    assert lrs.request("GET", "activities").status_code == 400


def test_agents_returns_a_person_object(lrs):
    mette = agent("mette") | {"name": "Mette"}

    response = lrs.request("GET", "agents", {"agent": json.dumps(mette)})

    assert response.json() == {
        "objectType": "Person",
        "name": ["Mette"],
        "account": [mette["account"]],
    }


def test_agents_with_a_bad_agent_is_400(lrs):
    response = lrs.request("GET", "agents", {"agent": json.dumps({"name": "nobody"})})

    assert response.status_code == 400
    assert response.json()["field"] == "agent"
