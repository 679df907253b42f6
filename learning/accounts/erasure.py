"""Erase a person (GDPR art. 17) while keeping the platform's aggregates right.

What happens, in one transaction:

- every app that holds something about the person erases it (``personal_data``: each app
  registers its eraser). Per-person state that only describes them (progress, certificates,
  video progress, competence records, quiz attempts, reminders, who looked at their record, LRS
  documents about them, HR key, links to identity providers and single sign-on log) is deleted;
  job assignments and manager scopes are ended yesterday (future ones deleted) and delegations
  revoked, so they drop out of live coverage the way a leaver does and history stays countable;
  their xAPI statements keep verb, object, result and time under a fresh random account name
  (``learning.xapi.personal_data``);
- their e-mail addresses and MFA devices are deleted;
- the user row stays (other people's audit rows point at it) but becomes inactive, with no name,
  an unroutable e-mail, an unusable password and a new ``actor_id``;
- copies of her name and e-mail in the admin's history, revisions and Django's admin log are
  replaced by "Erased person" (``traces``);
- an ``ErasureLog`` row records who erased and when, with counts only.
"""

import uuid

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db import transaction
from django.utils import timezone

from learning.accounts import personal_data, traces
from learning.accounts.models import ErasureLog


def erase_account(person, today, now):
    """The account's own rows: e-mail addresses and second factors."""
    return {
        "email_addresses": EmailAddress.objects.filter(user=person).delete()[0],
        "authenticators": Authenticator.objects.filter(user=person).delete()[0],
    }


def register():
    personal_data.register_eraser(erase_account)
    personal_data.register_rows_about(EmailAddress, "user")
    personal_data.register_rows_about(Authenticator, "user")


def erase_person(person, erased_by=None):
    """Erase ``person`` as the module docstring says; returns the ErasureLog. Many queries, one
    transaction: either all of it happens or none."""
    today = timezone.localdate()
    now = timezone.now()
    counts = {}
    with transaction.atomic():
        copies = traces.find(person)
        # Before the user row is blanked: the erasers find her rows (and her statements, by
        # her actor id) through it.
        for erase in personal_data.erasers():
            counts.update(erase(person, today, now))
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
