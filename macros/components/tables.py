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
from macros.view.tables import code_rows
from macros.view.values import shown
from macros.view.words import INFERRED, LIMIT_KINDS, label

_TELLING = {"ongewijzigd": "ongewijzigd", "toegevoegd": "nieuw", "verwijderd": "vervallen", "vervalt": "vervallen",
            "nieuwe code": "gewijzigd", "hernoemd": "gewijzigd"}


def edition_summary(rows: list[dict], edities: list[str]) -> list[dict]:
    """Per pair of consecutive editions, one line ('2020 t.o.v. 2019: 44 codes ongewijzigd, 0 nieuw,
    0 vervallen'; 'n gewijzigd' when codes or names changed) and the rows that changed (issue 30)."""
    uit = []
    for i, (a, b) in enumerate(itertools.pairwise(edities)):
        tel = dict.fromkeys(("ongewijzigd", "gewijzigd", "nieuw", "vervallen"), 0)
        gewijzigd = []
        for r in rows:
            soort = _TELLING.get(r["wijzigingen"][i])
            if soort is None:
                continue
            tel[soort] += 1
            if soort != "ongewijzigd":
                gewijzigd.append(r)
        n = tel["ongewijzigd"]
        delen = [f"{n} {'code' if n == 1 else 'codes'} ongewijzigd"]
        if tel["gewijzigd"]:
            delen.append(f"{tel['gewijzigd']} gewijzigd")
        delen += [f"{tel['nieuw']} nieuw", f"{tel['vervallen']} vervallen"]
        uit.append({"a": a, "b": b, "ia": edities.index(a), "ib": edities.index(b), "i": i,
                    "regel": f"{b} t.o.v. {a}: {', '.join(delen)}", "rows": gewijzigd, "telling": tel})
    return uit


def code_table(cat: Catalogue, regio_id: str, root: str = "") -> Markup:
    """The region's product-code table: as printed per edition when the source has one, else from the products."""
    regio = cat.regios[regio_id]
    tabel = cat.codetabellen.get(regio_id)
    if tabel is None:
        producten = [(p, shown(p.status), view_of(cat, p)["productgroep"].s)
                     for p in sorted(cat.products_of(regio_id), key=lambda p: (p.code or "~", p.naam))]
        return render("code_table_current.html", regio=regio, producten=producten, root=root)
    edities = list(tabel.edities)
    rows = code_rows(list(tabel.regels), edities)
    links = {r["product"]: cat.producten.get(f"{regio_id}/{r['product']}") for r in rows}
    paren = list(itertools.pairwise(edities))
    return render("code_table.html", regio=regio, tabel=tabel, edities=edities, rows=rows, links=links,
                  paren=paren, root=root, samenvatting=edition_summary(rows, edities))


def complexity_matrix(cat: Catalogue, mat: MatrixRecord, root: str = "") -> Markup:
    """Rows complexity (highest on top, as the sources print it), columns duration; each cell links its code."""
    producten: dict[str, ProductRecord] = {c.product: cat.producten[f"{mat.regio}/{c.product}"] for c in mat.cellen}
    grid = []
    for rij in reversed(mat.rijen):
        cellen = [c for c in mat.cellen if c.rij == rij.id]
        spanning = [c for c in cellen if c.kolom is None]
        per_kolom = {c.kolom: c for c in cellen if c.kolom is not None}
        grid.append({"rij": rij, "spanning": spanning, "per_kolom": [per_kolom.get(k.id) for k in mat.kolommen]})
    in_criteria = {key for crit in mat.criteria for key in crit.waarden}
    criteria_rows = [r for r in mat.rijen if r.id in in_criteria]
    return render("complexity_matrix.html", mat=mat, grid=grid, producten=producten, root=root,
                  criteria_rows=criteria_rows)


def normenkader_table(cat: Catalogue, producten: list[ProductRecord], root: str = "", caption: str = "",
                      table_id: str = "normenkader", headings: bool = False) -> Markup:
    """Volume and duration per product in two tables, because they are different kinds of limit: maxima
    (normenkader, trajectduur in the product description) and guidelines (richtinggevend kader, with
    exception grounds). A value the source does not give says so; notes about the limit go with it."""
    def row(p: ProductRecord) -> dict:
        nk = value_of(p.normenkader)
        v = view_of(cat, p)
        return {"p": p, "nk": nk, "kind": LIMIT_KINDS[nk.soort], "duur": v["duur"].s,
                "volume": v["volume"].s, "notes": list(v["normenkader"].notes),
                "afgeleid": shown(p.normenkader) if state_of(p.normenkader) == "afgeleid" else None}

    met = [p for p in producten if value_of(p.normenkader) is not None]
    maxima = [row(p) for p in met if value_of(p.normenkader).soort != "richtinggevend-kader"]
    richt = [row(p) for p in met if value_of(p.normenkader).soort == "richtinggevend-kader"]
    tabellen = [
        (f"{table_id}-max", caption or "Maximale duur en omvang", label("volume"), label("duur"), maxima),
        (f"{table_id}-rgk", f"Richtinggevend kader: richtwaarden, geen maximum ({INFERRED})", label("richtvolume"),
         label("richtduur"), richt),
    ]
    # headings: on a page of its own (a region's /<regio>/normenkader/), each table under a heading of the same
    # words, so the page has a contents list and the two kinds of limit are two sections
    return render("normenkader_table.html", tabellen=[t for t in tabellen if t[4]], root=root, regios=cat.regios,
                  headings=headings)


def normenkader_index(cat: Catalogue, root: str = "") -> Markup:
    """/normenkader/: per region how many products have a maximum and how many a guideline, each region
    linking its own table (/<regio>/normenkader/): one table of every product grows with the catalogue."""
    rows = []
    for regio in cat.regios.values():
        kaders = [value_of(p.normenkader) for p in cat.products_of(regio.id)]
        kaders = [k for k in kaders if k is not None]
        if cat.products_of(regio.id):
            rows.append({"regio": regio, "aantal": len(cat.products_of(regio.id)),
                         "richt": sum(1 for k in kaders if k.soort == "richtinggevend-kader"),
                         "max": sum(1 for k in kaders if k.soort != "richtinggevend-kader")})
    return render("normenkader_index.html", rows=rows, root=root)
