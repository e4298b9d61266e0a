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
from collections.abc import Callable
from dataclasses import dataclass
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
from macros.exports.tables import KEY, TABLES, Row, Table, table_rows
from macros.exports.xlsx import Sheet, workbook
from macros.model import Product, Regio, Slug, Strict
from macros.model.tables import Codetabel
from macros.view.tables import code_rows

ALL = "productenboek"  # open-data/productenboek.csv: all regions together
KEYED_BY = {k.name for k in KEY} - {"nr"}  # in JSON a table's rows sit under their product: no key columns
TABLES_FOLDER = "tabellen"  # open-data/tabellen/<regio>/<tabel>.csv: the extra tables as CSV
PRODUCTS_FOLDER = "producten"  # open-data/producten/<regio>/<id>.json: one product
EXPORT_SCHEMA = f"{FOLDER}/{ALL}.schema.json"
PRODUCT_SCHEMA = "schema/product.schema.json"
FORMATS = ("csv", "xlsx", "json")
LICENCE = {"naam": "CC0 1.0 Universeel", "url": "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"}
FIXED_DATE = datetime.datetime(2000, 1, 1)  # xlsx timestamps when no data date is given


def about() -> dict:
    """What the open-data page says about the files (``macros.components.opendata``, handed over by the site)."""
    from macros.exports.template import TEMPLATE

    return {"all": ALL, "folder": FOLDER, "columns": COLUMNS, "licence": LICENCE, "product_schema": PRODUCT_SCHEMA,
            "export_schema": EXPORT_SCHEMA, "template": TEMPLATE, "tables": TABLES, "table_path": table_path,
            "tables_folder": f"{FOLDER}/{TABLES_FOLDER}", "products_folder": f"{FOLDER}/{PRODUCTS_FOLDER}"}


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


def csv_bytes(rows: list[dict], columns=COLUMNS) -> bytes:
    """UTF-8 with BOM, ';'-separated, a header row of Dutch column headers, CRLF line ends. ``columns``: the
    product columns, or an extra table's (``tables.py``), each with ``header``, ``name`` and ``number_format``."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow([k.header for k in columns])
    for row in rows:
        w.writerow(["" if (v := row[k.name]) is None else _csv_number(v) if k.number_format else as_text(str(v))
                    for k in columns])
    return buf.getvalue().encode("utf-8-sig")


def table_path(group: str, table: Table) -> str:
    """Where an extra table of a region (or of all regions: ``ALL``) is published as CSV."""
    return f"{FOLDER}/{TABLES_FOLDER}/{group}/{table.name}.csv"


def product_json_path(p) -> str:
    """Where one product's JSON file is published (linked from its page)."""
    return f"{FOLDER}/{PRODUCTS_FOLDER}/{p.regio}/{p.id}.json"


# --- Excel -------------------------------------------------------------------------------------------


def product_sheet(title: str, rows: list[dict]) -> Sheet:
    return Sheet(title, [k.header for k in COLUMNS], [[r[k.name] for k in COLUMNS] for r in rows],
                {k.header: k.number_format for k in COLUMNS if k.number_format})


def table_sheet(table: Table, rows: list[Row]) -> Sheet:
    """An extra table as a sheet: one row per item, keyed by region, product id and code."""
    columns = table.all_columns
    return Sheet(table.title, [k.header for k in columns], [[r[k.name] for k in columns] for r in rows],
                 {k.header: k.number_format for k in columns if k.number_format})


NOTES_SHEET = "Toelichting"  # the workbook's last sheet: the header mapping


def notes_sheet(tables: bool = True) -> Sheet:
    """Every column of the product sheets (its header, its machine name and what it holds), then every column
    of the extra sheets as 'Werkblad: kop' and 'tabel.veldnaam'."""
    rows = [[k.header, k.name, k.meaning] for k in COLUMNS]
    if tables:
        rows += [[f"{t.title}: {k.header}", f"{t.name}.{k.name}", k.meaning if k.name != "nr" else t.meaning + ". " + k.meaning]
                 for t in TABLES for k in t.all_columns]
    return Sheet(NOTES_SHEET, ["Kolom", "Veldnaam", "Betekenis"], rows)


