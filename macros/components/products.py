"""One function per component the reader sees. Each takes catalogue objects and ``root``
(the relative path from the current page to the site root) and returns HTML.

These are plain functions so they can be unit-tested without MkDocs; ``macros.main``
registers them as macros that fill in the catalogue and ``root`` from the page.
"""

from __future__ import annotations

import json
import operator
from itertools import groupby

from markupsafe import Markup

from macros.catalogue.loader import Catalogue
from macros.catalogue.municipalities import Municipality
from macros.catalogue.records import ProductRecord, RegionRecord
from macros.components.render import render
from macros.model import Bron, note_text
from macros.model.sourced import value_of
from macros.text import slug
from macros.view import product as facts
from macros.view.product import view_of
from macros.view.values import shown
from macros.view.words import COMBINATION_LABELS, NO_VALUE_STATES, STATE_WORDS, label


def product_card(cat: Catalogue, p: ProductRecord, root: str = "") -> Markup:
    v = view_of(cat, p)
    return render("product_card.html", p=p, regio=cat.regios[p.regio], root=root,
                  eenheid=v["eenheid"].s, status=v["status"].s, duur=v["duur"].s, duur_label=v["duur"].label)


def product_table(cat: Catalogue, products: list[ProductRecord], root: str = "", id_prefix: str = "groep") -> Markup:
    ordered = sorted(products, key=lambda p: (p.groep, p.code or "~", p.naam))
    groups = [
        (g, [{"p": p, **{key: view_of(cat, p)[key].s for key in ("eenheid", "duur", "volume", "status")}}
             for p in items])
        for g, items in groupby(ordered, key=lambda p: p.groep)
    ]
    return render("product_table.html", groepen=groups, root=root, id_prefix=id_prefix)


def product_facts(cat: Catalogue, p: ProductRecord, root: str = "") -> Markup:
    # the page lists every note in full above the facts; a fact refers to its note by number
    return render("product_facts.html", p=p, root=root, regio=cat.regios[p.regio], rows=facts.fact_rows(cat, p),
                  box=[note_text(o) for o in p.opmerkingen])


def staff_mix(p: ProductRecord) -> Markup:
    """Stacked bar of the staff mix; only drawn when the source gives every share."""
    mix = value_of(p.functiemix)
    if mix is None:
        return Markup("")
    bars, x = [], 0.0
    if all(n.aandeel is not None for n in mix.niveaus):
        for n in mix.niveaus:
            bars.append({"x": round(x, 3), "w": round(n.aandeel, 3)})
            x += n.aandeel
    return render("staff_mix.html", fm=mix, bars=bars)


def source_list(cat: Catalogue, region: RegionRecord, sources: list[Bron], path: str | None = None, root: str = "") -> Markup:
    """Where the values come from: each source line links to its section on /bronnen/<document>/."""
    docs = {b.document: b for b in region.bronnen}
    items = [(facts.source_line(cat, b), docs.get(b.document),
              shown(docs[b.document].status) if b.document in docs else None) for b in sources]
    return render("source_list.html", items=items, pad=path, root=root)


def product_page(cat: Catalogue, p: ProductRecord, root: str = "", print_line: tuple[str, str] | None = None,
                 changed: str | None = None, change_anchor: str | None = None,
                 history: Markup | None = None, downloads: list[dict] | None = None) -> Markup:
    combinations = [
        {"soort_label": COMBINATION_LABELS[s.soort], "regel": s.regel, "producten": [cat.product(r) for r in s.producten]}
        for s in p.samenloop
    ]
    region = cat.regios[p.regio]
    source_doc = next((b for b in region.bronnen if b.document == p.bron.document), None)
    return render(
        "product_page.html", p=p, root=root, samenloop=combinations, bomen=cat.trees_to(p), print_line=print_line,
        regio=region, bron_doc=source_doc, bron_sectie=facts.source_line(cat, p.bron)["titel"],
        gewijzigd=changed, wijziging_anker=change_anchor, geschiedenis=history,
        facts=product_facts(cat, p, root), staff_mix=staff_mix(p),
        sources=source_list(cat, cat.regios[p.regio], [p.bron, *p.aanvullende_bronnen], p.pad, root),
        notes=[note_text(o) for o in p.opmerkingen],
        omschrijving=view_of(cat, p)["omschrijving"].s, doelgroep=view_of(cat, p)["doelgroep"].s,
        doel=view_of(cat, p)["doel"].s,
        functiemix=view_of(cat, p)["functiemix"].s,
        normenkader=value_of(p.normenkader), kader=facts.kind_label(p),
        synoniemen=cat.synonyms_of(p), downloads=downloads or [],
    )


def region_overview(cat: Catalogue, region: RegionRecord, root: str = "", links: list[tuple[str, str]] | None = None) -> Markup:
    products = cat.products_of(region.id)
    return render(
        "region_overview.html", regio=region, root=root, aantal=len(products), links=links or [],
        bomen=[b for b in cat.beslisbomen.values() if b.regio == region.id],
        table=product_table(cat, products, root, id_prefix=f"groep-{region.id}"),
        secties=cat.secties.get(region.id, []),
        bron_line=lambda b: facts.source_line(cat, b), status_of=lambda b: shown(b.status),
        doc_url=lambda b: f"bronnen/{cat.bronnen[b.document].stem}/" if b.document in cat.bronnen else None,
    )


