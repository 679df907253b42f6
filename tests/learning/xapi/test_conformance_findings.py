"""What an independent xAPI 1.0.3 conformance client found (issue 17), one test per finding.

Each test sends the request a client sends and checks the answer and what was stored.
"""

import base64
import datetime
import hashlib
import json
import uuid
from urllib.parse import urlencode

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID
from django.test import override_settings

from learning.xapi.factories import agent, statement_data
from learning.xapi.models import Attachment, Document, Statement, StatementAgent

from .conftest import basic

CONSISTENT = "X-Experience-API-Consistent-Through"
COURSE = "https://lms.example.org/courses/fmk"
MBOX_AGENT = {"objectType": "Agent", "mbox": "mailto:jesper@example.org"}
GROUP = {
    "objectType": "Group",
    "name": "Team Nord",
    "member": [MBOX_AGENT, {"objectType": "Agent", "mbox": "mailto:hanne@example.org"}],
}
IDENTIFIED_GROUP = {"objectType": "Group", "mbox": "mailto:team@example.org"}


def stored_data():
    return Statement.objects.get().data


# X-Experience-API-Consistent-Through ---------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({}, 200),
        ({"statementId": str(uuid.uuid4())}, 404),
        ({"since": "not a time"}, 400),
        ({"unknown": "x"}, 400),
    ],
)
def test_every_statements_get_carries_consistent_through(lrs, params, status):
    response = lrs.get(params)

    assert response.status_code == status
    assert datetime.datetime.fromisoformat(response[CONSISTENT].replace("Z", "+00:00"))


def test_an_unauthenticated_statements_get_carries_consistent_through(lrs):
    response = lrs.get(credential=None)

    assert response.status_code == 401
    assert response[CONSISTENT].endswith("Z")


def test_documents_do_not_carry_consistent_through(lrs):
    response = lrs.request("GET", "activities", {"activityId": COURSE})

    assert CONSISTENT not in response


# Agents and groups where the spec allows them --------------------------------------------------


@pytest.mark.parametrize(
    "instructor",
    [GROUP, IDENTIFIED_GROUP, {"objectType": "Group", "openid": "https://id.example.org/t"}],
)
def test_a_group_is_a_valid_instructor(lrs, instructor):
    statement = statement_data(context={"instructor": instructor})

    response = lrs.post(statement)

    assert response.status_code == 200, response.content
    assert stored_data()["context"]["instructor"] == instructor


def test_a_group_instructor_is_checked_as_a_group(lrs):
    bad = {"objectType": "Group", "member": [{"objectType": "Agent", "mbox": "jesper"}]}

    response = lrs.post(statement_data(context={"instructor": bad}))

    assert response.status_code == 400
    assert response.json()["field"].startswith("context.instructor")
    assert not Statement.objects.exists()


def test_a_group_instructor_in_a_sub_statement(lrs):
    sub = {
        "objectType": "SubStatement",
        "actor": agent(),
        "verb": {"id": "http://adlnet.gov/expapi/verbs/attended"},
        "object": {"id": COURSE},
        "context": {"instructor": GROUP},
    }

    response = lrs.post(statement_data(object=sub))

    assert response.status_code == 200, response.content
    assert stored_data()["object"]["context"]["instructor"] == GROUP


@pytest.mark.parametrize("obj", [MBOX_AGENT, GROUP, IDENTIFIED_GROUP])
def test_a_sub_statement_may_have_an_agent_or_group_object(lrs, obj):
    sub = {
        "objectType": "SubStatement",
        "actor": agent(),
        "verb": {"id": "http://adlnet.gov/expapi/verbs/mentored"},
        "object": obj,
    }

    response = lrs.post(statement_data(object=sub))

    assert response.status_code == 200, response.content
    assert stored_data()["object"]["object"] == obj
    # The agents of the sub-statement's object are findable as related agents.
    assert StatementAgent.objects.filter(agent_key="mbox:mailto:jesper@example.org").exists() == (
        obj is not IDENTIFIED_GROUP
    )


