"""Statement rows into the database: the look-up of what is stored already, and the INSERTs of
statement rows and of the side-table rows they are found by.

Round trips, not the database's work, set the time of the single statements most clients send.
So on PostgreSQL a batch goes in as one query (``_insert_if_new``): the statements whose id is
not stored yet, each marked voided when a voiding statement for it came first, and their
side-table rows (data-modifying WITH queries; a side row finds its statement's new id by the
statement's id). The one optimisation: from ``COPY_FROM_ROWS`` statements on, stored ids are
looked up first and the rows go in by COPY, PostgreSQL's own text format, faster than quoting
every value into SQL. Other databases (SQLite in development and tests) take the same look-up
and Django's bulk_create.
"""

import functools
import json
import uuid

import orjson
from django.db import IntegrityError, connection

from learning.xapi.actors import agent_and_member_keys
from learning.xapi.models import Statement, StatementActivity, StatementAgent
from learning.xapi.plainsql import uuid_array
from learning.xapi.statement_schema import StatementError
from learning.xapi.vocabulary import VOIDED

# From this many statements a batch goes in by COPY on PostgreSQL (bench/lrs_store.py): a
# COPY costs two round trips per table where the one query costs one.
COPY_FROM_ROWS = 50
CONTEXT_ACTIVITY_KINDS = ("parent", "grouping", "category", "other")
# The Statement columns written, in field order: all but the id, which the database assigns.
STATEMENT_COLUMNS = tuple(f.attname for f in Statement._meta.concrete_fields if not f.primary_key)


class StatementConflict(Exception):
    """An id already stored with different content (409 Conflict)."""

    def __init__(self, statement_id):
        super().__init__(f"statement {statement_id} is already stored with different content")
        self.statement_id = statement_id


def json_text(value, *, sort_keys=False):
    """UTF-8 JSON without spaces: the stored text (PostgreSQL parses it into JSONB) and, with
    sorted keys, the text duplicate detection hashes. orjson writes it several times faster than
    the standard library, which writes what orjson refuses (integers beyond 64 bits). Refuses
    NaN and infinities (``1e400`` parses as one): not JSON, and JSONB refuses them."""
    try:
        text = orjson.dumps(value, option=orjson.OPT_SORT_KEYS if sort_keys else None)
    except orjson.JSONEncodeError:
        text = None
    if text is None or b"null" in text:  # orjson writes NaN and infinities as null
        options = {"sort_keys": sort_keys, "separators": (",", ":"), "ensure_ascii": False}
        try:
            written = json.dumps(value, allow_nan=False, **options).encode()
        except ValueError:
            raise StatementError("numbers must be finite (NaN and Infinity are not JSON)") from None
        text = written if text is None else text
    return text


def _context_terms(statement, activities):
    """Add the context activities of ``statement`` to ``activities``; its related agents."""
    context = statement.get("context") or {}
    found = context.get("contextActivities") or {}
    activities.update(a["id"] for kind in CONTEXT_ACTIVITY_KINDS for a in found.get(kind) or ())
    return [context.get("instructor"), context.get("team")]


def index_terms(data):
    """(agent rows as (key, direct), activity ids) a stored statement must be findable by."""
    obj = data["object"]
    kind = obj.get("objectType", "Activity")
    direct = [data["actor"], obj] if kind in ("Agent", "Group") else [data["actor"]]
    agents = {key: True for agent in direct for key in agent_and_member_keys(agent)}
    activities = {obj["id"]} if kind == "Activity" else set()
    related = [data.get("authority"), *_context_terms(data, activities)]
    if kind == "SubStatement":
        related += [obj["actor"], *_context_terms(obj, activities)]
        if obj["object"].get("objectType", "Activity") == "Activity":
            activities.add(obj["object"]["id"])
        else:
            related.append(obj["object"])
    for agent in related:
        for key in agent_and_member_keys(agent) if agent else ():
            agents.setdefault(key, False)
    return list(agents.items()), activities


