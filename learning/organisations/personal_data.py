"""What the organisations app holds about a person, for "My data" and erasure
(``learning.accounts.personal_data``). Job assignments and manager scopes are ended rather than
deleted, the way a leaver's are, so coverage history stays countable."""

import datetime

from django.utils.translation import gettext_lazy as _

from learning.accounts import personal_data

from .models import Delegation, JobAssignment, ManagerScope, StaffProfile


def staff_profile(user):
    return list(StaffProfile.objects.filter(user=user).values("external_id"))


def job_assignments(user):
    return [
        {
            "unit": a.unit.name,
            "role": a.role.name,
            "starts_on": a.starts_on,
            "ends_on": a.ends_on,
            "source": a.source,
        }
        for a in JobAssignment.objects.filter(user=user).select_related("unit", "role")
    ]


def manager_scopes(user):
    return [
        {"unit": s.unit.name, "starts_on": s.starts_on, "ends_on": s.ends_on}
        for s in ManagerScope.objects.filter(manager=user).select_related("unit")
    ]


def _end_dated(queryset, today):
    """End open or future-ending rows yesterday; delete rows that had not started yet."""
    yesterday = today - datetime.timedelta(days=1)
    deleted, _ = queryset.filter(starts_on__gte=today).delete()
    ended = (
        queryset.filter(starts_on__lt=today).exclude(ends_on__lt=today).update(ends_on=yesterday)
    )
    return ended + deleted


def erase(person, today, now):
    open_delegations = Delegation.objects.filter(revoked_at__isnull=True)
    return {
        "staff_profile": StaffProfile.objects.filter(user=person).delete()[0],
        "job_assignments_ended": _end_dated(JobAssignment.objects.filter(user=person), today),
        "manager_scopes_ended": _end_dated(ManagerScope.objects.filter(manager=person), today),
        "delegations_revoked": open_delegations.filter(deputy=person).update(revoked_at=now)
        + open_delegations.filter(granted_by=person).update(revoked_at=now),
    }


def register():
    personal_data.register_export("staff_profile", _("HR key"), staff_profile)
    personal_data.register_export("job_assignments", _("Job assignments"), job_assignments)
    personal_data.register_export("manager_scopes", _("Units you manage"), manager_scopes)
    personal_data.register_eraser(erase)
    personal_data.register_rows_about(StaffProfile, "user")
    personal_data.register_rows_about(JobAssignment, "user")
    personal_data.register_rows_about(ManagerScope, "manager")
    personal_data.register_rows_about(Delegation, "deputy")
