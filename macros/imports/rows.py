"""From the product sheet's rows to changes per product file: what differs from the export is an edit.

A cell that still says what the export wrote for the product is no edit, whatever it holds; so importing an
unchanged export changes nothing. A row whose Product-id the region does not have is a new product.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from macros.imports import columns as c
from macros.imports.columns import CellError, as_problem
from macros.imports.workbook import Cell, ImportProblem
from macros.imports.yamledit import DELETE
from macros.model import SLUG_PATTERN
from macros.model.mentions import mentions_number


def norm(v: Any) -> Any:
    """A cell value and an export value compared alike: empty is None, numbers are floats."""
    if v is None or v == "":
        return None
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return float(v)
    return v


@dataclass
class SheetRow:
    """One product row: its cells by machine name, and what the import makes of them."""

    number: int
    cells: dict[str, Cell]
    id: str = ""
    is_new: bool = False
    edits: dict[tuple[str, ...], Any] = field(default_factory=dict)  # existing product: path -> value
    product: dict[str, Any] = field(default_factory=dict)  # new product: the whole file
    doc: Any = None  # existing product: its file as ruamel.yaml read it (read, never changed)

    def cell(self, name: str) -> Cell | None:
        return self.cells.get(name)


def changed_columns(row: SheetRow, old: dict[str, Any]) -> set[str]:
    """The columns the import reads whose cell differs from what the export wrote for the product."""
    return {n for n, cell in row.cells.items() if n in c.EDITABLE and norm(cell.value) != norm(old.get(n))}


def _base(node: Any, path: tuple[str, ...]) -> tuple[str, ...] | None:
    """Path to a sourced value's own value: the key for a plain value, key + 'waarde' for {staat: vermeld|afgeleid};
    None when the source gives none (geen, leeg, niet-vermeld) or the key is absent."""
    if not isinstance(node, dict):
        return None
    if "staat" in node:
        return path + ("waarde",) if node.get("staat") in ("vermeld", "afgeleid") and isinstance(node.get("waarde"), dict) else None
    return path


def _at(doc: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        doc = doc.get(key) if isinstance(doc, dict) else None
    return doc


class ProductEditor:
    """Turns rows into changes for one region; collects every problem as an ImportProblem."""

    def __init__(self, region_municipalities: list[str], type_names: dict[str, str]):
        self.gemeenten = region_municipalities
        self.type_names = type_names
        self.problems: list[ImportProblem] = []
        self.notices: list[str] = []  # what the editor should know about an edit that is not an error

    def _attempt(self, cell: Cell, parse) -> Any:
        try:
            return parse()
        except CellError as e:
            self.problems.append(as_problem(cell, e))
            return None

    # --- an existing product --------------------------------------------------------------------------

    def edit_existing(self, row: SheetRow, doc: Any, old: dict[str, Any]) -> None:
        changed = changed_columns(row, old)
        w = row.edits
        for name in sorted(changed & set(c.SIMPLE_COLUMNS)):
            cell = row.cells[name]
            self._attempt(cell, lambda: self._simple(name, cell, doc, w))
        if changed & set(c.TARIFF_COLUMNS):
            cell = row.cells[next(n for n in c.TARIFF_COLUMNS if n in changed)]
            self._attempt(cell, lambda: self._tariff(row, doc, w, changed))
        if changed & set(c.LIMIT_COLUMNS):
            self._limit(row, doc, w, changed)
        for path in w:
            old_node = doc.get(path[0]) if len(path) == 1 else None
            if isinstance(old_node, dict) and ("citaat" in old_node or "reden" in old_node):
                what = "de reden van de redactie" if "reden" in old_node else "het citaat uit de bron"
                self.notices.append(f"{row.id}: {path[0]}: {what} bij de oude waarde vervalt; de nieuwe waarde staat er "
                                   "als vermeld in de bron")

    def _simple(self, name: str, cell: Cell, doc: Any, w: dict) -> None:
        if name == "code":
            w[("code",)] = c.parse_code(cell, doc.get("code") if isinstance(doc.get("code"), str) else None)
        elif name in ("naam", "productgroep"):
            w[(name,)] = c.parse_text(cell, may_be_empty=False).strip()
        elif name == "producttype":
            w[(name,)] = c.parse_product_type(cell, self.type_names)
        elif name == "eenheid":
            new_value = c.parse_unit(cell)
            base = _base(doc.get("eenheid"), ("eenheid",))
            if "soort" in new_value and base is not None:
                w[base + ("soort",)] = new_value["soort"]
            else:
                w[("eenheid",)] = new_value
        elif name == "gemeenten":
            w[(name,)] = c.parse_municipalities(cell, self.gemeenten)
        elif name == "status":
            w[(name,)] = c.parse_status(cell)
        elif name in ("bron_document", "bron_sectie"):
            w[("bron", name[5:])] = c.parse_text(cell, may_be_empty=False).strip()

    def _tariff(self, row: SheetRow, doc: Any, w: dict, changed: set[str]) -> None:
        new_value = c.parse_tariff({n: row.cells[n] for n in c.TARIFF_COLUMNS if n in row.cells})
        base = _base(doc.get("tarief"), ("tarief",))
        if "bedrag" in new_value and base is not None:  # keep the toelichting and the layout of the mapping
            if "tarief" in changed:
                w[base + ("bedrag",)] = new_value["bedrag"]
            if "tarief_per" in changed:
                w[base + ("per",)] = new_value.get("per", DELETE)
        else:
            w[("tarief",)] = new_value

    def _limit(self, row: SheetRow, doc: Any, w: dict, changed: set[str]) -> None:
        limit_base = _base(doc.get("normenkader"), ("normenkader",))
        if "soort_kader" in changed:
            cell = row.cells["soort_kader"]
            kind = self._attempt(cell, lambda: c.parse_limit_kind(cell))
            if isinstance(kind, dict):  # no limit from the source: a number left in the row would be dropped unsaid
                numbers = [row.cells[n] for n in c.LIMIT_COLUMNS[1:] if n.endswith(("_waarde", "_eenheid"))
                            and n in row.cells and row.cells[n].value not in (None, "")]
                if numbers:
                    self.problems.append(as_problem(cell, CellError(
                        f"de soort kader zegt dat er geen kader uit de bron is, maar de rij noemt nog een maximum "
                        f"({', '.join(f'{g.address}: {g.value:g}' if isinstance(g.value, float) else g.address for g in numbers[:4])})",
                        "maak Maximale duur (getal) en (eenheid) en Maximaal volume (getal) en (eenheid) leeg, of kies een "
                        f"soort kader: {', '.join(c.LIMIT_KIND_BY_LABEL)}")))
                    return
                w[("normenkader",)] = kind
                return
            if kind is not None:
                if limit_base is None:
                    self.problems.append(as_problem(cell, CellError(
                        "dit product heeft geen kader uit de bron; een nieuw kader heeft de tekst van de bron nodig",
                        "voeg het normenkader toe in het YAML-bestand (zie de handleiding)")))
                    return
                w[limit_base + ("soort",)] = kind
        limit = _at(doc, limit_base) if limit_base else None
        for limit_field, column in (("max_duur", "maximale_duur"), ("max_volume", "maximaal_volume")):
            parts = [n for n in (column, column + "_waarde", column + "_eenheid") if n in changed]
            if not parts:
                continue
            cell = row.cells[parts[0]]
            if column in changed:  # the text column: only a state can be typed there
                state = self._attempt(cell, lambda: c.parse_state(c.parse_text(cell, may_be_empty=False)))
                if state is not None and limit_base is not None:
                    w[limit_base + (limit_field,)] = state
                    continue
                parts.remove(column)  # anything else must say what the export says after the edit (checked later)
                if not parts:
                    continue
                cell = row.cells[parts[0]]
            amount_base = _base(limit.get(limit_field), limit_base + (limit_field,)) if isinstance(limit, dict) else None
            if amount_base is None or (isinstance(limit, dict) and limit.get("soort") == "richtinggevend-kader"):
                self.problems.append(as_problem(cell, CellError(
                    "dit product heeft hier geen maximum uit de bron (geen kader, een richtinggevend kader, of een "
                    "duur of volume die de bron niet noemt)",
                    "voeg de duur of het volume toe in het YAML-bestand, met de tekst zoals de bron hem drukt")))
                continue
            if column + "_waarde" in parts:
                number_cell = row.cells[column + "_waarde"]
                if (g := self._attempt(number_cell, lambda: c.parse_number(number_cell))) is not None or number_cell.value in (None, ""):
                    w[amount_base + ("waarde",)] = c.set_or_delete(g)
                    old_text = str(_at(doc, amount_base + ("tekst",)) or "")
                    if g is not None and not mentions_number(old_text, g):
                        self.notices.append(f"{row.id}: {limit_field}: de tekst zoals de bron hem drukt ('{old_text[:80]}') noemt "
                                           f"{g:g} niet; pas die tekst, en zo nodig het brondocument in data/bronnen/, aan "
                                           "in het YAML-bestand")
            if column + "_eenheid" in parts:
                unit_cell = row.cells[column + "_eenheid"]
                e = self._attempt(unit_cell, lambda: c.parse_text(unit_cell))
                w[amount_base + ("eenheid",)] = c.set_or_delete(e.strip() if e else None)

    # --- a new product --------------------------------------------------------------------------------

    def new_product(self, row: SheetRow) -> None:
        blank_cell = Cell("", row.number, 1, None)

        def cell(name: str) -> Cell:
            return row.cells.get(name) or Cell(blank_cell.sheet, row.number, 1, None)

        def optional(name: str, parse, default: Any = None) -> Any:
            k = cell(name)
            if k.value in (None, ""):
                return default
            return self._attempt(k, lambda: parse(k))

        def required(name: str, parse) -> Any:
            k = cell(name)
            return self._attempt(k, lambda: parse(k))

        not_stated = {"staat": "niet-vermeld"}
        p: dict[str, Any] = {
            "code": optional("code", c.parse_code),
            "naam": required("naam", lambda k: c.parse_text(k, may_be_empty=False).strip()),
            "productgroep": required("productgroep", lambda k: c.parse_text(k, may_be_empty=False).strip()),
            "producttype": required("producttype", lambda k: c.parse_product_type(k, self.type_names)),
            "status": optional("status", c.parse_status, not_stated),
            "gemeenten": optional("gemeenten", lambda k: c.parse_municipalities(k, self.gemeenten), not_stated),
            "omschrijving": not_stated, "doelgroep": not_stated,
            "eenheid": optional("eenheid", c.parse_unit, not_stated),
            "tarief": self._attempt(cell("tarief_status"), lambda: c.parse_tariff({n: cell(n) for n in c.TARIFF_COLUMNS})),
            "normenkader": self._new_limit(cell),
            "functiemix": not_stated,
            "bron": {"document": required("bron_document", lambda k: c.parse_text(k, may_be_empty=False).strip()),
                     "sectie": required("bron_sectie", lambda k: c.parse_text(k, may_be_empty=False).strip())},
        }
        notes = optional("opmerkingen", c.parse_text)
        if notes:
            p["opmerkingen"] = [n.strip() for n in notes.split(" | ") if n.strip()]
        row.product = p

    def _new_limit(self, cell) -> Any:
        k = cell("soort_kader")
        kind = self._attempt(k, lambda: c.parse_limit_kind(k))
        if isinstance(kind, dict) or kind is None:
            filled = [cell(n) for n in c.LIMIT_COLUMNS[1:] if cell(n).value not in (None, "")]
            if filled and kind is not None:
                self.problems.append(as_problem(filled[0], CellError("een duur of volume zonder soort kader",
                                                           f"kies bij 'Soort kader' een van: {', '.join(c.LIMIT_KIND_BY_LABEL)}")))
            return kind
        if kind == "richtinggevend-kader":
            self.problems.append(as_problem(k, CellError("een richtinggevend kader kan niet uit Excel worden ingelezen",
                                               "voeg het product in met een ander kader of zonder, en schrijf het "
                                               "richtinggevende kader in het YAML-bestand")))
            return None
        limit_dict: dict[str, Any] = {"soort": kind}
        for limit_field, column in (("max_duur", "maximale_duur"), ("max_volume", "maximaal_volume")):
            limit_dict[limit_field] = self._attempt(cell(column + "_waarde"), lambda: c.parse_amount(
                cell(column), cell(column + "_waarde"), cell(column + "_eenheid"), "Maximale duur" if limit_field == "max_duur" else "Maximaal volume"))
        return limit_dict


def product_id(row: SheetRow) -> str | None:
    """The row's Product-id, or the code in lower case for a new row without one (a code typed as a number
    read as ``columns.parse_code`` reads it; raises CellError when that is ambiguous)."""
    cell = row.cells.get("id")
    v = cell.value if cell else None
    if isinstance(v, str) and v.strip():
        return v.strip()
    code = row.cells.get("code")
    if code is not None and isinstance(code.value, float):
        return c.parse_code(code).lower()
    if code is not None and isinstance(code.value, str) and code.value.strip() and not c.no_code(code.value):
        return code.value.strip().lower()
    return None


def slug_error(pid: str) -> CellError | None:
    if re.fullmatch(SLUG_PATTERN, pid):
        return None
    return CellError(f"Product-id '{pid[:40]}' is geen geldige bestandsnaam",
                   "gebruik kleine letters, cijfers en koppeltekens (bv. 45f21 of groepsbegeleiding); het id wordt "
                   "de bestandsnaam en het webadres van het product")
