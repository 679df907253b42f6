"""Apply the identity provider's claims after every single sign-on login."""

from allauth.account.signals import user_logged_in
from django.dispatch import receiver

from learning.sso.claims import flat_claims
from learning.sso.mapping import apply_claims


@receiver(user_logged_in, dispatch_uid="sso_apply_claims")
def apply_claims_at_login(sender, request, user, sociallogin=None, **kwargs):
    # Local (password) logins carry no sociallogin and have no claims to apply.
    if sociallogin is None or sociallogin.provider.app is None:
        return
    claims = flat_claims(sociallogin.provider.id, sociallogin.account.extra_data)
    apply_claims(user, sociallogin.provider.app, claims)
