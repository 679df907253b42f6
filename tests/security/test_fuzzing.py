"""Property-based fuzzing of the xAPI endpoints and the forms: no input may cause a 5xx.

Hypothesis mutates valid statements (dropping, replacing and nesting values) and throws random
JSON, query strings and form data at the endpoints. A 4xx is a fine answer; a 500 is a bug.
The example counts are bounded so the whole file runs in well under a minute.
"""

import base64
import json
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learning.xapi.factories import CredentialFactory, statement_data

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=False),
    st.just("nul\u0000inside"),
    st.text(max_size=40),
    st.just(str(uuid.uuid4())),
    st.just("2026-11-28T10:00:00Z"),
    st.just("mailto:someone@example.org"),
    st.just("PT1M30S"),
    st.just("da-DK"),
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=12), children, max_size=4),
    ),
    max_leaves=12,
)
STATEMENT_KEYS = [
    "id",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "authority",
    "version",
    "attachments",
    "stored",
]


@st.composite
def mutated_statements(draw):
    statement = statement_data()
    for key in draw(st.lists(st.sampled_from(STATEMENT_KEYS), max_size=3, unique=True)):
        if draw(st.booleans()):
            statement.pop(key, None)
        else:
            statement[key] = draw(json_values)
    return statement


@pytest.fixture
def auth_headers(db):
    credential = CredentialFactory()
    token = base64.b64encode(f"{credential.key}:{credential.secret}".encode()).decode()
    return {"authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"}


@FUZZ
@given(
    body=st.one_of(mutated_statements(), st.lists(mutated_statements(), max_size=3), json_values)
)
def test_posting_any_json_as_statements_never_causes_a_server_error(client, auth_headers, body):
    response = client.post(
        "/xapi/statements",
        data=json.dumps(body),
        content_type="application/json",
        headers=auth_headers,
    )
    assert response.status_code < 500, response.content[:300]


@FUZZ
@given(raw=st.binary(max_size=200))
def test_posting_raw_bytes_never_causes_a_server_error(client, auth_headers, raw):
    response = client.post(
        "/xapi/statements", data=raw, content_type="application/json", headers=auth_headers
    )
    assert response.status_code < 500


QUERY_KEYS = [
    "agent",
    "verb",
    "activity",
    "registration",
    "related_activities",
    "related_agents",
    "since",
    "until",
    "limit",
    "format",
    "attachments",
    "ascending",
    "statementId",
    "voidedStatementId",
    "more",
]


@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(QUERY_KEYS),
        st.one_of(st.text(max_size=30), json_values.map(json.dumps)),
        max_size=4,
    )
)
def test_any_statement_query_never_causes_a_server_error(client, auth_headers, params):
    response = client.get("/xapi/statements", params, headers=auth_headers)
    assert response.status_code < 500, (params, response.content[:300])


DOCUMENT_KEYS = ["activityId", "agent", "stateId", "registration", "profileId", "since"]


@FUZZ
@given(
    resource=st.sampled_from(
        ["activities/state", "activities/profile", "agents/profile", "activities", "agents"]
    ),
    method=st.sampled_from(["GET", "PUT", "POST", "DELETE"]),
    params=st.dictionaries(
        st.sampled_from(DOCUMENT_KEYS),
        st.one_of(st.text(max_size=30), json_values.map(json.dumps)),
        max_size=4,
    ),
    body=json_values,
)
def test_any_document_request_never_causes_a_server_error(
    client, auth_headers, resource, method, params, body
):
    from urllib.parse import urlencode

    response = client.generic(
        method,
        f"/xapi/{resource}?{urlencode(params)}",
        data=json.dumps(body),
        content_type="application/json",
        headers=auth_headers,
    )
    assert response.status_code < 500, (resource, method, params)


form_data = st.dictionaries(
    st.sampled_from(
        [
            "login",
            "password",
            "email",
            "password1",
            "password2",
            "remember",
            "language",
            "next",
            "competence",
            "level",
            "note",
            "unit",
            "role",
            "due_within_days",
            "renew_every_months",
            "include_subtree",
            "deputy_email",
            "starts_on",
            "ends_on",
        ]
    ),
    st.one_of(st.text(max_size=40), st.integers().map(str)),
    max_size=6,
)


@FUZZ
@given(
    url=st.sampled_from(
        [
            "/accounts/login/",
            "/accounts/signup/",
            "/accounts/password/reset/",
            "/i18n/setlang/",
            "/manage/requirements/new/",
            "/manage/delegations/",
            "/manage/coverage/",
        ]
    ),
    data=form_data,
)
def test_any_form_post_never_causes_a_server_error(client, manager, url, data):
    client.force_login(manager)
    response = client.post(url, data)
    assert response.status_code < 500, (url, data)


def test_a_nul_character_is_a_clear_400_not_a_database_error(client, auth_headers):
    # PostgreSQL cannot store U+0000; found by fuzzing against PostgreSQL.
    statement = statement_data(result={"response": "a\u0000b"})
    response = client.post(
        "/xapi/statements",
        data=json.dumps(statement),
        content_type="application/json",
        headers=auth_headers,
    )
    assert response.status_code == 400
    assert "NUL" in response.json()["error"]
    response = client.get("/xapi/statements", {"verb": "http://x\u0000y"}, headers=auth_headers)
    assert response.status_code == 400
    response = client.get(
        "/xapi/activities/state",
        {
            "activityId": "https://x.example/\u0000",
            "stateId": "s",
            "agent": json.dumps(statement["actor"]),
        },
        headers=auth_headers,
    )
    assert response.status_code == 400
