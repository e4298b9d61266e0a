"""What the source says about a product's values, ready for the templates: the value or the state
(none, blank, not mentioned, inferred with its reason), the source's words linked to their section on
/bronnen/<document>/, and the notes (opmerkingen) that concern the field.

One place decides this for every page that shows a value: product page, card, tables, comparisons,
municipality pages, decision-tree outcomes (the exports use ``Shown.plain``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from macros.catalogue.loader import Catalogue
from macros.catalogue.provenance import locate, place_of
from macros.catalogue.records import ProductRecord
from macros.model import Bron, notes_about
from macros.model.sourced import state_of, value_of
from macros.text import (
    ALLE_GEMEENTEN,
    LIMIT_KINDS,
    NOT_STATED,
    Shown,
    gemeenten_tekst,
    limit,
    limit_labels,
    shown,
    tarief_tekst,
    with_link,
)

EDITORIAL_TYPE = "indeling van de redactie, om producten van regio's te vergelijken"


def sources_of(p: ProductRecord) -> list[Bron]:
    return [p.bron, *p.aanvullende_bronnen]


def say(cat: Catalogue, p: ProductRecord, v: Any, fmt: Callable[[Any], str] = str) -> Shown:
    """A product's sourced value as the site says it, its quote linked to the section that holds it."""
    s = shown(v, fmt)
    if s.quote:
        place = locate(cat, sources_of(p), s.quote)
        s = with_link(s, place.url if place else None)
    return s


def status_class(v: Any) -> str:
    """CSS modifier of a status badge: the stated or inferred value, else the state."""
    return str(value_of(v) or state_of(v))


def eenheid_tekst(e: Any) -> str:
    return e.soort


def gemeenten(cat: Catalogue, p: ProductRecord) -> Shown:
    s = say(cat, p, p.gemeenten, gemeenten_tekst)
    if value_of(p.gemeenten) == "alle" and cat.regios[p.regio].gemeenten:
        s = Shown(s.state, f"{ALLE_GEMEENTEN} (de bronnen noemen: {', '.join(cat.regios[p.regio].gemeenten)})",
                  s.quote, s.reason, s.link)
    return s


def duration(cat: Catalogue, p: ProductRecord) -> Shown:
    return _link(cat, p, limit(p.normenkader, "max_duur"))


def volume(cat: Catalogue, p: ProductRecord) -> Shown:
    return _link(cat, p, limit(p.normenkader, "max_volume"))


def _link(cat: Catalogue, p: ProductRecord, s: Shown) -> Shown:
    if s.quote:
        place = locate(cat, sources_of(p), s.quote)
        return with_link(s, place.url if place else None)
    return s


def ijw(cat: Catalogue, p: ProductRecord) -> Shown:
    """The national iJw category, only where a source says the region's codes follow JZ020 (or the editors
    infer it, with their reason)."""
    volgt = cat.regios[p.regio].codes_volgen_jz020
    if not p.code:
        return Shown("vermeld", "–")
    s = shown(volgt, lambda v: "")
    if value_of(volgt) is True:
        naam = cat.ijw_category(p)
        text = f"{p.code[:2]} {naam}" if naam else "geen landelijke categorie bij deze code"
        return Shown(s.state, text, s.quote, s.reason)
    if value_of(volgt) is False:
        return Shown(s.state, "regionale code", s.quote, s.reason)
    return Shown(s.state, f"{NOT_STATED} (de bron zegt niet of de codes de landelijke iJw-indeling volgen)")


def fact_rows(cat: Catalogue, p: ProductRecord) -> list[dict]:
    """The key facts of a product: (veld, label, value as Shown, note under it, notes about the field)."""
    duur_label, volume_label = limit_labels(p.normenkader)
    nk = value_of(p.normenkader)
    eenheid = value_of(p.eenheid)
    tarief = value_of(p.tarief)
    # The facts a reader looks for first (code, status, unit, tariff, limits, municipalities), then the
    # classification: on a phone the first ones are in the first screen (issue 29).
    rows = [
        ("code", "Productcode", Shown("vermeld", p.code) if p.code else Shown("leeg", "geen code in de bron"), None),
        ("status", "Status", say(cat, p, p.status), None),
        ("eenheid", "Eenheid", say(cat, p, p.eenheid, eenheid_tekst), getattr(eenheid, "toelichting", None)),
        ("tarief", "Tarief", say(cat, p, p.tarief, tarief_tekst), getattr(tarief, "toelichting", None)),
        ("duur", duur_label, duration(cat, p), _printed(nk, "max_duur")),
        ("volume", volume_label, volume(cat, p), _printed(nk, "max_volume")),
        ("gemeenten", "Gemeenten", gemeenten(cat, p), None),
        ("productgroep", "Productgroep", say(cat, p, p.productgroep), None),
        ("producttype", "Producttype", Shown("afgeleid", cat.producttypen[p.producttype].naam, reason=EDITORIAL_TYPE),
         None),
        ("ijw", "iJw-categorie", ijw(cat, p), None),
    ]
    fields = {"duur": "normenkader", "volume": "normenkader", "ijw": "code"}
    printed = {"duur": _printed(nk, "max_duur"), "volume": _printed(nk, "max_volume")}
    return [{"veld": veld, "label": label, "s": s, "toelichting": None if veld in printed else note,
             "gedrukt": _printed_link(cat, p, printed[veld]) if veld in printed else None,
             "notes": notes_about(p, fields.get(veld, veld))}
            for veld, label, s, note in rows]


def _printed_link(cat: Catalogue, p: ProductRecord, text: str | None) -> dict | None:
    """The duration or volume as printed, linked to the passage where the source prints it."""
    if not text:
        return None
    place = locate(cat, sources_of(p), text)
    return {"text": text, "url": place.url if place else None}


def _printed(nk: Any, veld: str) -> str | None:
    """The text as printed, when the short form differs from it (e.g. 'Duur van een traject is maximaal 9 maanden')."""
    if nk is None:
        return None
    h = value_of(getattr(nk, veld))
    if h is None:
        return None
    from macros.text import hoeveelheid

    return h.tekst if h.tekst != hoeveelheid(h) else None


def kind_label(p: ProductRecord) -> str | None:
    nk = value_of(p.normenkader)
    return LIMIT_KINDS[nk.soort] if nk else None


def source_line(cat: Catalogue, bron: Bron) -> dict:
    """A source reference as shown: document, section title and the link to the section."""
    place = place_of(cat, bron)
    return {"bron": bron, "titel": place.section.title if place else bron.sectie,
            "url": place.url if place else None, "regel": place.section.line if place else None}
