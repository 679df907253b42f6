"""Ralph's statement model runs part by part, with accepted recurring parts remembered
(learning/xapi/ralphcheck.py). Its verdict must be the whole model's for every input, on an
empty cache and after every part has been seen, valid or not."""

import copy
import datetime
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from ralph.models.xapi.base.agents import BaseXapiAgentWithAccount
from ralph.models.xapi.base.contexts import BaseXapiContext
from ralph.models.xapi.base.groups import BaseXapiIdentifiedGroupWithAccount
from ralph.models.xapi.base.ifi import BaseXapiAccount, BaseXapiAccountIFI
from ralph.models.xapi.base.results import BaseXapiResult
from ralph.models.xapi.base.statements import BaseXapiStatement

from learning.xapi import ralphcheck, validation
from learning.xapi.factories import agent, statement_data
from learning.xapi.validation import StatementError, validate_statement
from tests.learning.xapi.test_conformance_data import INVALID, VALID


def _shadow(statement):
    """The spec walk's copy, which is what Ralph sees; None if the walk refuses first."""
    try:
        return validation._WALKER.walk(statement, ())
    except StatementError:
        return None


def _whole_accepts(shadow):
    try:
        BaseXapiStatement.model_validate(shadow)
    except ValidationError:
        return False
    return True


def _parts_accept(shadow):
    try:
        ralphcheck.check(shadow)
    except ralphcheck.Refusal:
        return False
    return True


# Cases the spec walk refuses never reach Ralph.
CASES = [
    statement
    for statement in [s for _field, s, _rule in INVALID] + [s for _name, s in VALID]
    if _shadow(statement) is not None
]


@pytest.fixture
def cold():
    ralphcheck.forget()
    validation._walked_part.cache_clear()
    yield
    ralphcheck.forget()


# What ralphcheck assumes of Ralph's models. Each test fails if a Ralph (or pydantic) release
# changes the fact; ralphcheck must then change before that release is installed. They read
# pydantic's decorator registry, which only a test may rely on.


def _cross_field_free(model, allowed_before=()):
    """Whether pydantic validates ``model`` field by field, apart from the named "before"
    model validators, which ralphcheck runs on the whole input."""
    decorators = model.__pydantic_decorators__
    if decorators.field_validators or decorators.root_validators:
        return False
    return all(
        name in allowed_before and decorator.info.mode == "before"
        for name, decorator in decorators.model_validators.items()
    )


def test_ralph_validates_statements_field_by_field():
    """ralphcheck runs the statement, context and result models one field at a time."""
    assert _cross_field_free(BaseXapiStatement, ralphcheck._BEFORE)
    assert _cross_field_free(BaseXapiContext)
    assert _cross_field_free(BaseXapiResult)


@pytest.mark.parametrize("owner", ["context", "result"])
def test_ralph_takes_any_json_value_as_an_extension_value(owner):
    """ralphcheck checks only the keys of extensions, and keys contexts and results with one
    stand-in for every extension value."""
    model = ralphcheck._PART_MODELS[owner, "extensions"]
    values = [None, "", "x", 0, -1, 2**70, 1.5, True, False, [], {}, [None, {"a": []}], {"a": None}]
    model.model_validate({"extensions": {"http://x.org/e": {"v": values}}})
    for value in values:
        model.model_validate({"extensions": {"http://x.org/e": value}})


def test_ralph_judges_an_account_name_only_as_a_non_empty_string():
    """ralphcheck keys every account with one stand-in name: the name is a plain constrained
    string, and neither the account nor the agents and groups holding one validate it."""
    field = BaseXapiAccount.model_fields["name"]
    config = BaseXapiAccount.model_config
    assert field.annotation is str and not field.validate_default
    for rule in field.metadata:
        assert type(rule).__name__ == "StringConstraints"
        assert rule.pattern is None and rule.max_length is None and rule.min_length in (None, 1)
        assert not (rule.strip_whitespace or rule.to_upper or rule.to_lower)
    for option in ("str_max_length", "str_strip_whitespace", "str_to_lower", "str_to_upper"):
        assert not config.get(option)
    holders = (
        BaseXapiAccount,
        BaseXapiAccountIFI,
        BaseXapiAgentWithAccount,
        BaseXapiIdentifiedGroupWithAccount,
    )
    for model in holders:
        assert _cross_field_free(model) and not model.__pydantic_decorators__.model_validators
    for model in holders[1:]:
        assert model.model_fields["account"].annotation is BaseXapiAccount
    for name in ("x", " ", "ø" * 500, "\x00", "a b\nc", "0"):
        BaseXapiAccount.model_validate({"homePage": "https://akademi.example", "name": name})


