"""Open data: every region's products as CSV, Excel and JSON, from the same validated catalogue as the pages.

``export_files(cat, site_url, date)`` maps site paths (``open-data/flevoland.csv``) to bytes: per
region and for all regions together (``open-data/productenboek.*``), plus the JSON Schema of the JSON
export. CSV and Excel share one list of columns (``COLUMNS``, ``columns.py``): each has a Dutch header that a spreadsheet
user understands (``header``) and a fixed machine name (``name``); the mapping between the two is
published on /open-data/ and as the "Toelichting" sheet of every workbook. JSON is the catalogue's own
shape (the validated file models). Output is deterministic: the same data gives byte-identical files.
"""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import json
from decimal import Decimal

from pydantic import Field

from macros.catalogue.loader import Catalogue
from macros.exports.columns import (  # noqa: F401  (re-exported: the columns are part of this package's API)
    COLUMNS,
    FOLDER,
    PUBLISHED,
    Column,
    ProductRow,
    link,
    product_row,
    source_path,
)
from macros.exports.xlsx import Sheet, workbook
from macros.model import Product, Regio, Slug, Strict
from macros.model.tables import Codetabel
from macros.view.tables import code_rows

ALL = "productenboek"  # open-data/productenboek.csv: all regions together
EXPORT_SCHEMA = f"{FOLDER}/{ALL}.schema.json"
PRODUCT_SCHEMA = "schema/product.schema.json"
FORMATS = ("csv", "xlsx", "json")
LICENCE = {"naam": "CC0 1.0 Universeel", "url": "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"}
FIXED_DATE = datetime.datetime(2000, 1, 1)  # xlsx timestamps when no data date is given


def about() -> dict:
    """What the open-data page says about the files (``macros.components.opendata``, handed over by the site)."""
    from macros.exports.template import TEMPLATE

    return {"all": ALL, "folder": FOLDER, "columns": COLUMNS, "licence": LICENCE, "product_schema": PRODUCT_SCHEMA,
            "export_schema": EXPORT_SCHEMA, "template": TEMPLATE}


# --- CSV ---------------------------------------------------------------------------------------------


