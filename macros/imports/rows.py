"""From the product sheet's rows to changes per product file: what differs from the export is an edit.

A cell that still says what the export wrote for the product is no edit, whatever it holds; so importing an
unchanged export changes nothing. A row whose Product-id the region does not have is a new product.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from macros.imports import columns as c
from macros.imports.columns import CellError, fout
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

    nummer: int
    cellen: dict[str, Cell]
    id: str = ""
    nieuw: bool = False
    wijzigingen: dict[tuple[str, ...], Any] = field(default_factory=dict)  # existing product: path -> value
    product: dict[str, Any] = field(default_factory=dict)  # new product: the whole file
    doc: Any = None  # existing product: its file as ruamel.yaml read it (read, never changed)

    def cel(self, naam: str) -> Cell | None:
        return self.cellen.get(naam)


def changed_columns(rij: SheetRow, oud: dict[str, Any]) -> set[str]:
    """The columns the import reads whose cell differs from what the export wrote for the product."""
    return {n for n, cel in rij.cellen.items() if n in c.EDITABLE and norm(cel.waarde) != norm(oud.get(n))}


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

    def __init__(self, regio_gemeenten: list[str], typen: dict[str, str]):
        self.gemeenten = regio_gemeenten
        self.typen = typen
        self.fouten: list[ImportProblem] = []
        self.let_op: list[str] = []  # what the editor should know about an edit that is not an error

    def _probeer(self, cel: Cell, doe) -> Any:
        try:
            return doe()
        except CellError as e:
            self.fouten.append(fout(cel, e))
            return None

    # --- an existing product --------------------------------------------------------------------------

    def bestaand(self, rij: SheetRow, doc: Any, oud: dict[str, Any]) -> None:
        gewijzigd = changed_columns(rij, oud)
        w = rij.wijzigingen
        for naam in sorted(gewijzigd & set(c.EENVOUDIG)):
            cel = rij.cellen[naam]
            self._probeer(cel, lambda: self._eenvoudig(naam, cel, doc, w))
        if gewijzigd & set(c.TARIEF):
            cel = rij.cellen[next(n for n in c.TARIEF if n in gewijzigd)]
            self._probeer(cel, lambda: self._tarief(rij, doc, w, gewijzigd))
        if gewijzigd & set(c.KADER):
            self._kader(rij, doc, w, gewijzigd)
        for pad in w:
            oud_node = doc.get(pad[0]) if len(pad) == 1 else None
            if isinstance(oud_node, dict) and ("citaat" in oud_node or "reden" in oud_node):
                wat = "de reden van de redactie" if "reden" in oud_node else "het citaat uit de bron"
                self.let_op.append(f"{rij.id}: {pad[0]}: {wat} bij de oude waarde vervalt; de nieuwe waarde staat er "
                                   "als vermeld in de bron")

    def _eenvoudig(self, naam: str, cel: Cell, doc: Any, w: dict) -> None:
        if naam == "code":
            w[("code",)] = c.code(cel, doc.get("code") if isinstance(doc.get("code"), str) else None)
        elif naam in ("naam", "productgroep"):
            w[(naam,)] = c.tekst(cel, leeg_mag=False).strip()
        elif naam == "producttype":
            w[(naam,)] = c.producttype(cel, self.typen)
        elif naam == "eenheid":
            nieuw = c.eenheid(cel)
            base = _base(doc.get("eenheid"), ("eenheid",))
            if "soort" in nieuw and base is not None:
                w[base + ("soort",)] = nieuw["soort"]
            else:
                w[("eenheid",)] = nieuw
        elif naam == "gemeenten":
            w[(naam,)] = c.gemeenten(cel, self.gemeenten)
        elif naam == "status":
            w[(naam,)] = c.status(cel)
        elif naam in ("bron_document", "bron_sectie"):
            w[("bron", naam[5:])] = c.tekst(cel, leeg_mag=False).strip()

    def _tarief(self, rij: SheetRow, doc: Any, w: dict, gewijzigd: set[str]) -> None:
        nieuw = c.tarief({n: rij.cellen[n] for n in c.TARIEF if n in rij.cellen})
        base = _base(doc.get("tarief"), ("tarief",))
        if "bedrag" in nieuw and base is not None:  # keep the toelichting and the layout of the mapping
            if "tarief" in gewijzigd:
                w[base + ("bedrag",)] = nieuw["bedrag"]
            if "tarief_per" in gewijzigd:
                w[base + ("per",)] = nieuw.get("per", DELETE)
        else:
            w[("tarief",)] = nieuw

    def _kader(self, rij: SheetRow, doc: Any, w: dict, gewijzigd: set[str]) -> None:
        nk_base = _base(doc.get("normenkader"), ("normenkader",))
        if "soort_kader" in gewijzigd:
            cel = rij.cellen["soort_kader"]
            soort = self._probeer(cel, lambda: c.soort_kader(cel))
            if isinstance(soort, dict):  # no limit from the source: a number left in the row would be dropped unsaid
                getallen = [rij.cellen[n] for n in c.KADER[1:] if n.endswith(("_waarde", "_eenheid"))
                            and n in rij.cellen and rij.cellen[n].waarde not in (None, "")]
                if getallen:
                    self.fouten.append(fout(cel, CellError(
                        f"de soort kader zegt dat er geen kader uit de bron is, maar de rij noemt nog een maximum "
                        f"({', '.join(f'{g.adres}: {g.waarde:g}' if isinstance(g.waarde, float) else g.adres for g in getallen[:4])})",
                        "maak Maximale duur (getal) en (eenheid) en Maximaal volume (getal) en (eenheid) leeg, of kies een "
                        f"soort kader: {', '.join(c.KADERS)}")))
                    return
                w[("normenkader",)] = soort
                return
            if soort is not None:
                if nk_base is None:
                    self.fouten.append(fout(cel, CellError(
                        "dit product heeft geen kader uit de bron; een nieuw kader heeft de tekst van de bron nodig",
                        "voeg het normenkader toe in het YAML-bestand (zie de handleiding)")))
                    return
                w[nk_base + ("soort",)] = soort
        nk = _at(doc, nk_base) if nk_base else None
        for veld, kol in (("max_duur", "maximale_duur"), ("max_volume", "maximaal_volume")):
            delen = [n for n in (kol, kol + "_waarde", kol + "_eenheid") if n in gewijzigd]
            if not delen:
                continue
            cel = rij.cellen[delen[0]]
            if kol in gewijzigd:  # the text column: only a state can be typed there
                st = self._probeer(cel, lambda: c.staat(c.tekst(cel, leeg_mag=False)))
                if st is not None and nk_base is not None:
                    w[nk_base + (veld,)] = st
                    continue
                delen.remove(kol)  # anything else must say what the export says after the edit (checked later)
                if not delen:
                    continue
                cel = rij.cellen[delen[0]]
            h_base = _base(nk.get(veld), nk_base + (veld,)) if isinstance(nk, dict) else None
            if h_base is None or (isinstance(nk, dict) and nk.get("soort") == "richtinggevend-kader"):
                self.fouten.append(fout(cel, CellError(
                    "dit product heeft hier geen maximum uit de bron (geen kader, een richtinggevend kader, of een "
                    "duur of volume die de bron niet noemt)",
                    "voeg de duur of het volume toe in het YAML-bestand, met de tekst zoals de bron hem drukt")))
                continue
            if kol + "_waarde" in delen:
                cw = rij.cellen[kol + "_waarde"]
                if (g := self._probeer(cw, lambda: c.getal(cw))) is not None or cw.waarde in (None, ""):
                    w[h_base + ("waarde",)] = c.set_or_delete(g)
                    oude_tekst = str(_at(doc, h_base + ("tekst",)) or "")
                    if g is not None and not mentions_number(oude_tekst, g):
                        self.let_op.append(f"{rij.id}: {veld}: de tekst zoals de bron hem drukt ('{oude_tekst[:80]}') noemt "
                                           f"{g:g} niet; pas die tekst, en zo nodig het brondocument in data/bronnen/, aan "
                                           "in het YAML-bestand")
            if kol + "_eenheid" in delen:
                ce = rij.cellen[kol + "_eenheid"]
                e = self._probeer(ce, lambda: c.tekst(ce))
                w[h_base + ("eenheid",)] = c.set_or_delete(e.strip() if e else None)

    # --- a new product --------------------------------------------------------------------------------

    def nieuw(self, rij: SheetRow) -> None:
        leeg = Cell("", rij.nummer, 1, None)

        def cel(naam: str) -> Cell:
            return rij.cellen.get(naam) or Cell(leeg.blad, rij.nummer, 1, None)

        def lees(naam: str, doe, anders: Any = None) -> Any:
            k = cel(naam)
            if k.waarde in (None, ""):
                return anders
            return self._probeer(k, lambda: doe(k))

        def verplicht(naam: str, doe) -> Any:
            k = cel(naam)
            return self._probeer(k, lambda: doe(k))

        niet = {"staat": "niet-vermeld"}
        p: dict[str, Any] = {
            "code": lees("code", c.code),
            "naam": verplicht("naam", lambda k: c.tekst(k, leeg_mag=False).strip()),
            "productgroep": verplicht("productgroep", lambda k: c.tekst(k, leeg_mag=False).strip()),
            "producttype": verplicht("producttype", lambda k: c.producttype(k, self.typen)),
            "status": lees("status", c.status, niet),
            "gemeenten": lees("gemeenten", lambda k: c.gemeenten(k, self.gemeenten), niet),
            "omschrijving": niet, "doelgroep": niet,
            "eenheid": lees("eenheid", c.eenheid, niet),
            "tarief": self._probeer(cel("tarief_status"), lambda: c.tarief({n: cel(n) for n in c.TARIEF})),
            "normenkader": self._nieuw_kader(cel),
            "functiemix": niet,
            "bron": {"document": verplicht("bron_document", lambda k: c.tekst(k, leeg_mag=False).strip()),
                     "sectie": verplicht("bron_sectie", lambda k: c.tekst(k, leeg_mag=False).strip())},
        }
        notes = lees("opmerkingen", c.tekst)
        if notes:
            p["opmerkingen"] = [n.strip() for n in notes.split(" | ") if n.strip()]
        rij.product = p

    def _nieuw_kader(self, cel) -> Any:
        k = cel("soort_kader")
        soort = self._probeer(k, lambda: c.soort_kader(k))
        if isinstance(soort, dict) or soort is None:
            gevuld = [cel(n) for n in c.KADER[1:] if cel(n).waarde not in (None, "")]
            if gevuld and soort is not None:
                self.fouten.append(fout(gevuld[0], CellError("een duur of volume zonder soort kader",
                                                           f"kies bij 'Soort kader' een van: {', '.join(c.KADERS)}")))
            return soort
        if soort == "richtinggevend-kader":
            self.fouten.append(fout(k, CellError("een richtinggevend kader kan niet uit Excel worden ingelezen",
                                               "voeg het product in met een ander kader of zonder, en schrijf het "
                                               "richtinggevende kader in het YAML-bestand")))
            return None
        kader: dict[str, Any] = {"soort": soort}
        for veld, kol in (("max_duur", "maximale_duur"), ("max_volume", "maximaal_volume")):
            kader[veld] = self._probeer(cel(kol + "_waarde"), lambda: c.hoeveelheid(
                cel(kol), cel(kol + "_waarde"), cel(kol + "_eenheid"), "Maximale duur" if veld == "max_duur" else "Maximaal volume"))
        return kader


def product_id(rij: SheetRow) -> str | None:
    """The row's Product-id, or the code in lower case for a new row without one (a code typed as a number
    read as ``columns.code`` reads it; raises CellError when that is ambiguous)."""
    cel = rij.cellen.get("id")
    v = cel.waarde if cel else None
    if isinstance(v, str) and v.strip():
        return v.strip()
    code = rij.cellen.get("code")
    if code is not None and isinstance(code.waarde, float):
        return c.code(code).lower()
    if code is not None and isinstance(code.waarde, str) and code.waarde.strip() and not c.no_code(code.waarde):
        return code.waarde.strip().lower()
    return None


def slug_fout(pid: str) -> CellError | None:
    if re.fullmatch(SLUG_PATTERN, pid):
        return None
    return CellError(f"Product-id '{pid[:40]}' is geen geldige bestandsnaam",
                   "gebruik kleine letters, cijfers en koppeltekens (bv. 45f21 of groepsbegeleiding); het id wordt "
                   "de bestandsnaam en het webadres van het product")
