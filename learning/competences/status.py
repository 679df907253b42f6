"""The one place that decides whether a person meets a requirement. Every view and report uses it.

The core is pure: plain dataclasses in, statuses out, so the rules can be tested as a table
without a database and reports can feed it pre-fetched data for 25,000 people at once. The rules:

- A requirement applies to an assignment active on the day when the assignment's unit is the
  requirement's unit (or below it, if the requirement includes the subtree) and the role matches
  (or the requirement is for all roles). Held through several assignments, the earliest start
  counts: the person has had the longest to meet it.
- It is due ``due_within_days`` after that start; after the deadline it is overdue.
- A record qualifies if it is for the competence at the required level or higher and was
  achieved on or before the day. It stops counting on the earlier of its own ``valid_until`` and
  ``achieved + renew_every_months`` (when the requirement renews).
- The newest still-valid qualifying record counts. It is "expiring" when it stops counting
  within 30, 60 or 90 days. With no valid record but an expired one, the status is "expired".

The database functions at the bottom gather the facts in a fixed number of queries.
"""

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from django.db import connection, models
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.organisations import permissions
from learning.organisations.models import JobAssignment, Organisation

from .models import CompetenceRecord, Requirement

EXPIRY_WINDOWS = (30, 60, 90)


class Status(models.TextChoices):
    MET = "met", _("Met")
    EXPIRING_30 = "expiring_30", _("Expires within 30 days")
    EXPIRING_60 = "expiring_60", _("Expires within 60 days")
    EXPIRING_90 = "expiring_90", _("Expires within 90 days")
    DUE = "due", _("Due")
    OVERDUE = "overdue", _("Overdue")
    EXPIRED = "expired", _("Expired")


# Statuses in which the person currently holds the competence at the required level.
COVERED = frozenset({Status.MET, Status.EXPIRING_30, Status.EXPIRING_60, Status.EXPIRING_90})


@dataclass(frozen=True)
class RequirementFact:
    id: int
    unit_path: str
    include_subtree: bool
    role_id: int | None
    competence_id: int
    level: int
    due_within_days: int
    renew_every_months: int | None = None


@dataclass(frozen=True)
class AssignmentFact:
    id: int
    user_id: int
    unit_id: int
    unit_path: str
    role_id: int
    starts_on: datetime.date
    ends_on: datetime.date | None = None

    def is_active_on(self, day):
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class RecordFact(NamedTuple):
    # A named tuple rather than a frozen dataclass like the other facts: reports build tens of
    # thousands per page, and a tuple is built about three times faster.
    id: int
    user_id: int
    competence_id: int
    level: int
    achieved_on: datetime.date
    valid_until: datetime.date | None = None


@dataclass(frozen=True)
class RequirementStatus:
    requirement: RequirementFact
    assignment: AssignmentFact
    status: Status
    deadline: datetime.date
    record: RecordFact | None = None
    expires_on: datetime.date | None = None  # first day the counting record no longer counts

    @property
    def is_covered(self):
        return self.status in COVERED

    @property
    def valid_until(self):
        """The last day the counting record counts (what "valid until" means to a person), or
        None if it never runs out. ``expires_on`` is the day after."""
        return self.expires_on - datetime.timedelta(days=1) if self.expires_on else None


