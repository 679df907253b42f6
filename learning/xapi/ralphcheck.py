"""Ralph's strict statement model, run part by part so that verdicts on recurring parts are
remembered.

Ralph's ``BaseXapiStatement`` was over half of the server's CPU per statement in a POST of 100
(py-spy under gunicorn), yet most of what it checks recurs: the same actors, verbs, activities
and context activities arrive over and over, while only ids, registrations, results and
extensions are new. Pydantic validates each field of a model on its own, and apart from one
"before" validator on the whole statement (empty values; ``revision`` and ``platform`` only
with an Activity) Ralph's statement and context models have no validator that looks across
fields (nor do its context and result models). So the statement is valid exactly when:

* that "before" validator, Ralph's own, accepts the whole statement;
* each of ``actor``, ``verb``, ``object`` and ``authority`` is valid as that field of the
  statement model, and ``contextActivities``, ``instructor`` and ``team`` as those fields of
  the context model (a model of that one field, with the parent's annotation and config);
* the keys of the context's and the result's ``extensions`` are valid (Ralph takes any JSON
  value as an extension value, so the keys decide);
* the rest of the context and of the result are valid for their models, and the rest of the
  statement (``id``, ``timestamp``, ``stored``, ``version``, ``attachments`` and any unknown
  property) for a model of the statement's other fields, with its config (unknown properties
  are refused there).

Only the recurring parts are remembered, keyed by their JSON text (sorted keys), or for
extensions by their keys, and only once accepted. An account's name is written as one stand-in
in that text: Ralph asks of it only that it be a non-empty string, so every person's
pseudonymous actor is one part, not one per person.
The context and the result are remembered parts too, keyed with stand-ins for the context's
registration (Ralph takes any hyphenated UUID) and for extension values, so that a
course's context is checked once, not once per registration, and a video event's result once,
not once per position; the context rule, which reads the object's type, runs on every
statement. Once every part of a statement is known, what is left (its id, timestamp and
anything else beyond the parts) is remembered too, with stand-ins for a hyphenated UUID id and
a timestamp in the form browsers write (``rest_key``); the spec's rules check the real values
on every statement.
A refused part is never remembered but checked again every time, so the answer for any input
is the one Ralph's whole model gives (tests/learning/xapi/test_ralph_check.py compares the two).
Each of these facts about Ralph's models (no validator across fields, any extension value,
any non-empty account name, any hyphenated UUID registration and id, any canonical timestamp)
is a test in tests/learning/xapi/test_ralph_check.py: a Ralph release that changes one fails
there, before it can be installed, rather than switching code paths here at import.
"""

import re

import orjson
from pydantic import ConfigDict, ValidationError, create_model
from ralph.models.xapi.base.contexts import BaseXapiContext
from ralph.models.xapi.base.results import BaseXapiResult
from ralph.models.xapi.base.statements import BaseXapiStatement

STATEMENT_PARTS = ("actor", "verb", "object", "authority")
CONTEXT_PARTS = ("contextActivities", "instructor", "team")
# Statement properties the model requires; the spec walk refuses their absence before Ralph.
REQUIRED = ("actor", "verb", "object")


class Refusal(Exception):
    """Ralph refused the statement. ``errors`` are pydantic's error dicts with ``loc`` from the
    statement's root."""

    def __init__(self, errors):
        super().__init__(errors[0]["msg"] if errors else "invalid")
        self.errors = errors


def _config(model):
    return ConfigDict(**model.model_config)


def _model_of(model, names, title):
    """A model of ``names`` of ``model``'s fields: same annotations, defaults and config."""
    fields = {
        name: (model.model_fields[name].annotation, model.model_fields[name]) for name in names
    }
    return create_model(title, __config__=_config(model), **fields)


_BEFORE = ("check_absence_of_empty_and_invalid_values",)

_PART_MODELS = {
    **{
        ("statement", name): _model_of(BaseXapiStatement, [name], f"Statement_{name}")
        for name in STATEMENT_PARTS
    },
    **{
        ("context", name): _model_of(BaseXapiContext, [name], f"Context_{name}")
        for name in (*CONTEXT_PARTS, "extensions")
    },
    ("result", "extensions"): _model_of(BaseXapiResult, ["extensions"], "Result_extensions"),
}
_STATEMENT_REST = _model_of(
    BaseXapiStatement,
    [
        name
        for name in BaseXapiStatement.model_fields
        if name not in STATEMENT_PARTS and name not in ("context", "result")
    ],
    "StatementRest",
)


