"""The spreadsheet round trip: read a region's workbook in the export's format and write the differences
into data/ (``productenboek-import-xlsx``).

``import_workbook(path, data_dir, region, dry_run)`` reads the workbook (``workbook.py``: bounded, formulas
refused), finds the product sheet by the exports' Dutch headers (``sheet.py``; ``macros.exports.COLUMNS``,
the one definition), compares every row with what the export writes for that product (``rows.py``: only a
cell that differs is an edit; ``columns.py``: which columns are read and how), edits the YAML files in place
(``yamledit.py``: ruamel.yaml round trip, only the changed keys), writes new products as new files, and
validates the result with the one loader in a temporary copy of data/ (``writing.py``). Only when
everything validates is anything written (all files, or none). Every problem is an ``ImportProblem``
naming sheet, row and column.
"""

from __future__ import annotations

from pathlib import Path

from macros.catalogue.errors import DataErrors
from macros.catalogue.loader import Catalogue, load_catalogue
from macros.catalogue.yamlerrors import visible
from macros.exports import code_table_sheet, product_row
from macros.exports.template import PRODUCTS_SHEET
from macros.imports import columns
from macros.imports.rows import ProductEditor, SheetRow, changed_columns, product_id, slug_error
from macros.imports.sheet import TABLE_SHEETS, header_columns, product_sheet, region_of, sheet_row
from macros.imports.workbook import Cell, ImportProblem, ImportProblems, read_sheets
from macros.imports.writing import ImportResult, write
from macros.imports.yamledit import load


def import_workbook(path: Path, data_dir: Path, region: str | None = None, dry_run: bool = False) -> ImportResult:
    """Import; raises ImportProblems (nothing written) on any problem."""
    sheets = read_sheets(Path(path), skip=frozenset(TABLE_SHEETS))
    try:
        cat = load_catalogue(data_dir)
    except DataErrors as e:
        raise ImportProblems([ImportProblem("data/", f"de huidige gegevens zijn zelf ongeldig ({len(e.errors)} fouten), dus de "
                                       "import kan niet vergelijken", "herstel eerst de fouten die productenboek-validate "
                                       "noemt, en lees dan opnieuw in")]) from None
    sheet = product_sheet(sheets, cat, region)
    column_names = header_columns(sheets[sheet], sheet)
    rows = [sheet_row(cells, column_names, sheet) for cells in sheets[sheet][1:]]
    region = region_of(rows, cat, region, sheet)
    r = cat.regios[region]
    editor = ProductEditor(list(r.gemeenten), {t: pt.naam for t, pt in cat.producttypen.items()})
    existing = {p.id: p for p in cat.products_of(region)}
    old_rows = {pid: product_row(cat, p) for pid, p in existing.items()}
    seen: dict[str, SheetRow] = {}
    for row in rows:
        where = row.cell("id") or Cell(sheet, row.number, 1, None)
        try:
            pid = product_id(row)
        except columns.CellError as e:
            editor.problems.append(columns.as_problem(row.cell("code") or where, e))
            continue
        if pid is None or (f := slug_error(pid)) is not None:
            editor.problems.append(columns.as_problem(where, f if pid else columns.CellError(
                "de rij heeft geen Product-id en geen productcode", "vul de Product-id in (de bestandsnaam, bv. 45f21)")))
            continue
        if pid in seen:
            editor.problems.append(ImportProblem(where.address, f"Product-id '{pid}' staat ook in rij {seen[pid].number}",
                                              "elk product staat één keer in het werkblad"))
            continue
        row.id, row.is_new = pid, pid not in existing
        seen[pid] = row
        if row.is_new:
            continue  # read below, unless it is a retyped Product-id
        elif changed_columns(row, old_rows[pid]):  # a file is read (round trip) only when its row has an edit
            row.doc = load((data_dir.parent / existing[pid].pad).read_text(encoding="utf-8"))
            editor.edit_existing(row, row.doc, old_rows[pid])
    # An export lists every product of the region, so a missing row is a mistake; the template (its sheet
    # "Producten") holds only the products a region adds, and the others stay as they are.
    missing = sorted(set(existing) - set(seen)) if sheet != PRODUCTS_SHEET else []
    for row in (r for r in seen.values() if r.is_new):
        old_id = next((pid for pid in missing if _same_product(row, existing[pid])), None)
        if old_id is None:
            editor.new_product(row)
        else:  # a row whose Product-id was retyped
            missing.remove(old_id)
            editor.problems.append(ImportProblem(
                row.cell("id").address, f"de Product-id van product {visible(existing[old_id].naam, 80)} is gewijzigd van "
                f"'{old_id}' in '{visible(row.id, 40)}'", f"zet '{old_id}' terug: de Product-id is de bestandsnaam en het "
                "webadres van het product en wordt niet gewijzigd; een nieuw product krijgt een eigen, nieuwe rij"))
    for pid in missing:
        editor.problems.append(_missing_row(sheet, existing[pid]))
    _duplicate_codes(seen, existing, editor)
    editor.problems += _code_table_edited(sheets, cat, region)
    if editor.problems:
        raise ImportProblems(sorted(editor.problems))
    res = write(seen, existing, cat, data_dir, region, old_rows, dry_run)
    res.notices = editor.notices
    res.unread_sheets = [b for b in TABLE_SHEETS if b in sheets]
    return res


