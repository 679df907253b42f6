"""The xAPI 1.0.3 statement (Part Two, "Data") as strict pydantic models.

Written from the spec, layered as the spec is: agents and groups, verb, activity and its
definition, statement reference, sub-statement, result, context, attachment, statement.
Every model refuses unknown properties (``extra="forbid"``; names are case sensitive) and
takes JSON's own types only (``strict``: ``"true"`` is no boolean, ``5`` no string).

An optional property is written ``name: Type = None``: absent, it is None on the model; sent
as ``null``, it fails its type (the spec allows null only inside extensions).

The rules that look across properties of one object are model validators; the few that look
across a whole statement (voiding, ``revision`` and ``platform`` only for an Activity) or a
batch (distinct ids) are written once in ``validate``, the entry point: it validates the parsed
statements and turns the first error into one a client can act on (a message and the JSON path
of the field). The models only validate: the LRS stores the statement as sent.
"""

import re
from datetime import UTC, datetime
from functools import lru_cache, partial
from typing import Annotated, Any, Literal, Union

from langcodes import tag_is_valid
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    TypeAdapter,
    ValidationError,
    model_validator,
)
from rfc3987 import parse as parse_iri

# A UUID in its hyphenated form (RFC 4122), any version, any case: statement ids, registrations.
UUID_RE = re.compile(r"^[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")
TIMESTAMP_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?$"
)
_NUM = r"\d+(?:[.,]\d+)?"
DURATION_RE = re.compile(
    rf"^P(?=\d|T\d)(?:{_NUM}Y)?(?:{_NUM}M)?(?:{_NUM}D)?(?:T(?=\d)(?:{_NUM}H)?(?:{_NUM}M)?(?:{_NUM}S)?)?$"
    rf"|^P{_NUM}W$"
)
# The longest verb, activity or agent identifier the LRS stores (its varchar(400) columns): a
# storage limit, not the spec's, refused as a 400 rather than failing in the database.
MAX_IRI_LENGTH = 400
# Part Two §2.3.2: the verb of a voiding statement.
VOIDED_VERB = "http://adlnet.gov/expapi/verbs/voided"


# rfc3987 and langcodes are pure and slow; the same IRIs and tags recur in every statement.
# lru_cache keeps no exceptions, so an invalid value is refused every time.


@lru_cache(maxsize=16384)
def _iri(value, rule="IRI"):
    try:
        parse_iri(value, rule=rule)
    except ValueError:
        raise ValueError(f"must be an {rule} (RFC 3987)") from None
    return value


@lru_cache(maxsize=1024)
def _language_tag(value):
    if not tag_is_valid(value):
        raise ValueError("must be an RFC 5646 language tag")
    return value


def _timestamp(value):
    # ISO 8601 with a known offset: RFC 3339's "-00:00" means "offset unknown". It must also
    # exist in UTC (the LRS stores it so; 0001-01-01T00:00+01:00 has no UTC in Python).
    if not TIMESTAMP_RE.match(value) or value.endswith(("-00:00", "-0000", "-00")):
        raise ValueError("must be an ISO 8601 timestamp with a known offset")
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
    except (ValueError, OverflowError):
        raise ValueError("is not a real date and time") from None
    return value


IRI = Annotated[str, AfterValidator(_iri)]
StoredIRI = Annotated[str, StringConstraints(max_length=MAX_IRI_LENGTH), AfterValidator(_iri)]
URI = Annotated[str, AfterValidator(partial(_iri, rule="URI"))]
UUID = Annotated[str, StringConstraints(pattern=UUID_RE)]
Timestamp = Annotated[str, AfterValidator(_timestamp)]
Duration = Annotated[str, StringConstraints(pattern=DURATION_RE)]
LanguageTag = Annotated[str, AfterValidator(_language_tag)]
LanguageMap = dict[LanguageTag, str]
# Extension values are any JSON, null included (Part Two §4.3).
Extensions = dict[IRI, Any]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


