"""Onboarding a region (issue 20, part 2): the region file and its source document first, then the empty template from
/open-data/ filled with five products, imported, and built with `mkdocs build --strict`."""

from __future__ import annotations

import subprocess

from openpyxl import load_workbook

from conftest import ROOT
from helpers import cli, same_tree
from macros.exports import COLUMNS

REGION = """\
naam: Testland
organisatie: Jeugdhulpregio Testland
gemeenten: [Noordstad, Zuiddorp]
codes_volgen_jz020: {staat: niet-vermeld}
bronnen:
  - document: 900_testland.txt
    titel: Productenboek Testland
    soort: productomschrijvingen
    editie: "2026"
    status: {staat: niet-vermeld}
"""

# An invented source document: one section per product, with the durations as printed.
SOURCE = "# Productenboek Testland\n\n" + "".join(
    f"## {name}\n\n{name} voor jeugdigen in Testland. Duur: maximaal {months} maanden.\n\n"
    for name, months in [("Ambulante begeleiding", 6), ("Groepsbegeleiding", 12), ("Gezinsbehandeling", 9),
                          ("Logeren", 3), ("Dagbehandeling", 12)])

PRODUCTS_SHEET = [  # column name -> value, as a region types it into the template
    {"regio_id": "testland", "code": "71A01", "naam": "Ambulante begeleiding", "productgroep": "Begeleiding",
     "producttype": "Begeleiding individueel", "eenheid": "uur", "tarief": 68.4, "tarief_per": "uur",
     "soort_kader": "normenkader", "maximale_duur": "Duur: maximaal 6 maanden", "maximale_duur_waarde": 6,
     "maximale_duur_eenheid": "maanden", "gemeenten": "Alle gemeenten van de regio", "status": "vastgesteld",
     "bron_document": "900_testland.txt", "bron_sectie": "Ambulante begeleiding"},
    {"regio_id": "testland", "code": "71A02", "naam": "Groepsbegeleiding", "productgroep": "Begeleiding",
     "producttype": "Begeleiding groep", "gemeenten": "Noordstad", "tarief_status": "niet gepubliceerd in de bron",
     "bron_document": "900_testland.txt", "bron_sectie": "Groepsbegeleiding"},
    {"regio_id": "testland", "code": "71B01", "naam": "Gezinsbehandeling", "productgroep": "Behandeling",
     "producttype": "Behandeling gezin", "soort_kader": "trajectduur (productomschrijving)",
     "maximale_duur": "Duur: maximaal 9 maanden", "maximale_duur_waarde": 9, "maximale_duur_eenheid": "maanden",
     "bron_document": "900_testland.txt", "bron_sectie": "Gezinsbehandeling"},
    {"regio_id": "testland", "id": "logeren", "naam": "Logeren", "productgroep": "Verblijf",
     "producttype": "Logeren en respijtzorg", "status": "concept", "opmerkingen": "De bron noemt geen code.",
     "bron_document": "900_testland.txt", "bron_sectie": "Logeren"},
    {"regio_id": "testland", "code": "71C01", "naam": "Dagbehandeling", "productgroep": "Behandeling",
     "producttype": "Behandeling groep", "gemeenten": "Noordstad, Zuiddorp", "tarief": 120, "tarief_status": "gepubliceerd",
     "tarief_per": "dag", "bron_document": "900_testland.txt", "bron_sectie": "Dagbehandeling"},
]


def test_a_new_region_from_the_template_gets_its_site_section(exported, data_copy, tmp_path, mkdocs_build):
    (data_copy / "regions" / "testland.yaml").write_text(REGION, encoding="utf-8")
    (data_copy / "bronnen" / "900_testland.txt").write_text(SOURCE, encoding="utf-8")
    types = {t["naam"] for t in __import__("yaml").safe_load((ROOT / "data" / "producttypen.yaml").read_text())["producttypen"]}
    assert {p["producttype"] for p in PRODUCTS_SHEET} <= types, "the invented products use the real product types"

    wb = load_workbook(exported / "open-data" / "sjabloon.xlsx")
    ws = wb["Producten"]
    column = {k.name: i for i, k in enumerate(COLUMNS, start=1)}
    for r, product in enumerate(PRODUCTS_SHEET, start=2):
        for name, value in product.items():
            ws.cell(r, column[name]).value = value
    wb.save(tmp_path / "testland.xlsx")

    r = subprocess.run([*cli("import_xlsx"), str(tmp_path / "testland.xlsx"),
                        "--data", str(data_copy)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    new = sorted(p.name for p in (data_copy / "products" / "testland").iterdir())
    assert new == ["71a01.yaml", "71a02.yaml", "71b01.yaml", "71c01.yaml", "logeren.yaml"]
    assert "omschrijving: {staat: niet-vermeld}" in (data_copy / "products" / "testland" / "71a02.yaml").read_text()
    # written in the one YAML style the repository's own check (productenboek-yaml-style --check) requires
    from macros.editing.yamlstyle import files_out_of_style
    assert files_out_of_style(data_copy / "products" / "testland") == []

    site = tmp_path / "site"
    build = mkdocs_build(site, data_copy)
    assert build.returncode == 0, build.stdout + build.stderr
    region = (site / "testland" / "index.html").read_text(encoding="utf-8")
    for product in PRODUCTS_SHEET:
        pid = product.get("id") or product["code"].lower()
        page = (site / "testland" / pid / "index.html").read_text(encoding="utf-8")
        assert product["naam"] in page and f'href="../testland/{pid}/"' in region
    assert "€ 68,40 per uur" in (site / "testland" / "71a01" / "index.html").read_text(encoding="utf-8")
    assert "niet vermeld in de bron" in (site / "testland" / "71b01" / "index.html").read_text(encoding="utf-8")
    assert (site / "open-data" / "testland.xlsx").exists()
    assert "Zuiddorp" in (site / "gemeenten" / "zuiddorp" / "index.html").read_text(encoding="utf-8")


def test_the_template_adds_products_to_an_existing_region_and_leaves_the_others(exported, data_copy, tmp_path):
    wb = load_workbook(exported / "open-data" / "sjabloon.xlsx")
    column = {k.name: i for i, k in enumerate(COLUMNS, start=1)}
    new = {"regio_id": "flevoland", "code": "45F99", "naam": "Behandeling - Gezin intensief (nieuw)",
             "productgroep": "Multidisciplinaire Specialistische Jeugdhulp", "producttype": "Behandeling gezin",
             "bron_document": "002_b4979bd38850de40.txt",
             "bron_sectie": "3. Multidisciplinaire Specialistische Jeugdhulp Behandeling - Gezin intensief"}
    for name, value in new.items():
        wb["Producten"].cell(2, column[name]).value = value
    wb.save(tmp_path / "nieuw.xlsx")
    r = subprocess.run([*cli("import_xlsx"), str(tmp_path / "nieuw.xlsx"),
                        "--data", str(data_copy)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "0 bestanden gewijzigd, 1 nieuw" in r.stdout and "products/flevoland/45f99.yaml: nieuw product" in r.stdout
    (data_copy / "products" / "flevoland" / "45f99.yaml").unlink()
    assert same_tree(ROOT / "data", data_copy)
