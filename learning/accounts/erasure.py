"""Erase a person (GDPR art. 17) while keeping the platform's aggregates right.

What happens, in one transaction:

- per-person state that only describes them (progress, certificates, video progress, competence
  records, quiz attempts, e-learning package registrations with their SCORM data, reminders,
  who looked at their record, LRS documents about them, their e-mail addresses, MFA devices,
  HR key, links to identity providers and single sign-on log) is deleted;
- job assignments and manager scopes are ended yesterday (future ones deleted) and delegations
  revoked, so they drop out of live coverage the way a leaver does, and history stays countable;
- their xAPI statements keep verb, object, result and time, but the actor (and every other place
  the person's account agent appears) is replaced by a fresh random account name, in the stored
  JSON and in the ``StatementAgent`` index rows. Counts per verb or course do not change, and no
  row links the new name back to the person;
- the user row stays (other people's audit rows point at it) but becomes inactive, with no name,
  an unroutable e-mail, an unusable password and a new ``actor_id``;
- copies of her name and e-mail in the admin's history, revisions and Django's admin log are
  replaced by "Erased person" (``traces``);
- an ``ErasureLog`` row records who erased and when, with counts only.
"""

import datetime
import uuid

from django.db import transaction
from django.utils import timezone

from learning.accounts import traces
from learning.xapi.actors import actor_for, agent_key, homepage

BATCH = 500


def _replace_agent(value, old_names, new_name):
    """A copy of a statement (or part of one) with every account agent named in ``old_names``
    renamed to ``new_name`` and every mbox of the person dropped for the same account."""
    if isinstance(value, list):
        return [_replace_agent(item, old_names, new_name) for item in value]
    if not isinstance(value, dict):
        return value
    account = value.get("account")
    if isinstance(account, dict) and account.get("name") in old_names:
        renamed = {k: v for k, v in value.items() if k not in ("account", "name")}
        renamed["account"] = {"homePage": account.get("homePage"), "name": new_name}
        return renamed
    return {key: _replace_agent(item, old_names, new_name) for key, item in value.items()}


def _rewrite_statements(old_key, old_name, new_name):
    """Rename the person in every statement that mentions them. Queries: one per BATCH rows.

    ``Statement.save`` refuses updates (the log is append-only for clients); erasure is the one
    sanctioned rewrite, so it goes through ``bulk_update``, which does not call ``save``.
    """
    from learning.xapi.models import Statement, StatementAgent

    new_key = f"account:{homepage()}|{new_name}"
    ids = list(
        StatementAgent.objects.filter(agent_key=old_key)
        .values_list("statement_id", flat=True)
        .distinct()
    )
    for start in range(0, len(ids), BATCH):
        rows = list(Statement.objects.filter(pk__in=ids[start : start + BATCH]))
        for row in rows:
            row.data = _replace_agent(row.data, {old_name}, new_name)
            if row.actor_key == old_key:
                row.actor_key = new_key
        Statement.objects.bulk_update(rows, ["data", "actor_key"])
    StatementAgent.objects.filter(agent_key=old_key).update(agent_key=new_key)
    return len(ids)


def _end_dated(queryset, today):
    """End open or future-ending rows yesterday; delete rows that had not started yet."""
    yesterday = today - datetime.timedelta(days=1)
    deleted, _ = queryset.filter(starts_on__gte=today).delete()
    ended = (
        queryset.filter(starts_on__lt=today).exclude(ends_on__lt=today).update(ends_on=yesterday)
    )
    return ended + deleted


def erase_person(person, erased_by=None):
    """Erase ``person`` as the module docstring says; returns the ErasureLog. Many queries, one
    transaction: either all of it happens or none."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount

    from learning.accounts.models import ErasureLog
    from learning.competences.models import CompetenceRecord
    from learning.organisations.models import (
        Delegation,
        JobAssignment,
        ManagerScope,
        StaffProfile,
    )
    from learning.packages.models import Registration
    from learning.progress.models import Certificate, Enrolment
    from learning.reports.models import AccessLog, ReminderSent
    from learning.sso.models import SSOLoginEvent
    from learning.video.models import VideoProgress
    from learning.xapi.models import Document
    from quizzes.models import Attempt

    today = timezone.localdate()
    now = timezone.now()
    old_key = agent_key(actor_for(person))
    counts = {}
    with transaction.atomic():
        copies = traces.find(person)
        counts["statements_pseudonymised"] = _rewrite_statements(
            old_key, str(person.actor_id), str(uuid.uuid4())
        )
        deletions = {
            "documents": Document.objects.filter(agent_key=old_key),
            "enrolments": Enrolment.objects.filter(user=person),
            "certificates": Certificate.objects.filter(user=person),
            "video_progress": VideoProgress.objects.filter(user=person),
            "competence_records": CompetenceRecord.objects.filter(user=person),
            "quiz_attempts": Attempt.objects.filter(user=person),
            # With them their sessions, results, waivers and SCORM resume data (suspend_data
            # may hold a learner's own answers).
            "package_registrations": Registration.objects.filter(user=person),
            "reminders": ReminderSent.objects.filter(person=person),
            "record_views": AccessLog.objects.filter(person=person),
            "email_addresses": EmailAddress.objects.filter(user=person),
            "authenticators": Authenticator.objects.filter(user=person),
            "staff_profile": StaffProfile.objects.filter(user=person),
            # Without this, the next login at the employer's provider would reach the blanked
            # account again.
            "identity_provider_links": SocialAccount.objects.filter(user=person),
            "sso_logins": SSOLoginEvent.objects.filter(user=person),
        }
        for name, queryset in deletions.items():
            counts[name] = queryset.delete()[0]
        counts["job_assignments_ended"] = _end_dated(
            JobAssignment.objects.filter(user=person), today
        )
        counts["manager_scopes_ended"] = _end_dated(
            ManagerScope.objects.filter(manager=person), today
        )
        counts["delegations_revoked"] = Delegation.objects.filter(revoked_at__isnull=True).filter(
            deputy=person
        ).update(revoked_at=now) + Delegation.objects.filter(revoked_at__isnull=True).filter(
            granted_by=person
        ).update(revoked_at=now)
        person.groups.clear()
        person.user_permissions.clear()
        _blank_user(person)
        counts["history_entries_cleaned"] = traces.scrub(copies)
        log = ErasureLog.objects.create(erased_by=erased_by, counts=counts)
    return log


def _blank_user(person):
    """The user row without anything that identifies the person (one UPDATE)."""
    marker = uuid.uuid4().hex
    person.email = f"erased-{marker}@invalid"
    person.first_name = ""
    person.last_name = ""
    person.is_active = False
    person.is_staff = False
    person.is_superuser = False
    person.last_login = None
    person.actor_id = uuid.uuid4()
    person.set_unusable_password()
    person.save()
