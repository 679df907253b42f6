"""Turn an uploaded CSV or XLSX file into numbered rows of stripped strings; spot CPR numbers."""

import csv
import datetime
import io
import re
import zipfile

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook  # only needed for XLSX uploads

# An HR export of 25,000 people is about 2 MB; the limits leave room and stop zip bombs.
MAX_FILE_BYTES = getattr(settings, "ROSTER_IMPORT_MAX_BYTES", 20 * 1024 * 1024)
MAX_XLSX_UNPACKED_BYTES = 10 * MAX_FILE_BYTES

# ddmmyy-xxxx or ddmmyyxxxx with a plausible day and month: what a Danish CPR number looks like.
CPR_PATTERN = re.compile(r"(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}-?\d{4}(?!\d)")
CPR_HEADERS = {"cpr", "cprnr", "cpr_nr", "cpr-nr", "cpr_number", "cpr-nummer", "personnummer"}


class ImportFileError(Exception):
    """The file as a whole cannot be used: wrong type, too big, unreadable, missing columns."""


def looks_like_cpr(value):
    return bool(CPR_PATTERN.search(value))


def read_rows(fileobj, filename):
    """Return (headers, [(row number, {header: value}), ...]) from a CSV or XLSX file.

    Headers are lower-cased; values are stripped strings ("" for empty cells). Blank lines are
    skipped but keep their numbers, so reported row numbers match what the user sees.
    """
    data = fileobj.read()
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(
            _("The file is larger than %(mb)d MB.") % {"mb": MAX_FILE_BYTES // (1024 * 1024)}
        )
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        table = _xlsx_table(data)
    elif name.endswith((".csv", ".txt")):
        table = _csv_table(data)
    else:
        raise ImportFileError(_("Upload a .csv or .xlsx file."))
    if not table:
        raise ImportFileError(_("The file is empty."))
    headers = [h.strip().lower() for h in table[0]]
    if CPR_HEADERS & {h.replace(" ", "") for h in headers}:
        raise ImportFileError(
            _("The file has a CPR column. Remove it: CPR numbers are never imported.")
        )
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        values = [c.strip() for c in cells]
        if not any(values):
            continue
        values += [""] * (len(headers) - len(values))
        rows.append((number, dict(zip(headers, values, strict=False))))
    return headers, rows


def require_columns(headers, required):
    missing = [c for c in required if c not in headers]
    if missing:
        raise ImportFileError(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})


def _csv_table(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Danish Excel saves "CSV" as Windows-1252 unless asked for UTF-8.
        text = data.decode("cp1252", errors="replace")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _xlsx_table(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise ImportFileError(_("The file is not a valid XLSX workbook.")) from error
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise ImportFileError(_("The workbook unpacks to more than the allowed size."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds; all mean "not a usable workbook"
        raise ImportFileError(_("The file is not a valid XLSX workbook.")) from error
    try:
        sheet = workbook.worksheets[0]
        return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_date(value):
    """ISO (2026-03-01) or Danish (01-03-2026, 01.03.2026) dates; None for an empty cell."""
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(value)
