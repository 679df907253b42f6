"""Single sign-on: which employer an identity provider speaks for, and what its claims mean.

The protocol side (client id and secret, discovery URL, SAML metadata) lives in allauth's
``SocialApp``, one per identity provider. A ``ProviderMapping`` adds what allauth cannot know:
the organisation whose staff log in there, the claims that carry a person's unit and role, and
whether a first login may join an existing account with the same e-mail. Claims are applied at
every login (``learning.sso.mapping``) and each application is written to ``SSOLoginEvent``.
"""

from allauth.socialaccount.models import SocialApp
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from learning.organisations.models import JobRole, Organisation


class ProviderMapping(ClusterableModel):
    app = models.OneToOneField(
        SocialApp,
        on_delete=models.CASCADE,
        related_name="mapping",
        verbose_name=_("identity provider"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="identity_providers",
        verbose_name=_("organisation"),
        help_text=_(
            "The employer this identity provider speaks for. Its claims can only place "
            "people in this organisation or units below it."
        ),
    )
    unit_claim = models.CharField(
        _("unit claim"),
        max_length=200,
        default="unit",
        help_text=_(
            "The claim (OpenID Connect) or attribute (SAML) holding the unit's external "
            "id or SOR code."
        ),
    )
    role_claim = models.CharField(
        _("role claim"),
        max_length=200,
        default="role",
        help_text=_("The claim or attribute holding the job role."),
    )
    default_role = models.ForeignKey(
        JobRole,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("default role"),
        help_text=_("Used when the role claim is missing or matches no role."),
    )
    link_existing_by_email = models.BooleanField(
        _("join existing accounts by e-mail"),
        default=False,
        help_text=_(
            "At a person's first login here, use the existing account with the same "
            "e-mail, but only if that person works in this organisation."
        ),
    )

    class Meta:
        verbose_name = _("claim mapping")
        verbose_name_plural = _("claim mappings")

    def __str__(self):
        return f"{self.app.name} → {self.organisation.name}"


class RoleClaimValue(models.Model):
    """One value of the role claim and the job role it means, e.g. "SOSU-ASS" → SSA."""

    mapping = ParentalKey(ProviderMapping, on_delete=models.CASCADE, related_name="role_values")
    value = models.CharField(_("claim value"), max_length=200)
    role = models.ForeignKey(
        JobRole, on_delete=models.PROTECT, related_name="+", verbose_name=_("role")
    )

    class Meta:
        verbose_name = _("role claim value")
        verbose_name_plural = _("role claim values")
        constraints = [
            models.UniqueConstraint(fields=["mapping", "value"], name="sso_role_value_unique"),
        ]

    def __str__(self):
        return f"{self.value} → {self.role.code}"


class LoginOutcome(models.TextChoices):
    ASSIGNED = "assigned", _("Placed in unit and role")
    MOVED = "moved", _("Moved to another unit or role")
    UNCHANGED = "unchanged", _("Unit and role unchanged")
    NO_UNIT_CLAIM = "no_unit_claim", _("No unit claim")
    UNKNOWN_UNIT = "unknown_unit", _("Unit not found in the organisation")
    UNKNOWN_ROLE = "unknown_role", _("Role not recognised")
    NOT_CONFIGURED = "not_configured", _("No claim mapping for this provider")
    REFUSED = "refused", _("Refused: the account belongs to another organisation")


class SSOLoginEvent(models.Model):
    """The audit log of single sign-on: one row per login, with what the claims did.

    Only the two mapped claim values are kept, not the whole token (data minimisation).
    """

    occurred_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    app = models.ForeignKey(
        SocialApp,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("identity provider"),
    )
    provider_name = models.CharField(_("identity provider name"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="sso_logins",
        verbose_name=_("person"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=LoginOutcome.choices)
    unit_value = models.CharField(_("unit claim value"), max_length=200, blank=True)
    role_value = models.CharField(_("role claim value"), max_length=200, blank=True)
    unit = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    role = models.ForeignKey(
        JobRole,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("role"),
    )

    class Meta:
        verbose_name = _("single sign-on login")
        verbose_name_plural = _("single sign-on logins")
        ordering = ["-occurred_at", "-pk"]

    def __str__(self):
        return f"{self.provider_name} {self.occurred_at:%Y-%m-%d %H:%M} {self.outcome}"
