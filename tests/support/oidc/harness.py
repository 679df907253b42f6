"""Starts, configures and stops the test OpenID Connect provider (tests/support/oidc/idp) in its
own process.

Only files and subprocesses cross the boundary: the pytest process never imports the IdP's
Django project, whose settings and database are its own.
"""

import copy
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[3]
SETTINGS_MODULE = "tests.support.oidc.idp.settings"
DISCOVERY_PATH = "/.well-known/openid-configuration"

CLIENT_ID = "esundhed-akademi-test"
CLIENT_SECRET = "test-client-secret-not-real"  # loopback test IdP only
PASSWORD = "idp-test-password"  # every IdP user's password
# The SocialApp.provider_id the default redirect URIs are registered for.
PROVIDER_ID = "test-idp"

# Employees of a North Jutland employer as their IdP describes them.
DEFAULT_CLAIMS = {
    "alice": {
        "email": "alice.andersen@example.org",
        "given_name": "Alice",
        "family_name": "Andersen",
        "unit": "AAL-HJP-NORD",
        "role": "SSA",
    },
    "bob": {
        "email": "bob.berg@example.org",
        "given_name": "Bob",
        "family_name": "Berg",
        "unit": "AAL-SYG-AKUT",
        "role": "SSH",
    },
}


def callback_uris(provider_id):
    """allauth's openid_connect callback for `provider_id` on a live server or the test client.

    DOT matches http://127.0.0.1/... (and, with ALLOW_LOCALHOST_LOOPBACK, http://localhost/...)
    whatever the port of the request (RFC 8252 §7.3); scheme, host, path and query must match
    exactly. http://testserver/... is where Django's test client says it is.
    """
    path = f"/accounts/oidc/{provider_id}/login/callback/"
    return [f"http://127.0.0.1{path}", f"http://localhost{path}", f"http://testserver{path}"]


def free_loopback_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OidcProvider:
    """A running test IdP: what allauth needs to talk to it, and ways to change what it says."""

    client_id = CLIENT_ID
    secret = CLIENT_SECRET
    password = PASSWORD
    provider_id = PROVIDER_ID

    def __init__(self, data_dir: Path, port: int | None = None):
        self.data_dir = data_dir
        self.port = port or free_loopback_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        # SocialApp.settings["server_url"]; allauth appends /.well-known/openid-configuration.
        self.server_url = f"{self.base_url}/o"
        self.issuer = self.server_url
        self.claims_file = data_dir / "claims.json"
        self.log_path = data_dir / "idp.log"
        self.redirect_uris = callback_uris(PROVIDER_ID)
        self._claims = copy.deepcopy(DEFAULT_CLAIMS)
        self._changed = False  # claims or redirect URIs differ from the defaults
        self._accounts_changed = False  # the IdP's accounts or client must be re-provisioned
        self._control_token = secrets.token_urlsafe(16)
        self.process = None
        self._log = None

    # Configuration -------------------------------------------------------------------------

    def _env(self):
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
        }
        env.update(
            DJANGO_SETTINGS_MODULE=SETTINGS_MODULE,
            PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
            IDP_DATA_DIR=str(self.data_dir),
            IDP_CLAIMS_FILE=str(self.claims_file),
            IDP_ISSUER=self.issuer,
            IDP_PASSWORD=self.password,
            IDP_CLIENT_ID=self.client_id,
            IDP_CLIENT_SECRET=self.secret,
            IDP_REDIRECT_URIS=" ".join(self.redirect_uris),
            IDP_CONTROL_TOKEN=self._control_token,
        )
        return env

    def _write_claims(self):
        # Write then rename: the IdP reads the file on every token and never sees half of it.
        partial = self.claims_file.with_suffix(".tmp")
        partial.write_text(json.dumps(self._claims, indent=2), encoding="utf-8")
        partial.replace(self.claims_file)

    def _run_setup(self):
        """Creates the IdP's tables, users and client before it starts (a short subprocess)."""
        result = subprocess.run(
            [sys.executable, "-m", "django", "idp_setup"],
            cwd=ROOT,
            env=self._env(),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"IdP setup failed:\n{result.stdout}\n{result.stderr}")

    def _provision(self):
        """Makes the running IdP's accounts and client match the claims file and redirect_uris."""
        response = requests.post(
            f"{self.base_url}/test-control/provision/",
            json={"redirect_uris": self.redirect_uris},
            headers={"X-Idp-Control-Token": self._control_token},
            timeout=10,
        )
        if response.status_code != 200:
            raise RuntimeError(
                f"IdP provisioning failed ({response.status_code}):\n{self.log_text()[-3000:]}"
            )

    def set_claims(self, username, **claims):
        """Changes what the IdP asserts about `username` from the next token on.

        Given claims are merged into the user's current ones; a claim given as None is removed.
        A username the IdP does not know yet becomes a new account with the shared password.
        """
        known = username in self._claims
        current = self._claims.setdefault(username, {})
        for name, value in claims.items():
            if value is None:
                current.pop(name, None)
            else:
                current[name] = value
        self._changed = True
        self._write_claims()
        if not known:
            self._accounts_changed = True
            self._provision()

    def set_redirect_uris(self, uris):
        """Registers exactly these redirect URIs for the client (replacing the defaults)."""
        self.redirect_uris = list(uris)
        self._changed = self._accounts_changed = True
        self._provision()

    def reset(self):
        """Back to DEFAULT_CLAIMS and the default redirect URIs, if a test changed them."""
        if not self._changed:
            return
        self._claims = copy.deepcopy(DEFAULT_CLAIMS)
        self._write_claims()
        self.redirect_uris = callback_uris(PROVIDER_ID)
        if self._accounts_changed:
            self._provision()
        self._changed = self._accounts_changed = False

    # Process -------------------------------------------------------------------------------

    def start(self, timeout=30):
        self._write_claims()
        self._run_setup()
        self._log = open(self.log_path, "w")  # closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "django",
                "runserver",
                f"127.0.0.1:{self.port}",
                "--noreload",
                "--skip-checks",
            ],
            cwd=ROOT,
            env=self._env(),
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_ready(timeout)
        return self

    def _wait_until_ready(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                raise RuntimeError(
                    f"The test IdP exited with code {self.process.returncode}:\n{self.log_text()}"
                )
            try:
                if requests.get(self.server_url + DISCOVERY_PATH, timeout=1).ok:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(
            f"The test IdP did not serve {DISCOVERY_PATH} within {timeout}s:\n{self.log_text()}"
        )

    def log_text(self):
        return self.log_path.read_text() if self.log_path.exists() else ""

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._log:
            self._log.close()
            self._log = None
