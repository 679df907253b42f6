"""Storing statements: the only code that writes to the statement log.

A batch is validated and completed here without a query, then stored all or nothing at a fixed
number of queries whatever its size: the INSERTs with the duplicate check (``bulk``), one UPDATE
when it voids something, whatever the registered projections do, one SELECT of forwarding
destinations and one INSERT into the outbox when some are active.
"""

import hashlib
import uuid
from datetime import UTC, datetime

from django.db import transaction
from django.utils import timezone

from learning.xapi import bulk, forwarding, projections, signatures
from learning.xapi.actors import agent_key, platform_authority
from learning.xapi.models import Attachment, Statement
from learning.xapi.statement_schema import StatementError, in_batch, validate
from learning.xapi.vocabulary import VOIDED


def format_time(moment):
    """xAPI timestamps: UTC with millisecond precision and a Z."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_time(value):
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:  # the spec says SHOULD include an offset; assume UTC if absent
        moment = moment.replace(tzinfo=UTC)
    return moment


def content_hash(statement):
    """Hash of what the client asserted: without the properties the LRS sets or may rewrite, and
    with the timestamp and context activities in one canonical form, so that a re-sent copy of
    a statement compares equal however its JSON was written. Raises StatementError for
    numbers that are not finite."""
    core = _normalise_context(statement)
    for name in ("stored", "authority", "version"):
        core.pop(name, None)
    if "timestamp" in core:
        core["timestamp"] = format_time(parse_time(core["timestamp"]))
    return hashlib.sha256(bulk.json_text(core, sort_keys=True)).hexdigest()


def _normalise_context(statement):
    """A copy with single context activities as one-element arrays, as the spec makes the LRS
    return them (in a sub-statement too)."""
    statement = dict(statement)
    context = statement.get("context")
    if isinstance(context, dict) and isinstance(context.get("contextActivities"), dict):
        activities = context["contextActivities"]
        activities = {k: [v] if isinstance(v, dict) else v for k, v in activities.items()}
        statement["context"] = {**context, "contextActivities": activities}
    if statement["object"].get("objectType") == "SubStatement":
        statement["object"] = _normalise_context(statement["object"])
    return statement


def _check_attachments(statements, parts):
    """Every attachment without a fileUrl needs a part with its hash; every part must be an
    attachment's, with or without a fileUrl (Part Three §1.5.2: a part is matched to its
    attachment by the SHA-2 alone)."""
    wanted = set()
    for index, statement in enumerate(statements):
        for number, attachment in enumerate(statement.get("attachments") or ()):
            sha2 = attachment["sha2"].lower()
            if "fileUrl" not in attachment and sha2 not in parts:
                raise StatementError(
                    "attachment has no fileUrl and no part with its sha2 was sent",
                    f"{index}.attachments.{number}.sha2",
                )
            wanted.add(sha2)
    if set(parts) - wanted:
        raise StatementError("a multipart part is not an attachment of any statement", "")


def prepare(statements, *, authority, credential=None, parts=None):
    """Validate and complete a batch (no database access). Returns a new Statement instance (not
    saved) per statement.

    Raises StatementError (with the index of the statement in ``field``) for the first invalid
    statement and for duplicate ids within the batch.
    """
    parts, count = parts or {}, len(statements)
    validate(statements)
    _check_attachments(statements, parts)
    # Stored is truncated to milliseconds so the column and the JSON agree for since/until.
    now = timezone.now()
    now = now.replace(microsecond=now.microsecond // 1000 * 1000)
    stored = format_time(now)
    prepared = []
    for index, statement in enumerate(statements):
        try:
            signatures.check(statement, parts, content_hash)
            data = _normalise_context(statement)
            digest = content_hash(data)
        except StatementError as error:
            raise in_batch(error, index, count) from None
        data["id"] = (data.get("id") or str(uuid.uuid4())).lower()
        data.setdefault("timestamp", stored)
        data["stored"] = stored
        data["authority"] = authority
        if data.get("version", "1.0") == "1.0":  # Part Three §3.3: "1.0" is 1.0.0
            data["version"] = "1.0.0"
        prepared.append(_row(data, digest, now, credential))
    return prepared


def _row(data, digest, now, credential):
    """A new Statement instance (not saved): the JSON and the columns it is queried by, given
    in field order (Django takes positional values at half the cost of keywords)."""
    obj = data["object"]
    kind = obj.get("objectType", "Activity")
    values = {
        "statement_id": data["id"],
        "data": data,
        "content_hash": digest,
        "stored": now,
        "timestamp": parse_time(data["timestamp"]),
        "actor_key": agent_key(data["actor"]) or "anonymous-group",
        "verb_id": data["verb"]["id"],
        "object_activity_id": obj["id"] if kind == "Activity" else None,
        "object_statement_id": obj["id"] if kind == "StatementRef" else None,
        "registration": (data.get("context") or {}).get("registration"),
        "voided": False,  # bulk.insert_new sets it: an earlier voiding statement is a look-up
        "credential_id": credential.pk if credential else None,
    }
    # A field added to the model and not here is a KeyError, never a column silently unset.
    row = Statement(None, *[values[name] for name in bulk.STATEMENT_COLUMNS])  # id: not yet
    if credential:
        row.credential = credential  # the instance at hand: reading row.credential is no query
    return row


def store_statements(statements, *, credential=None, authority=None, parts=None):
    """Validate and store a batch; returns the ids in order (database: see module docstring).

    Raises StatementError (400) or StatementConflict (409); nothing is stored then.
    ``parts`` maps attachment sha2 to (content type, bytes).
    """
    if authority is None:
        authority = credential.authority if credential else platform_authority()
    rows = prepare(statements, authority=authority, credential=credential, parts=parts)
    if not rows:
        return []
    with transaction.atomic():
        new = bulk.insert_new(rows)
        if new:
            files = [
                Attachment(sha2=s, content_type=t, content=c) for s, (t, c) in (parts or {}).items()
            ]
            Attachment.objects.bulk_create(files, ignore_conflicts=True)  # none: no query
            _apply_voiding(new)
            projections.run(new)
            forwarding.enqueue(new)
    return [row.statement_id for row in rows]


def _apply_voiding(rows):
    """Mark the targets of new voiding statements voided. A voiding statement is never voided."""
    targets = [row.object_statement_id for row in rows if row.verb_id == VOIDED.id]
    if targets:
        Statement.objects.filter(statement_id__in=targets).exclude(verb_id=VOIDED.id).update(
            voided=True
        )
