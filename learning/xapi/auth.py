"""Who is calling the LRS, and what they may do.

Two ways in:

* HTTP Basic with an LRS credential (key and secret): packaged content and other systems. No
  CSRF (there is no cookie to ride on); scopes decide what the credential may do.
* The platform's own pages: the Django session. CSRF is enforced as for any form post, the
  caller may write statements and documents and read only their own statements, and the actor
  of everything they write is forced to the logged-in person.
"""

import base64
import binascii
from dataclasses import dataclass

from django.db import connection
from django.middleware.csrf import CsrfViewMiddleware

from learning.xapi import plainsql
from learning.xapi.http import XapiError
from learning.xapi.models import Credential, Scope


@dataclass
class Caller:
    credential: Credential | None = None
    user: object = None

    @property
    def is_session(self):
        return self.credential is None

    def can(self, scope):
        if self.credential is not None:
            return self.credential.has_scope(scope)
        # A signed-in person writes their own statements and documents and reads their own.
        return scope in (Scope.WRITE_STATEMENTS, Scope.READ_OWN, Scope.DOCUMENTS)

    def require(self, *scopes):
        """Raise 403 unless the caller has at least one of ``scopes``."""
        if not any(self.can(scope) for scope in scopes):
            raise XapiError(403, "this credential may not do that", "Authorization")


def _csrf_reject(request):
    def never_called(request):  # pragma: no cover - CsrfViewMiddleware only inspects
        return None

    middleware = CsrfViewMiddleware(never_called)
    middleware.process_request(request)
    return middleware.process_view(request, None, (), {})


def _active_credential(key):
    """The active credential with ``key`` or None: one SELECT, in plain SQL because compiling
    the ORM query cost more CPU than running it, on every request (key is unique)."""
    quote = connection.ops.quote_name
    found = plainsql.select(
        Credential, f"{quote('key')} = %s AND {quote('is_active')} = %s", [key, True]
    )
    return found[0] if found else None


def authenticate(request):
    """The Caller for this request, or XapiError 401/403. Queries: one SELECT by key."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(header[6:].strip(), validate=True).decode()
            key, _, secret = decoded.partition(":")
        except (binascii.Error, UnicodeDecodeError):
            raise XapiError(401, "malformed Basic credentials", "Authorization") from None
        credential = _active_credential(key)
        if credential is None or not credential.check_secret(secret):
            raise XapiError(401, "unknown key or wrong secret", "Authorization")
        return Caller(credential=credential)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        if request.method not in ("GET", "HEAD", "OPTIONS") and _csrf_reject(request):
            raise XapiError(403, "CSRF check failed", "X-CSRFToken")
        return Caller(user=user)
    raise XapiError(401, "authentication required", "Authorization")
