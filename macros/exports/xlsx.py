"""Excel workbooks for the open-data exports (openpyxl), byte-for-byte reproducible.

A workbook is a list of ``Blad``: a header row and rows of typed values (str, float, bool, None).
Each sheet gets a bold, frozen header row, an autofilter over the whole table, number formats for the
number columns and column widths from the content. The document properties and every entry of the
zip archive get a fixed timestamp, so the same data gives the same bytes.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

MIN_BREEDTE, MAX_BREEDTE = 8, 60
ZIP_TIJD = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


@dataclass(frozen=True)
class Blad:
    titel: str
    kop: list[str]
    rijen: list[list]
    formaten: dict[str, str] = field(default_factory=dict)  # column name -> Excel number format


def bladnaam(titel: str) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", "-", titel)[:31]


def _breedte(waarden: list) -> float:
    langste = max((len(str(v)) for v in waarden if v is not None), default=0)
    return max(MIN_BREEDTE, min(MAX_BREEDTE, langste + 2))


def _vul(ws, blad: Blad) -> None:
    ws.append(blad.kop)
    for cel in ws[1]:
        cel.font = Font(bold=True)
        cel.alignment = Alignment(vertical="top")
    for rij in blad.rijen:
        ws.append([None if v == "" else v for v in rij])
    for r in ws.iter_rows(min_row=2):
        for cel in r:
            if cel.data_type == "f":  # text that starts with '=' is data, never a formula
                cel.data_type = "s"
    for i, naam in enumerate(blad.kop, start=1):
        letter = get_column_letter(i)
        if naam in blad.formaten:
            for (cel,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cel.number_format = blad.formaten[naam]
        ws.column_dimensions[letter].width = _breedte([naam, *(rij[i - 1] for rij in blad.rijen)])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(blad.kop))}{len(blad.rijen) + 1}"


def _vaste_zip(data: bytes) -> bytes:
    """The same archive with every entry dated ZIP_TIJD (openpyxl stamps the time of writing)."""
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as bron, zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel:
        for info in bron.infolist():
            nieuw = zipfile.ZipInfo(info.filename, date_time=ZIP_TIJD)
            nieuw.compress_type = zipfile.ZIP_DEFLATED
            nieuw.external_attr = 0o600 << 16
            doel.writestr(nieuw, bron.read(info.filename))
    return uit.getvalue()


def workbook(bladen: list[Blad], gemaakt: datetime.datetime, titel: str = "") -> bytes:
    """The workbook as .xlsx bytes; ``gemaakt`` is written as created and modified date."""
    wb = Workbook()
    wb.remove(wb.active)
    for blad in bladen:
        _vul(wb.create_sheet(bladnaam(blad.titel)), blad)
    wb.properties.creator = "Productenboek jeugdhulp"
    wb.properties.title = titel or None
    wb.properties.created = wb.properties.modified = gemaakt
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archief:
        ExcelWriter(wb, archief).save()  # not wb.save(): that stamps 'modified' with the current time
    return _vaste_zip(buf.getvalue())
