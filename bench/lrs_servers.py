"""The three LRSs the ingest benchmark loads, each started on 127.0.0.1 and stopped again.

* ``Platform``: this project under gunicorn with ``cms.settings.production`` and PostgreSQL.
* ``LearningLocker``: npm ``xapi-statements`` 5.0.1 in memory, installed and bound to loopback
  exactly as the forwarding tests do it (``tests/learning/xapi/external_lrs.py``).
* ``Ralph``: ``ralph-malph[lrs,cli]==4.2.0`` with its filesystem backend, in its own venv
  (``RALPH_VENV``, default /tmp/ralph42-venv). As shipped, its fs backend writes in create-only
  mode, so every POST after the first answers 500; the launcher below sets the backend's default
  write operation to append before starting uvicorn. Ralph 5.x is not used: it breaks the fs
  backend's verb and activity filters.

Every server logs to a file in the benchmark's work directory; ``stop()`` ends only the process
it started.
"""

import base64
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RALPH_VENV = Path(os.environ.get("RALPH_VENV", "/tmp/ralph42-venv"))  # noqa: S108 - a cache
RALPH_REQUIREMENT = "ralph-malph[lrs,cli]==4.2.0"

RALPH_LAUNCHER = '''\
"""Start Ralph 4.2.0's LRS with the filesystem backend in append mode (see lrs_servers.py)."""
import json, os, sys
import bcrypt
from ralph.backends.data.base import BaseOperationType
from ralph.backends.data.fs import FSDataBackend

# As shipped, the fs backend opens its one statements file in create-only mode ("x"), so the
# second POST fails with FileExistsError (500). Appending is what an LRS needs.
FSDataBackend.default_operation_type = BaseOperationType.APPEND

key, secret, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(os.environ["RALPH_AUTH_FILE"], "w") as auth:
    json.dump([{
        "agent": {"mbox": "mailto:bench@example.org", "objectType": "Agent"},
        "scopes": ["all"], "username": key,
        "hash": bcrypt.hashpw(secret.encode(), bcrypt.gensalt()).decode(),
    }], auth)

import uvicorn
from ralph.api import app

uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
'''


GUNICORN_CONFIG = '''\
"""gunicorn settings for the benchmark: load the app once in the master, URLconf and validation
models included, so that no worker spends its first request importing (seconds on 2 cores)."""
preload_app = True


def when_ready(server):
    from django.db import connections
    from django.urls import get_resolver

    get_resolver().url_patterns  # imports every view, and through them the statement models
    connections.close_all()  # the workers must not share a connection opened here
'''


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def basic(key, secret):
    return "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()


