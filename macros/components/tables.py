"""Region tables: the product-code table per edition with its changes, complexity matrices,
and the normenkader table of maximum duration and volume.
"""

from __future__ import annotations

import itertools

from markupsafe import Markup

from macros.catalogue.loader import Catalogue
from macros.catalogue.records import MatrixRecord, ProductRecord
from macros.components.render import render
from macros.model.sourced import state_of, value_of
from macros.view.product import view_of
from macros.view.tables import code_rows, parts
from macros.view.values import shown
from macros.view.words import INFERRED, LIMIT_KINDS, label

_COUNT = {"ongewijzigd": "ongewijzigd", "toegevoegd": "nieuw", "verwijderd": "vervallen", "vervalt": "vervallen",
            "nieuwe code": "gewijzigd", "hernoemd": "gewijzigd"}


def edition_summary(rows: list[dict], editions: list[str]) -> list[dict]:
    """Per pair of consecutive editions, one line ('2020 t.o.v. 2019: 44 codes ongewijzigd, 0 nieuw,
    0 vervallen'; 'n gewijzigd' when codes or names changed) and the rows that changed (issue 30)."""
    out = []
    for i, (a, b) in enumerate(itertools.pairwise(editions)):
        count = dict.fromkeys(("ongewijzigd", "gewijzigd", "nieuw", "vervallen"), 0)
        changed = []
        for r in rows:
            kind = _COUNT.get(r["wijzigingen"][i])
            if kind is None:
                continue
            count[kind] += 1
            if kind != "ongewijzigd":
                changed.append(r)
        n = count["ongewijzigd"]
        parts = [f"{n} {'code' if n == 1 else 'codes'} ongewijzigd"]
        if count["gewijzigd"]:
            parts.append(f"{count['gewijzigd']} gewijzigd")
        parts += [f"{count['nieuw']} nieuw", f"{count['vervallen']} vervallen"]
        out.append({"a": a, "b": b, "ia": editions.index(a), "ib": editions.index(b), "i": i,
                    "regel": f"{b} t.o.v. {a}: {', '.join(parts)}", "rows": changed, "telling": count})
    return out


def code_table(cat: Catalogue, region_id: str, root: str = "") -> Markup:
    """The region's product-code table: as printed per edition when the source has one, else from the products."""
    region = cat.regios[region_id]
    table = cat.codetabellen.get(region_id)
    if table is None:
        products = [(p, shown(p.status), view_of(cat, p)["productgroep"].s)
                     for p in sorted(cat.products_of(region_id), key=lambda p: (p.code or "~", p.naam))]
        return render("code_table_current.html", regio=region, producten=products, root=root)
    editions = list(table.edities)
    rows = code_rows(list(table.regels), editions)
    links = {r["product"]: cat.producten.get(f"{region_id}/{r['product']}") for r in rows}
    pairs = list(itertools.pairwise(editions))
    # a long table in parts (macros.view.tables.parts), each its own table; ids of a part's headers carry its
    # number (ct2-product), rows keep their number in the whole table (ct-r31)
    cuts = parts(len(rows))
    table_parts = [{"start": a, "rows": rows[a:b], "van": a + 1, "tot": b,
              "id": "ct-" if len(cuts) == 1 else f"ct{k}-"} for k, (a, b) in enumerate(cuts, 1)]
    # an edition whose rows all leave the extra description empty gets no column for it (the note under the
    # heading says so): at 5,000 products such a column costs 15 KB of empty cells on the largest page (issue 32)
    extra = [any(r["cellen"][i] and r["cellen"][i].extra_omschrijving for r in rows) for i in range(len(editions))]
    return render("code_table.html", regio=region, tabel=table, edities=editions, rows=rows, links=links,
                  paren=pairs, root=root, samenvatting=edition_summary(rows, editions), delen=table_parts, extra=extra,
                  without_extra=[e for e, shown in zip(editions, extra, strict=True) if not shown])


def complexity_matrix(cat: Catalogue, mat: MatrixRecord, root: str = "") -> Markup:
    """Rows complexity (highest on top, as the sources print it), columns duration; each cell links its code."""
    products: dict[str, ProductRecord] = {c.product: cat.producten[f"{mat.regio}/{c.product}"] for c in mat.cellen}
    grid = []
    for row in reversed(mat.rijen):
        cells = [c for c in mat.cellen if c.rij == row.id]
        span = [c for c in cells if c.kolom is None]
        by_column = {c.kolom: c for c in cells if c.kolom is not None}
        grid.append({"rij": row, "spanning": span, "per_kolom": [by_column.get(k.id) for k in mat.kolommen]})
    in_criteria = {key for crit in mat.criteria for key in crit.waarden}
    criteria_rows = [r for r in mat.rijen if r.id in in_criteria]
    return render("complexity_matrix.html", mat=mat, grid=grid, producten=products, root=root,
                  criteria_rows=criteria_rows)


def normenkader_table(cat: Catalogue, products: list[ProductRecord], root: str = "", caption: str = "",
                      table_id: str = "normenkader", headings: bool = False) -> Markup:
    """Volume and duration per product in two tables, because they are different kinds of limit: maxima
    (normenkader, trajectduur in the product description) and guidelines (richtinggevend kader, with
    exception grounds). A value the source does not give says so; notes about the limit go with it."""
    def row(p: ProductRecord) -> dict:
        limit_frame = value_of(p.normenkader)
        v = view_of(cat, p)
        return {"p": p, "nk": limit_frame, "kind": LIMIT_KINDS[limit_frame.soort], "duur": v["duur"].s,
                "volume": v["volume"].s, "notes": list(v["normenkader"].notes),
                "afgeleid": shown(p.normenkader) if state_of(p.normenkader) == "afgeleid" else None}

    with_value = [p for p in products if value_of(p.normenkader) is not None]
    maxima = [row(p) for p in with_value if value_of(p.normenkader).soort != "richtinggevend-kader"]
    guideline = [row(p) for p in with_value if value_of(p.normenkader).soort == "richtinggevend-kader"]
    tables = [
        (f"{table_id}-max", caption or "Maximale duur en omvang", label("volume"), label("duur"), maxima),
        (f"{table_id}-rgk", f"Richtinggevend kader: richtwaarden, geen maximum ({INFERRED})", label("richtvolume"),
         label("richtduur"), guideline),
    ]
    # headings: on a page of its own (a region's /<regio>/normenkader/), each table under a heading of the same
    # words, so the page has a contents list and the two kinds of limit are two sections
    return render("normenkader_table.html", tabellen=[t for t in tables if t[4]], root=root, regios=cat.regios,
                  headings=headings)


def normenkader_index(cat: Catalogue, root: str = "") -> Markup:
    """/normenkader/: per region how many products have a maximum and how many a guideline, each region
    linking its own table (/<regio>/normenkader/): one table of every product grows with the catalogue."""
    rows = []
    for region in cat.regios.values():
        limit_kinds = [value_of(p.normenkader) for p in cat.products_of(region.id)]
        limit_kinds = [k for k in limit_kinds if k is not None]
        if cat.products_of(region.id):
            rows.append({"regio": region, "aantal": len(cat.products_of(region.id)),
                         "richt": sum(1 for k in limit_kinds if k.soort == "richtinggevend-kader"),
                         "max": sum(1 for k in limit_kinds if k.soort != "richtinggevend-kader")})
    return render("normenkader_index.html", rows=rows, root=root)
