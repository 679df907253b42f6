"""Statements, load generators and PostgreSQL's own insert rate for ``bench/lrs_ingest.py``.

Statements come from the platform's own builders (``learning.xapi.vocabulary``) for a North
Jutland-sized population: 25,000 people, 120 courses of 8 lessons, 60 quizzes of 10 questions,
150 video guides; one registration per person and course. The mix is mostly video events and
answered questions, as in the platform's log. Generation is deterministic per seed, so every
LRS receives exactly the same statements (with the same ids).

Django must be set up before these functions run (the builders read the account home page).
"""

import http.client
import json
import multiprocessing
import random
import time
import types
import uuid
from datetime import UTC, datetime, timedelta

PEOPLE = 25_000
COURSES = 120
LESSONS_PER_COURSE = 8
QUIZZES = 60
QUESTIONS_PER_QUIZ = 10
VIDEOS = 150
NAMESPACE = uuid.UUID("6f1d2c3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f")


class Population:
    """People, activities and registrations; the query benchmark picks its filters from here."""

    def __init__(self):
        from learning.progress import activities

        self.people = [
            types.SimpleNamespace(actor_id=uuid.uuid5(NAMESPACE, f"person-{n}"))
            for n in range(PEOPLE)
        ]
        self.courses = [activities.activity_id(activities.COURSE, 1000 + c) for c in range(COURSES)]
        self.lessons = [
            [
                activities.activity_id(activities.LESSON, 5000 + c * 16 + n)
                for n in range(LESSONS_PER_COURSE)
            ]
            for c in range(COURSES)
        ]
        self.videos = [activities.activity_id(activities.VIDEO, 20000 + v) for v in range(VIDEOS)]
        home = activities.activity_id("quiz", 0).rsplit("/", 1)[0]
        self.quizzes = [f"{home}/{q}" for q in range(QUIZZES)]

    @staticmethod
    def registration(person, course):
        return uuid.uuid5(NAMESPACE, f"registration-{person}-{course}")


_KINDS = (
    ("video", 40),
    ("answer", 25),
    ("lesson", 18),
    ("register", 6),
    ("quiz", 6),
    ("course", 4.9),
    ("void", 0.1),
)


