"""Comparison components: products side by side, within a product group and across regions.

``vergelijk_waarden`` is the single formatter of a product's comparable facts; the
static tables and the picker's JSON (read by overrides/assets/compare.js) both use
it, so the browser only lays out what Python formatted.
"""

from __future__ import annotations

from itertools import groupby

from markupsafe import Markup

from macros.catalogue.loader import Catalogue
from macros.catalogue.records import ProductRecord
from macros.components import sourcing
from macros.components.render import render
from macros.model import notes_about
from macros.model.sourced import value_of
from macros.text import BLANK, NOT_STATED, gemeenten_tekst, plain_markdown, shown, tarief_tekst

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


BLANKS = (BLANK, NOT_STATED)  # cells styled as 'no value from the source'

# Which fields a row shows: the notes about them (opmerkingen) go into the row's cells.
ROW_FIELDS = {"status": "status", "eenheid": "eenheid", "duur": "normenkader", "volume": "normenkader",
              "functieniveau": "functiemix", "gemeenten": "gemeenten", "tarief": "tarief", "productgroep": "productgroep"}


def compare_values(cat: Catalogue, p: ProductRecord) -> dict[str, str]:
    """The comparable facts of one product as display strings ('' never: blanks say so). A value the
    source does not state says what the source does instead, an inference says so with its reason, and a
    note about an ambiguity in the source goes with the value it concerns."""
    def niveaus(fm) -> str:
        return ", ".join(n.niveau + (f" {n.aandeel:g}%".replace(".", ",") if n.aandeel is not None else "")
                         for n in fm.niveaus)

    waarden = {
        "regio": cat.regios[p.regio].naam,
        "code": p.code or "geen code in de bron",
        "productgroep": shown(p.productgroep).plain,
        "producttype": cat.producttypen[p.producttype].naam,
        "status": shown(p.status).plain,
        "eenheid": shown(p.eenheid, lambda e: e.soort).plain,
        "duur": sourcing.duration(cat, p).plain,
        "volume": sourcing.volume(cat, p).plain,
        "functieniveau": shown(p.functiemix, niveaus).plain,
        "gemeenten": shown(p.gemeenten, gemeenten_tekst).plain,
        "tarief": shown(p.tarief, tarief_tekst).plain,
        "groepsgrootte": p.groepsgrootte or "–",
    }
    for key, veld in ROW_FIELDS.items():
        for note in notes_about(p, veld):
            waarden[key] += f" [onduidelijk in de bron: {plain_markdown(note)}]"
    return waarden


def comparison_table(cat: Catalogue, producten: list[ProductRecord], root: str = "", caption: str = "",
                     table_id: str = "vergelijking") -> Markup:
    """Products as columns, facts as rows; rows whose values differ are marked in text and style."""
    waarden = [compare_values(cat, p) for p in producten]
    rijen = []
    for key, label in RIJEN:
        cellen = [w[key] for w in waarden]
        rijen.append({"label": label, "cellen": cellen, "verschilt": len(set(cellen)) > 1})
    return render("comparison_table.html", producten=producten, rijen=rijen, root=root,
                  caption=caption, table_id=table_id, blanks=BLANKS)


def group_comparisons(cat: Catalogue, regio_id: str, root: str = "") -> Markup:
    """Within a region: every product group with two or more variants, side by side."""
    producten = sorted(cat.products_of(regio_id), key=lambda p: (p.groep, p.code or "~"))
    blokken = []
    for groep, items in groupby(producten, key=lambda p: p.groep):
        items = list(items)
        if len(items) >= 2:
            blokken.append((groep, comparison_table(cat, items, root, caption=f"{groep}: alle varianten",
                                                    table_id=f"vgl-{regio_id}-{len(blokken) + 1}")))
    return render("comparison_blocks.html", blokken=blokken, leeg="Deze regio heeft geen productgroep met meer dan één product.")


def type_comparisons(cat: Catalogue, root: str = "") -> Markup:
    """Across regions: per product type (shared taxonomy), products from two or more regions."""
    blokken = []
    for type_id, ptype in cat.producttypen.items():
        items = [p for p in cat.producten.values() if p.producttype == type_id and value_of(p.status) != "vervallen"]
        if len({p.regio for p in items}) >= 2:
            items.sort(key=lambda p: (cat.regios[p.regio].naam, p.code or "~", p.naam))
            blokken.append((ptype.naam, comparison_table(cat, items, root, caption=f"{ptype.naam} in de regio's",
                                                         table_id=f"vgl-type-{type_id}")))
    return render("comparison_blocks.html", blokken=blokken, leeg="Geen producttype komt in meer dan één regio voor.")


def picker_data(cat: Catalogue) -> dict:
    """The JSON behind the /vergelijken/ picker: one entry per product, formatted by vergelijk_waarden."""
    return {
        "rijen": [{"key": k, "label": label} for k, label in RIJEN],
        "leeg": list(BLANKS),  # values shown as "no value from the source"
        "producten": [
            {"ref": p.ref, "url": p.url, "titel": p.titel, "waarden": compare_values(cat, p)}
            for p in sorted(cat.producten.values(), key=lambda p: (cat.regios[p.regio].naam, p.code or "~", p.naam))
        ],
    }


def comparison_picker(cat: Catalogue, root: str = "") -> Markup:
    """The picker form: products grouped per region as checkboxes; enhanced by compare.js."""
    regios = [(r, cat.products_of(r.id)) for r in cat.regios.values() if cat.products_of(r.id)]
    return render("comparison_picker.html", regios=regios, root=root)
