"""Single sign-on in the Wagtail admin (Settings), for superusers by default.

* Identity providers: allauth's SocialApp (OpenID Connect or SAML), one per employer.
* Claim mappings: the employer, the unit and role claims, role translations.
* Single sign-on logins: the audit log, read-only, filterable by outcome and provider.
"""

from allauth.socialaccount.models import SocialApp
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from learning.admin_policies import ReadOnlyPolicy
from learning.sso.models import ProviderMapping, SSOLoginEvent


class IdentityProviderViewSet(ModelViewSet):
    model = SocialApp
    form_fields = ["provider", "provider_id", "name", "client_id", "secret", "settings"]
    list_display = ["name", "provider", "provider_id", "client_id"]
    icon = "key"
    add_to_settings_menu = True
    menu_label = _("Identity providers")
    url_prefix = "identity-providers"
    url_namespace = "sso_identity_providers"


class ProviderMappingViewSet(ModelViewSet):
    model = ProviderMapping
    panels = [
        FieldPanel("app"),
        FieldPanel("organisation"),
        FieldPanel("unit_claim"),
        FieldPanel("role_claim"),
        FieldPanel("default_role"),
        FieldPanel("link_existing_by_email"),
        InlinePanel("role_values", label=_("role claim values")),
    ]
    list_display = ["app", "organisation", "unit_claim", "role_claim", "link_existing_by_email"]
    icon = "link"
    add_to_settings_menu = True
    menu_label = _("Claim mappings")


register_permission_policy(SSOLoginEvent, ReadOnlyPolicy(SSOLoginEvent))


class LoginEventViewSet(ModelViewSet):
    model = SSOLoginEvent
    list_display = [
        "occurred_at",
        "provider_name",
        "user",
        "outcome",
        "unit_value",
        "role_value",
        "unit",
        "role",
    ]
    list_filter = ["outcome", "app"]
    form_fields = ["outcome"]  # required by ModelViewSet; the policy allows no editing
    copy_view_enabled = False
    inspect_view_enabled = True
    icon = "history"
    add_to_settings_menu = True
    menu_label = _("Single sign-on logins")


@hooks.register("register_admin_viewset")
def register_sso_viewsets():
    return [
        IdentityProviderViewSet("identity_providers"),
        ProviderMappingViewSet("sso_claim_mappings"),
        LoginEventViewSet("sso_logins"),
    ]
