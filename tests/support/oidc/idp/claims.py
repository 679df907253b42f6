"""The claims file: what the IdP asserts about each user, re-read on every request."""

import json
import uuid

from django.conf import settings

# The claims every user gets unless the file says otherwise; "unit" and "role" are the
# employer's organisational unit code and job role, which the platform maps on login.
CLAIM_NAMES = ["sub", "email", "email_verified", "given_name", "family_name", "unit", "role"]


def read_claims_file() -> dict[str, dict]:
    """All users' claims, {username: {claim: value}}; read from disk on each call."""
    with open(settings.CLAIMS_FILE, encoding="utf-8") as handle:
        return json.load(handle)


def default_subject(username: str) -> str:
    """A stable, opaque `sub` for a username: the same on every run, not the username itself."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"test-idp:{username}"))


def claims_for(user) -> dict:
    """The claims to assert for `user`: defaults from the account, overridden by the file."""
    username = user.get_username()
    claims = {
        "sub": default_subject(username),
        "email": user.email,
        "email_verified": True,
        "given_name": user.first_name,
        "family_name": user.last_name,
    }
    claims.update(read_claims_file().get(username, {}))
    return claims