UUIDS = (
    "00000000-0000-0000-0000-000000000000",
    "0f2b8a1c-7d3e-4f5a-9b6c-1d2e3f4a5b6c",
    "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
    "6f1d2c3e-4b5a-1c7d-0e9f-0a1b2c3d4e5f",
)


def test_ralph_takes_any_hyphenated_uuid_as_a_registration():
    """ralphcheck keys a context with one stand-in registration."""
    field = BaseXapiContext.model_fields["registration"]
    assert field.annotation == (uuid.UUID | None) and not field.metadata
    for registration in UUIDS:
        BaseXapiContext.model_validate({"registration": registration})


@pytest.mark.parametrize(
    ("name", "annotation", "samples"),
    [
        ("id", uuid.UUID, UUIDS),
        (
            "timestamp",
            datetime.datetime,
            (
                "2000-01-01T00:00:00.000Z",
                "0001-01-01T00:00:00.000Z",
                "9999-12-31T23:59:59.999Z",
                "2024-02-29T12:30:45.123Z",
                "2026-04-30T23:59:59.000Z",
                "1970-01-01T00:00:00.001Z",
            ),
        ),
    ],
)
def test_ralph_judges_a_statement_id_and_a_canonical_timestamp_by_type_alone(
    name, annotation, samples
):
    """ralphcheck keys the rest of a statement with stand-ins for a hyphenated id and a
    timestamp written YYYY-MM-DDTHH:MM:SS.mmmZ (any real date from year 1 to 9999)."""
    field = BaseXapiStatement.model_fields[name]
    assert field.annotation == (annotation | None) and not field.metadata
    for sample in samples:
        ralphcheck._validate(ralphcheck._STATEMENT_REST, {name: sample})
        ralphcheck._no_empty_values({name: sample, "object": {"objectType": "Activity"}})


@pytest.mark.parametrize("owner", ["context", "result"])
def test_extension_keys_decide_and_are_remembered_per_owner(cold, owner):
    good = "https://w3id.org/xapi/video/extensions/time"
    for value in (1.5, "x", None, [1, {"a": None}]):  # any value, same keys: accepted
        validate_statement(statement_data(**{owner: {"extensions": {good: value}}}))

    for _ in range(2):
        with pytest.raises(StatementError) as error:
            validate_statement(
                statement_data(**{owner: {"extensions": {good: 1, "not an iri": 2}}})
            )
        assert error.value.field.startswith(f"{owner}.extensions")


@pytest.mark.parametrize("statement", CASES)
def test_the_verdict_is_the_whole_models_with_a_cold_and_a_warm_cache(cold, statement):
    shadow = _shadow(statement)
    expected = _whole_accepts(shadow)

    assert _parts_accept(shadow) is expected  # cold
    for other in CASES:  # every part of every case seen, valid or not
        _parts_accept(_shadow(other))
    assert _parts_accept(shadow) is expected  # warm


def test_a_remembered_actor_does_not_let_an_invalid_verb_through(cold):
    person = agent("remembered")
    validate_statement(statement_data(actor=person))
    hits = ralphcheck.cache_info()[0]

    with pytest.raises(StatementError) as error:
        validate_statement(statement_data(actor=person, verb={"id": "not an iri"}))

    assert error.value.field == "verb.id"
    assert ralphcheck.cache_info()[0] > hits  # the actor was a remembered part


