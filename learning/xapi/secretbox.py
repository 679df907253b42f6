"""Encryption at rest for secrets the platform must send in clear (external LRS passwords).

Fernet (AES-128-CBC with HMAC-SHA256, from ``cryptography``) rather than hand-written crypto.
The key is derived from ``XAPI_FORWARD_SECRET_KEY`` if set, else from ``SECRET_KEY``: a
database dump alone does not reveal the secrets. Rotating the key makes stored secrets
unreadable; enter them again in the admin then.
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


class SecretUnreadable(Exception):
    """The stored secret was encrypted with another key."""


def _fernet():
    master = getattr(settings, "XAPI_FORWARD_SECRET_KEY", None) or settings.SECRET_KEY
    digest = hashlib.sha256(b"xapi-forwarding:" + master.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(secret):
    return _fernet().encrypt(secret.encode()).decode()


def decrypt(token):
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise SecretUnreadable(
            "the secret was encrypted with another key; enter it again"
        ) from None
