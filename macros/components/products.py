"""One function per component the reader sees. Each takes catalogue objects and ``root``
(the relative path from the current page to the site root) and returns HTML.

These are plain functions so they can be unit-tested without MkDocs; ``macros.main``
registers them as macros that fill in the catalogue and ``root`` from the page.
"""

from __future__ import annotations

import json
from itertools import groupby

from markupsafe import Markup

from macros.catalogue.loader import Catalogue
from macros.catalogue.municipalities import Gemeente
from macros.model import Bron
from macros.catalogue.records import ProductRecord, RegioRecord
from macros.components.render import render
from macros.search.index import finder_manifest
from macros.text import slug

SAMENLOOP_LABELS = {
    "niet-samen": "Niet samen met",
    "eerst-andere": "Eerst",
    "zelfde-aanbieder": "Zelfde aanbieder",
    "alleen-samen": "Altijd samen met",
    "overig": "Regel",
}


def product_card(cat: Catalogue, p: ProductRecord, root: str = "") -> Markup:
    return render("product_card.html", p=p, regio=cat.regios[p.regio], root=root)


def product_table(cat: Catalogue, producten: list[ProductRecord], root: str = "", id_prefix: str = "groep") -> Markup:
    ordered = sorted(producten, key=lambda p: (p.productgroep, p.code or "~", p.naam))
    groepen = [(g, list(items)) for g, items in groupby(ordered, key=lambda p: p.productgroep)]
    return render("product_table.html", groepen=groepen, root=root, id_prefix=id_prefix)


def product_facts(cat: Catalogue, p: ProductRecord, root: str = "") -> Markup:
    return render(
        "product_facts.html", p=p, root=root, regio=cat.regios[p.regio],
        producttype=cat.producttypen[p.producttype], ijw=cat.ijw_category(p), gemeenten=cat.municipalities_of(p),
    )


def staff_mix(p: ProductRecord) -> Markup:
    """Stacked bar of the staff mix; only drawn when the source gives every share."""
    fm = p.functiemix
    if fm is None:
        return Markup("")
    bars, x = [], 0.0
    if all(n.aandeel is not None for n in fm.niveaus):
        for n in fm.niveaus:
            bars.append({"x": round(x, 3), "w": round(n.aandeel, 3)})
            x += n.aandeel
    return render("staff_mix.html", fm=fm, bars=bars)


def source_list(cat: Catalogue, regio: RegioRecord, bronnen: list[Bron], pad: str | None = None) -> Markup:
    docs = {b.document: b for b in regio.bronnen}
    return render("source_list.html", items=[(b, docs.get(b.document)) for b in bronnen], pad=pad)


def product_page(cat: Catalogue, p: ProductRecord, root: str = "", print_line: tuple[str, str] | None = None,
                 gewijzigd: str | None = None, wijziging_anker: str | None = None) -> Markup:
    samenloop = [
        {"soort_label": SAMENLOOP_LABELS[s.soort], "regel": s.regel, "producten": [cat.product(r) for r in s.producten]}
        for s in p.samenloop
    ]
    regio = cat.regios[p.regio]
    bron_doc = next((b for b in regio.bronnen if b.document == p.bron.document), None)
    return render(
        "product_page.html", p=p, root=root, samenloop=samenloop, bomen=cat.trees_to(p), print_line=print_line,
        regio=regio, bron_doc=bron_doc,
        gewijzigd=gewijzigd, wijziging_anker=wijziging_anker,
        facts=product_facts(cat, p, root), staff_mix=staff_mix(p),
        sources=source_list(cat, cat.regios[p.regio], [p.bron, *p.aanvullende_bronnen], p.pad),
    )


