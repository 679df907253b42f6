"""CSV, XLSX and PDF from a ``Table``: the cells the page shows, in the same order.

openpyxl (already a dependency for roster imports) writes the workbook; reportlab (pure Python,
also used for certificates) draws the PDF summary. Both are imported only when used.
"""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def to_csv(table):
    text = io.StringIO()
    # Excel in Danish locales splits on semicolons; the BOM makes it read UTF-8.
    writer = csv.writer(text, delimiter=";")
    writer.writerows(table.text_rows())
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def to_xlsx(table):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Rapport"
    sheet.append([str(c) for c in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows + table.totals:
        # Numbers stay numbers so the workbook can sum them; empty cells show the same dash.
        sheet.append([c.value if isinstance(c.value, int) else c.text for c in row])
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def to_pdf(table, title):
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
    from reportlab.platypus import Table as PdfTable

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


def export_response(table, fmt, filename, title):
    """An attachment response for ``fmt`` (csv, xlsx, pdf); the caller has checked access."""
    if fmt == "csv":
        body = to_csv(table)
    elif fmt == "xlsx":
        body = to_xlsx(table)
    else:
        body = to_pdf(table, title)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
