"""What the import reads from each column of the export's product sheet, and how a cell becomes YAML.

The columns are the exports' own (``macros.exports.COLUMNS``: Dutch header ``Column.header`` and machine
name ``Column.name``); this module only says which of them the import writes (``EDITABLE``, grouped where several
columns make one field) and how a typed cell reads. Every other column is shown, not read: the import
checks that it still says what the export wrote (before or after the edit), else it refuses the cell.

A cell is parsed into changes ``{path: value}`` on the product's YAML (``path`` a tuple of keys). Values
are plain data (str, float, list, dict); ``macros.imports.yamledit`` writes them through ruamel.yaml.
"""

from __future__ import annotations

import re
from typing import Any, get_args

from macros.exports import PUBLISHED
from macros.imports.workbook import Cell, ImportProblem
from macros.imports.yamledit import DELETE
from macros.model import CODE_PATTERN, Status
from macros.view.words import (
    ALL_MUNICIPALITIES,
    BLANK,
    DEFERRED,
    INFERRED,
    LIMIT_KINDS,
    NO_CODE,
    NONE_STATED,
    NOT_STATED,
)

STATUSES = get_args(Status)
# The states a cell can say by the site's own words; 'geen' and 'nader-te-bepalen' need the source's words and
# 'afgeleid' a reason.
CELL_STATES = {BLANK: {"staat": "leeg"}, NOT_STATED: {"staat": "niet-vermeld"}}
YAML_ONLY = {NONE_STATED, DEFERRED, INFERRED, "geen tarief volgens de bron"}  # the last: how exports before issue 26 said it
LIMIT_KIND_BY_LABEL = {label: kind for kind, label in LIMIT_KINDS.items()}

# Columns the import writes. A group is read together: its cells make one field.
TARIFF_COLUMNS = ("tarief", "tarief_status", "tarief_per")
LIMIT_COLUMNS = ("soort_kader", "maximale_duur", "maximale_duur_waarde", "maximale_duur_eenheid",
         "maximaal_volume", "maximaal_volume_waarde", "maximaal_volume_eenheid")
SIMPLE_COLUMNS = ("code", "naam", "productgroep", "producttype", "eenheid", "gemeenten", "status", "bron_document", "bron_sectie")
EDITABLE = set(SIMPLE_COLUMNS) | set(TARIFF_COLUMNS) | set(LIMIT_COLUMNS)
NUMBER_COLUMNS = {"tarief", "maximale_duur_waarde", "maximaal_volume_waarde"}
# A field of the model -> the column a message about it points at (loader errors after the edit).
FIELD_COLUMN = {"code": "code", "naam": "naam", "productgroep": "productgroep", "producttype": "producttype",
              "eenheid": "eenheid", "tarief": "tarief", "gemeenten": "gemeenten", "status": "status",
              "normenkader": "soort_kader", "normenkader.max_duur": "maximale_duur_waarde",
              "normenkader.max_volume": "maximaal_volume_waarde", "bron": "bron_sectie", "bron.document": "bron_document",
              "opmerkingen": "opmerkingen"}


# The columns that together make one field: a loader message about the field points at the one that was edited.
COLUMN_GROUPS = {"tarief": TARIFF_COLUMNS, "soort_kader": LIMIT_COLUMNS,
         "maximale_duur_waarde": ("maximale_duur_waarde", "maximale_duur_eenheid", "maximale_duur"),
         "maximaal_volume_waarde": ("maximaal_volume_waarde", "maximaal_volume_eenheid", "maximaal_volume")}


class CellError(Exception):
    def __init__(self, problem: str, fix: str):
        super().__init__(problem)
        self.problem, self.fix = problem, fix


def as_problem(cell: Cell, e: CellError) -> ImportProblem:
    return ImportProblem(cell.address, e.problem, e.fix)


def parse_text(cell: Cell, may_be_empty: bool = True) -> str | None:
    """A text cell: the text as typed (None when empty). A number typed in a text column is refused:
    Excel and LibreOffice drop a leading zero (01234 → 1234) and write decimals their own way, so the import
    never guesses the text (a code is read by ``code``)."""
    v = cell.value
    if v is None or (isinstance(v, str) and not v.strip()):
        if not may_be_empty:
            raise CellError("deze cel is leeg", "vul de cel in")
        return None
    if isinstance(v, bool):
        raise CellError("het werkblad leest deze cel als ja/nee (WAAR/ONWAAR), niet als tekst",
                        "typ er een apostrof voor (bv. 'WAAR) of geef de cel de celopmaak 'Tekst' en typ de waarde opnieuw")
    if not isinstance(v, str):
        raise CellError(f"het werkblad leest deze cel als het getal {v:g}, maar in deze kolom hoort tekst",
                        f"typ er een apostrof voor (bv. '{v:g}) of geef de cel de celopmaak 'Tekst' en typ de waarde "
                        "opnieuw; een voorloopnul (01234) of decimale komma valt anders weg")
    return v


