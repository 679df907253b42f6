"""Statement validation: the spec's models (``statement_schema``) applied to a request's JSON
text, or to statements built in Python, and the rules a model of one statement cannot express
(across a statement, across a batch), each written once, with errors a client can act on (a
message and the JSON path of the field)."""

from pydantic import TypeAdapter, ValidationError

from learning.xapi.statement_schema import (
    UNION_TAGS,
    Activity,
    Statement,
    StatementRef,
    SubStatement,
)
from learning.xapi.vocabulary import VOIDED

_BATCH = TypeAdapter(list[Statement])


class StatementError(ValueError):
    """A statement breaks the spec. ``field`` is a dotted path such as ``actor.mbox``."""

    def __init__(self, message, field=""):
        super().__init__(message)
        self.message = message
        self.field = field


def in_batch(error, index, count):
    """``error`` with its field prefixed by the statement's index in a batch of more than one."""
    if count > 1:
        error.field = f"{index}.{error.field}".rstrip(".")
    return error


def validate(statements, raw=None):
    """Raise StatementError for the first invalid statement of the list ``statements``. ``raw``:
    the JSON text they were parsed from (one statement or an array) and are unchanged from; the
    models then validate the text itself, pydantic's parser and all. Pure: no database access."""
    array = raw is None or raw.lstrip(b" \t\r\n").startswith(b"[")
    try:
        if raw is None:
            models = _BATCH.validate_python(statements)
        else:
            models = _BATCH.validate_json(raw) if array else [Statement.model_validate_json(raw)]
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        index, *path = (first["loc"] if array else (0, *first["loc"])) or (0,)
        # Without the union tags and pydantic's "[key]" marker of a dict key's error.
        field = ".".join(
            str(p) for p in path if isinstance(p, int) or p not in (*UNION_TAGS, "[key]")
        )
        message = first["msg"].removeprefix("Value error, ")
        if not path and first["type"] == "model_type":
            message, field = "a statement must be a JSON object", ""
        else:
            message = f"{field or 'statement'}: {message}"
        raise in_batch(StatementError(message, field), index, len(statements)) from None
    seen = set()
    for index, model in enumerate(models):
        try:
            _check_rules(model)
        except StatementError as error:
            raise in_batch(error, index, len(models)) from None
        if model.id is not None and model.id.lower() in seen:
            raise StatementError("the same statement id appears twice in the batch", f"{index}.id")
        seen.add(model.id and model.id.lower())


def _check_rules(statement, prefix=""):
    """Part Two §2.3.2 and §2.4.6, on a statement or sub-statement the models accepted."""
    if statement.verb.id == VOIDED.id and not isinstance(statement.object, StatementRef):
        raise StatementError(
            "a voiding statement's object must be a StatementRef", f"{prefix}object"
        )
    if statement.context is not None and not isinstance(statement.object, Activity):
        for name in ("revision", "platform"):
            if getattr(statement.context, name) is not None:
                raise StatementError(
                    f"{name} is only for statements about an Activity", f"{prefix}context.{name}"
                )
    if isinstance(statement.object, SubStatement):
        _check_rules(statement.object, f"{prefix}object.")