def test_a_sub_statement_agent_object_is_still_validated(lrs):
    sub = {
        "objectType": "SubStatement",
        "actor": agent(),
        "verb": {"id": "http://adlnet.gov/expapi/verbs/mentored"},
        "object": {"objectType": "Agent", "mbox": "not-a-mailto"},
    }

    response = lrs.post(statement_data(object=sub))

    assert response.status_code == 400
    assert response.json()["field"].startswith("object.object")
    assert not Statement.objects.exists()


@pytest.mark.parametrize(
    "obj", [{"mbox": "mailto:jesper@example.org"}, {"member": [MBOX_AGENT], "name": "Team"}]
)
def test_an_agent_or_group_object_without_object_type_is_400_naming_the_field(lrs, obj):
    response = lrs.post(statement_data(object=obj))

    assert response.status_code == 400
    assert response.json()["field"] == "object.id"
    assert not Statement.objects.exists()


def test_a_sub_statement_object_without_object_type_or_id_is_400(lrs):
    sub = {
        "objectType": "SubStatement",
        "actor": agent(),
        "verb": {"id": "http://adlnet.gov/expapi/verbs/mentored"},
        "object": {"mbox": "mailto:jesper@example.org"},
    }

    response = lrs.post(statement_data(object=sub))

    assert response.status_code == 400
    assert response.json()["field"] == "object.object.id"


# Authority -------------------------------------------------------------------------------------

OAUTH_AUTHORITY = {
    "objectType": "Group",
    "member": [
        {"account": {"homePage": "https://lms.example.org", "name": "app"}},
        {"mbox": "mailto:jesper@example.org"},
    ],
}


@pytest.mark.parametrize(
    "authority",
    [
        {"objectType": "Group", "member": [MBOX_AGENT]},
        {"objectType": "Group", "member": [MBOX_AGENT, MBOX_AGENT, MBOX_AGENT]},
        {**OAUTH_AUTHORITY, "mbox": "mailto:team@example.org"},
        {"objectType": "Agent", "openid": "not a uri"},
        {"objectType": "Group", "member": [MBOX_AGENT, GROUP]},
        {"objectType": "Agent"},
    ],
)
def test_an_invalid_authority_is_400(lrs, authority):
    response = lrs.post(statement_data(authority=authority))

    assert response.status_code == 400, authority
    assert response.json()["field"].startswith("authority")
    assert not Statement.objects.exists()


@pytest.mark.parametrize("authority", [OAUTH_AUTHORITY, MBOX_AGENT])
def test_a_valid_authority_is_accepted_and_replaced_by_the_credentials(lrs, authority):
    response = lrs.post(statement_data(authority=authority))

    assert response.status_code == 200, response.content
    assert stored_data()["authority"] == lrs.credential.authority


# Signed statements (Part Two §2.6) -------------------------------------------------------------

SIGNATURE_USAGE = "http://adlnet.gov/expapi/attachments/signature"
BOUNDARY = "signed-boundary-7"


@pytest.fixture(scope="module")
def signing_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def certificate_for(key):
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Akademi test signer")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    return base64.b64encode(certificate.public_bytes(serialization.Encoding.DER)).decode()


def b64url(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def jws(payload, key, alg="RS256", *, x5c=True, header_extra=None):
    header = {"alg": alg, **({"x5c": [certificate_for(key)]} if x5c else {})}
    header.update(header_extra or {})
    signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(payload).encode())}"
    algorithm = {"RS256": hashes.SHA256, "RS384": hashes.SHA384, "RS512": hashes.SHA512}.get(
        alg, hashes.SHA256
    )
    signature = key.sign(signing_input.encode(), padding.PKCS1v15(), algorithm())
    return f"{signing_input}.{b64url(signature)}".encode()


