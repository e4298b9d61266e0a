"""Workbooks as LibreOffice Calc leaves them (issue 28 §1): the exports of the real data, opened in LibreOffice
headless (nl-NL), edited as a person types, and saved by Calc's own Excel filter.

``CASES``: name -> Case (the region's export, the steps a person does, what the import must make of it). The
workbooks are committed in tests/fixtures/calc/ with ``manifest.json`` (a digest of the meaning of the exports
they were made from). Regenerate them after the data or the exports change:

    .venv/bin/python tests/calc_fixtures.py            # needs soffice and python3-uno (scripts/bootstrap.sh test)

tests/test_import_calc.py remakes them in a temporary folder whenever soffice is present, and checks that the
committed ones still mean the same.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.catalogue.loader import load_catalogue  # noqa: E402
from macros.exports import COLUMNS, export_files  # noqa: E402
from macros.imports.workbook import read_sheets  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "calc"
DRIVER = ROOT / "tests" / "tools" / "calc_driver.py"
REGIONS = ("flevoland", "foodvalley", "haaglanden", "zuid-limburg")
COLUMN = {k.name: i for i, k in enumerate(COLUMNS, start=1)}
SHEET = {"flevoland": "Flevoland", "foodvalley": "FoodValley", "haaglanden": "Haaglanden", "zuid-limburg": "Zuid-Limburg"}
TIMEOUT = 180  # seconds for one LibreOffice session (all cases take about 5 s here)

# A new Flevoland product typed into an inserted row, as a person types it (Calc parses "85,50" and "84110").
NEW_ROW = {"regio": "Flevoland", "regio_id": "flevoland", "code": "84110", "naam": "Gezinsbehandeling (nieuw)",
           "productgroep": "Multidisciplinaire Specialistische Jeugdhulp", "producttype": "Behandeling gezin",
           "eenheid": "PxQ", "tarief": "85,50", "tarief_per": "uur", "tarief_status": "gepubliceerd",
           "soort_kader": "trajectduur (productomschrijving)",
           "maximale_duur": "Duur van een traject is maximaal 9 maanden", "maximale_duur_waarde": "9",
           "maximale_duur_eenheid": "maanden", "gemeenten": "Almere, Dronten", "status": "concept",
           "bron_document": "002_b4979bd38850de40.txt",
           "bron_sectie": "3. Multidisciplinaire Specialistische Jeugdhulp Behandeling - Gezin intensief"}


@dataclass(frozen=True)
class Case:
    region: str
    typed: tuple[tuple[str, str, str], ...] = ()  # (product id, column name, text typed)
    delete: str | None = None  # the product whose row is deleted
    insert: dict[str, str] | None = None  # a new row typed above the second product: column name -> text
    changed: dict[str, list[str]] = field(default_factory=dict)  # import succeeds: file -> changed fields
    new: tuple[str, ...] = ()  # import succeeds: new files
    values: dict[str, object] = field(default_factory=dict)  # "file:path.to.key" -> value in the written YAML
    refused: tuple[tuple[str, str], ...] = ()  # import refuses: (where, words of the message)


CASES: dict[str, Case] = {
    **{f"{r}-opnieuw-opgeslagen": Case(r) for r in REGIONS},
    "flevoland-getypt": Case("flevoland", typed=(
        ("45f21", "tarief", "85,50"), ("45f21", "tarief_status", "gepubliceerd"), ("45f21", "tarief_per", "uur"),
        ("45f34", "maximale_duur_waarde", "6")),
        changed={"data/products/flevoland/45f21.yaml": ["tarief"],
                 "data/products/flevoland/45f34.yaml": ["normenkader.max_duur.waarde"]},
        values={"45f21:tarief.bedrag": 85.5, "45f21:tarief.per": "uur", "45f34:normenkader.max_duur.waarde": 6}),
    "zuid-limburg-code-als-getal": Case("zuid-limburg", typed=(("34100", "code", "34100"),)),
    "flevoland-getal-in-tekstkolom": Case("flevoland", typed=(("45f22", "productgroep", "2026"),),
                                          refused=(("Flevoland!F4", "het werkblad leest deze cel als het getal 2026"),)),
    "flevoland-rij-verwijderd": Case("flevoland", delete="45f34", refused=(
        ("Flevoland", "de rij van product 45F34 Multidisciplinaire Specialistische Jeugdhulp Behandeling - Gezin "
                      "intensief (data/products/flevoland/45f34.yaml) ontbreekt"),)),
    "flevoland-rij-ingevoegd": Case("flevoland", insert=NEW_ROW, new=("data/products/flevoland/84110.yaml",),
                                    values={"84110:code": "84110", "84110:tarief.bedrag": 85.5,
                                            "84110:normenkader.max_duur.waarde": 9}),
    "flevoland-code-met-voorloopnul": Case("flevoland", insert={**NEW_ROW, "code": "01234"}, refused=(
        ("Flevoland!D3", "de productcode staat er als het getal 1234; een voorloopnul valt zo weg"),)),
    "flevoland-duur-zonder-tekst": Case("flevoland", insert={**NEW_ROW, "maximale_duur": ""}, refused=(
        ("Flevoland!O3", "bij een nieuw product hoort naast het getal de tekst van de bron in de kolom 'Maximale duur' "
                         "(Flevoland!N3)"),)),
}


def soffice() -> bool:
    """LibreOffice and its Python bridge (the system python3 with python3-uno) are installed."""
    if shutil.which("soffice") is None or shutil.which("python3", path="/usr/bin") is None:
        return False
    return subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True, timeout=30).returncode == 0


def exports(data: Path, out: Path) -> dict[str, Path]:
    """The regions' workbooks as the site exports them from ``data``."""
    paths = {}
    for rel, content in export_files(load_catalogue(data)).items():
        if Path(rel).stem in REGIONS and rel.endswith(".xlsx"):
            paths[Path(rel).stem] = out / Path(rel).name
            paths[Path(rel).stem].write_bytes(content)
    return paths


