"""Reading an untrusted workbook: bounded in size, formulas refused, every cell with its sheet and letter.

The file is checked as a zip archive before openpyxl sees it (size of the file, number of entries, the
declared unpacked size and packing ratio: a zip bomb is refused before anything is unpacked). Then every
entry is decompressed as a stream, without keeping it, counting the bytes that really come out (the
declared sizes are not trusted): more than ``MAX_TEXT`` of XML (shared strings, sheets, styles) is refused
before any XML is parsed (a 10.9 MB workbook with 95 MB of shared strings took openpyxl 85 s). Then read
with openpyxl's streaming reader, only the rows the sheet's XML lists (not its declared dimension: LibreOffice
declares 1,048,576 rows once a row was deleted), stopping at ``MAX_ROWS`` rows that hold data and
``MAX_COLS`` columns. A formula is never evaluated: its cell is refused, unless it only yields a constant
(LibreOffice writes true/false as ``=TRUE()``/``=FALSE()``), which is that value. Values come back as
``Cell``: str, float, bool or None, with where.
"""

from __future__ import annotations

import datetime
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import WorkSheetParser

from macros.catalogue.errors import MAX_MESSAGE
from macros.catalogue.yamlerrors import visible

MAX_FILE = 20 * 1024 * 1024  # bytes of the .xlsx file
MAX_UNPACKED = 100 * 1024 * 1024  # bytes of all entries unpacked, as the archive declares them
# XML that really comes out of the archive (shared strings and sheets): a real product row is about 3 KB, so
# this holds MAX_ROWS rows of real products; parsing it takes openpyxl some 20 s.
MAX_TEXT = 32 * 1024 * 1024
MAX_RATIO = 200  # unpacked / packed for one entry (text XML packs ~10-30x; a bomb ~1000x)
MAX_ENTRIES = 1_000
MAX_ROWS = 10_000  # rows of one sheet (a region has tens of products, the largest test 5,000)
MAX_COLS = 100
MAX_CELL = 20_000  # characters in one cell (the model's longest text field)
MAX_LISTED = 50  # messages listed; the rest are counted


@dataclass(frozen=True)
class Cell:
    sheet: str
    row: int
    column: int
    value: str | float | bool | None

    @property
    def address(self) -> str:
        """'Producten!F7', the sheet name quoted as Excel does when it has a space or a quote."""
        name = visible(self.sheet, 40)
        if not name.replace("-", "").replace("_", "").isalnum():
            name = "'" + name.replace("'", "''") + "'"
        return f"{name}!{get_column_letter(self.column)}{self.row}"


@dataclass(frozen=True, order=True)
class ImportProblem:
    """A Dutch message about one cell (or the workbook): where, what is wrong, how to fix it."""

    where: str
    problem: str
    fix: str

    def __str__(self) -> str:
        return f"{visible(self.where, 200)}: {visible(self.problem, MAX_MESSAGE)}. Oplossing: {visible(self.fix, MAX_MESSAGE)}"


class ImportProblems(Exception):
    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        super().__init__(self.report())

    def report(self) -> str:
        n = len(self.problems)
        lines = [f"Het werkboek bevat {n} {'fout' if n == 1 else 'fouten'}; er is niets geschreven."]
        lines += [f"- {f}" for f in self.problems[:MAX_LISTED]]
        if n > MAX_LISTED:
            lines.append(f"- en nog {n - MAX_LISTED} fouten (herstel eerst de bovenstaande en lees opnieuw in)")
        return "\n".join(lines)


def _refusal(where: str, problem: str, fix: str) -> ImportProblems:
    return ImportProblems([ImportProblem(where, problem, fix)])