def _csv_number(value: float) -> str:
    """1234.5 -> '1234,5', 12.0 -> '12': decimal comma, as Excel reads a ';'-separated file in Dutch."""
    text = format(Decimal(repr(value)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


FORMULA_CHARS = ("=", "+", "-", "@", "\t", "\r")


def as_text(value: str) -> str:
    """Text a spreadsheet would read as a formula ('=HYPERLINK(…)', '+31…', '-', '@…') gets a leading
    apostrophe, which spreadsheets show as text and do not display."""
    return "'" + value if value.startswith(FORMULA_CHARS) else value


def csv_bytes(rows: list[dict]) -> bytes:
    """UTF-8 with BOM, ';'-separated, a header row of Dutch column headers, CRLF line ends."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow([k.header for k in COLUMNS])
    for row in rows:
        w.writerow(["" if (v := row[k.name]) is None else _csv_number(v) if k.number_format else as_text(v) for k in COLUMNS])
    return buf.getvalue().encode("utf-8-sig")


# --- Excel -------------------------------------------------------------------------------------------


def product_sheet(title: str, rows: list[dict]) -> Sheet:
    return Sheet(title, [k.header for k in COLUMNS], [[r[k.name] for k in COLUMNS] for r in rows],
                {k.header: k.number_format for k in COLUMNS if k.number_format})


NOTES_SHEET = "Toelichting"  # the workbook's last sheet: the header mapping


def notes_sheet() -> Sheet:
    """Every column of the product sheets: its header, its machine name and what it holds."""
    return Sheet(NOTES_SHEET, ["Kolom", "Veldnaam", "Betekenis"], [[k.header, k.name, k.meaning] for k in COLUMNS])


def code_table_columns(editions: list[str]) -> list[tuple[str, str]]:
    """(Dutch header, machine name) of the code-table sheet's columns."""
    columns = [("Product-id", "product"), ("Webpagina", "url")]
    for e in editions:
        columns += [(f"Omschrijving {e}", f"omschrijving_{e}"), (f"Extra omschrijving {e}", f"extra_omschrijving_{e}"),
                (f"Code {e}", f"code_{e}"), (f"Vervalt in {e}", f"vervalt_{e}")]
    columns += [(f"Wijziging {a} → {b}", f"wijziging_{a}_{b}") for a, b in itertools.pairwise(editions)]
    return columns


def code_table_sheet(cat: Catalogue, regio_id: str, site_url: str = "") -> Sheet:
    """The region's code table as printed: per edition omschrijving, extra omschrijving, code, vervalt."""
    table = cat.codetabellen[regio_id]
    editions = list(table.edities)
    header = [h for h, _ in code_table_columns(editions)]
    rows = []
    for r in code_rows(list(table.regels), editions):
        p = cat.producten.get(f"{regio_id}/{r['product']}")
        row: list = [r["product"], link(site_url, p.url) if p else ""]
        for c in r["cellen"]:
            row += [c.omschrijving, c.extra_omschrijving, c.code, c.vervalt] if c else [None] * 4
        rows.append(row + r["wijzigingen"])
    return Sheet(f"Codetabel {cat.regios[regio_id].naam}", header, rows, {})


# --- JSON --------------------------------------------------------------------------------------------


class ExportProduct(Product):
    id: Slug
    regio: Slug
    url: str


class ExportRegio(Regio):
    id: Slug
    url: str


class Licentie(Strict):
    naam: str
    url: str


class ExportBestand(Strict):
    """The JSON export: the validated file models of products and regions, plus id, regio and url."""

    meta_schema: str = Field(alias="$schema", description="Dit schema (productenboek.schema.json)")
    titel: str
    datum: str | None = Field(description="Datum van de gegevens (laatste wijziging van data/), JJJJ-MM-DD")
    licentie: Licentie
    product_schema: str = Field(alias="schema", description="JSON Schema van één product (schema/product.schema.json)")
    regios: list[ExportRegio]
    codetabellen: dict[str, Codetabel] = Field(description="Per regio-id de productcodetabel zoals gedrukt")
    producten: list[ExportProduct]


def _dump(model, fields, **extra) -> dict:
    return {**extra, **model.model_dump(mode="json", include=set(fields))}


def json_export(cat: Catalogue, regio_ids: list[str], title: str, site_url: str = "", date: str | None = None) -> dict:
    return {
        "$schema": link(site_url, EXPORT_SCHEMA), "titel": title, "datum": date, "licentie": LICENCE,
        "schema": link(site_url, PRODUCT_SCHEMA),
        "regios": [_dump(cat.regios[r], Regio.model_fields, id=r, url=link(site_url, cat.regios[r].url))
                   for r in regio_ids],
        "codetabellen": {r: cat.codetabellen[r].model_dump(mode="json") for r in regio_ids if r in cat.codetabellen},
        "producten": [_dump(p, Product.model_fields, id=p.id, regio=p.regio, url=link(site_url, p.url))
                      for r in regio_ids for p in cat.products_of(r)],
    }


def export_schema(site_url: str = "") -> dict:
    """JSON Schema (draft 2020-12) of the JSON export files, generated from the model."""
    schema = ExportBestand.model_json_schema(by_alias=True, mode="validation")
    head = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    if site_url:
        head["$id"] = link(site_url, EXPORT_SCHEMA)
    schema["title"] = "Open data productenboek jeugdhulp"
    return {**head, **schema}


def _json_bytes(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# --- all files ---------------------------------------------------------------------------------------


def export_files(cat: Catalogue, site_url: str = "", date: str | None = None) -> dict[str, bytes]:
    """Site path -> content of every open-data file: all regions together first, then per region,
    then the export schema and the empty template (``template.py``). ``date`` (YYYY-MM-DD, see ``macros.site.state.data_date``) goes into JSON and xlsx."""
    from macros.exports.template import TEMPLATE, template_workbook

    for taken in (ALL, TEMPLATE[len(FOLDER) + 1:].split(".")[0]):
        if taken in cat.regios:
            raise ValueError(f"regio-id '{taken}' botst met een bestand op /open-data/")
    created = datetime.datetime.fromisoformat(date) if date else FIXED_DATE
    per_region = {r: [product_row(cat, p, site_url) for p in cat.products_of(r)] for r in cat.regios}
    groups = [(ALL, "Productenboek jeugdhulp, alle regio's", list(cat.regios))]
    groups += [(r, f"Productenboek jeugdhulp {regio.naam}", [r]) for r, regio in cat.regios.items()]
    out: dict[str, bytes] = {}
    for name, title, ids in groups:
        out[f"{FOLDER}/{name}.csv"] = csv_bytes([row for r in ids for row in per_region[r]])
        sheets = [product_sheet(cat.regios[r].naam, per_region[r]) for r in ids]
        sheets += [code_table_sheet(cat, r, site_url) for r in ids if r in cat.codetabellen]
        sheets.append(notes_sheet())
        out[f"{FOLDER}/{name}.xlsx"] = workbook(sheets, created, title)
        out[f"{FOLDER}/{name}.json"] = _json_bytes(json_export(cat, ids, title, site_url, date))
    out[EXPORT_SCHEMA] = _json_bytes(export_schema(site_url))
    out[TEMPLATE] = template_workbook(created)  # the empty workbook a region fills and imports (productenboek-import-xlsx)
    return out
