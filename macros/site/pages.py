"""The pages generated from the catalogue, rendered straight to HTML by the components.

No value from ``data/`` ever becomes template, Markdown or YAML *source*: a generated page is
an empty Markdown file for MkDocs, and this module describes what goes on it: a plain-text
title and description (escaped by ``macros.site.page_html`` where they land) and a body
function that calls a component with catalogue objects. The hook renders the body in
``on_page_content``; neither the macros plugin nor Python-Markdown sees it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from markupsafe import Markup

from macros.catalogue.checks import RESERVED_IDS
from macros.catalogue.loader import Catalogue
from macros.catalogue.municipalities import Municipality
from macros.catalogue.records import ProductRecord
from macros.changes import Changes
from macros.components import compare, history, products, sources, tables, trees
from macros.components.compare import picker_data
from macros.exports import FOLDER, TABLES, product_json_path
from macros.exports.xlsx import sheet_name
from macros.model.sourced import value_of
from macros.search.index import search_files
from macros.site.state import STATE
from macros.view.product import view_of
from macros.view.words import ALL_MUNICIPALITIES, FIELD_LABELS


@dataclass(frozen=True)
class Where:
    """Where a body is rendered: the page's site-relative URL and the relative path to the root."""

    url: str
    root: str


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    title: str  # plain text (from data): escaped wherever it lands
    description: str | Callable[[], str]  # plain text, or (a product's) made when the page is read: ``describe``
    kind: str
    body: Callable[[Where], Markup] = field(repr=False, compare=False)
    tags: tuple[str, ...] = ()  # indexed by Material's search with a high boost: a code finds its product first

    def describe(self) -> str:
        """The description. A product's is made only when its page is read (under `mkdocs serve --dirty` most
        pages are not read again after an edit: describing all 5,000 products was a tenth of a rebuild)."""
        return self.description if isinstance(self.description, str) else self.description()


def product_page(cat: Catalogue, p: ProductRecord) -> GeneratedPage:
    tags = tuple(t for t in (p.code, cat.regios[p.regio].naam, *(s.term for s in cat.synonyms_of(p))) if t)

    def body(where: Where) -> Markup:
        page_url = STATE.site_url.rstrip("/") + "/" + where.url
        hist = STATE.history
        entries = hist.of(p.ref) if hist is not None and hist.available else []
        changed = entries[0].date if entries else STATE.file_dates.get(p.pad)  # a style-only commit is no change
        w = STATE.changes
        anchor = w.anker(p.ref) if isinstance(w, Changes) else None
        history_html = history.history_section(STATE.history, p.ref, STATE.repo_url, where.root) \
            if STATE.history is not None else None
        return products.product_page(cat, p, where.root, print_line=(page_url, changed or STATE.data_date),
                                     changed=changed, change_anchor=anchor, history=history_html,
                                     downloads=product_downloads(cat, p))

    return GeneratedPage(f"{p.regio}/{p.id}.md", p.titel, lambda: product_description(cat, p), "product", body, tags)


def product_downloads(cat: Catalogue, p: ProductRecord) -> list[dict]:
    """The product page's links to its own data: its JSON file, and its rows in the region's Excel and CSV
    files (sheet and row named), each only when the export has the file."""
    region = cat.regios[p.regio]
    # row 1 holds the headers; found by identity (list.index compared the records field by field with each
    # product before it: pydantic's __eq__, 1.2 s of a build at 5,000 products)
    row = next(i for i, q in enumerate(cat.products_of(p.regio)) if q is p) + 2
    table_names = ", ".join(t.title for t in TABLES)
    links = [
        {"href": product_json_path(p), "label": f"Dit product als JSON ({p.id}.json)",
         "note": "alle gegevens met hun staat in de bron, de opmerkingen en de lijsten van deze pagina"},
        {"href": f"{FOLDER}/{p.regio}.xlsx", "label": f"Excel-bestand van regio {region.naam} ({p.regio}.xlsx)",
         "note": f"dit product staat op werkblad {sheet_name(region.naam)} in rij {row}; op de werkbladen {table_names} "
                 f"staan zijn rijen onder Product-id {p.id}"},
        {"href": f"{FOLDER}/{p.regio}.csv", "label": f"CSV-bestand van regio {region.naam} ({p.regio}.csv)",
         "note": f"rij {row}, Product-id {p.id}; de extra tabellen als CSV staan op de pagina Open data"},
    ]
    return [d for d in links if d["href"] in STATE.exports]


DESCRIPTION_MAX = 160  # what search engines show of a description


