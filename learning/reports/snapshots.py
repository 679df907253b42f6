"""Coverage snapshots: today's counts for the region view, the first of each month for trends.

A snapshot is computed with the same status module and attribution (``person_rows``) as the
live dashboards, in chunks of people to bound memory, and stored as counts per
unit × role × competence. Taking one is idempotent: the day's rows are replaced in a transaction.

Besides the region-wide rows, it stores rows for each unit whose subtree has more than
``REPORTS_LIVE_PEOPLE_LIMIT`` people, counted as a dashboard scoped to that unit counts them: a
person with jobs inside and outside the unit is attributed to a job inside it there, but once,
anywhere, region-wide. Those dashboards then read exact figures instead of counting live.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.db.models.functions import Substr
from django.utils import timezone

from learning.competences.status import subtree_predicate
from learning.organisations.models import JobAssignment, Organisation

from .coverage import Counts, person_rows, statuses_for_people
from .models import STATUS_FIELDS, CoverageSnapshot

CHUNK = 2000


def large_scopes(jobs, limit):
    """{path: unit id} of the units with more than ``limit`` people with a job at or below them,
    from (user id, unit path) pairs. One query (the units' ids), none when there are none."""
    people = defaultdict(set)
    for user_id, path in jobs:
        for end in range(Organisation.steplen, len(path) + 1, Organisation.steplen):
            people[path[:end]].add(user_id)
    paths = [path for path, ids in people.items() if len(ids) > limit]
    if not paths:
        return {}
    return dict(Organisation.objects.filter(path__in=paths).values_list("path", "id"))


def count_cells(on, chunk=CHUNK, limit=None):
    """{(scope id, unit id, role id, competence id): Counts} for everyone with a job on ``on``.

    Scope None holds the region-wide cells; each unit with more than ``limit`` people
    (``REPORTS_LIVE_PEOPLE_LIMIT``) also gets its own, attributed inside it. Statuses are
    evaluated once per person and attributed per scope. Two queries, then four per chunk.
    """
    limit = settings.REPORTS_LIVE_PEOPLE_LIMIT if limit is None else limit
    jobs = list(JobAssignment.objects.active_on(on).order_by().values_list("user_id", "unit__path"))
    scopes = {
        path: (scope_id, subtree_predicate([path]))
        for path, scope_id in large_scopes(jobs, limit).items()
    }
    people = sorted({user_id for user_id, _path in jobs})
    cells = defaultdict(Counts)
    for start in range(0, len(people), chunk):
        for statuses, mine in statuses_for_people(people[start : start + chunk], on):
            for row in person_rows(statuses, mine, on):
                cells[(None, row.unit_id, row.role_id, row.competence_id)].add(row.status)
            for path, (scope_id, in_scope) in scopes.items():
                if not any(job.unit_path.startswith(path) for job in mine):
                    continue  # not in this scope's people (``dashboard.people_under``)
                for row in person_rows(statuses, mine, on, in_scope):
                    cells[(scope_id, row.unit_id, row.role_id, row.competence_id)].add(row.status)
    return cells


def take_snapshot(on=None):
    """Replace the snapshot for ``on`` (today). Keeps month starts' region-wide rows; drops older
    daily ones, and every older day's scoped rows (only the latest are read).

    Returns the number of cells stored. Safe to run twice or from two workers at once.
    """
    on = on or timezone.localdate()
    cells = count_cells(on)
    objects = [
        CoverageSnapshot(
            taken_on=on,
            scope_id=scope_id,
            unit_id=unit_id,
            role_id=role_id,
            competence_id=competence_id,
            people=counts.people,
            **{name: counts[name] for name in STATUS_FIELDS},
        )
        for (scope_id, unit_id, role_id, competence_id), counts in cells.items()
    ]
    try:
        with transaction.atomic():
            CoverageSnapshot.objects.filter(taken_on=on).delete()
            CoverageSnapshot.objects.bulk_create(objects, batch_size=2000)
    except IntegrityError:
        return 0  # another worker stored the same day's snapshot at the same moment
    (CoverageSnapshot.objects.filter(taken_on__lt=on).exclude(taken_on__day=1).delete())
    CoverageSnapshot.objects.filter(taken_on__lt=on, scope__isnull=False).delete()
    return len(objects)


def latest_date(scope_id=None):
    """The latest day with region-wide rows, or with rows for the unit ``scope_id``. One query.

    A unit has rows only if it was large at the latest snapshot: older days' scoped rows are
    dropped when a snapshot is taken, so a unit that shrank is counted live again.
    """
    return (
        CoverageSnapshot.objects.filter(scope_id=scope_id)
        .order_by("-taken_on")
        .values_list("taken_on", flat=True)
        .first()
    )


def _counts(row):
    counts = Counts()
    counts.people = row["people"] or 0
    for name in STATUS_FIELDS:
        counts.by_status[name] = row[name] or 0
    return counts


def _sums():
    return {"people": Sum("people"), **{name: Sum(name) for name in STATUS_FIELDS}}


def trend(unit_ids=None, competence_id=None, role_id=None, months=12):
    """[(month start, Counts)] from the month-start snapshots, oldest first. One query.

    ``unit_ids`` None means the whole region.
    """
    snapshots = CoverageSnapshot.objects.filter(taken_on__day=1, scope=None)
    if unit_ids is not None:
        snapshots = snapshots.filter(unit_id__in=unit_ids)
    if competence_id:
        snapshots = snapshots.filter(competence_id=competence_id)
    if role_id:
        snapshots = snapshots.filter(role_id=role_id)
    rows = snapshots.values("taken_on").annotate(**_sums()).order_by("-taken_on")[:months]
    return [(row["taken_on"], _counts(row)) for row in reversed(list(rows))]


def sums(
    taken_on,
    group_by,
    *,
    scope_id=None,
    path_length=Organisation.steplen,
    competence_id=None,
    role_id=None,
    sector="",
):
    """{(group, competence id): Counts} from one day's snapshot, summed in SQL. One query.

    ``scope_id`` None reads the region-wide rows, a unit's id the rows counted for that unit.
    ``group_by`` is ``"path"`` (the first ``path_length`` characters of the unit's path: the tree
    root, i.e. the employer, by default, or the child of a unit as ``coverage.child_key``
    groups) or ``"role"`` (the role id). The filters keep cells of one competence, role or unit
    sector.
    """
    snapshots = CoverageSnapshot.objects.filter(taken_on=taken_on, scope_id=scope_id)
    if competence_id:
        snapshots = snapshots.filter(competence_id=competence_id)
    if role_id:
        snapshots = snapshots.filter(role_id=role_id)
    if sector:
        snapshots = snapshots.filter(unit__sector=sector)
    if group_by == "path":
        snapshots = snapshots.annotate(prefix=Substr("unit__path", 1, path_length))
        group = "prefix"
    else:
        group = "role_id"
    rows = snapshots.values(group, "competence_id").annotate(**_sums()).order_by()
    return {(row[group], row["competence_id"]): _counts(row) for row in rows}


def by_employer(taken_on, competence_id=None):
    """{(root path, competence id): Counts} from one day's region-wide rows. One query."""
    return sums(taken_on, "path", competence_id=competence_id)


def backfill(months, today=None):
    """Month-start snapshots for the last ``months`` months (demo and first deployment)."""
    today = today or timezone.localdate()
    day = today.replace(day=1)
    for _month in range(months):
        take_snapshot(day)
        day = (day - datetime.timedelta(days=1)).replace(day=1)
