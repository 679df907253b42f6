"""What the reports keep: coverage snapshots, who looked at whom, and which e-mails went out.

Coverage itself is never stored per person: managers' pages compute it live through
``learning.competences.status``. Snapshots hold counts per unit × role × competence only, so the
region-wide view and the trend read small aggregated tables and never person-level rows.
"""

from contextlib import nullcontext

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.competences.models import Competence
from learning.organisations.models import JobRole, Organisation

# The status columns every count table carries, in display order (learning.competences.status).
STATUS_FIELDS = ("met", "due", "overdue", "expiring_30", "expiring_60", "expiring_90", "expired")


class CoverageSnapshot(models.Model):
    """Counts of people per status for one unit, role and competence on one day.

    The daily job replaces today's rows; the rows taken on the first of a month are kept for
    the trend. A person with several requirements for one competence counts once, with the worst
    status (see ``coverage.worst``).

    ``scope`` empty: the region-wide rows (each person's competence attributed once, to the job
    the status module chose), which the region view and the trend read. ``scope`` set: the rows
    as a dashboard scoped to that unit counts them (attributed to a job inside it, see
    ``coverage._attribute``), written only for the few units too large to count live and only
    for the latest day.
    """

    taken_on = models.DateField(_("taken on"))
    scope = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("scope"),
    )
    unit = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("unit")
    )
    role = models.ForeignKey(
        JobRole, on_delete=models.CASCADE, related_name="+", verbose_name=_("role")
    )
    competence = models.ForeignKey(
        Competence, on_delete=models.CASCADE, related_name="+", verbose_name=_("competence")
    )
    people = models.PositiveIntegerField(_("people"))
    met = models.PositiveIntegerField(default=0)
    due = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)
    expiring_30 = models.PositiveIntegerField(default=0)
    expiring_60 = models.PositiveIntegerField(default=0)
    expiring_90 = models.PositiveIntegerField(default=0)
    expired = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("coverage snapshot")
        verbose_name_plural = _("coverage snapshots")
        # Two partial constraints because NULLs are distinct in a unique constraint (and
        # SQLite has no NULLS NOT DISTINCT): one region-wide cell, one cell per scope.
        constraints = [
            models.UniqueConstraint(
                fields=["taken_on", "unit", "role", "competence"],
                condition=models.Q(scope__isnull=True),
                name="unique_snapshot_cell",
            ),
            models.UniqueConstraint(
                fields=["taken_on", "scope", "unit", "role", "competence"],
                condition=models.Q(scope__isnull=False),
                name="unique_scoped_snapshot_cell",
            ),
        ]
        indexes = [
            models.Index(fields=["taken_on", "competence"]),
            models.Index(fields=["scope", "taken_on"], name="snapshot_scope_day"),
        ]

    def __str__(self):
        return f"{self.taken_on} · {self.unit_id} · {self.role_id} · {self.competence_id}"


class AccessLog(models.Model):
    """Someone looked at one person's competence record (GDPR: access to records is logged)."""

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("viewer"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    viewed_at = models.DateTimeField(_("viewed at"), auto_now_add=True, db_index=True)
    what = models.CharField(_("what"), max_length=40, default="competence_record")

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-viewed_at"]

    def __str__(self):
        return f"{self.viewer} → {self.person} ({self.viewed_at:%Y-%m-%d %H:%M})"

    @classmethod
    def record(cls, viewer, person_ids, what):
        """Log that ``viewer`` saw these people's records; every page that shows a person's
        record calls this. Up to ``RECORD_BATCH`` people take one INSERT statement, atomic on
        its own: ``bulk_create`` would wrap it in a transaction (BEGIN and COMMIT, two more
        round trips on every people page). More people take a statement per batch, together
        in one transaction."""
        person_ids = list(person_ids)
        if not person_ids:
            return
        viewed_at = connection.ops.adapt_datetimefield_value(timezone.now())
        field = cls._meta.get_field
        columns = ", ".join(
            connection.ops.quote_name(field(name).column)
            for name in ("viewer", "person", "viewed_at", "what")
        )
        table = connection.ops.quote_name(cls._meta.db_table)
        with transaction.atomic() if len(person_ids) > RECORD_BATCH else nullcontext():
            for start in range(0, len(person_ids), RECORD_BATCH):
                batch = person_ids[start : start + RECORD_BATCH]
                # Only quoted names and placeholders go into the text; the values are parameters.
                values = ", ".join(["(%s, %s, %s, %s)"] * len(batch))
                sql = f"INSERT INTO {table} ({columns}) VALUES {values}"  # noqa: S608
                with connection.cursor() as cursor:
                    cursor.execute(
                        sql, [value for pk in batch for value in (viewer.pk, pk, viewed_at, what)]
                    )


# People per INSERT statement of ``AccessLog.record``: 4,000 parameters, well below the limits
# of PostgreSQL (65,535) and SQLite (32,766).
RECORD_BATCH = 1000


def log_person_viewed(sender, viewer, person_ids, what, **kwargs):
    """Receiver of ``learning.competences.signals.person_viewed``: the competences app's person
    page is logged like the reports' own pages."""
    AccessLog.record(viewer, person_ids, what)


class DigestDelivery(models.Model):
    """One manager's digest for one period. The unique row is the claim: a second worker that
    tries to insert the same (manager, period) fails and sends nothing."""

    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("manager"),
    )
    period_start = models.DateField(_("period start"))
    claimed_at = models.DateTimeField(_("claimed at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    had_findings = models.BooleanField(_("had something to report"), default=False)

    class Meta:
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["manager", "period_start"], name="one_digest_per_period"
            ),
        ]

    def __str__(self):
        return f"{self.manager} · {self.period_start}"


class ReminderKind(models.TextChoices):
    EXPIRING = "expiring", _("Expires soon")
    OVERDUE = "overdue", _("Overdue")


class ReminderSent(models.Model):
    """A reminder about one competence, keyed by the date it is about (the expiry day or the
    deadline), so a renewed record or a new job gives a new reminder and nothing repeats."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    competence = models.ForeignKey(
        Competence, on_delete=models.CASCADE, related_name="+", verbose_name=_("competence")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    about_date = models.DateField(_("about date"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "competence", "kind", "about_date"], name="one_reminder_per_fact"
            ),
        ]

    def __str__(self):
        return f"{self.person} · {self.competence_id} · {self.kind} · {self.about_date}"
