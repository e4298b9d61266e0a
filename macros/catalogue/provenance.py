"""Provenance: every source reference names a document in data/bronnen/ and one of its sections, and every
quote recorded in the data occurs there word for word (whitespace folded).

Used by the loader (errors in Dutch, naming file, field and line) and by the pages (a quote or a source
line links to the section of /bronnen/<document>/ where it is).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from macros.catalogue.errors import DataError, field_path
from macros.catalogue.sources import Section, SourceDocument
from macros.model import Bron, Hoeveelheid
from macros.model.sourced import QUOTED_CLASSES, Afgeleid, Vermeld

if TYPE_CHECKING:
    from macros.catalogue.loader import Catalogue

Pad = tuple


@dataclass(frozen=True)
class Place:
    """A section of a source document: where a value comes from."""

    doc: SourceDocument
    section: Section

    @property
    def url(self) -> str:
        """Site-relative URL of the section on the document's page."""
        return f"bronnen/{self.doc.stem}/#{self.section.anchor}"


def place_of(cat: Catalogue, bron: Bron) -> Place | None:
    doc = cat.bronnen.get(bron.document)
    section = doc.section(bron.sectie) if doc else None
    return Place(doc, section) if section else None


def places_of(cat: Catalogue, bronnen: list[Bron]) -> list[Place]:
    return [pl for b in bronnen if (pl := place_of(cat, b)) is not None]


def locate(cat: Catalogue, bronnen: list[Bron], quote: str) -> Place | None:
    """The smallest section, within the given sources' sections, that contains the quote."""
    best = None
    for pl in places_of(cat, bronnen):
        s = pl.doc.locate_in(pl.section, quote)
        if s is not None and (best is None or (s.end - s.start) < (best.section.end - best.section.start)):
            best = Place(pl.doc, s)
    return best


# --- walking the data for references and quotes -------------------------------------------------------


def sourced_quotes(model: BaseModel, pad: Pad = ()) -> Iterator[tuple[Pad, str]]:
    """(YAML path, quote) of every quote in a model: 'citaat' of a sourced value, and the printed text of a
    duration or volume (Hoeveelheid.tekst). Bron entries are left out (they are checked on their own)."""
    for naam in type(model).model_fields:
        yield from _quotes_in(getattr(model, naam), pad + (naam,))


def _quotes_in(v: Any, pad: Pad) -> Iterator[tuple[Pad, str]]:
    if isinstance(v, Bron):
        return
    if isinstance(v, QUOTED_CLASSES):
        if v.citaat:
            yield pad + ("citaat",), v.citaat
        if isinstance(v, (Vermeld, Afgeleid)):
            yield from _quotes_in(v.waarde, pad + ("waarde",))
    elif isinstance(v, Hoeveelheid):
        yield pad + ("tekst",), v.tekst
    elif isinstance(v, BaseModel):
        yield from sourced_quotes(v, pad)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            yield from _quotes_in(x, pad + (i,))


def _bron_uses(cat: Catalogue, data_map: str) -> Iterator[tuple[str, Pad, Bron]]:
    """(file, path, Bron) of every source reference in the data."""
    for p in cat.producten.values():
        yield p.pad, ("bron",), p.bron
        for i, b in enumerate(p.aanvullende_bronnen):
            yield p.pad, ("aanvullende_bronnen", i), b
    for r in cat.regios.values():
        for i, d in enumerate(r.definities):
            yield r.pad, ("definities", i, "bron"), d.bron
        for i, k in enumerate(r.kaders):
            yield r.pad, ("kaders", i, "bron"), k.bron
            for j, b in enumerate(k.aanvullende_bronnen):
                yield r.pad, ("kaders", i, "aanvullende_bronnen", j), b
    for lijst in cat.secties.values():
        for s in lijst:
            yield s.pad, ("bron",), s.bron
            for j, b in enumerate(s.aanvullende_bronnen):
                yield s.pad, ("aanvullende_bronnen", j), b
    for regio, tabel in cat.codetabellen.items():
        yield f"{data_map}/codetabellen/{regio}.yaml", ("bron",), tabel.bron
    for lijst in cat.matrices.values():
        for m in lijst:
            yield m.pad, ("bron",), m.bron
    for boom in cat.beslisbomen.values():
        yield boom.pad, ("bron",), boom.bron
        for i, b in enumerate(boom.aanvullende_bronnen):
            yield boom.pad, ("aanvullende_bronnen", i), b
    for i, syn in enumerate(cat.synoniemen):
        if syn.bron is not None:
            yield f"{data_map}/synoniemen.yaml", ("synoniemen", i, "bron"), syn.bron


def _fout(cat: Catalogue, bestand: str, pad: Pad, probleem: str, oplossing: str) -> DataError:
    yf = cat.bestanden.get(bestand)
    return DataError(bestand, yf.line_of(pad) if yf else None, field_path(pad), probleem, oplossing)


