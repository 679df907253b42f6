"""Just-in-time placement: a login's claims decide the person's unit and role.

Applied at every single sign-on login, so a move or a new role at the employer reaches the
platform the next time the person logs in. Only assignments this module made (source "sso")
are ever ended by it; roster imports and hand-entered assignments belong to others.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from learning.organisations.models import AssignmentSource, JobAssignment, JobRole, Organisation
from learning.sso.models import LoginOutcome, SSOLoginEvent


def find_unit(mapping, value):
    """The active unit in the mapping's organisation (or below) whose external id or SOR code is
    ``value``; None otherwise, so a claim can never place anyone in another employer's unit.
    One query."""
    if not value:
        return None
    subtree = Organisation.objects.filter(
        path__startswith=mapping.organisation.path, is_active=True
    )
    return subtree.filter(external_id=value).first() or subtree.filter(sor_code=value).first()


def find_role(mapping, value):
    """The role for a claim value: an explicit translation first, then a role with that code,
    then the mapping's default. At most three queries."""
    if value:
        translated = mapping.role_values.filter(value__iexact=value).select_related("role").first()
        if translated:
            return translated.role
        role = JobRole.objects.filter(code__iexact=value, is_active=True).first()
        if role:
            return role
    return mapping.default_role


def _end(assignment, today):
    """End an assignment this module made. One that began today never lasted a day: it is
    removed, as an end date before the start date would be invalid; the audit row keeps it."""
    if assignment.starts_on >= today:
        assignment.delete()
    else:
        assignment.ends_on = today - datetime.timedelta(days=1)
        assignment.save(update_fields=["ends_on"])


def _place(user, mapping, unit, role, today):
    """Make (unit, role) the person's one active single sign-on assignment in this employer.
    Returns the outcome."""
    active = JobAssignment.objects.active_on(today).filter(user=user)
    in_employer = active.filter(unit__path__startswith=mapping.organisation.path)
    ours = list(in_employer.filter(source=AssignmentSource.SSO))
    # The HR roster (or an administrator) already says the same: nothing for SSO to add.
    already_recorded = (
        in_employer.exclude(source=AssignmentSource.SSO).filter(unit=unit, role=role).exists()
    )
    keep = (
        None
        if already_recorded
        else next((a for a in ours if a.unit_id == unit.pk and a.role_id == role.pk), None)
    )
    ended = [a for a in ours if a is not keep]
    for assignment in ended:
        _end(assignment, today)
    if already_recorded or keep:
        return LoginOutcome.MOVED if ended else LoginOutcome.UNCHANGED
    JobAssignment.objects.create(
        user=user, unit=unit, role=role, starts_on=today, source=AssignmentSource.SSO
    )
    return LoginOutcome.MOVED if ours else LoginOutcome.ASSIGNED


@transaction.atomic
def apply_claims(user, app, claims, today=None):
    """Place ``user`` by the claims of a login through ``app`` and record it; returns the
    ``SSOLoginEvent``. Unknown units or roles change nothing (a misconfigured provider must not
    remove people from their units); the event says what was wrong."""
    today = today or timezone.localdate()
    mapping = getattr(app, "mapping", None)
    event = SSOLoginEvent(app=app, provider_name=app.name[:200], user=user)
    if mapping is None:
        event.outcome = LoginOutcome.NOT_CONFIGURED
        event.save()
        return event
    event.unit_value = claims.get(mapping.unit_claim, "")[:200]
    event.role_value = claims.get(mapping.role_claim, "")[:200]
    event.unit = find_unit(mapping, event.unit_value)
    event.role = find_role(mapping, event.role_value)
    if not event.unit_value:
        event.outcome = LoginOutcome.NO_UNIT_CLAIM
    elif event.unit is None:
        event.outcome = LoginOutcome.UNKNOWN_UNIT
    elif event.role is None:
        event.outcome = LoginOutcome.UNKNOWN_ROLE
    else:
        event.outcome = _place(user, mapping, event.unit, event.role, today)
    event.save()
    return event


def works_in(user, organisation, today=None):
    """Whether ``user`` has an active assignment or manager scope in ``organisation`` or below,
    and none elsewhere. Two queries."""
    today = today or timezone.localdate()
    units = set(
        JobAssignment.objects.active_on(today)
        .filter(user=user)
        .values_list("unit__path", flat=True)
    )
    units |= set(user.manager_scopes.active_on(today).values_list("unit__path", flat=True))
    return bool(units) and all(path.startswith(organisation.path) for path in units)