@lru_cache(maxsize=8192)  # pure; reports call it for the same few thousand dates over and over
def add_months(day, months):
    """``day`` plus whole months, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def requirement_applies(requirement, assignment):
    if requirement.role_id is not None and requirement.role_id != assignment.role_id:
        return False
    if requirement.include_subtree:
        return assignment.unit_path.startswith(requirement.unit_path)
    return assignment.unit_path == requirement.unit_path


def record_expires_on(record, requirement):
    """The first day the record no longer counts for this requirement, or None if never."""
    candidates = []
    if record.valid_until is not None:
        candidates.append(record.valid_until + datetime.timedelta(days=1))
    if requirement.renew_every_months:
        candidates.append(add_months(record.achieved_on, requirement.renew_every_months))
    return min(candidates) if candidates else None


def evaluate(requirement, assignment, records, on):
    """The status of one requirement, reached through ``assignment``, given the person's records."""
    deadline = assignment.starts_on + datetime.timedelta(days=requirement.due_within_days)
    qualifying = [
        r
        for r in records
        if r.competence_id == requirement.competence_id
        and r.level >= requirement.level
        and r.achieved_on <= on
    ]
    qualifying.sort(key=lambda r: (r.achieved_on, r.id), reverse=True)
    expired = None
    for record in qualifying:
        expires_on = record_expires_on(record, requirement)
        if expires_on is None or on < expires_on:
            return RequirementStatus(
                requirement,
                assignment,
                _covered_status(on, expires_on),
                deadline,
                record,
                expires_on,
            )
        if expired is None:
            expired = (record, expires_on)
    if expired is not None:
        return RequirementStatus(
            requirement, assignment, Status.EXPIRED, deadline, expired[0], expired[1]
        )
    status = Status.DUE if on <= deadline else Status.OVERDUE
    return RequirementStatus(requirement, assignment, status, deadline)


def _covered_status(on, expires_on):
    if expires_on is None:
        return Status.MET
    days_left = (expires_on - on).days
    for window, status in zip(
        EXPIRY_WINDOWS, (Status.EXPIRING_30, Status.EXPIRING_60, Status.EXPIRING_90), strict=True
    ):
        if days_left <= window:
            return status
    return Status.MET


def person_statuses(requirements, assignments, records, on):
    """Statuses for one person: one per requirement that applies through an active assignment.

    ``requirements`` may hold any requirements (irrelevant ones are skipped); ``assignments`` and
    ``records`` must be the person's own. Pure: no database access.
    """
    # ``evaluate`` only looks at records of the requirement's competence; handing it just those
    # saves scanning all of a person's records once per requirement (reports run this for
    # thousands of people).
    by_competence = defaultdict(list)
    for record in records:
        by_competence[record.competence_id].append(record)
    active = [a for a in assignments if a.is_active_on(on)]
    earliest = {}
    for requirement in requirements:
        for assignment in active:
            if requirement_applies(requirement, assignment):
                current = earliest.get(requirement.id)
                if current is None or (assignment.starts_on, assignment.id) < (
                    current[1].starts_on,
                    current[1].id,
                ):
                    earliest[requirement.id] = (requirement, assignment)
    return [
        evaluate(requirement, assignment, by_competence.get(requirement.competence_id, ()), on)
        for requirement, assignment in sorted(
            earliest.values(), key=lambda pair: (pair[0].competence_id, pair[0].level, pair[0].id)
        )
    ]


# --- Database access -----------------------------------------------------------------------


def _ancestor_paths(path, steplen):
    return [path[:end] for end in range(steplen, len(path) + 1, steplen)]


