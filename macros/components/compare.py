"""Comparison components: products side by side, within a product group and across regions.

``vergelijk_waarden`` is the single formatter of a product's comparable facts; the
static tables and the picker's JSON (read by overrides/assets/vergelijken.js) both use
it, so the browser only lays out what Python formatted.
"""

from __future__ import annotations

from itertools import groupby

from markupsafe import Markup

from macros.catalogue.loader import Catalogue
from macros.catalogue.records import ProductRecord
from macros.components.render import render
from macros.text import BLANK, hoeveelheid

# Rows of a comparison table, in reading order: (key, label).
RIJEN: list[tuple[str, str]] = [
    ("regio", "Regio"),
    ("code", "Code"),
    ("productgroep", "Productgroep"),
    ("producttype", "Producttype"),
    ("status", "Status"),
    ("eenheid", "Eenheid"),
    ("duur", "Maximale duur"),
    ("volume", "Maximaal volume"),
    ("functieniveau", "Functieniveau"),
    ("gemeenten", "Gemeenten"),
    ("tarief", "Tarief"),
    ("groepsgrootte", "Groepsgrootte"),
]


def compare_values(cat: Catalogue, p: ProductRecord) -> dict[str, str]:
    """The comparable facts of one product as display strings ('' never: blanks say so)."""
    nk = p.normenkader
    fm = p.functiemix
    if fm is None:
        niveau = BLANK
    else:
        niveau = ", ".join(
            n.niveau + (f" {n.aandeel:g}%".replace(".", ",") if n.aandeel is not None else "") for n in fm.niveaus
        )
    if p.gemeenten == "alle":
        gemeenten = "alle gemeenten van de regio"
    else:
        gemeenten = ", ".join(p.gemeenten)
    if p.tarief is None or p.tarief.bedrag is None:
        tarief = BLANK
    else:
        tarief = f"€ {p.tarief.bedrag:.2f}".replace(".", ",") + (f" per {p.tarief.per}" if p.tarief.per else "")
    return {
        "regio": cat.regios[p.regio].naam,
        "code": p.code or "geen code",
        "productgroep": p.productgroep,
        "producttype": cat.producttypen[p.producttype].naam,
        "status": p.status,
        "eenheid": p.eenheid.soort if p.eenheid else BLANK,
        "duur": hoeveelheid(nk.max_duur) if nk and nk.max_duur else BLANK,
        "volume": hoeveelheid(nk.max_volume) if nk and nk.max_volume else BLANK,
        "functieniveau": niveau,
        "gemeenten": gemeenten,
        "tarief": tarief,
        "groepsgrootte": p.groepsgrootte or "–",
    }


def comparison_table(cat: Catalogue, producten: list[ProductRecord], root: str = "", caption: str = "",
                     table_id: str = "vergelijking") -> Markup:
    """Products as columns, facts as rows; rows whose values differ are marked in text and style."""
    waarden = [compare_values(cat, p) for p in producten]
    rijen = []
    for key, label in RIJEN:
        cellen = [w[key] for w in waarden]
        rijen.append({"label": label, "cellen": cellen, "verschilt": len(set(cellen)) > 1})
    return render("comparison_table.html", producten=producten, rijen=rijen, root=root,
                  caption=caption, table_id=table_id)


def group_comparisons(cat: Catalogue, regio_id: str, root: str = "") -> Markup:
    """Within a region: every product group with two or more variants, side by side."""
    producten = sorted(cat.products_of(regio_id), key=lambda p: (p.productgroep, p.code or "~"))
    blokken = []
    for groep, items in groupby(producten, key=lambda p: p.productgroep):
        items = list(items)
        if len(items) >= 2:
            blokken.append((groep, comparison_table(cat, items, root, caption=f"{groep}: alle varianten",
                                                    table_id=f"vgl-{regio_id}-{len(blokken) + 1}")))
    return render("comparison_blocks.html", blokken=blokken, leeg="Deze regio heeft geen productgroep met meer dan één product.")


def type_comparisons(cat: Catalogue, root: str = "") -> Markup:
    """Across regions: per product type (shared taxonomy), products from two or more regions."""
    blokken = []
    for type_id, ptype in cat.producttypen.items():
        items = [p for p in cat.producten.values() if p.producttype == type_id and p.status != "vervallen"]
        if len({p.regio for p in items}) >= 2:
            items.sort(key=lambda p: (cat.regios[p.regio].naam, p.code or "~", p.naam))
            blokken.append((ptype.naam, comparison_table(cat, items, root, caption=f"{ptype.naam} in de regio's",
                                                         table_id=f"vgl-type-{type_id}")))
    return render("comparison_blocks.html", blokken=blokken, leeg="Geen producttype komt in meer dan één regio voor.")


def picker_data(cat: Catalogue) -> dict:
    """The JSON behind the /vergelijken/ picker: one entry per product, formatted by vergelijk_waarden."""
    return {
        "rijen": [{"key": k, "label": label} for k, label in RIJEN],
        "producten": [
            {"ref": p.ref, "url": p.url, "titel": p.titel, "waarden": compare_values(cat, p)}
            for p in sorted(cat.producten.values(), key=lambda p: (cat.regios[p.regio].naam, p.code or "~", p.naam))
        ],
    }


def comparison_picker(cat: Catalogue, root: str = "") -> Markup:
    """The picker form: products grouped per region as checkboxes; enhanced by vergelijken.js."""
    regios = [(r, cat.products_of(r.id)) for r in cat.regios.values() if cat.products_of(r.id)]
    return render("comparison_picker.html", regios=regios, root=root)