def code_table_columns(editions: list[str]) -> list[tuple[str, str]]:
    """(Dutch header, machine name) of the code-table sheet's columns."""
    columns = [("Product-id", "product"), ("Webpagina", "url")]
    for e in editions:
        columns += [(f"Omschrijving {e}", f"omschrijving_{e}"), (f"Extra omschrijving {e}", f"extra_omschrijving_{e}"),
                (f"Code {e}", f"code_{e}"), (f"Vervalt in {e}", f"vervalt_{e}")]
    columns += [(f"Wijziging {a} → {b}", f"wijziging_{a}_{b}") for a, b in itertools.pairwise(editions)]
    return columns


def code_table_sheet(cat: Catalogue, region_id: str, site_url: str = "") -> Sheet:
    """The region's code table as printed: per edition omschrijving, extra omschrijving, code, vervalt."""
    table = cat.codetabellen[region_id]
    editions = list(table.edities)
    header = [h for h, _ in code_table_columns(editions)]
    rows = []
    for r in code_rows(list(table.regels), editions):
        p = cat.producten.get(f"{region_id}/{r['product']}")
        row: list = [r["product"], link(site_url, p.url) if p else ""]
        for c in r["cellen"]:
            row += [c.omschrijving, c.extra_omschrijving, c.code, c.vervalt] if c else [None] * 4
        rows.append(row + r["wijzigingen"])
    return Sheet(f"Codetabel {cat.regios[region_id].naam}", header, rows, {})


# --- JSON --------------------------------------------------------------------------------------------


# Weergave, ExportRegio, Licentie: $defs of the published open-data/productenboek.schema.json, so Dutch on purpose
# (see macros.model.Strict); ExportFile's own name is not in it (the schema gets a title of its own).
class Weergave(Strict):
    """A product as its page and the CSV/Excel files say it: the same words, states and notes."""

    kolommen: dict[str, str | float | None] = Field(
        description="De kolommen van het productwerkblad en de CSV, per veldnaam (zie /open-data/)")
    tabellen: dict[str, list[dict[str, str | float | int | None]]] = Field(
        description="De extra tabellen (functiemix, eisen, resultaten, …): per tabel de rijen van dit product, zonder "
        "regio_id, id en code (die van het product)")


class ExportProduct(Product):
    id: Slug
    regio: Slug
    url: str
    data_url: str = Field(description="Adres van het JSON-bestand van alleen dit product")
    weergave: Weergave | None = Field(default=None, description="Alleen in het JSON-bestand van één product (data_url): "
                                      "het product zoals de pagina, de CSV en Excel het zeggen")


class ExportRegio(Regio):
    id: Slug
    url: str


class Licentie(Strict):
    naam: str
    url: str


class ExportFile(Strict):
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


def product_json(cat: Catalogue, p, site_url: str) -> dict:
    """One product in JSON: the validated data as in data/, plus id, regio, url and the address of its own file."""
    return _dump(p, Product.model_fields, id=p.id, regio=p.regio, url=link(site_url, p.url),
                 data_url=link(site_url, product_json_path(p)))


def view_json(row: dict, tables: dict[str, list[Row]]) -> dict:
    """How the page, CSV and Excel say a product: its product-sheet row and its rows of every extra table
    (without the key columns, which are the product's own)."""
    return {"kolommen": row, "tabellen": {name: [{k: v for k, v in r.items() if k not in KEYED_BY} for r in rows]
                                          for name, rows in tables.items()}}


