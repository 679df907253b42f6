"""Packages (cmi5 courses made in authoring tools), their AUs, and learners' registrations,
sessions and results.

A package belongs to an organisation like courses do (``permissions.can_edit_package``). Its
files live under ``PACKAGES_ROOT/<storage_key>/`` and are served only from the content origin
(``learning.packages.origin``).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Package(index.Indexed, models.Model):
    class Kind(models.TextChoices):
        CMI5 = "cmi5", "cmi5"
        SCORM12 = "scorm12", "SCORM 1.2"
        SCORM2004 = "scorm2004", "SCORM 2004"

    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.CMI5, editable=False
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("owning organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Its educators edit this package; everyone may use it."),
    )
    course_id = models.CharField(_("course id"), max_length=400, editable=False)
    description = models.TextField(_("description"), blank=True, editable=False)
    storage_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    has_files = models.BooleanField(default=False, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("title"), FieldPanel("organisation")]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("e-learning package")
        verbose_name_plural = _("e-learning packages")
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def is_scorm(self):
        return self.kind != self.Kind.CMI5


class AssignableUnit(models.Model):
    """An AU of a cmi5 course structure (cmi5 section 13.1.4), in the order of cmi5.xml, or a
    SCO of a SCORM package (``au_id`` is then the item's identifier in imsmanifest.xml, ``url``
    its resource's href with the item's parameters, ``move_on`` CompletedOrPassed)."""

    class MoveOn(models.TextChoices):
        PASSED = "Passed", _("Passed")
        COMPLETED = "Completed", _("Completed")
        COMPLETED_AND_PASSED = "CompletedAndPassed", _("Completed and passed")
        COMPLETED_OR_PASSED = "CompletedOrPassed", _("Completed or passed")
        NOT_APPLICABLE = "NotApplicable", _("Not applicable")

    package = models.ForeignKey(Package, on_delete=models.CASCADE, related_name="units")
    position = models.PositiveIntegerField()
    au_id = models.CharField(max_length=400)
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=2000)
    move_on = models.CharField(max_length=20, choices=MoveOn.choices)
    mastery_score = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    launch_method = models.CharField(max_length=10, default="AnyWindow")
    activity_type = models.CharField(max_length=400, blank=True)
    launch_parameters = models.TextField(blank=True)
    entitlement_key = models.CharField(max_length=400, blank=True)

    class Meta:
        ordering = ["package", "position"]
        constraints = [
            models.UniqueConstraint(fields=["package", "au_id"], name="packages_unique_au_id")
        ]

    def __str__(self):
        return self.title


class Registration(models.Model):
    """A learner's registration for a package (cmi5 section 5.2): one per person and package,
    kept across sessions so she resumes where she left off."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    package = models.ForeignKey(Package, on_delete=models.CASCADE, related_name="registrations")
    registration = models.UUIDField(default=uuid.uuid4, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    satisfied_at = models.DateTimeField(null=True, blank=True)
    # How often a withdrawn waiver took satisfaction away (satisfaction.withdraw_waiver): part
    # of the ids of the LMS's "satisfied" and lesson statements, so a later satisfaction is
    # recorded anew. Not reset by a rebuild: it follows the voidings in the log.
    withdrawals = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "package"], name="packages_one_registration")
        ]

    def __str__(self):
        return str(self.registration)


