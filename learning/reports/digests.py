"""Scheduled coverage digests to managers: at most one per manager and period.

The claim is a unique (manager, period) row inserted before anything is sent (the optimistic
lock of healthchecks' sendreports): a second worker's insert fails and it sends nothing. If
sending fails, the claim is removed so the next run can try again.

Settings (read with defaults): REPORTS_DIGEST_FREQUENCY "monthly" (or "weekly").
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from learning.competences.models import Competence
from learning.competences.status import Status, subtree_predicate
from learning.organisations import permissions as org_permissions
from learning.organisations.models import ManagerScope

from .coverage import Counts, rows_for_people
from .dashboard import people_under
from .models import DigestDelivery

# What a digest lists by name: people who need to act now or soon.
ATTENTION = (Status.OVERDUE, Status.EXPIRED, Status.EXPIRING_30)


def frequency():
    return getattr(settings, "REPORTS_DIGEST_FREQUENCY", "monthly")


def period_start(day, how=None):
    """The first day of the period ``day`` falls in: the month, or the ISO week."""
    if (how or frequency()) == "weekly":
        return day - datetime.timedelta(days=day.weekday())
    return day.replace(day=1)


def managers(day):
    """Ids of everyone who directly manages a unit on ``day``. One query."""
    return sorted(set(ManagerScope.objects.active_on(day).values_list("manager_id", flat=True)))


def digest_content(manager, day):
    """The digest's context: totals per competence and who needs attention. Queries the DB."""
    paths = [path for _id, path in org_permissions.scope_roots(manager, day)]
    rows = (
        rows_for_people(list(people_under(paths, day)), day, subtree_predicate(paths))
        if paths
        else []
    )
    competences = Competence.objects.in_bulk({row.competence_id for row in rows})
    people = get_user_model().objects.in_bulk({row.user_id for row in rows})
    totals = {}
    for row in rows:
        totals.setdefault(row.competence_id, Counts()).add(row.status)
    attention = sorted(
        (
            {
                "person": people[row.user_id],
                "competence": competences[row.competence_id],
                "status": row.status,
                "label": Status(row.status).label,
                "date": row.expires_on if row.status == Status.EXPIRING_30 else row.deadline,
            }
            for row in rows
            if row.status in ATTENTION
        ),
        key=lambda item: (str(item["person"]), item["competence"].code),
    )
    return {
        "manager": manager,
        "day": day,
        "totals": [
            (competences[pk], totals[pk])
            for pk in sorted(totals, key=lambda pk: competences[pk].code)
        ],
        "attention": attention,
        "base_url": getattr(settings, "WAGTAILADMIN_BASE_URL", ""),
    }


def send_digest(manager_id, day=None):
    """Send one manager's digest for the period of ``day`` unless it went already.

    Returns True if this call sent it. Writes one claim row, sends one e-mail.
    """
    day = day or timezone.localdate()
    manager = get_user_model().objects.filter(pk=manager_id, is_active=True).first()
    if manager is None or not manager.email:
        return False
    try:
        with transaction.atomic():
            delivery = DigestDelivery.objects.create(
                manager=manager, period_start=period_start(day)
            )
    except IntegrityError:
        return False  # claimed by an earlier run or another worker
    try:
        context = digest_content(manager, day)
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string("email/reports/digest_subject.txt", context).strip()
            text = render_to_string("email/reports/digest.txt", context)
            html = render_to_string("email/reports/digest.html", context)
        message = EmailMultiAlternatives(subject, text, to=[manager.email])
        message.attach_alternative(html, "text/html")
        message.send()
    except Exception:
        delivery.delete()  # let the next run try again
        raise
    DigestDelivery.objects.filter(pk=delivery.pk).update(
        sent_at=timezone.now(), had_findings=bool(context["attention"])
    )
    return True
