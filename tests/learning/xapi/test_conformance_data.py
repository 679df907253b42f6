"""xAPI 1.0.3 Part Two (Data): one case per MUST the LRS enforces on statements.

Written from xAPI-Data.md, not from an implementation. Each invalid case is POSTed through the
API and must be a 400 whose JSON names the field; each valid case must be accepted. The ids
quote the rule (section numbers of xAPI-Data.md 1.0.3).
"""

import copy

import pytest

from learning.xapi.factories import agent, statement_data
from learning.xapi.models import Statement

MBOX = {"objectType": "Agent", "mbox": "mailto:mette@example.org"}
ACTIVITY = {"objectType": "Activity", "id": "https://lms.example.org/a"}
SUB = {
    "objectType": "SubStatement",
    "actor": MBOX,
    "verb": {"id": "http://adlnet.gov/expapi/verbs/attempted"},
    "object": ACTIVITY,
}


def _with(path, value):
    """statement_data with the dotted ``path`` set to ``value`` (or removed for ...)."""
    data = statement_data()
    target = data
    parts = path.split(".")
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    if value is ...:
        target.pop(parts[-1], None)
    else:
        target[parts[-1]] = copy.deepcopy(value)
    return data


INVALID = [
    # 2.2 Statement properties are case sensitive; unknown properties are rejected
    ("Actor", _with("Actor", MBOX) | {"actor": MBOX}, "2.2 property names are case sensitive"),
    ("foo", _with("foo", "bar"), "2.2 no properties beyond the spec's"),
    ("result", _with("result", None), "2.2 no null values outside extensions"),
    ("actor", _with("actor", ...), "2.4 actor is required"),
    ("verb", _with("verb", ...), "2.4 verb is required"),
    ("object", _with("object", ...), "2.4 object is required"),
    # 2.4.1 id
    ("id", _with("id", "not-a-uuid"), "2.4.1 id is a UUID"),
    ("id", _with("id", "0f2b8a1c7d3e4f5a9b6c1d2e3f4a5b6c"), "2.4.1 id in RFC 4122 hyphenated form"),
    # 2.4.2 actor
    (
        "actor",
        _with(
            "actor",
            {"mbox": "mailto:a@example.org", "account": {"homePage": "https://x.org", "name": "a"}},
        ),
        "2.4.2.1 an Agent has exactly one inverse functional identifier",
    ),
    ("actor", _with("actor", {"objectType": "Agent"}), "2.4.2.1 an Agent has an identifier"),
    ("actor.mbox", _with("actor", {"mbox": "mette@example.org"}), "2.4.2.3 mbox is a mailto IRI"),
    (
        "actor.mbox_sha1sum",
        _with("actor", {"mbox_sha1sum": "xyz"}),
        "2.4.2.3 mbox_sha1sum is a SHA1 hex",
    ),
    ("actor.openid", _with("actor", {"openid": "not a uri"}), "2.4.2.3 openid is a URI"),
    (
        "actor.account.homePage",
        _with("actor", {"account": {"name": "a"}}),
        "2.4.2.4 account needs a homePage",
    ),
    (
        "actor",
        _with("actor", {"objectType": "Group"}),
        "2.4.2.2 an anonymous Group lists its members",
    ),
    (
        "actor.member.0.objectType",
        _with(
            "actor", {"objectType": "Group", "member": [{"objectType": "Group", "member": [MBOX]}]}
        ),
        "2.4.2.2 Group members are not Groups",
    ),
    (
        "actor",
        _with("actor", {"objectType": "agent", "mbox": "mailto:a@example.org"}),
        "2.4.2.1 objectType is case sensitive",
    ),
    # 2.4.3 verb
    ("verb.id", _with("verb", {"display": {"en-US": "did"}}), "2.4.3 verb id is required"),
    ("verb.id", _with("verb", {"id": "not an iri"}), "2.4.3 verb id is an IRI"),
    (
        "verb.display.not a tag",
        _with("verb", {"id": "http://x.org/v", "display": {"not a tag": "x"}}),
        "4.2 language map keys are RFC 5646 tags",
    ),
    (
        "verb.display.en",
        _with("verb", {"id": "http://x.org/v", "display": {"en": 5}}),
        "4.2 language map values are strings",
    ),
    # 2.4.4 object
    (
        "object.id",
        _with("object", {"objectType": "Activity", "id": "not an iri"}),
        "2.4.4.1 activity id is an IRI",
    ),
    (
        "object.definition.interactionType",
        _with(
            "object",
            {
                "objectType": "Activity",
                "id": "http://x.org/q",
                "definition": {"interactionType": "essay-ish"},
            },
        ),
        "2.4.4.1 interactionType is one of the spec's",
    ),
    (
        "object.definition.choices",
        _with(
            "object",
            {
                "objectType": "Activity",
                "id": "http://x.org/q",
                "definition": {"interactionType": "choice", "choices": [{"id": "a"}, {"id": "a"}]},
            },
        ),
        "2.4.4.1 interaction component ids are distinct",
    ),
    (
        "object.id",
        _with("object", {"objectType": "StatementRef", "id": "nope"}),
        "2.4.4.3 a StatementRef id is a UUID",
    ),
    (
        "object.id",
        _with("object", SUB | {"id": "0f2b8a1c-7d3e-4f5a-9b6c-1d2e3f4a5b6c"}),
        "2.4.4.3 a SubStatement has no id",
    ),
    ("object.object", _with("object", SUB | {"object": SUB}), "2.4.4.3 SubStatements do not nest"),
    # 2.4.5 result
    (
        "result.score.scaled",
        _with("result", {"score": {"scaled": 1.5}}),
        "2.4.5.1 scaled is between -1 and 1",
    ),
    (
        "result.score",
        _with("result", {"score": {"raw": 11, "min": 0, "max": 10}}),
        "2.4.5.1 raw is at most max",
    ),
    ("result.score.raw", _with("result", {"score": {"raw": "7"}}), "2.4.5.1 raw is a number"),
    ("result.success", _with("result", {"success": "true"}), "2.4.5 success is a boolean"),
    ("result.completion", _with("result", {"completion": 1}), "2.4.5 completion is a boolean"),
    ("result.response", _with("result", {"response": 42}), "2.4.5 response is a string"),
    (
        "result.duration",
        _with("result", {"duration": "01:00:00"}),
        "2.4.5 duration is an ISO 8601 duration",
    ),
    ("result.duration", _with("result", {"duration": "P"}), "2.4.5 a duration has a value"),
    # 2.4.6 context
    (
        "context.registration",
        _with("context", {"registration": "42"}),
        "2.4.6 registration is a UUID",
    ),
    (
        "context.revision",
        _with("context", {"revision": "2"}) | {"object": MBOX},
        "2.4.6 revision only when the object is an Activity",
    ),
    (
        "context.platform",
        _with("context", {"platform": "web"}) | {"object": MBOX},
        "2.4.6 platform only when the object is an Activity",
    ),
    (
        "context.contextActivities.cousin",
        _with("context", {"contextActivities": {"cousin": ACTIVITY}}),
        "2.4.6.2 contextActivities keys are parent, grouping, category, other",
    ),
    ("context", _with("context", False), "2.4.6 context is an object"),
    (
        "object",
        _with("object", True) | {"context": {"platform": "web"}},
        "2.4.4 object is an object",
    ),
    (
        "context.instructor",
        _with("context", {"instructor": {"name": "no ifi"}}),
        "2.4.6 instructor is an Agent or Group",
    ),
    (
        "context.extensions.not-an-iri",
        _with("context", {"extensions": {"not-an-iri": 1}}),
        "4.3 extension keys are IRIs",
    ),
    # 2.4.7 timestamp
    ("timestamp", _with("timestamp", "yesterday"), "2.4.7 timestamp is ISO 8601"),
    ("timestamp", _with("timestamp", 1700000000), "2.4.7 timestamp is a string"),
    ("timestamp", _with("timestamp", "2026-02-30T10:00:00Z"), "2.4.7 timestamp is a real date"),
    (
        "timestamp",
        _with("timestamp", "2026-01-01T10:00:00-00:00"),
        "2.4.7 timestamp has no -00:00 offset (RFC 3339 unknown offset)",
    ),
    # 2.4.10 version
    ("version", _with("version", "2.0.0"), "2.4.10 version starts with 1.0."),
    # 2.4.11 attachments
    (
        "attachments.0.length",
        _with(
            "attachments",
            [
                {
                    "usageType": "http://x.org/u",
                    "display": {"en": "a"},
                    "contentType": "text/plain",
                    "length": "3",
                    "sha2": "a" * 64,
                    "fileUrl": "http://x.org/f",
                }
            ],
        ),
        "2.4.11 attachment length is an integer",
    ),
    (
        "attachments.0.display",
        _with(
            "attachments",
            [
                {
                    "usageType": "http://x.org/u",
                    "contentType": "text/plain",
                    "length": 3,
                    "sha2": "a" * 64,
                    "fileUrl": "http://x.org/f",
                }
            ],
        ),
        "2.4.11 attachment display is required",
    ),
    # 2.5 voiding
    (
        "object",
        _with("verb", {"id": "http://adlnet.gov/expapi/verbs/voided"}),
        "2.3.2 a voiding statement's object is a StatementRef",
    ),
]


