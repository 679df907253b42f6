"""Statement validation: Ralph's strict xAPI models plus the spec rules they miss.

Two layers, one pass each:

1. ``_SpecWalker`` walks the statement once. It enforces the JSON types the spec prescribes
   (Ralph's models run in pydantic's lax mode and would coerce ``"true"`` to a boolean or ``5``
   to a string), the formats Ralph checks loosely or not at all (UUIDs, timestamps, durations,
   openid URIs, voiding), and builds the copy that Ralph then validates.
2. ``BaseXapiStatement`` (Ralph's strict model, not the lax ``LaxStatement`` of its API edge)
   checks structure, unknown or wrongly-cased properties, exactly one identifier per agent,
   mbox addresses, IRIs, language tags, interaction definitions, scores and sub-statements.
   ``ralphcheck`` runs it part by part and remembers the recurring parts it accepted (actors,
   verbs, objects, context activities); the walk's copies of those parts are remembered here.
   When every part of a statement was accepted before (the common case), only the rest of it
   is walked and given to Ralph (``_validate_known_parts``).

Where Ralph and the spec disagree the spec wins; each divergence is marked ``DIVERGENCE`` here
and listed in docs/xapi.md.
"""

import re
from datetime import UTC, datetime
from functools import lru_cache

import orjson
from rfc3987 import parse as parse_iri

from learning.xapi import ralphcheck
from learning.xapi.actors import agent_key

VOIDED = "http://adlnet.gov/expapi/verbs/voided"
# The longest verb, activity or agent identifier the LRS stores (its varchar(400) columns).
MAX_IRI_LENGTH = 400
# Objects and arrays nested deeper than this (outside extensions) are no statement's.
MAX_DEPTH = 32
_IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
# What Ralph is given in place of parts it models more narrowly than the spec, once they were
# checked as what the spec says they are (``_SpecWalker``).
_STAND_IN_AGENT = {"objectType": "Agent", "mbox": "mailto:stand-in@example.org"}
_STAND_IN_ACTIVITY = {"objectType": "Activity", "id": "http://example.org/stand-in"}

UUID_RE = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)
TIMESTAMP_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?$"
)
_NUM = r"\d+(?:[.,]\d+)?"
DURATION_RE = re.compile(
    rf"^P(?=\d|T\d)(?:{_NUM}Y)?(?:{_NUM}M)?(?:{_NUM}D)?(?:T(?=\d)(?:{_NUM}H)?(?:{_NUM}M)?(?:{_NUM}S)?)?$"
    rf"|^P{_NUM}W$"
)

STRING_KEYS = frozenset(
    {
        "objectType",
        "mbox",
        "mbox_sha1sum",
        "openid",
        "homePage",
        "response",
        "duration",
        "timestamp",
        "stored",
        "version",
        "registration",
        "revision",
        "platform",
        "language",
        "contentType",
        "sha2",
        "usageType",
        "fileUrl",
        "moreInfo",
        "type",
        "interactionType",
        "id",
    }
)
LANGUAGE_MAP_KEYS = frozenset({"display", "description"})
BOOLEAN_KEYS = frozenset({"success", "completion"})
NUMBER_KEYS = frozenset({"scaled", "raw", "min", "max"})
OBJECT_KEYS = frozenset(
    {
        "actor",
        "verb",
        "object",
        "result",
        "context",
        "authority",
        "score",
        "account",
        "definition",
        "contextActivities",
        "instructor",
        "team",
        "statement",
    }
)
LIST_KEYS = frozenset(
    {
        "member",
        "attachments",
        "choices",
        "scale",
        "source",
        "target",
        "steps",
        "correctResponsesPattern",
    }
)
# DIVERGENCE: Ralph rejects every empty string and empty object ("no empty values"). The spec
# allows an empty response (an unanswered fill-in), empty correct-response patterns, empty
# extension objects and empty language maps. The walker hides exactly these from Ralph.
_PLACEHOLDER = "-"


