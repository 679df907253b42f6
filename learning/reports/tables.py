"""A report table as plain data: the page, CSV, XLSX and PDF all render this same object, so
an export is exactly the table on screen, number for number."""

from dataclasses import dataclass, field
from functools import cached_property

from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext_lazy as _

from learning.competences.status import Status

from .coverage import COLUMN_STATUSES

EMPTY = "–"


@dataclass(frozen=True)
class Cell:
    value: object = None
    href: str | None = None
    # A row header (<th scope="row">) on screen; plain text in the files.
    header: bool = False
    css: str = ""

    @property
    def text(self):
        return EMPTY if self.value is None else str(self.value)

    @cached_property
    def html(self):
        """The cell on screen: <th scope="row"> for a row header, else <td>, with its link.

        Built here rather than with a template include per cell: a drill-down has over ten
        thousand cells, and an include (or even a dozen template lookups) per cell took longer
        than computing the statuses. Cached, as one Cell per status is shared across a table.
        """
        content = (
            format_html('<a href="{}">{}</a>', self.href, self.text)
            if self.href
            else conditional_escape(self.text)
        )
        if self.header:
            return format_html('<th scope="row">{}</th>', content)
        if self.css:
            return format_html('<td class="{}">{}</td>', self.css, content)
        return format_html("<td>{}</td>", content)


@dataclass
class Table:
    caption: str
    columns: list
    rows: list = field(default_factory=list)
    totals: list = field(default_factory=list)  # rendered in <tfoot> and last in files
    note: str = ""

    def text_rows(self):
        """Header, body and totals as lists of strings: what CSV holds and the screen shows."""
        return [[str(c) for c in self.columns]] + [
            [cell.text for cell in row] for row in self.rows + self.totals
        ]


def count_columns():
    """People, share covered and one column per status, in the order of COLUMN_STATUSES.

    The headers say what they count: the share counts everyone who holds the competence now,
    including those whose record expires soon, while the "met" column holds only those whose
    record does not expire within 90 days; side by side, "57 %" beside "2 of 7 met" looked wrong.
    """
    labels = {status: status.label for status in COLUMN_STATUSES}
    labels[Status.MET] = _("Met, valid for over 90 days")
    return [_("People"), _("Share holding it, incl. expiring (%)")] + [
        labels[status] for status in COLUMN_STATUSES
    ]


def count_cells(counts):
    return [Cell(counts.people), Cell(counts.share)] + [
        Cell(counts[status], css=f"status--{status}" if counts[status] else "")
        for status in COLUMN_STATUSES
    ]


def suppressed_cells(columns_after_label):
    return [Cell(None) for _column in range(columns_after_label)]