def test_the_context_rule_holds_when_the_object_is_remembered(cold):
    """revision and platform only with an Activity: a cross-field rule on a remembered
    object."""
    other_agent = {"objectType": "Agent", "mbox": "mailto:b@example.org"}
    validate_statement(statement_data(object=other_agent))

    with pytest.raises(StatementError) as error:
        validate_statement(statement_data(object=other_agent, context={"platform": "Akademi"}))

    assert error.value.field == "context.platform"
    validate_statement(statement_data(context={"platform": "Akademi"}))  # Activity: allowed


def test_an_empty_value_in_a_part_is_refused_after_the_same_part_without_it_was_accepted(cold):
    activity = {
        "objectType": "Activity",
        "id": "https://lms.example.org/a",
        "definition": {"name": {"da-DK": "Lektion"}},
    }
    validate_statement(statement_data(object=activity))
    emptied = copy.deepcopy(activity)
    emptied["definition"]["type"] = ""

    for _ in range(2):
        with pytest.raises(StatementError) as error:
            validate_statement(statement_data(object=emptied))
        assert error.value.field.startswith("object.definition")


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("result", {"result": {}}),
        ("result.score", {"result": {"score": {}}}),
        ("context", {"context": {}}),
        ("context.contextActivities", {"context": {"contextActivities": {}}}),
        ("actor.account", {"actor": {"objectType": "Agent", "account": {}}}),
    ],
)
def test_empty_objects_are_refused_wherever_they_are(cold, field, overrides):
    """Ralph's no-empty-values rule, which ralphcheck runs per part, not on the whole."""
    statement = statement_data(**overrides)
    assert not _whole_accepts(_shadow(statement))

    for _ in range(2):
        with pytest.raises(StatementError) as error:
            validate_statement(statement)
        assert error.value.field == field


def test_people_whose_accounts_differ_only_in_name_are_one_remembered_part(cold):
    """The platform's pseudonymous actors: Ralph checks each once, not once per person."""
    validate_statement(statement_data(actor=agent("person-1")))
    size = ralphcheck.cache_info()[2]

    for n in range(2, 6):
        validate_statement(
            statement_data(actor=agent(f"person-{n}"), authority=agent(f"client-{n}"))
        )

    assert ralphcheck.cache_info()[2] == size + 1  # the authority, once; no new actor


def _group(*names):
    return {
        "objectType": "Group",
        "name": "Hold",
        "account": {"homePage": "https://lms.example.org", "name": "team"},
        "member": [agent(name) for name in names],
    }


COURSE = {
    "objectType": "Activity",
    "id": "https://lms.example.org/course/1",
    "definition": {"name": {"da-DK": "Kursus"}},
}
TIME = "https://w3id.org/xapi/video/extensions/time"
PROGRESS = "https://w3id.org/xapi/video/extensions/progress"
ANY_VALUES = (2.5, None, "x", [1, {"a": None}])


def _context(registration, time=1.5, **more):
    return {
        "registration": registration,
        "contextActivities": {"parent": [COURSE]},
        "extensions": {TIME: time},
        **more,
    }


def _result(progress=0.5, **more):
    return {"completion": False, "extensions": {TIME: 12.5, PROGRESS: progress}, **more}


def _variants(name):
    """A context or result, and others that differ from it only where stand-ins go."""
    if name == "context":
        return (
            _context(str(uuid.uuid4())),
            [_context(str(uuid.uuid4()).upper(), value) for value in ANY_VALUES],
        )
    return _result(), [_result(value) for value in ANY_VALUES]


@pytest.mark.parametrize("name", ["context", "result"])
def test_parts_differing_only_where_stand_ins_go_are_one_remembered_part(cold, name):
    first, others = _variants(name)
    validate_statement(statement_data(**{name: first}))
    size = ralphcheck.cache_info()[2]

    for other in others:
        validate_statement(statement_data(**{name: other}))

    key = ralphcheck.recurring_key(name, first)
    assert {ralphcheck.recurring_key(name, other) for other in others} == {key}
    assert ("statement", name, key) in ralphcheck._ACCEPTED.keys
    assert ralphcheck.cache_info()[2] == size


# Good parts remembered first, then a bad one that a stand-in could have hidden.
REMEMBERED = {
    "actor": [agent("person-1"), _group("person-1", "person-2")],
    "context": [_context(str(uuid.uuid4()))],
    "result": [_result(), _result(score={"scaled": 0.5, "raw": 5, "min": 0, "max": 10})],
}