# The openid check (``_check_agent``): the same people recur, and rfc3987's parse is pure.
# ``lru_cache`` remembers no exceptions, so an invalid openid is refused every time.
@lru_cache(maxsize=16384)
def _valid_iri(value, rule):
    parse_iri(value, rule=rule)
    return True


class StatementError(ValueError):
    """A statement breaks the spec. ``field`` is a dotted path such as ``actor.mbox``."""

    def __init__(self, message, field=""):
        super().__init__(message)
        self.message = message
        self.field = field


def _join(path):
    return ".".join(str(part) for part in path)


def _is_string(item):
    return isinstance(item, str)


def _is_string_map(item):
    return isinstance(item, dict) and all(isinstance(text, str) for text in item.values())


def _is_name(item):
    return isinstance(item, str) or _is_string_map(item)


def _is_boolean(item):
    return isinstance(item, bool)


def _is_number(item):
    return isinstance(item, int | float) and not isinstance(item, bool)


def _is_integer(item):
    return isinstance(item, int) and not isinstance(item, bool)


def _is_object(item):
    return isinstance(item, dict)


def _is_list(item):
    return isinstance(item, list)


def _is_string_list(item):
    return isinstance(item, list) and all(isinstance(pattern, str) for pattern in item)


# Property name -> (test, what the spec wants), wherever the property appears.
_TYPES = {
    **dict.fromkeys(STRING_KEYS, (_is_string, "a string")),
    **dict.fromkeys(LANGUAGE_MAP_KEYS, (_is_string_map, "a language map of strings")),
    "name": (_is_name, "a string or a language map"),
    **dict.fromkeys(BOOLEAN_KEYS, (_is_boolean, "true or false")),
    **dict.fromkeys(NUMBER_KEYS, (_is_number, "a number")),
    "length": (_is_integer, "an integer"),
    # Also keeps other types from Ralph's statement validator, which calls dict() on the
    # context and the object and fails with a TypeError (a 500) on, say, "context": false.
    **dict.fromkeys(OBJECT_KEYS, (_is_object, "an object")),
    **dict.fromkeys(LIST_KEYS, (_is_list, "an array")),
    "correctResponsesPattern": (_is_string_list, "an array"),
}


class _SpecWalker:
    """One recursive pass: type checks on primitives, returns Ralph's input copy.

    Only objects and arrays are walked into, and a property's path is built only for an object
    or array below it or for an error: this runs on every property of every statement."""

    def walk(self, value, path):
        if len(path) > MAX_DEPTH:
            raise StatementError("objects and arrays are nested too deeply", _join(path))
        if isinstance(value, dict):
            return self._walk_dict(value, path)
        if isinstance(value, list):
            return [
                self.walk(item, (*path, index)) if isinstance(item, dict | list) else item
                for index, item in enumerate(value)
            ]
        return value

    def _walk_dict(self, value, path):
        copy = {}
        for key, item in value.items():
            if key == "extensions":
                if not isinstance(item, dict):
                    raise StatementError("extensions must be an object", _join((*path, key)))
                if item:  # extension values are free JSON: not walked, not typed
                    copy[key] = item
                continue
            if item is None:
                raise StatementError("null is not allowed outside extensions", _join((*path, key)))
            expected = _TYPES.get(key)
            if expected is not None and not expected[0](item):
                raise StatementError(f"{key} must be {expected[1]}", _join((*path, key)))
            if isinstance(item, dict):
                if key in LANGUAGE_MAP_KEYS or key == "name":
                    if item:
                        copy[key] = {tag: text or _PLACEHOLDER for tag, text in item.items()}
                elif key == "definition" and not item:
                    pass  # DIVERGENCE: an empty definition is allowed (Part Two §2.4.4.1)
                elif key == "instructor" and item.get("objectType") == "Group":
                    # DIVERGENCE: Ralph's context takes only an Agent as instructor; Part Two
                    # §2.4.6 allows an Agent or a Group, as the actor may be.
                    copy[key] = self._as_actor(item, (*path, key), _STAND_IN_AGENT)
                elif (
                    key == "object"
                    and value.get("objectType") == "SubStatement"
                    and item.get("objectType") in ("Agent", "Group")
                ):
                    # DIVERGENCE: Ralph's sub-statement object has no Agent or Group; Part Two
                    # §2.4.4.3 allows every object but a SubStatement.
                    copy[key] = self._as_actor(item, (*path, key), _STAND_IN_ACTIVITY)
                else:
                    copy[key] = self._walk_dict(item, (*path, key))
            elif isinstance(item, list):
                if key == "correctResponsesPattern":
                    copy[key] = [pattern or _PLACEHOLDER for pattern in item]
                else:
                    copy[key] = self.walk(item, (*path, key))
            elif key == "response" and item == "":
                copy[key] = _PLACEHOLDER
            elif key == "version" and item == "1.0":
                copy[key] = "1.0.0"  # DIVERGENCE: taken as 1.0.0 (Part Three §3.3)
            else:
                copy[key] = item
        return copy

    def _as_actor(self, agent, path, stand_in):
        """Check ``agent`` with Ralph's model of a statement's actor (an Agent or a Group);
        Ralph is then given ``stand_in`` in its place."""
        try:
            ralphcheck.check_as_actor(self._walk_dict(agent, path), path)
        except ralphcheck.Refusal as refusal:
            raise _ralph_error(refusal.errors) from None
        return stand_in