def parse_number(cell: Cell) -> float | int | None:
    v = cell.value
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, bool) or not isinstance(v, float):
        raise CellError(f"tekst in een getalkolom: '{v}'", "typ alleen een getal (bv. 85,50), zonder eenheid, "
                      "euroteken of andere tekst; zet een toelichting in de YAML of laat de cel leeg")
    if not v > 0 or v != v or v in (float("inf"), float("-inf")):
        raise CellError(f"het getal {v:g} is niet groter dan 0", "typ een getal groter dan 0, of laat de cel leeg")
    return int(v) if v.is_integer() else v


def parse_state(text: str) -> dict | None:
    """A state said in the site's words ('niet vermeld in de bron'), else None; 'geen' and 'afgeleid' need
    the source's words or a reason, which a cell cannot hold."""
    w = text.strip()
    if w in CELL_STATES:
        return dict(CELL_STATES[w])
    if any(w.startswith(s) for s in YAML_ONLY):
        raise CellError(f"'{w[:60]}' kan niet uit Excel worden ingelezen: 'geen' en 'nader te bepalen' vragen de "
                      "woorden van de bron en 'afgeleid' een reden", f"schrijf deze staat in het YAML-bestand (zie 'Alleen wat de bron zegt' "
                      f"in de handleiding), of typ een waarde, '{NOT_STATED}' of '{BLANK}'")
    return None


def no_code(text: str) -> bool:
    """The code cell of a product without a code says so as the product page does ('geen code in de bron')."""
    return text.strip().lower().startswith(NO_CODE)


def parse_code(cell: Cell, old: str | None = None) -> str | None:
    """A product code. A code typed without an apostrophe becomes a number; it is read as the code when that
    is unambiguous: five digits (nothing can have been lost), or the product's own code (``oud``) unchanged.
    A shorter number may have lost a leading zero (01234 → 1234): refused, with the fix."""
    v = cell.value
    if isinstance(v, float):
        return code_from_number(v, old)
    c = parse_text(cell)
    if c is not None and no_code(c):
        return None
    if c is not None and not re.fullmatch(CODE_PATTERN, c.strip()):
        raise CellError(f"'{c[:40]}' is geen geldige productcode", "een productcode heeft 1 tot 5 hoofdletters en "
                      "cijfers, zoals in het iJw-berichtenverkeer (bv. 45F21 of 84110); laat de cel leeg of typ "
                      f"'{NO_CODE}' als er geen code is")
    return c.strip() if c is not None else None


def code_from_number(v: float, old: str | None = None) -> str:
    fix = "typ de code met een apostrof ervoor (bv. '01234) of geef de cel de celopmaak 'Tekst' en typ de code opnieuw"
    if not (v.is_integer() and 0 < v < 100_000):
        raise CellError(f"de productcode staat er als het getal {v:g}; een productcode is tekst van 1 tot 5 "
                        "hoofdletters en cijfers", fix)
    t = str(int(v))
    if len(t) == 5 or t == old:
        return t
    if old and old.lstrip("0") == t:
        raise CellError(f"de productcode {old} staat er als het getal {t}: de voorloopnul is weggevallen", fix)
    raise CellError(f"de productcode staat er als het getal {t}; een voorloopnul valt zo weg (01234 wordt 1234), "
                    f"dus de import weet niet of {t} of {t.zfill(5)} bedoeld is", fix)


def parse_status(cell: Cell) -> Any:
    s = parse_text(cell, may_be_empty=False).strip()
    if (st := parse_state(s)) is not None:
        return st
    if s not in STATUSES:
        raise CellError(f"onbekende status '{s[:40]}'", f"kies een van: {', '.join(STATUSES)}, '{NOT_STATED}' of '{BLANK}'")
    return s


def parse_municipalities(cell: Cell, region_municipalities: list[str]) -> Any:
    s = parse_text(cell, may_be_empty=False).strip()
    if (st := parse_state(s)) is not None:
        return st
    if s == "alle" or s == ALL_MUNICIPALITIES or s.startswith(ALL_MUNICIPALITIES + " ("):
        return "alle"
    names = [n.strip() for n in re.split(r"[,;]", s) if n.strip()]
    unknown = [n for n in names if n not in region_municipalities]
    if unknown:
        raise CellError(f"gemeente {', '.join(repr(n[:40]) for n in unknown[:5])} hoort niet bij deze regio",
                      f"kies uit {', '.join(region_municipalities[:30])}{' …' if len(region_municipalities) > 30 else ''} (gescheiden door komma's), "
                      f"of '{ALL_MUNICIPALITIES}'; een nieuwe gemeente zet u eerst in het regiobestand")
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise CellError(f"gemeente {', '.join(twice[:5])} staat er twee keer in", "noem elke gemeente één keer")
    return names


