"""Reminders to staff before a competence expires and when a requirement becomes overdue, with
a copy to their manager. Idempotent: each fact (person, competence, kind, the date it is about)
is claimed by inserting a unique row before anything is sent, so a rerun or a second worker
sends nothing new, while a renewed record (new expiry day) or a new job (new deadline) does.

Settings (read with defaults): REPORTS_REMINDER_DAYS_BEFORE_EXPIRY = 30.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from learning.competences.models import Competence
from learning.competences.status import COVERED, Status
from learning.organisations.models import JobAssignment, ManagerScope

from .coverage import rows_for_people
from .models import ReminderKind, ReminderSent

CHUNK = 2000


def days_before_expiry():
    return getattr(settings, "REPORTS_REMINDER_DAYS_BEFORE_EXPIRY", 30)


def facts(rows, on, days):
    """(kind, row) pairs that call for a reminder. Pure."""
    found = []
    for row in rows:
        if (
            row.status in COVERED
            and row.expires_on is not None
            and (row.expires_on - on).days <= days
        ):
            found.append((ReminderKind.EXPIRING, row))
        elif row.status == Status.OVERDUE:
            found.append((ReminderKind.OVERDUE, row))
    return found


def _claim(person_id, kind, row):
    about = row.expires_on if kind == ReminderKind.EXPIRING else row.deadline
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                person_id=person_id, competence_id=row.competence_id, kind=kind, about_date=about
            )
    except IntegrityError:
        return None
    return {"kind": kind, "row": row, "date": about}


def _managers_by_unit_path(on):
    """[(unit path, manager)] for active scopes, deepest first. Two queries."""
    scopes = (
        ManagerScope.objects.active_on(on)
        .filter(manager__is_active=True)
        .select_related("manager", "unit")
    )
    return sorted(((s.unit.path, s.manager) for s in scopes), key=lambda p: -len(p[0]))


def nearest_managers(unit_path, scopes, person_id):
    """The managers of the deepest managed unit at or above ``unit_path`` (not the person)."""
    for depth_path in sorted(
        {p for p, _m in scopes if unit_path.startswith(p)}, key=len, reverse=True
    ):
        found = [m for p, m in scopes if p == depth_path and m.pk != person_id]
        if found:
            return found
    return []


def send_reminders(on=None):
    """Claim and send every reminder due on ``on`` (today). Returns the number of people
    reminded. A fixed number of queries per chunk of people, plus one insert per new fact."""
    on = on or timezone.localdate()
    days = days_before_expiry()
    people = sorted(set(JobAssignment.objects.active_on(on).values_list("user_id", flat=True)))
    scopes = _managers_by_unit_path(on)
    reminded = 0
    for start in range(0, len(people), CHUNK):
        pending = defaultdict(list)
        for kind, row in facts(rows_for_people(people[start : start + CHUNK], on), on, days):
            claimed = _claim(row.user_id, kind, row)
            if claimed:
                pending[row.user_id].append(claimed)
        if not pending:
            continue
        users = get_user_model().objects.in_bulk(list(pending))
        competences = Competence.objects.in_bulk(
            {item["row"].competence_id for items in pending.values() for item in items}
        )
        for user_id, items in pending.items():
            for item in items:
                item["competence"] = competences[item["row"].competence_id]
            person = users[user_id]
            managers = nearest_managers(items[0]["row"].unit_path, scopes, user_id)
            _send(person, items, managers)
            reminded += 1
    return reminded


def _send(person, items, managers):
    context = {
        "person": person,
        "items": items,
        "base_url": getattr(settings, "WAGTAILADMIN_BASE_URL", ""),
    }
    with translation.override(settings.LANGUAGE_CODE):
        for template, recipient, copy in [("reminder", person, False)] + [
            ("reminder", manager, True) for manager in managers
        ]:
            if not recipient.is_active or not recipient.email:
                continue
            ctx = {**context, "copy": copy, "recipient": recipient}
            subject = render_to_string(f"email/reports/{template}_subject.txt", ctx).strip()
            message = EmailMultiAlternatives(
                subject,
                render_to_string(f"email/reports/{template}.txt", ctx),
                to=[recipient.email],
            )
            message.attach_alternative(
                render_to_string(f"email/reports/{template}.html", ctx), "text/html"
            )
            message.send()