@pytest.mark.parametrize(
    ("name", "value", "field"),
    [
        ("actor", agent(""), "actor.account.name"),  # empty: Ralph's no-empty-values rule
        (
            "actor",
            {
                "objectType": "Agent",
                "account": {"homePage": "https://lms.example.org", "name": {"da-DK": "x"}},
            },
            "actor",
        ),
        (
            "actor",
            {"objectType": "Agent", "account": {"homePage": "not an iri", "name": "person-1"}},
            "actor",
        ),
        ("actor", _group("person-1", ""), "actor"),
        ("context", _context("not a uuid"), "context.registration"),
        ("context", _context(str(uuid.uuid4()).replace("-", "")), "context.registration"),
        ("context", _context(7), "context.registration"),
        ("context", _context(str(uuid.uuid4()), language=""), "context"),
        ("context", _context(str(uuid.uuid4()), language="not a tag!"), "context.language"),
        (
            "context",
            {**_context(str(uuid.uuid4())), "extensions": {"not an iri": 1}},
            "context.extensions",
        ),
        ("context", {**_context(str(uuid.uuid4())), "unknown": 1}, "context.unknown"),
        ("result", _result(score={"scaled": 2}), "result.score"),
        ("result", _result(score={"raw": 11, "min": 0, "max": 10}), "result.score"),
        ("result", _result(duration="1 hour"), "result.duration"),
        ("result", _result(success="yes"), "result.success"),
        ("result", _result(completion=None), "result.completion"),
        ("result", {**_result(), "extensions": {"not an iri": 1}}, "result.extensions"),
        ("result", {**_result(), "unknown": 1}, "result.unknown"),
        ("result", {}, "result"),
    ],
)
def test_a_part_a_remembered_one_stands_for_is_still_refused_when_bad(cold, name, value, field):
    for remembered in REMEMBERED[name]:
        validate_statement(statement_data(**{name: remembered}))

    for _ in range(2):
        with pytest.raises(StatementError) as error:
            validate_statement(statement_data(**{name: value}))
        assert error.value.field.startswith(field)


def test_a_remembered_context_with_a_platform_is_refused_with_an_agent_object(cold):
    """The context rule reads the object's type, which is not part of the context's key."""
    with_platform = _context(str(uuid.uuid4()), platform="Akademi")
    validate_statement(statement_data(context=with_platform))  # an Activity: allowed

    with pytest.raises(StatementError) as error:
        validate_statement(
            statement_data(
                context=with_platform,
                object={"objectType": "Agent", "mbox": "mailto:b@example.org"},
            )
        )
    assert error.value.field == "context.platform"


OTHER_AGENT = {"objectType": "Agent", "mbox": "mailto:b@example.org"}
WITH_PLATFORM = {"platform": "Akademi", "registration": "0f2b8a1c-7d3e-4f5a-9b6c-1d2e3f4a5b6c"}


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("context", {"object": OTHER_AGENT, "context": WITH_PLATFORM}),
        ("version", {"version": ""}),
        ("version", {"version": "x.y"}),
        ("foo", {"foo": 1}),
        ("id", {"id": "not-a-uuid"}),
        ("timestamp", {"timestamp": "yesterday"}),
        ("attachments", {"attachments": [{}]}),
        ("context.registration", {"context": {**WITH_PLATFORM, "registration": "x"}}),
    ],
)
def test_with_every_part_remembered_the_rest_of_a_statement_is_still_judged(cold, field, overrides):
    """The short way (validation._validate_known_parts) skips the parts, never the rest: the
    context rule across remembered parts, Ralph's empty values and model on the statement's
    own properties, and the spec's rules."""
    validate_statement(statement_data(object=OTHER_AGENT))
    validate_statement(statement_data(context=WITH_PLATFORM))
    misses = ralphcheck.cache_info()[1]

    with pytest.raises(StatementError) as error:
        validate_statement(statement_data(**overrides))

    assert error.value.field.startswith(field)
    if field != "context.registration":
        assert ralphcheck.cache_info()[1] == misses  # every part was a remembered one


