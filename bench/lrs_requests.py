"""Benchmark: CPU per statement POST through the whole request path in process (middleware,
Basic authentication, validation, storing, projections), with Django's test client and the
production settings. Not a test. Figures: docs/performance.md, "LRS ingest".

Run it from the root of the tree to time, on a throwaway database (migrated here); to compare
two commits, run it from each (for an old one: ``git archive REF | tar -x -C DIR``):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/THROWAWAY \
        .venv/bin/python bench/lrs_requests.py [--count 600]

The statements are ``bench/lrs_load.py``'s (video events, answers, lessons, ...), one per POST;
the first 100 warm up. Unlike ``lrs_ingest.py`` there is no HTTP server and no concurrency, so a
difference that shows there and not here lies between the server and the view.
"""

import argparse
import base64
import io
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path.cwd()
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

WARM_UP = 100


def setup():
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": "bench-" + "x" * 50,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_CONN_MAX_AGE": "60",
            "WAGTAILADMIN_BASE_URL": "https://akademi.example",
        }
    )
    for name in ("CELERY_BROKER_URL", "CACHE_URL"):  # no broker: forwarding stays idle
        os.environ.pop(name, None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    out = io.StringIO()
    call_command(
        "create_lrs_credential",
        "bench",
        "--scopes",
        "statements/write",
        "statements/read",
        stdout=out,
    )
    credential = json.loads(out.getvalue().strip().splitlines()[-1])
    secret = f"{credential['key']}:{credential['secret']}".encode()
    return "Basic " + base64.b64encode(secret).decode()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=600, help="timed POSTs")
    args = parser.parse_args()
    authorization = setup()

    import lrs_load
    from django.test import Client

    statements = lrs_load.statements(lrs_load.Population(), 7, WARM_UP + args.count)
    bodies = [json.dumps(statement) for statement in statements]
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
        f"{ROOT}: {args.count} POSTs, CPU {1000 * cpu / args.count:.2f} ms, "
        f"wall {1000 * wall / args.count:.2f} ms per POST"
    )


if __name__ == "__main__":
    main()