def signed(statement, token, content_type="application/octet-stream"):
    """The statement with its signature attachment and the multipart body that carries it."""
    sha2 = hashlib.sha256(token).hexdigest()
    attachment = {
        "usageType": SIGNATURE_USAGE,
        "display": {"en-US": "Signature"},
        "contentType": content_type,
        "length": len(token),
        "sha2": sha2,
    }
    statement = {**statement, "attachments": [attachment]}
    body = b"".join(
        [
            f"--{BOUNDARY}\r\nContent-Type: application/json\r\n\r\n".encode(),
            json.dumps(statement).encode(),
            f"\r\n--{BOUNDARY}\r\nContent-Type: application/octet-stream\r\n"
            f"Content-Transfer-Encoding: binary\r\nX-Experience-API-Hash: {sha2}\r\n\r\n".encode(),
            token,
            f"\r\n--{BOUNDARY}--\r\n".encode(),
        ]
    )
    return statement, body


def post_multipart(lrs, body):
    return lrs.request(
        "POST", "statements", body=body, content_type=f"multipart/mixed; boundary={BOUNDARY}"
    )


@pytest.mark.parametrize("alg", ["RS256", "RS384", "RS512"])
def test_a_validly_signed_statement_is_stored_with_its_signature(lrs, signing_key, alg):
    original = statement_data()
    token = jws(original, signing_key, alg)
    statement, body = signed(original, token)

    response = post_multipart(lrs, body)

    assert response.status_code == 200, response.content
    assert stored_data()["attachments"] == statement["attachments"]
    assert bytes(Attachment.objects.get().content) == token


def test_a_signed_statement_without_x5c_is_stored(lrs, signing_key):
    original = statement_data()
    _, body = signed(original, jws(original, signing_key, x5c=False))

    assert post_multipart(lrs, body).status_code == 200


def _tampered_signature(original, key):
    token = jws(original, key)
    head, payload, signature = token.split(b".")
    flipped = bytearray(base64.urlsafe_b64decode(signature + b"=" * (-len(signature) % 4)))
    flipped[0] ^= 1
    return b".".join([head, payload, b64url(bytes(flipped)).encode()])


@pytest.mark.parametrize(
    "make_token",
    [
        pytest.param(lambda original, key: b"this is not a JWS", id="not a JWS"),
        pytest.param(lambda original, key: jws(original, key, "HS256"), id="HS256"),
        pytest.param(lambda original, key: jws(original, key, "none"), id="alg none"),
        pytest.param(
            lambda original, key: jws({**original, "verb": {"id": "http://x.org/v"}}, key),
            id="payload differs",
        ),
        pytest.param(lambda original, key: jws([original], key), id="payload not an object"),
        pytest.param(_tampered_signature, id="signature does not verify"),
        pytest.param(
            lambda original, key: jws(
                original, key, header_extra={"x5c": [certificate_for(rsa_key())]}
            ),
            id="signed by another key than x5c's",
        ),
    ],
)
def test_a_malformed_signature_is_400_and_nothing_is_stored(lrs, signing_key, make_token):
    original = statement_data()
    _, body = signed(original, make_token(original, signing_key))

    response = post_multipart(lrs, body)

    assert response.status_code == 400, response.content
    assert response.json()["field"] == "attachments.0"
    assert not Statement.objects.exists()
    assert not Attachment.objects.exists()


def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def test_a_signature_attachment_must_be_octet_stream(lrs, signing_key):
    original = statement_data()
    _, body = signed(original, jws(original, signing_key), content_type="text/plain")

    assert post_multipart(lrs, body).status_code == 400
    assert not Statement.objects.exists()


def test_the_signed_payload_may_lack_the_id_the_statement_has(lrs, signing_key):
    original = statement_data()
    payload = {k: v for k, v in original.items() if k != "id"}
    _, body = signed(original, jws(payload, signing_key))

    assert post_multipart(lrs, body).status_code == 200


# The alternate request syntax (Part Three §1.3) ------------------------------------------------


