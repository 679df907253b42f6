"""Fast bulk inserts for the statement tables.

On PostgreSQL, Django's bulk_create binds every value client-side through psycopg's literal
quoting, which profiling showed to cost more than validating the statements. COPY sends rows in
PostgreSQL's own text format instead. Statement ids come from the table's sequence in one query
first, because the side tables need them. Other databases use bulk_create.

A COPY costs two round trips (start, end) where an INSERT costs one, which matters for the
single statements most clients send: a single statement and its side-table rows go in one query
(data-modifying WITH queries), and a few side-table rows of a small batch in one multi-row
INSERT. Both are written here in SQL because compiling them with the ORM cost more CPU than
running them.
"""

from django.db import connection

from learning.xapi import jsontext
from learning.xapi.models import Statement, StatementActivity, StatementAgent
from learning.xapi.vocabulary import VOIDED


def _copy(model, columns, rows):
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    # Django's cursor on psycopg 3 offers psycopg's ``copy`` (its debug cursor logs it as a
    # query): on Django's connection, in its transaction. wrap_database_errors turns psycopg's
    # UniqueViolation into Django's IntegrityError, also when it is raised as the COPY ends.
    with connection.cursor() as cursor, connection.wrap_database_errors:
        with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
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


_AGENT_COLUMNS = ("statement_id", "agent_key", "direct")
_ACTIVITY_COLUMNS = ("statement_id", "activity_id")
_STATEMENT_COLUMNS = (
    "statement_id",
    "data",
    "content_hash",
    "stored",
    "timestamp",
    "actor_key",
    "verb_id",
    "object_activity_id",
    "object_statement_id",
    "registration",
    "voided",
    "credential_id",
)


def _statement_values(row):
    return (
        row.statement_id,
        jsontext.dumps(row.data),
        row.content_hash,
        row.stored,
        row.timestamp,
        row.actor_key,
        row.verb_id,
        row.object_activity_id,
        row.object_statement_id,
        row.registration,
        row.voided,
        row.credential_id,
    )


def _saved(row, pk, alias):
    row.pk = pk
    row._state.adding = False
    row._state.db = alias


def insert_statements(rows, terms, *, pks=None):
    """INSERT Statement rows with their side-table rows and set their pks.

    ``terms`` holds, per row, the (agent key, direct) pairs and the activity ids it is found by
    (``store.index_terms``). On PostgreSQL a single statement costs one query and a batch three
    COPYs, plus one query for the pks unless ``pks`` gives them (from the table's sequence, one
    per row); elsewhere bulk_create, one query per table.
    """
    if connection.vendor != "postgresql":
        Statement.objects.bulk_create(rows)
        _insert_terms(rows, terms)
        return
    if len(rows) == 1:
        _insert_one(rows[0], *terms[0])
        return
    if pks is None:
        pks = _next_ids(len(rows))
    _copy(
        Statement,
        ("id", *_STATEMENT_COLUMNS),
        ((pk, *_statement_values(row)) for pk, row in zip(pks, rows, strict=True)),
    )
    alias = connection.alias  # a thread-local lookup each time: once per batch
    for row, pk in zip(rows, pks, strict=True):
        _saved(row, pk, alias)
    _insert_terms(rows, terms)


def _insert_terms(rows, terms):
    agent_rows, activity_rows = [], []
    for row, (agents, activities) in zip(rows, terms, strict=True):
        agent_rows += [(row.pk, key, direct) for key, direct in agents]
        activity_rows += [(row.pk, activity_id) for activity_id in activities]
    insert_index_rows(StatementAgent, _AGENT_COLUMNS, agent_rows)
    insert_index_rows(StatementActivity, _ACTIVITY_COLUMNS, activity_rows)