def insert_new(rows):
    """Insert the statement ``rows`` (unsaved instances) whose id is not stored yet, with their
    side-table rows, and return them with pk and voided set. A statement stored already with
    the same content is left out; with other content it is a StatementConflict."""
    if connection.vendor == "postgresql" and len(rows) < COPY_FROM_ROWS:
        new = _insert_if_new(rows)
        left_out = [row.statement_id for row in rows if row.pk is None]
        stored = _existing(left_out)[0] if left_out else {}
    else:
        stored, voided_early = _existing([row.statement_id for row in rows])
        new = [row for row in rows if row.statement_id not in stored]
        for row in new:
            row.voided = row.statement_id in voided_early and row.verb_id != VOIDED.id
    for row in rows:
        if stored.get(row.statement_id, row.content_hash) != row.content_hash:
            raise StatementConflict(row.statement_id)
    try:
        _insert([row for row in new if row.pk is None])
    except IntegrityError:
        # Another request stored one of these ids between our SELECT and INSERT; the
        # transaction is rolled back as the exception leaves the atomic block.
        raise StatementConflict(new[0].statement_id) from None
    return new


def _existing(ids):
    """One query: {id: content hash} of the ids already stored, and the ids that an earlier
    voiding statement targets (the spec lets a voiding statement arrive before its target).
    Plain SQL: compiling the equivalent ORM query cost more CPU than the query itself."""
    quote = connection.ops.quote_name
    table = quote(Statement._meta.db_table)
    column, verb, target = map(quote, ("statement_id", "verb_id", "object_statement_id"))
    if connection.vendor == "postgresql":
        # PostgreSQL plans "= ANY" of an array or an IN list by estimating every element, 1.1 ms
        # for 100 ids in planning alone (pg_stat_statements); a join to the unnested ids not.
        wanted, param = "unnest(%s::uuid[]) AS wanted(id)", uuid_array(ids)
    else:  # SQLite: the ids as its UUID columns hold them, 32 hex digits
        hexes = json.dumps([uuid.UUID(value).hex for value in ids])
        wanted, param = "(SELECT value AS id FROM json_each(%s)) AS wanted", hexes
    # Only quoted model names and placeholders enter the SQL; every value is a parameter.
    sql = (  # the stored ids with their hashes, then the targets of voiding statements
        f"SELECT s.{column}, s.{quote('content_hash')} FROM {wanted} JOIN {table} s "  # noqa: S608
        f"ON s.{column} = wanted.id UNION ALL SELECT s.{target}, NULL FROM {wanted} "
        f"JOIN {table} s ON s.{verb} = %s AND s.{target} = wanted.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [param, param, VOIDED.id])
        found = cursor.fetchall()
    existing, voided_early = {}, set()
    for statement_id, digest in found:
        statement_id = str(uuid.UUID(str(statement_id)))  # a UUID, or 32 hex digits on SQLite
        if digest is None:
            voided_early.add(statement_id)
        else:
            existing[statement_id] = digest
    return existing, voided_early


def _side_rows(rows):
    """{(side model, its columns after statement_id): [(row, *values)]}."""
    agents, activities = [], []
    for row in rows:
        agent_keys, activity_ids = index_terms(row.data)
        agents += [(row, key, direct) for key, direct in agent_keys]
        activities += [(row, activity_id) for activity_id in activity_ids]
    return {
        (StatementAgent, ("agent_key", "direct")): agents,
        (StatementActivity, ("activity_id",)): activities,
    }


def _insert(rows):
    """INSERT ``rows`` (none stored yet) with their side-table rows, and set their pks."""
    if not rows:
        return
    side = _side_rows(rows)
    if connection.vendor != "postgresql":
        Statement.objects.bulk_create(rows)
        for (model, columns), values in side.items():
            model.objects.bulk_create(
                [model(statement_id=r.pk, **dict(zip(columns, v, strict=True))) for r, *v in values]
            )
        return
    # By COPY, with pks drawn from the table's sequence first.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [Statement._meta.db_table, len(rows)],
        )
        for row, (pk,) in zip(rows, cursor.fetchall(), strict=True):
            row.pk = pk
    _copy(Statement, ("id", *STATEMENT_COLUMNS), [(r.pk, *_statement_values(r)) for r in rows])
    for (model, columns), values in side.items():
        _copy(model, ("statement_id", *columns), [(row.pk, *rest) for row, *rest in values])


