"""The source documents as readable pages: /bronnen/<document>/ with an anchor per section.

The text is shown exactly as it is in ``data/bronnen/`` (escaped, line breaks kept): it is the source,
noise included. Headings are derived from the text (``macros.catalogue.sources``); each section lists
the products and other data that cite it, so a reader can go both ways.
"""

from __future__ import annotations

from markupsafe import Markup

from macros.catalogue.loader import Catalogue
from macros.catalogue.provenance import place_of
from macros.catalogue.sources import Section, SourceDocument
from macros.components.render import render
from macros.text import shown


def _depth(doc: SourceDocument) -> dict[str, int]:
    """Nesting depth of each section (0 for a top section), from the section ranges."""
    depth: dict[str, int] = {}
    open_: list[Section] = []
    for s in doc.sections:
        while open_ and not (open_[-1].start < s.start < open_[-1].end):
            open_.pop()
        depth[s.anchor] = len(open_)
        open_.append(s)
    return depth


def _citing(cat: Catalogue, doc: SourceDocument) -> dict[str, list[tuple[str, str]]]:
    """Per section anchor: (label, site-relative URL) of the products and decision trees that cite it."""
    out: dict[str, list[tuple[str, str]]] = {}

    def add(bron, label: str, url: str) -> None:
        if bron.document == doc.name and (place := place_of(cat, bron)) is not None:
            entry = (label, url)
            if entry not in out.setdefault(place.section.anchor, []):
                out[place.section.anchor].append(entry)

    for p in sorted(cat.producten.values(), key=lambda p: (p.code or "~", p.naam)):
        for b in [p.bron, *p.aanvullende_bronnen]:
            add(b, p.titel, p.url)
    for boom in cat.beslisbomen.values():
        for b in [boom.bron, *boom.aanvullende_bronnen]:
            add(b, f"Beslisboom: {boom.titel}", boom.url)
    return out


def document_info(cat: Catalogue, doc: SourceDocument) -> list[tuple]:
    """(region, Bijlage, status as Shown) for every region that lists the document."""
    return [(r, b, shown(b.status)) for r in cat.regios.values() for b in r.bronnen if b.document == doc.name]


def source_document(cat: Catalogue, name: str, root: str = "") -> Markup:
    """The whole page body of one source document."""
    doc = cat.bronnen[name]
    depth = _depth(doc)
    sections = [{"s": s, "h": min(2 + depth[s.anchor], 6), "blocks": doc.blocks(s)} for s in doc.sections]
    return render("source_document.html", doc=doc, info=document_info(cat, doc), intro=doc.blocks(None),
                  sections=sections, citing=_citing(cat, doc), root=root)


def source_index(cat: Catalogue, root: str = "") -> Markup:
    """The source documents per region (as the regions list them), each linking to its readable page;
    documents no region lists come last."""
    groepen = [(r, [(cat.bronnen[b.document], b) for b in r.bronnen if b.document in cat.bronnen])
               for r in cat.regios.values()]
    genoemd = {b.document for r in cat.regios.values() for b in r.bronnen}
    overig = [d for d in cat.bronnen.values() if d.name not in genoemd]
    return render("source_index.html", groepen=[g for g in groepen if g[1]], overig=overig, root=root)