def _errors(error, prefix=()):
    errors = error.errors(include_url=False)
    if prefix:
        errors = [{**item, "loc": (*prefix, *item["loc"])} for item in errors]
    return errors


class _Accepted:
    """The keys of parts Ralph accepted. Bounded: emptied when full, which only costs checking
    the recurring parts once more (the working set, actors and activities, stays well below)."""

    def __init__(self, size):
        self.size = size
        self.keys = set()
        self.hits = self.misses = 0

    def __contains__(self, key):
        if key in self.keys:
            self.hits += 1
            return True
        self.misses += 1
        return False

    def add(self, key):
        if len(self.keys) >= self.size:
            self.keys.clear()
        self.keys.add(key)


_ACCEPTED = _Accepted(65536)
# The rests of statements (``check_rest``), apart: a few shapes, by object type and the
# properties a statement carries beyond its parts.
_ACCEPTED_RESTS = _Accepted(4096)


# The stand-in for every account name in a cache key (``part_key``): people's accounts differ
# only in their names, so the platform's pseudonymous actors are one part for Ralph instead of
# one per person.
_ACCOUNT_NAME = "n"


def _with_any_account_name(agent):
    """``agent`` with its account name (and its members') as the stand-in, where the name is
    a non-empty string; Ralph's verdict on it is the same."""
    account = agent.get("account")
    if isinstance(account, dict):
        name = account.get("name")
        if isinstance(name, str) and name:
            agent = {**agent, "account": {**account, "name": _ACCOUNT_NAME}}
    members = agent.get("member")
    if isinstance(members, list) and any(isinstance(m, dict) and "account" in m for m in members):
        agent = {
            **agent,
            "member": [_with_any_account_name(m) if isinstance(m, dict) else m for m in members],
        }
    return agent


def part_key(value):
    """The JSON text of a part, sorted keys: its key in the caches. Account names are written
    as one stand-in; everything else as it is. None for a part that is
    checked every time (integers beyond 64 bits; null, since NaN is written as null)."""
    if isinstance(value, dict) and ("account" in value or "member" in value):
        value = _with_any_account_name(value)
    try:
        text = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:
        return None
    return None if b"null" in text else text


# A UUID in its hyphenated form, any case (``fullmatch``); sqlparams checks ids with it too.
HYPHENATED_UUID = re.compile(r"[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")
_REGISTRATION = "00000000-0000-0000-0000-000000000000"
_EXTENSION_VALUE = 0


def context_key(context):
    """A context's key in the caches: ``part_key`` of the context with a hyphenated UUID
    registration, every extension value and the instructor's and team's account names written
    as stand-ins. Ralph's verdict on the two is the same, and so is the
    spec walk's, which takes any string as a registration and never looks into extension
    values; the walk's rules check the real registration (``validation``). The context
    activities, language, platform and anything else are keyed as written."""
    if not isinstance(context, dict):
        return None
    context = dict(context)
    registration = context.get("registration")
    if isinstance(registration, str) and HYPHENATED_UUID.fullmatch(registration):
        context["registration"] = _REGISTRATION
    extensions = context.get("extensions")
    if isinstance(extensions, dict):
        context["extensions"] = dict.fromkeys(extensions, _EXTENSION_VALUE)
    for role in ("instructor", "team"):
        if isinstance(context.get(role), dict):
            context[role] = _with_any_account_name(context[role])
    return part_key(context)


# The statement's context and result, each checked and remembered as one part.
WHOLE_PARTS = ("context", "result")


def result_key(result):
    """A result's key in the caches: ``part_key`` of the result with every extension value
    written as one stand-in (Ralph does not judge them, nor does the spec walk). Scores,
    success, completion, response and duration are keyed as written."""
    if not isinstance(result, dict):
        return None
    extensions = result.get("extensions")
    if isinstance(extensions, dict):
        result = {**result, "extensions": dict.fromkeys(extensions, _EXTENSION_VALUE)}
    return part_key(result)