def municipality_products(cat: Catalogue, municipality: Municipality, root: str = "") -> Markup:
    """One municipality, per region that names it: the products that apply there according to their data,
    those whose source does not say where they apply, and those the source limits to other municipalities.
    A product's scope is said as the source says it (inferred or stated); every note about its
    municipalities goes with it."""
    def item(p: ProductRecord) -> dict:
        v = view_of(cat, p)
        return {"p": p, "gemeenten": v["gemeenten"].s, "status": v["status"].s, "notes": list(v["gemeenten"].notes)}

    by_region = []
    for region, products in cat.products_in(municipality):
        here = {p.ref for p in products}
        groups = [(g, [item(p) for p in items]) for g, items in groupby(products, key=lambda p: p.groep)]
        others = [p for p in cat.products_of(region.id) if p.ref not in here]
        by_region.append((region, groups, [item(p) for p in others if not cat.scope_stated(p)],
                          [item(p) for p in others if cat.scope_stated(p)]))
    count = sum(len(items) for _, groups, _, _ in by_region for _, items in groups)
    unknown = sum(len(o) for _, _, o, _ in by_region)
    return render("municipality_products.html", gemeente=municipality, per_regio=by_region, aantal=count,
                  onbekend=unknown, root=root)


def region_cards(cat: Catalogue, root: str = "") -> Markup:
    regions = [(r, len(cat.products_of(r.id))) for r in cat.regios.values()]
    return render("region_cards.html", regios=regions, root=root)


def source_overview(cat: Catalogue, root: str = "") -> Markup:
    """Every source document of every region, with its status as the source gives it and a link to its page."""
    rows = [(r, b, shown(b.status), f"bronnen/{cat.bronnen[b.document].stem}/" if b.document in cat.bronnen else None)
             for r in cat.regios.values() for b in r.bronnen]
    return render("source_overview.html", rijen=rows, root=root)


# Fields a source may leave unsaid; the data-quality page counts, per field, what the sources do instead.
SOURCED_FIELDS = ("productgroep", "status", "gemeenten", "omschrijving", "doel", "doelgroep", "eenheid", "tarief", "normenkader", "functiemix")
STATES = (*NO_VALUE_STATES, "afgeleid")  # what the sources do instead of giving a value


def data_quality(cat: Catalogue, root: str = "", region_id: str | None = None) -> Markup:
    """Per region: number of products and, per field, how many products for which the source gives no value
    (none, blank, not mentioned) or the editors inferred it (the summary of every region); with regio_id,
    that region's products per field and state (its own page: the lists grow with the catalogue)."""
    rows = []
    for region in ([cat.regios[region_id]] if region_id else cat.regios.values()):
        products = cat.products_of(region.id)
        fields = _quality_fields(region.id, products, tuple(view_of(cat, p) for p in products))
        note = [p for p in products if p.opmerkingen]
        rows.append({"regio": region, "aantal": len(products), "velden": fields, "opmerkingen": note})
    return render("data_quality.html", rows=rows, root=root, fields=[label(v) for v in SOURCED_FIELDS],
                  staten=[STATE_WORDS[st] for st in STATES], summary=region_id is None)


# Per region: its products' views and their fields' states as data_quality counts them. Kept while the views are the
# same objects (under `mkdocs serve --dirty` an unchanged product keeps its view, macros.view.product), so an edit
# counts its own region again, not all 5,000 products at national scale; a view holds its product.
_QUALITY: dict[str, tuple[tuple, list[dict]]] = {}


def _quality_fields(region_id: str, products: list, views: tuple) -> list[dict]:
    hit = _QUALITY.get(region_id)
    if hit is not None and len(hit[0]) == len(views) and all(map(operator.is_, hit[0], views)):
        return hit[1]
    fields = []
    for key in SOURCED_FIELDS:
        per_state: dict[str, list] = {st: [] for st in STATES}
        for p, v in zip(products, views, strict=True):
            if (found := per_state.get(v[key].state)) is not None:
                found.append(p)
        fields.append({"label": label(key), "states": [(STATE_WORDS[st], ps) for st, ps in per_state.items() if ps],
                       "open": sum(len(ps) for ps in per_state.values())})
    _QUALITY[region_id] = (views, fields)
    return fields


def municipality_index(cat: Catalogue, root: str = "") -> Markup:
    regions = [(r, [(cat.municipality(slug(g)), len(cat.products_in_municipality(r.id, g))) for g in r.gemeenten],
               sum(1 for p in cat.products_of(r.id) if not cat.scope_stated(p))) for r in cat.regios.values()]
    return render("municipality_index.html", regios=regions, root=root)


# Up to this many products the finder page lists them all for use without JavaScript, as one list of links per
# region (code and name; about 40 KB of HTML at 300); a larger catalogue would make /zoeken/ hundreds of KB of
# HTML, so it links the region pages instead. The facts (unit, duration, volume, status) are on each product's
# page and in the region page's tables: without JavaScript the list is the way to a product by its code or name
# (the browser's own find), and the finder's page carries no table that its script hides at once (issue 29 §4).
STATIC_LIST_MAX = 300


def product_finder(cat: Catalogue, manifest: dict, root: str = "") -> Markup:
    """The /zoeken/ page body: the search form with the finder's manifest (``macros.search.index``, given by
    the caller: outputs do not import each other) plus, for use without JavaScript, a link to every product per
    region, ordered by code (or, above STATIC_LIST_MAX, the region pages)."""
    every = len(cat.producten) <= STATIC_LIST_MAX
    regions = [(r, sorted(cat.products_of(r.id), key=lambda p: (p.code or "~", p.naam)) if every else None,
               len(cat.products_of(r.id)))
              for r in cat.regios.values() if cat.products_of(r.id)]
    return render("product_finder.html", regios=regions, root=root,
                  manifest=json.dumps(manifest, ensure_ascii=False, separators=(",", ":")))


def home_search(root: str = "") -> Markup:
    """A search box on the home page that sends its query to the finder."""
    return render("home_search.html", root=root)
