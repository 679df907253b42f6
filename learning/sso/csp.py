"""Let the single sign-on confirmation page send people on to their identity provider.

The Content Security Policy allows forms to post to the site itself only ("form-action 'self'"),
and browsers apply that to the redirects a form post answers with. allauth's provider login is
such a form: it posts to the platform, which redirects to the employer's identity provider. So
that page, and only that page, also allows the provider's origin (OpenID Connect: the origin of
``server_url``, where the authorization endpoint lives for the usual providers; SAML: the origin
of the IdP's single sign-on URL or metadata URL).
"""

from urllib.parse import urlsplit

from allauth.socialaccount.models import SocialApp

LOGIN_VIEWS = {
    "openid_connect_login": ("openid_connect", "provider_id"),
    "saml_login": ("saml", "organization_slug"),
}


def _origin(url):
    parts = urlsplit(url or "")
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def provider_origin(app):
    """The origin people are redirected to when logging in through ``app``, or None."""
    if app.provider == "saml":
        idp = app.settings.get("idp") or {}
        return _origin(idp.get("sso_url") or idp.get("metadata_url"))
    return _origin(app.settings.get("server_url"))


def login_form_origin(resolver_match):
    """The identity provider's origin if this request is a provider login view. One query."""
    if resolver_match is None or resolver_match.url_name not in LOGIN_VIEWS:
        return None
    provider, key = LOGIN_VIEWS[resolver_match.url_name]
    lookup = (
        {"provider_id": resolver_match.kwargs.get(key)}
        if provider != "saml"
        else {"client_id": resolver_match.kwargs.get(key)}
    )
    app = SocialApp.objects.filter(provider=provider, **lookup).first()
    return provider_origin(app) if app else None


class IdentityProviderFormActionMiddleware:
    """Listed after the CSP middleware, so the header is built with this addition."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        origin = login_form_origin(getattr(request, "resolver_match", None))
        if origin:
            update = dict(getattr(response, "_csp_update", None) or {})
            update["form-action"] = [*update.get("form-action", []), origin]
            response._csp_update = update
        return response
