"""Fast bulk inserts for the statement tables.

On PostgreSQL, Django's bulk_create binds every value client-side through psycopg's literal
quoting, which profiling showed to cost more than validating the statements. COPY sends rows in
PostgreSQL's own text format instead. Statement ids come from the table's sequence in one query
first, because the side tables need them. Other databases use bulk_create.

A COPY costs two round trips (start, end) where an INSERT costs one, which matters for the
single statements most clients send: their row goes in one INSERT ... RETURNING id and their few
side-table rows in one plain multi-row INSERT, both written here in SQL because compiling them
with the ORM cost more CPU than running them.
"""

import json

from django.db import connection

from learning.xapi.models import Statement


def _copy(model, columns, rows):
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    # wrap_database_errors turns psycopg's UniqueViolation into Django's IntegrityError.
    with connection.cursor() as cursor, connection.wrap_database_errors:
        with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def _next_ids(count):
    table = Statement._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, count],
        )
        return [row[0] for row in cursor.fetchall()]


_STATEMENT_COLUMNS = (
    "statement_id", "data", "content_hash", "stored", "timestamp", "actor_key", "verb_id",
    "object_activity_id", "object_statement_id", "registration", "voided", "credential_id",
)


def _statement_values(row):
    return (row.statement_id, json.dumps(row.data, ensure_ascii=False), row.content_hash,
            row.stored, row.timestamp, row.actor_key, row.verb_id, row.object_activity_id,
            row.object_statement_id, row.registration, row.voided, row.credential_id)


def _saved(row, pk):
    row.pk = pk
    row._state.adding = False
    row._state.db = connection.alias


def insert_statements(rows):
    """INSERT Statement rows and set their pks: one query (two for a batch on PostgreSQL)."""
    if connection.vendor != "postgresql":
        Statement.objects.bulk_create(rows)
        return
    if len(rows) == 1:
        # Plain SQL: compiling Django's INSERT cost more CPU than running it.
        table = connection.ops.quote_name(Statement._meta.db_table)
        names = ", ".join(connection.ops.quote_name(column) for column in _STATEMENT_COLUMNS)
        marks = ", ".join(["%s"] * len(_STATEMENT_COLUMNS))
        with connection.cursor() as cursor:
            # Only quoted model names and placeholders enter the SQL.
            cursor.execute(f"INSERT INTO {table} ({names}) VALUES ({marks}) "  # noqa: S608
                           f"RETURNING {connection.ops.quote_name('id')}",
                           _statement_values(rows[0]))
            _saved(rows[0], cursor.fetchone()[0])
        return
    pks = _next_ids(len(rows))
    _copy(Statement, ("id", *_STATEMENT_COLUMNS),
          ((pk, *_statement_values(row)) for pk, row in zip(pks, rows, strict=True)))
    for row, pk in zip(rows, pks, strict=True):
        _saved(row, pk)


# Below this many rows one INSERT (one round trip) beats COPY (two), measured with
# bench/lrs_ingest.py; a single statement has two to four side-table rows.
_COPY_FROM_ROWS = 50


def _insert(model, columns, rows):
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    # Only quoted model names and placeholders enter the SQL; every value is a parameter.
    sql = f"INSERT INTO {table} ({names}) VALUES {', '.join([row] * len(rows))}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for values in rows for value in values])


def insert_index_rows(model, columns, values):
    """INSERT side-table rows given as tuples in ``columns`` order (one query)."""
    if not values:
        return
    if connection.vendor == "postgresql":
        if len(values) < _COPY_FROM_ROWS:
            _insert(model, columns, values)
        else:
            _copy(model, columns, values)
        return
    model.objects.bulk_create([model(**dict(zip(columns, value, strict=True)))
                               for value in values])
