"""Ralph's strict statement model, run part by part so that verdicts on recurring parts are
remembered.

Ralph's ``BaseXapiStatement`` was over half of the server's CPU per statement in a POST of 100
(py-spy under gunicorn), yet most of what it checks recurs: the same actors, verbs, activities
and context activities arrive over and over, while only ids, registrations, results and
extensions are new. Pydantic validates each field of a model on its own, and apart from one
"before" validator on the whole statement (empty values; ``revision`` and ``platform`` only
with an Activity) Ralph's statement and context models have no validator that looks across
fields. So the statement is valid exactly when:

* that "before" validator, Ralph's own, accepts the whole statement;
* each of ``actor``, ``verb``, ``object`` and ``authority`` is valid as that field of the
  statement model, and ``contextActivities``, ``instructor`` and ``team`` as those fields of
  the context model (a model of that one field, with the parent's annotation and config);
* the rest of the context is valid for the context model, and the rest of the statement
  (``id``, ``result``, ``timestamp``, ``stored``, ``version``, ``attachments`` and any unknown
  property) for a model of the statement's other fields, with its config (unknown properties
  are refused there).

Only the recurring parts are remembered, keyed by their exact JSON text (sorted keys), and
only once accepted: a refused part is checked again every time, so the answer for any input is
the one Ralph's whole model gives (tests/learning/xapi/test_ralph_check.py compares the two).
Should a Ralph release add a validator across fields, ``PART_BY_PART`` turns false at import
and every statement goes through the whole model again (a test fails to say so).
"""

import orjson
from pydantic import ConfigDict, ValidationError, create_model
from ralph.models.xapi.base.contexts import BaseXapiContext
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
    fields = {name: (model.model_fields[name].annotation, model.model_fields[name])
              for name in names}
    return create_model(title, __config__=_config(model), **fields)


def _cross_field_free(model, allowed_before=()):
    """Whether pydantic validates ``model`` field by field, apart from the named "before"
    model validators, which are run here on the whole input."""
    decorators = model.__pydantic_decorators__
    if decorators.field_validators or decorators.root_validators:
        return False
    for name, decorator in decorators.model_validators.items():
        if name not in allowed_before or decorator.info.mode != "before":
            return False
    return True


_BEFORE = ("check_absence_of_empty_and_invalid_values",)
PART_BY_PART = (_cross_field_free(BaseXapiStatement, _BEFORE)
                and _cross_field_free(BaseXapiContext))

_PART_MODELS = {
    **{("statement", name): _model_of(BaseXapiStatement, [name], f"Statement_{name}")
       for name in STATEMENT_PARTS},
    **{("context", name): _model_of(BaseXapiContext, [name], f"Context_{name}")
       for name in CONTEXT_PARTS},
}
_STATEMENT_REST = _model_of(
    BaseXapiStatement,
    [name for name in BaseXapiStatement.model_fields
     if name not in STATEMENT_PARTS and name != "context"],
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


def part_key(value):
    """The exact JSON text of a part, sorted keys: its key in the caches. None for a part that
    is checked every time (integers beyond 64 bits; null, since NaN is written as null)."""
    try:
        text = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:
        return None
    return None if b"null" in text else text


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


def _check_whole(shadow):
    _validate(BaseXapiStatement, shadow)


def check(shadow, keys=None):
    """Raise Refusal unless Ralph's ``BaseXapiStatement`` accepts ``shadow`` (a dict).

    ``keys`` may give the cache key of a statement part (``part_key`` of the statement's own
    value, from which the walk made this part), so that it is not written again."""
    if (not PART_BY_PART or any(name not in shadow for name in REQUIRED)
            or not isinstance(shadow.get("context", {}), dict)
            or not isinstance(shadow["object"], dict)):
        _check_whole(shadow)
        return
    keys = keys or {}
    rest = {}
    context = None
    for name, value in shadow.items():
        if name in STATEMENT_PARTS:
            key = keys[name] if name in keys else part_key(value)
            _check_part("statement", name, value, key)
        elif name == "context":
            context = value
        else:
            rest[name] = value
    if context is not None:
        kind = shadow["object"].get("objectType", "Activity")
        _no_empty_values({"context": context, "object": {"objectType": kind}})
        _check_context(context)
    _no_empty_values(rest)
    _validate(_STATEMENT_REST, rest)


def _check_context(context):
    rest = {}
    for name, value in context.items():
        if name in CONTEXT_PARTS:
            _check_part("context", name, value, part_key(value), ("context",))
        else:
            rest[name] = value
    _validate(BaseXapiContext, rest, ("context",))


def cache_info():
    """(hits, misses, size) of the accepted parts."""
    return _ACCEPTED.hits, _ACCEPTED.misses, len(_ACCEPTED.keys)


def forget():
    """Empty the cache (tests)."""
    _ACCEPTED.keys.clear()
