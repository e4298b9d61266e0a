"""The change report's types, and field-level differences with Dutch labels and values as the pages show them.

Used by ``macros.changes`` (which re-exports the types). The walk is generic (every field of every model, recursively), so a field added
to the model is reported without code changes here; ``LABELS`` only gives the main fields a reader's name.
A few composite values are shown as one value, the way the product page prints them (a tariff as
"€ 85,50 per uur", a duration as "9 maanden"). Lists are aligned item by item, so one edited result
shows as one change rather than as a shifted list.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from pydantic import BaseModel

from macros.model import Bron, Eenheid, Hoeveelheid, Tarief
from macros.catalogue.records import _Record
from macros.model.sourced import is_sourced_state
from macros.text import BLANK, getal, hoeveelheid, shown

GEEN = "—"  # an optional field or list item that is absent (the page shows nothing)

LABELS = {
    "code": "productcode", "naam": "naam", "productgroep": "productgroep", "producttype": "producttype",
    "status": "status", "gemeenten": "gemeenten", "omschrijving": "omschrijving", "doel": "doel",
    "doelgroep": "doelgroep", "resultaten": "resultaten", "eenheid": "eenheid", "tarief": "tarief",
    "normenkader": "normenkader", "normenkader.soort": "soort kader", "normenkader.max_duur": "maximale duur",
    "normenkader.max_volume": "maximaal volume", "normenkader.basis": "basis van het normenkader",
    "normenkader.uitzonderingsgronden": "uitzonderingsgronden", "functiemix": "functiemix",
    "functiemix.niveaus": "functieniveaus", "functiemix.toelichting": "functieprofiel",
    "functiemix.regiebehandelaar": "regiebehandelaar", "voorspelbaarheid": "voorspelbaarheid van de aanpak",
    "inzet": "duur en intensiteit", "groepsgrootte": "groepsgrootte", "eisen": "specifieke eisen",
    "uitsluitingen": "uitsluitingen", "uitsluitingen_voetnoot": "voetnoot bij de uitsluitingen",
    "samenloop": "samenloop", "bron": "bron", "aanvullende_bronnen": "aanvullende bronnen",
    "opmerkingen": "opmerkingen bij de bron",
    # regions
    "organisatie": "organisatie", "gemeenten_toelichting": "toelichting bij de gemeenten",
    "codes_volgen_jz020": "codes volgen de iJw-categorieën", "inleiding": "inleiding", "bronnen": "brondocumenten",
    "definities": "definities", "kaders": "kaders",
    # decision trees and their outcomes
    "titel": "titel", "regio": "regio", "start": "startvraag", "vragen": "vragen", "vragen.antwoorden": "antwoorden",
    "advies": "advies", "producten": "producten",
}
ITEMS = {  # the label of one item of a list field
    "resultaten": "resultaat", "eisen": "eis", "uitsluitingen": "uitsluiting", "opmerkingen": "opmerking",
    "normenkader.uitzonderingsgronden": "uitzonderingsgrond", "functiemix.niveaus": "functieniveau",
    "samenloop": "samenloopregel", "aanvullende_bronnen": "aanvullende bron", "bronnen": "brondocument",
    "definities": "definitie", "kaders": "kader", "vragen": "vraag", "vragen.antwoorden": "antwoord",
}
SAMEN_GETOOND = {"gemeenten", "producten", "velden", "productgroepen"}  # lists the pages print as one value
ALS_GEHEEL = (Tarief, Hoeveelheid, Eenheid, Bron)  # composites the pages print as one value
SOORTEN = ("gewijzigd", "hercodeerd", "toegevoegd", "verwijderd")  # order of product changes in every report


@dataclass(frozen=True)
class Veldwijziging:
    veld: str  # the field path, e.g. 'normenkader.max_duur' or 'resultaten[3]' (1-based)
    label: str  # what a reader calls it, e.g. 'maximale duur' or 'resultaat 3'
    oud: str  # rendered as the page shows it
    nieuw: str


@dataclass(frozen=True)
class ProductWijziging:
    soort: str  # one of SOORTEN
    regio: str
    id: str  # the id now; for a removed product the id it had
    code: str | None
    naam: str
    velden: tuple[Veldwijziging, ...] = ()
    was_id: str | None = None  # recoded: the id and code before
    was_code: str | None = None

    @property
    def ref(self) -> str:
        return f"{self.regio}/{self.id}"

    @property
    def url(self) -> str | None:
        """Site-relative URL of the product page; None for a removed product (it has no page)."""
        return None if self.soort == "verwijderd" else f"{self.regio}/{self.id}/"

    @property
    def anker(self) -> str:
        """Anchor of this product's entry on /wijzigingen/."""
        return f"{self.regio}-{self.id}"

    @property
    def titel(self) -> str:
        return f"{self.code} {self.naam}" if self.code else self.naam

    @property
    def was(self) -> str:
        """'45F21' (or the old id when there was no code): what the product was called before."""
        return self.was_code or self.was_id or ""