def product_description(cat: Catalogue, p: ProductRecord) -> str:
    """The meta description of a product page (issue 29): code, name and region first (what makes it
    unique), then the key facts the source states, then the first sentence of its goal, cut at a word
    to at most DESCRIPTION_MAX characters. Plain text: escaped where it lands."""
    v = view_of(cat, p)  # only what the source states: never an inference, a blank or a stated absence
    facts = [f"{FIELD_LABELS[key]} {v[key].text}" for key in ("status", "eenheid", "tarief") if v[key].state == "vermeld"]
    municipalities = value_of(p.gemeenten) if v["gemeenten"].state == "vermeld" else None
    if municipalities == "alle":
        facts.append(ALL_MUNICIPALITIES.lower())
    elif municipalities:
        facts.append(f"{len(municipalities)} gemeente{'n' if len(municipalities) != 1 else ''}")
    head = f"{p.titel}: jeugdhulpproduct van regio {cat.regios[p.regio].naam}"
    if not p.code:
        head += " (zonder productcode)"
    text = head + (f"; {', '.join(facts)}" if facts else "") + ". " + p.samenvatting
    text = " ".join(text.split())
    if len(text) <= DESCRIPTION_MAX:
        return text
    return text[:DESCRIPTION_MAX - 1].rsplit(" ", 1)[0].rstrip(",;:. ") + "…"


def region_page(cat: Catalogue, region_id: str) -> GeneratedPage:
    region = cat.regios[region_id]

    def body(where: Where) -> Markup:
        links = [(title, f"{region_id}/{name}/") for name, title, _ in region_subpages(cat, region_id)]
        if cat.products_of(region_id):
            links += [(f"Download {fmt}", f"open-data/{region_id}.{ext}") for fmt, ext in
                      (("Excel", "xlsx"), ("CSV", "csv"), ("JSON", "json")) if f"open-data/{region_id}.{ext}" in STATE.exports]
        return products.region_overview(cat, region, where.root, links=links)

    return GeneratedPage(
        f"{region_id}/index.md", f"Productenboek {region.naam}",
        f"Alle jeugdhulpproducten van regio {region.naam}: codes, eenheden, duur, gemeenten en bronnen.", "regio", body)


def _matrices(cat: Catalogue, region_id: str, root: str) -> Markup:
    return Markup("\n").join(tables.complexity_matrix(cat, m, root) for m in cat.matrices.get(region_id, []))


def _normenkader(cat: Catalogue, region_id: str, root: str) -> Markup:
    return tables.normenkader_table(cat, cat.products_of(region_id), root, caption="Maximale duur en omvang per product",
                                    headings=True)


def _data_quality(cat: Catalogue, region_id: str, root: str) -> Markup:
    return products.data_quality(cat, root, region_id)


# Sub-pages of a region: (file name, title, body, shown when).
REGION_SUBPAGES: list[tuple[str, str, Callable[[Catalogue, str, str], Markup], Callable[[Catalogue, str], bool]]] = [
    ("codetabel", "Productcodetabel", tables.code_table, lambda cat, r: bool(cat.products_of(r))),
    ("matrices", "Complexiteitsmatrices", _matrices, lambda cat, r: bool(cat.matrices.get(r))),
    ("vergelijken", "Varianten vergelijken", compare.group_comparisons, lambda cat, r: bool(cat.products_of(r))),
    # a region's share of the whole-catalogue pages /normenkader/ and /datakwaliteit/ (issue 32: those list
    # every region with a link here, so no page grows with the catalogue beyond one region)
    ("normenkader", "Normenkader en maximale duur", _normenkader, lambda cat, r: bool(cat.products_of(r))),
    ("datakwaliteit", "Datakwaliteit", _data_quality, lambda cat, r: bool(cat.products_of(r))),
]
assert {name for name, *_ in REGION_SUBPAGES} | {"index"} <= RESERVED_IDS  # keep checks.py in step


def region_subpages(cat: Catalogue, region_id: str) -> list[tuple[str, str, Callable]]:
    """(slug, title, component) of the sub-pages a region has."""
    return [(name, title, fn) for name, title, fn, shown in REGION_SUBPAGES if shown(cat, region_id)]


def region_subpage(cat: Catalogue, region_id: str, name: str, title: str, fn: Callable) -> GeneratedPage:
    region = cat.regios[region_id]
    return GeneratedPage(
        f"{region_id}/{name}.md", f"{title} {region.naam}", f"{title} van de jeugdhulpproducten van regio {region.naam}.",
        name, lambda where: fn(cat, region_id, where.root))


