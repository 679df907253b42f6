"""Committed demo data for browser tests, built once per test process and then copied back.

A browser test commits its rows (the live server thread must see them) and pytest-django empties
every table after it. Loading the demo through its loaders costs some 10 s of CPU (Wagtail
publishing, quiz attempts, statements), once per test. Here the loaders run once per process;
their result is kept as the plain contents of every table, and later tests get those contents
copied back into the emptied tables: an exact copy, in well under a second.

The copy is the whole database, so it must be made and restored before the test adds rows of
its own: `restore_or_build` refuses to run over rows a test has already made.

The same copy keeps the database as the migrations left it (``MIGRATED``), so a browser test
starts from what a new installation holds, although an earlier test's flush emptied it.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

_snapshots = {}
# The database as the migrations left it, kept when the test database is made (tests/conftest.py).
MIGRATED = "migrated"


def restore_or_build(key, build):
    """Leave the database holding exactly what ``build()`` makes from an emptied database.

    The first call for ``key`` in this process runs ``build`` and keeps a copy of every table;
    later calls copy it back. ``key`` names what ``build`` loads.
    """
    if get_user_model().objects.exists():
        raise RuntimeError(
            f"{key}: the test made rows before the demo was loaded; ask for the demo fixture "
            "before fixtures that make people or content"
        )
    if key not in _snapshots:
        call_command("flush", interactive=False, verbosity=0)
        build()
        keep(key)
        return
    restore(key)


def keep(key):
    """Keep a copy of every table under ``key``."""
    _snapshots[key] = _read_tables()


def restore(key):
    """Empty every table and copy back what ``keep(key)`` kept."""
    with transaction.atomic():
        _empty_tables()
        _write_tables(_snapshots[key])
        _reset_sequences()
    # Content types were copied back with the ids they had when kept.
    ContentType.objects.clear_cache()


def _tables():
    return sorted(connection.introspection.django_table_names(only_existing=True))


def _read_tables():
    contents = {}
    with connection.cursor() as cursor:
        # On SQLite, Wagtail's full-text index is a virtual table that triggers on its index
        # entries fill: copying it too would index every entry twice, under rowids that later
        # entries then clash with. It is emptied with the rest and refilled by the triggers.
        skipped = _sqlite_virtual_tables(cursor) if connection.vendor == "sqlite" else set()
        for table in _tables():
            if table in skipped:
                continue
            name = connection.ops.quote_name(table)
            if connection.vendor == "postgresql":
                # COPY's text form gives back every column type exactly as it was stored.
                with cursor.copy(f"COPY {name} TO STDOUT") as copy:
                    contents[table] = b"".join(bytes(block) for block in copy)
            else:
                cursor.execute(f"SELECT * FROM {name}")  # noqa: S608 - a table name of ours
                columns = [column[0] for column in cursor.description]
                contents[table] = (columns, cursor.fetchall())
    return contents


def _sqlite_virtual_tables(cursor):
    cursor.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")
    return {row[0] for row in cursor.fetchall()}


def _empty_tables():
    tables = _tables()
    statements = connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
    connection.ops.execute_sql_flush(statements)


def _write_tables(contents):
    # Foreign keys are checked at commit (Django makes them deferrable), so order is free.
    with connection.cursor() as cursor:
        for table, content in contents.items():
            name = connection.ops.quote_name(table)
            if connection.vendor == "postgresql":
                if content:
                    with cursor.copy(f"COPY {name} FROM STDIN") as copy:
                        copy.write(content)
                continue
            columns, rows = content
            if rows:
                names = ", ".join(connection.ops.quote_name(c) for c in columns)
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {name} ({names}) VALUES ({marks})", rows)  # noqa: S608


def _reset_sequences():
    models = apps.get_models(include_auto_created=True)
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
