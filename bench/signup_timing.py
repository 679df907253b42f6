"""Benchmark: how long POST /accounts/signup/ takes for a known and an unknown e-mail. Not a test.

    .venv/bin/python bench/signup_timing.py [--rounds 15]
    DATABASE_URL=postgres://... .venv/bin/python bench/signup_timing.py

Runs in-process with Django's test client, without DATABASE_URL against a fresh SQLite file in
a temporary folder (never db.sqlite3); with one, it migrates that database and adds users to
it, so point it at a throwaway database. Development settings, so passwords are hashed with Django's
default PBKDF2 as in production. Sign-ups alternate between a new address and a known one, so
a load spike on the machine hits both alike; each variant is run with allauth's own sign-up
form (before) and with learning.accounts.forms.SignupForm (after). Prints the median, the
spread and the median difference per variant, in milliseconds.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "Lang-og-sikker-42"  # noqa: S105 - a throwaway sign-up in a throwaway database
VARIANTS = {
    "allauth's form (before)": "allauth.account.forms.SignupForm",
    "learning.accounts.forms.SignupForm (after)": "learning.accounts.forms.SignupForm",
}


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="signup-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()  # locmem mail, testserver allowed; hashers stay PBKDF2
    call_command("migrate", verbosity=0)


def sign_up(client, email):
    started = time.perf_counter()
    response = client.post(
        "/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 302, response.status_code
    return elapsed


def run(form, rounds, tag):
    from django.core.cache import cache
    from django.test import Client, override_settings

    from learning.accounts.factories import UserFactory

    tag = f"{tag}-{time.time_ns()}"  # a database used before keeps its earlier users
    known = UserFactory(email=f"kendt-{tag}@example.org").email
    timings = {"known": [], "unknown": []}
    with override_settings(ACCOUNT_FORMS={"signup": form}, ACCOUNT_RATE_LIMITS=False):
        for n in range(rounds):
            cache.clear()
            client = Client()
            timings["unknown"].append(sign_up(client, f"ny-{tag}-{n}@example.org"))
            timings["known"].append(sign_up(Client(), known))
    return timings


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    setup_django()
    from django.contrib.auth.hashers import get_hasher

    print(f"hasher: {get_hasher().algorithm}, {args.rounds} sign-ups per path and variant\n")
    print("| form | e-mail | median ms | min–max ms |")
    print("|---|---|---|---|")
    for number, (label, form) in enumerate(VARIANTS.items()):
        run(form, 2, f"warm{number}")  # imports, template and validator caches
        timings = run(form, args.rounds, str(number))
        for path in ("unknown", "known"):
            values = timings[path]
            print(
                f"| {label} | {path} | {statistics.median(values):.0f} | "
                f"{min(values):.0f}–{max(values):.0f} |"
            )
        gap = statistics.median(
            [u - k for u, k in zip(timings["unknown"], timings["known"], strict=True)]
        )
        print(f"| {label} | median of (unknown − known), pairwise | {gap:.0f} | |")


if __name__ == "__main__":
    main()
