"""The region-wide view for platform admins and the cross-sector committee.

Read from the latest snapshot only: counts per employer (tree root) and competence, grouped by
sector. No person-level data exists at this level. Cells with fewer than ``k`` people are
suppressed, and when a sector has exactly one suppressed cell for a competence, the next
smallest is suppressed too, so the sector total cannot be used to work the hidden one out.
"""

from collections import defaultdict

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from learning.competences.models import Competence
from learning.organisations.models import Organisation, Sector

from .coverage import Counts
from .snapshots import by_employer, latest_date
from .tables import Cell, Table, count_cells, count_columns, suppressed_cells

DEFAULT_K = 5


def minimum_group():
    return getattr(settings, "REPORTS_MIN_GROUP_SIZE", DEFAULT_K)


def suppress(cells, k):
    """The set of keys to hide, from {key: people} within one comparison group. Pure."""
    hidden = {key for key, people in cells.items() if 0 < people < k}
    if len(hidden) == 1 and len(cells) > 1:
        visible = sorted((people, str(key)) for key, people in cells.items() if key not in hidden)
        smallest = visible[0][1]
        hidden.add(next(key for key in cells if str(key) == smallest))
    return hidden


def build_region(competence_id=None, k=None):
    """(Table, snapshot date). Rows: sector totals and employers × competence. Four queries."""
    k = k or minimum_group()
    taken_on = latest_date()
    table = Table(
        caption=_("Coverage by sector and organisation"),
        columns=[_("Sector"), _("Organisation"), _("Competence"), *count_columns()],
        note=_("Groups of fewer than %(k)s people are not shown.") % {"k": k},
    )
    if taken_on is None:
        return table, None
    cells = by_employer(taken_on, competence_id)
    roots = {o.path: o for o in Organisation.get_root_nodes()}
    competences = {
        c.pk: c
        for c in Competence.objects.filter(pk__in={competence for _root, competence in cells})
    }
    by_sector = defaultdict(lambda: defaultdict(dict))  # sector -> competence -> root -> Counts
    for (root, competence_id_), counts in cells.items():
        if root in roots:
            by_sector[roots[root].sector][competence_id_][root] = counts
    sector_labels = dict(Sector.choices)
    width = len(count_columns())
    for sector in [s for s in Sector.values if s in by_sector]:
        for competence in sorted(by_sector[sector], key=lambda pk: competences[pk].code):
            employers = by_sector[sector][competence]
            hidden = suppress({root: c.people for root, c in employers.items()}, k)
            total = Counts()
            for root in sorted(employers, key=lambda path: roots[path].name):
                total.merge(employers[root])
                numbers = (
                    suppressed_cells(width) if root in hidden else count_cells(employers[root])
                )
                table.rows.append(
                    [
                        Cell(sector_labels[sector]),
                        Cell(roots[root].name, header=True),
                        Cell(str(competences[competence])),
                        *numbers,
                    ]
                )
            numbers = suppressed_cells(width) if 0 < total.people < k else count_cells(total)
            table.totals.append(
                [
                    Cell(sector_labels[sector]),
                    Cell(_("Total"), header=True),
                    Cell(str(competences[competence])),
                    *numbers,
                ]
            )
    return table, taken_on
