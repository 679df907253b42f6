"""Signed statements (xAPI 1.0.3 Part Two §2.6): the signature attachment is checked.

A signed statement carries one attachment with the signature usage type, sent as a multipart
part: a JWS in compact serialisation (RFC 7515 §7.1) whose payload is the statement as it was
before the signature attachment was added. The LRS refuses a malformed signature with 400
(§2.6, LRS requirements), which here means any of:

* the attachment's contentType is not ``application/octet-stream``, or its part is missing;
* the part is not three base64url segments, or its header is not a JSON object;
* the header's ``alg`` is not RS256, RS384 or RS512;
* the payload is not a JSON statement equal to the statement itself, once the properties the
  LRS sets or that signing changes are set aside: ``stored``, ``authority``, ``version``,
  ``attachments`` (the signature attachment is added after signing) and ``id`` when the
  payload has none (the LRS may assign one). Equal means what the LRS means for a re-sent
  statement (``store.content_hash``: timestamps compared as instants, single context
  activities as one-element arrays);
* the header has an ``x5c`` chain and the signature does not verify with the public key of its
  first certificate (RFC 7515 §4.1.6). Without ``x5c`` the LRS has no key to verify with;
  the spec makes x5c a SHOULD, so such a statement is stored unverified.

The chain's trust is not judged: the spec leaves that to whoever reads the statement.
"""

import base64
import binascii
import json

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from learning.xapi.statement_schema import StatementError

SIGNATURE_USAGE = "http://adlnet.gov/expapi/attachments/signature"
_HASHES = {"RS256": hashes.SHA256, "RS384": hashes.SHA384, "RS512": hashes.SHA512}
# What signing or the LRS may change between the payload and the statement received.
_SET_ASIDE = ("stored", "authority", "version", "attachments")


def _b64url(segment, what):
    try:
        padded = segment + "=" * (-len(segment) % 4)
        return base64.b64decode(padded, altchars="-_", validate=True)
    except (binascii.Error, ValueError):
        raise StatementError(f"the signature's {what} is not base64url") from None


def _json(raw, what):
    try:
        value = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise StatementError(f"the signature's {what} is not JSON") from None
    if not isinstance(value, dict):
        raise StatementError(f"the signature's {what} is not a JSON object")
    return value


def _comparable(statement, keep_id):
    core = {k: v for k, v in statement.items() if k not in _SET_ASIDE}
    if not keep_id:
        core.pop("id", None)
    return core


def _verify_x5c(chain, algorithm, signing_input, signature):
    if not isinstance(chain, list) or not chain or not isinstance(chain[0], str):
        raise StatementError("the signature's x5c is not a certificate chain")
    try:
        certificate = x509.load_der_x509_certificate(base64.b64decode(chain[0], validate=True))
    except (binascii.Error, ValueError):
        raise StatementError("the signature's x5c certificate cannot be read") from None
    key = certificate.public_key()
    if not isinstance(key, rsa.RSAPublicKey):
        raise StatementError("the signature's certificate does not hold an RSA key")
    try:
        key.verify(signature, signing_input, padding.PKCS1v15(), _HASHES[algorithm]())
    except InvalidSignature:
        raise StatementError("the signature does not verify with its x5c certificate") from None


def check(statement, parts, content_hash):
    """Raise StatementError unless every signature attachment of ``statement`` is a valid JWS
    of it. ``parts``: {sha2: (content type, bytes)} of the request's attachment parts;
    ``content_hash``: ``store.content_hash``, equal for statements of the same content."""
    for number, attachment in enumerate(statement.get("attachments") or ()):
        if attachment.get("usageType") != SIGNATURE_USAGE:
            continue
        field = f"attachments.{number}"
        try:
            _check_one(statement, attachment, parts, content_hash)
        except StatementError as error:
            error.field = field
            raise


def _check_one(statement, attachment, parts, content_hash):
    if attachment.get("contentType") != "application/octet-stream":
        raise StatementError("a signature's contentType must be application/octet-stream")
    part = parts.get(attachment["sha2"].lower())
    if part is None:
        raise StatementError("a signature must be sent as a part of the request")
    try:
        token = part[1].decode("ascii").strip()
    except UnicodeDecodeError:
        raise StatementError("the signature is not a JWS in compact serialisation") from None
    segments = token.split(".")
    if len(segments) != 3 or not all(segments):
        raise StatementError("the signature is not a JWS in compact serialisation")
    header = _json(_b64url(segments[0], "header"), "header")
    algorithm = header.get("alg")
    if algorithm not in _HASHES:
        raise StatementError("a signature's algorithm must be RS256, RS384 or RS512")
    payload = _json(_b64url(segments[1], "payload"), "payload")
    signature = _b64url(segments[2], "signature")
    keep_id = "id" in payload
    try:
        same = content_hash(_comparable(payload, keep_id)) == content_hash(
            _comparable(statement, keep_id)
        )
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
        same = False  # a payload that is no statement
    if not same:
        raise StatementError("the signature's payload is not this statement")
    if "x5c" in header:
        signing_input = f"{segments[0]}.{segments[1]}".encode("ascii")
        _verify_x5c(header["x5c"], algorithm, signing_input, signature)
