"""The spreadsheet round trip (issue 20, part 2): productenboek-import-xlsx on a temporary copy of the data, with the
workbooks the real build publishes on /open-data/ (made by the build's own export_files: the `exported` fixture)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from conftest import ROOT
from helpers import cli, same_tree
from macros.catalogue.loader import load_catalogue
from macros.exports import COLUMNS

COLUMN = {k.name: i for i, k in enumerate(COLUMNS, start=1)}
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]


def run_import(workbook: Path, data: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([*cli("import_xlsx"), str(workbook), "--data", str(data),
                           *extra], capture_output=True, text=True, timeout=300)


def edit_workbook(source: Path, dest: Path, changes: list[tuple[str, str, object]], sheet: str = "Flevoland") -> dict[str, int]:
    """Copy an export workbook with cells changed: (product id, column name, value). Returns id -> row."""
    wb = load_workbook(source)
    ws = wb[sheet]
    rows = {ws.cell(r, COLUMN["id"]).value: r for r in range(2, ws.max_row + 1)}
    for pid, column, value in changes:
        ws.cell(rows[pid], COLUMN[column]).value = value
    wb.save(dest)
    return rows


def cell_address(row: int, column: str, sheet: str = "Flevoland") -> str:
    return f"{sheet}!{get_column_letter(COLUMN[column])}{row}"


@pytest.fixture()
def repo(tmp_path) -> Path:
    """A git repository holding a copy of the real data/, committed (for the change report)."""
    r = tmp_path / "repo"
    r.mkdir()
    shutil.copytree(ROOT / "data", r / "data")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=r, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=r, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "data"], cwd=r, check=True)
    return r


@pytest.fixture(scope="module")
def flevoland(exported) -> Path:
    return exported / "open-data" / "flevoland.xlsx"


def test_importing_an_unchanged_export_changes_nothing(exported, data_copy):
    workbooks = sorted(p for p in (exported / "open-data").glob("*.xlsx") if p.stem not in ("productenboek", "sjabloon"))
    assert len(workbooks) == len(load_catalogue(ROOT / "data").regios)
    for wb in workbooks:
        r = run_import(wb, data_copy)
        assert r.returncode == 0, r.stderr
        assert "geen verschillen" in r.stdout
    assert same_tree(ROOT / "data", data_copy)


def test_edited_cells_change_exactly_those_fields(flevoland, repo, tmp_path):
    wb = tmp_path / "flevoland.xlsx"
    edit_workbook(flevoland, wb, [
        ("45f21", "tarief", 90.5), ("45f21", "tarief_status", "gepubliceerd"), ("45f21", "tarief_per", "uur"),
        ("45f21", "gemeenten", "Almere, Dronten"),
        ("45f34", "maximale_duur_waarde", 6),
        ("45f22", "eenheid", "niet vermeld in de bron"),
    ])
    r = run_import(wb, repo / "data")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-4:-1] == [  # what changes besides the value is said, not done silently
        "Let op: 45f21: gemeenten: het citaat uit de bron bij de oude waarde vervalt; de nieuwe waarde staat er als "
        "vermeld in de bron",
        "Let op: 45f21: tarief: het citaat uit de bron bij de oude waarde vervalt; de nieuwe waarde staat er als "
        "vermeld in de bron",
        "Let op: 45f34: max_duur: de tekst zoals de bron hem drukt ('Duur van een traject is maximaal 9 maanden') "
        "noemt 6 niet; pas die tekst, en zo nodig het brondocument in data/bronnen/, aan in het YAML-bestand",
    ]
    diff = subprocess.run(["git", "diff", "-U0", "--no-color"], cwd=repo, capture_output=True, text=True).stdout
    lines = [ln for ln in diff.splitlines() if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
    assert lines == [
        "-  staat: vermeld",
        "-  waarde: [Almere, Dronten, Noordoostpolder, Urk]",
        '-  citaat: "Almere , Dronten , Noordoostpolder en Urk Alle"',
        "+  - Almere",
        "+  - Dronten",
        "-tarief: {staat: leeg, citaat: Eenheid & tarief PxQ}",
        "+tarief:",
        "+  bedrag: 90.5",
        "+  per: uur",
        "-eenheid:",
        "-  soort: PxQ",
        "-  toelichting: null",
        "+eenheid: {staat: niet-vermeld}",
        "-    waarde: 9",
        "+    waarde: 6",
    ]
    report = subprocess.run([*cli("change_report"), "--repo", str(repo), "--base",
                             "HEAD", "--format", "text"], capture_output=True, text=True, timeout=300).stdout
    assert report.splitlines()[1:] == [
        "Producten: 3 gewijzigd (in 1 regio).",
        "",
        "Flevoland",
        "  gewijzigd: 45F21 Multidisciplinaire Specialistische Jeugdhulp Specialistische Begeleiding – Individueel",
        "    gemeenten: Almere, Dronten, Noordoostpolder, Urk → Almere, Dronten",
        "    tarief: niet gepubliceerd in de bron → € 90,50 per uur",
        "  gewijzigd: 45F22 Multidisciplinaire Specialistische Jeugdhulp Specialistische Begeleiding – Groep",
        "    eenheid: PxQ → niet vermeld in de bron",
        "  gewijzigd: 45F34 Multidisciplinaire Specialistische Jeugdhulp Behandeling - Gezin intensief",
        "    maximale duur: 9 maanden (Duur van een traject is maximaal 9 maanden) → 6 maanden (Duur van een traject "
        "is maximaal 9 maanden)",
    ]


def test_dry_run_reports_and_writes_nothing(flevoland, data_copy, tmp_path):
    wb = tmp_path / "flevoland.xlsx"
    edit_workbook(flevoland, wb, [("45f34", "maximale_duur_waarde", 6)])
    r = run_import(wb, data_copy, "--dry-run")
    assert r.returncode == 0 and "45f34.yaml: normenkader.max_duur.waarde" in r.stdout and "niets geschreven" in r.stdout
    assert same_tree(ROOT / "data", data_copy)


BAD = {  # name: (cells, column of the message (None: the row's own column), what the message says)
    "tekst in een getalkolom": ([("45f34", "maximale_duur_waarde", "negen")], "tekst in een getalkolom: 'negen'"),
    "ongeldige code": ([("45f34", "code", "45F3!")], "'45F3!' is geen geldige productcode"),
    "code als getal dat een nul kan zijn kwijtgeraakt": ([("45f34", "code", 1234)],
                                                         "de productcode staat er als het getal 1234; een voorloopnul valt zo weg"),
    "getal in een tekstkolom": ([("45f34", "bron_sectie", 3)], "het werkblad leest deze cel als het getal 3, maar in deze "
                                                               "kolom hoort tekst"),
    "onbekend producttype": ([("45f34", "producttype", "Ruimtevaart")], "onbekend producttype 'Ruimtevaart'"),
    "onbekende status": ([("45f34", "status", "goedgekeurd")], "onbekende status 'goedgekeurd'"),
    "gemeente van een andere regio": ([("45f34", "gemeenten", "Almere, Maastricht")],
                                      "gemeente 'Maastricht' hoort niet bij deze regio"),
    "dubbele code": ([("45f22", "code", "45F21")], "productcode 45F21 staat ook in rij 3"),
    "formule": ([("45f34", "naam", "=1+1")], "deze cel bevat een formule"),
    "getoonde kolom gewijzigd": ([("45f34", "url", "https://example.org/")], "de kolom 'Webpagina' wordt niet ingelezen"),
    "bedrag zonder status": ([("45f21", "tarief", 12.5)], "een bedrag bij 'niet gepubliceerd in de bron'"),
    "afleiding uit een cel": ([("45f34", "status", "afgeleid door de redactie")], "'afgeleid door de redactie' kan niet uit Excel worden ingelezen"),
    "getal nul": ([("45f34", "maximale_duur_waarde", 0)], "het getal 0 is niet groter dan 0"),
}


@pytest.mark.parametrize("name", BAD)
def test_a_bad_cell_is_named_and_nothing_is_written(name, flevoland, data_copy, tmp_path):
    cells, text = BAD[name]
    wb = tmp_path / "flevoland.xlsx"
    rows = edit_workbook(flevoland, wb, cells)
    r = run_import(wb, data_copy)
    assert r.returncode == 1 and "Traceback" not in r.stderr and r.stdout == ""
    pid, column, _ = cells[0]
    expected = f"- {cell_address(rows[pid], column)}: {text}"
    assert any(line.startswith(expected) and "Oplossing: " in line for line in r.stderr.splitlines()), r.stderr
    assert r.stderr.startswith("Het werkboek bevat 1 fout; er is niets geschreven.")
    assert same_tree(ROOT / "data", data_copy)


def test_an_unknown_header_and_a_missing_row_are_named(flevoland, data_copy, tmp_path):
    wb = load_workbook(flevoland)
    ws = wb["Flevoland"]
    ws.cell(1, len(COLUMNS) + 1).value = "Prijs 2026"
    wb.save(tmp_path / "kop.xlsx")
    r = run_import(tmp_path / "kop.xlsx", data_copy)
    assert r.returncode == 1 and f"- Flevoland!{get_column_letter(len(COLUMNS) + 1)}1: onbekende kolomkop 'Prijs 2026'" \
        in r.stderr
    wb = load_workbook(flevoland)
    wb["Flevoland"].delete_rows(9)  # 45f34
    wb.save(tmp_path / "rij.xlsx")
    r = run_import(tmp_path / "rij.xlsx", data_copy)
    assert r.returncode == 1 and ("- Flevoland: de rij van product 45F34 Multidisciplinaire Specialistische Jeugdhulp "
                                  "Behandeling - Gezin intensief (data/products/flevoland/45f34.yaml) ontbreekt") in r.stderr
    assert "verwijder dan het bestand data/products/flevoland/45f34.yaml" in r.stderr and "'vervallen'" in r.stderr
    assert same_tree(ROOT / "data", data_copy)


HOSTILE = ["{{ 7*7 }}", "<script>alert(1)</script>", '": x\n- y', "!!python/object:os.system", "&a *a", "# geen commentaar",
           "'; rm -rf / #", "=HYPERLINK(\"x\")"]


def test_hostile_cell_text_lands_as_an_inert_string(flevoland, data_copy, tmp_path):
    ids = ["45f11", "45f21", "45f22", "45f23", "45f31", "45f32", "45f33", "45f34"]
    wb = tmp_path / "flevoland.xlsx"
    source = load_workbook(flevoland)
    ws = source["Flevoland"]
    rows = {ws.cell(r, COLUMN["id"]).value: r for r in range(2, ws.max_row + 1)}
    for pid, text in zip(ids, HOSTILE, strict=True):
        ws.cell(rows[pid], COLUMN["naam"]).value = text
        ws.cell(rows[pid], COLUMN["naam"]).data_type = "s"  # '=…' typed as text (an apostrophe in Excel), not a formula
    source.save(wb)
    r = run_import(wb, data_copy)
    assert r.returncode == 0, r.stderr
    cat = load_catalogue(data_copy)
    for pid, text in zip(ids, HOSTILE, strict=True):
        path = data_copy / "products" / "flevoland" / f"{pid}.yaml"
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert doc["naam"] == text.strip() == cat.producten[f"flevoland/{pid}"].naam
        assert list(doc) == list(yaml.safe_load((ROOT / "data" / "products" / "flevoland" / f"{pid}.yaml").read_text()))


def _replace_sheet(source: Path, target: Path, xml_lines) -> None:
    """The workbook with its first sheet's XML replaced by generated rows (streamed: no list in memory)."""
    with zipfile.ZipFile(source) as zip_in, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zip_out:
        for info in zip_in.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with zip_out.open(info.filename, "w") as f:
                    for line in xml_lines:
                        f.write(line)
            else:
                zip_out.writestr(info, zip_in.read(info.filename))