@dataclass(frozen=True)
class RegioWijzigingen:
    regio: str
    naam: str
    soort: str  # "gewijzigd", "toegevoegd" (new region file) or "verwijderd"
    producten: tuple[ProductWijziging, ...] = ()
    velden: tuple[Veldwijziging, ...] = ()  # changes to the region file itself

    def van(self, soort: str) -> list[ProductWijziging]:
        return [p for p in self.producten if p.soort == soort]


@dataclass(frozen=True)
class UitkomstWijziging:
    soort: str  # "gewijzigd", "toegevoegd", "verwijderd"
    id: str
    titel: str
    velden: tuple[Veldwijziging, ...] = ()


@dataclass(frozen=True)
class BoomWijziging:
    soort: str
    id: str
    titel: str
    regio: str | None = None  # None: a tree for more than one region
    uitkomsten: tuple[UitkomstWijziging, ...] = ()
    velden: tuple[Veldwijziging, ...] = ()  # other changes: title, questions, answers, sources

    @property
    def url(self) -> str | None:
        return None if self.soort == "verwijderd" else f"beslisbomen/{self.id}/"


@dataclass(frozen=True)
class BestandWijziging:
    """Any other data file (code table, matrix, section, taxonomy, synonyms): which top-level keys changed."""

    soort: str
    pad: str  # e.g. 'data/codetabellen/zuid-limburg.yaml'
    velden: tuple[str, ...] = ()
    regio: str | None = None  # the region whose page shows it, when there is one


@dataclass(frozen=True)
class Wijzigingen:
    regios: tuple[RegioWijzigingen, ...] = ()
    bomen: tuple[BoomWijziging, ...] = ()
    overig: tuple[BestandWijziging, ...] = ()
    basis: str | None = None  # what the old side was, e.g. "origin/main (3f2a9c1)"
    regionamen: dict[str, str] = field(default_factory=dict, compare=False)  # id -> name, every region of both sides

    @property
    def leeg(self) -> bool:
        return not (self.regios or self.bomen or self.overig)

    @property
    def producten(self) -> list[ProductWijziging]:
        return [p for r in self.regios for p in r.producten]

    def aantal(self, soort: str) -> int:
        return sum(p.soort == soort for p in self.producten)

    def anker(self, ref: str) -> str | None:
        """The anchor on /wijzigingen/ of a product (by its current 'regio/id'), or None if it did not change."""
        return next((p.anker for p in self.producten if p.ref == ref and p.url), None)



def label(pad: str) -> str:
    """'normenkader.max_duur' -> 'maximale duur'; 'functiemix.niveaus[2].aandeel' -> 'functieniveau 2 › aandeel'."""
    segs: list[str] = []
    vast, key = 0, ""
    for idx, naam in re.findall(r"\[(\d+)\]|([^.\[\]]+)", pad):
        if naam:
            key = f"{key}.{naam}" if key else naam
            segs = segs[:vast] + [LABELS[key]] if key in LABELS else [*segs, naam.replace("_", " ")]
        else:
            segs[-1] = f"{ITEMS.get(key, segs[-1])} {idx}"
            vast = len(segs)
    return " › ".join(segs)


def _velden(cls: type[BaseModel]) -> list[tuple[str, object]]:
    eigen = {"id", "regio", "pad"} if issubclass(cls, _Record) else set()  # identity, not data
    return [(n, info) for n, info in cls.model_fields.items() if n not in eigen]


def _laatste(pad: str) -> str:
    return re.sub(r"\[\d+\]", "", pad).rsplit(".", 1)[-1]


def _product(ref: str, cat) -> str:
    p = cat.producten.get(ref)
    return (p.code or p.naam) if p is not None else ref