def recurring_key(name, value):
    """The cache key of statement part ``name`` (``STATEMENT_PARTS`` and ``WHOLE_PARTS``)."""
    if name == "context":
        return context_key(value)
    if name == "result":
        return result_key(value)
    return part_key(value)


def _validate(model, data, prefix=()):
    try:
        model.model_validate(data)
    except ValidationError as error:
        raise Refusal(_errors(error, prefix)) from None


def _no_empty_values(data, prefix=()):
    """Ralph's statement "before" validators on ``data``: its empty-value check is the same on
    every top-level property alone as on the whole statement (it looks into objects one
    property at a time), and its context rule needs only the context and the object's type."""
    try:
        for name in _BEFORE:
            getattr(BaseXapiStatement, name)(data)
    except ValidationError as error:
        raise Refusal(_errors(error, prefix)) from None


def _check_part(owner, name, value, key, prefix=()):
    """One recurring part; skipped when the same JSON was accepted before."""
    cache_key = (owner, name, key)
    if key is not None and cache_key in _ACCEPTED:
        return
    if owner == "statement":
        _no_empty_values({name: value})
    _validate(_PART_MODELS[owner, name], {name: value}, prefix)
    if key is not None:
        _ACCEPTED.add(cache_key)


def check_as_actor(value, prefix):
    """Raise Refusal unless Ralph takes ``value`` as a statement's actor (an Agent or any
    Group), with error locations under ``prefix``: for the places where the spec allows an
    Agent or a Group and Ralph's model is narrower (a Group as a context's instructor, an Agent
    or Group as a sub-statement's object)."""
    try:
        _check_part("statement", "actor", value, part_key(value))
    except Refusal as refusal:
        errors = [{**item, "loc": (*prefix, *item["loc"][1:])} for item in refusal.errors]
        raise Refusal(errors) from None


def _check_whole(shadow):
    _validate(BaseXapiStatement, shadow)


def check(shadow, keys=None):
    """Raise Refusal unless Ralph's ``BaseXapiStatement`` accepts ``shadow`` (a dict).

    ``keys`` may give the cache key of a statement part (``part_key`` of the statement's own
    value, from which the walk made this part), so that it is not written again."""
    if any(name not in shadow for name in REQUIRED) or not all(
        isinstance(shadow.get(name, {}), dict) for name in ("object", "context", "result")
    ):
        _check_whole(shadow)
        return
    keys = keys or {}
    rest = {}
    for name, value in shadow.items():
        if name in STATEMENT_PARTS:
            key = keys[name] if name in keys else part_key(value)
            _check_part("statement", name, value, key)
        else:
            rest[name] = value
    whole = {name: rest.pop(name) for name in WHOLE_PARTS if name in rest}
    _check_before(rest, shadow["object"], whole.get("context"))
    for name, value in whole.items():
        _check_whole_part(name, value, keys[name] if name in keys else recurring_key(name, value))
    context, result = rest.pop("context", None), rest.pop("result", None)
    if context is not None:
        _check_split(BaseXapiContext, "context", context, CONTEXT_PARTS)
    if result is not None:
        _check_split(BaseXapiResult, "result", result, ())
    _validate(_STATEMENT_REST, rest)


def _check_before(rest, obj, context):
    """Ralph's "before" validator on everything but the parts, in one call: the object's type
    is all its context rule reads, and of a context remembered as a part it reads only
    platform and revision."""
    before = {**rest, "object": {"objectType": obj.get("objectType", "Activity")}}
    if context:
        rule = {name: context[name] for name in ("platform", "revision") if name in context}
        if rule:
            before["context"] = rule
    _no_empty_values(before)


def all_accepted(keys):
    """Whether every part in ``keys`` ({name: ``recurring_key``}, none None) was accepted
    before: Ralph's verdict on each is then known, and so is the walk's, because a part is
    accepted only after its walk (validation) went through."""
    accepted = _ACCEPTED.keys
    for name, key in keys.items():
        if ("statement", name, key) not in accepted:
            return False
    _ACCEPTED.hits += len(keys)
    return True


