"""Comparison components: products side by side, within a product group and across regions.

``compare_values`` puts a product's comparable facts from the view (``macros.view.product``) into cells; the
static tables and the picker's JSON (read by overrides/assets/compare.js) both use it, so the browser only
lays out what Python formatted.
"""

from __future__ import annotations

from itertools import groupby

from markupsafe import Markup

from macros.catalogue.loader import Catalogue
from macros.catalogue.records import ProductRecord
from macros.components.render import render
from macros.model.sourced import value_of
from macros.text import plain_markdown
from macros.view.product import view_of
from macros.view.tables import parts
from macros.view.words import BLANK, NOT_STATED, label

# Rows of a comparison table, in reading order: facts of the view (regio is the product's region).
FACTS = ("code", "productgroep", "producttype", "status", "eenheid", "duur", "volume", "functieniveau", "gemeenten",
         "tarief", "groepsgrootte")
ROWS: list[tuple[str, str]] = [("regio", label("regio")), *((k, label(k)) for k in FACTS)]

BLANKS = (BLANK, NOT_STATED)  # cells styled as 'no value from the source'


def compare_values(cat: Catalogue, p: ProductRecord) -> dict[str, str]:
    """The comparable facts of one product as display strings ('' never: blanks say so). A value the
    source does not state says what the source does instead, an inference says so with its reason, and a
    note about an ambiguity in the source goes with the value it concerns."""
    v = view_of(cat, p)
    values = {"regio": cat.regios[p.regio].naam}
    for key in FACTS:
        values[key] = v[key].plain + "".join(f" [onduidelijk in de bron: {plain_markdown(n)}]" for n in v[key].notes)
    return values


def comparison_table(cat: Catalogue, products: list[ProductRecord], root: str = "", caption: str = "",
                     table_id: str = "vergelijking") -> Markup:
    """Products as columns, facts as rows; rows whose values differ are marked in text and style."""
    values = [compare_values(cat, p) for p in products]
    rows = []
    for key, row in ROWS:
        cells = [w[key] for w in values]
        rows.append({"label": row, "cellen": cells, "verschilt": len(set(cells)) > 1})
    return render("comparison_table.html", producten=products, rijen=rows, root=root,
                  caption=caption, table_id=table_id, blanks=BLANKS)


def group_comparisons(cat: Catalogue, region_id: str, root: str = "") -> Markup:
    """Within a region: every product group with two or more variants, side by side; a group of more than
    MAX_COLUMNS variants in tables of at most that many (macros.view.tables.parts), each comparing its own
    (issue 32: at national scale a group has 40 variants, a table no screen shows and the browser lays out whole)."""
    products = sorted(cat.products_of(region_id), key=lambda p: (p.groep, p.code or "~"))
    blocks, n = [], 0
    for group, items in groupby(products, key=lambda p: p.groep):
        items = list(items)
        if len(items) < 2:
            continue
        cuts = parts(len(items), MAX_COLUMNS, MAX_COLUMNS)
        tables = []
        for a, b in cuts:
            n += 1
            caption = f"{group}: alle varianten" if len(cuts) == 1 else f"{group}: varianten {a + 1}–{b} van {len(items)}"
            tables.append(comparison_table(cat, items[a:b], root, caption=caption, table_id=f"vgl-{region_id}-{n}"))
        blocks.append((group, Markup("\n").join(tables)))
    return render("comparison_blocks.html", blokken=blocks, te_veel=[], max_columns=MAX_COLUMNS, root=root,
                  leeg="Deze regio heeft geen productgroep met meer dan één product.")


# A cross-region table per product type shows at most this many products side by side: wider is unreadable,
# and at national scale (5,000 products) a type holds hundreds. Above it the type links its regions' variant pages.
MAX_COLUMNS = 12


def type_comparisons(cat: Catalogue, root: str = "") -> Markup:
    """Across regions: per product type (shared taxonomy), products from two or more regions; a type with
    more than MAX_COLUMNS such products links the variant pages of its regions instead."""
    blocks, too_many = [], []
    of_type: dict[str, list] = {}  # one pass over the catalogue, not one per type (20 x 5,000 at national scale)
    for p in cat.producten.values():
        if value_of(p.status) != "vervallen":
            of_type.setdefault(p.producttype, []).append(p)
    for type_id, ptype in cat.producttypen.items():
        items = of_type.get(type_id, [])
        regions = sorted({p.regio for p in items}, key=lambda r: cat.regios[r].naam)
        if len(regions) < 2:
            continue
        if len(items) > MAX_COLUMNS:
            too_many.append((ptype.naam, len(items), [(cat.regios[r], sum(1 for p in items if p.regio == r)) for r in regions]))
            continue
        items.sort(key=lambda p: (cat.regios[p.regio].naam, p.code or "~", p.naam))
        blocks.append((ptype.naam, comparison_table(cat, items, root, caption=f"{ptype.naam} in de regio's",
                                                     table_id=f"vgl-type-{type_id}")))
    return render("comparison_blocks.html", blokken=blocks, te_veel=too_many, max_columns=MAX_COLUMNS, root=root,
                  leeg="Geen producttype komt in meer dan één regio voor.")


def picker_data(cat: Catalogue, region_id: str) -> dict:
    """The JSON behind the /vergelijken/ picker for one region (vergelijken/<regio>.json, fetched for the
    regions of the chosen products only): one entry per product, formatted by compare_values."""
    return {
        "rijen": [{"key": k, "label": row} for k, row in ROWS],
        "leeg": list(BLANKS),  # values shown as "no value from the source"
        "producten": [
            {"ref": p.ref, "url": p.url, "titel": p.titel, "waarden": compare_values(cat, p)}
            for p in sorted(cat.products_of(region_id), key=lambda p: (p.code or "~", p.naam))
        ],
    }


def comparison_picker(cat: Catalogue, root: str = "") -> Markup:
    """The picker: a search over every product with the finder's engine (compare.js). Without JavaScript
    it links each region's variant comparisons and product list, so every product stays in reach."""
    regions = [(r, len(cat.products_of(r.id))) for r in cat.regios.values() if cat.products_of(r.id)]
    return render("comparison_picker.html", regios=regions, root=root)
