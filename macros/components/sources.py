"""The source documents as readable pages: /bronnen/<document>/ with an anchor per section.

The words are the source's, noise included; only the HTML fragments that the extraction left inside
table cells are read as layout (a paragraph, line break or list item starts a new line, a list item
gets a bullet, other tags go), so a cell reads as text. Underlining stays visible as '<u>…</u>',
because the notes in the data cite it as a trace of tracked changes. Everything is escaped: the
result is text, never HTML from the file. The file itself is published beside the page.
Headings are derived from the text (``macros.catalogue.sources``); each section lists the products
and other data that cite it, so a reader can go both ways.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

from macros.catalogue.loader import Catalogue
from macros.catalogue.provenance import place_of
from macros.catalogue.sources import Section, SourceDocument
from macros.components.render import render
from macros.view.values import shown

_BREAK = re.compile(r"<br\s*/?>|</p>|</li>|</ul>|</ol>", re.I)
_BULLET = re.compile(r"<li(\s[^<>]*)?>", re.I)  # [^<>]: an unclosed '<li ' must not scan to the end of the text
_UNDERLINE = re.compile(r"</?u>", re.I)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_SUP = re.compile(r"<sup>(\d+)</sup>", re.I)
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def reading_text(block: str) -> str:
    """A block of the source as plain text to read: the extraction's HTML fragments become line breaks
    and bullets, other tags are dropped, '<u>' and '</u>' stay as printed, entities are decoded. The
    result is escaped where it lands (it is never HTML)."""
    if "<" not in block:
        return block
    keep = {}

    def hold(m: re.Match) -> str:
        keep[f"\x00{len(keep)}\x00"] = m.group(0)
        return f"\x00{len(keep) - 1}\x00"

    text = _UNDERLINE.sub(hold, block)
    text = _SUP.sub(lambda m: m.group(1).translate(_SUPERSCRIPT), text)  # a footnote mark: niet<sup>1</sup> → niet¹
    text = _BULLET.sub("\n• ", _BREAK.sub("\n", text))
    text = re.sub(r"• (?=[•\-–] )", "", text)  # the item already carries its own marker
    text = html.unescape(_TAG.sub("", text))
    for token, tag in keep.items():
        text = text.replace(token, tag)
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


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
    return _citations(cat).get(doc.name, {})


# The last catalogue's citations, made in one pass over its products and trees: per document they were found by
# reading every product again, 110 documents x 5,000 products at national scale (2.6 s of a build).
_CITATIONS: tuple[Catalogue, dict[str, dict[str, list[tuple[str, str]]]]] | None = None


def _citations(cat: Catalogue) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """Per document name, per section anchor: (label, site-relative URL) of what cites it, products first (by
    code, products without a code last, then by name), then decision trees; each once per section."""
    global _CITATIONS
    if _CITATIONS is not None and _CITATIONS[0] is cat:
        return _CITATIONS[1]
    out: dict[str, dict[str, list[tuple[str, str]]]] = {}

    def add(source, label: str, url: str) -> None:
        if (place := place_of(cat, source)) is not None:
            entries = out.setdefault(source.document, {}).setdefault(place.section.anchor, [])
            if (label, url) not in entries:
                entries.append((label, url))

    for p in sorted(cat.producten.values(), key=lambda p: (p.code or "~", p.naam)):
        for b in [p.bron, *p.aanvullende_bronnen]:
            add(b, p.titel, p.url)
    for tree in cat.beslisbomen.values():
        for b in [tree.bron, *tree.aanvullende_bronnen]:
            add(b, f"Beslisboom: {tree.titel}", tree.url)
    _CITATIONS = (cat, out)
    return out


def document_info(cat: Catalogue, doc: SourceDocument) -> list[tuple]:
    """(region, Bijlage, status as Shown) for every region that lists the document."""
    return [(r, b, shown(b.status)) for r in cat.regios.values() for b in r.bronnen if b.document == doc.name]


def source_document(cat: Catalogue, name: str, root: str = "") -> Markup:
    """The whole page body of one source document."""
    doc = cat.bronnen[name]
    depth = _depth(doc)
    sections = [{"s": s, "h": min(2 + depth[s.anchor], 6), "blocks": [reading_text(b) for b in doc.blocks(s)]}
                for s in doc.sections]
    return render("source_document.html", doc=doc, info=document_info(cat, doc),
                  intro=[reading_text(b) for b in doc.blocks(None)], sections=sections, citing=_citing(cat, doc), root=root)


def source_index(cat: Catalogue, root: str = "") -> Markup:
    """The source documents per region (as the regions list them), each linking to its readable page;
    documents no region lists come last."""
    groups = [(r, [(cat.bronnen[b.document], b) for b in r.bronnen if b.document in cat.bronnen])
               for r in cat.regios.values()]
    cited = {b.document for r in cat.regios.values() for b in r.bronnen}
    others = [d for d in cat.bronnen.values() if d.name not in cited]
    return render("source_index.html", groepen=[g for g in groups if g[1]], overig=others, root=root)
