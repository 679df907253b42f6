"""Benchmark: CPU per statement POST through the whole request path in process (middleware,
Basic authentication, validation, storing, projections), with Django's test client and the
production settings. Not a test. Figures: docs/performance.md, "LRS ingest".

Run it from the root of the tree to time, on a throwaway database (migrated here); the
benchmark's own helpers come from this script's checkout. To compare two commits, run it from
each (for an old one: ``git archive REF | tar -x -C DIR``, then from DIR give this script's
path):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/THROWAWAY \
        .venv/bin/python bench/lrs_requests.py [--count 600] [--batch 100]

The statements are ``bench/lrs_load.py``'s (video events, answers, lessons, ...), one per POST
or ``--batch`` per POST; the first 100 POSTs warm up. Unlike ``lrs_ingest.py`` there is no HTTP
server and no concurrency, so a difference that shows there and not here lies between the
server and the view.
"""

import argparse
import base64
import json
import os
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = Path.cwd()
sys.path.insert(0, str(BENCH))
# lrs_ingest puts its own checkout first on the path; the tree measured is the one run from.
import lrs_ingest  # noqa: E402 - needs the path above

sys.path.insert(0, str(ROOT))

WARM_UP = 100


def setup():
    """Django on the production settings, as ``lrs_ingest`` serves the platform; a credential
    for Basic authentication."""
    lrs_ingest.setup_django(lrs_ingest.server_env(os.environ["DATABASE_URL"]))
    credential = lrs_ingest.issue_credential()
    secret = f"{credential['key']}:{credential['secret']}".encode()
    return "Basic " + base64.b64encode(secret).decode()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=600, help="timed POSTs")
    parser.add_argument("--batch", type=int, default=1, help="statements per POST")
    args = parser.parse_args()
    authorization = setup()

    import lrs_load
    from django.test import Client

    size = args.batch
    statements = lrs_load.statements(lrs_load.Population(), 7, (WARM_UP + args.count) * size)
    if size == 1:
        bodies = [json.dumps(statement) for statement in statements]
    else:
        bodies = [json.dumps(statements[i : i + size]) for i in range(0, len(statements), size)]
    client = Client(HTTP_HOST="127.0.0.1")

    def post(body):
        response = client.post(
            "/xapi/statements",
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=authorization,
            HTTP_X_EXPERIENCE_API_VERSION="1.0.3",
        )
        assert response.status_code == 200, (response.status_code, response.content[:300])

    for body in bodies[:WARM_UP]:
        post(body)
    cpu, wall = time.process_time(), time.perf_counter()
    for body in bodies[WARM_UP:]:
        post(body)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(
        f"{ROOT}: {args.count} POSTs of {size}, CPU {1000 * cpu / args.count:.2f} ms, "
        f"wall {1000 * wall / args.count:.2f} ms per POST"
    )


if __name__ == "__main__":
    main()
