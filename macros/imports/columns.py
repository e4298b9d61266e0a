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
from macros.imports.typed_number import BLANKS, NotANumber, read_typed_number
from macros.imports.workbook import PERCENT_MARK, Cell, ImportProblem
from macros.imports.yamledit import DELETE
from macros.model import CODE_PATTERN, Status
from macros.view.words import ALLE_GEMEENTEN, BLANK, DEFERRED, INFERRED, LIMIT_KINDS, NO_CODE, NONE_STATED, NOT_STATED

STATUSSEN = get_args(Status)
# The states a cell can say by the site's own words; 'geen' and 'nader-te-bepalen' need the source's words and
# 'afgeleid' a reason.
CEL_STATEN = {BLANK: {"staat": "leeg"}, NOT_STATED: {"staat": "niet-vermeld"}}
ALLEEN_YAML = {NONE_STATED, DEFERRED, INFERRED, "geen tarief volgens de bron"}  # the last: how exports before issue 26 said it
KADERS = {label: soort for soort, label in LIMIT_KINDS.items()}
_BLANKS = re.compile(rf"[\s{BLANKS}]")
_DATUM = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T00:00:00)?")  # a date-formatted cell (workbook._waarde)
_PROCENT = re.compile(rf"([-0-9.eE+]+){re.escape(PERCENT_MARK)}")  # a percentage-formatted cell (workbook._cells)

# Columns the import writes. A group is read together: its cells make one field.
TARIEF = ("tarief", "tarief_status", "tarief_per")
KADER = ("soort_kader", "maximale_duur", "maximale_duur_waarde", "maximale_duur_eenheid",
         "maximaal_volume", "maximaal_volume_waarde", "maximaal_volume_eenheid")
EENVOUDIG = ("code", "naam", "productgroep", "producttype", "eenheid", "gemeenten", "status", "bron_document", "bron_sectie")
EDITABLE = set(EENVOUDIG) | set(TARIEF) | set(KADER)
GETALLEN = {"tarief", "maximale_duur_waarde", "maximaal_volume_waarde"}
# A field of the model -> the column a message about it points at (loader errors after the edit).
VELD_KOLOM = {"code": "code", "naam": "naam", "productgroep": "productgroep", "producttype": "producttype",
              "eenheid": "eenheid", "tarief": "tarief", "gemeenten": "gemeenten", "status": "status",
              "normenkader": "soort_kader", "normenkader.max_duur": "maximale_duur_waarde",
              "normenkader.max_volume": "maximaal_volume_waarde", "bron": "bron_sectie", "bron.document": "bron_document",
              "opmerkingen": "opmerkingen"}


# The columns that together make one field: a loader message about the field points at the one that was edited.
SAMEN = {"tarief": TARIEF, "soort_kader": KADER,
         "maximale_duur_waarde": ("maximale_duur_waarde", "maximale_duur_eenheid", "maximale_duur"),
         "maximaal_volume_waarde": ("maximaal_volume_waarde", "maximaal_volume_eenheid", "maximaal_volume")}


class CellError(Exception):
    def __init__(self, probleem: str, oplossing: str):
        super().__init__(probleem)
        self.probleem, self.oplossing = probleem, oplossing


def fout(cel: Cell, e: CellError) -> ImportProblem:
    return ImportProblem(cel.adres, e.probleem, e.oplossing)


def tekst(cel: Cell, leeg_mag: bool = True) -> str | None:
    """A text cell: the text as typed (None when empty). A number typed in a text column is refused:
    Excel and LibreOffice drop a leading zero (01234 → 1234) and write decimals their own way, so the import
    never guesses the text (a code is read by ``code``)."""
    v = cel.waarde
    if v is None or (isinstance(v, str) and not v.strip()):
        if not leeg_mag:
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


def getal(cel: Cell, euro: bool = False) -> float | int | None:
    """A number cell. A number held as text ("85,50" in a cell formatted as text, "€ 85,50" in the euro column) is
    read by the form's rules (``macros.imports.typed_number``); what is not exactly one number is refused."""
    v = cel.waarde
    if v is None or (isinstance(v, str) and not _BLANKS.sub("", v)):
        return None
    if isinstance(v, bool):
        raise CellError("het werkblad leest deze cel als ja/nee (WAAR/ONWAAR), niet als getal",
                        "typ een getal (bv. 85,50), of laat de cel leeg")
    if isinstance(v, str) and (datum := _DATUM.fullmatch(v)):
        raise CellError(f"het werkblad leest deze cel als de datum {int(datum[3])}-{int(datum[2])}-{datum[1]}, niet als getal",
                        "geef de cel de celopmaak 'Getal' (Opmaak > Cellen) en typ het getal opnieuw")
    if isinstance(v, str) and (procent := _PROCENT.fullmatch(v)):
        bewaard = f"{float(procent[1]) / 100:g}".replace(".", ",")
        raise CellError(f"het werkblad toont deze cel als percentage ({procent[1].replace('.', ',')}%) en bewaart het getal "
                        f"{bewaard}",
                        "geef de cel de celopmaak 'Getal' (Opmaak > Cellen) en typ het getal zonder %")
    if isinstance(v, str):
        gelezen = read_typed_number(v, euro=euro)
        if isinstance(gelezen, NotANumber):
            raise CellError(f"tekst in een getalkolom: {gelezen.problem}", f"{gelezen.fix}; laat de cel leeg als de bron "
                            "geen getal noemt")
        v = gelezen
    if not v > 0 or v != v or v in (float("inf"), float("-inf")):
        raise CellError(f"het getal {v:g} is niet groter dan 0", "typ een getal groter dan 0, of laat de cel leeg")
    return int(v) if v.is_integer() else v