def check_archive(path: Path) -> None:
    """Refuse what is not a small, honest .xlsx archive, before anything is unpacked."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError:
        raise _refusal(name, "het bestand bestaat niet of kan niet worden gelezen", "controleer de naam en de map") from None
    if size > MAX_FILE:
        raise _refusal(name, f"het bestand is {size // (1024 * 1024)} MB; de import leest hoogstens "
                    f"{MAX_FILE // (1024 * 1024)} MB", "lees één regio in, zonder afbeeldingen of andere werkbladen")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refusal(name, "dit is geen Excel-werkboek (.xlsx)", "sla het bestand in Excel op als 'Excel-werkmap (.xlsx)'") from None
    if len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > MAX_UNPACKED or any(
            i.file_size > MAX_RATIO * max(i.compress_size, 1) + 1_000_000 for i in infos):
        raise _refusal(name, "het werkboek pakt uit tot veel meer gegevens dan een productenlijst bevat "
                    "(mogelijk een 'zipbom')", "exporteer het werkblad opnieuw vanaf /open-data/ of uit Excel")
    _count_unpacked(path)


def _is_text(info: zipfile.ZipInfo) -> bool:
    """An entry that openpyxl parses as XML (everything but pictures and binary parts)."""
    name = info.filename.lower()
    return not (name.startswith("xl/media/") or name.endswith((".bin", ".png", ".jpg", ".jpeg", ".gif", ".emf", ".wmf")))


def _count_unpacked(path: Path) -> None:
    """Decompress every entry as a stream (64 KB at a time, nothing kept) and stop as soon as the XML that
    really comes out passes MAX_TEXT, or everything passes MAX_UNPACKED; a stream that does not match its
    header (a lying size, a bad checksum) is a damaged file."""
    name = path.name
    text_bytes = total = 0
    try:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                if info.is_dir():
                    continue
                is_text = _is_text(info)
                with z.open(info) as f:
                    while chunk := f.read(1 << 16):
                        total += len(chunk)
                        text_bytes += len(chunk) if is_text else 0
                        if text_bytes > MAX_TEXT:
                            raise _refusal(name, f"het werkboek bevat uitgepakt meer dan {MAX_TEXT // (1024 * 1024)} MB "
                                        "tekst (gedeelde teksten en werkbladen); een productenlijst van één regio is "
                                        "veel kleiner", "lees één regio in: exporteer het werkblad opnieuw vanaf "
                                        "/open-data/, of verwijder overbodige werkbladen, rijen en kolommen en sla het "
                                        "werkboek opnieuw op als 'Excel-werkmap (.xlsx)'")
                        if total > MAX_UNPACKED:
                            raise _refusal(name, "het werkboek pakt uit tot veel meer gegevens dan een productenlijst "
                                        "bevat (mogelijk een 'zipbom')",
                                        "exporteer het werkblad opnieuw vanaf /open-data/ of uit Excel")
    except ImportProblems:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError, ValueError):
        raise _refusal(name, "het werkboek is beschadigd: wat erin zit klopt niet met wat het archief ervan zegt",
                    "open het in Excel en sla het opnieuw op als 'Excel-werkmap (.xlsx)'") from None


def _cell_value(v: object) -> str | float | bool | None:
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, (datetime.datetime, datetime.date, datetime.time)):
        return v.isoformat()
    return str(v)


def constant(formula: object) -> str | float | bool | None:
    """The value of a formula that only yields a constant (LibreOffice saves a true/false cell as ``=FALSE()``;
    ``=12``, ``="tekst"``), else None: such a formula is a value, anything else is refused."""
    if not isinstance(formula, str):
        return None
    f = formula.removeprefix("=").strip()
    if (m := re.fullmatch(r"(TRUE|FALSE)\s*(\(\s*\))?", f, re.IGNORECASE)) is not None:
        return m.group(1).upper() == "TRUE"
    if re.fullmatch(r"-?\d+(\.\d+)?", f):
        return float(f)
    if re.fullmatch(r'"(?:[^"]|"")*"', f):
        return f[1:-1].replace('""', '"')
    return None


def _rows(ws, wb) -> Iterator[tuple[int, list[dict]]]:
    """The rows the sheet's XML holds, with their cells, skipping the rows it does not list: LibreOffice
    declares a sheet in which a row was deleted as 1,048,576 rows, and openpyxl would fill in every one."""
    with ws._get_source() as src:  # openpyxl's own streaming reader, as ReadOnlyWorksheet uses it
        parser = WorkSheetParser(src, ws._shared_strings, data_only=False, epoch=wb.epoch,
                                 date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        yield from parser.parse()


def read_sheets(path: Path, skip: frozenset[str] = frozenset()) -> dict[str, list[list[Cell]]]:
    """Every sheet as its rows that hold data (each with its cells that hold a value; ``Cell.row`` is the
    row's number in the sheet); a sheet named in ``skip`` (one the import does not read) only by its name,
    without rows. Raises ImportProblems for a bad file, a formula, a sheet with too many rows
    that hold data, or a cell that is too long. A formula that only yields a constant is read as that value."""
    check_archive(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it does not read
            wb = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except Exception:  # openpyxl raises many kinds on a damaged file: say it in Dutch, never a traceback
        raise _refusal(path.name, "het werkboek kan niet worden gelezen (beschadigd of geen .xlsx)",
                    "open het in Excel en sla het opnieuw op als 'Excel-werkmap (.xlsx)'") from None
    problems: list[ImportProblem] = []
    sheets: dict[str, list[list[Cell]]] = {}
    try:
        for ws in wb.worksheets:
            rows: list[list[Cell]] = []
            if ws.title in skip:
                sheets[ws.title] = rows
                continue
            for r, row in _rows(ws, wb):
                cells = _cells(ws.title, r, row, problems)
                if not any(c.value not in (None, "") for c in cells):
                    continue
                if len(rows) == MAX_ROWS:
                    problems.append(ImportProblem(Cell(ws.title, r, 1, None).address, f"het werkblad heeft meer dan "
                                             f"{MAX_ROWS} rijen met gegevens", "lees één regio in; verwijder overbodige rijen"))
                    break
                rows.append(cells)
            sheets[ws.title] = rows
    except ImportProblems:
        raise
    except Exception:
        raise _refusal(path.name, "het werkboek kan niet worden gelezen (beschadigd of geen .xlsx)",
                    "open het in Excel en sla het opnieuw op als 'Excel-werkmap (.xlsx)'") from None
    finally:
        wb.close()
    if problems:
        raise ImportProblems(problems)
    return sheets


def _cells(sheet: str, r: int, row: list[dict], problems: list[ImportProblem]) -> list[Cell]:
    """One row's cells that hold a value; a problem with a cell goes to fouten."""
    cells = []
    for c in row:
        v, k = c.get("value"), c.get("column")
        if v is None or not isinstance(k, int) or k < 1:
            continue
        cell = Cell(sheet, r, k, None)
        if k > MAX_COLS:
            problems.append(ImportProblem(cell.address, f"het werkblad heeft meer dan {MAX_COLS} kolommen",
                                     "gebruik alleen de kolommen van het sjabloon"))
            break
        if c.get("data_type") == "f":  # text that starts with '=' is data (the export writes it so)
            v = constant(v)
            if v is None:
                problems.append(ImportProblem(cell.address, "deze cel bevat een formule; de import rekent geen formules uit",
                                         "typ de waarde zelf (kopieer de cel en plak als 'Waarden'); tekst die "
                                         "met = begint: zet er een apostrof voor"))
                continue
        w = _cell_value(v)
        if isinstance(w, str) and len(w) > MAX_CELL:
            problems.append(ImportProblem(cell.address, f"de cel bevat {len(w)} tekens; hoogstens {MAX_CELL}", "kort de tekst in"))
            continue
        cells.append(Cell(sheet, r, k, w))
    return cells
