"""The spreadsheet round trip: read a region's workbook in the export's format and write the differences
into data/ (``productenboek-import-xlsx``).

``import_workbook(pad, data_dir, regio, dry_run)`` reads the workbook (``workbook.py``: bounded, formulas
refused), finds the product sheet by the exports' Dutch headers (``macros.exports.COLUMNS``, the one
definition), compares every row with what the export writes for that product (``rows.py``: only a cell that
differs is an edit; ``columns.py``: which columns are read and how), edits the YAML files in place
(``yamledit.py``: ruamel.yaml round trip, only the changed keys), writes new products as new files, and
validates the result with the one loader in a temporary copy of data/. Only when everything validates is
anything written (all files, or none). Every problem is an ``ImportProblem`` naming sheet, row and column.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from macros.catalogue.errors import DataErrors
from macros.catalogue.loader import Catalogue, load_catalogue
from macros.catalogue.yamlerrors import visible
from macros.editing.yamlstyle import normalise
from macros.exports import COLUMNS, NOTES_SHEET, TABLES, code_table_sheet, product_row
from macros.exports.template import INSTRUCTIONS_SHEET, PRODUCTS_SHEET
from macros.exports.xlsx import sheet_name
from macros.imports import columns
from macros.imports.rows import ProductEditor, SheetRow, changed_columns, norm, product_id, slug_error
from macros.imports.workbook import Cell, ImportProblem, ImportProblems, read_sheets
from macros.imports.yamledit import dump, edit, load

NAME_BY_HEADER = {k.header: k.name for k in COLUMNS}
# The export's extra sheets (functiemix, eisen, resultaten, …): shown, not read; the editor is told so once.
TABLE_SHEETS = [sheet_name(t.title) for t in TABLES]
HEADER_BY_NAME = {k.name: k.header for k in COLUMNS}


@dataclass
class ImportResult:
    region: str
    changed: dict[str, list[str]] = field(default_factory=dict)  # file -> changed fields
    added: list[str] = field(default_factory=list)  # new files
    notices: list[str] = field(default_factory=list)  # notes on edits that are not errors
    unread_sheets: list[str] = field(default_factory=list)  # the workbook's extra sheets, which are not read
    written: bool = False

    def _sheets_note(self) -> list[str]:
        if not self.unread_sheets:
            return []
        return [f"Let op: de werkbladen {', '.join(self.unread_sheets)} worden niet ingelezen: ze tonen wat de export uit "
                "de gegevens haalt. Wijzig functiemix, eisen, resultaten, uitsluitingen, samenloop, opmerkingen en "
                "bronnen in het YAML-bestand van het product (zie de handleiding, 'Werken met Excel')."]

    def report(self) -> str:
        if not self.changed and not self.added:
            return "\n".join([f"Regio {self.region}: geen verschillen met data/; er is niets geschreven.", *self._sheets_note()])
        lines = [f"Regio {self.region}: {len(self.changed)} {'bestand' if len(self.changed) == 1 else 'bestanden'} "
                  f"gewijzigd, {len(self.added)} nieuw."]
        lines += [f"- {f}: {', '.join(v)}" for f, v in sorted(self.changed.items())]
        lines += [f"- {f}: nieuw product" for f in self.added]
        lines += self._sheets_note()
        lines += [f"Let op: {visible(m, 400)}" for m in self.notices]
        lines.append("Geschreven in data/. Controleer met productenboek-validate en productenboek-change-report."
                      if self.written else "Proefdraai (--dry-run): er is niets geschreven.")
        return "\n".join(lines)


def _product_sheet(sheets: dict[str, list[list[Cell]]], cat: Catalogue, region: str | None) -> str:
    candidates = [b for b in sheets if b not in (NOTES_SHEET, INSTRUCTIONS_SHEET, *TABLE_SHEETS) and not b.startswith("Codetabel")]
    if region and region in cat.regios:
        own = sheet_name(cat.regios[region].naam)
        if own in candidates:
            return own
    if len(candidates) == 1:
        return candidates[0]
    raise ImportProblems([ImportProblem("werkboek", f"het werkboek heeft {len(candidates)} werkbladen met producten "
                                   f"({', '.join(candidates[:10])})", "lees één regio in: gebruik het Excel-bestand van "
                                   "die regio van /open-data/, of geef de regio met --regio")])


def _header_columns(rows: list[list[Cell]], sheet: str) -> dict[int, str]:
    if not rows:
        raise ImportProblems([ImportProblem(f"{sheet}!A1", "het werkblad is leeg", "gebruik het sjabloon of een export van /open-data/")])
    if rows[0][0].row != 1:
        raise ImportProblems([ImportProblem(Cell(sheet, 1, 1, None).address, "rij 1 is leeg: daar horen de kolomkoppen",
                                            "zet de kolomkoppen van het sjabloon of de export terug in rij 1")])
    problems, column_names = [], {}
    for cell in rows[0]:
        if cell.value in (None, ""):
            continue
        name = NAME_BY_HEADER.get(str(cell.value).strip())
        if name is None:
            problems.append(ImportProblem(cell.address, f"onbekende kolomkop '{str(cell.value)[:60]}'",
                                     "gebruik de kolomkoppen van het sjabloon of de export (zie het werkblad Toelichting); "
                                     "verwijder een eigen kolom"))
        elif name in column_names.values():
            problems.append(ImportProblem(cell.address, f"de kolom '{cell.value}' staat er twee keer", "verwijder een van beide"))
        else:
            column_names[cell.column] = name
    if "id" not in column_names.values() and not problems:
        problems.append(ImportProblem(f"{sheet}!A1", "de kolom 'Product-id' ontbreekt", "neem de kolomkoppen van het sjabloon over"))
    if problems:
        raise ImportProblems(problems)
    return column_names


def _sheet_row(cells: list[Cell], column_names: dict[int, str], sheet: str) -> SheetRow:
    """A row that holds data, with a cell (empty where the sheet has none) for every column the sheet has."""
    number = cells[0].row
    by_column = {cell.column: cell for cell in cells}
    return SheetRow(number, {name: by_column.get(k) or Cell(sheet, number, k, None) for k, name in column_names.items()})


def _region_of(rows: list[SheetRow], cat: Catalogue, region: str | None, sheet: str) -> str:
    if region is None:
        ids = {c.value.strip() for r in rows if (c := r.cell("regio_id")) and isinstance(c.value, str) and c.value.strip()}
        from_sheet = {r for r, rec in cat.regios.items() if sheet_name(rec.naam) == sheet}
        if not rows:  # an export of a region without products: its sheet is named after the region
            ids = from_sheet
        if len(ids) > 1 and len(from_sheet) == 1:  # an export's sheet is named after its region: name the odd cells
            (own,) = from_sheet
            others = [c for r in rows if (c := r.cell("regio_id")) and c.value not in (None, "")
                      and (not isinstance(c.value, str) or c.value.strip() != own)]
            raise ImportProblems([ImportProblem(c.address, f"Regio-id '{visible(str(c.value), 40)}' is niet die van dit "
                                                f"werkblad ({own})", f"typ '{own}' (de Regio-id wordt niet gewijzigd; een "
                                                "product van een andere regio zet u in het werkboek van die regio)")
                                  for c in others])
        if len(ids) != 1:
            raise ImportProblems([ImportProblem("werkboek", "de kolom Regio-id noemt " + (f"{len(ids)} regio's" if ids else "geen regio"),
                                           "vul bij elke rij dezelfde Regio-id in, of geef de regio met --regio")])
        region = ids.pop()
    if region not in cat.regios:
        raise ImportProblems([ImportProblem("werkboek", f"regio '{region[:40]}' bestaat niet in data/regions/",
                                       f"maak eerst data/regions/{region[:40]}.yaml aan (zie 'Een regio beginnen' in de "
                                       "handleiding), of kies een van: " + ", ".join(cat.regios))])
    return region


def import_workbook(path: Path, data_dir: Path, region: str | None = None, dry_run: bool = False) -> ImportResult:
    """Import; raises ImportProblems (nothing written) on any problem."""
    sheets = read_sheets(Path(path), skip=frozenset(TABLE_SHEETS))
    try:
        cat = load_catalogue(data_dir)
    except DataErrors as e:
        raise ImportProblems([ImportProblem("data/", f"de huidige gegevens zijn zelf ongeldig ({len(e.errors)} fouten), dus de "
                                       "import kan niet vergelijken", "herstel eerst de fouten die productenboek-validate "
                                       "noemt, en lees dan opnieuw in")]) from None
    sheet = _product_sheet(sheets, cat, region)
    column_names = _header_columns(sheets[sheet], sheet)
    rows = [_sheet_row(cells, column_names, sheet) for cells in sheets[sheet][1:]]
    region = _region_of(rows, cat, region, sheet)
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
    res = _write(seen, existing, cat, data_dir, region, old_rows, dry_run)
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


def _new_texts(seen, existing, data_dir: Path, region: str) -> tuple[dict[str, str], dict[str, list[str]], list[str]]:
    """New file texts by path relative to data_dir's parent ('data/products/…')."""
    texts, fields, added = {}, {}, []
    for row in seen.values():
        if row.is_new:
            rel = f"{data_dir.name}/products/{region}/{row.id}.yaml"
            texts[rel] = normalise(dump(row.product))  # in the house style, like every data file
            added.append(rel)
        elif row.edits:
            rel = existing[row.id].pad
            old_rows = (data_dir.parent / rel).read_text(encoding="utf-8")
            text = edit(old_rows, row.edits, row.doc)
            if text != old_rows:
                texts[rel] = text
                fields[rel] = [".".join(p).replace(".waarde.", ".") for p in row.edits]
    return texts, fields, added


