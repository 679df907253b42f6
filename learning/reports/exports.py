"""CSV, XLSX and PDF from a ``Table``: the cells the page shows, in the same order.

openpyxl (already a dependency for roster imports) writes the workbook; reportlab (pure Python,
also used for certificates) draws the PDF summary. Both are imported only when used.
"""

import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus import Table as PdfTable

from learning.spreadsheets import append_row, csv_bytes

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def preamble(table, filters):
    """What the file is before its table: the caption and the filters (or that there are none),
    then a blank line. A filtered export must say so, or it passes for the whole picture."""
    if filters:
        line = _("Filter: %(filters)s") % {"filters": filters}
    else:
        line = _("Filter: none")
    return [[str(table.caption)], [str(line)], []]


def to_csv(table, filters=""):
    return csv_bytes(preamble(table, filters) + table.text_rows())


def to_xlsx(table, filters=""):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Rapport"
    for row in preamble(table, filters):
        append_row(sheet, row)
    sheet["A1"].font = Font(bold=True)
    for cell in append_row(sheet, [str(c) for c in table.columns]):
        cell.font = Font(bold=True)
    for row in table.rows + table.totals:
        # Numbers stay numbers so the workbook can sum them; empty cells show the same dash.
        append_row(sheet, [c.value if isinstance(c.value, int) else c.text for c in row])
    sheet.freeze_panes = sheet.cell(row=len(preamble(table, filters)) + 2, column=1)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def to_pdf(table, title, filters=""):
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=landscape(A4),
        title=str(title),
        leftMargin=24,
        rightMargin=24,
        topMargin=24,
        bottomMargin=24,
    )
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=7, leading=8)
    data = [[Paragraph(_escape(text), small) for text in row] for row in table.text_rows()]
    grid = PdfTable(data, repeatRows=1)
    body_end = len(table.rows)
    grid.setStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef3")),
            ("BACKGROUND", (0, body_end + 1), (-1, -1), colors.HexColor("#f4f4f4")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    story = [
        Paragraph(_escape(str(title)), styles["Title"]),
        Paragraph(_escape(str(table.caption)), styles["Heading2"]),
        Paragraph(_escape(preamble(table, filters)[1][0]), styles["BodyText"]),
        Paragraph(timezone.localtime().strftime("%Y-%m-%d %H:%M"), styles["BodyText"]),
        Spacer(1, 8),
        grid,
    ]
    if table.note:
        story += [Spacer(1, 8), Paragraph(_escape(str(table.note)), small)]
    doc.build(story)
    return out.getvalue()


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def export_response(table, fmt, filename, title, filters=""):
    """An attachment response for ``fmt`` (csv, xlsx, pdf); the caller has checked access.

    ``filters`` describes the filters chosen (``forms.describe``); every format states it.
    """
    if fmt == "csv":
        body = to_csv(table, filters)
    elif fmt == "xlsx":
        body = to_xlsx(table, filters)
    else:
        body = to_pdf(table, title, filters)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