def _same_product(row: SheetRow, p) -> bool:
    """A row that still has a product's code or name (its Product-id cell retyped)."""
    def text(name: str) -> str | None:
        cell = row.cell(name)
        return cell.value.strip() if cell is not None and isinstance(cell.value, str) and cell.value.strip() else None

    return (p.code is not None and text("code") == p.code) or text("naam") == p.naam


def _missing_row(sheet: str, p) -> ImportProblem:
    """A product of the region without a row: a deleted row means the editor wants the product gone, which the
    import does not do; the message names the product and the two ways to remove it."""
    product_name = f"{p.code} {p.naam}" if p.code else p.naam
    return ImportProblem(sheet, f"de rij van product {visible(product_name, 120)} ({p.pad}) ontbreekt: is die rij verwijderd? "
                         "De import verwijdert geen producten",
                         f"wilt u het product van de site halen, verwijder dan het bestand {p.pad}; geldt het niet meer "
                         "maar moet het vindbaar blijven, zet de rij terug en typ in de kolom Status 'vervallen'. Was het "
                         "verwijderen een vergissing, zet de rij dan terug (kopieer hem uit een nieuwe export)")


def _code_table_edited(sheets: dict[str, list[list[Cell]]], cat: Catalogue, region: str) -> list[ImportProblem]:
    """The code-table sheet is not read: an edit in it is refused rather than silently dropped."""
    def same(a: object, b: object) -> bool:
        a, b = ("" if v is None else int(v) if isinstance(v, float) and v.is_integer() else v for v in (a, b))
        return str(a).strip() == str(b).strip()

    for name, rows in sheets.items():
        if not name.startswith("Codetabel"):
            continue
        expected = code_table_sheet(cat, region) if region in cat.codetabellen else None
        printed = [expected.header, *expected.rows] if expected else []
        for cells in rows:
            for cell in cells:  # column B is the product page's address, which depends on the site's URL
                row = printed[cell.row - 1] if cell.row <= len(printed) else []
                if cell.column != 2 and not same(cell.value, row[cell.column - 1] if cell.column <= len(row) else None):
                    return [ImportProblem(cell.address, "de import leest de codetabel niet in, en deze cel wijkt af van de "
                                       "codetabel in data/", f"zet de wijziging in data/codetabellen/{region}.yaml, of "
                                       "maak de cel weer gelijk aan de export")]
    return []


def _duplicate_codes(seen: dict[str, SheetRow], existing: dict, editor: ProductEditor) -> None:
    by_code: dict[str, SheetRow] = {}
    for row in seen.values():
        code = row.product.get("code") if row.is_new else row.edits.get(("code",), existing[row.id].code)
        if not code:
            continue
        if code in by_code:  # named at the row whose code was typed (a new row, or an edited code)
            earlier = by_code[code]
            typed = [r for r in (row, earlier) if r.is_new or ("code",) in r.edits] or [row]
            here, there = typed[0], (earlier if typed[0] is row else row)
            where = here.cell("code") or Cell("", here.number, 1, None)
            editor.problems.append(ImportProblem(where.address, f"productcode {code} staat ook in rij {there.number}",
                                              "elke code hoort bij één product: corrigeer een van beide"))
        else:
            by_code[code] = row