_WALKER = _SpecWalker()


def _check_uuid(value, field):
    if value is not None and not UUID_RE.match(value):
        raise StatementError("must be a UUID in its hyphenated form (RFC 4122)", field)


def _check_timestamp(value, field):
    # DIVERGENCE: pydantic's datetime accepts Unix numbers and partial forms; the spec wants
    # ISO 8601. A "-00:00" offset means "unknown local offset" in RFC 3339, which the spec's
    # timestamps must not use, so it is refused too.
    if value is None:
        return
    if not TIMESTAMP_RE.match(value) or value.endswith(("-00:00", "-0000", "-00")):
        raise StatementError("must be an ISO 8601 timestamp with a known offset", field)
    try:
        # In UTC too: the LRS stores it so, and 0001-01-01T00:00+01:00 has no UTC in Python.
        datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
    except (ValueError, OverflowError):
        raise StatementError("is not a real date and time", field) from None


def _check_agent(agent, field):
    if agent is None:
        raise StatementError(f"{field} is required", field)
    if not isinstance(agent, dict):
        raise StatementError("must be an Agent or Group object", field)
    if len(agent_key(agent) or "") > MAX_IRI_LENGTH:
        raise StatementError(f"identifier is longer than {MAX_IRI_LENGTH} characters", field)
    openid = agent.get("openid")
    if openid is not None:
        # DIVERGENCE: Ralph takes any string as an openid; the spec says it is a URI.
        try:
            _valid_iri(openid, "URI")
        except ValueError:
            raise StatementError("openid must be a URI", f"{field}.openid") from None
    for index, member in enumerate(agent.get("member") or ()):
        _check_agent(member, f"{field}.member.{index}")


def _check_authority(authority):
    """Part Two §2.4.9: an authority is an Agent, or the anonymous Group of two Agents that
    OAuth makes (consumer and user). The LRS replaces it, but an invalid one is refused."""
    _check_agent(authority, "authority")
    if authority.get("objectType") != "Group":
        return
    members = authority.get("member")
    if (
        any(ifi in authority for ifi in _IFIS)
        or not isinstance(members, list)
        or len(members) != 2
        or any(not isinstance(m, dict) or m.get("objectType") == "Group" for m in members)
    ):
        raise StatementError(
            "a Group as authority must be an anonymous group of two Agents (OAuth)", "authority"
        )


def _check_iri_length(value, field):
    if isinstance(value, str) and len(value) > MAX_IRI_LENGTH:
        raise StatementError(f"is longer than {MAX_IRI_LENGTH} characters", field)


