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
from macros.catalogue.municipalities import Municipality
from macros.catalogue.records import ProductRecord, RegioRecord
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


def product_table(cat: Catalogue, producten: list[ProductRecord], root: str = "", id_prefix: str = "groep") -> Markup:
    ordered = sorted(producten, key=lambda p: (p.groep, p.code or "~", p.naam))
    groepen = [
        (g, [{"p": p, **{veld: view_of(cat, p)[veld].s for veld in ("eenheid", "duur", "volume", "status")}}
             for p in items])
        for g, items in groupby(ordered, key=lambda p: p.groep)
    ]
    return render("product_table.html", groepen=groepen, root=root, id_prefix=id_prefix)


def product_facts(cat: Catalogue, p: ProductRecord, root: str = "") -> Markup:
    # the page lists every note in full above the facts; a fact refers to its note by number
    return render("product_facts.html", p=p, root=root, regio=cat.regios[p.regio], rows=facts.fact_rows(cat, p),
                  box=[note_text(o) for o in p.opmerkingen])


def staff_mix(p: ProductRecord) -> Markup:
    """Stacked bar of the staff mix; only drawn when the source gives every share."""
    fm = value_of(p.functiemix)
    if fm is None:
        return Markup("")
    bars, x = [], 0.0
    if all(n.aandeel is not None for n in fm.niveaus):
        for n in fm.niveaus:
            bars.append({"x": round(x, 3), "w": round(n.aandeel, 3)})
            x += n.aandeel
    return render("staff_mix.html", fm=fm, bars=bars)


def source_list(cat: Catalogue, regio: RegioRecord, bronnen: list[Bron], pad: str | None = None, root: str = "") -> Markup:
    """Where the values come from: each source line links to its section on /bronnen/<document>/."""
    docs = {b.document: b for b in regio.bronnen}
    items = [(facts.source_line(cat, b), docs.get(b.document),
              shown(docs[b.document].status) if b.document in docs else None) for b in bronnen]
    return render("source_list.html", items=items, pad=pad, root=root)


def product_page(cat: Catalogue, p: ProductRecord, root: str = "", print_line: tuple[str, str] | None = None,
                 gewijzigd: str | None = None, wijziging_anker: str | None = None,
                 geschiedenis: Markup | None = None, downloads: list[dict] | None = None) -> Markup:
    samenloop = [
        {"soort_label": COMBINATION_LABELS[s.soort], "regel": s.regel, "producten": [cat.product(r) for r in s.producten]}
        for s in p.samenloop
    ]
    regio = cat.regios[p.regio]
    bron_doc = next((b for b in regio.bronnen if b.document == p.bron.document), None)
    return render(
        "product_page.html", p=p, root=root, samenloop=samenloop, bomen=cat.trees_to(p), print_line=print_line,
        regio=regio, bron_doc=bron_doc, bron_sectie=facts.source_line(cat, p.bron)["titel"],
        gewijzigd=gewijzigd, wijziging_anker=wijziging_anker, geschiedenis=geschiedenis,
        facts=product_facts(cat, p, root), staff_mix=staff_mix(p),
        sources=source_list(cat, cat.regios[p.regio], [p.bron, *p.aanvullende_bronnen], p.pad, root),
        notes=[note_text(o) for o in p.opmerkingen],
        omschrijving=view_of(cat, p)["omschrijving"].s, doelgroep=view_of(cat, p)["doelgroep"].s,
        doel=view_of(cat, p)["doel"].s,
        functiemix=view_of(cat, p)["functiemix"].s,
        normenkader=value_of(p.normenkader), kader=facts.kind_label(p),
        synoniemen=cat.synonyms_of(p), downloads=downloads or [],
    )


def region_overview(cat: Catalogue, regio: RegioRecord, root: str = "", links: list[tuple[str, str]] | None = None) -> Markup:
    producten = cat.products_of(regio.id)
    return render(
        "region_overview.html", regio=regio, root=root, aantal=len(producten), links=links or [],
        bomen=[b for b in cat.beslisbomen.values() if b.regio == regio.id],
        table=product_table(cat, producten, root, id_prefix=f"groep-{regio.id}"),
        secties=cat.secties.get(regio.id, []),
        bron_line=lambda b: facts.source_line(cat, b), status_of=lambda b: shown(b.status),
        doc_url=lambda b: f"bronnen/{cat.bronnen[b.document].stem}/" if b.document in cat.bronnen else None,
    )


