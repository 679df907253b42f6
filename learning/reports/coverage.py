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

from learning.competences.status import (
    COVERED,
    RequirementIndex,
    Status,
    load_facts,
    person_statuses,
    requirement_applies,
)
from learning.organisations.models import Organisation

# Worst first: the status a person shows for a competence when several requirements ask for it.
SEVERITY = (
    Status.OVERDUE,
    Status.EXPIRED,
    Status.DUE,
    Status.EXPIRING_30,
    Status.EXPIRING_60,
    Status.EXPIRING_90,
    Status.MET,
)
_RANK = {status: rank for rank, status in enumerate(SEVERITY)}
# Attention order in tables and exports: covered first, then what needs doing.
COLUMN_STATUSES = (
    Status.MET,
    Status.DUE,
    Status.OVERDUE,
    Status.EXPIRING_30,
    Status.EXPIRING_60,
    Status.EXPIRING_90,
    Status.EXPIRED,
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

    @property
    def valid_until(self):
        """The last day the record counts; ``expires_on`` is the first day it no longer does."""
        return self.expires_on - datetime.timedelta(days=1) if self.expires_on else None


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

    def only(self, status):
        """The people with one status: what counting rows filtered to that status gives."""
        counts = Counts()
        counts.add(status, self[status])
        return counts

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


def _attribute(status, active, in_scope):
    """The assignment a status is reported under, or None when no in-scope job reaches it."""
    if in_scope is None or in_scope(status.assignment.unit_path):
        return status.assignment
    others = [
        a for a in active if in_scope(a.unit_path) and requirement_applies(status.requirement, a)
    ]
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
            user_id=assignment.user_id,
            competence_id=competence_id,
            unit_id=assignment.unit_id,
            unit_path=assignment.unit_path,
            role_id=assignment.role_id,
            status=status.status,
            level=status.requirement.level,
            deadline=status.deadline,
            expires_on=status.expires_on,
        )
        for competence_id, (status, assignment) in sorted(chosen.items())
    ]


def statuses_for_people(user_ids, on):
    """(statuses, active assignments) for each person with a job on ``on``, by id, in three
    queries however many people (run when the generator is first advanced). ``user_ids`` may be
    a queryset of ids: it is then read inside the first query. The daily snapshot attributes
    one person's statuses to several scopes without evaluating them again.
    """
    assignments, requirements_by_path, records = load_facts(
        user_ids, on, required_records_only=True
    )
    index = RequirementIndex(requirements_by_path, Organisation.steplen)
    for user_id in sorted(assignments):
        mine = assignments[user_id]
        yield person_statuses(index.for_person(mine), mine, records.get(user_id, []), on), mine


def rows_for_people(user_ids, on, in_scope=None):
    """Coverage rows for many people in three queries, however many people (``user_ids``: ids
    or a queryset of them, see ``statuses_for_people``).

    ``in_scope`` is a predicate on unit paths (see ``subtree_predicate``); None means all.
    A person listed twice (e.g. found through two jobs) still counts once.
    """
    return [
        row
        for statuses, mine in statuses_for_people(user_ids, on)
        for row in person_rows(statuses, mine, on, in_scope)
    ]


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