@pytest.mark.parametrize(("field", "statement", "rule"), INVALID, ids=[c[2] for c in INVALID])
def test_lrs_rejects_statement_breaking_the_rule_with_400_naming_the_field(
    lrs, field, statement, rule
):
    response = lrs.post(statement)

    assert response.status_code == 400, response.content
    assert response.json()["field"] == field
    assert Statement.objects.count() == 0


VALID = [
    ("a minimal statement", statement_data()),
    ("an Agent without objectType", _with("actor", {"mbox": "mailto:a@example.org"})),
    (
        "an identified Group",
        _with(
            "actor",
            {
                "objectType": "Group",
                "name": "Hold 3",
                "account": {"homePage": "https://x.org", "name": "hold-3"},
            },
        ),
    ),
    ("an anonymous Group", _with("actor", {"objectType": "Group", "member": [MBOX, agent()]})),
    ("a mbox_sha1sum agent", _with("actor", {"mbox_sha1sum": "a" * 40})),
    ("an openid agent", _with("actor", {"openid": "https://openid.example.org/mette"})),
    (
        "an interaction definition",
        _with(
            "object",
            {
                "objectType": "Activity",
                "id": "http://x.org/q",
                "definition": {
                    "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                    "interactionType": "choice",
                    "correctResponsesPattern": ["a[,]b"],
                    "choices": [
                        {"id": "a", "description": {"da": "A"}},
                        {"id": "b", "description": {"da": "B"}},
                    ],
                },
            },
        ),
    ),
    (
        "an unanswered fill-in",
        _with(
            "object",
            {
                "objectType": "Activity",
                "id": "http://x.org/q",
                "definition": {"interactionType": "fill-in", "correctResponsesPattern": [""]},
            },
        )
        | {"result": {"response": ""}},
    ),
    (
        "a single context activity object",
        _with("context", {"contextActivities": {"parent": ACTIVITY}}),
    ),
    ("empty extensions", _with("result", {"completion": True, "extensions": {}})),
    (
        "free-form extension values",
        _with("context", {"extensions": {"http://x.org/e": {"nested": [1, None, "x"]}}}),
    ),
    ("a SubStatement", _with("object", SUB)),
    ("an Agent as object", _with("object", {"objectType": "Agent", "mbox": "mailto:b@x.org"})),
    (
        "a StatementRef object",
        _with(
            "object", {"objectType": "StatementRef", "id": "0f2b8a1c-7d3e-4f5a-9b6c-1d2e3f4a5b6c"}
        ),
    ),
    ("a UUID of another version", _with("id", "a0ee5d4a-1f0b-11ee-be56-0242ac120002")),
    ("a timestamp with an offset", _with("timestamp", "2026-03-01T09:15:00.250+01:00")),
    ("a duration with fractions", _with("result", {"duration": "PT1H2M3.45S"})),
    ("a week duration", _with("result", {"duration": "P2W"})),
    ("a score", _with("result", {"score": {"scaled": -0.5, "raw": 1, "min": 0, "max": 4}})),
    (
        "a client-set authority and stored",
        statement_data(authority=agent("someone"), stored="2020-01-01T00:00:00Z"),
    ),
    ("version 1.0.3", _with("version", "1.0.3")),
]


@pytest.mark.parametrize(("name", "statement"), VALID, ids=[c[0] for c in VALID])
def test_lrs_accepts_valid_statement(lrs, name, statement):
    response = lrs.post(statement)

    assert response.status_code == 200, response.content
    assert response.json() == [statement["id"]]
    assert Statement.objects.filter(statement_id=statement["id"]).exists()
