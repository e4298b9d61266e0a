"""Excel workbooks for the open-data exports (XlsxWriter), byte-for-byte reproducible.

A workbook is a list of ``Sheet``: a header row and rows of typed values (str, float, bool, None).
Each sheet gets a bold, frozen header row, an autofilter over the whole table, number formats for the
number columns and column widths from the content. The document properties carry the data date and
XlsxWriter dates every entry of the zip archive 1980-01-01, so the same data gives the same bytes.

XlsxWriter rather than openpyxl (which still reads workbooks, in ``macros.imports``): it writes the
sheet XML as text in one pass, about four times faster than openpyxl's element tree per cell, dates
the archive itself (no re-zipping), and imports in a fraction of the time (benchmarks/README.md).
"""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass, field

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

MIN_WIDTH, MAX_WIDTH = 8, 60
MAX_CELL = 32_767  # characters Excel keeps in one cell
CUT_NOTE = " … (ingekort: een Excel-cel houdt 32.767 tekens; de volledige tekst staat in de CSV en de JSON)"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the time XlsxWriter gives every zip entry (in memory)


@dataclass(frozen=True)
class Sheet:
    title: str
    header: list[str]
    rows: list[list]
    number_formats: dict[str, str] = field(default_factory=dict)  # column header -> Excel number format


def sheet_name(title: str) -> str:
    """Excel sheet names: at most 31 UTF-16 units, none of []:*?/\\, no apostrophe at either end
    ('s-Hertogenbosch becomes s-Hertogenbosch), never empty."""
    name = re.sub(r"[\[\]:*?/\\]", "-", title)
    while len(name.encode("utf-16-le")) > 62:
        name = name[:-1]
    return name.strip("'") or "Blad"


def _unique(name: str, taken: set[str]) -> str:
    """Excel refuses two sheets whose names differ only in case: a number makes the second one unique."""
    unique, i = name, 1
    while unique.lower() in taken:
        unique, i = sheet_name(name[:31 - len(str(i))] + str(i)), i + 1
    taken.add(unique.lower())
    return unique


def _width(values: list) -> float:
    longest = max((len(str(v)) for v in values if v is not None), default=0)
    return max(MIN_WIDTH, min(MAX_WIDTH, longest + 2))


def _fill(wb, ws, sheet: Sheet) -> None:
    bold = wb.add_format({"bold": True, "valign": "top"})
    formats = {i: wb.add_format({"num_format": sheet.number_formats[name]})
               for i, name in enumerate(sheet.header) if name in sheet.number_formats}
    for c, name in enumerate(sheet.header):
        ws.write_string(0, c, name, bold)
    for r, row in enumerate(sheet.rows, start=1):
        for c, v in enumerate(row):
            # typed writes only: text that starts with '=' is data, never a formula; no URL or number guessing
            if v is None or v == "":
                if c in formats:
                    ws.write_blank(r, c, None, formats[c])
            elif isinstance(v, str):
                # XlsxWriter would cut a longer text without a word; the cell says so itself
                ws.write_string(r, c, v if len(v) <= MAX_CELL else v[:MAX_CELL - len(CUT_NOTE)] + CUT_NOTE)
            elif isinstance(v, bool):
                ws.write_boolean(r, c, v)
            else:
                ws.write_number(r, c, v, formats.get(c))
    for c, name in enumerate(sheet.header):
        # XlsxWriter adds the cell padding (5 pixels of 7) to the width it is given; subtracted, the
        # file holds the same widths as before (8 to 60 characters)
        ws.set_column(c, c, _width([name, *(row[c] for row in sheet.rows)]) - 5 / 7)
    ws.freeze_panes(1, 0)
    ws.autofilter(f"A1:{xl_col_to_name(len(sheet.header) - 1)}{len(sheet.rows) + 1}")


def workbook(sheets: list[Sheet], created: datetime.datetime, title: str = "") -> bytes:
    """The workbook as .xlsx bytes; ``created`` is written as created and modified date."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    taken: set[str] = set()
    for sheet in sheets:
        _fill(wb, wb.add_worksheet(_unique(sheet_name(sheet.title), taken)), sheet)
    wb.set_properties({"author": "Productenboek jeugdhulp", "created": created, **({"title": title} if title else {})})
    wb.close()
    return buf.getvalue()
