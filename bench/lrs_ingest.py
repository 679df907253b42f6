"""Benchmark: LRS statement ingest and query latency, against two peer LRSs and PostgreSQL's own
insert rate. Not a test. Figures and how to read them: docs/performance.md, "LRS ingest".

    .venv/bin/python bench/lrs_ingest.py            # full run, ~20 min on 2 cores
    .venv/bin/python bench/lrs_ingest.py --quick    # ~1 min: 10 k prefill, short phases
    .venv/bin/python bench/lrs_ingest.py --quick --no-peers
    .venv/bin/python bench/lrs_ingest.py --baseline 663685d   # beside the code of a commit

Everything runs on 127.0.0.1 and is started and stopped here: the platform under gunicorn with
``cms.settings.production`` on a throwaway PostgreSQL database (``--database``, dropped and
created; dropped again at the end unless ``--keep-database``), Learning Locker's statement
service (npm, in memory) and Ralph 4.2.0 (filesystem backend, own venv), see lrs_servers.py.

Phases, each bounded by a request count and a duration:

1. PostgreSQL alone: the same statement rows (same tables, columns and indexes) inserted from
   Python with COPY in transactions of 100 statements and of 1, no HTTP, no validation.
2. Empty store: single POSTs and POSTs of 100 statements, from ``--clients`` processes with a
   connection each (kept alive where the server allows it); the same statements to each peer
   LRS, then the peers' query latency.
3. Prefill to ``--prefill`` statements with COPY (not HTTP), stored times over the past year;
   VACUUM ANALYZE.
4. At the prefilled size: ingest again, PostgreSQL alone again, and GET query latency by agent,
   verb, activity and registration (sequential requests, ``limit=100``).

With ``--baseline REF`` the code of git commit REF (``git archive``, so nothing old stays in
the tree) is served too, by the same gunicorn set-up on a database of its own
(``<--database>_baseline``), warmed up and emptied as this checkout is, and taking turns with
the others in the empty-store phase as the peers do; the report gives it its own rows and a
table of this checkout against it.

The report (Markdown tables) is printed and written to ``--report``.
"""

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import lrs_load as load  # noqa: E402 - needs the path above
from lrs_servers import LearningLocker, Platform, Ralph  # noqa: E402

SERVER = "postgres://postgres@127.0.0.1:5432"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="10 k prefill, short phases")
    parser.add_argument("--no-peers", action="store_true", help="skip Learning Locker and Ralph")
    parser.add_argument(
        "--prefill",
        type=int,
        help="statements stored before the second "
        "measurement (default 1,000,000; 10,000 with --quick)",
    )
    parser.add_argument("--clients", type=int, default=4, help="client processes")
    parser.add_argument(
        "--duration", type=float, help="seconds per ingest phase (default 20; 3 with --quick)"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        help="ingest phases are split into this many "
        "rounds, the LRSs taking turns; the report gives the median (default 3; "
        "1 with --quick)",
    )
    parser.add_argument("--queries", type=int, help="GETs per filter (default 100; 20 quick)")
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * (os.cpu_count() or 1),
        help="gunicorn workers (default two per core, as README's deployment)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads per gunicorn worker: "
        "1 runs the sync workers README's deployment runs; more runs gthread "
        "workers, which keep connections alive (docs/performance.md)",
    )
    parser.add_argument(
        "--warm-up",
        type=int,
        help="statements the platform gets, through "
        "every worker, before each measurement (default 20,000; 2,000 with "
        "--quick); at the empty store the tables are emptied after it",
    )
    parser.add_argument(
        "--server",
        default=SERVER,
        help="PostgreSQL server URL, without a "
        "database; gunicorn and the load run on 127.0.0.1 whatever it is",
    )
    parser.add_argument(
        "--baseline",
        metavar="REF",
        help="also serve the code of this git commit (git "
        "archive) on its own database, side by side with this checkout",
    )
    parser.add_argument("--database", default="akademi_bench", help="dropped and created")
    parser.add_argument("--keep-database", action="store_true")
    parser.add_argument("--report", type=Path, help="Markdown output (default: in the workdir)")
    args = parser.parse_args(argv)
    quick = args.quick
    args.prefill = args.prefill if args.prefill is not None else (10_000 if quick else 1_000_000)
    args.duration = args.duration or (3.0 if quick else 20.0)
    args.queries = args.queries or (10 if quick else 100)
    args.warm_up = args.warm_up if args.warm_up is not None else (2_000 if quick else 20_000)
    args.rounds = args.rounds or (1 if quick else 3)
    # Upper bounds on statements per client and phase, above what the duration lets through,
    # so that the duration ends every phase of the full run and each rate is taken over the
    # same time (PostgreSQL alone was once measured in 1.5 s bursts against the platform's
    # 6.7 s rounds). The rows for PostgreSQL alone are prepared before a round starts: 75 µs
    # and some 6 kB per statement.
    args.single_cap = 400 if quick else 4_000
    args.batch_cap = 4_000 if quick else 75_000
    args.raw_cap = 4_000 if quick else 150_000
    return args


