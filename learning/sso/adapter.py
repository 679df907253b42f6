"""allauth's social-account adapter, narrowed to what an employer's identity provider may do."""

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.shortcuts import render

from learning.sso.mapping import works_in
from learning.sso.models import LoginOutcome, ProviderMapping, SSOLoginEvent


def mapping_for(sociallogin):
    """The claim mapping of the provider used for this login, or None. One query."""
    app = sociallogin.provider.app
    if app is None or app.pk is None:
        return None
    return ProviderMapping.objects.select_related("organisation").filter(app=app).first()


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        """An employer's provider vouches for its staff, so they get an account at their first
        login even when self-service sign-up is closed. Providers without a mapping follow the
        site's sign-up setting."""
        if mapping_for(sociallogin) is not None:
            return True
        return super().is_open_for_signup(request, sociallogin)

    def can_authenticate_by_email(self, login, email):
        mapping = mapping_for(login)
        return bool(mapping and mapping.link_existing_by_email)

    def authenticate_by_email(self, sociallogin):
        """Join a first login to the existing account with the same verified e-mail only when
        that person works in the provider's organisation and nowhere else; otherwise one
        employer's identity provider could take over another employer's staff (or an
        administrator) by asserting their e-mail. A refusal is logged and shown."""
        found = super().authenticate_by_email(sociallogin)
        if found is None:
            return None
        user, _email = found
        mapping = mapping_for(sociallogin)
        if works_in(user, mapping.organisation):
            return found
        app = sociallogin.provider.app
        SSOLoginEvent.objects.create(
            app=app, provider_name=app.name[:200], user=user, outcome=LoginOutcome.REFUSED
        )
        raise ImmediateHttpResponse(
            render(self.request, "sso/refused.html", {"provider_name": app.name}, status=403)
        )
