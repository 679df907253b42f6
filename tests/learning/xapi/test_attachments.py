"""Statements with attachments (Data §2.4.11, Communication §1.5.2): multipart/mixed, SHA-2."""

import hashlib
import json

from learning.xapi.factories import statement_data
from learning.xapi.models import Attachment, Statement

CONTENT = b"certificate of completion"
SHA2 = hashlib.sha256(CONTENT).hexdigest()
BOUNDARY = "xapi-boundary-42"


def with_attachment(sha2=SHA2, **extra):
    return statement_data(
        attachments=[
            {
                "usageType": "http://id.tincanapi.com/attachment/certificate-of-completion",
                "display": {"en-US": "Certificate"},
                "contentType": "text/plain",
                "length": len(CONTENT),
                "sha2": sha2,
                **extra,
            }
        ]
    )


def multipart(statements, parts):
    chunks = [
        f"--{BOUNDARY}\r\nContent-Type: application/json\r\n\r\n".encode(),
        json.dumps(statements).encode(),
        b"\r\n",
    ]
    for content, sha2 in parts:
        chunks += [
            f"--{BOUNDARY}\r\nContent-Type: text/plain\r\n"
            f"Content-Transfer-Encoding: binary\r\n"
            f"X-Experience-API-Hash: {sha2}\r\n\r\n".encode(),
            content,
            b"\r\n",
        ]
    chunks.append(f"--{BOUNDARY}--\r\n".encode())
    return b"".join(chunks)


CONTENT_TYPE = f"multipart/mixed; boundary={BOUNDARY}"


def test_a_multipart_post_stores_statement_and_attachment(lrs):
    statement = with_attachment()

    response = lrs.post(multipart([statement], [(CONTENT, SHA2)]), content_type=CONTENT_TYPE)

    assert response.status_code == 200, response.content
    assert bytes(Attachment.objects.get(sha2=SHA2).content) == CONTENT


def test_a_part_whose_content_does_not_match_its_hash_is_400(lrs):
    statement = with_attachment()

    response = lrs.post(multipart([statement], [(b"tampered", SHA2)]), content_type=CONTENT_TYPE)

    assert response.status_code == 400
    assert Statement.objects.count() == 0


def test_an_attachment_without_file_url_or_part_is_400(lrs):
    response = lrs.post(with_attachment())

    assert response.status_code == 400
    assert response.json()["field"] == "0.attachments.0.sha2"


def test_an_attachment_with_only_a_file_url_needs_no_part(lrs):
    response = lrs.post(with_attachment(fileUrl="https://files.example.org/cert.txt"))

    assert response.status_code == 200


def test_a_part_no_statement_refers_to_is_400(lrs):
    response = lrs.post(multipart([statement_data()], [(CONTENT, SHA2)]), content_type=CONTENT_TYPE)

    assert response.status_code == 400
    assert not Statement.objects.exists()


def test_get_with_attachments_true_returns_multipart_with_the_content(lrs):
    statement = with_attachment()
    lrs.post(multipart([statement], [(CONTENT, SHA2)]), content_type=CONTENT_TYPE)

    response = lrs.get({"statementId": statement["id"], "attachments": "true"})

    assert response["Content-Type"].startswith("multipart/mixed; boundary=")
    assert CONTENT in response.content
    assert f"X-Experience-API-Hash: {SHA2}".encode() in response.content
