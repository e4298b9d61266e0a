"""The open-data component: the list of export files (region, format, size, link), the date of the
data and the licence. The files themselves are made by ``macros.exports``.
"""

from __future__ import annotations

import datetime

from markupsafe import Markup

from macros.catalogue.loader import Catalogue
from macros.components.render import render
from macros.exports import (
    ALL,
    COLUMNS,
    EXPORT_SCHEMA,
    FOLDER,
    LICENCE,
    PRODUCT_SCHEMA,
    PRODUCTS_FOLDER,
    TABLES,
    TABLES_FOLDER,
    table_path,
)
from macros.exports.template import TEMPLATE

FORMAAT_NAMEN = {"csv": "CSV", "xlsx": "Excel (xlsx)", "json": "JSON", "schema.json": "JSON Schema van het JSON-bestand"}
MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december")


def grootte(n: int) -> str:
    """File size in Dutch: '845 bytes', '12,3 kB', '1,2 MB' (1 kB = 1000 bytes)."""
    if n < 1000:
        return f"{n} bytes"
    waarde, eenheid = (n / 1000, "kB") if n < 999_950 else (n / 1_000_000, "MB")
    return f"{waarde:.1f} {eenheid}".replace(".", ",")


def datum_tekst(iso: str) -> str:
    """'2025-03-07' -> '7 maart 2025'; anything else is returned as given."""
    try:
        d = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


def file_list(cat: Catalogue, files: dict[str, bytes]) -> list[dict]:
    """One row per export file: all regions (with the schema) first, then the regions in catalogue order."""
    volgorde = {ALL: 0, **{r: i + 1 for i, r in enumerate(cat.regios)}}
    rijen = []
    for pad, inhoud in files.items():
        if pad == TEMPLATE or pad.count("/") > 1:  # the template is offered separately; tables and products below
            continue
        naam = pad.rsplit("/", 1)[-1]
        stam, ext = naam.split(".", 1)
        regio = "Alle regio's" if stam == ALL else cat.regios[stam].naam
        sleutel = (volgorde.get(stam, len(volgorde)), pad == EXPORT_SCHEMA, list(FORMAAT_NAMEN).index(ext))
        rijen.append({"sleutel": sleutel, "regio": regio, "formaat": FORMAAT_NAMEN[ext], "grootte": grootte(len(inhoud)),
                      "pad": pad, "naam": naam, "tabellen": None})
    for stam in volgorde:  # the extra tables as CSV, one row per region after its own files
        tabellen = [{"naam": t.title, "pad": table_path(stam, t), "grootte": grootte(len(files[table_path(stam, t)]))}
                    for t in TABLES if table_path(stam, t) in files]
        if tabellen:
            rijen.append({"sleutel": (volgorde[stam], False, len(FORMAAT_NAMEN)), "formaat": "CSV, extra tabellen",
                          "regio": "Alle regio's" if stam == ALL else cat.regios[stam].naam, "tabellen": tabellen,
                          "grootte": grootte(sum(len(files[t["pad"]]) for t in tabellen))})
    return sorted(rijen, key=lambda r: r["sleutel"])


def open_data(cat: Catalogue, files: dict[str, bytes], root: str, datum: str) -> Markup:
    """The open-data page body; ``files`` is ``exports.export_files(...)``, ``datum`` its data date."""
    assert all(pad.startswith(FOLDER + "/") for pad in files), "open-data bestanden horen onder open-data/"
    return render(
        "open_data.html", bestanden=file_list(cat, files), root=root, datum=datum,
        datum_tekst=datum_tekst(datum), licentie=LICENCE, kolommen=COLUMNS,
        product_schema=PRODUCT_SCHEMA, export_schema=EXPORT_SCHEMA, tabellen=TABLES,
        tabellen_map=f"{FOLDER}/{TABLES_FOLDER}", producten_map=f"{FOLDER}/{PRODUCTS_FOLDER}",
        codetabellen=[cat.regios[r].naam for r in cat.regios if r in cat.codetabellen],
        sjabloon={"pad": TEMPLATE, "naam": TEMPLATE.rsplit("/", 1)[-1], "grootte": grootte(len(files[TEMPLATE]))}
        if TEMPLATE in files else None,
    )
