"""Coverage snapshots: today's counts for the region view, the first of each month for trends.

A snapshot is computed with the same ``rows_for_people`` as the live dashboards (so the same
status module), in chunks of people to bound memory, and stored as counts per
unit × role × competence. Taking one is idempotent: the day's rows are replaced in a transaction.
"""

import datetime
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.db.models.functions import Substr
from django.utils import timezone

from learning.organisations.models import JobAssignment, Organisation

from .coverage import Counts, rows_for_people
from .models import STATUS_FIELDS, CoverageSnapshot

CHUNK = 2000


def count_cells(on, chunk=CHUNK):
    """{(unit id, role id, competence id): Counts} for everyone with a job on ``on``.

    Four queries per chunk of people (ids, then the status module's three).
    """
    people = sorted(set(JobAssignment.objects.active_on(on).values_list("user_id", flat=True)))
    cells = defaultdict(Counts)
    for start in range(0, len(people), chunk):
        for row in rows_for_people(people[start:start + chunk], on):
            cells[(row.unit_id, row.role_id, row.competence_id)].add(row.status)
    return cells


def take_snapshot(on=None):
    """Replace the snapshot for ``on`` (today). Keeps month starts; drops older daily ones.

    Returns the number of cells stored. Safe to run twice or from two workers at once.
    """
    on = on or timezone.localdate()
    cells = count_cells(on)
    objects = [
        CoverageSnapshot(taken_on=on, unit_id=unit_id, role_id=role_id,
                         competence_id=competence_id, people=counts.people,
                         **{name: counts[name] for name in STATUS_FIELDS})
        for (unit_id, role_id, competence_id), counts in cells.items()
    ]
    try:
        with transaction.atomic():
            CoverageSnapshot.objects.filter(taken_on=on).delete()
            CoverageSnapshot.objects.bulk_create(objects, batch_size=2000)
    except IntegrityError:
        return 0  # another worker stored the same day's snapshot at the same moment
    (CoverageSnapshot.objects.filter(taken_on__lt=on).exclude(taken_on__day=1).delete())
    return len(objects)


def latest_date():
    return CoverageSnapshot.objects.order_by("-taken_on").values_list("taken_on", flat=True).first()


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
    snapshots = CoverageSnapshot.objects.filter(taken_on__day=1)
    if unit_ids is not None:
        snapshots = snapshots.filter(unit_id__in=unit_ids)
    if competence_id:
        snapshots = snapshots.filter(competence_id=competence_id)
    if role_id:
        snapshots = snapshots.filter(role_id=role_id)
    rows = snapshots.values("taken_on").annotate(**_sums()).order_by("-taken_on")[:months]
    return [(row["taken_on"], _counts(row)) for row in reversed(list(rows))]


def sums(taken_on, group_by, *, competence_id=None, role_id=None, sector=""):
    """{(group, competence id): Counts} from one day's snapshot, summed in SQL. One query.

    ``group_by`` is ``"root"`` (the path of the tree root, i.e. the employer, the unit is under)
    or ``"role"`` (the role id). The filters keep cells of one competence, role or unit sector.
    """
    snapshots = CoverageSnapshot.objects.filter(taken_on=taken_on)
    if competence_id:
        snapshots = snapshots.filter(competence_id=competence_id)
    if role_id:
        snapshots = snapshots.filter(role_id=role_id)
    if sector:
        snapshots = snapshots.filter(unit__sector=sector)
    if group_by == "root":
        snapshots = snapshots.annotate(root=Substr("unit__path", 1, Organisation.steplen))
        group = "root"
    else:
        group = "role_id"
    rows = snapshots.values(group, "competence_id").annotate(**_sums()).order_by()
    return {(row[group], row["competence_id"]): _counts(row) for row in rows}


def by_employer(taken_on, competence_id=None):
    """{(root path, competence id): Counts} from one day's snapshot. One query."""
    return sums(taken_on, "root", competence_id=competence_id)


def backfill(months, today=None):
    """Month-start snapshots for the last ``months`` months (demo and first deployment)."""
    today = today or timezone.localdate()
    day = today.replace(day=1)
    for _month in range(months):
        take_snapshot(day)
        day = (day - datetime.timedelta(days=1)).replace(day=1)
