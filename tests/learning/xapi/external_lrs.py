"""A real, independent LRS on loopback for the forwarding tests: Learning Locker's statement
service (npm ``xapi-statements`` 5.0.1), all in memory, started as a node process.

It is installed once into a cache directory outside the repository (``AKADEMI_LRS_DIR``,
default /tmp/akademi-lrs; .ci/run pre-installs it). A ``node -r`` preload makes it listen on
127.0.0.1 only. ``AUTH_REPO=test`` accepts any credentials. The ``*_REPO`` values must be
exactly these: unknown values silently fall back to MongoDB.

``RecordingProxy`` sits between the platform and the LRS and notes the id of every statement
the LRS accepted, because the LRS itself ignores a re-sent copy and so cannot show that
something was sent twice.
"""

import json
import os
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.services import missing, require_node

PACKAGE = "xapi-statements@5.0.1"
CACHE = Path(os.environ.get("AKADEMI_LRS_DIR", "/tmp/akademi-lrs"))  # noqa: S108 - a cache
ENTRY = CACHE / "node_modules" / "xapi-statements" / "dist" / "index.js"
PRELOAD = """\
// Bind every listen() on a port to loopback: the service would listen on all interfaces.
const net = require('net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number') {
    if (typeof args[1] === 'string') args.splice(1, 1);
    args.splice(1, 0, '127.0.0.1');
  }
  return listen.apply(this, args);
};
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_installed():
    _node, npm = require_node()
    if ENTRY.exists():
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [npm, "install", "--prefix", str(CACHE), PACKAGE, "--no-audit", "--no-fund"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0 or not ENTRY.exists():
        missing(f"npm could not install {PACKAGE}: {done.stderr[-500:]}")


class ExternalLrs:
    """The node process; ``stop()`` and ``start()`` again on the same port (memory is lost)."""

    def __init__(self, workdir):
        self.workdir = Path(workdir)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/xAPI/"
        self.preload = self.workdir / "loopback.js"
        self.preload.write_text(PRELOAD)
        self.process = None
        self.log = None

    def start(self, timeout=30):
        env = {
            **os.environ,
            "MODELS_REPO": "memory",
            "STORAGE_REPO": "local",
            "EVENTS_REPO": "test",
            "AUTH_REPO": "test",
            "EXPRESS_PORT": str(self.port),
            "FS_LOCAL_STORAGE_DIR": str(self.workdir / "storage"),
            "EXPRESS_MORGAN_DIRECTORY": str(self.workdir / "access-logs"),
            "WINSTON_CONSOLE_LEVEL": "warn",
        }
        self.log = open(self.workdir / "lrs.log", "a")  # closed in stop()
        node, _npm = require_node()
        self.process = subprocess.Popen(
            [node, "-r", str(self.preload), str(ENTRY)],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=self.workdir,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                missing(f"the external LRS exited: {(self.workdir / 'lrs.log').read_text()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        missing("the external LRS did not start listening")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None
        if self.log is not None:
            self.log.close()
            self.log = None

    def get(self, statement_id):
        """The statement with this id as the external LRS returns it, or None (404)."""
        request = urllib.request.Request(  # noqa: S310 - our own loopback URL
            f"{self.base}statements?statementId={statement_id}",
            headers={"X-Experience-API-Version": "1.0.3", "Authorization": "Basic dGVzdDp0ZXN0"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            raise


class RecordingProxy:
    """An HTTP proxy on loopback to the external LRS that records accepted statement ids.

    When the LRS is down it drops the connection without an answer, as the LRS itself would.
    """

    def __init__(self, upstream):
        self.upstream = upstream
        self.accepted = []  # statement ids, once per POST the LRS answered with 2xx
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                return None

            def do_POST(self):
                self._relay(self.rfile.read(int(self.headers.get("Content-Length", 0))))

            def do_GET(self):
                self._relay(None)

            def _relay(self, body):
                headers = {
                    k: v
                    for k, v in self.headers.items()
                    if k.lower() in ("authorization", "content-type", "x-experience-api-version")
                }
                request = urllib.request.Request(  # noqa: S310 - loopback
                    proxy.upstream.rstrip("/") + self.path.removeprefix("/xAPI"),
                    data=body,
                    headers=headers,
                    method=self.command,
                )
                try:
                    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                        status, answer = response.status, response.read()
                except urllib.error.HTTPError as error:
                    status, answer = error.code, error.read()
                except (urllib.error.URLError, OSError):
                    self.close_connection = True  # no answer at all: the LRS is down
                    return
                if body is not None and 200 <= status < 300:
                    statements = json.loads(body)
                    statements = statements if isinstance(statements, list) else [statements]
                    with proxy.lock:
                        proxy.accepted += [s["id"] for s in statements]
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/xAPI/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
