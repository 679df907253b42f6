"""The manager's coverage dashboard and the people drill-down, built as ``Table`` objects.

Access is decided by the caller through ``learning.reports.permissions``; these builders take
the paths the user may see and never widen them. Queries per call are fixed (units, the
status module's three with the people as a subquery, and competences and roles unless the view
passes them in): they do not grow with the headcount.
The dashboard of the whole region, and of a unit too large to count live, reads the daily
snapshot instead (``snapshot_source``).
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from learning.competences.models import Competence
from learning.competences.status import Status, subtree_predicate
from learning.organisations.models import JobAssignment, JobRole, Organisation, Sector

from .coverage import (
    Counts,
    aggregate,
    child_key,
    root_key,
    rows_for_people,
)
from .snapshots import latest_date, sums
from .tables import Cell, Table, count_cells, count_columns

GROUP_BY_UNIT = "unit"
GROUP_BY_ROLE = "role"


@dataclass(frozen=True)
class Filters:
    """What the filter form chose. Empty values mean "all"."""

    group: str = GROUP_BY_UNIT
    role_id: int | None = None
    sector: str = ""
    competence_id: int | None = None
    status: str = ""

    def keep(self, row, sectors):
        return (
            (self.role_id is None or row.role_id == self.role_id)
            and (not self.sector or sectors.get(row.unit_id) == self.sector)
            and (self.competence_id is None or row.competence_id == self.competence_id)
            and (not self.status or row.status == self.status)
        )

    def query(self):
        """The filters as query parameters, for drill-down and export links."""
        params = {
            "group": self.group,
            "role": self.role_id or "",
            "sector": self.sector,
            "competence": self.competence_id or "",
            "status": self.status,
        }
        return {key: value for key, value in params.items() if value}


def _paths_q(paths, prefix=""):
    return reduce(or_, (Q(**{f"{prefix}path__startswith": p}) for p in paths))


def people_under(paths, on):
    """Ids of people with an active job at or below any of ``paths``. One query (as a subquery).

    ``order_by()`` matters: with the jobs' default ordering (person's e-mail, start date) in the
    SELECT DISTINCT, someone with two jobs in the scope came back twice and counted twice.
    """
    return (
        JobAssignment.objects.active_on(on)
        .filter(_paths_q(paths, "unit__"))
        .order_by()
        .values_list("user_id", flat=True)
        .distinct()
    )


def units_under(paths, units=None):
    """{id: unit} at or below ``paths``: picked from ``units`` (units by id the caller has read,
    all those under ``paths`` among them), else read. One query, or none."""
    if units is None:
        return {u.pk: u for u in Organisation.objects.filter(_paths_q(paths))}
    prefixes = tuple(paths)
    return {pk: u for pk, u in units.items() if u.path.startswith(prefixes)}


def scoped_rows(paths, on, filters, units=None):
    """(rows, units by id) for everyone under ``paths``, filtered. Four queries: the units
    (none if given, see ``units_under``), and the status module's three (the people are a
    subquery of its first)."""
    units = units_under(paths, units)
    rows = rows_for_people(people_under(paths, on), on, subtree_predicate(paths))
    sectors = {pk: unit.sector for pk, unit in units.items()}
    return [row for row in rows if filters.keep(row, sectors)], units


@dataclass
class Dashboard:
    table: Table
    unit: Organisation | None
    breadcrumbs: list
    on: datetime.date  # the day the numbers are about
    rows: list  # the people's rows behind the numbers; empty when read from a snapshot
    taken_on: datetime.date | None = None  # set when the numbers come from the snapshot


def snapshot_source(roots, unit, on):
    """(day, scope id) of the snapshot rows the dashboard reads, or None to compute it live.

    ``roots`` is the user's scope ([(id, path)]), ``unit`` the unit chosen in it, if any. The
    rule: a dashboard with more than ``REPORTS_LIVE_PEOPLE_LIMIT`` people reads the latest daily
    snapshot, if it holds rows counted for exactly that scope; every other scope is computed
    live. Two kinds of scope have such rows:

    - one unit (chosen, or a manager's only scope root) that was that large at the latest
      snapshot: the job stores rows attributed inside it (scope id = the unit's); a unit without
      them is small, or the snapshot has not run since it grew, and is counted live;
    - the whole region (no unit chosen and the scope is every tree root, which is what a
      platform admin opens first) with that many people: the region-wide rows (scope id None).

    Several scope roots that are not the whole region (a manager of two departments) are counted
    live: the stored rows attribute a person with jobs under two of them once per root.

    Why: live work grows with the people in scope (on the seeded region about 0.2-0.3 ms each:
    445 people ~0.1 s, the Region Nordjylland tree's 14,503 ~5 s, all 25,000 ~7 s); below
    ~2,000 people live is under half a second and shows today's truth, so small scopes,
    small installations and the demo stay live. Queries: one for a unit or a single scope root,
    none for other managers' scopes, else 1-3.
    """
    if unit is not None or len(roots) == 1:
        scope_id = unit.pk if unit is not None else roots[0][0]
        taken_on = latest_date(scope_id)
        return (taken_on, scope_id) if taken_on is not None else None
    paths = [path for _id, path in roots]
    if any(len(path) != Organisation.steplen for path in paths):
        return None  # a scope below the tree roots: no query needed to decide
    tree_roots = set(Organisation.get_root_nodes().values_list("path", flat=True))
    if set(paths) != tree_roots:
        return None
    # Everyone with a job is under some root: count them without matching paths.
    people = JobAssignment.objects.active_on(on).order_by().values("user_id").distinct().count()
    if people <= settings.REPORTS_LIVE_PEOPLE_LIMIT:
        return None
    taken_on = latest_date()
    return (taken_on, None) if taken_on is not None else None


def _by_id(model, ids, known):
    """{id: instance} for ``ids``: from ``known`` (e.g. the filters' choices), the rest read in
    one query (none when ``known`` has them all, as it has on the walk's pages)."""
    ids = set(ids)
    found = {pk: known[pk] for pk in ids if pk in (known or {})}
    if ids - set(found):
        found.update(model.objects.in_bulk(ids - set(found)))
    return found


def _link(name, unit_id, filters, people=False):
    if people:
        url = reverse("reports:people", args=[unit_id])
    else:
        url = reverse("reports:dashboard")
    query = {**filters.query(), **({} if people else {"unit": unit_id})}
    return f"{url}?{urlencode(query)}" if query else url


def _snapshot_grouped(taken_on, scope_id, path_length, filters):
    """{group: {competence id: Counts}} from the snapshot rows of ``scope_id`` (None: the
    region-wide rows), grouped by unit paths cut to ``path_length`` or by role, and filtered, as
    ``aggregate`` groups and ``Filters.keep`` filters live rows. Two queries."""
    cells = sums(
        taken_on,
        "role" if filters.group == GROUP_BY_ROLE else "path",
        scope_id=scope_id,
        path_length=path_length,
        competence_id=filters.competence_id,
        role_id=filters.role_id,
        sector=filters.sector,
    )
    grouped = {}
    for (group, competence_id), counts in cells.items():
        if filters.status:
            counts = counts.only(filters.status)
        if counts.people:
            grouped.setdefault(group, {})[competence_id] = counts
    by_path = (
        {u.path: u for u in Organisation.objects.filter(path__in=list(grouped))}
        if filters.group != GROUP_BY_ROLE
        else {}
    )
    return grouped, by_path


def build_dashboard(
    roots, filters, unit=None, on=None, *, units=None, competences=None, roles=None
):
    """The coverage table for ``unit`` (or for the scope ``roots``: [(id, path)]).

    Rows are the children of ``unit`` (or the roots) rolled up, or roles; each × competence, with
    totals per competence and overall. Computed live, or for a large scope read from the
    snapshot (``snapshot_source``), with the same numbers either way on the snapshot's day.
    ``units``, ``competences`` and ``roles`` ({id: instance}) are what the view has read already
    (units: everything under ``roots``; the others: the filters' choices); what they lack is
    read.
    """
    on = on or timezone.localdate()
    paths = [unit.path] if unit is not None else [path for _id, path in roots]
    if not paths:
        return Dashboard(Table(_("Coverage"), []), unit, [], on, [])
    rows, grouped, by_path, taken_on = _coverage_counts(roots, paths, filters, unit, on, units)
    first, groups, labels = _group_labels(grouped, by_path, filters, unit, roles)
    competences = _by_id(
        Competence, (pk for cells in grouped.values() for pk in cells), competences
    )
    table = Table(
        caption=_("Coverage of required competences in %(unit)s")
        % {"unit": unit.name if unit else _("your units")},
        columns=[first, _("Competence"), *count_columns()],
        note=_("Figures from the daily snapshot of %(date)s.")
        % {"date": date_format(taken_on, "SHORT_DATE_FORMAT")}
        if taken_on
        else "",
    )
    _fill_coverage(table, groups, labels, grouped, competences)
    crumbs = _breadcrumbs(roots, unit, units) if unit else []
    return Dashboard(table, unit, crumbs, taken_on or on, rows, taken_on)


def _breadcrumbs(roots, unit, units):
    """The units above ``unit`` inside the scope ``roots``, top first."""
    if units is None:
        return list(unit.get_ancestors().filter(_paths_q([p for _i, p in roots])))
    return sorted(
        (u for u in units.values() if unit.path.startswith(u.path) and u.pk != unit.pk),
        key=lambda u: u.path,
    )


def _coverage_counts(roots, paths, filters, unit, on, units=None):
    """(live rows, {group: {competence id: Counts}}, {path: unit}, snapshot day or None): the
    counts per group, from the snapshot for a large scope (no live rows then), else live."""
    source = snapshot_source(roots, unit, on)
    if source is not None:
        taken_on, scope_id = source
        # The groups live rows get: a unit's children (child_key) or the scope roots (root_key).
        length = len(unit.path) + Organisation.steplen if unit is not None else len(paths[0])
        grouped, by_path = _snapshot_grouped(taken_on, scope_id, length, filters)
        return [], grouped, by_path, taken_on
    rows, units = scoped_rows(paths, on, filters, units)
    if filters.group == GROUP_BY_ROLE:
        grouped = aggregate(rows, lambda row: row.role_id)
    else:
        grouped = aggregate(rows, child_key(unit.path) if unit is not None else root_key(paths))
    return rows, grouped, {u.path: u for u in units.values()}, None


def _group_labels(grouped, by_path, filters, unit, roles=None):
    """(first column's heading, groups in display order, {group: header Cell}): roles by name,
    or units by path, each linking to its own table unless it is the unit shown."""
    if filters.group == GROUP_BY_ROLE:
        roles = _by_id(JobRole, grouped, roles)
        groups = sorted(grouped, key=lambda pk: roles[pk].name)
        return _("Role"), groups, {pk: Cell(roles[pk].name, header=True) for pk in groups}
    groups = sorted(grouped)
    labels = {}
    for path in groups:
        group_unit = by_path[path]
        drillable = unit is None or group_unit.pk != unit.pk
        labels[path] = Cell(
            group_unit.name,
            header=True,
            href=_link(group_unit.name, group_unit.pk, filters) if drillable else None,
        )
    return _("Unit"), groups, labels


def _fill_coverage(table, groups, labels, grouped, competences):
    """A row per group × competence, then a total per competence and one over all."""
    per_competence = {}
    for group in groups:
        for competence_id in sorted(grouped[group], key=lambda pk: competences[pk].code):
            counts = grouped[group][competence_id]
            per_competence.setdefault(competence_id, Counts()).merge(counts)
            table.rows.append(
                [labels[group], Cell(str(competences[competence_id])), *count_cells(counts)]
            )
    overall = Counts()
    for competence_id in sorted(per_competence, key=lambda pk: competences[pk].code):
        overall.merge(per_competence[competence_id])
        table.totals.append(
            [
                Cell(_("Total"), header=True),
                Cell(str(competences[competence_id])),
                *count_cells(per_competence[competence_id]),
            ]
        )
    if per_competence:
        table.totals.append(
            # Its "people" are person-and-competence pairs: a person counts once per competence.
            [
                Cell(_("Total"), header=True),
                Cell(_("All competences (people × competences)")),
                *count_cells(overall),
            ]
        )


def build_people(unit, filters, on=None, *, units=None, competences=None, roles=None):
    """People at or below ``unit`` × competences, with each person's status (worst per
    competence). Returns (Table, person ids, status totals). ``units``, ``competences`` and
    ``roles`` as for ``build_dashboard``."""
    on = on or timezone.localdate()
    rows, units = scoped_rows([unit.path], on, filters, units)
    people = get_user_model().objects.in_bulk({row.user_id for row in rows})
    competences = _by_id(Competence, (row.competence_id for row in rows), competences)
    order = sorted(competences, key=lambda pk: competences[pk].code)
    roles = _by_id(JobRole, (row.role_id for row in rows), roles)
    by_person = {}
    for row in rows:
        by_person.setdefault(row.user_id, {})[row.competence_id] = row
    table = Table(
        caption=_("Status per person and competence in %(unit)s") % {"unit": unit.name},
        columns=[_("Name"), _("Unit"), _("Role"), *(competences[pk].code for pk in order)],
        note=_("Competence codes: %(codes)s")
        % {"codes": "; ".join(str(competences[pk]) for pk in order)},
    )

    def sort_key(user_id):
        person = people[user_id]
        return (person.last_name, person.first_name, person.pk)

    # One Cell per status, shared by every person with it (cells are immutable): a large unit
    # has thousands of status cells, and each is rendered once (Cell.html is cached).
    status_cells = {status: Cell(status.label, css=f"status--{status}") for status in Status}
    empty = Cell(None)
    for user_id in sorted(by_person, key=sort_key):
        mine = by_person[user_id]
        first = next(iter(mine.values()))
        table.rows.append(
            [
                Cell(
                    str(people[user_id]),
                    header=True,
                    href=reverse("reports:person", args=[user_id]),
                ),
                Cell(units[first.unit_id].name),
                Cell(roles[first.role_id].name),
                *(status_cells[mine[pk].status] if pk in mine else empty for pk in order),
            ]
        )
    status_totals = Counter(row.status for row in rows)
    # The count of people goes under the names it counts, not under the role; each
    # competence column says how many of those it applies to hold it now.
    covered = Counter(row.competence_id for row in rows if row.is_covered)
    required = Counter(row.competence_id for row in rows)
    table.totals.append(
        [
            Cell(
                ngettext("Total: %(count)d person", "Total: %(count)d people", len(by_person))
                % {"count": len(by_person)},
                header=True,
            ),
            Cell(None),
            Cell(None),
            *(
                Cell(
                    _("%(covered)d of %(required)d hold it")
                    % {"covered": covered[pk], "required": required[pk]}
                )
                for pk in order
            ),
        ]
    )
    return table, sorted(by_person, key=sort_key), status_totals


SECTOR_CHOICES = Sector.choices
