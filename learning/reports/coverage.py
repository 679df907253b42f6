"""Coverage: how many people hold each required competence, per unit or role.

Every status comes from ``learning.competences.status`` (``load_facts`` + the pure
``person_statuses``); this module only attributes and counts them. Two reporting rules live here:

- A cell counts people, not requirements: a person with several requirements for the same
  competence (e.g. level 1 for everyone and level 2 for leaders) counts once, with the worst of
  their statuses (``SEVERITY``), so a leader missing level 2 is not shown as covered.
- Each (person, competence) is attributed to one job assignment, the one the status module chose
  (the earliest start). Inside a manager's scope, a requirement reached through a job elsewhere is
  attributed to the earliest in-scope job it also applies through, or left out: one employer
  never sees what another employer requires of a shared person. Rows therefore add up: totals are
  sums of the rows above them.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from learning.competences.status import (
    COVERED,
    AssignmentFact,
    RecordFact,
    RequirementFact,
    Status,
    person_statuses,
    requirement_applies,
)
from learning.organisations.models import Organisation

# Worst first: the status a person shows for a competence when several requirements ask for it.
SEVERITY = (
    Status.OVERDUE, Status.EXPIRED, Status.DUE,
    Status.EXPIRING_30, Status.EXPIRING_60, Status.EXPIRING_90, Status.MET,
)
_RANK = {status: rank for rank, status in enumerate(SEVERITY)}
# Attention order in tables and exports: covered first, then what needs doing.
COLUMN_STATUSES = (
    Status.MET, Status.DUE, Status.OVERDUE,
    Status.EXPIRING_30, Status.EXPIRING_60, Status.EXPIRING_90, Status.EXPIRED,
)


@dataclass(frozen=True)
class CoverageRow:
    """One person's status for one competence, attributed to one job."""

    user_id: int
    competence_id: int
    unit_id: int
    unit_path: str
    role_id: int
    status: Status
    level: int
    deadline: datetime.date
    expires_on: datetime.date | None

    @property
    def is_covered(self):
        return self.status in COVERED


@dataclass
class Counts:
    """People per status for one cell; ``share`` is the covered percentage, rounded down."""

    people: int = 0
    by_status: dict = field(default_factory=lambda: dict.fromkeys(Status.values, 0))

    def add(self, status, number=1):
        self.people += number
        self.by_status[str(status)] += number

    def merge(self, other):
        self.people += other.people
        for status, number in other.by_status.items():
            self.by_status[status] += number

    @property
    def covered(self):
        return sum(self.by_status[str(s)] for s in COVERED)

    @property
    def share(self):
        """Whole percent covered, rounded down so 99.6 % never shows as 100."""
        return (100 * self.covered) // self.people if self.people else None

    def __getitem__(self, status):
        return self.by_status[str(status)]


def worst(statuses):
    return min(statuses, key=_RANK.__getitem__)


def _candidates(assignments, requirements_by_path):
    steplen = Organisation.steplen
    seen = {}
    for assignment in assignments:
        for end in range(steplen, len(assignment.unit_path) + 1, steplen):
            for requirement in requirements_by_path.get(assignment.unit_path[:end], ()):
                seen[requirement.id] = requirement
    return list(seen.values())


def _attribute(status, active, in_scope):
    """The assignment a status is reported under, or None when no in-scope job reaches it."""
    if in_scope is None or in_scope(status.assignment.unit_path):
        return status.assignment
    others = [a for a in active
              if in_scope(a.unit_path) and requirement_applies(status.requirement, a)]
    return min(others, key=lambda a: (a.starts_on, a.id)) if others else None