def alternate(lrs, resource, method, form):
    return lrs.client.post(
        f"/xapi/{resource}?method={method}",
        data=urlencode(form),
        content_type="application/x-www-form-urlencoded",
    )


def form_headers(lrs):
    return {"Authorization": basic(lrs.credential), "X-Experience-API-Version": "1.0.3"}


def test_alternate_syntax_put_stores_a_statement(lrs):
    statement = statement_data()
    form = form_headers(lrs) | {
        "Content-Type": "application/json",
        "statementId": statement["id"],
        "content": json.dumps(statement),
    }

    response = alternate(lrs, "statements", "PUT", form)

    assert response.status_code == 204, response.content
    assert stored_data()["id"] == statement["id"]


def test_alternate_syntax_get_reads_statements_with_form_parameters(lrs):
    statement = statement_data()
    lrs.post(statement)

    response = alternate(lrs, "statements", "GET", form_headers(lrs) | {"limit": "1"})

    assert response.status_code == 200
    assert [s["id"] for s in response.json()["statements"]] == [statement["id"]]
    assert CONSISTENT in response


def test_alternate_syntax_put_and_delete_of_a_state_document(lrs):
    params = {"activityId": COURSE, "agent": json.dumps(agent()), "stateId": "bookmark"}
    put = form_headers(lrs) | params | {"Content-Type": "application/json", "content": '{"p":4}'}

    assert alternate(lrs, "activities/state", "PUT", put).status_code == 204
    document = Document.objects.get()
    assert bytes(document.content) == b'{"p":4}'
    assert document.content_type == "application/json"

    assert (
        alternate(lrs, "activities/state", "DELETE", form_headers(lrs) | params).status_code == 204
    )
    assert not Document.objects.exists()


def test_alternate_syntax_without_credentials_in_the_form_is_401(lrs):
    form = {"X-Experience-API-Version": "1.0.3", "content": json.dumps(statement_data())}

    response = alternate(lrs, "statements", "POST", form)

    assert response.status_code == 401
    assert not Statement.objects.exists()


