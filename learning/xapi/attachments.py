"""multipart/mixed requests and responses for statements with attachments.

A request's first part is the statement JSON; every other part carries an
``X-Experience-API-Hash`` header with the SHA-2 of its content, which is checked here.
"""

import hashlib
import json
import secrets
from email.parser import BytesParser
from email.policy import HTTP

from learning.xapi.http import bad_request
from learning.xapi.models import Attachment

HASH_HEADER = "X-Experience-API-Hash"
_HASHES = {64: hashlib.sha256, 96: hashlib.sha384, 128: hashlib.sha512}


def sha2_of(content, like):
    """The hex SHA-2 of ``content`` with the length of ``like`` (SHA-256, 384 or 512)."""
    algorithm = _HASHES.get(len(like))
    return algorithm(content).hexdigest() if algorithm else None


def parse_multipart(content_type, body):
    """(statements JSON text, {sha2: (content type, bytes)}) from a multipart/mixed body, or
    400."""
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    if not message.is_multipart():
        raise bad_request("multipart body has no parts", "Content-Type")
    parts = list(message.iter_parts())
    if not parts:
        raise bad_request("multipart body has no parts", "Content-Type")
    first = parts[0]
    if first.get_content_type() != "application/json":
        raise bad_request(
            "the first part must be the statements as application/json", "Content-Type"
        )
    statements = first.get_payload(decode=True) or b""
    files = {}
    for part in parts[1:]:
        declared = part.get(HASH_HEADER)
        if not declared:
            raise bad_request(f"every attachment part needs an {HASH_HEADER} header", HASH_HEADER)
        content = part.get_payload(decode=True) or b""
        if sha2_of(content, declared) != declared.lower():
            raise bad_request("an attachment's content does not match its SHA-2 hash", HASH_HEADER)
        files[declared.lower()] = (part.get_content_type(), content)
    return statements, files


def _hashes_in(statements):
    for data in statements:
        for attachment in data.get("attachments") or ():
            yield attachment["sha2"].lower()


def multipart_response_body(payload, statements):
    """(content type, body bytes) for a statement result with the attachments we hold.

    One query for the attachment contents of the whole page.
    """
    boundary = secrets.token_hex(16)
    wanted = set(_hashes_in(statements))
    chunks = [
        f"--{boundary}\r\nContent-Type: application/json\r\n\r\n".encode(),
        json.dumps(payload, ensure_ascii=False).encode(),
        b"\r\n",
    ]
    for attachment in Attachment.objects.filter(sha2__in=wanted):
        chunks += [
            f"--{boundary}\r\nContent-Type: {attachment.content_type}\r\n"
            f"Content-Transfer-Encoding: binary\r\n"
            f"{HASH_HEADER}: {attachment.sha2}\r\n\r\n".encode(),
            bytes(attachment.content),
            b"\r\n",
        ]
    chunks.append(f"--{boundary}--\r\n".encode())
    return f"multipart/mixed; boundary={boundary}", b"".join(chunks)