def load_facts(user_ids, on, required_records_only=False, in_scope=None):
    """Facts for many people in three queries: assignments, requirements, records.

    ``user_ids`` are ids, or a queryset of ids (read inside the assignments' query).

    With ``in_scope`` (a predicate on unit paths), jobs outside it are left out, and with them
    every requirement only they reach.

    Returns (assignments by user id, requirements indexed by unit path, records by user id).
    With ``required_records_only``, only records for competences that some loaded requirement
    asks for: records of other competences can never qualify (``evaluate`` looks only at the
    requirement's competence), so the statuses are the same, and a manager's report reads about
    a sixth of the records.
    """
    # .order_by(): the models' default orderings (a job by its person's e-mail, a requirement by
    # competence code) cost joins and sorts, and nothing here depends on the order.
    if not isinstance(user_ids, models.QuerySet):
        user_ids = list(user_ids)  # a queryset of ids stays one: a subquery of the jobs' query
    assignments = defaultdict(list)
    paths = set()
    rows = (
        JobAssignment.objects.active_on(on)
        .filter(user_id__in=user_ids)
        .order_by()
        .values_list("id", "user_id", "unit_id", "unit__path", "role_id", "starts_on", "ends_on")
    )
    for row in rows:
        fact = AssignmentFact(*row)
        if in_scope is not None and not in_scope(fact.unit_path):
            continue
        assignments[fact.user_id].append(fact)
        paths.update(_ancestor_paths(fact.unit_path, Organisation.steplen))
    requirements_by_path = defaultdict(list)
    if paths:
        for row in (
            Requirement.objects.filter(unit__path__in=paths)
            .order_by()
            .values_list(
                "id",
                "unit__path",
                "include_subtree",
                "role_id",
                "competence_id",
                "level",
                "due_within_days",
                "renew_every_months",
            )
        ):
            fact = RequirementFact(*row)
            requirements_by_path[fact.unit_path].append(fact)
    records = CompetenceRecord.objects.filter(user_id__in=list(assignments))
    if required_records_only:
        records = records.filter(
            competence_id__in={
                r.competence_id for facts in requirements_by_path.values() for r in facts
            }
        )
    return assignments, requirements_by_path, record_facts(records) if assignments else {}


def record_facts(records):
    """{user id: [RecordFact, ...]} from a ``CompetenceRecord`` queryset. One query.

    The day a record was achieved is its local date, as ``timezone.localdate`` gives it; the
    database works it out (``TruncDate`` in the current time zone), which for a report's tens of
    thousands of records is several times faster than converting each datetime in Python.
    Unordered: ``evaluate`` sorts what it needs.
    """
    by_user = defaultdict(list)
    rows = (
        records.order_by()
        .annotate(achieved_day=TruncDate("achieved_at"))
        .values_list("id", "user_id", "competence_id", "level", "achieved_day", "valid_until")
    )
    for row in rows:
        by_user[row[1]].append(RecordFact(*row))
    return by_user


class RequirementIndex:
    """Loaded requirements, by the unit path they are set on (as ``load_facts`` returns them).

    Which of them apply to a job depends only on its unit and role, so it is worked out once per
    (unit, role) and reused for everyone in that job: a report over hundreds of people then checks
    each unit's requirements a handful of times instead of once per person. Pure.
    """

    def __init__(self, requirements_by_path, steplen):
        self.by_path = requirements_by_path
        self.steplen = steplen
        self._applying = {}

    def applying_to(self, assignment):
        key = (assignment.unit_path, assignment.role_id)
        found = self._applying.get(key)
        if found is None:
            found = self._applying[key] = tuple(
                requirement
                for path in _ancestor_paths(assignment.unit_path, self.steplen)
                for requirement in self.by_path.get(path, ())
                if requirement_applies(requirement, assignment)
            )
        return found

    def for_person(self, assignments):
        """The requirements that apply through any of ``assignments``, each once."""
        seen = {}
        for assignment in assignments:
            for requirement in self.applying_to(assignment):
                seen[requirement.id] = requirement
        return list(seen.values())


def subtree_predicate(paths):
    """A predicate true for unit paths at or below any of ``paths`` (a manager's scope)."""
    prefixes = tuple(paths)
    return lambda unit_path: unit_path.startswith(prefixes)


def viewer_scope(user, at=None):
    """The ``in_scope`` predicate for what ``user`` may see of other people: their managed
    units' subtrees, or None (everything) for a platform admin. One or two queries."""
    if permissions.is_platform_admin(user):
        return None
    return subtree_predicate(path for _id, path in permissions.scope_roots(user, at))


