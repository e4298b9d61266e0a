"""The open-data component: the list of export files (region, format, size, link), the date of the
data and the licence. The files themselves are made by ``macros.exports``, which also describes them
(``exports.about()``: columns, schemas, licence, template), handed over by the caller.
"""

from __future__ import annotations

import datetime

from markupsafe import Markup

from macros.catalogue.loader import Catalogue
from macros.components.render import render

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


def file_list(cat: Catalogue, files: dict[str, bytes], about: dict) -> list[dict]:
    """One row per export file: all regions (with the schema) first, then the regions in catalogue order."""
    ALL, EXPORT_SCHEMA, TEMPLATE = about["all"], about["export_schema"], about["template"]  # noqa: N806
    TABLES, table_path = about["tables"], about["table_path"]  # noqa: N806
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


def open_data(cat: Catalogue, files: dict[str, bytes], root: str, datum: str, about: dict) -> Markup:
    """The open-data page body; ``files`` is ``exports.export_files(...)``, ``datum`` its data date and
    ``about`` is ``exports.about()``."""
    TEMPLATE = about["template"]  # noqa: N806
    assert all(pad.startswith(about["folder"] + "/") for pad in files), "open-data bestanden horen onder open-data/"
    return render(
        "open_data.html", bestanden=file_list(cat, files, about), root=root, datum=datum,
        datum_tekst=datum_tekst(datum), licentie=about["licence"], kolommen=about["columns"],
        product_schema=about["product_schema"], export_schema=about["export_schema"], tabellen=about["tables"],
        tabellen_map=about["tables_folder"], producten_map=about["products_folder"],
        codetabellen=[cat.regios[r].naam for r in cat.regios if r in cat.codetabellen],
        sjabloon={"pad": TEMPLATE, "naam": TEMPLATE.rsplit("/", 1)[-1], "grootte": grootte(len(files[TEMPLATE]))}
        if TEMPLATE in files else None,
    )
