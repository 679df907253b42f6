"""Who may use the LRS: Basic credentials with scopes, and the platform's own session users."""

import base64
import json
from urllib.parse import urlencode

import pytest
from django.test import Client

from learning.xapi.actors import actor_for
from learning.xapi.factories import CredentialFactory, agent, statement_data
from learning.xapi.models import Scope, Statement


def test_no_credentials_is_401_with_a_basic_challenge(lrs):
    response = lrs.get(credential=None)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Basic")


def test_a_wrong_secret_is_401(lrs, credential):
    credential.secret = "wrong"

    assert lrs.get(credential=credential).status_code == 401


def test_a_malformed_basic_header_is_401(lrs):
    response = lrs.get(credential=None, headers={"authorization": "Basic %%%"})

    assert response.status_code == 401


def test_an_inactive_credential_is_401(lrs, credential):
    type(credential).objects.filter(pk=credential.pk).update(is_active=False)

    assert lrs.get().status_code == 401


def test_the_secret_is_stored_only_as_a_hash(credential):
    credential.refresh_from_db()

    assert credential.secret not in credential.secret_hash
    assert credential.check_secret(credential.secret)


def test_a_reset_secret_replaces_the_old_one(lrs, credential):
    old = credential.secret
    credential.secret = credential.reset_secret()

    assert lrs.get().status_code == 200
    credential.secret = old
    assert lrs.get().status_code == 401


def test_a_credential_without_write_scope_cannot_post(lrs):
    reader = CredentialFactory(scopes=[Scope.READ_ALL])

    response = lrs.post(statement_data(), credential=reader)

    assert response.status_code == 403
    assert Statement.objects.count() == 0


def test_read_own_sees_only_statements_written_with_the_same_credential(lrs, writer):
    mine, theirs = statement_data(), statement_data()
    lrs.post(mine, credential=writer)
    lrs.post(theirs)

    response = lrs.get(credential=writer)

    assert [s["id"] for s in response.json()["statements"]] == [mine["id"]]
    assert lrs.get({"statementId": theirs["id"]}, credential=writer).status_code == 404


def test_a_credential_without_document_scope_cannot_use_state(lrs, writer):
    params = {"activityId": "https://x.org/a", "agent": json.dumps(agent()), "stateId": "s"}

    response = lrs.request("GET", "activities/state", params, credential=writer)

    assert response.status_code == 403


def test_a_session_user_posts_as_themselves_whatever_actor_is_sent(client, learner):
    client.force_login(learner)
    statement = statement_data(actor={"mbox": "mailto:someone-else@example.org"})

    response = client.post(
        "/xapi/statements",
        json.dumps(statement),
        content_type="application/json",
        headers={"X-Experience-API-Version": "1.0.3"},
    )

    assert response.status_code == 200
    stored = Statement.objects.get()
    assert stored.data["actor"] == actor_for(learner)
    assert stored.data["authority"]["account"]["name"] == "platform"


def test_a_session_post_without_the_csrf_token_is_403(learner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)

    response = client.post(
        "/xapi/statements",
        json.dumps(statement_data()),
        content_type="application/json",
        headers={"X-Experience-API-Version": "1.0.3"},
    )

    assert response.status_code == 403
    assert Statement.objects.count() == 0


def test_a_session_post_with_the_csrf_token_is_accepted(learner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    token = "Kq3vTz8pLm2Xw7Rb5Yn4Hc6Jd9Fg1Sa0"  # the 32-character form of a CSRF secret
    client.cookies["csrftoken"] = token

    response = client.post(
        "/xapi/statements",
        json.dumps(statement_data()),
        content_type="application/json",
        headers={"X-Experience-API-Version": "1.0.3", "X-CSRFToken": token},
    )

    assert response.status_code == 200


def test_basic_auth_requests_need_no_csrf_token(credential):
    client = Client(enforce_csrf_checks=True)
    token = base64.b64encode(f"{credential.key}:{credential.secret}".encode()).decode()

    response = client.post(
        "/xapi/statements",
        json.dumps(statement_data()),
        content_type="application/json",
        headers={"X-Experience-API-Version": "1.0.3", "authorization": f"Basic {token}"},
    )

    assert response.status_code == 200


def test_a_session_user_reads_only_their_own_statements(client, learner, outsider, lrs):
    lrs.post(statement_data(actor=actor_for(outsider)))
    client.force_login(learner)
    own = statement_data()
    client.post(
        "/xapi/statements",
        json.dumps(own),
        content_type="application/json",
        headers={"X-Experience-API-Version": "1.0.3"},
    )

    response = client.get("/xapi/statements", headers={"X-Experience-API-Version": "1.0.3"})

    assert [s["id"] for s in response.json()["statements"]] == [own["id"]]


@pytest.mark.parametrize("resource", ["activities/state", "agents/profile"])
def test_a_session_user_cannot_touch_another_persons_documents(client, learner, outsider, resource):
    client.force_login(learner)
    params = {"agent": json.dumps(actor_for(outsider)), "profileId": "doc"}
    if resource == "activities/state":
        params = {"agent": params["agent"], "activityId": "https://x.org/a", "stateId": "doc"}

    response = client.get(
        f"/xapi/{resource}", params, headers={"X-Experience-API-Version": "1.0.3"}
    )

    assert response.status_code == 403


def test_a_session_user_uses_their_own_state(client, learner):
    client.force_login(learner)
    params = {
        "agent": json.dumps(actor_for(learner)),
        "activityId": "https://x.org/a",
        "stateId": "bookmark",
    }
    query = urlencode(params)

    put = client.put(
        f"/xapi/activities/state?{query}",
        b'{"page": 3}',
        content_type="application/json",
        headers={"X-Experience-API-Version": "1.0.3"},
    )
    got = client.get(
        "/xapi/activities/state", params, headers={"X-Experience-API-Version": "1.0.3"}
    )

    assert put.status_code == 204
    assert got.json() == {"page": 3}