def _check_context_activity_ids(context, prefix):
    activities = context.get("contextActivities")
    if not isinstance(activities, dict):
        return
    for kind, value in activities.items():
        for index, activity in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(activity, dict):
                field = f"{prefix}context.contextActivities.{kind}.{index}.id"
                _check_iri_length(activity.get("id"), field)


def _check_statement_rules(statement, prefix=""):
    """Rules on a statement or sub-statement that the walker's type checks do not cover."""
    for name in ("actor", "verb", "object"):
        # Before Ralph: its statement validator reads "object" unchecked when a context is
        # present (a KeyError, a 500 the fuzz test found).
        if name not in statement:
            raise StatementError(f"{prefix}{name} is required", f"{prefix}{name}")
    _check_timestamp(statement.get("timestamp"), f"{prefix}timestamp")
    _check_agent(statement.get("actor"), f"{prefix}actor")
    if not prefix and "authority" in statement:
        _check_authority(statement["authority"])
    verb = statement.get("verb")
    if isinstance(verb, dict):
        _check_iri_length(verb.get("id"), f"{prefix}verb.id")
    result = statement.get("result")
    if isinstance(result, dict) and "duration" in result:
        # DIVERGENCE: pydantic's timedelta also takes "HH:MM:SS" and bare seconds.
        if not DURATION_RE.match(result["duration"]):
            raise StatementError("must be an ISO 8601 duration", f"{prefix}result.duration")
    context = statement.get("context")
    if isinstance(context, dict):
        _check_uuid(context.get("registration"), f"{prefix}context.registration")
        ref = context.get("statement")
        if isinstance(ref, dict):
            _check_uuid(ref.get("id"), f"{prefix}context.statement.id")
        for role in ("instructor", "team"):
            if role in context:
                _check_agent(context[role], f"{prefix}context.{role}")
        _check_context_activity_ids(context, prefix)
    obj = statement.get("object")
    if isinstance(obj, dict):
        kind = obj.get("objectType")
        if isinstance(context, dict) and kind not in (None, "Activity"):
            # Part Two §2.4.6: revision and platform only for an Activity object, in
            # sub-statements too (Ralph checks the top level only).
            for name in ("revision", "platform"):
                if name in context:
                    raise StatementError(
                        f"{name} is only for statements about an Activity",
                        f"{prefix}context.{name}",
                    )
        if kind in (None, "Activity"):
            # Part Two §2.4.4: an object without objectType is an Activity, which has an id;
            # an Agent or Group as object must say so with its objectType.
            if "id" not in obj:
                raise StatementError(
                    "an Activity needs an id (an Agent or Group object needs its objectType)",
                    f"{prefix}object.id",
                )
            _check_iri_length(obj.get("id"), f"{prefix}object.id")
        elif kind == "StatementRef":
            _check_uuid(obj.get("id"), f"{prefix}object.id")
        elif kind in ("Agent", "Group"):
            _check_agent(obj, f"{prefix}object")
        elif kind == "SubStatement":
            _check_statement_rules(obj, f"{prefix}object.")
    verb = statement.get("verb")
    if isinstance(verb, dict) and verb.get("id") == VOIDED:
        if not isinstance(obj, dict) or obj.get("objectType") != "StatementRef":
            raise StatementError("a voiding statement's object must be a StatementRef", "object")


def _clean_loc(loc):
    # Ralph's unions put model names ("BaseXapiAgentWithMbox") and pydantic its validator
    # names ("function-after[...]") into error locations; a client wants the JSON path.
    return tuple(
        part
        for part in loc
        if isinstance(part, int)
        or not (part.startswith(("BaseXapi", "function-")) or "[" in part or part == "IRI")
    )


def _ralph_error(errors):
    locs = [_clean_loc(item["loc"]) for item in errors]
    common = locs[0]
    for loc in locs[1:]:
        size = 0
        while size < min(len(common), len(loc)) and common[size] == loc[size]:
            size += 1
        common = common[:size]
    field = _join(common)
    if len(errors) == 1:
        message = errors[0]["msg"]
    else:
        message = "does not match any form the spec allows here"
        if locs[0] != common and len(locs[0]) > len(common):
            message += f" ({_join(locs[0][len(common) :])}: {errors[0]['msg']})"
    return StatementError(f"{field or 'statement'}: {message}", field)