def municipality_page(cat: Catalogue, municipality: Municipality) -> GeneratedPage:
    """One page per municipality (Catalogue.gemeenten), listing the products of every region that names it."""
    region_names = " en ".join(cat.regios[r].naam for r in municipality.regios)
    return GeneratedPage(
        f"gemeenten/{municipality.slug}.md", f"Gemeente {municipality.naam}",
        f"Jeugdhulpproducten die gelden in de gemeente {municipality.naam} (regio {region_names}).", "gemeente",
        lambda where: products.municipality_products(cat, municipality, where.root))


def all_pages(cat: Catalogue) -> Iterator[GeneratedPage]:
    for region_id in cat.regios:
        yield region_page(cat, region_id)
        for name, title, fn in region_subpages(cat, region_id):
            yield region_subpage(cat, region_id, name, title, fn)
    for municipality in cat.municipalities:
        yield municipality_page(cat, municipality)
    yield GeneratedPage("gemeenten/index.md", "Gemeenten", "Per gemeente de jeugdhulpproducten die er gelden, uit alle regio's die de gemeente noemen.",
                        "gemeenten", lambda where: products.municipality_index(cat, where.root))
    for p in cat.producten.values():
        yield product_page(cat, p)
    for tree_id, tree in cat.beslisbomen.items():
        yield GeneratedPage(f"beslisbomen/{tree_id}.md", tree.titel, f"Beslisboom: {tree.titel}. Beantwoord de vragen en vind het passende jeugdhulpproduct.", "beslisboom",
                            lambda where, tree=tree: trees.decision_tree(cat, tree, where.root))
    yield from source_pages(cat)


def source_pages(cat: Catalogue) -> Iterator[GeneratedPage]:
    """The source documents (issue 17): an index and one readable page each, /bronnen/<document>/."""
    yield GeneratedPage("bronnen/index.md", "Brondocumenten", "De brondocumenten van het productenboek, als doorzoekbare tekst per sectie.",
                        "bronnen", lambda where: sources.source_index(cat, where.root))
    titles = {b.document: b.titel for r in cat.regios.values() for b in r.bronnen}
    for doc in cat.bronnen.values():  # the loader restricts file names to letters, digits, '.', '_' and '-'
        # titled as the region lists it (what a reader knows it by); the file name is on the page
        yield GeneratedPage(f"bronnen/{doc.stem}.md", titles.get(doc.name) or f"Brondocument {doc.name}",
                            f"De tekst van brondocument {doc.name}, per sectie.", "bron",
                            lambda where, name=doc.name: sources.source_document(cat, name, where.root))


def data_files(cat: Catalogue) -> Iterator[tuple[str, str]]:
    """Static data files of the site (not pages): JSON read by the site's own scripts."""
    for region_id in cat.regios:  # the picker's facts, per region (compare.js fetches the chosen products' regions)
        if cat.products_of(region_id):
            yield f"vergelijken/{region_id}.json", _picker_json(cat, region_id)
    for doc in cat.bronnen.values():  # each source document as it is, beside its page (plain text, never HTML)
        yield f"bronnen/{doc.name}", doc.text
    yield from search_files(cat).items()


_PICKERS: dict[str, tuple[tuple, str, str]] = {}  # region -> its products' views, its name, its picker's JSON


def _picker_json(cat: Catalogue, region_id: str) -> str:
    """A region's picker data as JSON. Made from its products' views (macros.view.product: each holds its product
    record) and the region's name only, so the last JSON is kept while those are the same objects and name
    (under `mkdocs serve --dirty` an unchanged product keeps its view: one region's file made again, not all)."""
    views, name = tuple(view_of(cat, p) for p in cat.products_of(region_id)), cat.regios[region_id].naam
    hit = _PICKERS.get(region_id)
    if hit is None or hit[1] != name or len(hit[0]) != len(views) or any(a is not b for a, b in zip(hit[0], views, strict=True)):
        hit = _PICKERS[region_id] = (views, name, json.dumps(picker_data(cat, region_id), ensure_ascii=False, separators=(",", ":")))
    return hit[2]


# The pages that are leaves of the catalogue, one per product, municipality or source document: their number
# grows with the catalogue. Instant navigation leaves them out (opens_in_place).
LEAF_KINDS = frozenset({"product", "gemeente", "bron"})


def opens_in_place(page) -> bool:
    """Whether the theme's instant navigation opens page in place (overrides/assets/instant.xml, issue 32):
    the site's structure (hand-written pages, the overviews, regions and their subpages, decision trees), not
    the leaves (LEAF_KINDS). The theme parses that list on every page load, two or three times (a feed link in
    the head counts once more), so it must not grow with the catalogue; a leaf opens with an ordinary page load."""
    generated = STATE.generated.get(page.file.src_uri) if page is not None else None
    return generated is None or generated.kind not in LEAF_KINDS
