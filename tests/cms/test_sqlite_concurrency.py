"""On the embedded SQLite default, parallel writers wait their turn instead of failing with
"database is locked" (cms.settings.env.SQLITE_OPTIONS)."""

import threading
import time

from django.db import connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

from cms.settings.env import env_database


def wrapper(path, monkeypatch):
    monkeypatch.setenv("SCRATCH_DATABASE_URL", f"sqlite:///{path}")
    settings = env_database("SCRATCH_DATABASE_URL", "")
    settings.update(
        {
            "TIME_ZONE": None,
            "CONN_HEALTH_CHECKS": False,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
            "CONN_MAX_AGE": 0,
        }
    )
    return DatabaseWrapper(settings)


def test_a_read_then_write_transaction_waits_for_another_writer(
    tmp_path, monkeypatch, django_db_blocker
):
    django_db_blocker.unblock()
    monkeypatch.setattr(django_db_blocker, "unblock", lambda: None)
    path = tmp_path / "quiz.sqlite3"
    setup = wrapper(path, monkeypatch)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE attempt (id INTEGER PRIMARY KEY, status TEXT, score INT)")
        cursor.execute("INSERT INTO attempt VALUES (1, 'open', NULL)")
    setup.close()

    results, errors, start = [], [], threading.Barrier(6)

    def submit(score):
        # Each thread has its own connection, as each request does.
        connection = connections["scratch"] = wrapper(path, monkeypatch)
        try:
            start.wait()
            # What submit_attempt does: in one transaction, read the attempt, then write it if
            # it is still open.
            with transaction.atomic(using="scratch"), connection.cursor() as cursor:
                cursor.execute("SELECT status FROM attempt WHERE id = 1")
                (status,) = cursor.fetchone()
                time.sleep(0.1)  # scoring: long enough for every thread to have read
                if status == "open":
                    cursor.execute(
                        "UPDATE attempt SET status = 'submitted', score = %s WHERE id = 1", [score]
                    )
                    results.append(score)
        except Exception as exc:  # the test reports every failure
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == 1  # the score is recorded once; the others saw it submitted
