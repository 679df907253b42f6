"""An LRS client for the tests: HTTP Basic with a credential, the version header, JSON bodies."""

import base64
import json
from urllib.parse import urlencode

import pytest

from learning.xapi.factories import CredentialFactory
from learning.xapi.models import Scope


def basic(credential):
    token = base64.b64encode(f"{credential.key}:{credential.secret}".encode()).decode()
    return f"Basic {token}"


class Lrs:
    """Talks to /xapi/ through Django's test client."""

    def __init__(self, client, credential):
        self.client = client
        self.credential = credential

    def request(
        self,
        method,
        resource,
        params=None,
        body=None,
        *,
        credential="default",
        version="1.0.3",
        content_type="application/json",
        headers=None,
    ):
        path = f"/xapi/{resource}"
        if params:
            path += "?" + urlencode(params)
        all_headers = {}
        credential = self.credential if credential == "default" else credential
        if credential is not None:
            all_headers["authorization"] = basic(credential)
        if version is not None:
            all_headers["X-Experience-API-Version"] = version
        all_headers.update(headers or {})
        if body is not None and not isinstance(body, bytes | str):
            body = json.dumps(body)
        return self.client.generic(
            method, path, data=body or b"", content_type=content_type, headers=all_headers
        )

    def follow(self, more):
        """GET a ``more`` link as the same client."""
        return self.client.get(
            more,
            headers={"authorization": basic(self.credential), "X-Experience-API-Version": "1.0.3"},
        )

    def post(self, statements, **kwargs):
        return self.request("POST", "statements", body=statements, **kwargs)

    def put(self, statement, statement_id, **kwargs):
        return self.request("PUT", "statements", {"statementId": statement_id}, statement, **kwargs)

    def get(self, params=None, **kwargs):
        return self.request("GET", "statements", params, **kwargs)


@pytest.fixture
def credential(db):
    """A credential that may do everything."""
    return CredentialFactory()


@pytest.fixture
def lrs(client, credential):
    return Lrs(client, credential)


@pytest.fixture
def writer(db):
    """Packaged content: writes statements and reads back only its own."""
    return CredentialFactory(scopes=[Scope.WRITE_STATEMENTS, Scope.READ_OWN])
