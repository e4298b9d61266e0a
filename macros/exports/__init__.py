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
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

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
from macros.exports.jsonfiles import (  # noqa: F401  (re-exported: the JSON export is part of this package's API)
    ALL,
    EXPORT_SCHEMA,
    KEYED_BY,
    LICENCE,
    PRODUCT_SCHEMA,
    PRODUCTS_FOLDER,
    ExportFile,
    ExportProduct,
    ExportRegio,
    Licentie,
    Weergave,
    _json_bytes,
    _json_text,
    _nested,
    _with_products,
    export_schema,
    json_export,
    product_json,
    product_json_path,
    view_json,
)
from macros.exports.tables import TABLES, Row, Table, table_rows
from macros.exports.xlsx import Sheet, workbook
from macros.view.tables import code_rows

TABLES_FOLDER = "tabellen"  # open-data/tabellen/<regio>/<tabel>.csv: the extra tables as CSV
FORMATS = ("csv", "xlsx", "json")
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


def check_region_ids(cat: Catalogue) -> None:
    """A region id that is also the name of another open-data file is refused (ValueError, in Dutch)."""
    from macros.exports.template import TEMPLATE

    for taken in (ALL, TEMPLATE[len(FOLDER) + 1:].split(".")[0]):
        if taken in cat.regios:
            raise ValueError(f"regio-id '{taken}' botst met een bestand op /open-data/")


def export_paths(cat: Catalogue) -> list[str]:
    """The site paths of ``export_files(cat, ...)``, in its order, without making a file: the pages link the files
    while a second process makes them (``macros.site.export_job``). tests/test_exports.py holds the two equal."""
    from macros.exports.template import TEMPLATE

    check_region_ids(cat)
    out = []
    for name in (ALL, *cat.regios):
        out += [f"{FOLDER}/{name}.{ext}" for ext in FORMATS] + [table_path(name, t) for t in TABLES]
    out += [product_json_path(p) for r in cat.regios for p in cat.products_of(r)]
    return [*out, EXPORT_SCHEMA, TEMPLATE]


def export_files(cat: Catalogue, site_url: str = "", date: str | None = None, *,
                 parts: Callable[[Catalogue, str, str], RegionParts] = region_parts,
                 write: Callable = _call) -> dict[str, bytes]:
    """Site path -> content of every open-data file: all regions together first, then per region,
    then the export schema and the empty template (``template.py``). ``date`` (YYYY-MM-DD, see ``macros.site.state.data_date``) goes into JSON and xlsx.
    ``parts`` makes a region's ``RegionParts`` and ``write(fn, *args)`` calls a writer (``workbook``, ``csv_bytes``, …):
    ``mkdocs serve`` passes its caches of both (``macros.site.incremental``); the bytes are the same."""
    from macros.exports.template import TEMPLATE, template_workbook

    check_region_ids(cat)
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