def meaning(path: Path) -> list:
    """What a workbook says, sheet by sheet and cell by cell (not how the file spells it)."""
    return [[name, [[(c.row, c.column, c.value) for c in row] for row in rows]] for name, rows in read_sheets(path).items()]


def digest(paths: dict[str, Path]) -> str:
    return hashlib.sha256(json.dumps([meaning(paths[r]) for r in REGIONS], default=str).encode()).hexdigest()


def _steps(case: Case, export: Path) -> list[dict]:
    ws = load_workbook(export, read_only=True)[SHEET[case.region]]
    rows = {row[COLUMN["id"] - 1]: r for r, row in enumerate(ws.iter_rows(values_only=True), start=1)}
    sheet = SHEET[case.region]
    steps: list[dict] = []
    if case.delete:
        steps.append({"do": "delete_row", "sheet": sheet, "row": rows[case.delete]})
    steps += [{"do": "type", "sheet": sheet, "cell": f"{get_column_letter(COLUMN[col])}{rows[pid]}", "text": text}
              for pid, col, text in case.typed]
    if case.insert is not None:
        steps.append({"do": "insert_row", "sheet": sheet, "row": 3})
        steps += [{"do": "type", "sheet": sheet, "cell": f"{get_column_letter(COLUMN[col])}3", "text": text}
                  for col, text in case.insert.items() if text]
    return steps


def run_calc(jobs: list[dict], timeout: float = TIMEOUT) -> None:
    """One LibreOffice session for all jobs (tests/tools/calc_driver.py)."""
    with tempfile.TemporaryDirectory(prefix="calc-jobs-") as tmp:
        (Path(tmp) / "jobs.json").write_text(json.dumps(jobs), encoding="utf-8")
        r = subprocess.run(["/usr/bin/python3", str(DRIVER), str(Path(tmp) / "jobs.json"), str(int(timeout))],
                           capture_output=True, text=True, timeout=timeout + 60)
        if r.returncode != 0:
            raise RuntimeError(f"LibreOffice: {r.stdout}{r.stderr}")


def make(out: Path, data: Path = ROOT / "data", cases: dict[str, Case] = CASES) -> str:
    """Every case's workbook saved by LibreOffice into ``out``; returns the digest of the exports used."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="calc-exports-") as tmp:
        paths = exports(data, Path(tmp))
        run_calc([{"in": str(paths[c.region]), "out": str(out / f"{name}.xlsx"), "steps": _steps(c, paths[c.region])}
                  for name, c in cases.items()])
        return digest(paths)


def main() -> int:
    if not soffice():
        print("LibreOffice (soffice) met python3-uno ontbreekt: installeer ze met scripts/bootstrap.sh test", file=sys.stderr)
        return 1
    for old in FIXTURES.glob("*.xlsx"):
        old.unlink()
    d = make(FIXTURES)
    (FIXTURES / "manifest.json").write_text(json.dumps({"exports": d, "cases": sorted(CASES)}, indent=1) + "\n",
                                            encoding="utf-8")
    print(f"{len(CASES)} werkboeken geschreven in {FIXTURES.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
