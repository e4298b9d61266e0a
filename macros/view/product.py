"""The view of a product: every fact as the site says it, built once per catalogue.

Per fact (``Fact``): its label, its state, the shown text, the source's words linked to their section on
/bronnen/<document>/, and the notes (opmerkingen) that concern it, with their numbers. Every output reads
it: the product page, cards and tables, comparisons, municipality pages, decision-tree outcomes, the finder's
cards, the CSV/Excel columns. None of them decides on its own how a value is said.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from macros.catalogue.loader import Catalogue
from macros.catalogue.provenance import locate, place_of
from macros.catalogue.records import ProductRecord
from macros.model import Bron, Opmerking, notes_about
from macros.model.sourced import state_of, value_of
from macros.text import quantity_text
from macros.view.values import (
    Shown,
    levels_text,
    limit,
    limit_labels,
    municipalities_text,
    shown,
    tariff_text,
    unit_text,
    with_link,
)
from macros.view.words import (
    ALL_MUNICIPALITIES,
    EDITORIAL_TYPE,
    LIMIT_KINDS,
    NO_CODE,
    NOT_STATED,
    label,
)


def sources_of(p: ProductRecord) -> list[Bron]:
    return [p.bron, *p.aanvullende_bronnen]


def _linked(cat: Catalogue, p: ProductRecord, s: Shown) -> Shown:
    if s.quote:
        place = locate(cat, sources_of(p), s.quote)
        return with_link(s, place.url if place else None)
    return s


def say(cat: Catalogue, p: ProductRecord, v: Any, fmt: Callable[[Any], str] = str) -> Shown:
    """A product's sourced value as the site says it, its quote linked to the section that holds it."""
    return _linked(cat, p, shown(v, fmt))


def status_class(v: Any) -> str:
    """CSS modifier of a status badge: the stated or inferred value, else the state."""
    return str(value_of(v) or state_of(v))


def municipalities(cat: Catalogue, p: ProductRecord) -> Shown:
    s = say(cat, p, p.gemeenten, municipalities_text)
    if value_of(p.gemeenten) == "alle" and cat.regios[p.regio].gemeenten:
        s = Shown(s.state, f"{ALL_MUNICIPALITIES} (de bronnen noemen: {', '.join(cat.regios[p.regio].gemeenten)})",
                  s.quote, s.reason, s.link)
    return s


def tariff(cat: Catalogue, p: ProductRecord) -> Shown:
    """The tariff; one whose amount the source prints blank ('€ per uur') is a blank, said with its unit."""
    s = say(cat, p, p.tarief, tariff_text)
    if s.state == "vermeld" and value_of(p.tarief).bedrag is None:
        return Shown("leeg", s.text, s.quote, s.reason, s.link)
    return s


def duration(cat: Catalogue, p: ProductRecord) -> Shown:
    return _linked(cat, p, limit(p.normenkader, "max_duur"))


def volume(cat: Catalogue, p: ProductRecord) -> Shown:
    return _linked(cat, p, limit(p.normenkader, "max_volume"))


def ijw(cat: Catalogue, p: ProductRecord) -> Shown:
    """The national iJw category, only where a source says the region's codes follow JZ020 (or the editors
    infer it, with their reason)."""
    follows_jz020 = cat.regios[p.regio].codes_volgen_jz020
    if not p.code:
        return Shown("leeg", "–")  # no code, no category
    s = shown(follows_jz020, lambda v: "")
    if value_of(follows_jz020) is True:
        category_name = cat.ijw_category(p)
        text = f"{p.code[:2]} {category_name}" if category_name else "geen landelijke categorie bij deze code"
        return Shown(s.state, text, s.quote, s.reason)
    if value_of(follows_jz020) is False:
        return Shown(s.state, "regionale code", s.quote, s.reason)
    return Shown(s.state, f"{NOT_STATED} (de bron zegt niet of de codes de landelijke iJw-indeling volgen)")


@dataclass(frozen=True)
class Fact:
    """One fact of a product as every output says it."""

    veld: str  # the fact's key (code, status, eenheid, tarief, duur, volume, gemeenten, ...)
    label: str
    s: Shown  # state, shown text, quote, reason, link
    notes: tuple[str, ...] = ()  # the notes (opmerkingen) that concern the fact, as written
    numbers: tuple[int, ...] = ()  # their numbers among the product's notes (1-based, as "Let op" lists them)
    toelichting: str | None = None  # a remark under the value (the unit's or the tariff's toelichting)
    gedrukt: dict | None = None  # a limit as printed, with the link to where the source prints it

    @property
    def state(self) -> str:
        return self.s.state

    @property
    def text(self) -> str:
        return self.s.text

    @property
    def plain(self) -> str:
        return self.s.plain


@dataclass(frozen=True)
class ProductView:
    p: ProductRecord
    facts: dict[str, Fact]  # in reading order

    def __getitem__(self, key: str) -> Fact:
        return self.facts[key]

    @property
    def rows(self) -> list[Fact]:
        """The key facts on the product page, in the order a reader looks for them."""
        return [self.facts[v] for v in KEY_FACTS]