def municipality_products(cat: Catalogue, gemeente: Municipality, root: str = "") -> Markup:
    """One municipality, per region that names it: the products that apply there according to their data,
    those whose source does not say where they apply, and those the source limits to other municipalities.
    A product's scope is said as the source says it (inferred or stated); every note about its
    municipalities goes with it."""
    def item(p: ProductRecord) -> dict:
        v = view_of(cat, p)
        return {"p": p, "gemeenten": v["gemeenten"].s, "status": v["status"].s, "notes": list(v["gemeenten"].notes)}

    per_regio = []
    for regio, producten in cat.products_in(gemeente):
        hier = {p.ref for p in producten}
        groepen = [(g, [item(p) for p in items]) for g, items in groupby(producten, key=lambda p: p.groep)]
        overige = [p for p in cat.products_of(regio.id) if p.ref not in hier]
        per_regio.append((regio, groepen, [item(p) for p in overige if not cat.scope_stated(p)],
                          [item(p) for p in overige if cat.scope_stated(p)]))
    aantal = sum(len(items) for _, groepen, _, _ in per_regio for _, items in groepen)
    onbekend = sum(len(o) for _, _, o, _ in per_regio)
    return render("municipality_products.html", gemeente=gemeente, per_regio=per_regio, aantal=aantal,
                  onbekend=onbekend, root=root)


def region_cards(cat: Catalogue, root: str = "") -> Markup:
    regios = [(r, len(cat.products_of(r.id))) for r in cat.regios.values()]
    return render("region_cards.html", regios=regios, root=root)


def source_overview(cat: Catalogue, root: str = "") -> Markup:
    """Every source document of every region, with its status as the source gives it and a link to its page."""
    rijen = [(r, b, shown(b.status), f"bronnen/{cat.bronnen[b.document].stem}/" if b.document in cat.bronnen else None)
             for r in cat.regios.values() for b in r.bronnen]
    return render("source_overview.html", rijen=rijen, root=root)


# Fields a source may leave unsaid; the data-quality page counts, per field, what the sources do instead.
SOURCED_FIELDS = ("productgroep", "status", "gemeenten", "omschrijving", "doel", "doelgroep", "eenheid", "tarief", "normenkader", "functiemix")
STATES = (*NO_VALUE_STATES, "afgeleid")  # what the sources do instead of giving a value


def data_quality(cat: Catalogue, root: str = "", regio_id: str | None = None) -> Markup:
    """Per region: number of products and, per field, how many products for which the source gives no value
    (none, blank, not mentioned) or the editors inferred it (the summary of every region); with regio_id,
    that region's products per field and state (its own page: the lists grow with the catalogue)."""
    rows = []
    for regio in ([cat.regios[regio_id]] if regio_id else cat.regios.values()):
        producten = cat.products_of(regio.id)
        velden = []
        for veld in SOURCED_FIELDS:
            per_state = {st: [p for p in producten if view_of(cat, p)[veld].state == st] for st in STATES}
            velden.append({"label": label(veld), "states": [(STATE_WORDS[st], ps) for st, ps in per_state.items() if ps],
                           "open": sum(len(ps) for ps in per_state.values())})
        opm = [p for p in producten if p.opmerkingen]
        rows.append({"regio": regio, "aantal": len(producten), "velden": velden, "opmerkingen": opm})
    return render("data_quality.html", rows=rows, root=root, fields=[label(v) for v in SOURCED_FIELDS],
                  staten=[STATE_WORDS[st] for st in STATES], summary=regio_id is None)


def municipality_index(cat: Catalogue, root: str = "") -> Markup:
    regios = [(r, [(cat.municipality(slug(g)), len(cat.products_in_municipality(r.id, g))) for g in r.gemeenten],
               sum(1 for p in cat.products_of(r.id) if not cat.scope_stated(p))) for r in cat.regios.values()]
    return render("municipality_index.html", regios=regios, root=root)


# Up to this many products the finder page lists them all for use without JavaScript (about 160 KB of HTML
# at 300; issue 32 budgets 200 KB a page); a larger
# catalogue would make /zoeken/ megabytes of HTML (2 MB at 5,000), so it links the region pages instead.
STATIC_LIST_MAX = 300


def product_finder(cat: Catalogue, manifest: dict, root: str = "") -> Markup:
    """The /zoeken/ page body: the search form with the finder's manifest (``macros.search.index``, given by
    the caller: outputs do not import each other) plus, for
    use without JavaScript, every product per region (or, above STATIC_LIST_MAX, the region pages)."""
    alles = len(cat.producten) <= STATIC_LIST_MAX
    regios = [(r, product_table(cat, cat.products_of(r.id), root, id_prefix=f"zoek-{r.id}") if alles else None,
               len(cat.products_of(r.id)))
              for r in cat.regios.values() if cat.products_of(r.id)]
    return render("product_finder.html", regios=regios, root=root,
                  manifest=json.dumps(manifest, ensure_ascii=False, separators=(",", ":")))


def home_search(root: str = "") -> Markup:
    """A search box on the home page that sends its query to the finder."""
    return render("home_search.html", root=root)