def json_export(cat: Catalogue, region_ids: list[str], title: str, site_url: str = "", date: str | None = None,
                products: dict[str, dict] | None = None) -> dict:
    """``products``: product ref -> its JSON (``product_json``), made once for every file that holds it."""
    if products is None:
        products = {p.ref: product_json(cat, p, site_url) for r in region_ids for p in cat.products_of(r)}
    return {
        "$schema": link(site_url, EXPORT_SCHEMA), "titel": title, "datum": date, "licentie": LICENCE,
        "schema": link(site_url, PRODUCT_SCHEMA),
        "regios": [_dump(cat.regios[r], Regio.model_fields, id=r, url=link(site_url, cat.regios[r].url))
                   for r in region_ids],
        "codetabellen": {r: cat.codetabellen[r].model_dump(mode="json") for r in region_ids if r in cat.codetabellen},
        "producten": [products[p.ref] for r in region_ids for p in cat.products_of(r) if p.ref in products],
    }


def export_schema(site_url: str = "") -> dict:
    """JSON Schema (draft 2020-12) of the JSON export files, generated from the model."""
    schema = ExportFile.model_json_schema(by_alias=True, mode="validation")
    head = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    if site_url:
        head["$id"] = link(site_url, EXPORT_SCHEMA)
    schema["title"] = "Open data productenboek jeugdhulp"
    return {**head, **schema}