class Server:
    """A child process serving xAPI at ``base`` (a path ending in /), with credentials."""

    name = "?"
    version = "?"

    def __init__(self, workdir):
        self.workdir = Path(workdir)
        self.port = free_port()
        self.process = None
        self.log = None
        self.authorization = ""
        self.path = "/xapi/"
        self.processes_note = ""

    def _spawn(self, command, env, timeout=60):
        self.log = open(self.workdir / f"{self.name.split()[0].lower()}-{self.port}.log", "a")
        # A new session, so that stop() can end gunicorn's workers with their master.
        self.process = subprocess.Popen(
            command,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=self.workdir,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.flush()
                log = Path(self.log.name).read_text()[-2000:]
                raise RuntimeError(f"{self.name} exited at start:\n{log}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not listen on port {self.port} in {timeout} s")

    def pause(self):
        """Stop the server's processes (SIGSTOP) while another LRS is measured: an idle server
        still takes CPU now and then (node's garbage collector did, 5 % of a core in 10 s)."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGSTOP)

    def resume(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGCONT)

    def stop(self):
        self.resume()  # a stopped process would not act on SIGTERM
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # our own session only
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None
        if self.log is not None:
            self.log.close()
            self.log = None


class Platform(Server):
    """gunicorn serving cms.wsgi with production settings; ``env`` holds DATABASE_URL etc.
    ``root``: the source tree served (default this checkout; ``--baseline`` serves another)."""

    name = "eSundhed Akademi"

    def __init__(self, workdir, env, credentials, workers, threads, root=ROOT, ref=None):
        if ref is not None:
            self.name = f"{Platform.name} (baseline {ref})"
        super().__init__(workdir)
        self.env, self.root = env, root
        self.authorization = basic(credentials["key"], credentials["secret"])
        self.workers, self.threads = workers, threads
        # One thread: gunicorn's sync workers, as README deploys it. A sync worker takes a
        # connection only when idle and closes it after the answer, so the load spreads over
        # every worker; a gthread worker also takes connections while busy, and keep-alive
        # connections then stay stacked on it (docs/performance.md, "Set-up").
        self.worker_class = "sync" if threads == 1 else "gthread"
        self.processes_note = (
            f"gunicorn, {workers} sync workers"
            if threads == 1
            else f"gunicorn, {workers} workers × {threads} threads (gthread)"
        )
        import gunicorn

        tree = "this checkout" if ref is None else f"git archive {ref}"
        self.version = f"{tree}, gunicorn {gunicorn.__version__}"

    def start(self):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        config = self.workdir / f"gunicorn_bench_{self.port}.py"
        config.write_text(GUNICORN_CONFIG)
        self._spawn(
            [
                str(gunicorn),
                "cms.wsgi:application",
                "--config",
                str(config),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--worker-class",
                self.worker_class,
                "--threads",
                str(self.threads),
                "--keep-alive",
                "30",
                # Paused while the others are measured: no worker may count as hung then.
                "--timeout",
                "600",
                "--chdir",
                str(self.root),
                "--log-level",
                "warning",
            ],
            env=self.env,
        )


class LearningLocker(Server):
    name = "Learning Locker xapi-statements"
    version = "5.0.1 (npm), in memory"

    def __init__(self, workdir):
        super().__init__(workdir)
        self.path = "/xAPI/"
        self.authorization = basic("test", "test")  # AUTH_REPO=test accepts any credentials
        self.processes_note = "one node process"

    def start(self):
        sys.path.insert(0, str(ROOT))
        from tests.learning.xapi.external_lrs import ENTRY, PRELOAD, ensure_installed

        ensure_installed()
        preload = self.workdir / "loopback.js"
        preload.write_text(PRELOAD)
        env = {
            **os.environ,
            "MODELS_REPO": "memory",
            "STORAGE_REPO": "local",
            "EVENTS_REPO": "test",
            "AUTH_REPO": "test",
            "EXPRESS_PORT": str(self.port),
            "FS_LOCAL_STORAGE_DIR": str(self.workdir / "ll-storage"),
            "EXPRESS_MORGAN_DIRECTORY": str(self.workdir / "ll-access-logs"),
            "WINSTON_CONSOLE_LEVEL": "warn",
        }
        self._spawn(["node", "-r", str(preload), str(ENTRY)], env=env)


class Ralph(Server):
    name = "Ralph (fs backend)"
    version = "ralph-malph 4.2.0, filesystem backend, append mode"

    def __init__(self, workdir):
        super().__init__(workdir)
        self.path = "/xAPI/"
        self.authorization = basic("bench", "bench-secret")
        self.processes_note = "uvicorn, one worker"

    @staticmethod
    def ensure_installed():
        python = RALPH_VENV / "bin" / "python"
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(RALPH_VENV)], check=True)
        probe = subprocess.run(
            [
                str(python),
                "-c",
                "import ralph, uvicorn, requests, bcrypt; print(ralph.__version__)",
            ],
            capture_output=True,
            text=True,
        )
        if probe.stdout.strip() != "4.2.0":
            subprocess.run(
                [str(python), "-m", "pip", "install", "-q", RALPH_REQUIREMENT, "requests"],
                check=True,
                timeout=900,
            )
        return python

    def start(self):
        python = self.ensure_installed()
        launcher = self.workdir / "ralph_launcher.py"
        launcher.write_text(RALPH_LAUNCHER)
        data = self.workdir / "ralph-data"
        data.mkdir(exist_ok=True)
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(self.workdir),
            "RALPH_APP_DIR": str(self.workdir / "ralph-app"),
            "RALPH_AUTH_FILE": str(self.workdir / "ralph-auth.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(data),
            "RALPH_BACKENDS__DATA__FS__DEFAULT_DIRECTORY_PATH": str(data),
        }
        self._spawn([str(python), str(launcher), "bench", "bench-secret", str(self.port)], env=env)
