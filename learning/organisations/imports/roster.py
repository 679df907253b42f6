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


def _unit_keys():
    """{external id or SOR code: unit id}: the ways a roster may name a unit."""
    units = {}
    for pk, external_id, sor_code in Organisation.objects.values_list(
        "pk", "external_id", "sor_code"
    ):
        if sor_code:
            units.setdefault(sor_code, pk)
        if external_id:
            units[external_id] = pk  # the external id wins over a SOR code that looks the same
    return units


def _validate(raw_rows, result):
    """The rows worth planning, and the people with a refused row (``protected``: a full
    import keeps their assignments). Every refusal is reported in ``result``."""
    units = _unit_keys()
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
        problems, (unit_id, role_id, start_date, email) = _problems(values, units, roles)
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


def _problems(values, units, roles):
    """([problem, ...], (unit id, role id, start date, e-mail)) of one row's values. Every
    problem of the row is reported, not only the first: fixing one at a time and uploading again
    would take as many rounds as the row has mistakes."""
    problems = []
    if not values.get("person_id", ""):
        problems.append(_("person_id is empty."))
    unit_id = units.get(values.get("unit_id", ""))
    if unit_id is None:
        problems.append(_("Unknown unit_id %(unit)r.") % {"unit": values.get("unit_id", "")})
    role_id = roles.get(values.get("role_code", ""))
    if role_id is None:
        problems.append(_("Unknown role_code %(role)r.") % {"role": values.get("role_code", "")})
    start_date = None
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
    return problems, (unit_id, role_id, start_date, email)


@dataclass
class _Plan:
    new_users: dict  # person_id -> User (unsaved)
    changed_users: list
    new_profiles: list  # (person_id, user_id or None for a new user)
    new_assignments: list  # (person_id, user_id or None, row)
    restarted: list  # JobAssignment with a new starts_on
    ended_ids: list


def _plan(rows, result, protected, *, full, root, today):
    """What applying the rows would change, in three phases: who each person is, which of
    their assignments are new or restarted, and (a full import) which imported assignments the
    file no longer holds. Reports every change and refused row in ``result``."""
    plan = _Plan({}, [], [], [], [], [])
    known = _KnownPeople.load(rows)
    person_user = _match_people(rows, known, plan, result, protected)
    open_assignments = _open_assignments(today)
    kept = _match_assignments(rows, person_user, open_assignments, plan, result)
    if full:
        _end_missing(open_assignments, kept, known.profiles, protected, root, plan, result)
    return plan


@dataclass
class _KnownPeople:
    """The accounts the file's people may already have."""

    profiles: dict  # HR person id -> user id, for every staff profile
    users: dict  # user id -> User, for the file's people who have a profile
    by_email: dict  # e-mail -> user id, for the file's e-mail addresses

    @classmethod
    def load(cls, rows):
        User = get_user_model()
        profiles = dict(StaffProfile.objects.values_list("external_id", "user_id"))
        known_user_ids = {profiles[row.person_id] for row in rows if row.person_id in profiles}
        users = {}
        for chunk in _chunks(sorted(known_user_ids)):
            users.update({u.pk: u for u in User.objects.filter(pk__in=chunk)})
        by_email = {}
        for chunk in _chunks(sorted({row.email for row in rows if row.email})):
            by_email.update(dict(User.objects.filter(email__in=chunk).values_list("email", "pk")))
        return cls(profiles, users, by_email)


def _match_people(rows, known, plan, result, protected):
    """Phase 1: each person in the file is a known profile (whose name or e-mail may change),
    an existing account to link by e-mail, or a new account. Returns {person id: user id, or
    None for an account still to be created}; people with a refused row are left out."""
    linked_users = set(known.profiles.values())
    person_user = {}
    bad_people = set()
    claimed = {}  # e-mail -> person_id: two people in one file cannot share an address
    person_line = _("person %(id)s")  # translated once, not per person

    def refuse(row, message):
        _row_error(result, row, message, protected, bad_people)

    for row in rows:
        if row.person_id in person_user or row.person_id in bad_people:
            continue
        if row.email and claimed.setdefault(row.email, row.person_id) != row.person_id:
            refuse(
                row, _("email %(email)r is used by another person_id in the file.") % _email_of(row)
            )
            continue
        user_id = known.profiles.get(row.person_id)
        if user_id is not None:
            if not _update_identity(known.users[user_id], row, known, plan, result):
                refuse(row, _("email %(email)r belongs to another person.") % _email_of(row))
                continue
        elif row.email in known.by_email:
            user_id = known.by_email[row.email]
            if user_id in linked_users:
                refuse(row, _("email %(email)r belongs to another person_id.") % _email_of(row))
                continue
            plan.new_profiles.append((row.person_id, user_id))
            result.updated.append(
                _("person %(id)s: linked to the existing account %(email)s")
                % {"id": row.person_id, "email": row.email}
            )
        elif not row.email:
            refuse(row, _("email is needed for a new person."))
            continue
        else:
            _new_person(row, plan, result, person_line)
        person_user[row.person_id] = user_id
    return person_user


def _email_of(row):
    return {"email": row.email}


def _update_identity(user, row, known, plan, result):
    """Plan the changes of a known person's name and e-mail; False (nothing planned) when the
    new e-mail is another account's."""
    changes = _identity_changes(user, row)
    if "email" in changes and known.by_email.get(row.email, user.pk) != user.pk:
        return False
    if changes:
        for name, value in changes.items():
            setattr(user, name, value)
        plan.changed_users.append(user)
        result.updated.append(
            _("person %(id)s: %(fields)s") % {"id": row.person_id, "fields": ", ".join(changes)}
        )
    return True


def _new_person(row, plan, result, line):
    plan.new_users[row.person_id] = get_user_model()(
        email=row.email,
        first_name=row.first_name,
        last_name=row.last_name,
        password=_unusable_password(),  # they log in through SSO or a reset
    )
    plan.new_profiles.append((row.person_id, None))
    result.created.append(line % {"id": row.person_id})


def _open_assignments(today):
    """{(user id, unit id, role id): assignment} for assignments open on ``today``."""
    found = {}
    for assignment in JobAssignment.objects.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today)):
        found.setdefault((assignment.user_id, assignment.unit_id, assignment.role_id), assignment)
    return found


def _match_assignments(rows, person_user, open_assignments, plan, result):
    """Phase 2: each row of an accepted person is an open assignment (kept, its start date
    corrected if the file says so) or a new one. Returns the ids of the kept assignments."""
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
    return kept


def _end_missing(open_assignments, kept, profiles, protected, root, plan, result):
    """Phase 3 (a full import): imported assignments under ``root`` that the file no longer
    holds end, except those of people with a refused row (their row may be the missing one)."""
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