def tekst(v, pad: str, cat) -> str:
    """A value as the site shows it; '' for nothing."""
    naam = _laatste(pad)
    if v is None:
        return ""
    if is_sourced_state(v):  # what the source says instead of a value, or an inference with its reason
        return shown(v, lambda x: tekst(x, pad, cat)).plain
    if isinstance(v, Tarief):
        s = BLANK if v.bedrag is None else f"€ {v.bedrag:.2f}".replace(".", ",") + (f" per {v.per}" if v.per else "")
        return s + (f" ({v.toelichting})" if v.toelichting else "")
    if isinstance(v, Hoeveelheid):
        kort = hoeveelheid(v)
        return kort if v.tekst == kort else f"{kort} ({v.tekst})"
    if isinstance(v, Eenheid):
        return v.soort + (f" ({v.toelichting})" if v.toelichting else "")
    if isinstance(v, Bron):
        return f"{v.sectie} ({v.document})" + (f", velden: {', '.join(v.velden)}" if v.velden else "")
    if isinstance(v, BaseModel):
        return " · ".join(t for n, _ in _velden(type(v)) if (t := tekst(getattr(v, n), f"{pad}.{n}", cat)))
    if isinstance(v, bool):
        return "ja" if v else "nee"
    if isinstance(v, (int, float)):
        return getal(v) + ("%" if naam == "aandeel" else "")
    if isinstance(v, list):
        if naam == "producten":
            return ", ".join(_product(r, cat) for r in v)
        return ", ".join(tekst(x, pad, cat) for x in v)
    if naam == "producttype" and v in cat.producttypen:
        return cat.producttypen[v].naam
    if naam == "gemeenten" and v == "alle":
        return "alle gemeenten van de regio"
    return str(v)


def _leeg(info) -> str:
    """A required field that may be null is a blank in the source: the page says so. Others show nothing."""
    return BLANK if info is not None and info.is_required() else GEEN


def _sleutel(x) -> str:
    return json.dumps(x.model_dump(mode="json"), sort_keys=True) if isinstance(x, BaseModel) else repr(x)


class _Loper:
    def __init__(self, oud_cat, nieuw_cat):
        self.ca, self.cb = oud_cat, nieuw_cat
        self.uit: list[Veldwijziging] = []

    def rij(self, pad: str, a, b, leeg: str) -> bool:
        ta, tb = tekst(a, pad, self.ca) or leeg, tekst(b, pad, self.cb) or leeg
        if ta != tb:
            self.uit.append(Veldwijziging(pad, label(pad), ta, tb))
        return ta != tb

    def model(self, a, b, pad: str, zonder: set[str] = frozenset()) -> None:
        cls = type(a if a is not None else b)
        for naam, info in _velden(cls):
            if naam not in zonder:
                self.diff(getattr(a, naam, None) if a is not None else None,
                          getattr(b, naam, None) if b is not None else None,
                          f"{pad}.{naam}" if pad else naam, _leeg(info))

    def diff(self, a, b, pad: str, leeg: str) -> None:
        if a == b:
            return
        if isinstance(a, BaseModel) or isinstance(b, BaseModel):
            verschillend = a is not None and b is not None and type(a) is not type(b)
            if isinstance(a if a is not None else b, ALS_GEHEEL) or verschillend or is_sourced_state(a if a is not None else b):
                if not self.rij(pad, a, b, leeg) and a is not None and b is not None and not verschillend:
                    self.model(a, b, pad)  # shown alike, but not equal: name the sub-field
                return
            self.model(a, b, pad)
        elif (isinstance(a, list) or a is None) and (isinstance(b, list) or b is None) \
                and _laatste(pad) not in SAMEN_GETOOND:
            self.lijst(a or [], b or [], pad)
        else:
            self.rij(pad, a, b, leeg)

    def lijst(self, a: list, b: list, pad: str) -> None:
        sm = SequenceMatcher(None, [_sleutel(x) for x in a], [_sleutel(x) for x in b], autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == "equal":
                continue
            for k in range(max(i2 - i1, j2 - j1)):
                x = a[i1 + k] if i1 + k < i2 else None
                y = b[j1 + k] if j1 + k < j2 else None
                p = f"{pad}[{(j1 if y is not None else i1) + k + 1}]"
                if x is None or y is None:
                    self.rij(p, x, y, GEEN)  # a whole item added or removed: one row
                else:
                    self.diff(x, y, p, GEEN)


def verschillen(a: BaseModel, b: BaseModel, oud_cat, nieuw_cat, zonder: set[str] = frozenset()) -> list[Veldwijziging]:
    """Every field that differs between two versions of one model (records: identity fields left out)."""
    loper = _Loper(oud_cat, nieuw_cat)
    loper.model(a, b, "", zonder)
    return loper.uit


def _gevuld(v) -> bool:
    return v not in (None, "", [])


def similarity(a: BaseModel, b: BaseModel) -> float:
    """Share of the filled-in fields (code left out) that two products have in common, 0..1."""
    namen = [n for n, _ in _velden(type(a)) if n != "code"]
    tel = [n for n in namen if _gevuld(getattr(a, n)) or _gevuld(getattr(b, n))]
    return sum(getattr(a, n) == getattr(b, n) for n in tel) / len(tel) if tel else 0.0