def _timed(statement_id, timestamp):
    return statement_data(id=statement_id, timestamp=timestamp)


def test_statements_differing_only_in_id_and_canonical_timestamp_share_one_remembered_rest(cold):
    """What the video player sends: an id and toISOString's timestamp, new in every statement;
    Ralph judges the rest of a statement once, not once per statement."""
    for _ in range(2):  # the parts first, then (all parts known) the rest
        validate_statement(_timed(str(uuid.uuid4()), "2026-12-05T08:56:15.056Z"))
    _hits, misses, size = ralphcheck.rest_cache_info()

    for n in range(5):
        validate_statement(
            _timed(str(uuid.uuid4()).upper(), f"2027-0{n + 1}-2{n}T1{n}:00:0{n}.{n}99Z")
        )
        validate_statement(statement_data(id=str(uuid.uuid4())))  # no timestamp: another key

    assert ralphcheck.rest_cache_info()[1] == misses + 1  # the statement without a timestamp
    assert ralphcheck.rest_cache_info()[2] == size + 1
    assert ralphcheck.rest_cache_info()[0] >= 9


@pytest.mark.parametrize(
    "timestamp",
    [
        "2026-12-05T08:56:15+05",  # the spec walk takes an hours-only offset, Ralph does not
    ],
)
def test_a_timestamp_in_another_form_is_judged_by_ralph_every_time(cold, timestamp):
    validate_statement(_timed(str(uuid.uuid4()), "2026-12-05T08:56:15.056Z"))
    misses = ralphcheck.rest_cache_info()[1]

    for _ in range(2):
        with pytest.raises(StatementError) as error:
            validate_statement(_timed(str(uuid.uuid4()), timestamp))
        assert error.value.field == "timestamp"
    assert ralphcheck.rest_cache_info()[1] == misses  # no key, so no look-up
    assert ralphcheck.rest_key({"timestamp": timestamp}, {}, None) is None


def test_other_timestamp_forms_that_ralph_takes_are_accepted_without_a_stand_in(cold):
    for timestamp in (
        "2026-12-05T08:56:15Z",
        "2026-12-05T08:56:15.123456+02:00",
        "2026-12-05T08:56:15.056Z",
    ):
        for _ in range(2):
            validate_statement(_timed(str(uuid.uuid4()), timestamp))


def test_an_empty_response_is_accepted_whether_or_not_remembered(cold):
    """The spec allows an empty response (an unanswered fill-in); Ralph refuses empty strings,
    so the walk hides it. The same holds for the remembered result."""
    for _ in range(2):
        validate_statement(statement_data(result={"response": "", "success": False}))


def test_a_refused_part_is_refused_every_time(cold):
    bad_actor = {
        "objectType": "Agent",
        "mbox": "mailto:a@example.org",
        "account": {"homePage": "https://x.org", "name": "a"},
    }
    for _ in range(3):
        with pytest.raises(StatementError) as error:
            validate_statement(statement_data(actor=bad_actor))
        assert error.value.field == "actor"


# Any JSON value put anywhere into valid statements: the two must agree on all of them.
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
            "Activity",
            "Agent",
            "Group",
            "SubStatement",
            "StatementRef",
            "choice",
            "0f2b8a1c-7d3e-4f5a-9b6c-1d2e3f4a5b6c",
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
                    "type",
                    "account",
                    "homePage",
                    "member",
                    "platform",
                    "revision",
                    "extensions",
                    "parent",
                    "score",
                    "raw",
                    "min",
                    "max",
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


def _put(statement, path, value):
    statement = copy.deepcopy(statement)
    target = statement
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return statement


@st.composite
def mutated(draw):
    base = draw(st.sampled_from([s for _name, s in VALID]))
    paths = [path for path in _paths(base) if path]
    return _put(base, draw(st.sampled_from(paths)), draw(JSON))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(statement=mutated())
def test_mutated_statements_get_the_whole_models_verdict(statement):
    shadow = _shadow(statement)
    if shadow is None:
        return
    expected = _whole_accepts(shadow)
    assert _parts_accept(shadow) is expected  # whatever the cache holds by now
    assert _parts_accept(shadow) is expected
