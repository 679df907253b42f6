"""Plain SQL on Django's connection for the look-ups and the id lists that run on every ingest
request (the credential, the destinations, the actors' users, the stored ids of a batch).

Django's RawQuerySet works out the column order, the model's init order and the value
converters again for every query, and compiling an ORM query cost more CPU than running it: on
a single-statement POST the three look-ups took a quarter of the server's Python time
(py-spy). Here that work is done once per model and connection, and rows become instances
through ``Model.from_db``, as the ORM builds them, with the same converters.
"""

import functools
import uuid

from django.db import connection

from learning.xapi.statement_schema import UUID_RE


@functools.cache
def _plan(model, alias):
    """The SELECT of ``model``'s concrete columns in field order, and per column the
    converters the ORM would apply (on SQLite, say, text to UUID and datetime)."""
    del alias  # part of the cache key only: converters belong to a connection
    quote = connection.ops.quote_name
    table = model._meta.db_table
    fields = model._meta.concrete_fields
    columns = ", ".join(quote(field.column) for field in fields)
    converters = []
    for index, field in enumerate(fields):
        column = field.get_col(table)
        found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if found:
            converters.append((index, column, tuple(found)))
    # Only quoted model names enter the SQL.
    select = f"SELECT {columns} FROM {quote(table)}"  # noqa: S608
    return select, tuple(field.attname for field in fields), tuple(converters)


def select(model, where, params):
    """Instances of ``model`` for ``SELECT … FROM its table WHERE <where>``. ``where`` is SQL
    written by the caller from quoted names and placeholders only (an ORDER BY may follow);
    every value goes in ``params``. One query."""
    sql, attnames, converters = _plan(model, connection.alias)
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} WHERE {where}", params)
        rows = cursor.fetchall()
    instances = []
    for row in rows:
        row = list(row)
        for index, column, functions in converters:
            for function in functions:
                row[index] = function(row[index], column, connection)
        instances.append(model.from_db(connection.alias, attnames, row))
    return instances


def uuid_array(values):
    """PostgreSQL: one ``uuid[]`` parameter (use as ``%s::uuid[]``) holding ``values`` (UUIDs
    or UUID strings), written as one array literal: Django's psycopg cursor quotes a list in
    Python, element by element, which for the 100 ids of a batch cost more CPU than running the
    query. Each value is checked to be a UUID (the usual form by a pattern, a tenth of the cost
    of parsing), so nothing but hex digits and dashes enters the literal."""
    texts = (str(v) if UUID_RE.match(str(v)) else str(uuid.UUID(str(v))) for v in values)
    return "{" + ",".join(texts) + "}"
