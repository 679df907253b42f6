import time

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation

from learning.organisations.permissions import can_use_admin, is_signed_in


class DanishFirstLocaleMiddleware(LocaleMiddleware):
    """Danish unless the person chose otherwise with the language switcher.

    Django's own middleware follows the browser's Accept-Language, so a ward PC or a phone set up
    in English would show English to everyone. Here only the switcher's cookie changes the
    language; everything else gets settings.LANGUAGE_CODE.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = settings.LANGUAGE_CODE
        if chosen:
            try:
                language = translation.get_supported_language_variant(chosen)
            except LookupError:
                pass
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with one exception: the Wagtail admin.

    The public site runs no inline script at all (settings.CONTENT_SECURITY_POLICY). Wagtail's
    admin still renders a few inline <script> blocks (inline panels, date widgets) and shows
    page previews in a same-origin frame, so under /cms/ inline scripts are allowed and the
    admin may frame itself. The admin is only reachable after login.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(settings.WAGTAILADMIN_PATH_PREFIX):
            parts.update = {**(parts.update or {}), "script-src": [UNSAFE_INLINE]}
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts


class AdminAccessMiddleware:
    """Someone signed in who may not use the Wagtail admin (a learner, a manager) and opens
    /cms/ gets one Danish page that says so and leads back, with status 403.

    Wagtail would add "You do not have permission to access the admin" and send them to the
    login page, which sends a signed-in person straight back to /cms/: a redirect loop that
    stacked the message ten times. Who may use the admin is the access policy's rule.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(settings.WAGTAILADMIN_PATH_PREFIX):
            if is_signed_in(request.user) and not can_use_admin(request.user):
                return render(request, "cms/no_admin_access.html", status=403)
        return self.get_response(request)


class IdleTimeoutMiddleware:
    """Renews a stored session's idle timeout (SESSION_COOKIE_AGE) at most once a minute.

    Django's SESSION_SAVE_EVERY_REQUEST would write the session row on every request (three
    queries); renewing when the last renewal is more than RENEW_AFTER seconds old keeps the
    timeout to within a minute for one write a minute. The time of the last renewal is kept in
    the session itself; a session changed for another reason is saved (and renewed) anyway.
    """

    RENEW_AFTER = 60
    KEY = "_renewed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key and not session.is_empty():
            now = time.time()
            if session.modified or now - session.get(self.KEY, 0) > self.RENEW_AFTER:
                session[self.KEY] = now
        return response
