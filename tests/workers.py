"""A real Celery worker process for integration tests (Redis broker, the test database)."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from tests.services import require_redis

ROOT = Path(__file__).resolve().parents[1]


def database_url_for_worker(tmp_path):
    """The URL of the database this test run uses, so the worker sees the same rows.

    PostgreSQL: the test database itself (commit with transactional_db to share rows).
    SQLite's in-memory test database cannot be shared; the worker gets a scratch file.
    """
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = quote(settings["USER"] or "")
        if settings["PASSWORD"]:
            auth += ":" + quote(settings["PASSWORD"])
        host = settings["HOST"] or "localhost"
        port = settings["PORT"] or 5432
        return f"postgres://{auth}@{host}:{port}/{settings['NAME']}"
    return f"sqlite:///{tmp_path / 'worker.sqlite3'}"


class WorkerProcess:
    def __init__(self, broker_url, database_url, log_path):
        self.log_path = log_path
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "CELERY_BROKER_URL": broker_url,
            "DATABASE_URL": database_url,
        }
        self.log = open(log_path, "w")  # closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "cms",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited early:\n{self.log_path.read_text()}")
            if "ready." in self.log_path.read_text():
                return
            time.sleep(0.2)
        raise RuntimeError(f"worker not ready in {timeout}s:\n{self.log_path.read_text()}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def start_worker(tmp_path):
    broker = require_redis()
    worker = WorkerProcess(broker, database_url_for_worker(tmp_path), tmp_path / "worker.log")
    worker.wait_ready()
    return worker
