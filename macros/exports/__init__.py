"""Open data: every region's products as CSV, Excel and JSON, from the same validated catalogue as the pages.

``export_files(cat, site_url, datum)`` maps site paths (``open-data/flevoland.csv``) to bytes: per
region and for all regions together (``open-data/productenboek.*``), plus the JSON Schema of the JSON
export. CSV and Excel share one list of columns (``KOLOMMEN``, ``columns.py``): each has a Dutch header that a spreadsheet
user understands (``kop``) and a fixed machine name (``naam``); the mapping between the two is
published on /open-data/ and as the "Toelichting" sheet of every workbook. JSON is the catalogue's own
shape (the validated file models). Output is deterministic: the same data gives byte-identical files.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from decimal import Decimal

from pydantic import Field

from macros.catalogue.loader import Catalogue
from macros.components.tables import code_rows
from macros.exports.xlsx import Blad, workbook
from macros.model import Product, Regio, Slug, Strict
from macros.model.tables import Codetabel
from macros.exports.columns import (  # noqa: F401  (re-exported: the columns are part of this package's API)
    ALLE_GEMEENTEN, GEEN_TARIEF, GEPUBLICEERD, KOLOMMEN, MAP, Kolom, Rij, bron_pad, link, product_rij,
)

ALLE = "productenboek"  # open-data/productenboek.csv: all regions together
EXPORT_SCHEMA = f"{MAP}/{ALLE}.schema.json"
PRODUCT_SCHEMA = "schema/product.schema.json"
FORMATEN = ("csv", "xlsx", "json")
LICENTIE = {"naam": "CC0 1.0 Universeel", "url": "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"}
VASTE_DATUM = datetime.datetime(2000, 1, 1)  # xlsx timestamps when no data date is given


# --- CSV ---------------------------------------------------------------------------------------------


def _csv_getal(value: float) -> str:
    """1234.5 -> '1234,5', 12.0 -> '12': decimal comma, as Excel reads a ';'-separated file in Dutch."""
    text = format(Decimal(repr(value)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


def als_tekst(value: str) -> str:
    """Text a spreadsheet would read as a formula ('=HYPERLINK(…)', '+31…', '-', '@…') gets a leading
    apostrophe, which spreadsheets show as text and do not display."""
    return "'" + value if value.startswith(FORMULE_TEKENS) else value


def csv_bytes(rijen: list[dict]) -> bytes:
    """UTF-8 with BOM, ';'-separated, a header row of Dutch column headers, CRLF line ends."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow([k.kop for k in KOLOMMEN])
    for rij in rijen:
        w.writerow(["" if (v := rij[k.naam]) is None else _csv_getal(v) if k.formaat else als_tekst(v) for k in KOLOMMEN])
    return buf.getvalue().encode("utf-8-sig")


# --- Excel -------------------------------------------------------------------------------------------


def productblad(titel: str, rijen: list[dict]) -> Blad:
    return Blad(titel, [k.kop for k in KOLOMMEN], [[r[k.naam] for k in KOLOMMEN] for r in rijen],
                {k.kop: k.formaat for k in KOLOMMEN if k.formaat})


TOELICHTING = "Toelichting"  # the workbook's last sheet: the header mapping


def toelichtingblad() -> Blad:
    """Every column of the product sheets: its header, its machine name and what it holds."""
    return Blad(TOELICHTING, ["Kolom", "Veldnaam", "Betekenis"], [[k.kop, k.naam, k.uitleg] for k in KOLOMMEN])


def codetabel_kolommen(edities: list[str]) -> list[tuple[str, str]]:
    """(Dutch header, machine name) of the code-table sheet's columns."""
    kol = [("Product-id", "product"), ("Webpagina", "url")]
    for e in edities:
        kol += [(f"Omschrijving {e}", f"omschrijving_{e}"), (f"Extra omschrijving {e}", f"extra_omschrijving_{e}"),
                (f"Code {e}", f"code_{e}"), (f"Vervalt in {e}", f"vervalt_{e}")]
    kol += [(f"Wijziging {a} → {b}", f"wijziging_{a}_{b}") for a, b in zip(edities, edities[1:])]
    return kol


def codetabelblad(cat: Catalogue, regio_id: str, site_url: str = "") -> Blad:
    """The region's code table as printed: per edition omschrijving, extra omschrijving, code, vervalt."""
    tabel = cat.codetabellen[regio_id]
    edities = list(tabel.edities)
    kop = [k for k, _ in codetabel_kolommen(edities)]
    rijen = []
    for r in code_rows(list(tabel.regels), edities):
        p = cat.producten.get(f"{regio_id}/{r['product']}")
        rij: list = [r["product"], link(site_url, p.url) if p else ""]
        for c in r["cellen"]:
            rij += [c.omschrijving, c.extra_omschrijving, c.code, c.vervalt] if c else [None] * 4
        rijen.append(rij + r["wijzigingen"])
    return Blad(f"Codetabel {cat.regios[regio_id].naam}", kop, rijen, {})


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


def _dump(model, velden, **extra) -> dict:
    return {**extra, **model.model_dump(mode="json", include=set(velden))}


def json_export(cat: Catalogue, regio_ids: list[str], titel: str, site_url: str = "", datum: str | None = None) -> dict:
    return {
        "$schema": link(site_url, EXPORT_SCHEMA), "titel": titel, "datum": datum, "licentie": LICENTIE,
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
    kop = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    if site_url:
        kop["$id"] = link(site_url, EXPORT_SCHEMA)
    schema["title"] = "Open data productenboek jeugdhulp"
    return {**kop, **schema}


def _json_bytes(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# --- all files ---------------------------------------------------------------------------------------


def export_files(cat: Catalogue, site_url: str = "", datum: str | None = None) -> dict[str, bytes]:
    """Site path -> content of every open-data file: all regions together first, then per region,
    then the export schema and the empty template (``template.py``). ``datum`` (YYYY-MM-DD, see ``macros.site.state.data_datum``) goes into JSON and xlsx."""
    from macros.exports.template import SJABLOON, sjabloon

    for bezet in (ALLE, SJABLOON[len(MAP) + 1:].split(".")[0]):
        if bezet in cat.regios:
            raise ValueError(f"regio-id '{bezet}' botst met een bestand op /open-data/")
    gemaakt = datetime.datetime.fromisoformat(datum) if datum else VASTE_DATUM
    per_regio = {r: [product_rij(cat, p, site_url) for p in cat.products_of(r)] for r in cat.regios}
    groepen = [(ALLE, "Productenboek jeugdhulp, alle regio's", list(cat.regios))]
    groepen += [(r, f"Productenboek jeugdhulp {regio.naam}", [r]) for r, regio in cat.regios.items()]
    out: dict[str, bytes] = {}
    for naam, titel, ids in groepen:
        out[f"{MAP}/{naam}.csv"] = csv_bytes([rij for r in ids for rij in per_regio[r]])
        bladen = [productblad(cat.regios[r].naam, per_regio[r]) for r in ids]
        bladen += [codetabelblad(cat, r, site_url) for r in ids if r in cat.codetabellen]
        bladen.append(toelichtingblad())
        out[f"{MAP}/{naam}.xlsx"] = workbook(bladen, gemaakt, titel)
        out[f"{MAP}/{naam}.json"] = _json_bytes(json_export(cat, ids, titel, site_url, datum))
    out[EXPORT_SCHEMA] = _json_bytes(export_schema(site_url))
    out[SJABLOON] = sjabloon(gemaakt)  # the empty workbook a region fills and imports (productenboek-import-xlsx)
    return out