def statements(population, seed, count, voiding=False):
    """``count`` statements with ids, the same for the same seed. ``voiding`` adds 0.1 %
    voiding statements: only to the prefill, because Ralph 4.2 answers 422 to every
    StatementRef object (it parses the referenced statement's UUID as a URL)."""
    from learning.xapi import vocabulary as v

    rng = random.Random(seed)
    kinds = [kind for kind, _ in _KINDS]
    weights = [weight if kind != "void" or voiding else 0 for kind, weight in _KINDS]
    video_verbs = (
        v.PLAYED,
        v.PLAYED,
        v.PAUSED,
        v.PAUSED,
        v.SEEKED,
        v.INITIALIZED,
        v.TERMINATED,
        v.COMPLETED,
    )
    made = []
    for _ in range(count):
        p = rng.randrange(PEOPLE)
        person = population.people[p]
        course = rng.randrange(COURSES)
        kind = rng.choices(kinds, weights)[0]
        if kind == "void" and not made:
            kind = "video"
        if kind == "video":
            video = rng.randrange(VIDEOS)
            length = 60.0 + video % 240
            at = round(rng.uniform(0, length), 1)
            statement = v.video_event(
                person,
                rng.choice(video_verbs),
                population.videos[video],
                f"Videoguide {video}",
                session_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                length=length,
                time=at,
                played_segments=f"0[.]{at}",
                progress=round(at / length, 3),
            )
        elif kind == "answer":
            quiz = rng.randrange(QUIZZES)
            question = rng.randrange(QUESTIONS_PER_QUIZ)
            choice = rng.choice("abcd")
            statement = v.answered_question(
                person,
                f"{population.quizzes[quiz]}/question/{question}",
                f"Spørgsmål {question + 1}",
                population.quizzes[quiz],
                response=choice,
                success=choice == "a",
            )
        elif kind == "lesson":
            lesson = rng.randrange(LESSONS_PER_COURSE)
            statement = v.completed_lesson(
                person,
                population.lessons[course][lesson],
                f"Lektion {lesson + 1}",
                population.courses[course],
                population.registration(p, course),
            )
        elif kind == "register":
            statement = v.registered_for_course(
                person,
                population.courses[course],
                f"Kursus {course}",
                population.registration(p, course),
            )
        elif kind == "quiz":
            quiz = rng.randrange(QUIZZES)
            raw = rng.randrange(QUESTIONS_PER_QUIZ + 1)
            statement = v.finished_quiz(
                person,
                population.quizzes[quiz],
                f"Quiz {quiz}",
                raw=raw,
                maximum=QUESTIONS_PER_QUIZ,
                passed=raw >= 8,
                course_id=population.courses[course],
            )
        elif kind == "course":
            statement = v.completed_course(
                person,
                population.courses[course],
                f"Kursus {course}",
                population.registration(p, course),
            )
        else:
            statement = v.voiding(person, rng.choice(made[-1000:])["id"])
        statement["id"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        made.append(statement)
    return made


# Rows as the LRS stores them --------------------------------------------------------------

AUTHORITY = {
    "objectType": "Agent",
    "name": "bench",
    "account": {"homePage": "https://akademi.example", "name": "bench"},
}


def stored_rows(batch, stored, credential_id):
    """(Statement, agent rows, activity rows) for a batch, completed exactly as ``store``
    completes them (id, stored, authority, version, timestamp, hash, index terms), without
    validation. Statement pks are set later. No query."""
    from learning.xapi import store

    stamp = store.format_time(stored)
    rows = []
    for statement in batch:
        data = dict(store._normalise_context(statement))
        data.setdefault("timestamp", stamp)
        data["stored"] = stamp
        data["authority"] = AUTHORITY
        data.setdefault("version", "1.0.0")
        row = store._row(data, store.content_hash(statement), stored, None)
        row.credential_id = credential_id
        rows.append(row)
    return rows


STATEMENT_COLUMNS = (
    "id",
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


def copy_tuples(rows):
    """The three tables' COPY rows for Statement rows (pks unset: index 0 is filled in)."""
    from learning.xapi import bulk

    statements, agents, activities = [], [], []
    for n, row in enumerate(rows):
        statements.append(
            [
                None,
                row.statement_id,
                json.dumps(row.data, ensure_ascii=False),
                row.content_hash,
                row.stored,
                row.timestamp,
                row.actor_key,
                row.verb_id,
                row.object_activity_id,
                row.object_statement_id,
                row.registration,
                False,
                row.credential_id,
            ]
        )
        agent_terms, activity_terms = bulk.index_terms(row.data)
        agents += [(n, key, direct) for key, direct in agent_terms]
        activities += [(n, activity) for activity in activity_terms]
    return statements, agents, activities


def copy_batch(cursor, statements, agents, activities):
    """Insert one prepared batch the way ``learning.xapi.bulk`` does on PostgreSQL: ids from
    the sequence, then one COPY per table. Returns nothing; the caller commits."""
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence('xapi_statement', 'id')) "
        "FROM generate_series(1, %s)",
        [len(statements)],
    )
    ids = [row[0] for row in cursor.fetchall()]
    names = ", ".join(STATEMENT_COLUMNS)
    with cursor.copy(f"COPY xapi_statement ({names}) FROM STDIN") as copy:
        for pk, row in zip(ids, statements, strict=True):
            row[0] = pk
            copy.write_row(row)
    with cursor.copy(
        "COPY xapi_statementagent (statement_id, agent_key, direct) FROM STDIN"
    ) as copy:
        for n, key, direct in agents:
            copy.write_row((ids[n], key, direct))
    with cursor.copy("COPY xapi_statementactivity (statement_id, activity_id) FROM STDIN") as copy:
        for n, activity in activities:
            copy.write_row((ids[n], activity))


# Client processes ------------------------------------------------------------------------


def prefill_worker(job, barrier, duration, queue):
    """Generate and COPY ``job["count"]`` statements, 1,000 per transaction, stored at
    ``job["moments"]`` (one moment per 100 statements). No time limit: the store must be full."""
    import psycopg

    done, seed = 0, 0
    barrier.wait(timeout=600)
    with psycopg.connect(job["dsn"]) as connection:
        moments = iter(job["moments"])
        while done < job["count"]:
            size = min(1000, job["count"] - done)
            made = statements(job["population"], f"{job['seed']}-{seed}", size, voiding=True)
            seed += 1
            rows = []
            for i in range(0, size, 100):
                rows += stored_rows(made[i : i + 100], next(moments), job["credential_id"])
            with connection.transaction(), connection.cursor() as cursor:
                copy_batch(cursor, *copy_tuples(rows))
            done += size
    queue.put((done, 0, ""))


def _fork():
    return multiprocessing.get_context("fork")


