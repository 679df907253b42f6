"""The ingest path's own queries with server-side parameters and prepared statements.

Django's psycopg cursor binds parameters on the client: every value is quoted into the SQL text
in Python (for a statement, its 800 bytes of JSON), and PostgreSQL parses and plans the text
anew each time. The few queries every POST makes (the credential, the duplicate check, the
INSERT, the users and destinations look-ups) run here on a psycopg cursor with server-side
binding instead, on Django's connection and so in its transaction. psycopg prepares a query
after it has run five times on a connection, so PostgreSQL plans it once per connection
(``DATABASE_CONN_MAX_AGE`` keeps connections).

Django's query log (``connection.queries``, CaptureQueriesContext) still records them. Other
databases use Django's cursor.
"""

import time
from contextlib import contextmanager

import psycopg
from django.db import connection


@contextmanager
def cursor():
    """A cursor for ``%s`` SQL on Django's connection: server-side binding on PostgreSQL.
    Database errors come out as Django's (IntegrityError and so on)."""
    if connection.vendor != "postgresql":
        with connection.cursor() as django_cursor:
            yield django_cursor
        return
    connection.ensure_connection()
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as bound:
        yield _Logged(bound) if connection.queries_logged else bound


class _Logged:
    """Records each query in Django's query log, as Django's debug cursor does."""

    def __init__(self, bound):
        self._bound = bound

    def execute(self, sql, params=None):
        started = time.monotonic()
        try:
            return self._bound.execute(sql, params)
        finally:
            connection.queries_log.append(
                {"sql": f"{sql} -- {params!r}"[:4000], "time": f"{time.monotonic() - started:.3f}"}
            )

    def __getattr__(self, name):
        return getattr(self._bound, name)
