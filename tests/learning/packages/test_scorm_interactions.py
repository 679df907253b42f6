"""SCORM interactions and objectives over HTTP, as scorm-again commits them: every interaction
becomes one "answered" statement (once, however often it is committed again), objectives are
kept with the SCO's data and a change of their status is stated (without satisfying the SCO),
both are in the learner's export and go with her erasure, and runtime data no SCO may send is
refused with 400, changing nothing."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from learning.accounts import privacy
from learning.accounts.erasure import erase_person
from learning.packages import scorm
from learning.packages.models import ScormData, ScormInteraction, UnitResult
from learning.packages.upload import import_package
from learning.xapi import vocabulary
from learning.xapi.models import Statement

from .scorm_builders import manifest, sco_package

pytestmark = pytest.mark.django_db

# What scorm-again 3 commits (its JSON: arrays as objects keyed "0", "1", …), taken from the
# runtime itself after the SCO's SetValue calls.
INTERACTIONS = {
    "2004": {
        "0": {
            "id": "q1",
            "type": "choice",
            "objectives": {},
            "timestamp": "2026-12-06T10:00:00",
            "weighting": "",
            "learner_response": "a[,]c",
            "result": "correct",
            "latency": "PT12S",
            "description": "Hvornår sprittes hænder?",
            "correct_responses": {"0": {"pattern": "a[,]c"}},
        },
        "1": {
            "id": "q2",
            "type": "fill-in",
            "objectives": {},
            "timestamp": "",
            "weighting": "",
            "learner_response": "spritten",
            "result": "incorrect",
            "latency": "",
            "description": "",
            "correct_responses": {},
        },
    },
    "1.2": {
        "0": {
            "id": "q1",
            "time": "10:00:00",
            "type": "choice",
            "weighting": "",
            "student_response": "a,c",
            "result": "correct",
            "latency": "00:00:12",
            "objectives": {},
            "correct_responses": {"0": {"pattern": "a,c"}},
        },
        "1": {
            "id": "q2",
            "time": "",
            "type": "fill-in",
            "weighting": "",
            "student_response": "spritten",
            "result": "wrong",
            "latency": "",
            "objectives": {},
            "correct_responses": {},
        },
    },
}
OBJECTIVES = {
    "2004": {
        "0": {
            "id": "obj-haender",
            "success_status": "passed",
            "completion_status": "completed",
            "progress_measure": "",
            "description": "Hænder",
            "score": {"scaled": "0.8", "raw": "", "min": "", "max": ""},
        }
    },
    "1.2": {
        "0": {
            "id": "obj-haender",
            "status": "passed",
            "score": {"raw": "80", "min": "", "max": "100"},
        }
    },
}
KEPT_OBJECTIVE = {
    "2004": {
        "id": "obj-haender",
        "success_status": "passed",
        "completion_status": "completed",
        "description": "Hænder",
        "score": {"scaled": 0.8},
    },
    "1.2": {
        "id": "obj-haender",
        "success_status": "passed",
        "completion_status": "completed",
        "description": "",
        "score": {"raw": 80.0, "max": 100.0},
    },
}


def cmi(version, interactions=None, objectives=None):
    """A whole commit of scorm-again, with ``interactions`` and ``objectives``."""
    if version == "1.2":
        data = {
            "suspend_data": "s",
            "core": {"lesson_location": "side-3", "lesson_status": "incomplete", "exit": ""},
            "comments": "",
            "student_data": {"mastery_score": ""},
        }
    else:
        data = {
            "location": "side-3",
            "completion_status": "incomplete",
            "success_status": "unknown",
            "suspend_data": "s",
            "comments_from_learner": {},
            "score": {"scaled": "", "raw": "", "min": "", "max": ""},
        }
    data["interactions"] = interactions if interactions is not None else {}
    data["objectives"] = objectives if objectives is not None else {}
    return data


def open_session(version, learner, educator):
    package = import_package(
        SimpleUploadedFile("sco.zip", sco_package(manifest(version), version=version)),
        user=educator,
    )
    session, token = scorm.launch(learner, package.units.get())
    return session, token


def post(session, token, data, terminated=False):
    body = {"cmi": data, **({"terminated": True} if terminated else {})}
    return Client(HTTP_ORIGIN="http://packages.testserver").post(
        f"/pakker/scorm/{session.session_id}/runtime",
        json.dumps(body),
        "application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def answered():
    return Statement.objects.filter(verb_id=vocabulary.ANSWERED.id).order_by("stored", "id")


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_interactions_are_answered_once_and_objectives_kept(version, learner, educator, admin_user):
    session, token = open_session(version, learner, educator)

    # The SCO answers two questions and meets an objective; scorm-again commits it all.
    data = cmi(version, INTERACTIONS[version], OBJECTIVES[version])
    response = post(session, token, data)
    assert response.status_code == 200, response.content
    first, second = answered()
    sco_id = Statement.objects.get(verb_id=vocabulary.INITIALIZED.id).data["object"]["id"]
    assert first.data["object"]["id"] == f"{sco_id}/interactions/q1"
    assert first.data["object"]["definition"]["type"] == vocabulary.QUESTION
    assert first.data["object"]["definition"]["interactionType"] == "choice"
    # SCORM 1.2's "a,c" is written in xAPI's (SCORM 2004's) notation.
    assert first.data["object"]["definition"]["correctResponsesPattern"] == ["a[,]c"]
    assert first.data["result"] == {"response": "a[,]c", "success": True}
    assert second.data["result"] == {"response": "spritten", "success": False}
    context = first.data["context"]
    assert context["contextActivities"]["parent"] == [{"objectType": "Activity", "id": sco_id}]
    assert context["registration"] == str(session.registration.registration)
    assert first.data["actor"]["account"]["name"] == str(learner.actor_id)
    if version == "2004":
        assert first.data["object"]["definition"]["name"] == {"da-DK": "Hvornår sprittes hænder?"}
    kept = ScormData.objects.get(registration=session.registration)
    assert kept.objectives == [KEPT_OBJECTIVE[version]]
    # The objective met: "passed" and "completed" for the objective inside the SCO, the LMS's
    # record (no session credential), which satisfies nothing: the SCO itself is not done.
    met = Statement.objects.filter(object_activity_id=f"{sco_id}/objectives/obj-haender")
    assert sorted(s.verb_id for s in met) == [vocabulary.COMPLETED.id, vocabulary.PASSED.id]
    assert all(s.credential_id is None for s in met)
    passed = met.get(verb_id=vocabulary.PASSED.id)
    assert passed.data["result"]["success"] is True
    assert passed.data["context"]["contextActivities"]["parent"][0]["id"] == sco_id
    assert not UnitResult.objects.filter(registration=session.registration).exists()
    session.registration.refresh_from_db()
    assert session.registration.satisfied_at is None

    # scorm-again commits the whole data model each time: the same answers, nothing new.
    assert post(session, token, data).status_code == 200
    assert answered().count() == 2
    # A third answer; then the finishing commit carries all three once more.
    third = {
        **INTERACTIONS[version]["1"],
        "id": "q3",
        "type": "true-false",
        ("student_response" if version == "1.2" else "learner_response"): "t"
        if version == "1.2"
        else "true",
        "result": "correct",
    }
    more = cmi(version, {**INTERACTIONS[version], "2": third}, OBJECTIVES[version])
    assert post(session, token, more).status_code == 200
    assert post(session, token, more, terminated=True).status_code == 200
    statements = answered()
    assert [s.data["object"]["id"].rsplit("/", 1)[-1] for s in statements] == ["q1", "q2", "q3"]
    assert statements[2].data["result"]["response"] == "true"
    assert ScormInteraction.objects.filter(session=session).count() == 3
    verbs = [
        s.verb_id.rsplit("/", 1)[-1]
        for s in Statement.objects.filter(registration=session.registration.registration).order_by(
            "stored", "id"
        )
    ]
    assert verbs == [
        "initialized",
        "answered",
        "answered",
        "passed",
        "completed",
        "answered",
        "terminated",
    ]

    # Her export holds her answers and the objectives; erasing her removes them.
    (exported,) = privacy.collect(learner)["package_registrations"]
    assert [
        (i["interaction_id"], i["learner_response"], i["result"]) for i in exported["interactions"]
    ] == [
        ("q1", "a,c" if version == "1.2" else "a[,]c", "correct"),
        ("q2", "spritten", "wrong" if version == "1.2" else "incorrect"),
        ("q3", "t" if version == "1.2" else "true", "correct"),
    ]
    assert exported["scorm_data"][0]["objectives"] == [KEPT_OBJECTIVE[version]]
    erase_person(learner, erased_by=admin_user)
    assert not ScormInteraction.objects.exists()
    assert not ScormData.objects.exists()


def test_an_interaction_without_an_answer_waits_for_one(learner, educator):
    session, token = open_session("2004", learner, educator)
    waiting = {"0": {"id": "q1", "type": "choice", "learner_response": "", "result": ""}}
    assert post(session, token, cmi("2004", waiting)).status_code == 200
    assert not answered().exists()
    waiting["0"]["learner_response"] = "b"
    assert post(session, token, cmi("2004", waiting)).status_code == 200
    (statement,) = answered()
    assert statement.data["result"] == {"response": "b"}


def test_a_new_session_records_its_interactions_afresh(learner, educator):
    session, token = open_session("2004", learner, educator)
    assert post(session, token, cmi("2004", INTERACTIONS["2004"])).status_code == 200
    again, again_token = scorm.launch(learner, session.unit)
    assert post(again, again_token, cmi("2004", INTERACTIONS["2004"])).status_code == 200
    assert answered().count() == 4
    assert ScormInteraction.objects.filter(session=again).count() == 2


def a_long_id_interaction():
    return {"0": {"id": "x" * 3000, "type": "other", "learner_response": "ja", "result": "neutral"}}


def test_a_long_interaction_id_is_kept_and_hashed_into_the_activity_id(learner, educator):
    session, token = open_session("2004", learner, educator)
    assert post(session, token, cmi("2004", a_long_id_interaction())).status_code == 200
    (statement,) = answered()
    assert "/interactions/sha256-" in statement.data["object"]["id"]
    assert ScormInteraction.objects.get().interaction_id == "x" * 3000


def many(count, entry):
    return {str(n): {**entry, "id": f"q{n}"} for n in range(count)}


Q = {"id": "q", "type": "choice", "learner_response": "a", "result": "correct"}
BAD = [
    (
        "unknown-type",
        "2004",
        {"interactions": {"0": {**Q, "type": "essay"}}},
        "cmi.interactions.0.type",
    ),
    (
        "long-fill-in-in-1.2",
        "1.2",
        {"interactions": {"0": {"id": "q", "type": "long-fill-in"}}},
        "type",
    ),
    ("unknown-result", "2004", {"interactions": {"0": {**Q, "result": "wrong"}}}, "result"),
    ("unknown-result-1.2", "1.2", {"interactions": {"0": {**Q, "result": "incorrect"}}}, "result"),
    ("too-many-interactions", "2004", {"interactions": many(251, Q)}, "mere end 250"),
    ("index-beyond-the-limit", "2004", {"interactions": {"9999": Q}}, "mere end 250"),
    ("interactions-not-an-array", "2004", {"interactions": "q1=a"}, "cmi.interactions"),
    ("interaction-not-an-object", "2004", {"interactions": {"0": "a"}}, "cmi.interactions"),
    (
        "over-long-response",
        "2004",
        {"interactions": {"0": {**Q, "learner_response": "a" * 4001}}},
        "4000",
    ),
    (
        "over-long-id",
        "2004",
        {"interactions": {"0": {**Q, "id": "q" * 4001}}},
        "cmi.interactions.0.id",
    ),
    (
        "over-long-description",
        "2004",
        {"interactions": {"0": {**Q, "description": "d" * 1001}}},
        "1000",
    ),
    (
        "response-not-text",
        "2004",
        {"interactions": {"0": {**Q, "learner_response": {"a": 1}}}},
        "tekst",
    ),
    (
        "too-many-correct-responses",
        "2004",
        {"interactions": {"0": {**Q, "correct_responses": many(11, {"pattern": "a"})}}},
        "mere end 10",
    ),
    (
        "unknown-objective-status",
        "1.2",
        {"objectives": {"0": {"id": "o", "status": "done"}}},
        "status",
    ),
    (
        "unknown-success-status",
        "2004",
        {"objectives": {"0": {"id": "o", "success_status": "ok"}}},
        "success_status",
    ),
    (
        "too-many-objectives",
        "2004",
        {"objectives": many(101, {"success_status": "passed"})},
        "mere end 100",
    ),
    (
        "objective-score-not-a-number",
        "2004",
        {"objectives": {"0": {"id": "o", "score": {"scaled": "høj"}}}},
        "score.scaled",
    ),
]


@pytest.mark.parametrize(
    ("version", "change", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD]
)
def test_bad_runtime_data_is_refused_and_changes_nothing(
    version, change, message, learner, educator
):
    session, token = open_session(version, learner, educator)
    good = cmi(version, {"0": {**Q, "result": "correct"}}, OBJECTIVES[version])
    assert post(session, token, good).status_code == 200
    before = (
        Statement.objects.count(),
        list(ScormInteraction.objects.values_list("index", "learner_response")),
        list(ScormData.objects.values_list("location", "objectives")),
    )
    data = {**cmi(version), **change}
    if version == "1.2":
        data["core"] = {**data["core"], "lesson_location": "anden side"}
    else:
        data["location"] = "anden side"
    response = post(session, token, data)
    assert response.status_code == 400
    assert message in response.json()["error"]
    after = (
        Statement.objects.count(),
        list(ScormInteraction.objects.values_list("index", "learner_response")),
        list(ScormData.objects.values_list("location", "objectives")),
    )
    assert after == before