def test_a_million_rows_and_a_zip_bomb_get_a_message(flevoland, data_copy, tmp_path):
    def rows(n: int):
        yield (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
               b'spreadsheetml/2006/main"><sheetData>')
        for i in range(1, n + 1):
            yield b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (i, i)
        yield b"</sheetData></worksheet>"

    _replace_sheet(flevoland, tmp_path / "rijen.xlsx", rows(20_000))  # 1.4 MB of XML: the row cap speaks
    r = run_import(tmp_path / "rijen.xlsx", data_copy)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "Flevoland!A10001: het werkblad heeft meer dan 10000 rijen" in r.stderr
    _replace_sheet(flevoland, tmp_path / "miljoen.xlsx", rows(1_000_000))  # 70 MB of XML: refused before parsing
    r = run_import(tmp_path / "miljoen.xlsx", data_copy)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "miljoen.xlsx: het werkboek bevat uitgepakt meer dan 32 MB tekst" in r.stderr

    def bom():
        yield b'<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetData>'
        for _ in range(120):
            yield b" " * (1024 * 1024)
        yield b"</sheetData></worksheet>"

    _replace_sheet(flevoland, tmp_path / "bom.xlsx", bom())
    assert (tmp_path / "bom.xlsx").stat().st_size < 2_000_000
    r = run_import(tmp_path / "bom.xlsx", data_copy)
    assert r.returncode == 1 and "Traceback" not in r.stderr and "zipbom" in r.stderr
    (tmp_path / "geen.xlsx").write_bytes(b"PK\x03\x04 geen werkboek")
    r = run_import(tmp_path / "geen.xlsx", data_copy)
    assert r.returncode == 1 and "dit is geen Excel-werkboek (.xlsx)" in r.stderr
    assert same_tree(ROOT / "data", data_copy)


