"""The project's models of the xAPI 1.0.3 statement (learning/xapi/statement_schema.py), through
``statement_schema.validate`` of the objects and of their JSON text, which agree on the field: what
the spec allows that Ralph's models refused, what it refuses that they let through, the error
paths, and Ralph as a second opinion where it agrees with the spec. The API-level cases are in
test_conformance_data.py and test_conformance_findings.py."""

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from ralph.models.xapi.base.statements import BaseXapiStatement

from learning.xapi.factories import agent, statement_data
from learning.xapi.statement_schema import StatementError, validate
from tests.learning.xapi.test_conformance_data import INVALID, VALID

MBOX = {"objectType": "Agent", "mbox": "mailto:mette@example.org"}
ACTIVITY = {"objectType": "Activity", "id": "https://lms.example.org/a"}
REF = {"objectType": "StatementRef", "id": "0f2b8a1c-7d3e-4f5a-9b6c-1d2e3f4a5b6c"}


def validate_statement(statement):
    validate([statement])


def _refused(statement):
    with pytest.raises(StatementError) as error:
        validate_statement(statement)
    return error.value


# What the spec allows -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "overrides",
    [
        {"result": {}},
        {"result": {"score": {}}},
        {"context": {}},
        {"context": {"contextActivities": {}}},
        {"object": {**ACTIVITY, "definition": {}}},
        {"result": {"response": ""}},
        {"actor": {"name": "", "mbox": "mailto:a@example.org"}},
        {"verb": {"id": "http://x.org/v", "display": {"da-DK": ""}}},
        {"object": {**ACTIVITY, "definition": {"name": {}}}},
        {"context": {"extensions": {"http://x.org/e": None}}},
        {"version": "1.0"},
    ],
    ids=repr,
)
def test_empty_values_without_a_format_are_allowed(overrides):
    """Part Two §2.2 refuses empty strings only where a format is required, and no empty
    object at all (Ralph refused every empty value)."""
    validate_statement(statement_data(**overrides))


@pytest.mark.parametrize(
    "context",
    [
        {"instructor": {"objectType": "Group", "member": [MBOX]}},
        {"instructor": {"objectType": "Group", "mbox": "mailto:hold@example.org"}},
        {"instructor": MBOX, "team": {"objectType": "Group", "member": [MBOX, agent()]}},
    ],
)
def test_an_instructor_is_an_agent_or_a_group(context):
    validate_statement(statement_data(context=context))


def test_a_team_is_a_group():
    error = _refused(statement_data(context={"team": MBOX}))

    assert error.field == "context.team.objectType"


@pytest.mark.parametrize("obj", [MBOX, {"objectType": "Group", "member": [MBOX]}, REF, ACTIVITY])
def test_a_sub_statement_takes_every_object_but_a_sub_statement(obj):
    sub = {"objectType": "SubStatement", "actor": MBOX, "verb": {"id": "http://x.org/v"}}

    validate_statement(statement_data(object={**sub, "object": obj}))


@pytest.mark.parametrize(
    "authority",
    [MBOX, {"objectType": "Group", "member": [MBOX, agent()]}],
)
def test_an_authority_is_an_agent_or_an_oauth_pair(authority):
    validate_statement(statement_data(authority=authority))


# What the spec refuses ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("verb.id", {"verb": {"id": ""}}),
        ("actor.mbox", {"actor": {"mbox": ""}}),
        ("context.registration", {"context": {"registration": ""}}),
        ("actor.account.homePage", {"actor": {"account": {"homePage": "", "name": "a"}}}),
        ("context.language", {"context": {"language": ""}}),
    ],
)
def test_an_empty_string_where_a_format_is_required_is_refused(field, overrides):
    assert _refused(statement_data(**overrides)).field == field


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("result.success", {"result": {"success": "true"}}),
        ("result.score.raw", {"result": {"score": {"raw": True}}}),
        ("result.response", {"result": {"response": 5}}),
        ("result.score.scaled", {"result": {"score": {"scaled": "0.5"}}}),
        ("context.revision", {"context": {"revision": None}}),
        ("object.definition", {"object": {**ACTIVITY, "definition": None}}),
    ],
)
def test_json_types_are_not_coerced(field, overrides):
    """Part Two §2.2: strings are not numbers or booleans, and null is only for extensions."""
    assert _refused(statement_data(**overrides)).field.startswith(field)


@pytest.mark.parametrize(
    ("field", "definition"),
    [
        ("object.definition", {"interactionType": "likert", "choices": [{"id": "a"}]}),
        ("object.definition", {"choices": [{"id": "a"}]}),
        ("object.definition", {"correctResponsesPattern": ["a"]}),
        ("object.definition.steps", {"interactionType": "performance", "steps": [{"id": 1}]}),
        ("object.definition.interactionType", {"interactionType": "Choice"}),
    ],
)
def test_interaction_components_fit_their_interaction_type(field, definition):
    obj = {**ACTIVITY, "definition": definition}

    assert _refused(statement_data(object=obj)).field.startswith(field)