def _kort(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _reference_errors(cat: Catalogue, bestand: str, pad: Pad, bron: Bron, data_map: str) -> Iterator[DataError]:
    doc = cat.bronnen.get(bron.document)
    if doc is None:
        yield _fout(cat, bestand, pad + ("document",), f"brondocument '{bron.document}' staat niet in {data_map}/bronnen/",
                    f"zet het document als .txt in {data_map}/bronnen/, of kies een van: {', '.join(sorted(cat.bronnen)) or '(geen)'}")
        return
    if doc.section(bron.sectie) is not None:
        if bron.citaat and not doc.contains(doc.section(bron.sectie), bron.citaat):
            yield _fout(cat, bestand, pad + ("citaat",),
                        f"citaat '{_kort(bron.citaat)}' staat niet letterlijk in sectie '{doc.section(bron.sectie).title}' van {doc.name}",
                        "neem de woorden van de bron letterlijk over (spaties en regeleinden tellen niet mee), of kies de sectie waar ze staan")
        return
    if dubbel := doc.ambiguous(bron.sectie):
        keuzes = ", ".join(f"{s.anchor} (regel {s.line})" for s in dubbel)
        yield _fout(cat, bestand, pad + ("sectie",), f"de kop '{_kort(bron.sectie)}' komt {len(dubbel)} keer voor in {doc.name}",
                    f"schrijf het anker van de bedoelde sectie: {keuzes}")
        return
    hint = ", ".join(f"'{t}'" for t in _nearest_titles(doc, bron.sectie))
    yield _fout(cat, bestand, pad + ("sectie",), f"sectie '{_kort(bron.sectie)}' bestaat niet in {doc.name}",
                f"schrijf een kop zoals het document hem drukt (zie /bronnen/{doc.stem}/)" + (f", bv. {hint}" if hint else ""))


def _nearest_titles(doc: SourceDocument, ref: str, n: int = 3) -> list[str]:
    """Headings that look like what the editor wrote: all its words in the heading first, then by similarity."""
    woorden = set(ref.lower().split())
    titels = list(dict.fromkeys(s.title for s in doc.sections))

    def score(t: str) -> tuple:
        return (woorden <= set(t.lower().split()), difflib.SequenceMatcher(None, ref.lower(), t.lower()).ratio())

    return [t for t in sorted(titels, key=score, reverse=True)[:n] if score(t)[0] or score(t)[1] >= 0.5]


def _quote_error(cat: Catalogue, bestand: str, pad: Pad, quote: str, bronnen: list[Bron], wat: str) -> DataError | None:
    if not places_of(cat, bronnen) or locate(cat, bronnen, quote) is not None:
        return None  # an unresolvable source is reported once, on the source itself
    secties = "; ".join(f"'{pl.section.title}' ({pl.doc.name})" for pl in places_of(cat, bronnen))
    return _fout(cat, bestand, pad, f"{wat} '{_kort(quote)}' staat niet letterlijk in de bron ({secties})",
                 "neem de woorden van de bron letterlijk over (spaties en regeleinden tellen niet mee), "
                 "of noem de sectie waar ze staan in 'bron' of 'aanvullende_bronnen'")


def run_checks(cat: Catalogue, data_map: str) -> list[DataError]:
    out: list[DataError] = []
    for r in cat.regios.values():
        for i, b in enumerate(r.bronnen):
            if b.document not in cat.bronnen:
                out.append(_fout(cat, r.pad, ("bronnen", i, "document"), f"brondocument '{b.document}' staat niet in {data_map}/bronnen/",
                                 f"zet het document als .txt in {data_map}/bronnen/, of kies een van: {', '.join(sorted(cat.bronnen)) or '(geen)'}"))
    for bestand, pad, bron in _bron_uses(cat, data_map):
        out.extend(_reference_errors(cat, bestand, pad, bron, data_map))
    for p in cat.producten.values():
        bronnen = [p.bron, *p.aanvullende_bronnen]
        for pad, quote in sourced_quotes(p):
            wat = "de tekst" if pad[-1] == "tekst" else "citaat"
            if f := _quote_error(cat, p.pad, pad, quote, bronnen, wat):
                out.append(f)
    for boom in cat.beslisbomen.values():
        bronnen = [boom.bron, *boom.aanvullende_bronnen]
        for soort, nodes in (("vragen", boom.vragen), ("uitkomsten", boom.uitkomsten)):
            for i, node in enumerate(nodes):
                if node.herkomst.citaat and (f := _quote_error(cat, boom.pad, (soort, i, "herkomst", "citaat"),
                                                               node.herkomst.citaat, bronnen, "citaat")):
                    out.append(f)
    for lijst in cat.matrices.values():
        for m in lijst:
            for pad, quote in sourced_quotes(m):
                if f := _quote_error(cat, m.pad, pad, quote, [m.bron], "de tekst"):
                    out.append(f)
    return out
