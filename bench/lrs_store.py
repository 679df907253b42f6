"""The ingest core in process: ``store.store_statements`` (validation, duplicate check, INSERTs,
projections, outbox) timed without HTTP, for single statements and for batches of 100.

Runs against the database in DATABASE_URL (migrated; the statement tables are emptied first)
from the tree it is started in, and prints one JSON line of medians. To compare two versions of
the code, run it alternately from each tree (see docs/performance.md)::

    DATABASE_URL=postgres://… python bench/lrs_store.py --rounds 5

``--from-json`` times what a POST's view does with its body instead: the JSON bytes parsed
(``http.loads_json``) and stored. This script can be run from another tree's directory
(``cd old && python /path/to/bench/lrs_store.py --from-json``): the code measured is the tree
it is started in.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
import uuid

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")


def population(count, seed=7):
    """Statements as a course's players send them: recurring people, verbs and activities,
    a new id, registration and result each time."""
    rng = random.Random(seed)
    people = [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(500)]
    verbs = ["completed", "attempted", "answered", "passed", "experienced"]
    statements = []
    for _ in range(count):
        lesson = f"https://lms.example.org/courses/fmk/lessons/{rng.randrange(50)}"
        verb = rng.choice(verbs)
        statements.append(
            {
                "id": str(uuid.UUID(int=rng.getrandbits(128))),
                "actor": {
                    "objectType": "Agent",
                    "account": {"homePage": "https://lms.example.org", "name": rng.choice(people)},
                },
                "verb": {
                    "id": f"http://adlnet.gov/expapi/verbs/{verb}",
                    "display": {"en-US": verb},
                },
                "object": {
                    "objectType": "Activity",
                    "id": lesson,
                    "definition": {"name": {"da-DK": "Lektion", "en-US": "Lesson"}},
                },
                "result": {"completion": True, "score": {"scaled": rng.random()}},
                "context": {
                    "registration": str(uuid.UUID(int=rng.getrandbits(128))),
                    "contextActivities": {
                        "parent": [{"id": "https://lms.example.org/courses/fmk"}],
                    },
                },
                "timestamp": "2026-03-01T09:15:00.250Z",
            }
        )
    return statements


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--singles", type=int, default=300)
    parser.add_argument("--batches", type=int, default=20)
    parser.add_argument("--from-json", action="store_true", help="from the body bytes")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    from learning.xapi.http import loads_json
    from learning.xapi.models import Statement, StatementActivity, StatementAgent
    from learning.xapi.store import store_statements

    def prepared(batch):
        """The work to time for ``batch``, its request body written first (not timed)."""
        if not args.from_json:
            return lambda: store_statements(batch)
        raw = json.dumps(batch if len(batch) > 1 else batch[0]).encode()

        def from_json():
            parsed = loads_json(raw)
            parsed = parsed if isinstance(parsed, list) else [parsed]
            return store_statements(parsed)

        return from_json

    tables = [model._meta.db_table for model in (StatementActivity, StatementAgent, Statement)]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608
    needed = args.rounds * (args.singles + args.batches * 100) + 200
    statements = iter(population(needed, seed=int(time.time())))
    for _ in range(200):  # warm-up: imports, caches, connection
        prepared([next(statements)])()
    # Wall time includes waiting for PostgreSQL (round trips); CPU time is this process's work
    # alone, which a shared machine disturbs less.
    single, batch, single_cpu, batch_cpu = [], [], [], []
    for _ in range(args.rounds):
        for _ in range(args.singles):
            work = prepared([next(statements)])
            start, cpu = time.perf_counter(), time.process_time()
            work()
            single.append(time.perf_counter() - start)
            single_cpu.append(time.process_time() - cpu)
        for _ in range(args.batches):
            work = prepared([next(statements) for _ in range(100)])
            start, cpu = time.perf_counter(), time.process_time()
            work()
            batch.append(time.perf_counter() - start)
            batch_cpu.append(time.process_time() - cpu)
    print(
        json.dumps(
            {
                "tree": os.getcwd(),
                "from_json": args.from_json,
                "vendor": connection.vendor,
                "single_ms": round(statistics.median(single) * 1000, 3),
                "batch100_ms": round(statistics.median(batch) * 1000, 2),
                "single_cpu_ms": round(statistics.median(single_cpu) * 1000, 3),
                "batch100_cpu_ms": round(statistics.median(batch_cpu) * 1000, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