def check_rest(rest, obj, context):
    """Raise Refusal unless Ralph accepts a statement whose recurring parts (the statement
    parts and ``WHOLE_PARTS``) all passed ``all_accepted``: what ``check`` does for such a
    statement once its parts are skipped. ``rest``: the walk's copy of the statement without
    those parts; ``obj`` and ``context``: the statement's own (only the object's type and the
    context's platform and revision are read). Remembered once accepted, keyed by
    ``rest_key``."""
    key = rest_key(rest, obj, context)
    if key is not None and key in _ACCEPTED_RESTS:
        return
    _check_before(rest, obj, context)
    _validate(_STATEMENT_REST, rest)
    if key is not None:
        _ACCEPTED_RESTS.add(key)


# A timestamp in the one form browsers and the platform write: the only form that rest_key
# writes as a stand-in (other forms, "+05" offsets for one, Ralph refuses where Python's
# parser does not, so they are judged every time).
CANONICAL_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")
_TIMESTAMP = "2000-01-01T00:00:00.000Z"


def rest_key(rest, obj, context):
    """The cache key of what ``check_rest`` judges: the rest of the statement, with a
    hyphenated UUID id and a canonical timestamp written as stand-ins, the object's type and
    the context's platform and revision. None (judged every time) unless the id is absent
    or hyphenated and the timestamp absent or canonical: a timestamp in another form would
    make a new key for nearly every statement. The caller has checked the real id and
    timestamp by the spec's rules (``validation``); Ralph's verdict on them is the stand-ins'."""
    statement_id, timestamp = rest.get("id"), rest.get("timestamp")
    if statement_id is not None:
        if not (isinstance(statement_id, str) and HYPHENATED_UUID.fullmatch(statement_id)):
            return None
        rest = {**rest, "id": _REGISTRATION}
    if timestamp is not None:
        if not (isinstance(timestamp, str) and CANONICAL_TIMESTAMP.fullmatch(timestamp)):
            return None
        rest = {**rest, "timestamp": _TIMESTAMP}
    rule = {
        name: context[name]
        for name in ("platform", "revision")
        if isinstance(context, dict) and name in context
    }
    return part_key({"rest": rest, "objectType": obj.get("objectType", "Activity"), "rule": rule})


_SPLIT = {"context": (BaseXapiContext, CONTEXT_PARTS), "result": (BaseXapiResult, ())}


def _check_whole_part(name, value, key):
    """The context or the result as one part, skipped when one with the same key was
    accepted. On a miss: Ralph's empty-value check on it alone (with an Activity, so that the
    context rule, checked with the statement's real object in ``check``, stays quiet), then its
    model, split into its own recurring parts as before."""
    cache_key = ("statement", name, key)
    if key is not None and cache_key in _ACCEPTED:
        return
    _no_empty_values({name: value, "object": {"objectType": "Activity"}})
    model, parts = _SPLIT[name]
    _check_split(model, name, value, parts)
    if key is not None:
        _ACCEPTED.add(cache_key)


def _check_split(model, owner, value, parts):
    """A context or result: its recurring parts and its extensions' keys through the caches,
    the rest through ``model`` (which, like pydantic, refuses unknown properties)."""
    rest = {}
    prefix = (owner,)
    for name, item in value.items():
        if name in parts:
            _check_part(owner, name, item, part_key(item), prefix)
        elif name == "extensions" and isinstance(item, dict):
            _check_extension_keys(owner, item, prefix)
        else:
            rest[name] = item
    _validate(model, rest, prefix)


def _check_extension_keys(owner, extensions, prefix):
    """An extensions object is valid exactly when its keys are (IRIs): Ralph takes any JSON
    value as an extension value. So the keys
    alone are checked, with null values, and remembered; the values change with every
    statement (video times, session ids), the keys hardly ever."""
    key = tuple(extensions)
    cache_key = (owner, "extensions", key)
    if cache_key in _ACCEPTED:
        return
    _validate(_PART_MODELS[owner, "extensions"], {"extensions": dict.fromkeys(key)}, prefix)
    _ACCEPTED.add(cache_key)


def cache_info():
    """(hits, misses, size) of the accepted parts."""
    return _ACCEPTED.hits, _ACCEPTED.misses, len(_ACCEPTED.keys)


def rest_cache_info():
    """(hits, misses, size) of the accepted rests."""
    return _ACCEPTED_RESTS.hits, _ACCEPTED_RESTS.misses, len(_ACCEPTED_RESTS.keys)


def forget():
    """Empty the caches (tests)."""
    _ACCEPTED.keys.clear()
    _ACCEPTED_RESTS.keys.clear()