def parse_product_type(cell: Cell, type_names: dict[str, str]) -> str:
    """typen: id -> naam. The export writes the name; the id is accepted too."""
    s = parse_text(cell, may_be_empty=False).strip().removesuffix(f" ({INFERRED})")  # the export marks the editors' type
    for type_id, name in type_names.items():
        if s in (type_id, name):
            return type_id
    raise CellError(f"onbekend producttype '{s[:60]}'", f"kies een van: {', '.join(list(type_names.values())[:40])}; een nieuw "
                  "producttype zet u eerst in data/producttypen.yaml")


def parse_unit(cell: Cell) -> Any:
    s = parse_text(cell, may_be_empty=False).strip()
    return parse_state(s) or {"soort": s}


def parse_tariff(cells: dict[str, Cell]) -> Any:
    """The tariff from its three columns: the amount, what it is per, and what the source does."""
    amount = parse_number(cells["tarief"]) if "tarief" in cells else None
    per = parse_text(cells["tarief_per"]) if "tarief_per" in cells else None
    st = (parse_text(cells["tarief_status"]) or "").strip() if "tarief_status" in cells else ""
    if st in YAML_ONLY:
        parse_state(st)  # raises: needs the source's words or a reason
    if st in ("", PUBLISHED):
        if amount is None and st == PUBLISHED:
            raise CellError("'gepubliceerd' zonder bedrag", f"typ het bedrag in de kolom Tarief (euro), of kies '{BLANK}'")
        if amount is None:
            if per:
                raise CellError("'Tarief per' zonder bedrag", f"typ het bedrag, of zet 'Tarief in de bron' op '{BLANK}'")
            return {"staat": "niet-vermeld"}
        return {"bedrag": amount, **({"per": per.strip()} if per else {})}
    if st in CELL_STATES:
        if amount is not None:
            raise CellError(f"een bedrag bij '{st}'", f"zet 'Tarief in de bron' op '{PUBLISHED}', of maak het bedrag leeg")
        if st == BLANK and per:
            return {"bedrag": None, "per": per.strip()}
        if per:
            raise CellError(f"'Tarief per' bij '{st}'", "maak 'Tarief per' leeg")
        return dict(CELL_STATES[st])
    raise CellError(f"onbekende waarde '{st[:40]}' in 'Tarief in de bron'",
                  f"kies '{PUBLISHED}', '{BLANK}' of '{NOT_STATED}'")


def parse_amount(text_cell: Cell | None, number_cell: Cell | None, unit_cell: Cell | None, heading: str = "Maximale duur") -> Any:
    """A new product's duration or volume: the source's printed text (column ``kop``), the number and its unit.
    The text is required beside a number (the model keeps a duration as the source prints it); the editing
    guide's table says the same."""
    t = (parse_text(text_cell) or "").strip() if text_cell else ""
    w = parse_number(number_cell) if number_cell else None
    e = (parse_text(unit_cell) or "").strip() if unit_cell else ""
    if t and (st := parse_state(t)) is not None:
        if w is not None:
            raise CellError(f"een getal bij '{t}'", "maak het getal leeg, of typ de tekst zoals de bron hem drukt")
        return st
    if not t:
        if w is not None or e:
            where = f" ({text_cell.address})" if text_cell is not None and text_cell.column > 1 else ""
            raise CellError(f"bij een nieuw product hoort naast het getal de tekst van de bron in de kolom '{heading}'{where}, "
                          "en die is leeg", f"typ in '{heading}' letterlijk wat de bron zegt (bv. 'Duur van een traject is "
                          f"maximaal 12 maanden'), of typ daar '{NOT_STATED}' en maak het getal en de eenheid leeg")
        return {"staat": "niet-vermeld"}
    if w is not None and not e:
        raise CellError("een getal zonder eenheid", "typ de eenheid in de kolom erna (bv. maanden, uur)")
    return {"tekst": t, **({"waarde": w} if w is not None else {}), **({"eenheid": e} if e else {})}


def parse_limit_kind(cell: Cell) -> str | dict:
    s = (parse_text(cell) or "").strip()
    if not s:
        return {"staat": "niet-vermeld"}
    if (st := parse_state(s)) is not None:
        return st
    if s not in LIMIT_KIND_BY_LABEL:
        raise CellError(f"onbekende soort kader '{s[:40]}'", f"kies een van: {', '.join(LIMIT_KIND_BY_LABEL)}, of '{NOT_STATED}'")
    return LIMIT_KIND_BY_LABEL[s]


def set_or_delete(value: Any) -> Any:
    return DELETE if value is None else value