def test_alternate_syntax_with_other_query_parameters_is_400(lrs):
    response = lrs.client.post(
        "/xapi/statements?method=GET&limit=1",
        data=urlencode(form_headers(lrs)),
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert response.json()["field"] == "method"


def test_alternate_syntax_needs_a_form_body(lrs):
    response = lrs.request(
        "POST", "statements", body=statement_data(), headers={}, content_type="application/json"
    )
    assert response.status_code == 200  # the usual syntax is untouched

    response = lrs.client.post(
        "/xapi/statements?method=PUT",
        data=json.dumps(statement_data()),
        content_type="application/json",
        headers=form_headers(lrs),
    )

    assert response.status_code == 400
    assert response.json()["field"] == "Content-Type"


# Empty definitions, sub-statement context rules, version ---------------------------------------


def test_an_empty_definition_is_allowed_and_stored_as_sent(lrs):
    statement = statement_data(object={"objectType": "Activity", "id": COURSE, "definition": {}})

    response = lrs.post(statement)

    assert response.status_code == 200, response.content
    assert stored_data()["object"]["definition"] == {}


@pytest.mark.parametrize("name", ["revision", "platform"])
def test_a_sub_statement_with_revision_or_platform_and_a_statement_ref_is_400(lrs, name):
    sub = {
        "objectType": "SubStatement",
        "actor": agent(),
        "verb": {"id": "http://adlnet.gov/expapi/verbs/mentioned"},
        "object": {"objectType": "StatementRef", "id": str(uuid.uuid4())},
        "context": {name: "1"},
    }

    response = lrs.post(statement_data(object=sub))

    assert response.status_code == 400
    assert response.json()["field"] == f"object.context.{name}"
    assert not Statement.objects.exists()


def test_version_1_0_is_accepted_as_1_0_0(lrs):
    response = lrs.post(statement_data(version="1.0"))

    assert response.status_code == 200, response.content
    assert stored_data()["version"] == "1.0.0"


@pytest.mark.parametrize("version", ["0.95", "1.1.0", "2.0.0", "1.0x"])
def test_other_statement_versions_are_refused(lrs, version):
    assert lrs.post(statement_data(version=version)).status_code == 400
    assert not Statement.objects.exists()


@pytest.mark.parametrize(("header", "status"), [("1.0", 200), ("1.0.1", 200), ("1.1.0", 400)])
def test_the_version_header_1_0_is_accepted(lrs, header, status):
    assert lrs.get(version=header).status_code == status


# Attachments with a fileUrl and a part ---------------------------------------------------------


def test_an_attachment_with_a_file_url_and_a_part_is_accepted_and_stored(lrs):
    content = b"certificate of completion"
    sha2 = hashlib.sha256(content).hexdigest()
    statement = statement_data(
        attachments=[
            {
                "usageType": "http://id.tincanapi.com/attachment/certificate-of-completion",
                "display": {"en-US": "Certificate"},
                "contentType": "text/plain",
                "length": len(content),
                "sha2": sha2,
                "fileUrl": "https://lms.example.org/certificates/1.txt",
            }
        ]
    )
    body = b"".join(
        [
            f"--{BOUNDARY}\r\nContent-Type: application/json\r\n\r\n".encode(),
            json.dumps(statement).encode(),
            f"\r\n--{BOUNDARY}\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: binary"
            f"\r\nX-Experience-API-Hash: {sha2}\r\n\r\n".encode(),
            content,
            f"\r\n--{BOUNDARY}--\r\n".encode(),
        ]
    )

    response = post_multipart(lrs, body)

    assert response.status_code == 200, response.content
    assert bytes(Attachment.objects.get(sha2=sha2).content) == content
    assert stored_data()["attachments"][0]["fileUrl"].endswith("1.txt")


# Profile concurrency (Part Three §3.1) ---------------------------------------------------------

AGENT_PARAMS = {"agent": json.dumps(agent()), "profileId": "preferences"}
ACTIVITY_PARAMS = {"activityId": COURSE, "profileId": "settings"}
STATE_PARAMS = {"activityId": COURSE, "agent": json.dumps(agent()), "stateId": "bookmark"}


@pytest.mark.parametrize(
    ("resource", "params"),
    [("agents/profile", AGENT_PARAMS), ("activities/profile", ACTIVITY_PARAMS)],
)
def test_a_profile_put_of_a_new_document_without_a_precondition_is_400(lrs, resource, params):
    response = lrs.request("PUT", resource, params, {"v": 1})

    assert response.status_code == 400
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("resource", "params"),
    [("agents/profile", AGENT_PARAMS), ("activities/profile", ACTIVITY_PARAMS)],
)
def test_a_profile_post_without_a_precondition_creates_the_document(lrs, resource, params):
    response = lrs.request("POST", resource, params, {"v": 1})

    assert response.status_code == 204
    assert json.loads(bytes(Document.objects.get().content)) == {"v": 1}


def test_a_state_put_needs_no_precondition(lrs):
    assert lrs.request("PUT", "activities/state", STATE_PARAMS, {"v": 1}).status_code == 204
    assert lrs.request("PUT", "activities/state", STATE_PARAMS, {"v": 2}).status_code == 204
    assert json.loads(bytes(Document.objects.get().content)) == {"v": 2}


# Request Content-Type --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""],
)
@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_a_statement_body_with_another_content_type_is_400(lrs, content_type, method):
    statement = statement_data()
    params = {"statementId": statement["id"]} if method == "PUT" else None

    response = lrs.request(
        method, "statements", params, json.dumps(statement), content_type=content_type
    )

    assert response.status_code == 400
    assert response.json()["field"] == "Content-Type"
    assert not Statement.objects.exists()


def test_application_json_with_a_charset_is_accepted(lrs):
    response = lrs.post(statement_data(), content_type="application/json; charset=utf-8")

    assert response.status_code == 200


# format=ids ------------------------------------------------------------------------------------