def staat(waarde: str) -> dict | None:
    """A state said in the site's words ('niet vermeld in de bron'), else None; 'geen' and 'afgeleid' need
    the source's words or a reason, which a cell cannot hold."""
    w = waarde.strip()
    if w in CEL_STATEN:
        return dict(CEL_STATEN[w])
    if any(w.startswith(s) for s in ALLEEN_YAML):
        raise CellError(f"'{w[:60]}' kan niet uit Excel worden ingelezen: 'geen' en 'nader te bepalen' vragen de "
                      "woorden van de bron en 'afgeleid' een reden", f"schrijf deze staat in het YAML-bestand (zie 'Alleen wat de bron zegt' "
                      f"in de handleiding), of typ een waarde, '{NOT_STATED}' of '{BLANK}'")
    return None


def no_code(text: str) -> bool:
    """The code cell of a product without a code says so as the product page does ('geen code in de bron')."""
    return text.strip().lower().startswith(NO_CODE)


def code(cel: Cell, oud: str | None = None) -> str | None:
    """A product code. A code typed without an apostrophe becomes a number; it is read as the code when that
    is unambiguous: five digits (nothing can have been lost), or the product's own code (``oud``) unchanged.
    A shorter number may have lost a leading zero (01234 → 1234): refused, with the fix."""
    v = cel.waarde
    if isinstance(v, float):
        return code_als_getal(v, oud)
    c = tekst(cel)
    if c is not None and no_code(c):
        return None
    if c is not None and re.fullmatch(CODE_PATTERN, c.strip().removeprefix("'").upper()):
        # A code pasted with Excel's text apostrophe ('45F21) or typed in lower case: one code, as meant.
        return c.strip().removeprefix("'").upper()
    if c is not None and not re.fullmatch(CODE_PATTERN, c.strip()):
        raise CellError(f"'{c[:40]}' is geen geldige productcode", "een productcode heeft 1 tot 5 hoofdletters en "
                      "cijfers, zoals in het iJw-berichtenverkeer (bv. 45F21 of 84110); laat de cel leeg of typ "
                      f"'{NO_CODE}' als er geen code is")
    return c.strip() if c is not None else None


def code_als_getal(v: float, oud: str | None = None) -> str:
    fix = "typ de code met een apostrof ervoor (bv. '01234) of geef de cel de celopmaak 'Tekst' en typ de code opnieuw"
    if not (v.is_integer() and 0 < v < 100_000):
        raise CellError(f"de productcode staat er als het getal {v:g}; een productcode is tekst van 1 tot 5 "
                        "hoofdletters en cijfers", fix)
    t = str(int(v))
    if len(t) == 5 or t == oud:
        return t
    if oud and oud.lstrip("0") == t:
        raise CellError(f"de productcode {oud} staat er als het getal {t}: de voorloopnul is weggevallen", fix)
    raise CellError(f"de productcode staat er als het getal {t}; een voorloopnul valt zo weg (01234 wordt 1234), "
                    f"dus de import weet niet of {t} of {t.zfill(5)} bedoeld is", fix)


def status(cel: Cell) -> Any:
    s = tekst(cel, leeg_mag=False).strip()
    if (st := staat(s)) is not None:
        return st
    if s.lower() in STATUSSEN:  # 'Vervallen' at the start of a cell, as a spreadsheet capitalises it: the status meant
        return s.lower()
    if s not in STATUSSEN:
        raise CellError(f"onbekende status '{s[:40]}'", f"kies een van: {', '.join(STATUSSEN)}, '{NOT_STATED}' of '{BLANK}'")
    return s


def gemeenten(cel: Cell, van_regio: list[str]) -> Any:
    s = tekst(cel, leeg_mag=False).strip()
    if (st := staat(s)) is not None:
        return st
    if s == "alle" or s == ALLE_GEMEENTEN or s.startswith(ALLE_GEMEENTEN + " ("):
        return "alle"
    namen = [n.strip() for n in re.split(r"[,;]", s) if n.strip()]
    onbekend = [n for n in namen if n not in van_regio]
    if onbekend:
        raise CellError(f"gemeente {', '.join(repr(n[:40]) for n in onbekend[:5])} hoort niet bij deze regio",
                      f"kies uit {', '.join(van_regio[:30])}{' …' if len(van_regio) > 30 else ''} (gescheiden door komma's), "
                      f"of '{ALLE_GEMEENTEN}'; een nieuwe gemeente zet u eerst in het regiobestand")
    dubbel = sorted({n for n in namen if namen.count(n) > 1})
    if dubbel:
        raise CellError(f"gemeente {', '.join(dubbel[:5])} staat er twee keer in", "noem elke gemeente één keer")
    return namen