def region_overview(cat: Catalogue, regio: RegioRecord, root: str = "", links: list[tuple[str, str]] | None = None) -> Markup:
    producten = cat.products_of(regio.id)
    return render(
        "region_overview.html", regio=regio, root=root, aantal=len(producten), links=links or [],
        bomen=[b for b in cat.beslisbomen.values() if b.regio == regio.id],
        table=product_table(cat, producten, root, id_prefix=f"groep-{regio.id}"),
        secties=cat.secties.get(regio.id, []),
    )


def municipality_products(cat: Catalogue, gemeente: Gemeente, root: str = "") -> Markup:
    """Products that apply in one municipality, per region that names it; products the source limits to other
    municipalities of the region are listed apart."""
    per_regio = []
    for regio, producten in cat.products_in(gemeente):
        hier = {p.ref for p in producten}
        groepen = [(g, list(items)) for g, items in groupby(producten, key=lambda p: p.productgroep)]
        per_regio.append((regio, groepen, [p for p in cat.products_of(regio.id) if p.ref not in hier]))
    aantal = sum(len(items) for _, groepen, _ in per_regio for _, items in groepen)
    return render("municipality_products.html", gemeente=gemeente, per_regio=per_regio, aantal=aantal, root=root)


def region_cards(cat: Catalogue, root: str = "") -> Markup:
    regios = [(r, len(cat.products_of(r.id))) for r in cat.regios.values()]
    return render("region_cards.html", regios=regios, root=root)


def source_overview(cat: Catalogue) -> Markup:
    return render("source_overview.html", regios=list(cat.regios.values()))


# Fields whose blank (null) means "not published in the source"; counted on the data-quality page.
BLANK_FIELDS = {
    "omschrijving": "Omschrijving", "doelgroep": "Doelgroep", "eenheid": "Eenheid", "tarief": "Tarief",
    "normenkader": "Normenkader / duur", "functiemix": "Functiemix",
}


def data_quality(cat: Catalogue, root: str = "") -> Markup:
    """Per region: number of products and, per field, which products the source leaves blank."""
    rows = []
    for regio in cat.regios.values():
        producten = cat.products_of(regio.id)
        velden = []
        for veld, label in BLANK_FIELDS.items():
            leeg = [p for p in producten if getattr(p, veld) is None or (veld == "tarief" and p.tarief.bedrag is None)]
            velden.append({"label": label, "leeg": leeg})
        opm = [p for p in producten if p.opmerkingen]
        rows.append({"regio": regio, "aantal": len(producten), "velden": velden, "opmerkingen": opm})
    return render("data_quality.html", rows=rows, root=root, fields=list(BLANK_FIELDS.values()))


def municipality_index(cat: Catalogue, root: str = "") -> Markup:
    regios = [(r, [(cat.gemeente(slug(g)), len(cat.products_in_municipality(r.id, g))) for g in r.gemeenten])
              for r in cat.regios.values()]
    return render("municipality_index.html", regios=regios, root=root)


# Up to this many products the finder page lists them all for use without JavaScript; a larger
# catalogue would make /zoeken/ megabytes of HTML (2 MB at 5,000), so it links the region pages instead.
STATIC_LIST_MAX = 500


def product_finder(cat: Catalogue, root: str = "") -> Markup:
    """The /zoeken/ page body: the search form with the finder's manifest (macros.search.index) plus, for
    use without JavaScript, every product per region (or, above STATIC_LIST_MAX, the region pages)."""
    alles = len(cat.producten) <= STATIC_LIST_MAX
    regios = [(r, product_table(cat, cat.products_of(r.id), root, id_prefix=f"zoek-{r.id}") if alles else None,
               len(cat.products_of(r.id)))
              for r in cat.regios.values() if cat.products_of(r.id)]
    manifest = json.dumps(finder_manifest(cat), ensure_ascii=False, separators=(",", ":"))
    return render("product_finder.html", regios=regios, root=root, manifest=manifest)


def home_search(root: str = "") -> Markup:
    """A search box on the home page that sends its query to the finder."""
    return render("home_search.html", root=root)