def _json_bytes(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _json_text(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _nested(text: str, depth: int) -> str:
    """A JSON text (indent 2) as it reads ``depth`` levels deep: JSON strings hold no raw line breaks, so
    indenting every line after the first gives exactly what ``json.dumps`` writes there."""
    return text.replace("\n", "\n" + "  " * depth)


def _with_products(head: dict, products: list[str]) -> bytes:
    """``head`` (its last key "producten", an empty list) with the products' JSON texts (each encoded once,
    for its own file) put in: byte for byte what ``json.dumps(..., indent=2)`` writes for the whole."""
    text, empty, rest = _json_text(head).rpartition('"producten": []')
    assert empty and rest == "\n}", "'producten' is the last key of the export"
    items = ",\n    ".join(_nested(p, 2) for p in products)
    return (text + ('"producten": [\n    ' + items + "\n  ]" if products else empty) + rest + "\n").encode("utf-8")


# --- all files ---------------------------------------------------------------------------------------


@dataclass
class RegionParts:
    """What a region adds to the export files, made from the catalogue alone: its product-sheet rows, its rows of
    every extra table, and per product its JSON text and its "weergave" (``view_json``) text. Under ``mkdocs serve``
    a rebuild keeps a region's parts when no edit can reach them (``macros.site.incremental``)."""

    rows: list[dict]
    tables: dict[str, list[Row]]
    texts: dict[str, str]  # product ref -> its JSON, encoded once for every file that holds it
    shown: dict[str, str]  # product ref -> its "weergave", for its own file


def region_parts(cat: Catalogue, r: str, site_url: str = "") -> RegionParts:
    parts = RegionParts([], {t.name: [] for t in TABLES}, {}, {})
    for p in cat.products_of(r):
        x = ProductRow(cat, p, site_url)
        row = {k.name: k.value(x) for k in COLUMNS}
        own = table_rows(x)
        parts.rows.append(row)
        for name, rows in own.items():
            parts.tables[name] += rows
        parts.texts[p.ref] = _json_text(product_json(cat, p, site_url))
        parts.shown[p.ref] = _json_text(view_json(row, own))
    return parts


def _call(fn: Callable, *args):
    return fn(*args)


def _joined_csv(files: list[bytes]) -> bytes:
    """CSV files with the same header as one: the header once, then every file's rows (a CSV row is written
    alone, so this is byte for byte what ``csv_bytes`` writes for all rows together)."""
    head = files[0][:files[0].index(b"\r\n") + 2]
    assert all(f.startswith(head) for f in files), "CSV files with different headers"
    return head + b"".join(f[len(head):] for f in files)


def export_files(cat: Catalogue, site_url: str = "", date: str | None = None, *,
                 parts: Callable[[Catalogue, str, str], RegionParts] = region_parts,
                 write: Callable = _call) -> dict[str, bytes]:
    """Site path -> content of every open-data file: all regions together first, then per region,
    then the export schema and the empty template (``template.py``). ``date`` (YYYY-MM-DD, see ``macros.site.state.data_date``) goes into JSON and xlsx.
    ``parts`` makes a region's ``RegionParts`` and ``write(fn, *args)`` calls a writer (``workbook``, ``csv_bytes``, …):
    ``mkdocs serve`` passes its caches of both (``macros.site.incremental``); the bytes are the same."""
    from macros.exports.template import TEMPLATE, template_workbook

    for taken in (ALL, TEMPLATE[len(FOLDER) + 1:].split(".")[0]):
        if taken in cat.regios:
            raise ValueError(f"regio-id '{taken}' botst met een bestand op /open-data/")
    created = datetime.datetime.fromisoformat(date) if date else FIXED_DATE
    made = {r: parts(cat, r, site_url) for r in cat.regios}
    per_region = {r: x.rows for r, x in made.items()}
    tables = {r: x.tables for r, x in made.items()}  # region -> table -> rows
    texts = {ref: text for x in made.values() for ref, text in x.texts.items()}
    shown = {ref: text for x in made.values() for ref, text in x.shown.items()}
    groups = [(r, f"Productenboek jeugdhulp {region.naam}", [r]) for r, region in cat.regios.items()]
    groups.append((ALL, "Productenboek jeugdhulp, alle regio's", list(cat.regios)))
    files: dict[str, dict[str, bytes]] = {}
    for name, title, ids in groups:  # the regions first: all regions' CSV files are theirs joined
        own = files[name] = {}
        if name == ALL and ids:
            own[f"{FOLDER}/{name}.csv"] = _joined_csv([files[r][f"{FOLDER}/{r}.csv"] for r in ids])
        else:
            own[f"{FOLDER}/{name}.csv"] = write(csv_bytes, [row for r in ids for row in per_region[r]])
        sheets = [product_sheet(cat.regios[r].naam, per_region[r]) for r in ids]
        sheets += [table_sheet(t, [row for r in ids for row in tables[r][t.name]]) for t in TABLES]
        sheets += [code_table_sheet(cat, r, site_url) for r in ids if r in cat.codetabellen]
        sheets.append(notes_sheet())
        own[f"{FOLDER}/{name}.xlsx"] = write(workbook, sheets, created, title)
        head = json_export(cat, ids, title, site_url, date, {})
        own[f"{FOLDER}/{name}.json"] = _with_products(head, [texts[p.ref] for r in ids for p in cat.products_of(r)])
        for t in TABLES:
            if name == ALL and ids:
                own[table_path(name, t)] = _joined_csv([files[r][table_path(r, t)] for r in ids])
            else:
                own[table_path(name, t)] = write(csv_bytes, [row for r in ids for row in tables[r][t.name]], t.all_columns)
    out: dict[str, bytes] = {**files[ALL]}
    for r in cat.regios:
        out.update(files[r])
    for r in cat.regios:
        for p in cat.products_of(r):
            head = _json_text({"titel": f"{p.titel} ({cat.regios[r].naam})", "datum": date, "licentie": LICENCE,
                               "product": None})
            full = texts[p.ref].removesuffix("\n}") + ',\n  "weergave": ' + _nested(shown[p.ref], 1) + "\n}"
            out[product_json_path(p)] = (head.removesuffix("null\n}") + _nested(full, 1) + "\n}\n").encode("utf-8")
    out[EXPORT_SCHEMA] = write(_schema_bytes, site_url)
    out[TEMPLATE] = write(template_workbook, created)  # the empty workbook a region fills and imports (productenboek-import-xlsx)
    return out


def _schema_bytes(site_url: str) -> bytes:
    return _json_bytes(export_schema(site_url))
