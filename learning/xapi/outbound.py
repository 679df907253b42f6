"""The one seam through which the platform talks to an external LRS (HTTP, stdlib urllib).

urllib rather than a client library: one POST of a JSON list with Basic auth and a timeout is
all forwarding needs.
"""

import base64
import json
import urllib.error
import urllib.request

from django.conf import settings

# Answers that retrying cannot change; anything else (5xx, 408, 429, no connection) is retried.
PERMANENT = {400, 401, 403, 404, 405, 409, 413, 415}


class ForwardingError(Exception):
    def __init__(self, reason, *, permanent=False):
        super().__init__(reason)
        self.permanent = permanent


def timeout():
    return float(getattr(settings, "XAPI_FORWARD_TIMEOUT_SECONDS", 10))


def post_statements(destination, statements):
    """POST ``statements`` (a list of stored JSON) to the destination's statements resource.

    Raises ForwardingError with a reason fit for the admin. No database access.
    """
    body = json.dumps(statements, ensure_ascii=False).encode()
    token = base64.b64encode(f"{destination.username}:{destination.get_secret()}".encode())
    request = urllib.request.Request(  # noqa: S310 - the endpoint is an admin-entered http(s) URL
        destination.statements_url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Experience-API-Version": "1.0.3",
            "Authorization": "Basic " + token.decode(),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout()) as response:  # noqa: S310
            response.read()
    except urllib.error.HTTPError as error:
        detail = error.read()[:500].decode(errors="replace")
        raise ForwardingError(
            f"HTTP {error.code} {error.reason}: {detail}", permanent=error.code in PERMANENT
        ) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise ForwardingError(f"no answer from {destination.statements_url}: {reason}") from None