def test_format_ids_leaves_only_the_id_of_a_sub_statement_activity(lrs):
    sub = {
        "objectType": "SubStatement",
        "actor": agent(),
        "verb": {"id": "http://adlnet.gov/expapi/verbs/attended", "display": {"en-US": "x"}},
        "object": {
            "objectType": "Activity",
            "id": COURSE,
            "definition": {"name": {"en-US": "FMK"}},
        },
    }
    lrs.post(statement_data(object=sub))

    found = lrs.get({"format": "ids"}).json()["statements"][0]

    assert found["object"]["object"] == {"id": COURSE}
    assert found["object"]["verb"] == {"id": "http://adlnet.gov/expapi/verbs/attended"}


# GET /activities -------------------------------------------------------------------------------


def test_get_activities_merges_the_language_maps_of_several_statements(lrs):
    first = {"name": {"en-US": "FMK basics"}, "description": {"en-US": "Medicine cards"}}
    second = {
        "name": {"fr-FR": "Bases de FMK"},
        "type": "http://adlnet.gov/expapi/activities/course",
    }
    for definition in (first, second):
        lrs.post(statement_data(object={"id": COURSE, "definition": definition}))

    response = lrs.request("GET", "activities", {"activityId": COURSE})

    assert response.json()["definition"] == {
        "name": {"en-US": "FMK basics", "fr-FR": "Bases de FMK"},
        "description": {"en-US": "Medicine cards"},
        "type": "http://adlnet.gov/expapi/activities/course",
    }


def test_get_activities_takes_the_newest_text_of_a_language(lrs):
    for text in ("Old name", "New name"):
        lrs.post(statement_data(object={"id": COURSE, "definition": {"name": {"en-US": text}}}))

    response = lrs.request("GET", "activities", {"activityId": COURSE})

    assert response.json()["definition"] == {"name": {"en-US": "New name"}}


# Input that used to be a 500 -------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [b"[" * 100_000, b'{"a":' * 3000, b'{"actor": ' + b"[" * 5000],
    ids=["100000 [", "3000 {a:", "actor of 5000 ["],
)
def test_deeply_nested_bodies_are_400(lrs, body):
    response = lrs.request("POST", "statements", body=body)

    assert response.status_code == 400
    assert response.json()["field"] == "body"


def test_a_deep_statement_is_400_naming_where(lrs):
    deep = {"objectType": "Activity", "id": COURSE, "definition": {}}
    inner = deep["definition"]
    for _ in range(40):
        inner["choices"] = [{"id": "a", "description": {}}]
        inner = inner["choices"][0]

    response = lrs.post(statement_data(object=deep))

    assert response.status_code == 400
    assert not Statement.objects.exists()


# The JSON parser's limit: 200 levels in the whole body, a statement and its result and extensions
# being three of them.
@pytest.mark.parametrize(("depth", "status"), [(197, 200), (198, 400), (900, 400)])
def test_a_body_nests_at_most_200_levels(lrs, depth, status):
    value = 1
    for _ in range(depth):
        value = [value]

    response = lrs.post(statement_data(result={"extensions": {"http://x.org/e": value}}))

    assert response.status_code == status
    assert Statement.objects.count() == (status == 200)


def test_an_agent_parameter_of_3000_brackets_is_400(lrs):
    response = lrs.get({"agent": "[" * 3000})

    assert response.status_code == 400
    assert response.json()["field"] == "agent"


@pytest.mark.parametrize(
    "value",
    [
        "2024-13-45T00:00:00Z",
        "2024-02-30T00:00:00Z",
        "0000-01-01T00:00:00Z",
        "0001-01-01T00:00:00+01:00",
        "9999-12-31T23:59:59-01:00",
    ],
)
@pytest.mark.parametrize("name", ["since", "until"])
def test_impossible_dates_in_a_query_are_400(lrs, name, value):
    response = lrs.get({name: value})

    assert response.status_code == 400
    assert response.json()["field"] == name


