"""The competence framework, what each role must master, and what each person has shown.

Framework → areas → competences, at three practical levels (DOMAIN.md §3.4). A requirement says
"staff in this unit (and below) in this role must hold this competence at this level". A
competence record says "this person showed this competence at this level on this day, because of
this". Whether a person meets a requirement is computed in one place: ``status.py``.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from learning.organisations.models import JobRole, Organisation


class Level(models.IntegerChoices):
    BASIC = 1, _("1 Basic")
    INDEPENDENT = 2, _("2 Independent")
    SUPERUSER = 3, _("3 Superuser")


class Framework(ClusterableModel):
    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("description"),
        InlinePanel("areas", label=_("Areas")),
    ]

    class Meta:
        verbose_name = _("competence framework")
        verbose_name_plural = _("competence frameworks")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CompetenceArea(Orderable):
    framework = ParentalKey(Framework, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(_("code"), max_length=16)
    name = models.CharField(_("name"), max_length=200)

    panels = [FieldPanel("code"), FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("competence area")
        verbose_name_plural = _("competence areas")
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_area_code")
        ]

    def __str__(self):
        return f"{self.code} {self.name}"


class Competence(models.Model):
    area = models.ForeignKey(
        CompetenceArea,
        on_delete=models.PROTECT,
        related_name="competences",
        verbose_name=_("area"),
    )
    code = models.CharField(
        _("code"),
        max_length=16,
        unique=True,
        help_text=_("Unique across frameworks, e.g. 4.2 for DigComp or N3 for the workflow layer."),
    )
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    maps_to = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="mapped_from",
        verbose_name=_("maps to"),
        help_text=_("Generic competences this one builds on, e.g. DigComp codes."),
    )

    panels = [
        FieldPanel("area"),
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("maps_to"),
    ]

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        ordering = ["area__framework__name", "area__sort_order", "code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Requirement(models.Model):
    """Staff in a unit (optionally its subtree), in one role or all, must hold a competence."""

    unit = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="requirements",
        verbose_name=_("unit"),
    )
    include_subtree = models.BooleanField(
        _("include units below"),
        default=True,
        help_text=_("Also applies to every unit below this one."),
    )
    role = models.ForeignKey(
        JobRole,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="requirements",
        verbose_name=_("role"),
        help_text=_("Leave empty to require it of every role."),
    )
    competence = models.ForeignKey(
        Competence,
        on_delete=models.PROTECT,
        related_name="requirements",
        verbose_name=_("competence"),
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, default=Level.BASIC)
    due_within_days = models.PositiveIntegerField(
        _("due within (days)"),
        default=90,
        validators=[MaxValueValidator(3650)],
        help_text=_("Days from the start of the person's job assignment."),
    )
    renew_every_months = models.PositiveSmallIntegerField(
        _("renew every (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Leave empty if the competence never needs renewing."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        ordering = ["unit__path", "competence__code"]

    def __str__(self):
        role = self.role or _("all roles")
        return f"{self.unit} · {role} · {self.competence.code} ({self.level})"


class Evidence(models.TextChoices):
    COURSE = "course", _("Course completion")
    QUIZ = "quiz", _("Quiz")
    SIGN_OFF = "sign_off", _("Supervisor sign-off")
    IMPORT = "import", _("Import")


class CompetenceRecord(models.Model):
    """A person showed a competence at a level. Records are added, never edited into new facts."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="competence_records",
        verbose_name=_("person"),
    )
    competence = models.ForeignKey(
        Competence, on_delete=models.PROTECT, related_name="records", verbose_name=_("competence")
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    achieved_at = models.DateTimeField(_("achieved at"))
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("Set from the renewal rule when recorded; empty means no expiry."),
    )
    evidence = models.CharField(_("evidence"), max_length=10, choices=Evidence.choices)
    # What caused the record: a course completion, a quiz attempt, a statement...; generic so
    # later apps can point at their own rows without this app knowing them.
    source_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_id = models.CharField(max_length=64, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    statement_id = models.UUIDField(_("xAPI statement id"), null=True, blank=True, db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="competence_records_signed",
        verbose_name=_("recorded by"),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("competence record")
        verbose_name_plural = _("competence records")
        ordering = ["-achieved_at"]
        indexes = [models.Index(fields=["user", "competence"])]

    def __str__(self):
        return f"{self.user} · {self.competence.code} ({self.level})"
