"""Writes the IdP's users and its one client application; shared by idp_setup and the control view.

Environment (read by `provision_from_environment`):
    IDP_PASSWORD       every user's password
    IDP_CLIENT_ID      the platform's client id at this IdP
    IDP_CLIENT_SECRET  the platform's client secret (stored hashed, as DOT does by default)
    IDP_REDIRECT_URIS  space-separated redirect URIs; http://127.0.0.1/... matches any port
"""

import os

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from oauth2_provider.models import Application

from tests.support.oidc.idp.claims import read_claims_file


def required_env(name):
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"The test IdP needs the environment variable {name}.")
    return value


def provision_from_environment(redirect_uris=None):
    """Users from the claims file and the client from the environment (queries the database).

    `redirect_uris` (a list) replaces IDP_REDIRECT_URIS when given. Returns the usernames.
    """
    if redirect_uris is None:
        redirect_uris = required_env("IDP_REDIRECT_URIS").split()
    with transaction.atomic():
        usernames = save_users(required_env("IDP_PASSWORD"))
        save_application(
            required_env("IDP_CLIENT_ID"), required_env("IDP_CLIENT_SECRET"), redirect_uris
        )
    return usernames


def save_users(password):
    """One active account per username in the claims file (queries the database)."""
    claims_by_user = read_claims_file()
    User = get_user_model()
    for username, claims in claims_by_user.items():
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "email": claims.get("email", ""),
                "first_name": claims.get("given_name", ""),
                "last_name": claims.get("family_name", ""),
                "is_active": True,
            },
        )
        user.set_password(password)
        user.save(update_fields=["password"])
    # An account the file no longer lists can no longer log in, as when an employee leaves.
    User.objects.exclude(username__in=claims_by_user).update(is_active=False)
    return sorted(claims_by_user)


def save_application(client_id, secret, redirect_uris):
    """The one confidential authorization-code client, signing with RS256 (queries the database)."""
    Application.objects.update_or_create(
        client_id=client_id,
        defaults={
            "name": "eSundhed Akademi (test)",
            "client_type": Application.CLIENT_CONFIDENTIAL,
            "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
            "algorithm": Application.RS256_ALGORITHM,
            "skip_authorization": True,
            "redirect_uris": " ".join(redirect_uris),
            "client_secret": secret,
            "hash_client_secret": True,
        },
    )