@lru_cache(maxsize=65536)
def _walked_part(name, key):
    """The walk's copy of a recurring statement part (actor, verb, object, authority, context,
    result) whose ``ralphcheck.recurring_key`` is ``key``: the same part always walks the same
    way, so it is walked once. The copy is Ralph's input only, so it may hold ralphcheck's
    stand-ins: for an account name (the walk asks of a name only that it be a string, as
    Ralph does), a registration (a string; ``_check_statement_rules`` checks the real one) and
    extension values (never walked).
    Parts the walk refuses are not remembered (``lru_cache`` keeps no exceptions). The copy is
    shared by every statement with that part; nothing changes it."""
    return _WALKER.walk({name: orjson.loads(key)}, ())[name]


RECURRING_PARTS = (*ralphcheck.STATEMENT_PARTS, *ralphcheck.WHOLE_PARTS)


def _recurring_parts(statement, keys):
    """{name: (walked copy, key)} for the statement's recurring parts that have a key.
    ``keys``: the keys ``_validate_known_parts`` wrote already, not written again."""
    parts = {}
    for name in RECURRING_PARTS:
        value = statement.get(name)
        if isinstance(value, dict):
            key = keys[name] if name in keys else ralphcheck.recurring_key(name, value)
            if key is not None:
                parts[name] = (_walked_part(name, key), key)
    return parts


def validate_statement(statement):
    """Raise StatementError if ``statement`` (parsed JSON) is not a valid xAPI 1.0.3 statement.

    Pure function: no database access.
    """
    if not isinstance(statement, dict):
        raise StatementError("a statement must be a JSON object", "")
    keys = {}
    if _validate_known_parts(statement, keys):
        return
    parts = _recurring_parts(statement, keys)
    if parts:
        shadow = _WALKER.walk({k: v for k, v in statement.items() if k not in parts}, ())
        shadow.update({name: walked for name, (walked, _key) in parts.items()})
    else:
        shadow = _WALKER.walk(statement, ())
    _check_uuid(statement.get("id"), "id")
    _check_statement_rules(statement)
    try:
        ralphcheck.check(shadow, {name: key for name, (_walked, key) in parts.items()})
    except ralphcheck.Refusal as refusal:
        raise _ralph_error(refusal.errors) from None


_RECURRING = frozenset(RECURRING_PARTS)


def _validate_known_parts(statement, keys):
    """The common case, in short: every recurring part of ``statement`` was accepted before
    (``ralphcheck.all_accepted``), so neither the walk's copies of the parts nor Ralph's
    models of them are needed; the rest of the statement gets the walk, the rules and
    Ralph's remainder (``ralphcheck.check_rest``) exactly as in the long way. Returns False,
    having checked nothing, when a part is new, has no key, or is not an object, or when the
    statement lacks a required property or has a context or result that is not a remembered
    part; the long way decides those, with the parts' keys written so far into ``keys``
    (None for a part without one)."""
    rest = {}
    for name, value in statement.items():
        if name in _RECURRING:
            if not isinstance(value, dict):
                return False
            key = keys[name] = ralphcheck.recurring_key(name, value)
            if key is None:
                return False
        else:
            rest[name] = value
    if (
        any(name not in keys for name in ralphcheck.REQUIRED)
        or "context" in rest
        or "result" in rest
        or not ralphcheck.all_accepted(keys)
    ):
        return False
    shadow = _WALKER.walk(rest, ())
    _check_uuid(statement.get("id"), "id")
    _check_statement_rules(statement)
    try:
        ralphcheck.check_rest(shadow, statement["object"], statement.get("context"))
    except ralphcheck.Refusal as refusal:
        raise _ralph_error(refusal.errors) from None
    return True
