"""Roster import: active staff × unit × role, keyed by HR's person id.

Matching is by key, never by position: a person by ``person_id`` (then, for a first import, by
e-mail), a unit by its external id or SOR code, a role by its code, an assignment by
(person, unit, role). So importing the same file twice changes nothing. A *full* import also ends
imported assignments that are no longer in the file (within ``root`` if given); it never deletes.
"""

import datetime
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import AssignmentSource, JobAssignment, JobRole, Organisation, StaffProfile
from .reading import looks_like_cpr, parse_date, read_rows, require_columns
from .result import ImportResult, RowError

REQUIRED_COLUMNS = ["person_id", "unit_id", "role_code"]
OPTIONAL_COLUMNS = ["first_name", "last_name", "email", "start_date"]
CHUNK = 500


@dataclass
class _Row:
    number: int
    person_id: str
    first_name: str
    last_name: str
    email: str
    unit_id: int
    role_id: int
    start_date: datetime.date | None


def import_roster(
    fileobj, filename, *, dry_run=False, full=False, root=None, skip_bad_rows=False, today=None
):
    """Read, validate, plan and (unless a dry run or bad rows stop it) apply a roster file.

    Queries: a handful to load units, roles, profiles, users and open assignments, then bulk
    writes in one transaction. Raises ImportFileError for an unusable file.
    """
    today = today or timezone.localdate()
    headers, raw_rows = read_rows(fileobj, filename)
    require_columns(headers, REQUIRED_COLUMNS)
    result = ImportResult(dry_run=dry_run)
    rows, protected_people = _validate(raw_rows, result)
    plan = _plan(rows, result, protected_people, full=full, root=root, today=today)
    if dry_run or (result.errors and not skip_bad_rows):
        return result
    with transaction.atomic():
        _apply(plan, today)
    result.applied = True
    return result


def _validate(raw_rows, result):
    units = {}
    for pk, external_id, sor_code in Organisation.objects.values_list(
        "pk", "external_id", "sor_code"
    ):
        if sor_code:
            units.setdefault(sor_code, pk)
        if external_id:
            units[external_id] = pk  # the external id wins over a SOR code that looks the same
    roles = dict(JobRole.objects.filter(is_active=True).values_list("code", "pk"))
    rows, seen, people = [], set(), {}
    protected = set()  # people with a bad row keep their assignments in a full import

    def bad(number, message, person_id=""):
        result.errors.append(RowError(number, message))
        if person_id:
            protected.add(person_id)

    for number, values in raw_rows:
        person_id = values.get("person_id", "")
        if any(looks_like_cpr(v) for v in values.values()):
            bad(
                number,
                _("A value looks like a CPR number; CPR numbers are never imported."),
                person_id if not looks_like_cpr(person_id) else "",
            )
            continue
        # Every problem of the row is reported, not only the first: fixing one at a time and
        # uploading again would take as many rounds as the row has mistakes.
        problems = []
        if not person_id:
            problems.append(_("person_id is empty."))
        unit_id = units.get(values.get("unit_id", ""))
        if unit_id is None:
            problems.append(_("Unknown unit_id %(unit)r.") % {"unit": values.get("unit_id", "")})
        role_id = roles.get(values.get("role_code", ""))
        if role_id is None:
            problems.append(
                _("Unknown role_code %(role)r.") % {"role": values.get("role_code", "")}
            )
        try:
            start_date = parse_date(values.get("start_date", ""))
        except ValueError:
            problems.append(_("start_date is not a date (use YYYY-MM-DD)."))
        email = values.get("email", "").lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                problems.append(_("email %(email)r is not an e-mail address.") % {"email": email})
        if problems:
            for problem in problems:
                bad(number, problem, person_id)
            continue
        identity = (values.get("first_name", ""), values.get("last_name", ""), email)
        if people.setdefault(person_id, identity) != identity:
            bad(
                number,
                _("The same person_id has another name or e-mail on an earlier row."),
                person_id,
            )
            continue
        key = (person_id, unit_id, role_id)
        if key in seen:
            bad(number, _("The same person, unit and role appear on an earlier row."), person_id)
            continue
        seen.add(key)
        rows.append(_Row(number, person_id, *identity, unit_id, role_id, start_date))
    return rows, protected


@dataclass
class _Plan:
    new_users: dict  # person_id -> User (unsaved)
    changed_users: list
    new_profiles: list  # (person_id, user_id or None for a new user)
    new_assignments: list  # (person_id, user_id or None, row)
    restarted: list  # JobAssignment with a new starts_on
    ended_ids: list


