"""Enrolments, lesson progress and certificates.

``Enrolment`` and ``LessonProgress`` are projections of the statement log (``projection.py``):
they are only written while statements are stored, and ``manage.py rebuild_progress`` can
recreate them from the log. An enrolment carries its course progress (lessons done out of
required, completion time) itself, so "my learning" and reports read one row per course.

``Certificate`` is not a projection: once issued, its verification code is printed on paper, so
a rebuild keeps it and finds it again by (person, page, registration).
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Enrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("person"),
    )
    # A course or a video guide page.
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("course or video guide"),
    )
    registration = models.UUIDField(_("xAPI registration"))
    enrolled_at = models.DateTimeField(_("enrolled at"))
    last_activity_at = models.DateTimeField(_("last activity"))
    lessons_done = models.PositiveIntegerField(_("required lessons done"), default=0)
    lessons_required = models.PositiveIntegerField(_("required lessons"), default=0)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [models.UniqueConstraint(fields=["user", "page"], name="one_enrolment")]
        indexes = [models.Index(fields=["user", "completed_at"], name="progress_enrol_user")]

    def __str__(self):
        return f"{self.user} · {self.page_id}"

    @property
    def percent(self):
        if self.completed_at:
            return 100
        if not self.lessons_required:
            return 0
        return min(99, round(100 * self.lessons_done / self.lessons_required))


class LessonProgress(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="lessons")
    lesson = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField()
    statement_id = models.UUIDField()

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="one_lesson_progress")
        ]

    def __str__(self):
        return f"{self.enrolment} · {self.lesson_id}"


def new_code():
    """Twelve characters from an alphabet without look-alikes (no 0/O, 1/I/L): easy to type
    from paper, and 32**12 makes guessing hopeless."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(12))


class Certificate(models.Model):
    code = models.CharField(_("verification code"), max_length=12, unique=True, default=new_code)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=_("person"),
    )
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    registration = models.UUIDField()
    # Copied at issue: the certificate says what the course was called when it was completed.
    title = models.CharField(_("course"), max_length=255)
    issued_at = models.DateTimeField(_("completed on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    # Set with revoked_at when the evidence the completion rested on was voided (not by a
    # person's decision): completing the course again restores the certificate.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page", "registration"], name="one_certificate_per_registration"
            )
        ]

    def __str__(self):
        return self.code

    def is_valid(self, on=None):
        on = on or timezone.localdate()
        if self.revoked_at is not None:
            return False
        return self.valid_until is None or on <= self.valid_until
