"""An HTTP endpoint through which the test fixture re-provisions the running IdP.

Far quicker than a subprocess per change. It answers only when IDP_CONTROL_TOKEN is set and
the request carries it; the IdP itself listens on 127.0.0.1 only.
"""

import hmac
import json
import os

from django.http import Http404, HttpResponseBadRequest, HttpResponseForbidden, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from tests.support.oidc.idp.provisioning import provision_from_environment

TOKEN_HEADER = "X-Idp-Control-Token"


@csrf_exempt  # no cookies involved: the shared token is the credential
@require_POST
def provision(request):
    """Re-reads the claims file into the accounts; sets the redirect URIs if the body names them.

    Body: {"redirect_uris": [...]} or {}. Queries the database.
    """
    expected = os.environ.get("IDP_CONTROL_TOKEN", "")
    if not expected:
        raise Http404
    if not hmac.compare_digest(request.headers.get(TOKEN_HEADER, ""), expected):
        return HttpResponseForbidden()
    try:
        body = json.loads(request.body or b"{}")
        redirect_uris = body.get("redirect_uris")
        if redirect_uris is not None and not all(isinstance(u, str) for u in redirect_uris):
            raise ValueError
    except (ValueError, AttributeError, TypeError):
        return HttpResponseBadRequest('expected {"redirect_uris": [str, ...]}')
    return JsonResponse({"users": provision_from_environment(redirect_uris)})