def _write(seen, existing, cat: Catalogue, data_dir: Path, region: str, old_rows: dict, dry_run: bool) -> ImportResult:
    texts, fields, added = _new_texts(seen, existing, data_dir, region)
    res = ImportResult(region, fields, added)
    if not texts:
        _check_shown_only(seen, cat, region, old_rows)
        return res
    with tempfile.TemporaryDirectory(prefix="productenboek-import-") as tmp:
        copy_dir = Path(tmp) / data_dir.name
        shutil.copytree(data_dir, copy_dir, symlinks=True)
        for rel, text in texts.items():
            target = Path(tmp) / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        try:
            new_cat = load_catalogue(copy_dir)
        except DataErrors as e:
            raise ImportProblems(_as_cell_problems(e, seen, region, old_rows)) from None
    _check_shown_only(seen, new_cat, region, old_rows)
    if not dry_run:
        _write_all(data_dir.parent, texts)
        res.written = True
    return res


def _as_cell_problems(e: DataErrors, seen: dict[str, SheetRow], region: str, old_rows: dict) -> list[ImportProblem]:
    """The loader's messages about the edited files, pointed at the cells they come from: of the columns that
    make the field, the one that was edited (an emptied unit, not the number beside it)."""
    by_path = {f"products/{region}/{row.id}.yaml": row for row in seen.values()}
    out = []
    for f in e.errors:
        row = next((r for p, r in by_path.items() if f.file.endswith(p)), None)
        if row is None:
            out.append(ImportProblem(f.file + (f":{f.line}" if f.line else ""), f.problem, f.fix))
            continue
        field_path = (f.field or "").replace("[", ".").split(".")
        column = columns.FIELD_COLUMN.get(".".join(field_path[:2])) or columns.FIELD_COLUMN.get(field_path[0])
        if column and not row.is_new and row.id in old_rows:
            changed = changed_columns(row, old_rows[row.id])
            column = next((k for k in columns.COLUMN_GROUPS.get(column, (column,)) if k in changed), column)
        cell = row.cell(column) if column else None
        where = cell.address if cell else f"rij {row.number}"
        out.append(ImportProblem(f"{where} ({f.file}{', veld ' + f.field if f.field else ''})", f.problem, f.fix))
    return sorted(out)