# Database and Django ---------------------------------------------------------------------


def recreate_database(server, name):
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(server, name):
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_env(database_url):
    """The production settings' environment for gunicorn and for this process."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        # Persistent connections, as a deployment sets them (README: DATABASE_CONN_MAX_AGE).
        "DATABASE_CONN_MAX_AGE": "60",
        "WAGTAILADMIN_BASE_URL": "https://akademi.example",
    }


def setup_django(env):
    os.environ.update(env)
    for name in ("CELERY_BROKER_URL", "CACHE_URL"):  # no broker: forwarding stays idle
        os.environ.pop(name, None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def issue_credential():
    """Key and secret from ``create_lrs_credential`` (one line of JSON)."""
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command(
        "create_lrs_credential",
        "bench",
        "--scopes",
        "statements/write",
        "statements/read",
        stdout=out,
    )
    return json.loads(out.getvalue())


def statement_count():
    from learning.xapi.models import Statement

    return Statement.objects.count()


def vacuum_analyze():
    import psycopg
    from django.db import connection

    with psycopg.connect(dsn(), autocommit=True) as pg:
        for table in ("xapi_statement", "xapi_statementagent", "xapi_statementactivity"):
            pg.execute(f"VACUUM ANALYZE {table}")
    connection.close()


def dsn():
    return os.environ["DATABASE_URL"].replace("postgres://", "postgresql://", 1)


STATEMENT_TABLES = (
    "xapi_statement",
    "xapi_statementagent",
    "xapi_statementactivity",
    "xapi_outboxentry",
)


# An idle PostgreSQL backend reports its table counts within 10 s (PGSTAT_IDLE_INTERVAL).
STATS_REPORTED_SECONDS = 11


def empty_statement_tables(settle=0, database_url=None):
    """TRUNCATE the statement tables, and zero their activity counters; ``settle`` seconds
    first, so that a running server's connections have reported their counts (else they come
    in after the zeroing).

    TRUNCATE leaves the planner's statistics unknown, as on new tables. It does not zero the
    count of rows changed since the last ANALYZE, so autovacuum went on to analyse the emptied
    tables within its minute (a run in which the platform's first round of batches made 858
    statements per second): the plans then made for an empty table, the side tables'
    foreign-key checks among them, scan the table as it grows, until the next ANALYZE a minute
    later. A new table has no such count, and neither have these after this.

    ``database_url``: another database than Django's (the baseline's)."""
    import psycopg
    from django.db import DatabaseError, connection

    time.sleep(settle)
    if database_url is not None:
        url = database_url.replace("postgres://", "postgresql://", 1)
        with psycopg.connect(url, autocommit=True) as other, other.cursor() as cursor:
            _empty(cursor, (psycopg.Error,))
        return
    with connection.cursor() as cursor:
        _empty(cursor, (DatabaseError,))


def _empty(cursor, errors):
    cursor.execute(f"TRUNCATE {', '.join(STATEMENT_TABLES)} CASCADE")
    try:
        for table in STATEMENT_TABLES:
            cursor.execute("SELECT pg_stat_reset_single_table_counters(%s::regclass)", [table])
    except errors as error:  # a role without the right: say so, measure anyway
        print(
            f"  could not zero the tables' counters ({error}); autovacuum may analyse them empty",
            flush=True,
        )


def baseline_platform(args, workdir):
    """The Platform serving ``git archive <--baseline>`` on its own database, migrated and with
    a credential issued by that code. Returns (server, its database URL)."""
    ref = subprocess.run(
        ["git", "rev-parse", "--short", args.baseline],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    root = workdir / f"baseline-{ref}"
    root.mkdir()
    archive = subprocess.run(
        ["git", "archive", "--format=tar", ref], cwd=ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(root)], input=archive, check=True)
    name = f"{args.database}_baseline"
    recreate_database(args.server, name)
    database_url = f"{args.server}/{name}"
    env = {**server_env(database_url), "PYTHONPATH": str(root)}
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=root, env=env, check=True, timeout=600)
    issued = subprocess.run(
        [*manage, "create_lrs_credential", "bench", "--scopes"]
        + ["statements/write", "statements/read"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    credential = json.loads(issued.strip().splitlines()[-1])
    server = Platform(workdir, env, credential, args.workers, args.threads, root=root, ref=ref)
    return server, database_url


# Phases ----------------------------------------------------------------------------------


class Run:
    def __init__(self, args):
        self.args = args
        self.population = load.Population()
        self.results = {}  # (section, row label) -> dict of figures
        self.notes = []
        self.loads = []

    def note_load(self, label):
        self.loads.append((label, os.getloadavg()[0]))

    # Ingest over HTTP ---------------------------------------------------------------

    def ingest(self, server, seed, per_body, cap, clients=None, duration=None):
        """Statements per second for one body size; the same seeds give every LRS the same
        statements."""
        population, clients = self.population, clients or self.args.clients
        target = {"port": server.port, "path": server.path, "authorization": server.authorization}

        def job(n):
            def make():
                made = load.statements(population, f"{seed}-{n}", cap)
                # Bytes: http.client would encode a str body as Latin-1.
                if per_body == 1:
                    return [json.dumps(s, ensure_ascii=False).encode() for s in made]
                return [
                    json.dumps(made[i : i + per_body], ensure_ascii=False).encode()
                    for i in range(0, len(made), per_body)
                ]

            return {"server": target, "make": make, "per_body": per_body}

        done, errors, seconds, first_error = load.run_clients(
            _post_worker, [job(n) for n in range(clients)], duration or self.args.duration
        )
        return {
            "statements": done,
            "seconds": seconds,
            "rate": done / seconds,
            "errors": errors,
            "first_error": first_error,
        }

    def warm_up(self, server):
        """Some POSTs on 4 connections per server process before measuring: gunicorn workers
        import the views (and the statement models) on their first request, which takes seconds.

        The platform also gets ``--warm-up`` statements of the same population in POSTs of 100
        on two connections per worker: its validation remembers the IRIs and language tags it
        has checked (learning/xapi/statement_schema.py), per worker process, as a server that
        has been running for a while has. The caller empties the tables after it
        where the store must be empty. The peers get only the small warm-up: they cannot be
        emptied, and both slow down as they fill."""
        connections = 4 * (self.args.workers if isinstance(server, Platform) else 1)
        figures = self.ingest(
            server, f"warm-up-{server.port}", 1, 20, connections, 1.0 if self.args.quick else 3.0
        )
        print(
            f"  {server.name} warm-up: {figures['statements']} statements, "
            f"{figures['errors']} errors {figures['first_error'][:120]}",
            flush=True,
        )
        if isinstance(server, Platform) and self.args.warm_up:
            connections = 2 * self.args.workers
            figures = self.ingest(
                server,
                f"warm-up-batches-{server.port}",
                100,
                -(-self.args.warm_up // connections),
                connections,
                120.0,
            )
            print(
                f"  {server.name} warm-up: {figures['statements']} statements in POSTs of "
                f"100, {figures['errors']} errors {figures['first_error'][:120]}",
                flush=True,
            )

    def record(self, key, figures):
        """Add one round's figures; the row keeps every round, the report their median."""
        figures["load"] = os.getloadavg()[0]
        self.results.setdefault(key, []).append(figures)
        print(
            f"  {key[1]} {key[2]}: {figures['rate']:.0f} statements/s "
            f"({figures['statements']} in {figures['seconds']:.1f} s, {figures['errors']} "
            f"errors {figures['first_error'][:120]}) load {figures['load']:.1f}",
            flush=True,
        )

    def ingest_rounds(self, servers, section, seed, raw_credential=None):
        """``--rounds`` rounds in which every server (and PostgreSQL alone, given a credential
        id) gets its share of the phase in turn, so that the load other users put on the
        machine falls on all of them alike."""
        rounds, duration = self.args.rounds, self.args.duration / self.args.rounds
        kinds = (
            ("single POSTs", 1, self.args.single_cap // rounds),
            ("POSTs of 100", 100, self.args.batch_cap // rounds),
        )
        try:
            for round_ in range(rounds):
                for label, per_body, cap in kinds:
                    for server in servers:
                        _alone(server, servers)
                        figures = self.ingest(
                            server, f"{seed}-{per_body}-r{round_}", per_body, cap, duration=duration
                        )
                        self.record((section, server.name, label), figures)
                if raw_credential is not None:
                    _alone(None, servers)
                    self.raw_insert(section, f"raw-{seed}-r{round_}", raw_credential, duration)
        finally:
            for server in servers:
                server.resume()

    # PostgreSQL alone ---------------------------------------------------------------

    def raw_insert(self, section, seed, credential_id, duration):
        clients, rounds = self.args.clients, self.args.rounds
        for label, size, cap in (
            ("COPY, transactions of 100", 100, self.args.raw_cap // rounds),
            ("COPY, transactions of 1", 1, self.args.single_cap // rounds),
        ):

            def job(n, size=size, cap=cap):
                def make():
                    made = load.statements(self.population, f"{seed}-{size}-{n}", cap)
                    rows = load.stored_rows(made, load.now_ms(), credential_id)
                    return [load.copy_tuples(rows[i : i + size]) for i in range(0, len(rows), size)]

                return {"dsn": dsn(), "make": make}

            done, errors, seconds, first_error = load.run_clients(
                _copy_worker, [job(n) for n in range(clients)], duration
            )
            self.record(
                (section, "PostgreSQL alone", label),
                {
                    "statements": done,
                    "seconds": seconds,
                    "rate": done / seconds,
                    "errors": errors,
                    "first_error": first_error,
                },
            )

    # Queries ------------------------------------------------------------------------

    def query_urls(self, sample):
        """URLs per filter, with values taken from statements the LRS holds."""
        from learning.xapi.vocabulary import VOIDED

        rng = random.Random(7)
        count = self.args.queries
        picks = [s for s in sample if s["verb"]["id"] != VOIDED.id]
        urls = {"agent": [], "verb": [], "activity": [], "registration": []}
        with_registration = [s for s in picks if s.get("context", {}).get("registration")]
        for _ in range(count):
            s = rng.choice(picks)
            urls["agent"].append({"agent": json.dumps(s["actor"], separators=(",", ":"))})
            urls["verb"].append({"verb": rng.choice(picks)["verb"]["id"]})
            urls["activity"].append({"activity": rng.choice(picks)["object"]["id"]})
            urls["registration"].append(
                {"registration": rng.choice(with_registration)["context"]["registration"]}
            )
        return {
            kind: [f"statements?{urlencode({**params, 'limit': 100})}" for params in values]
            for kind, values in urls.items()
        }

    def queries(self, server, section, sample, stored):
        target = {"port": server.port, "path": server.path, "authorization": server.authorization}
        for kind, urls in self.query_urls(sample).items():
            load.get_latencies(target, urls[:3], 30)  # warm the connection and caches
            timings, sizes, errors, first_error = load.get_latencies(
                target, urls, 15 if self.args.quick else 45
            )
            ordered = sorted(timings)
            figures = {
                "requests": len(timings),
                "errors": errors,
                "first_error": first_error,
                "p50": statistics.median(ordered) if ordered else float("nan"),
                "p95": ordered[max(0, round(0.95 * len(ordered)) - 1)] if ordered else float("nan"),
                "max": ordered[-1] if ordered else float("nan"),
                "mean_size": statistics.mean(sizes) if sizes else 0,
                "stored": stored,
                "load": os.getloadavg()[0],
            }
            self.results[(section, server.name, f"by {kind}")] = [figures]
            print(
                f"  {server.name} GET by {kind}: p50 {figures['p50'] * 1000:.1f} ms, p95 "
                f"{figures['p95'] * 1000:.1f} ms, max {figures['max'] * 1000:.1f} ms, "
                f"{figures['mean_size']:.0f} statements/answer, {errors} errors "
                f"{first_error[:120]}",
                flush=True,
            )

    def sent_sample(self, seed):
        """Statements certainly sent in an ingest phase: the first of each client's list in the
        first round, single and batched."""
        return [
            s
            for per_body, count in ((1, 20), (100, 200))
            for n in range(self.args.clients)
            for s in load.statements(self.population, f"{seed}-{per_body}-r0-{n}", count)
        ]

    # Prefill ------------------------------------------------------------------------

    def prefill(self, target, credential_id):
        """COPY statements until ``target`` are stored, from one process per core, 1,000 per
        transaction, with stored times spread over the past year (older than everything posted
        so far): each process fills its own slice of the year."""
        have = statement_count()
        wanted = max(target - have, 0)
        end = load.now_ms() - timedelta(hours=1)
        processes = max(os.cpu_count() or 1, 1)
        share = -(-wanted // processes)
        slice_ = load.ONE_YEAR / processes
        jobs = []
        for n in range(processes):
            count = max(min(share, wanted - n * share), 0)
            begin = end - load.ONE_YEAR + slice_ * n
            jobs.append(
                {
                    "dsn": dsn(),
                    "population": self.population,
                    "seed": f"prefill-{n}",
                    "count": count,
                    "credential_id": credential_id,
                    "moments": list(load.spread(begin, begin + slice_, count // 100 + 1)),
                }
            )
        done, _errors, seconds, _first = load.run_clients(load.prefill_worker, jobs, 0)
        return seconds, done

    def prefill_sample(self):
        return load.statements(self.population, "prefill-0-0", 1000, voiding=True)


def _post_worker(job, barrier, duration, queue):
    job = {**job, "bodies": job["make"]()}
    load.post_worker(job, barrier, duration, queue)


def _alone(measured, servers):
    """Let only ``measured`` run (None: none, for PostgreSQL alone): the others are paused, so
    that whatever an idle LRS does now and then is not charged to the one measured.
    PostgreSQL alone's empty-store rounds run before any LRS has started."""
    for server in servers:
        if server is not measured:
            server.pause()
    if measured is not None:
        measured.resume()


def _copy_worker(job, barrier, duration, queue):
    job = {**job, "batches": job["make"]()}
    load.copy_worker(job, barrier, duration, queue)


# Report ----------------------------------------------------------------------------------


def versions():
    import django
    import psycopg
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server_version = cursor.fetchone()[0]
        cursor.execute("SHOW shared_buffers")
        shared_buffers = cursor.fetchone()[0]
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    return (
        f"Python {platform.python_version()}, Django {django.get_version()}, psycopg "
        f"{psycopg.__version__}, PostgreSQL {server_version} (shared_buffers "
        f"{shared_buffers}, synchronous_commit on), node {node}"
    )


def report(run, servers, meta):
    args, results = run.args, run.results
    lines = [
        f"Run {meta['date']}, `{meta['command']}`, {meta['seconds'] / 60:.1f} min. Machine: "
        f"{os.cpu_count()} cores, {meta['memory']}, shared with other engineers; load average "
        f"(1 min) during the phases {min(avg for _, avg in run.loads):.1f}–"
        f"{max(avg for _, avg in run.loads):.1f}. {meta['versions']}. {args.clients} client "
        "processes, each on its own connection (http.client: kept alive unless the server "
        "closes it, as gunicorn's sync workers do after each answer); every LRS gets the "
        f"same statements. Each ingest figure is the median of {args.rounds} rounds of "
        f"{args.duration / args.rounds:.0f} s in which the LRSs take turns.",
        "",
        "| LRS | version | processes |",
        "|---|---|---|",
    ]
    lines += [f"| {s.name} | {s.version} | {s.processes_note} |" for s in servers]
    for section, title in (
        ("empty", "Ingest at an empty store"),
        (f"{args.prefill}", f"Ingest at {args.prefill:,} stored statements"),
    ):
        rows = [
            (key, value)
            for key, value in results.items()
            if key[0] == section and not key[2].startswith("by ")
        ]
        if not rows:
            continue
        lines += [
            "",
            f"#### {title}",
            "",
            "| LRS | load | statements/s (median) | per round | statements | errors | load avg |",
            "|---|---|--:|---|--:|--:|--:|",
        ]
        for (_, name, label), rounds in rows:
            f = summary(rounds)
            lines.append(
                f"| {name} | {label} | {f['rate']:,.0f} "
                f"| {' / '.join(f'{r:,.0f}' for r in f['rates'])} | {f['statements']:,} "
                f"| {f['errors']}"
                f"{' (' + f['first_error'][:60] + ')' if f['errors'] else ''} "
                f"| {f['loads']} |"
            )
    queries = [(key, value) for key, value in results.items() if key[2].startswith("by ")]
    if queries:
        lines += [
            "",
            "#### GET query latency (sequential requests, `limit=100`)",
            "",
            "| LRS | statements stored | filter | requests | p50 ms | p95 ms | max ms "
            "| statements/answer | errors |",
            "|---|--:|---|--:|--:|--:|--:|--:|--:|",
        ]
        for (_, name, label), (f,) in queries:
            lines.append(
                f"| {name} | {f['stored']:,} | {label} | {f['requests']} "
                f"| {f['p50'] * 1000:.1f} | {f['p95'] * 1000:.1f} "
                f"| {f['max'] * 1000:.1f} | {f['mean_size']:.0f} | {f['errors']} |"
            )
    lines += against_baseline(run, servers)
    lines += ["", "#### Targets", ""] + [f"* {line}" for line in targets(run, servers)]
    if meta["prefill"]:
        seconds, count = meta["prefill"]
        lines += [
            "",
            f"Prefill: {count:,} statements added by COPY in {seconds:.0f} s "
            f"({count / max(seconds, 1e-9):,.0f}/s), then VACUUM ANALYZE.",
        ]
    return "\n".join(lines) + "\n"


def against_baseline(run, servers):
    """Markdown lines: this checkout against ``--baseline``, per kind of load, from the same
    rounds (none without a baseline)."""
    baseline = next((s for s in servers if isinstance(s, Platform) and s.name != Platform.name), 0)
    if not baseline:
        return []
    lines = [
        "",
        f"#### This checkout against the {baseline.name.removeprefix(Platform.name).strip('() ')}",
        "",
        f"| load | {Platform.name} statements/s | baseline statements/s | ratio |",
        "|---|--:|--:|--:|",
    ]
    for label in ("single POSTs", "POSTs of 100"):
        ours = run.results.get(("empty", Platform.name, label))
        theirs = run.results.get(("empty", baseline.name, label))
        if ours and theirs:
            mine, base = summary(ours)["rate"], summary(theirs)["rate"]
            lines.append(f"| {label} | {mine:,.0f} | {base:,.0f} | {mine / max(base, 1e-9):.2f} |")
    return lines


def summary(rounds):
    """Median rate of the rounds, with totals and the load range."""
    loads = [f["load"] for f in rounds]
    return {
        "rate": statistics.median(f["rate"] for f in rounds),
        "rates": [f["rate"] for f in rounds],
        "statements": sum(f["statements"] for f in rounds),
        "errors": sum(f["errors"] for f in rounds),
        "first_error": next((f["first_error"] for f in rounds if f["first_error"]), ""),
        "loads": f"{min(loads):.1f}–{max(loads):.1f}",
    }


def targets(run, servers):
    results, size = run.results, f"{run.args.prefill}"
    name = Platform.name

    def rate(section, who, label):
        rounds = results.get((section, who, label))
        return summary(rounds)["rate"] if rounds else None

    verdicts = []
    for section in ("empty", size):
        batched = rate(section, name, "POSTs of 100")
        raw = rate(section, "PostgreSQL alone", "COPY, transactions of 100")
        if batched and raw:
            where = "an empty store" if section == "empty" else f"{int(size):,} stored"
            verdicts.append(
                f"Batched ingest ≥ ½ of PostgreSQL's own rate ({where}): "
                f"{batched:,.0f} vs {raw:,.0f}/s = {batched / raw:.0%} → "
                f"{'met' if batched >= raw / 2 else 'missed'}"
            )
    # The peers slow down as they fill (each POST scans what they hold), so the first round,
    # the only one at a truly empty store, is judged on its own as well as the median.
    for label, pick in (
        ("first round, truly empty", lambda rounds: rounds[0]["rate"]),
        ("median of the rounds", lambda rounds: summary(rounds)["rate"]),
    ):
        figures = {
            s.name: results.get(("empty", s.name, "single POSTs"))
            for s in servers
            if s.name == name or not isinstance(s, Platform)  # the baseline is no peer
        }
        if not figures.get(name) or not any(figures[n] for n in figures if n != name):
            break
        single = pick(figures[name])
        peers = [(n, pick(rounds)) for n, rounds in figures.items() if n != name and rounds]
        listed = ", ".join(f"{n} {r:,.0f}/s" for n, r in peers)
        verdicts.append(
            f"Single-POST ingest ahead of both peers ({label}): {single:,.0f}/s vs "
            f"{listed} → {'met' if all(single > r for _, r in peers) else 'missed'}"
        )
    for label in ("single POSTs", "POSTs of 100"):
        empty, full = rate("empty", name, label), rate(size, name, label)
        if empty and full:
            verdicts.append(
                f"{label} at {int(size):,} within 80 % of an empty store: "
                f"{full:,.0f} vs {empty:,.0f}/s = {full / empty:.0%} → "
                f"{'met' if full >= 0.8 * empty else 'missed'}"
            )
    p95s = [
        (key[2], rounds[0]["p95"])
        for key, rounds in results.items()
        if key[0] == size and key[1] == name and key[2].startswith("by ")
    ]
    if p95s:
        worst = max(p95s, key=lambda pair: pair[1])
        verdicts.append(
            f"Query p95 < 100 ms at {int(size):,}: worst {worst[0]} "
            f"{worst[1] * 1000:.1f} ms → {'met' if worst[1] < 0.1 else 'missed'}"
        )
    return verdicts


# Main ------------------------------------------------------------------------------------


def main(argv=None):
    args = parse_args(argv)
    began = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="lrs-ingest-"))
    database_url = f"{args.server}/{args.database}"
    print(f"work directory {workdir}; database {args.database}", flush=True)
    recreate_database(args.server, args.database)
    env = server_env(database_url)
    setup_django(env)
    credential = issue_credential()
    from learning.xapi.models import Credential

    credential_id = Credential.objects.get(key=credential["key"]).pk
    run = Run(args)
    platform_server = Platform(workdir, env, credential, args.workers, args.threads)
    peers = [] if args.no_peers else [LearningLocker(workdir), Ralph(workdir)]
    baseline, baseline_url = baseline_platform(args, workdir) if args.baseline else (None, None)
    # The baseline takes turns in the empty-store phase and is then stopped, as the peers are.
    others = [baseline, *peers] if baseline else peers
    servers = [platform_server, *others]
    prefill = None
    try:
        # PostgreSQL alone first, into the same tables, which are emptied again afterwards.
        print("PostgreSQL alone, empty store", flush=True)
        for round_ in range(args.rounds):
            empty_statement_tables()  # each round from empty, as the platform's first one
            run.raw_insert(
                "empty", f"raw-empty-r{round_}", credential_id, args.duration / args.rounds
            )
        # Emptied, not analysed: the tables are then as unknown to the planner as new ones
        # (TRUNCATE resets their statistics; empty_statement_tables also the count that would
        # have autovacuum analyse them empty), as they were for PostgreSQL alone. VACUUM ANALYZE
        # here told the planner they were empty, and the plans it then cached (the foreign-key
        # checks of the side tables, the duplicate check) scanned the whole growing table:
        # batches into the "empty" store ran at a third of their rate at 10,000 statements.
        empty_statement_tables()

        print("Ingest, empty store", flush=True)
        started = []
        for server in servers:
            try:
                server.start()
                run.warm_up(server)
                if server is platform_server:
                    # Warm, and empty again (not analysed: above).
                    empty_statement_tables(settle=STATS_REPORTED_SECONDS)
                elif server is baseline:
                    empty_statement_tables(STATS_REPORTED_SECONDS, baseline_url)
                started.append(server)
            except RuntimeError as error:
                run.notes.append(f"{server.name} did not start: {error}")
                print(f"  {server.name} failed: {error}", flush=True)
                server.stop()
        run.note_load("ingest empty")
        run.ingest_rounds(started, "empty", "empty")
        sample = run.sent_sample("empty")
        for peer in others:
            if peer in started:
                run.queries(peer, "peer", sample, peer_count(run, peer))
            peer.stop()

        print(f"Prefill to {args.prefill:,}", flush=True)
        platform_server.stop()  # the prefill gets the machine to itself
        prefill = run.prefill(args.prefill, credential_id)
        vacuum_analyze()
        section = f"{args.prefill}"

        platform_server.start()
        run.warm_up(platform_server)  # its statements stay: the count below includes them
        stored = statement_count()
        print(f"Queries at {stored:,} statements", flush=True)
        run.note_load("queries")
        run.queries(platform_server, section, run.prefill_sample(), stored)
        print(f"Ingest at {stored:,} statements", flush=True)
        run.note_load("ingest full")
        run.ingest_rounds([platform_server], section, "full", raw_credential=credential_id)
    finally:
        for server in servers:
            server.stop()
    meta = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "command": "bench/lrs_ingest.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "seconds": time.monotonic() - began,
        "versions": versions(),
        "memory": _memory(),
        "prefill": prefill,
    }
    text = report(run, servers, meta)
    from django.db import connections

    connections.close_all()
    if not args.keep_database:
        drop_database(args.server, args.database)
        if baseline:
            drop_database(args.server, f"{args.database}_baseline")
    path = args.report or workdir / "lrs_ingest.md"
    path.write_text(text)
    print("\n" + text + f"\n(written to {path})")
    return run


def peer_count(run, peer):
    """Statements a peer holds after its ingest phases (what its queries search)."""
    return (
        sum(
            f["statements"]
            for (section, name, _), rounds in run.results.items()
            for f in rounds
            if section == "empty" and name == peer.name
        )
        + 4 * 20
    )


def _memory():
    with open("/proc/meminfo") as meminfo:
        kib = int(meminfo.readline().split()[1])
    return f"{kib / 1024 / 1024:.0f} GiB RAM"


if __name__ == "__main__":
    main()
