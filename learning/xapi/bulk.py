"""INSERTs of statement rows and of the side-table rows they are found by.

Round trips, not the database's work, set the time of the single statements most clients send.
So on PostgreSQL a batch goes in as one query (``insert_if_new``): the statements whose id is
not stored yet, each marked voided when a voiding statement for it came first, and their
side-table rows (data-modifying WITH queries; a side row finds its statement's new id by the
statement's id). The one optimisation: from ``COPY_FROM_ROWS`` statements on, the store looks up
stored ids first and the rows go in by COPY, PostgreSQL's own text format, faster than quoting
every value into SQL. Other databases (SQLite in development and tests) take the same look-up
and Django's bulk_create.
"""

import functools
import json

import orjson
from django.db import connection

from learning.xapi.models import Statement, StatementActivity, StatementAgent
from learning.xapi.validation import StatementError
from learning.xapi.vocabulary import VOIDED

# From this many statements a batch goes in by COPY on PostgreSQL (bench/lrs_store.py): a
# COPY costs two round trips per table where the one query costs one.
COPY_FROM_ROWS = 50

# The Statement columns written, in field order: all but the id, which the database assigns.
_STATEMENT_COLUMNS = tuple(f.attname for f in Statement._meta.concrete_fields if not f.primary_key)
# Side tables: (model, columns after statement_id).
_AGENTS = (StatementAgent, ("agent_key", "direct"))
_ACTIVITIES = (StatementActivity, ("activity_id",))


def _side_rows(rows, terms):
    """{side table: [(row, *values)]}; ``terms`` holds per row the (agent key, direct) pairs
    and the activity ids it is found by (``store.index_terms``)."""
    side = {_AGENTS: [], _ACTIVITIES: []}
    for row, (agent_keys, activity_ids) in zip(rows, terms, strict=True):
        side[_AGENTS] += [(row, key, direct) for key, direct in agent_keys]
        side[_ACTIVITIES] += [(row, activity_id) for activity_id in activity_ids]
    return side


def inserts_if_new(count):
    """Whether ``insert_if_new`` takes a batch of ``count`` statements."""
    return connection.vendor == "postgresql" and count < COPY_FROM_ROWS


def insert_statements(rows, terms):
    """INSERT Statement ``rows`` (unsaved instances, none stored yet) with their side-table
    rows, and set their pks."""
    side = _side_rows(rows, terms)
    if connection.vendor == "postgresql":
        _copy_all(rows, side)
        return
    Statement.objects.bulk_create(rows)
    for (model, columns), values in side.items():
        model.objects.bulk_create(
            [
                model(statement_id=r.pk, **dict(zip(columns, rest, strict=True)))
                for r, *rest in values
            ]
        )


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
        try:
            written = json.dumps(
                value,
                sort_keys=sort_keys,
                separators=(",", ":"),
                ensure_ascii=False,
                allow_nan=False,
            ).encode()
        except ValueError:
            raise StatementError("numbers must be finite (NaN and Infinity are not JSON)") from None
        text = written if text is None else text
    return text


def _statement_values(row):
    return [
        json_text(row.data).decode() if n == "data" else getattr(row, n) for n in _STATEMENT_COLUMNS
    ]


@functools.cache
def _insert_if_new_sql():
    """The statement columns, one row of typed placeholders and the SELECT list of
    ``insert_if_new`` (built once: asking the fields for their types costs more than the
    query's other Python work)."""
    quote = connection.ops.quote_name
    fields = [Statement._meta.get_field(name) for name in _STATEMENT_COLUMNS]
    table, sent = quote(Statement._meta.db_table), quote("statement_id")
    columns = ", ".join(quote(field.column) for field in fields)
    typed = "(" + ", ".join(f"%s::{field.db_type(connection)}" for field in fields) + ")"
    early = (  # the voided column: a voiding statement for this one is stored already
        f"{quote('verb_id')} <> %s AND EXISTS (SELECT 1 FROM {table} early WHERE early."  # noqa: S608
        f"{quote('verb_id')} = %s AND early.{quote('object_statement_id')} = given.{sent})"
    )
    return columns, typed, columns.replace(quote("voided"), early)


def insert_if_new(rows, terms):
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
    for number, ((model, names), values) in enumerate(_side_rows(rows, terms).items()):
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


def _copy_all(rows, side):
    """COPY the statements with pks drawn from the table's sequence first, then the side rows."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [Statement._meta.db_table, len(rows)],
        )
        for row, (pk,) in zip(rows, cursor.fetchall(), strict=True):
            row.pk = pk
    _copy(Statement, ("id", *_STATEMENT_COLUMNS), [(r.pk, *_statement_values(r)) for r in rows])
    for (model, columns), values in side.items():
        _copy(model, ("statement_id", *columns), [(row.pk, *rest) for row, *rest in values])


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
