"""Statement validation: the spec's models (``statement_schema``) and the rules across a whole
statement, with errors a client can act on (a message and the JSON path of the field)."""

from pydantic import ValidationError

from learning.xapi.statement_schema import (
    UNION_TAGS,
    Activity,
    Statement,
    StatementRef,
    SubStatement,
)
from learning.xapi.vocabulary import VOIDED


class StatementError(ValueError):
    """A statement breaks the spec. ``field`` is a dotted path such as ``actor.mbox``."""

    def __init__(self, message, field=""):
        super().__init__(message)
        self.message = message
        self.field = field


def _field(loc):
    # Without the union tags and pydantic's "[key]" marker of a dict key's error.
    return ".".join(
        str(part) for part in loc if isinstance(part, int) or part not in (*UNION_TAGS, "[key]")
    )


def _statement_error(error):
    """The first of pydantic's errors: the first field in the spec's order that is wrong."""
    first = error.errors(include_url=False)[0]
    field = _field(first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    return StatementError(f"{field or 'statement'}: {message}", field)


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


def validate_statement(statement):
    """Raise StatementError if ``statement`` (parsed JSON) is not a valid xAPI 1.0.3 statement.

    Pure function: no database access."""
    if not isinstance(statement, dict):
        raise StatementError("a statement must be a JSON object", "")
    try:
        model = Statement.model_validate(statement)
    except ValidationError as error:
        raise _statement_error(error) from None
    _check_rules(model)