def _statement_values(row):
    return [
        json_text(row.data).decode() if n == "data" else getattr(row, n) for n in STATEMENT_COLUMNS
    ]


@functools.cache
def _insert_if_new_sql():
    """The statement columns, one row of typed placeholders and the SELECT list of
    ``insert_if_new`` (built once: asking the fields for their types costs more than the
    query's other Python work)."""
    quote = connection.ops.quote_name
    fields = [Statement._meta.get_field(name) for name in STATEMENT_COLUMNS]
    table, sent = quote(Statement._meta.db_table), quote("statement_id")
    columns = ", ".join(quote(field.column) for field in fields)
    typed = "(" + ", ".join(f"%s::{field.db_type(connection)}" for field in fields) + ")"
    early = (  # the voided column: a voiding statement for this one is stored already
        f"{quote('verb_id')} <> %s AND EXISTS (SELECT 1 FROM {table} early WHERE early."  # noqa: S608
        f"{quote('verb_id')} = %s AND early.{quote('object_statement_id')} = given.{sent})"
    )
    return columns, typed, columns.replace(quote("voided"), early)


def _insert_if_new(rows):
    """PostgreSQL: one query INSERTs the ``rows`` whose statement id is not stored yet, marks
    one voided when a voiding statement for it is stored already (the spec lets it come first;
    a voiding statement is never voided), and INSERTs their side-table rows. Sets pk and voided
    on the rows inserted and returns them; a concurrent INSERT of the same id waits for the
    other transaction and then inserts nothing."""
    quote = connection.ops.quote_name
    table, sent, pk = quote(Statement._meta.db_table), quote("statement_id"), quote("id")
    columns, typed, selected = _insert_if_new_sql()
    ctes = [
        f"given ({columns}) AS (VALUES {', '.join([typed] * len(rows))})",
        f"new AS (INSERT INTO {table} ({columns}) SELECT {selected} FROM given "  # noqa: S608
        f"ON CONFLICT ({sent}) DO NOTHING RETURNING {pk}, {sent}, {quote('voided')})",
    ]
    params = [value for row in rows for value in _statement_values(row)] + [VOIDED.id] * 2
    for number, ((model, names), values) in enumerate(_side_rows(rows).items()):
        if values:
            names = ", ".join(map(quote, names))
            row_sql = "(%s::uuid" + ", %s" * (len(values[0]) - 1) + ")"
            ctes.append(
                f"side{number} AS (INSERT INTO {quote(model._meta.db_table)} ({sent}, {names}) "  # noqa: S608
                f"SELECT new.{pk}, {names} FROM new JOIN (VALUES "
                f"{', '.join([row_sql] * len(values))}) AS side ({sent}, {names}) USING ({sent}))"
            )
            params += [value for row, *rest in values for value in (row.statement_id, *rest)]
    # Only quoted model names and placeholders enter the SQL; every value is a parameter.
    sql = f"WITH {', '.join(ctes)} SELECT {sent}, {pk}, {quote('voided')} FROM new"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        inserted = {str(sent_id): (new_id, voided) for sent_id, new_id, voided in cursor}
    for row in rows:
        row.pk, row.voided = inserted.get(str(row.statement_id), (None, False))
    return [row for row in rows if row.pk is not None]


def _copy(model, columns, values):
    if not values:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(map(connection.ops.quote_name, columns))
    # Django's cursor on psycopg 3 offers psycopg's ``copy``: on Django's connection, in its
    # transaction. wrap_database_errors turns psycopg's UniqueViolation into Django's
    # IntegrityError, also when it is raised as the COPY ends.
    with connection.cursor() as cursor, connection.wrap_database_errors:
        with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)
