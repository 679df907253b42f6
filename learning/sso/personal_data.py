"""What single sign-on holds about a person, for "My data" and erasure
(``learning.accounts.personal_data``): her links to employers' identity providers (allauth's
``SocialAccount``) and the sign-on log."""

from allauth.socialaccount.models import SocialAccount
from django.utils.translation import gettext_lazy as _

from learning.accounts import personal_data

from .models import SSOLoginEvent


def sso_accounts(user):
    # extra_data is what the employer's identity provider sent at the last login.
    return [
        {
            "provider": a.provider,
            "subject": a.uid,
            "last_login": a.last_login,
            "date_joined": a.date_joined,
            "claims": a.extra_data,
        }
        for a in SocialAccount.objects.filter(user=user)
    ]


def sso_logins(user):
    return [
        {
            "time": e.occurred_at,
            "identity_provider": e.provider_name,
            "outcome": e.get_outcome_display(),
            "unit_claim": e.unit_value,
            "role_claim": e.role_value,
        }
        for e in SSOLoginEvent.objects.filter(user=user)
    ]


def erase(person, today, now):
    return {
        # Without this, the next login at the employer's provider would reach the blanked
        # account again.
        "identity_provider_links": SocialAccount.objects.filter(user=person).delete()[0],
        "sso_logins": SSOLoginEvent.objects.filter(user=person).delete()[0],
    }


def register():
    personal_data.register_export("sso_accounts", _("Logins through your employer"), sso_accounts)
    personal_data.register_export("sso_logins", _("Single sign-on log"), sso_logins)
    personal_data.register_eraser(erase)
    personal_data.register_rows_about(SocialAccount, "user")
