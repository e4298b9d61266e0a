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
from macros.catalogue.yamlerrors import KeyPath
from macros.model import Bron, Hoeveelheid
from macros.model.sourced import QUOTED_CLASSES, Afgeleid, Vermeld

if TYPE_CHECKING:
    from macros.catalogue.loader import Catalogue


@dataclass(frozen=True)
class Place:
    """A section of a source document: where a value comes from."""

    doc: SourceDocument
    section: Section

    @property
    def url(self) -> str:
        """Site-relative URL of the section on the document's page."""
        return f"bronnen/{self.doc.stem}/#{self.section.anchor}"


def place_of(cat: Catalogue, source: Bron) -> Place | None:
    doc = cat.bronnen.get(source.document)
    section = doc.section(source.sectie) if doc else None
    return Place(doc, section) if section else None


def places_of(cat: Catalogue, sources: list[Bron]) -> list[Place]:
    return [place for b in sources if (place := place_of(cat, b)) is not None]


def locate(cat: Catalogue, sources: list[Bron], quote: str) -> Place | None:
    """The smallest section, within the given sources' sections, that contains the quote."""
    best = None
    for place in places_of(cat, sources):
        s = place.doc.locate_in(place.section, quote)
        if s is not None and (best is None or (s.end - s.start) < (best.section.end - best.section.start)):
            best = Place(place.doc, s)
    return best


# --- walking the data for references and quotes -------------------------------------------------------


