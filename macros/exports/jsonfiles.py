"""The JSON export: the catalogue's own shape (the validated file models) per region and for all regions, one
file per product, and the JSON Schema of the export files. Part of ``macros.exports`` (which re-exports it)."""

from __future__ import annotations

import json

from pydantic import Field

from macros.catalogue.loader import Catalogue
from macros.exports.columns import FOLDER, link
from macros.exports.tables import KEY, Row
from macros.model import Product, Regio, Slug, Strict
from macros.model.tables import Codetabel

ALL = "productenboek"  # open-data/productenboek.json: all regions together
KEYED_BY = {k.name for k in KEY} - {"nr"}  # in JSON a table's rows sit under their product: no key columns
PRODUCTS_FOLDER = "producten"  # open-data/producten/<regio>/<id>.json: one product
EXPORT_SCHEMA = f"{FOLDER}/{ALL}.schema.json"
PRODUCT_SCHEMA = "schema/product.schema.json"
LICENCE = {"naam": "CC0 1.0 Universeel", "url": "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"}


def product_json_path(p) -> str:
    """Where one product's JSON file is published (linked from its page)."""
    return f"{FOLDER}/{PRODUCTS_FOLDER}/{p.regio}/{p.id}.json"


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