def run_clients(worker, jobs, duration):
    """Run ``worker(job, barrier, deadline_seconds, queue)`` in one process per job; each puts
    (units done, errors, first error) on the queue. Returns (units, errors, seconds, error):
    the wall time from the common start to the last finish."""
    from django.db import connections

    connections.close_all()  # children must not share the parent's connection
    ctx = _fork()
    barrier = ctx.Barrier(len(jobs) + 1)
    queue = ctx.Queue()
    processes = [ctx.Process(target=worker, args=(job, barrier, duration, queue)) for job in jobs]
    for process in processes:
        process.start()
    barrier.wait(timeout=600)  # every child has prepared its work
    started = time.perf_counter()
    results = [queue.get(timeout=duration + 1800) for _ in processes]
    elapsed = time.perf_counter() - started
    for process in processes:
        process.join(timeout=30)
    errors = sum(r[1] for r in results)
    first_error = next((r[2] for r in results if r[2]), "")
    return sum(r[0] for r in results), errors, elapsed, first_error


def post_worker(job, barrier, duration, queue):
    """POST ``job["bodies"]`` (JSON texts of one statement or a list) over one keep-alive
    connection until done or ``duration`` seconds have passed; counts statements accepted."""
    server, bodies, per_body = job["server"], job["bodies"], job["per_body"]
    headers = {
        "Authorization": server["authorization"],
        "Content-Type": "application/json",
        "X-Experience-API-Version": "1.0.3",
    }
    connection = http.client.HTTPConnection("127.0.0.1", server["port"], timeout=120)
    url = server["path"] + "statements"
    done = errors = 0
    first_error = ""
    barrier.wait(timeout=600)
    deadline = time.perf_counter() + duration
    for body in bodies:
        if time.perf_counter() >= deadline:
            break
        try:
            connection.request("POST", url, body, headers)  # body: UTF-8 bytes
            response = connection.getresponse()
            answer = response.read()
        except (OSError, http.client.HTTPException) as error:
            errors += 1
            first_error = first_error or repr(error)
            connection.close()
            continue
        if response.status == 200:
            done += per_body
        else:
            errors += 1
            first_error = first_error or f"{response.status} {answer[:200]!r}"
    connection.close()
    queue.put((done, errors, first_error))


def copy_worker(job, barrier, duration, queue):
    """Insert prepared batches with psycopg (COPY, one transaction per batch) until done or
    ``duration`` seconds have passed; counts statements committed."""
    import psycopg

    done = errors = 0
    first_error = ""
    with psycopg.connect(job["dsn"]) as connection:
        barrier.wait(timeout=600)
        deadline = time.perf_counter() + duration
        for statements, agents, activities in job["batches"]:
            if time.perf_counter() >= deadline:
                break
            try:
                with connection.transaction(), connection.cursor() as cursor:
                    copy_batch(cursor, statements, agents, activities)
                done += len(statements)
            except psycopg.Error as error:
                errors += 1
                first_error = first_error or repr(error)
    queue.put((done, errors, first_error))


def get_latencies(server, urls, duration):
    """GET each URL once, in order, on one keep-alive connection (sequential: latency, not
    throughput) until done or ``duration`` seconds have passed. Returns (seconds per request,
    statements per answer, errors, first error)."""
    headers = {"Authorization": server["authorization"], "X-Experience-API-Version": "1.0.3"}
    connection = http.client.HTTPConnection("127.0.0.1", server["port"], timeout=120)
    timings, sizes, errors, first_error = [], [], 0, ""
    deadline = time.perf_counter() + duration
    for url in urls:
        if time.perf_counter() >= deadline:
            break
        started = time.perf_counter()
        try:
            connection.request("GET", server["path"] + url, headers=headers)
            response = connection.getresponse()
            answer = response.read()
        except (OSError, http.client.HTTPException) as error:
            errors += 1
            first_error = first_error or repr(error)
            connection.close()
            continue
        timings.append(time.perf_counter() - started)
        if response.status == 200:
            sizes.append(len(json.loads(answer)["statements"]))
        else:
            errors += 1
            first_error = first_error or f"{response.status} {answer[:200]!r}"
    connection.close()
    return timings, sizes, errors, first_error


def spread(start, end, count):
    """``count`` increasing moments from start to end (prefill ``stored`` values)."""
    step = (end - start) / max(count, 1)
    return (start + step * n for n in range(count))


def now_ms():
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


ONE_YEAR = timedelta(days=365)