def sourced_quotes(model: BaseModel, path: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """(YAML path, quote) of every quote in a model: 'citaat' of a sourced value, and the printed text of a
    duration or volume (Hoeveelheid.tekst). Bron entries are left out (they are checked on their own)."""
    for name in type(model).model_fields:
        yield from _quotes_in(getattr(model, name), path + (name,))


def _quotes_in(v: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(v, Bron):
        return
    if isinstance(v, QUOTED_CLASSES):
        if v.citaat:
            yield path + ("citaat",), v.citaat
        if isinstance(v, (Vermeld, Afgeleid)):
            yield from _quotes_in(v.waarde, path + ("waarde",))
    elif isinstance(v, Hoeveelheid):
        yield path + ("tekst",), v.tekst
    elif isinstance(v, BaseModel):
        yield from sourced_quotes(v, path)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            yield from _quotes_in(x, path + (i,))


def _source_uses(cat: Catalogue, data_folder: str) -> Iterator[tuple[str, KeyPath, Bron]]:
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
    for listing in cat.secties.values():
        for s in listing:
            yield s.pad, ("bron",), s.bron
            for j, b in enumerate(s.aanvullende_bronnen):
                yield s.pad, ("aanvullende_bronnen", j), b
    for region, table in cat.codetabellen.items():
        yield f"{data_folder}/codetabellen/{region}.yaml", ("bron",), table.bron
    for listing in cat.matrices.values():
        for m in listing:
            yield m.pad, ("bron",), m.bron
    for tree in cat.beslisbomen.values():
        yield tree.pad, ("bron",), tree.bron
        for i, b in enumerate(tree.aanvullende_bronnen):
            yield tree.pad, ("aanvullende_bronnen", i), b
    for i, syn in enumerate(cat.synoniemen):
        if syn.bron is not None:
            yield f"{data_folder}/synoniemen.yaml", ("synoniemen", i, "bron"), syn.bron


def _error(cat: Catalogue, file: str, path: KeyPath, problem: str, fix: str) -> DataError:
    yf = cat.bestanden.get(file)
    return DataError(file, yf.line_of(path) if yf else None, field_path(path), problem, fix)


def _clip(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _reference_errors(cat: Catalogue, file: str, path: KeyPath, source: Bron, data_folder: str) -> Iterator[DataError]:
    doc = cat.bronnen.get(source.document)
    if doc is None:
        yield _error(cat, file, path + ("document",), f"brondocument '{source.document}' staat niet in {data_folder}/bronnen/",
                    f"zet het document als .txt in {data_folder}/bronnen/, of kies een van: {', '.join(sorted(cat.bronnen)) or '(geen)'}")
        return
    if doc.section(source.sectie) is not None:
        if source.citaat and not doc.contains(doc.section(source.sectie), source.citaat):
            yield _error(cat, file, path + ("citaat",),
                        f"citaat '{_clip(source.citaat)}' staat niet letterlijk in sectie '{doc.section(source.sectie).title}' van {doc.name}",
                        "neem de woorden van de bron letterlijk over (spaties en regeleinden tellen niet mee), of kies de sectie waar ze staan")
        return
    if twice := doc.ambiguous(source.sectie):
        choices = ", ".join(f"{s.anchor} (regel {s.line})" for s in twice)
        yield _error(cat, file, path + ("sectie",), f"de kop '{_clip(source.sectie)}' komt {len(twice)} keer voor in {doc.name}",
                    f"schrijf het anker van de bedoelde sectie: {choices}")
        return
    hint = ", ".join(f"'{t}'" for t in _nearest_titles(doc, source.sectie))
    yield _error(cat, file, path + ("sectie",), f"sectie '{_clip(source.sectie)}' bestaat niet in {doc.name}",
                f"schrijf een kop zoals het document hem drukt (zie /bronnen/{doc.stem}/)" + (f", bv. {hint}" if hint else ""))


def _nearest_titles(doc: SourceDocument, ref: str, n: int = 3) -> list[str]:
    """Headings that look like what the editor wrote: all its words in the heading first, then by similarity."""
    words = set(ref.lower().split())
    titles = list(dict.fromkeys(s.title for s in doc.sections))

    def score(t: str) -> tuple:
        return (words <= set(t.lower().split()), difflib.SequenceMatcher(None, ref.lower(), t.lower()).ratio())

    return [t for t in sorted(titles, key=score, reverse=True)[:n] if score(t)[0] or score(t)[1] >= 0.5]


def _quote_error(cat: Catalogue, file: str, path: KeyPath, quote: str, sources: list[Bron], what: str) -> DataError | None:
    if not places_of(cat, sources) or locate(cat, sources, quote) is not None:
        return None  # an unresolvable source is reported once, on the source itself
    sections = "; ".join(f"'{place.section.title}' ({place.doc.name})" for place in places_of(cat, sources))
    return _error(cat, file, path, f"{what} '{_clip(quote)}' staat niet letterlijk in de bron ({sections})",
                 "neem de woorden van de bron letterlijk over (spaties en regeleinden tellen niet mee), "
                 "of noem de sectie waar ze staan in 'bron' of 'aanvullende_bronnen'")


def _product_quote_errors(cat: Catalogue, p) -> list[DataError]:
    sources = [p.bron, *p.aanvullende_bronnen]
    out = []
    for path, quote in sourced_quotes(p):
        what = "de tekst" if path[-1] == "tekst" else "citaat"
        if f := _quote_error(cat, p.pad, path, quote, sources, what):
            out.append(f)
    return out


# Under `mkdocs serve --dirty` (macros/site/incremental.py sets a dict here): each product's quote errors kept
# between rebuilds while its record is the same object (its file's bytes the same: macros.catalogue.loader.RECORDS)
# and every source document's text is the same; "docs" holds the documents of the last check. None outside serve.
QUOTES: dict | None = None


def run_checks(cat: Catalogue, data_folder: str) -> list[DataError]:
    out: list[DataError] = []
    for r in cat.regios.values():
        for i, b in enumerate(r.bronnen):
            if b.document not in cat.bronnen:
                out.append(_error(cat, r.pad, ("bronnen", i, "document"), f"brondocument '{b.document}' staat niet in {data_folder}/bronnen/",
                                 f"zet het document als .txt in {data_folder}/bronnen/, of kies een van: {', '.join(sorted(cat.bronnen)) or '(geen)'}"))
    for file, path, source in _source_uses(cat, data_folder):
        out.extend(_reference_errors(cat, file, path, source, data_folder))
    docs = tuple((d.name, d.text) for d in cat.bronnen.values())
    kept = QUOTES if QUOTES is not None and QUOTES.get("docs") == docs else {}
    for p in cat.producten.values():
        hit = kept.get(p.pad)
        if hit is None or hit[0] is not p:
            hit = (p, _product_quote_errors(cat, p))
        out.extend(hit[1])
        if QUOTES is not None:
            QUOTES[p.pad] = hit
    if QUOTES is not None:
        QUOTES["docs"] = docs
    for tree in cat.beslisbomen.values():
        sources = [tree.bron, *tree.aanvullende_bronnen]
        for kind, nodes in (("vragen", tree.vragen), ("uitkomsten", tree.uitkomsten)):
            for i, node in enumerate(nodes):
                if node.herkomst.citaat and (f := _quote_error(cat, tree.pad, (kind, i, "herkomst", "citaat"),
                                                               node.herkomst.citaat, sources, "citaat")):
                    out.append(f)
    for listing in cat.matrices.values():
        for m in listing:
            for path, quote in sourced_quotes(m):
                if f := _quote_error(cat, m.pad, path, quote, [m.bron], "de tekst"):
                    out.append(f)
    return out