def _by_object_type(default, **models):
    """One of ``models``, chosen by the object's ``objectType`` (``default`` when it has none),
    so that an error names the fields of the model the object says it is."""

    def object_type(value):
        found = value.get("objectType", default) if isinstance(value, dict) else None
        return found if isinstance(found, str) else None

    tagged = tuple(Annotated[model, Tag(name)] for name, model in models.items())
    return Annotated[Union[tagged], Discriminator(object_type)]  # noqa: UP007 - built at run time


IFIS = frozenset({"mbox", "mbox_sha1sum", "openid", "account"})


class Account(_Model):
    homePage: IRI
    name: str


class _Identified(_Model):
    name: str = None
    mbox: Annotated[str, StringConstraints(pattern=r"^mailto:[^@\s]+@[^@\s]+$")] = None
    mbox_sha1sum: Annotated[str, StringConstraints(pattern=r"^[0-9a-fA-F]{40}$")] = None
    openid: URI = None
    account: Account = None

    def identifiers(self):
        # A property sent is set (null is refused), so the fields set are the identifiers sent.
        return IFIS & self.model_fields_set

    def check_key_length(self):
        # The identifier as actors.agent_key writes it must fit the LRS's column.
        (name,) = self.identifiers()
        value = getattr(self, name)
        if isinstance(value, Account):
            value = f"{value.homePage}|{value.name}"
        if len(value) + len("mbox_sha1sum:") > MAX_IRI_LENGTH:
            raise ValueError(f"identifier is longer than {MAX_IRI_LENGTH} characters")


class Agent(_Identified):
    objectType: Literal["Agent"] = None

    @model_validator(mode="after")
    def one_identifier(self):
        if len(self.identifiers()) != 1:
            raise ValueError("an Agent has exactly one of mbox, mbox_sha1sum, openid, account")
        self.check_key_length()
        return self


class Group(_Identified):
    """An anonymous Group (no identifier) lists its members; an identified one may."""

    objectType: Literal["Group"]
    member: list[Agent] = None

    @model_validator(mode="after")
    def identified_or_listed(self):
        found = self.identifiers()
        if len(found) > 1:
            raise ValueError("a Group has at most one of mbox, mbox_sha1sum, openid, account")
        if found:
            self.check_key_length()
        elif self.member is None:
            raise ValueError("an anonymous Group lists its members")
        return self


Actor = _by_object_type("Agent", Agent=Agent, Group=Group)


class OAuthGroup(Group):
    """§2.4.9: a Group is an authority only as OAuth's anonymous pair (consumer and user)."""

    @model_validator(mode="after")
    def two_anonymous(self):
        if self.identifiers() or len(self.member) != 2:
            raise ValueError("a Group as authority is an anonymous group of two Agents (OAuth)")
        return self


Authority = _by_object_type("Agent", Agent=Agent, Group=OAuthGroup)


class Verb(_Model):
    id: StoredIRI
    display: LanguageMap = None


# Which interaction types have which component lists (the spec's table of components).
COMPONENT_LISTS = {
    "choices": ("choice", "sequencing"),
    "scale": ("likert",),
    "source": ("matching",),
    "target": ("matching",),
    "steps": ("performance",),
}


class InteractionComponent(_Model):
    id: str
    description: LanguageMap = None


def _distinct_ids(components):
    if len({component.id for component in components}) != len(components):
        raise ValueError("the ids of a list of interaction components are distinct")
    return components


Components = Annotated[list[InteractionComponent], AfterValidator(_distinct_ids)]


class Definition(_Model):
    name: LanguageMap = None
    description: LanguageMap = None
    type: IRI = None
    moreInfo: IRI = None
    extensions: Extensions = None
    interactionType: Literal[
        "true-false", "choice", "fill-in", "long-fill-in", "matching", "performance",
        "sequencing", "likert", "numeric", "other",
    ] = None  # fmt: skip
    correctResponsesPattern: list[str] = None
    choices: Components = None
    scale: Components = None
    source: Components = None
    target: Components = None
    steps: Components = None

    @model_validator(mode="after")
    def components_fit_the_type(self):
        if self.correctResponsesPattern is not None and self.interactionType is None:
            raise ValueError("correctResponsesPattern needs an interactionType")
        for name, types in COMPONENT_LISTS.items():
            if getattr(self, name) is not None and self.interactionType not in types:
                raise ValueError(f"{name} is only for interaction types {', '.join(types)}")
        return self