@pytest.mark.parametrize("score", [{"min": 5, "max": 5}, {"raw": -1, "min": 0}, {"scaled": -1.01}])
def test_a_score_keeps_its_order(score):
    assert _refused(statement_data(result={"score": score})).field.startswith("result.score")


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("object", {"object": {"objectType": "Person", "id": "http://x.org/p"}}),
        (
            "actor",
            {
                "actor": {
                    "objectType": "Agent",
                    "mbox": "mailto:a@x.org",
                    "openid": "http://x.org/a",
                }
            },
        ),
        (
            "actor",
            {
                "actor": {
                    "objectType": "Group",
                    "mbox": "mailto:a@x.org",
                    "openid": "http://x.org/a",
                }
            },
        ),
        (
            "context.instructor.member.0",
            {"context": {"instructor": {"objectType": "Group", "member": [{}]}}},
        ),
        (
            "object.object",
            {
                "object": {
                    "objectType": "SubStatement",
                    "actor": MBOX,
                    "verb": {"id": "http://x.org/v"},
                    "object": {"objectType": "SubStatement"},
                }
            },
        ),
        (
            "object.stored",
            {
                "object": {
                    "objectType": "SubStatement",
                    "actor": MBOX,
                    "verb": {"id": "http://x.org/v"},
                    "object": ACTIVITY,
                    "stored": "2026-01-01T00:00:00Z",
                }
            },
        ),
        (
            "attachments.0.fileUrl",
            {
                "attachments": [
                    {
                        "usageType": "http://x.org/u",
                        "display": {"en": "a"},
                        "contentType": "text/plain",
                        "length": 1,
                        "sha2": "ab",
                        "fileUrl": "no scheme",
                    }
                ]
            },
        ),
    ],
)
def test_errors_name_the_json_path(field, overrides):
    """Fields are JSON paths: pydantic's union tags and key markers are not in them."""
    assert _refused(statement_data(**overrides)).field == field


def test_a_sub_statement_cannot_void():
    sub = {
        "objectType": "SubStatement",
        "actor": MBOX,
        "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
        "object": ACTIVITY,
    }

    assert _refused(statement_data(object=sub)).field == "object.object"


# Ralph as a second opinion, where it agrees with the spec -------------------------------------

# The cases of test_conformance_data.py where Ralph's models and the spec disagree; there the
# spec decides and Ralph's verdict is not asked for.
RALPH_DIFFERS = {
    "2.4.1 id in RFC 4122 hyphenated form": "Ralph takes a UUID without hyphens",
    "2.4.2.3 openid is a URI": "Ralph takes any string",
    "2.4.5.1 raw is a number": "Ralph's lax mode turns '7' into 7",
    "2.4.5 duration is an ISO 8601 duration": "Ralph takes HH:MM:SS",
    "2.4.6 context is an object": "Ralph's validator fails with a TypeError",
    "2.4.4 object is an object": "Ralph's validator fails with a TypeError",
    "2.4.7 timestamp is a string": "Ralph takes a Unix time",
    "2.4.7 timestamp has no -00:00 offset (RFC 3339 unknown offset)": "Ralph takes it",
    "2.4.11 attachment length is an integer": "Ralph's lax mode turns '3' into 3",
    "2.3.2 a voiding statement's object is a StatementRef": "Ralph does not check voiding",
    "an unanswered fill-in": "Ralph refuses every empty string",
    "empty extensions": "Ralph refuses every empty object",
}


def _ralph_accepts(statement):
    try:
        BaseXapiStatement.model_validate(statement)
    except ValidationError:
        return False
    return True


AGREED = [
    (rule, statement, False) for _field, statement, rule in INVALID if rule not in RALPH_DIFFERS
] + [(name, statement, True) for name, statement in VALID if name not in RALPH_DIFFERS]


@pytest.mark.parametrize(("rule", "statement", "valid"), AGREED, ids=[c[0] for c in AGREED])
def test_ralph_agrees_where_it_follows_the_spec(rule, statement, valid):
    assert _ralph_accepts(copy.deepcopy(statement)) is valid
    try:
        validate_statement(statement)
    except StatementError:
        assert not valid
    else:
        assert valid


# Whatever the input, the answer is a verdict (never another exception) ------------------------

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.sampled_from(
        [
            "",
            "x",
            "da-DK",
            "mailto:a@example.org",
            "http://x.org/a",
            "Agent",
            "Group",
            "SubStatement",
            "StatementRef",
            "choice",
            REF["id"],
            "PT1S",
        ]
    ),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "objectType",
                    "name",
                    "mbox",
                    "display",
                    "definition",
                    "member",
                    "account",
                    "homePage",
                    "platform",
                    "extensions",
                    "score",
                    "raw",
                ]
            ),
            inner,
            max_size=3,
        )
    ),
    max_leaves=6,
)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))


@st.composite
def mutated(draw):
    statement = copy.deepcopy(draw(st.sampled_from([s for _name, s in VALID])))
    path = draw(st.sampled_from([p for p in _paths(statement) if p]))
    target = statement
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = draw(JSON)
    return statement


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(statement=mutated())
def test_any_mutation_is_accepted_or_refused_with_a_field(statement):
    try:
        validate_statement(statement)
    except StatementError as error:
        assert error.message