def person_rows(statuses, assignments, on, in_scope=None):
    """Rows for one person from their statuses. Pure: no database access."""
    active = [a for a in assignments if a.is_active_on(on)]
    chosen = {}
    for status in statuses:
        assignment = _attribute(status, active, in_scope)
        if assignment is None:
            continue
        competence_id = status.requirement.competence_id
        current = chosen.get(competence_id)
        if current is not None and _RANK[current[0].status] <= _RANK[status.status]:
            continue
        chosen[competence_id] = (status, assignment)
    return [
        CoverageRow(
            user_id=assignment.user_id, competence_id=competence_id, unit_id=assignment.unit_id,
            unit_path=assignment.unit_path, role_id=assignment.role_id, status=status.status,
            level=status.requirement.level, deadline=status.deadline, expires_on=status.expires_on,
        )
        for competence_id, (status, assignment) in sorted(chosen.items())
    ]


def load_required_facts(user_ids, on):
    """``status.load_facts`` with one saving: only records for competences that some loaded
    requirement asks for. Records for other competences can never qualify (``evaluate`` filters
    on the requirement's competence first), so statuses are the same; a manager's report then
    reads about a sixth of the records. Three queries however many people.
    """
    from learning.competences.models import CompetenceRecord, Requirement
    from learning.organisations.models import JobAssignment

    assignments, paths = defaultdict(list), set()
    rows = (JobAssignment.objects.active_on(on).filter(user_id__in=user_ids)
            .values_list("id", "user_id", "unit_id", "unit__path", "role_id", "starts_on",
                         "ends_on"))
    steplen = Organisation.steplen
    for row in rows:
        fact = AssignmentFact(*row)
        assignments[fact.user_id].append(fact)
        paths.update(fact.unit_path[:end] for end in range(steplen, len(fact.unit_path) + 1,
                                                           steplen))
    requirements_by_path = defaultdict(list)
    if paths:
        for row in Requirement.objects.filter(unit__path__in=paths).values_list(
            "id", "unit__path", "include_subtree", "role_id", "competence_id", "level",
            "due_within_days", "renew_every_months",
        ):
            fact = RequirementFact(*row)
            requirements_by_path[fact.unit_path].append(fact)
    competence_ids = {r.competence_id for facts in requirements_by_path.values() for r in facts}
    records = defaultdict(list)
    if assignments and competence_ids:
        for row in CompetenceRecord.objects.filter(
            user_id__in=list(assignments), competence_id__in=competence_ids,
        ).values_list("id", "user_id", "competence_id", "level", "achieved_at", "valid_until"):
            record_id, user_id, competence_id, level, achieved_at, valid_until = row
            records[user_id].append(RecordFact(
                record_id, user_id, competence_id, level, timezone.localdate(achieved_at),
                valid_until,
            ))
    return assignments, requirements_by_path, records


def rows_for_people(user_ids, on, in_scope=None):
    """Coverage rows for many people in three queries, however many people.

    ``in_scope`` is a predicate on unit paths (see ``subtree_predicate``); None means all.
    """
    user_ids = list(user_ids)
    assignments, requirements_by_path, records = load_required_facts(user_ids, on)
    rows = []
    for user_id in user_ids:
        mine = assignments.get(user_id, [])
        if not mine:
            continue
        statuses = person_statuses(
            _candidates(mine, requirements_by_path), mine, records.get(user_id, []), on
        )
        rows += person_rows(statuses, mine, on, in_scope)
    return rows


def subtree_predicate(paths):
    """A predicate true for unit paths at or below any of ``paths``."""
    prefixes = tuple(paths)
    return lambda unit_path: unit_path.startswith(prefixes)


def aggregate(rows, key):
    """{group key: {competence id: Counts}} for rows grouped by ``key(row)`` (None skips)."""
    table = defaultdict(lambda: defaultdict(Counts))
    for row in rows:
        group = key(row)
        if group is not None:
            table[group][row.competence_id].add(row.status)
    return table


def child_key(base_path):
    """Group rows by the child of ``base_path`` they sit under; the base itself keeps its path."""
    end = len(base_path) + Organisation.steplen

    def key(row):
        return row.unit_path[:end] if row.unit_path.startswith(base_path) else None

    return key


def root_key(root_paths):
    """Group rows by the scope root they sit under (roots do not nest)."""
    roots = tuple(root_paths)

    def key(row):
        for root in roots:
            if row.unit_path.startswith(root):
                return root
        return None

    return key
