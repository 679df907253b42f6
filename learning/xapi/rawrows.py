"""Model instances from plain SQL, for the few look-ups that run on every ingest request (the
credential, the destinations, the actors' users).

Django's RawQuerySet works out the column order, the model's init order and the value
converters again for every query. On a single-statement POST its three queries took a quarter
of the server's Python time (py-spy), far more than running them. Here that work is done once
per model and connection, and rows become instances through ``Model.from_db``, as the ORM
builds them, with the same converters.
"""

import functools

from django.db import connection


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


def select(model, where, params, order_by=""):
    """Instances of ``model`` for ``SELECT … FROM its table WHERE <where> [ORDER BY …]``.

    ``where`` and ``order_by`` are SQL written by the caller from quoted names and
    placeholders only; every value goes in ``params``. One query."""
    sql, attnames, converters = _plan(model, connection.alias)
    sql = f"{sql} WHERE {where}"
    if order_by:
        sql = f"{sql} ORDER BY {order_by}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    alias = connection.alias
    instances = []
    for row in rows:
        if converters:
            row = list(row)
            for index, column, functions in converters:
                value = row[index]
                for function in functions:
                    value = function(value, column, connection)
                row[index] = value
        instances.append(model.from_db(alias, attnames, row))
    return instances