class Activity(_Model):
    objectType: Literal["Activity"] = None
    id: StoredIRI
    definition: Definition = None


class StatementRef(_Model):
    objectType: Literal["StatementRef"]
    id: UUID


class Score(_Model):
    scaled: Annotated[float, Field(ge=-1, le=1)] = None
    raw: float = None
    min: float = None
    max: float = None

    @model_validator(mode="after")
    def in_order(self):
        if self.min is not None and self.max is not None and self.min >= self.max:
            raise ValueError("min is less than max")
        low, high = self.min, self.max
        if self.raw is not None and (
            low is not None and self.raw < low or high is not None and self.raw > high
        ):
            raise ValueError("raw is between min and max")
        return self


class Result(_Model):
    score: Score = None
    success: bool = None
    completion: bool = None
    response: str = None
    duration: Duration = None
    extensions: Extensions = None


ContextActivity = Activity | list[Activity]  # one Activity is taken as an array of one


class ContextActivities(_Model):
    parent: ContextActivity = None
    grouping: ContextActivity = None
    category: ContextActivity = None
    other: ContextActivity = None


class Context(_Model):
    registration: UUID = None
    instructor: Actor = None
    team: Group = None
    contextActivities: ContextActivities = None
    revision: str = None
    platform: str = None
    language: LanguageTag = None
    statement: StatementRef = None
    extensions: Extensions = None


class Attachment(_Model):
    usageType: IRI
    display: LanguageMap
    description: LanguageMap = None
    contentType: str
    length: Annotated[int, Field(ge=0)]
    sha2: str
    fileUrl: IRI = None


class _Statement(_Model):
    actor: Actor
    verb: Verb
    result: Result = None
    context: Context = None
    timestamp: Timestamp = None
    attachments: list[Attachment] = None


class SubStatement(_Statement):
    """§2.4.4.3: no id, stored, version or authority, and no SubStatement as object."""

    objectType: Literal["SubStatement"]
    object: _by_object_type(
        "Activity", Activity=Activity, Agent=Agent, Group=Group, StatementRef=StatementRef
    )


class Statement(_Statement):
    id: UUID = None
    object: _by_object_type(
        "Activity",
        Activity=Activity,
        Agent=Agent,
        Group=Group,
        StatementRef=StatementRef,
        SubStatement=SubStatement,
    )
    stored: Timestamp = None
    authority: Authority = None
    # §2.4.10: any 1.0.x; Part Three §3.3 takes "1.0" as 1.0.0.
    version: Annotated[str, StringConstraints(pattern=r"^1\.0(\.\d+)?$")] = None


# Validating --------------------------------------------------------------------------------

_BATCH = TypeAdapter(list[Statement])
# The union tags in pydantic's error locations, which a client's JSON path does not have.
UNION_TAGS = frozenset({"Agent", "Group", "Activity", "StatementRef", "SubStatement"})


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


def validate(statements):
    """Raise StatementError for the first invalid statement of the list ``statements``: parsed
    JSON, which pydantic validates faster than the text (docs/xapi.md). No database access."""
    try:
        models = _BATCH.validate_python(statements)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        index, *path = first["loc"] or (0,)
        # Without the union tags and pydantic's "[key]" marker of a dict key's error.
        field = ".".join(
            str(p) for p in path if isinstance(p, int) or p not in (*UNION_TAGS, "[key]")
        )
        message = f"{field or 'statement'}: {first['msg'].removeprefix('Value error, ')}"
        if not path and first["type"] == "model_type":
            message = "a statement must be a JSON object"
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
    if statement.verb.id == VOIDED_VERB and not isinstance(statement.object, StatementRef):
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
