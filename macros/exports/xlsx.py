"""Excel workbooks for the open-data exports (XlsxWriter), byte-for-byte reproducible.

A workbook is a list of ``Blad``: a header row and rows of typed values (str, float, bool, None).
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

MIN_BREEDTE, MAX_BREEDTE = 8, 60
ZIP_TIJD = (1980, 1, 1, 0, 0, 0)  # the time XlsxWriter gives every zip entry (in memory)


@dataclass(frozen=True)
class Blad:
    titel: str
    kop: list[str]
    rijen: list[list]
    formaten: dict[str, str] = field(default_factory=dict)  # column name -> Excel number format


def bladnaam(titel: str) -> str:
    """Excel sheet names: at most 31 UTF-16 units, none of []:*?/\\, no apostrophe at either end
    ('s-Hertogenbosch becomes s-Hertogenbosch), never empty."""
    naam = re.sub(r"[\[\]:*?/\\]", "-", titel)
    while len(naam.encode("utf-16-le")) > 62:
        naam = naam[:-1]
    return naam.strip("'") or "Blad"


def _uniek(naam: str, bezet: set[str]) -> str:
    """Excel refuses two sheets whose names differ only in case: a number makes the second one unique."""
    uniek, i = naam, 1
    while uniek.lower() in bezet:
        uniek, i = bladnaam(naam[:31 - len(str(i))] + str(i)), i + 1
    bezet.add(uniek.lower())
    return uniek


def _breedte(waarden: list) -> float:
    langste = max((len(str(v)) for v in waarden if v is not None), default=0)
    return max(MIN_BREEDTE, min(MAX_BREEDTE, langste + 2))


def _vul(wb, ws, blad: Blad) -> None:
    kop = wb.add_format({"bold": True, "valign": "top"})
    formaten = {i: wb.add_format({"num_format": blad.formaten[naam]})
                for i, naam in enumerate(blad.kop) if naam in blad.formaten}
    for c, naam in enumerate(blad.kop):
        ws.write_string(0, c, naam, kop)
    for r, rij in enumerate(blad.rijen, start=1):
        for c, v in enumerate(rij):
            # typed writes only: text that starts with '=' is data, never a formula; no URL or number guessing
            if v is None or v == "":
                if c in formaten:
                    ws.write_blank(r, c, None, formaten[c])
            elif isinstance(v, str):
                ws.write_string(r, c, v)
            elif isinstance(v, bool):
                ws.write_boolean(r, c, v)
            else:
                ws.write_number(r, c, v, formaten.get(c))
    for c, naam in enumerate(blad.kop):
        # XlsxWriter adds the cell padding (5 pixels of 7) to the width it is given; subtracted, the
        # file holds the same widths as before (8 to 60 characters)
        ws.set_column(c, c, _breedte([naam, *(rij[c] for rij in blad.rijen)]) - 5 / 7)
    ws.freeze_panes(1, 0)
    ws.autofilter(f"A1:{xl_col_to_name(len(blad.kop) - 1)}{len(blad.rijen) + 1}")


def workbook(bladen: list[Blad], gemaakt: datetime.datetime, titel: str = "") -> bytes:
    """The workbook as .xlsx bytes; ``gemaakt`` is written as created and modified date."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    bezet: set[str] = set()
    for blad in bladen:
        _vul(wb, wb.add_worksheet(_uniek(bladnaam(blad.titel), bezet)), blad)
    wb.set_properties({"author": "Productenboek jeugdhulp", "created": gemaakt, **({"title": titel} if titel else {})})
    wb.close()
    return buf.getvalue()