def _check_shown_only(seen: dict[str, SheetRow], cat: Catalogue, region: str, old_rows: dict) -> None:
    """A column the import does not read must still say what the export says, before or after the edit."""
    problems = []
    for row in seen.values():
        added = product_row(cat, cat.producten[f"{region}/{row.id}"])
        for name, cell in row.cells.items():
            text_column = name in ("maximale_duur", "maximaal_volume")  # shown for an existing product
            if name == "id" or (row.is_new and (name in columns.EDITABLE or name == "opmerkingen")) \
                    or (not row.is_new and name in columns.EDITABLE and not text_column):
                continue
            values = {norm(added[name])} | ({norm(old_rows[row.id][name])} if row.id in old_rows else {None})
            if norm(cell.value) not in values and not _same_address(name, cell.value, values):
                problems.append(ImportProblem(cell.address, f"de kolom '{HEADER_BY_NAME[name]}' wordt niet ingelezen: zij toont "
                                         "wat uit andere gegevens volgt", "zet de cel terug zoals de export hem schreef; "
                                         "wijzig de gegevens zelf in de kolommen die de handleiding noemt, of in het YAML-bestand"))
    if problems:
        raise ImportProblems(sorted(problems))


def _same_address(name: str, cell: object, values: set) -> bool:
    """An address column of an export built with a site address (SITE_URL) ends in the path a build without
    one writes relative to open-data/ ('../flevoland/45f21/')."""
    if name not in ("url", "bron_url") or not isinstance(cell, str) or not cell.startswith(("http://", "https://")):
        return False
    return any(isinstance(w, str) and w and cell.endswith("/" + w.removeprefix("../")) for w in values)


def _write_all(root: Path, texts: dict[str, str]) -> None:
    """Every file, or none: each written beside its target first, then moved into place."""
    ready = []
    try:
        for rel, text in texts.items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".import-tmp")
            tmp.write_text(text, encoding="utf-8")
            ready.append((tmp, target))
        for tmp, target in ready:
            os.replace(tmp, target)
    finally:
        for tmp, _ in ready:
            tmp.unlink(missing_ok=True)