def _plan(rows, result, protected, *, full, root, today):
    User = get_user_model()
    profiles = dict(StaffProfile.objects.values_list("external_id", "user_id"))
    person_ids = {row.person_id for row in rows}
    known_user_ids = {profiles[p] for p in person_ids if p in profiles}
    users = {}
    for chunk in _chunks(sorted(known_user_ids)):
        users.update({u.pk: u for u in User.objects.filter(pk__in=chunk)})
    unknown_emails = {row.email for row in rows if row.person_id not in profiles and row.email}
    by_email = {}
    for chunk in _chunks(sorted({r.email for r in rows if r.email})):
        by_email.update(dict(User.objects.filter(email__in=chunk).values_list("email", "pk")))
    linked_users = set(profiles.values())

    plan = _Plan({}, [], [], [], [], [])
    person_user = {}  # person_id -> user id (None while the user is still to be created)
    bad_people = set()
    claimed = {}  # e-mail -> person_id: two people in one file cannot share an address
    person_line = _("person %(id)s")
    for row in rows:
        if row.person_id in person_user or row.person_id in bad_people:
            continue
        if row.email and claimed.setdefault(row.email, row.person_id) != row.person_id:
            _row_error(
                result,
                row,
                _("email %(email)r is used by another person_id in the file.")
                % {"email": row.email},
                protected,
                bad_people,
            )
            continue
        user_id = profiles.get(row.person_id)
        if user_id is not None:
            user = users[user_id]
            changes = _identity_changes(user, row)
            if "email" in changes and by_email.get(row.email, user.pk) != user.pk:
                _row_error(
                    result,
                    row,
                    _("email %(email)r belongs to another person.") % {"email": row.email},
                    protected,
                    bad_people,
                )
                continue
            if changes:
                for name, value in changes.items():
                    setattr(user, name, value)
                plan.changed_users.append(user)
                result.updated.append(
                    _("person %(id)s: %(fields)s")
                    % {"id": row.person_id, "fields": ", ".join(changes)}
                )
        elif row.email in unknown_emails and row.email in by_email:
            user_id = by_email[row.email]
            if user_id in linked_users:
                _row_error(
                    result,
                    row,
                    _("email %(email)r belongs to another person_id.") % {"email": row.email},
                    protected,
                    bad_people,
                )
                continue
            plan.new_profiles.append((row.person_id, user_id))
            result.updated.append(
                _("person %(id)s: linked to the existing account %(email)s")
                % {"id": row.person_id, "email": row.email}
            )
        else:
            if not row.email:
                _row_error(
                    result, row, _("email is needed for a new person."), protected, bad_people
                )
                continue
            plan.new_users[row.person_id] = User(
                email=row.email,
                first_name=row.first_name,
                last_name=row.last_name,
                password=_unusable_password(),  # they log in through SSO or a reset
            )
            plan.new_profiles.append((row.person_id, None))
            result.created.append(person_line % {"id": row.person_id})
        person_user[row.person_id] = user_id

    open_assignments = {}
    for assignment in JobAssignment.objects.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today)):
        open_assignments.setdefault(
            (assignment.user_id, assignment.unit_id, assignment.role_id), assignment
        )
    kept = set()
    new_line = _("assignment %(id)s, row %(row)d")  # translated once, not per row
    for row in rows:
        if row.person_id not in person_user:
            continue
        user_id = person_user[row.person_id]
        existing = open_assignments.get((user_id, row.unit_id, row.role_id)) if user_id else None
        if existing is None:
            plan.new_assignments.append((row.person_id, user_id, row))
            result.created.append(new_line % {"id": row.person_id, "row": row.number})
            continue
        kept.add(existing.pk)
        if row.start_date and existing.starts_on != row.start_date:
            existing.starts_on = row.start_date
            plan.restarted.append(existing)
            result.updated.append(
                _("assignment %(id)s, row %(row)d: start date")
                % {"id": row.person_id, "row": row.number}
            )
    if full:
        protected_users = {profiles[p] for p in protected if p in profiles}
        root_path = root.path if root is not None else ""
        unit_paths = dict(Organisation.objects.values_list("pk", "path"))
        reverse_profiles = {user_id: ext for ext, user_id in profiles.items()}
        for assignment in open_assignments.values():
            if (
                assignment.source == AssignmentSource.IMPORT
                and assignment.pk not in kept
                and assignment.user_id not in protected_users
                and unit_paths[assignment.unit_id].startswith(root_path)
            ):
                plan.ended_ids.append(assignment.pk)
                result.ended.append(
                    _("assignment %(id)s in unit %(unit)s")
                    % {
                        "id": reverse_profiles.get(assignment.user_id, assignment.user_id),
                        "unit": assignment.unit_id,
                    }
                )
    return plan


def _identity_changes(user, row):
    changes = {}
    for name in ("first_name", "last_name", "email"):
        value = getattr(row, name)
        if value and getattr(user, name) != value:
            changes[name] = value
    return changes


def _row_error(result, row, message, protected, bad_people):
    result.errors.append(RowError(row.number, message))
    protected.add(row.person_id)
    bad_people.add(row.person_id)


def _apply(plan, today):
    User = get_user_model()
    created = User.objects.bulk_create(list(plan.new_users.values()), batch_size=CHUNK)
    new_ids = {person_id: user.pk for person_id, user in zip(plan.new_users, created, strict=True)}
    if plan.changed_users:
        User.objects.bulk_update(
            plan.changed_users, ["first_name", "last_name", "email"], batch_size=CHUNK
        )
    StaffProfile.objects.bulk_create(
        [
            StaffProfile(external_id=person_id, user_id=user_id or new_ids[person_id])
            for person_id, user_id in plan.new_profiles
        ],
        batch_size=CHUNK,
    )
    JobAssignment.objects.bulk_create(
        [
            JobAssignment(
                user_id=user_id or new_ids[person_id],
                unit_id=row.unit_id,
                role_id=row.role_id,
                starts_on=row.start_date or today,
                source=AssignmentSource.IMPORT,
            )
            for person_id, user_id, row in plan.new_assignments
        ],
        batch_size=CHUNK,
    )
    if plan.restarted:
        JobAssignment.objects.bulk_update(plan.restarted, ["starts_on"], batch_size=CHUNK)
    # Ended the day before the import: from today they no longer count.
    for chunk in _chunks(plan.ended_ids):
        JobAssignment.objects.filter(pk__in=chunk).update(
            ends_on=today - datetime.timedelta(days=1)
        )


def _unusable_password():
    # What make_password(None) stores, without its per-character random.choice loop, which
    # alone took half of a 25,000-person dry run.
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


def _chunks(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]