def test_the_template_has_the_export_headers_and_dutch_instructions(built_site):
    wb = load_workbook(io.BytesIO((built_site / "open-data" / "sjabloon.xlsx").read_bytes()))
    assert wb.sheetnames == ["Producten", "Instructies", "Toelichting"]
    assert [c.value for c in wb["Producten"][1]] == [k.header for k in COLUMNS] and wb["Producten"].max_row == 1
    instructions = " ".join(str(c.value) for row in wb["Instructies"].iter_rows() for c in row if c.value)
    assert "productenboek-import-xlsx" in instructions and "data/regions/<id>.yaml" in instructions
    html = (built_site / "open-data" / "index.html").read_text(encoding="utf-8")
    assert 'href="../open-data/sjabloon.xlsx" download>Leeg Excel-sjabloon voor producten downloaden' in html \
        or 'href="sjabloon.xlsx" download>Leeg Excel-sjabloon' in html


def test_an_edit_in_the_code_table_sheet_is_refused_not_dropped(exported, data_copy, tmp_path):
    """The import does not read the code table; a changed cell there must not vanish without a word."""
    wb = load_workbook(exported / "open-data" / "zuid-limburg.xlsx")
    (name,) = [n for n in wb.sheetnames if n.startswith("Codetabel")]
    cell = wb[name].cell(3, 3)  # a cell of the table (column C: a description of the first edition)
    assert cell.value
    cell.value = str(cell.value) + " (gewijzigd)"
    wb.save(tmp_path / "zl.xlsx")
    before = {p: p.read_bytes() for p in data_copy.rglob("*") if p.is_file()}
    r = run_import(tmp_path / "zl.xlsx", data_copy)
    assert r.returncode == 1 and "Traceback" not in r.stderr + r.stdout
    assert f"'{name}'!C3" in r.stdout + r.stderr and "leest de codetabel niet in" in r.stdout + r.stderr
    assert "data/codetabellen/zuid-limburg.yaml" in r.stdout + r.stderr
    assert {p: p.read_bytes() for p in data_copy.rglob("*") if p.is_file()} == before  # nothing written
