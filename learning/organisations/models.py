"""Who works where, in which role, and who manages whom.

Organisations are independent employers (the region, 11 municipalities, GP clinics) that each keep
their own subtree. Staff are ordinary ``accounts.User`` rows; HR's person key lives in
``StaffProfile`` so the user model stays free of HR concerns. No CPR number is ever stored.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node


class Sector(models.TextChoices):
    REGION = "region", _("Region")
    MUNICIPALITY = "municipality", _("Municipality")
    GENERAL_PRACTICE = "general_practice", _("General practice")
    OTHER = "other", _("Other")


def owner_organisation_field(help_text):
    """The field that names who owns a piece of content (pages, quizzes, questions): its
    educators change it (``permissions.owner_of``); empty is the region's shared content."""
    return models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owning organisation"),
        help_text=help_text,
    )


class OrganisationKind(models.TextChoices):
    REGION = "region", _("Region")
    HOSPITAL = "hospital", _("Hospital")
    DEPARTMENT = "department", _("Department")
    MUNICIPALITY = "municipality", _("Municipality")
    ADMINISTRATION = "administration", _("Administration")
    UNIT = "unit", _("Unit")
    CLINIC = "clinic", _("Clinic")
    OTHER = "other", _("Other")


class Organisation(MP_Node):
    """A node in the organisation tree: an employer, a hospital, a department, a unit, a clinic.

    Materialised paths make "this unit and everything below it" a single ``path__startswith``
    filter, which requirements, manager scopes and reports all rely on.
    """

    name = models.CharField(_("name"), max_length=255)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    sor_code = models.CharField(
        _("SOR code"),
        max_length=20,
        null=True,
        blank=True,
        unique=True,
        help_text=_("The unit's code in Sundhedsvæsenets Organisationsregister, if it has one."),
    )
    municipality_code = models.CharField(
        _("municipality code"),
        max_length=4,
        blank=True,
        help_text=_("The three-digit municipality code, e.g. 860 for Hjørring."),
    )
    external_id = models.CharField(
        _("external id"),
        max_length=64,
        null=True,
        blank=True,
        unique=True,
        help_text=_("The unit's key in HR exports; roster imports match units on it."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Employers (top-level organisations) only, made on first use by the access policy
    # (permissions.content_collection / educator_group): where their educators' media, images
    # and documents live, and the group allowed to change them.
    content_collection = models.OneToOneField(
        "wagtailcore.Collection",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="organisation",
        verbose_name=_("collection"),
    )
    educator_group = models.OneToOneField(
        "auth.Group",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="educator_of_organisation",
        verbose_name=_("educator group"),
    )

    node_order_by = []  # Siblings keep insertion order; imports stay append-only and fast.

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["path"]

    def __str__(self):
        return self.name

    def clean(self):
        # Empty strings would collide on the unique constraints; store NULL instead.
        self.sor_code = (self.sor_code or "").strip() or None
        self.external_id = (self.external_id or "").strip() or None

    def subtree_filter(self, prefix="unit__"):
        """A Q matching rows whose organisation is this node or one of its descendants."""
        return Q(**{f"{prefix}path__startswith": self.path})


class JobRole(models.Model):
    """A job (stilling) as HR codes it; requirements are set per role."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=120)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("job role")
        verbose_name_plural = _("job roles")
        ordering = ["name"]

    def __str__(self):
        return self.name


class StaffProfile(models.Model):
    """HR's key for a person. Users created by a roster import get one; others may never."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_profile",
        verbose_name=_("user"),
    )
    external_id = models.CharField(_("external id"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        return self.external_id


class AssignmentSource(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    IMPORT = "import", _("Roster import")
    SSO = "sso", _("Single sign-on")


class ActiveOnQuerySet(models.QuerySet):
    def active_on(self, day=None):
        """Rows whose [starts_on, ends_on] period contains ``day`` (today by default)."""
        day = day or timezone.localdate()
        return self.filter(starts_on__lte=day).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))


class DatedMixin(models.Model):
    starts_on = models.DateField(_("start date"), default=datetime.date.today)
    ends_on = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("The last day. Leave empty if open.")
    )

    objects = ActiveOnQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_active_on(self, day):
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def clean(self):
        super().clean()
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})


class JobAssignment(DatedMixin):
    """A person works in a unit in a role from a start date, possibly until an end date.

    A person may hold several at once. Assignments are ended, never deleted, so coverage
    history stays explainable.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="job_assignments",
        verbose_name=_("person"),
    )
    unit = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("unit")
    )
    role = models.ForeignKey(
        JobRole, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("role")
    )
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=AssignmentSource.choices,
        default=AssignmentSource.MANUAL,
    )

    class Meta:
        verbose_name = _("job assignment")
        verbose_name_plural = _("job assignments")
        ordering = ["user", "starts_on"]
        indexes = [models.Index(fields=["unit", "role"])]

    def __str__(self):
        return f"{self.user} · {self.role} · {self.unit}"


class ManagerScope(DatedMixin):
    """A manager manages a unit and everything below it."""

    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="manager_scopes",
        verbose_name=_("manager"),
    )
    unit = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="manager_scopes",
        verbose_name=_("unit"),
    )

    class Meta:
        verbose_name = _("manager scope")
        verbose_name_plural = _("manager scopes")
        ordering = ["manager", "unit__path"]

    def __str__(self):
        return f"{self.manager} → {self.unit}"


class Delegation(DatedMixin):
    """A manager lets a deputy act for them over one of their units for a limited time.

    Every grant is a row that is never deleted: revoking sets ``revoked_at``. A delegation only
    counts while the granter still manages the unit directly, so a deputy cannot outlive the
    manager's own scope or pass it on.
    """

    unit = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="delegations", verbose_name=_("unit")
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="delegations_received",
        verbose_name=_("deputy"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="delegations_granted",
        verbose_name=_("granted by"),
    )
    ends_on = models.DateField(_("end date"), help_text=_("The last day the deputy may act."))
    created_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.granted_by} → {self.deputy}: {self.unit}"

    def clean(self):
        super().clean()
        if self.deputy_id and self.deputy_id == self.granted_by_id:
            raise ValidationError({"deputy": _("You cannot delegate to yourself.")})
