"""The open-data component: the list of export files (region, format, size, link), the date of the
data and the licence. The files themselves are made by ``macros.exports``, which also describes them
(``exports.about()``: columns, schemas, licence, template), handed over by the caller.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from markupsafe import Markup

from macros.catalogue.loader import Catalogue
from macros.components.render import render
from macros.text import date_text

FORMAT_NAMES = {"csv": "CSV", "xlsx": "Excel (xlsx)", "json": "JSON", "schema.json": "JSON Schema van het JSON-bestand"}


def file_size(n: int) -> str:
    """File size in Dutch: '845 bytes', '12,3 kB', '1,2 MB' (1 kB = 1000 bytes)."""
    if n < 1000:
        return f"{n} bytes"
    amount, unit = (n / 1000, "kB") if n < 999_950 else (n / 1_000_000, "MB")
    return f"{amount:.1f} {unit}".replace(".", ",")



def _sizes_of(files: Mapping[str, bytes]) -> Callable[[list[str]], str]:
    return lambda paths: file_size(sum(len(files[p]) for p in paths))


def file_list(cat: Catalogue, files: Mapping[str, object], about: dict, size: Callable[[list[str]], str] | None = None) -> list[dict]:
    """One row per export file: all regions (with the schema) first, then the regions in catalogue order.
    ``size(paths)``: the size of those files together, as the page says it (default: from ``files``' bytes)."""
    size = size or _sizes_of(files)  # type: ignore[arg-type]
    ALL, EXPORT_SCHEMA, TEMPLATE = about["all"], about["export_schema"], about["template"]  # noqa: N806
    TABLES, table_path = about["tables"], about["table_path"]  # noqa: N806
    order = {ALL: 0, **{r: i + 1 for i, r in enumerate(cat.regios)}}
    rows = []
    for path in files:
        if path == TEMPLATE or path.count("/") > 1:  # the template is offered separately; tables and products below
            continue
        name = path.rsplit("/", 1)[-1]
        stem, ext = name.split(".", 1)
        region = "Alle regio's" if stem == ALL else cat.regios[stem].naam
        sort_key = (order.get(stem, len(order)), path == EXPORT_SCHEMA, list(FORMAT_NAMES).index(ext))
        rows.append({"sleutel": sort_key, "regio": region, "formaat": FORMAT_NAMES[ext], "grootte": size([path]),
                      "pad": path, "naam": name, "tabellen": None})
    for stem in order:  # the extra tables as CSV, one row per region after its own files
        tables = [{"naam": t.title, "pad": table_path(stem, t), "grootte": size([table_path(stem, t)])}
                    for t in TABLES if table_path(stem, t) in files]
        if tables:
            rows.append({"sleutel": (order[stem], False, len(FORMAT_NAMES)), "formaat": "CSV, extra tabellen",
                          "regio": "Alle regio's" if stem == ALL else cat.regios[stem].naam, "tabellen": tables,
                          "grootte": size([t["pad"] for t in tables])})
    return sorted(rows, key=lambda r: r["sleutel"])


def open_data(cat: Catalogue, files: Mapping[str, object], root: str, date: str, about: dict,
              size: Callable[[list[str]], str] | None = None) -> Markup:
    """The open-data page body; ``files`` is ``exports.export_files(...)`` (or its paths, with ``size``: the
    files are made beside the pages, ``macros.site.export_job``), ``date`` its data date and ``about`` is
    ``exports.about()``."""
    size = size or _sizes_of(files)  # type: ignore[arg-type]
    TEMPLATE = about["template"]  # noqa: N806
    assert all(path.startswith(about["folder"] + "/") for path in files), "open-data bestanden horen onder open-data/"
    return render(
        "open_data.html", bestanden=file_list(cat, files, about, size), root=root, datum=date,
        datum_tekst=date_text(date), licentie=about["licence"], kolommen=about["columns"],
        product_schema=about["product_schema"], export_schema=about["export_schema"], tabellen=about["tables"],
        tabellen_map=about["tables_folder"], producten_map=about["products_folder"],
        codetabellen=[cat.regios[r].naam for r in cat.regios if r in cat.codetabellen],
        sjabloon={"pad": TEMPLATE, "naam": TEMPLATE.rsplit("/", 1)[-1], "grootte": size([TEMPLATE])}
        if TEMPLATE in files else None,
    )
