"""Writing an import: the new and edited file texts, validated with the one loader in a temporary copy of
data/ (its messages pointed at the cells they come from), the columns the import does not read checked
against the export, then every file written or none; and the ``ImportResult`` that reports it."""

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
from macros.exports import COLUMNS, product_row
from macros.imports import columns
from macros.imports.rows import SheetRow, changed_columns, norm
from macros.imports.workbook import ImportProblem, ImportProblems
from macros.imports.yamledit import dump, edit

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
            old_text = (data_dir.parent / rel).read_text(encoding="utf-8")
            text = edit(old_text, row.edits, row.doc)
            if text != old_text:
                texts[rel] = text
                fields[rel] = [".".join(p).replace(".waarde.", ".") for p in row.edits]
    return texts, fields, added


def write(seen, existing, cat: Catalogue, data_dir: Path, region: str, old_rows: dict, dry_run: bool) -> ImportResult:
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

