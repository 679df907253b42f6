"""Two-factor authentication is required of privileged users (issue: identity and privacy).

allauth.mfa asks for the TOTP code at login once a person has an authenticator. This middleware
closes the other half: a privileged person without one is sent to set it up and can do nothing
else until they have, so the requirement cannot be skipped by simply never enrolling.
Who counts as privileged is decided by ``permissions.needs_mfa``.
"""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect

from .permissions import needs_mfa

# Paths a person without a second factor may still use: the account pages (to set it up or
# log out), language switching, static files and the health check.
ALLOWED_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/healthz")


def has_second_factor(user):
    """One query."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.MFA_REQUIRED_FOR_PRIVILEGED
            and user is not None
            and user.is_authenticated
            and not request.path_info.startswith(ALLOWED_PREFIXES)
            and not has_second_factor(user)
            and needs_mfa(user)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)
