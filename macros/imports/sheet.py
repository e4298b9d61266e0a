"""The product sheet of an imported workbook: which sheet it is, its header row and the region it holds."""

from __future__ import annotations

from macros.catalogue.loader import Catalogue
from macros.catalogue.yamlerrors import visible
from macros.exports import COLUMNS, NOTES_SHEET, TABLES
from macros.exports.template import INSTRUCTIONS_SHEET
from macros.exports.xlsx import sheet_name
from macros.imports.rows import SheetRow
from macros.imports.workbook import Cell, ImportProblem, ImportProblems

NAME_BY_HEADER = {k.header: k.name for k in COLUMNS}
# The export's extra sheets (functiemix, eisen, resultaten, …): shown, not read; the editor is told so once.
TABLE_SHEETS = [sheet_name(t.title) for t in TABLES]


def product_sheet(sheets: dict[str, list[list[Cell]]], cat: Catalogue, region: str | None) -> str:
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


def header_columns(rows: list[list[Cell]], sheet: str) -> dict[int, str]:
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


def sheet_row(cells: list[Cell], column_names: dict[int, str], sheet: str) -> SheetRow:
    """A row that holds data, with a cell (empty where the sheet has none) for every column the sheet has."""
    number = cells[0].row
    by_column = {cell.column: cell for cell in cells}
    return SheetRow(number, {name: by_column.get(k) or Cell(sheet, number, k, None) for k, name in column_names.items()})


def region_of(rows: list[SheetRow], cat: Catalogue, region: str | None, sheet: str) -> str:
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