# The facts a reader looks for first (code, status, unit, tariff, limits, municipalities), then the
# classification: on a phone the first ones are in the first screen (issue 29).
KEY_FACTS = ("code", "status", "eenheid", "tarief", "duur", "volume", "gemeenten", "productgroep", "producttype", "ijw")
# The model field a fact shows: the notes about that field go with the fact.
FACT_FIELDS = {"duur": "normenkader", "volume": "normenkader", "ijw": "code", "functieniveau": "functiemix"}


def _fact(p: ProductRecord, key: str, s: Shown, fact_label: str | None = None, **extra) -> Fact:
    field = FACT_FIELDS.get(key, key)
    texts = notes_about(p, field)
    numbered = [o.tekst if isinstance(o, Opmerking) else o for o in p.opmerkingen]
    numbers = tuple(numbered.index(t) + 1 for t in texts if t in numbered)
    return Fact(key, fact_label or label(key), s, tuple(texts), numbers, **extra)


def _build(cat: Catalogue, p: ProductRecord) -> ProductView:
    duration_label, volume_label = limit_labels(p.normenkader)
    limit_frame = value_of(p.normenkader)
    facts = [
        _fact(p, "code", Shown("vermeld", p.code) if p.code else Shown("leeg", NO_CODE)),
        _fact(p, "status", say(cat, p, p.status)),
        _fact(p, "eenheid", say(cat, p, p.eenheid, unit_text),
              toelichting=getattr(value_of(p.eenheid), "toelichting", None)),
        _fact(p, "tarief", tariff(cat, p), toelichting=getattr(value_of(p.tarief), "toelichting", None)),
        _fact(p, "duur", duration(cat, p), duration_label, gedrukt=_printed_link(cat, p, _printed(limit_frame, "max_duur"))),
        _fact(p, "volume", volume(cat, p), volume_label, gedrukt=_printed_link(cat, p, _printed(limit_frame, "max_volume"))),
        _fact(p, "gemeenten", municipalities(cat, p)),
        _fact(p, "productgroep", say(cat, p, p.productgroep)),
        # the product type is the editors' classification, not a field of the source: an inference, with its reason
        _fact(p, "producttype", Shown("afgeleid", cat.producttypen[p.producttype].naam, reason=EDITORIAL_TYPE)),
        _fact(p, "ijw", ijw(cat, p)),
        _fact(p, "normenkader", say(cat, p, p.normenkader, lambda v: LIMIT_KINDS[v.soort])),
        _fact(p, "functieniveau", say(cat, p, p.functiemix, levels_text)),
        _fact(p, "functiemix", say(cat, p, p.functiemix, lambda v: "")),
        _fact(p, "omschrijving", say(cat, p, p.omschrijving)),
        _fact(p, "doel", say(cat, p, p.doel)),
        _fact(p, "doelgroep", say(cat, p, p.doelgroep)),
        _fact(p, "groepsgrootte", Shown("vermeld", p.groepsgrootte or "–")),
    ]
    return ProductView(p, {f.veld: f for f in facts})


def view_of(cat: Catalogue, p: ProductRecord) -> ProductView:
    """The view of one product, built once per catalogue (a new catalogue, e.g. on a rebuild, starts anew)."""
    cache = cat.__dict__.get("_product_views")  # the catalogue is frozen; its __dict__ holds caches
    if cache is None:
        cache = cat.__dict__.setdefault("_product_views", {})
    ref = p.ref
    v = cache.get(ref)
    if v is None or v.p is not p:
        v = cache[ref] = _build(cat, p)
    return v


def fact_rows(cat: Catalogue, p: ProductRecord) -> list[Fact]:
    """The key facts of a product, in reading order."""
    return view_of(cat, p).rows


def _printed_link(cat: Catalogue, p: ProductRecord, text: str | None) -> dict | None:
    """The duration or volume as printed, linked to the passage where the source prints it."""
    if not text:
        return None
    place = locate(cat, sources_of(p), text)
    return {"text": text, "url": place.url if place else None}


def _printed(limit_frame: Any, key: str) -> str | None:
    """The text as printed, when the short form differs from it (e.g. 'Duur van een traject is maximaal 9 maanden')."""
    if limit_frame is None:
        return None
    h = value_of(getattr(limit_frame, key))
    if h is None:
        return None
    return h.tekst if h.tekst != quantity_text(h) else None


def kind_label(p: ProductRecord) -> str | None:
    limit_frame = value_of(p.normenkader)
    return LIMIT_KINDS[limit_frame.soort] if limit_frame else None


def source_line(cat: Catalogue, source: Bron) -> dict:
    """A source reference as shown: document, section title and the link to the section."""
    place = place_of(cat, source)
    return {"bron": source, "titel": place.section.title if place else source.sectie,
            "url": place.url if place else None, "regel": place.section.line if place else None}