def statuses_for_people(user_ids, on=None, in_scope=None):
    """{user id: [RequirementStatus, ...]} for many people. Three queries however many people;
    one for one person seen whole (``load_person_facts``).

    People with no active assignment map to an empty list. ``in_scope`` (a predicate on unit
    paths, see ``viewer_scope``) is what a manager may see: only the jobs inside it count, so a
    person who also works for another employer shows neither that job, nor what it requires,
    nor the records only those requirements ask for. Deadlines then run from the earliest
    in-scope job.
    """
    on = on or timezone.localdate()
    user_ids = list(user_ids)
    if len(user_ids) == 1 and in_scope is None:
        assignments, requirements_by_path, records = load_person_facts(user_ids[0], on)
    else:
        assignments, requirements_by_path, records = load_facts(
            user_ids, on, required_records_only=in_scope is not None, in_scope=in_scope
        )
    index = RequirementIndex(requirements_by_path, Organisation.steplen)
    result = {}
    for user_id in user_ids:
        mine = assignments.get(user_id, [])
        result[user_id] = person_statuses(
            index.for_person(mine), mine, records.get(user_id, []), on
        )
    return result


def statuses_for_person(user, on=None, in_scope=None):
    """[RequirementStatus, ...] for one person: one query, or three within ``in_scope``."""
    return statuses_for_people([user.pk], on, in_scope)[user.pk]


PERSON_FACTS_SQL = """
SELECT r.id, ru.path, r.include_subtree, r.role_id, r.competence_id, r.level,
       r.due_within_days, r.renew_every_months,
       a.id, a.unit_id, au.path, a.role_id, a.starts_on, a.ends_on,
       c.id, c.competence_id, c.level, c.achieved_at, c.valid_until
FROM {assignment} a
JOIN {organisation} au ON au.id = a.unit_id
JOIN {requirement} r ON r.role_id IS NULL OR r.role_id = a.role_id
JOIN {organisation} ru ON ru.id = r.unit_id AND (
    ru.path = au.path OR (r.include_subtree AND substr(au.path, 1, length(ru.path)) = ru.path)
)
LEFT JOIN {record} c ON c.user_id = a.user_id AND c.competence_id = r.competence_id
WHERE a.user_id = %s AND a.starts_on <= %s AND (a.ends_on IS NULL OR a.ends_on >= %s)
"""


def load_person_facts(user_id, on):
    """What ``load_facts`` gives for one person, in one query instead of three.

    Each row is one of the person's jobs active on ``on``, a requirement that applies through it
    (``requirement_applies`` in SQL: the role or all roles; the unit, or a unit below it when
    the requirement includes the subtree) and one of the person's records of the requirement's
    competence (or none). Jobs and records no requirement reaches are left out: they cannot
    change a status. Plain SQL that PostgreSQL and SQLite both run: the ORM cannot join
    requirements to jobs by unit path, and building the same query from subqueries cost more
    time in Python than the two queries it saves.
    """
    sql = PERSON_FACTS_SQL.format(
        assignment=JobAssignment._meta.db_table,
        organisation=Organisation._meta.db_table,
        requirement=Requirement._meta.db_table,
        record=CompetenceRecord._meta.db_table,
    )
    assignments, requirements, records = {}, {}, {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id, on, on])
        rows = cursor.fetchall()
    for row in rows:
        requirements[row[0]] = RequirementFact(row[0], row[1], bool(row[2]), *row[3:8])
        assignments[row[8]] = AssignmentFact(row[8], user_id, *row[9:14])
        if row[14] is not None:
            records[row[14]] = RecordFact(
                row[14], user_id, row[15], row[16], _local_day(row[17]), row[18]
            )
    requirements_by_path = defaultdict(list)
    for fact in requirements.values():
        requirements_by_path[fact.unit_path].append(fact)
    return (
        {user_id: list(assignments.values())} if assignments else {},
        requirements_by_path,
        {user_id: list(records.values())} if records else {},
    )


def _local_day(moment):
    """The local date of a stored time, as ``record_facts`` has the database work it out
    (SQLite hands plain SQL its UTC times without a time zone)."""
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, datetime.UTC)
    return timezone.localdate(moment)