@pytest.mark.parametrize("value", ["2024-02-30T00:00:00Z", "0000-01-01T00:00:00Z"])
def test_impossible_dates_in_a_state_list_are_400(lrs, value):
    params = {"activityId": COURSE, "agent": json.dumps(agent()), "since": value}

    response = lrs.request("GET", "activities/state", params)

    assert response.status_code == 400
    assert response.json()["field"] == "since"


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_timestamps_outside_utc_years_are_400(lrs, value):
    response = lrs.post(statement_data(timestamp=value))

    assert response.status_code == 400
    assert response.json()["field"] == "timestamp"
    assert not Statement.objects.exists()


def test_a_state_post_of_50000_brackets_is_400(lrs):
    params = {"activityId": COURSE, "agent": json.dumps(agent()), "stateId": "s"}

    response = lrs.request("POST", "activities/state", params, b"[" * 50_000)

    assert response.status_code == 400
    assert not Document.objects.exists()


LONG_IRI = "https://lms.example.org/" + "a" * 400


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"verb": {"id": LONG_IRI}}, "verb.id"),
        ({"object": {"id": LONG_IRI}}, "object.id"),
        ({"context": {"contextActivities": {"parent": [{"id": LONG_IRI}]}}}, None),
        ({"context": {"contextActivities": {"grouping": {"id": LONG_IRI}}}}, None),
        ({"actor": {"mbox": "mailto:" + "a" * 400 + "@example.org"}}, "actor"),
    ],
)
def test_identifiers_longer_than_the_columns_are_400(lrs, overrides, field):
    response = lrs.post(statement_data(**overrides))

    assert response.status_code == 400
    if field:
        assert response.json()["field"] == field
    else:
        assert response.json()["field"].startswith("context.contextActivities.")
    assert not Statement.objects.exists()


@pytest.mark.parametrize("param", ["activityId", "stateId"])
def test_state_ids_longer_than_the_columns_are_400(lrs, param):
    params = STATE_PARAMS | {param: LONG_IRI}

    response = lrs.request("PUT", "activities/state", params, {"v": 1})

    assert response.status_code == 400
    assert response.json()["field"] == param
    assert not Document.objects.exists()


def test_a_session_state_put_with_a_long_activity_id_is_400(client, learner):
    from learning.xapi.actors import actor_for

    client.force_login(learner)
    params = {"activityId": LONG_IRI, "agent": json.dumps(actor_for(learner)), "stateId": "s"}

    response = client.put(
        f"/xapi/activities/state?{urlencode(params)}",
        data=b"{}",
        content_type="application/json",
        headers={"X-Experience-API-Version": "1.0.3"},
    )

    assert response.status_code == 400
    assert response.json()["field"] == "activityId"
    assert not Document.objects.exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_over_the_limit_is_a_json_413(lrs):
    response = lrs.post([statement_data() for _ in range(20)])

    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["field"] == "body"
    assert not Statement.objects.exists()


def test_alternate_syntax_from_a_session_without_csrf_token_changes_nothing(learner):
    """A cross-site form can send the alternate syntax with the person's cookie; CSRF holds."""
    from django.test import Client

    from learning.xapi.actors import actor_for

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(learner)
    params = {"activityId": COURSE, "agent": json.dumps(actor_for(learner)), "stateId": "s"}
    forms = [
        ("statements", "POST", {"content": json.dumps(statement_data())}),
        ("statements", "PUT", {"statementId": str(uuid.uuid4()), "content": "{}"}),
        ("activities/state", "PUT", params | {"content": '{"p": 1}'}),
    ]
    for resource, method, form in forms:
        response = browser.post(
            f"/xapi/{resource}?method={method}",
            data=urlencode({"X-Experience-API-Version": "1.0.3", **form}),
            content_type="application/x-www-form-urlencoded",
        )

        assert response.status_code == 403, (resource, method)
    assert not Statement.objects.exists()
    assert not Document.objects.exists()