def producttype(cel: Cell, typen: dict[str, str]) -> str:
    """typen: id -> naam. The export writes the name; the id is accepted too."""
    s = tekst(cel, leeg_mag=False).strip().removesuffix(f" ({INFERRED})")  # the export marks the editors' type
    for tid, naam in typen.items():
        if s in (tid, naam):
            return tid
    raise CellError(f"onbekend producttype '{s[:60]}'", f"kies een van: {', '.join(list(typen.values())[:40])}; een nieuw "
                  "producttype zet u eerst in data/producttypen.yaml")


def eenheid(cel: Cell) -> Any:
    s = tekst(cel, leeg_mag=False).strip()
    return staat(s) or {"soort": s}


def tarief(cellen: dict[str, Cell]) -> Any:
    """The tariff from its three columns: the amount, what it is per, and what the source does."""
    bedrag = getal(cellen["tarief"], euro=True) if "tarief" in cellen else None
    per = tekst(cellen["tarief_per"]) if "tarief_per" in cellen else None
    st = (tekst(cellen["tarief_status"]) or "").strip() if "tarief_status" in cellen else ""
    if st in ALLEEN_YAML:
        staat(st)  # raises: needs the source's words or a reason
    if st in ("", PUBLISHED):
        if bedrag is None and st == PUBLISHED:
            raise CellError("'gepubliceerd' zonder bedrag", f"typ het bedrag in de kolom Tarief (euro), of kies '{BLANK}'")
        if bedrag is None:
            if per:
                raise CellError("'Tarief per' zonder bedrag", f"typ het bedrag, of zet 'Tarief in de bron' op '{BLANK}'")
            return {"staat": "niet-vermeld"}
        return {"bedrag": bedrag, **({"per": per.strip()} if per else {})}
    if st in CEL_STATEN:
        if bedrag is not None:
            raise CellError(f"een bedrag bij '{st}'", f"zet 'Tarief in de bron' op '{PUBLISHED}', of maak het bedrag leeg")
        if st == BLANK and per:
            return {"bedrag": None, "per": per.strip()}
        if per:
            raise CellError(f"'Tarief per' bij '{st}'", "maak 'Tarief per' leeg")
        return dict(CEL_STATEN[st])
    raise CellError(f"onbekende waarde '{st[:40]}' in 'Tarief in de bron'",
                  f"kies '{PUBLISHED}', '{BLANK}' of '{NOT_STATED}'")


def hoeveelheid(tekst_cel: Cell | None, waarde_cel: Cell | None, eenheid_cel: Cell | None, kop: str = "Maximale duur") -> Any:
    """A new product's duration or volume: the source's printed text (column ``kop``), the number and its unit.
    The text is required beside a number (the model keeps a duration as the source prints it); the editing
    guide's table says the same."""
    t = (tekst(tekst_cel) or "").strip() if tekst_cel else ""
    w = getal(waarde_cel) if waarde_cel else None
    e = (tekst(eenheid_cel) or "").strip() if eenheid_cel else ""
    if t and (st := staat(t)) is not None:
        if w is not None:
            raise CellError(f"een getal bij '{t}'", "maak het getal leeg, of typ de tekst zoals de bron hem drukt")
        return st
    if not t:
        if w is not None or e:
            waar = f" ({tekst_cel.adres})" if tekst_cel is not None and tekst_cel.kolom > 1 else ""
            raise CellError(f"bij een nieuw product hoort naast het getal de tekst van de bron in de kolom '{kop}'{waar}, "
                          "en die is leeg", f"typ in '{kop}' letterlijk wat de bron zegt (bv. 'Duur van een traject is "
                          f"maximaal 12 maanden'), of typ daar '{NOT_STATED}' en maak het getal en de eenheid leeg")
        return {"staat": "niet-vermeld"}
    if w is not None and not e:
        raise CellError("een getal zonder eenheid", "typ de eenheid in de kolom erna (bv. maanden, uur)")
    return {"tekst": t, **({"waarde": w} if w is not None else {}), **({"eenheid": e} if e else {})}


def soort_kader(cel: Cell) -> str | dict:
    s = (tekst(cel) or "").strip()
    if not s:
        return {"staat": "niet-vermeld"}
    if (st := staat(s)) is not None:
        return st
    if s not in KADERS:
        raise CellError(f"onbekende soort kader '{s[:40]}'", f"kies een van: {', '.join(KADERS)}, of '{NOT_STATED}'")
    return KADERS[s]


def set_or_delete(value: Any) -> Any:
    return DELETE if value is None else value