def _insert_one(row, agents, activities, *, if_new=False):
    """A single statement in one round trip: the side-table INSERTs take the new pk from the
    statement's INSERT ... RETURNING through data-modifying WITH queries, which PostgreSQL runs
    to completion whether or not the final SELECT reads them. Three round trips before.

    ``if_new``: the duplicate check and the early-voiding look-up happen in the same query
    (see ``insert_if_new``). Returns whether the row was inserted."""
    quote = connection.ops.quote_name
    params = list(_statement_values(row))
    insert = _insert_sql(Statement, _STATEMENT_COLUMNS, 1)
    if if_new:
        # The voided column: true when a voiding statement for this id is already stored
        # (the spec lets it arrive first), unless this statement itself voids.
        voided = _STATEMENT_COLUMNS.index("voided")
        table = quote(Statement._meta.db_table)
        placeholders = ["%s"] * len(_STATEMENT_COLUMNS)
        placeholders[voided] = (
            f"(%s AND EXISTS (SELECT 1 FROM {table} early "  # noqa: S608 - names only
            f"WHERE early.{quote('verb_id')} = %s "
            f"AND early.{quote('object_statement_id')} = %s::uuid))"
        )
        params[voided : voided + 1] = [row.verb_id != VOIDED.id, VOIDED.id, row.statement_id]
        insert = (
            f"{_insert_sql(Statement, _STATEMENT_COLUMNS, 1, placeholders)} "
            f"ON CONFLICT ({quote('statement_id')}) DO NOTHING"
        )
    ctes = [f"new AS ({insert} RETURNING {quote('id')}, {quote('voided')})"]
    for name, model, columns, values in (
        ("agents", StatementAgent, _AGENT_COLUMNS, list(agents)),
        ("activities", StatementActivity, _ACTIVITY_COLUMNS, [(a,) for a in activities]),
    ):
        if not values:
            continue
        names = ", ".join(quote(column) for column in columns)
        given = ", ".join(quote(column) for column in columns[1:])
        rows = ", ".join(["(" + ", ".join(["%s"] * len(values[0])) + ")"] * len(values))
        ctes.append(
            f"{name} AS (INSERT INTO {quote(model._meta.db_table)} ({names}) "  # noqa: S608
            f"SELECT new.{quote('id')}, given.* FROM new, (VALUES {rows}) "
            f"AS given ({given}))"
        )
        params += [value for values_row in values for value in values_row]
    with connection.cursor() as cursor:
        # Only quoted model names and placeholders enter the SQL; every value is a parameter.
        sql = f"WITH {', '.join(ctes)} SELECT {quote('id')}, {quote('voided')} FROM new"  # noqa: S608
        cursor.execute(sql, params)
        inserted = cursor.fetchone()
    if inserted is None:
        return False
    _saved(row, inserted[0], connection.alias)
    row.voided = inserted[1]
    return True


def insert_if_new(row, agents, activities):
    """PostgreSQL, one statement: INSERT it with its side-table rows unless its id is stored
    already, and mark it voided if a voiding statement for it came first; one query where the
    batch path needs two (``store._existing``, then the INSERT). Returns whether it was
    inserted; a concurrent INSERT of the same id waits for the other transaction and then
    inserts nothing."""
    return _insert_one(row, agents, activities, if_new=True)


# Below this many rows one INSERT (one round trip) beats COPY (two), measured with
# bench/lrs_ingest.py; a single statement has two to four side-table rows.
_COPY_FROM_ROWS = 50


def _insert_sql(model, columns, count, placeholders=None):
    """INSERT INTO table (columns) VALUES with ``count`` rows of placeholders (``%s`` per
    column unless ``placeholders`` gives each column's SQL)."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    row = "(" + ", ".join(placeholders or ["%s"] * len(columns)) + ")"
    # Only quoted model names and placeholders enter the SQL; every value is a parameter.
    return f"INSERT INTO {table} ({names}) VALUES {', '.join([row] * count)}"  # noqa: S608


def _insert(model, columns, rows):
    with connection.cursor() as cursor:
        cursor.execute(
            _insert_sql(model, columns, len(rows)), [value for values in rows for value in values]
        )


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
    model.objects.bulk_create([model(**dict(zip(columns, value, strict=True))) for value in values])