class UnitResult(models.Model):
    """What a registration achieved in one AU: a projection of the AU's statements."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="results")
    unit = models.ForeignKey(AssignableUnit, on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    passed_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    score_scaled = models.FloatField(null=True, blank=True)
    satisfied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "unit"], name="packages_one_result")
        ]

    def __str__(self):
        return f"{self.registration} / {self.unit_id}"


class Waiver(models.Model):
    """The LMS let a learner move on without an AU (cmi5 9.3.7). Written in the same
    transaction as the "waived" statement, not projected from the log: anyone signed in may
    post statements for themselves, and a posted "waived" must waive nothing."""

    class Reason(models.TextChoices):
        TESTED_OUT = "Tested Out", _("Tested out")
        EQUIVALENT_AU = "Equivalent AU", _("Equivalent AU")
        EQUIVALENT_OUTSIDE = "Equivalent Outside Activity", _("Equivalent outside activity")
        ADMINISTRATIVE = "Administrative", _("Administrative")

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="waivers")
    unit = models.ForeignKey(AssignableUnit, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=40, choices=Reason.choices)
    waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()
    statement_id = models.UUIDField()
    # The lesson it was given from: its completion goes if the waiver is withdrawn.
    lesson_id = models.IntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "unit"], name="packages_one_waiver")
        ]

    def __str__(self):
        return f"{self.registration} / {self.unit_id}: {self.reason}"


class LaunchSession(models.Model):
    """One launch of an AU (cmi5 section 5.3). The fetch URL carries ``fetch_token``, used once
    to obtain the LRS credential that is the session's auth token (section 8.2).

    A launch of a SCORM SCO is a session too (``learning.packages.scorm``): its
    ``fetch_token_hash`` is that of the launch token the SCORM host page commits with; it is
    born fetched, so the cmi5 fetch URL never answers it, and its ``credential`` (whose secret
    nobody is given) only marks the statements the platform stores for its commits."""

    class Mode(models.TextChoices):
        NORMAL = "Normal", _("Normal")
        BROWSE = "Browse", _("Browse")
        REVIEW = "Review", _("Review")

    session_id = models.UUIDField(default=uuid.uuid4, unique=True)
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="sessions"
    )
    unit = models.ForeignKey(AssignableUnit, on_delete=models.CASCADE, related_name="+")
    lesson_id = models.IntegerField(null=True, blank=True)
    launch_mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.NORMAL)
    fetch_token_hash = models.CharField(max_length=64, unique=True)
    credential = models.OneToOneField(
        "xapi.Credential", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    launched_at = models.DateTimeField()
    fetched_at = models.DateTimeField(null=True, blank=True)
    initialized_at = models.DateTimeField(null=True, blank=True)
    terminated_at = models.DateTimeField(null=True, blank=True)
    abandoned_at = models.DateTimeField(null=True, blank=True)
    passed_or_failed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-launched_at"]

    def __str__(self):
        return str(self.session_id)

    @property
    def is_open(self):
        return self.terminated_at is None and self.abandoned_at is None


class ScormData(models.Model):
    """What a learner's SCO keeps between sessions, on any device: the runtime data the
    platform gives back at the next launch (cmi.location / cmi.core.lesson_location,
    cmi.suspend_data, cmi.exit / cmi.core.exit) and the statuses last committed."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="scorm_data"
    )
    unit = models.ForeignKey(AssignableUnit, on_delete=models.CASCADE, related_name="+")
    location = models.CharField(max_length=1000, blank=True)
    suspend_data = models.TextField(blank=True)
    exit = models.CharField(max_length=20, blank=True)
    completion_status = models.CharField(max_length=20, blank=True)
    success_status = models.CharField(max_length=20, blank=True)
    score = models.JSONField(default=dict, blank=True)
    # cmi.objectives.n as last committed: [{"id", "success_status", "completion_status",
    # "score", "description"}] (learning.packages.scorm_interactions).
    objectives = models.JSONField(default=list, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "unit"], name="packages_one_scorm_data")
        ]

    def __str__(self):
        return f"{self.registration} / {self.unit_id}"


class ScormInteraction(models.Model):
    """One interaction (an answer) a SCO reported in a session, ``cmi.interactions.n``:
    recorded once per session and index, with the "answered" statement made of it
    (``statement_id``), however often the runtime commits it again."""

    session = models.ForeignKey(LaunchSession, on_delete=models.CASCADE, related_name="+")
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="interactions"
    )
    unit = models.ForeignKey(AssignableUnit, on_delete=models.CASCADE, related_name="+")
    index = models.PositiveIntegerField()
    interaction_id = models.TextField()
    type = models.CharField(max_length=20, blank=True)
    description = models.TextField(blank=True)
    learner_response = models.TextField(blank=True)
    result = models.CharField(max_length=40, blank=True)
    correct_responses = models.JSONField(default=list, blank=True)
    statement_id = models.UUIDField()
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["recorded_at", "index"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "index"], name="packages_one_interaction_per_index"
            )
        ]

    def __str__(self):
        return f"{self.session_id} / {self.index}: {self.interaction_id}"
