"""Spreadsheet habits the issue does not list (issue 28, held-out check), each read as the person meant or refused at
its cell with a Dutch reason and fix, and nothing silently changed: a tariff held as text ("€ 85,50", "85.50",
"85,5") or as a number in currency format, a number with a no-break space, a code pasted with Excel's apostrophe or
typed in lower case, a name with a line break (Alt+Enter), rows sorted and hidden, a column inserted without a
header, a renamed sheet; and refused: "1.000" (1000 or 1,000?), a percentage, a date, "nvt", "-", TRUE, "85 euro".
Two imports in all (one workbook read as meant, one refused), plus the spreadsheet's reading of a typed number
checked against the form's (number.js) on generated text."""

from __future__ import annotations

import datetime
import json
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from conftest import ROOT
from macros.exports import COLUMNS
from macros.imports import import_workbook
from macros.imports.typed_number import NotANumber, read_typed_number
from macros.imports.workbook import ImportProblems

COLUMN = {k.name: i for i, k in enumerate(COLUMNS, start=1)}
SHEET = "Flevoland"


def edited(export: Path, out: Path, cells: list[tuple[str, str, object, str | None]], shuffle: bool = False) -> dict:
    """The export with cells set: (product id, column, value, number format or None). shuffle: rows sorted by name
    descending, one row hidden, a column without a header inserted, the sheet renamed, as people leave a sheet."""
    wb = load_workbook(export)
    ws = wb[SHEET]
    if shuffle:
        rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
        rows.sort(key=lambda r: str(r[COLUMN["naam"] - 1]), reverse=True)
        for i, r in enumerate(rows, start=2):
            for j, v in enumerate(r, start=1):
                ws.cell(i, j).value = v
    at = {ws.cell(r, COLUMN["id"]).value: r for r in range(2, ws.max_row + 1)}
    for pid, col, value, fmt in cells:
        cell = ws.cell(at[pid], COLUMN[col])
        cell.value = value
        if fmt:
            cell.number_format = fmt
    if shuffle:
        ws.row_dimensions[at["45f22"]].hidden = True
        ws.insert_cols(COLUMN["naam"] + 1)  # a column of the editor's own, without a header
        ws.cell(at["45f21"], COLUMN["naam"] + 1).value = "nog navragen"
        ws.title = "Blad1"
    wb.save(out)
    return at


def product(data: Path, pid: str) -> dict:
    return yaml.safe_load((data / "products" / "flevoland" / f"{pid}.yaml").read_text(encoding="utf-8"))


def files(data: Path) -> dict[str, bytes]:
    return {str(p.relative_to(data)): p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def flevoland(exported) -> Path:
    return exported / "open-data" / "flevoland.xlsx"


def test_habits_that_say_one_thing_are_read_as_meant_and_nothing_else_changes(flevoland, data_copy, tmp_path):
    pub = "gepubliceerd"
    name = "Behandeling – Gezin intensief\nmet netwerk"  # Alt+Enter in the cell
    edited(flevoland, tmp_path / "a.xlsx", [
        ("45f11", "tarief", "€ 85,50", None), ("45f11", "tarief_status", pub, None),
        ("45f21", "tarief", "85.50", None), ("45f21", "tarief_status", pub, None),
        ("45f22", "tarief", " 85,5\u00a0", None), ("45f22", "tarief_status", pub, None),
        ("45f23", "tarief", 85.5, '"€" #,##0.00'), ("45f23", "tarief_status", pub, None),
        ("45f31", "maximale_duur_waarde", "12,0", "@"),  # a cell formatted as text
        ("45f33", "maximale_duur_waarde", "12\u00a0", None),  # a no-break space from a copied document
        ("45f34", "code", "'45F34", None),  # pasted with Excel's text apostrophe
        ("45f32", "code", "45f32", None),  # lower case
        ("45f34", "naam", name, None),
    ], shuffle=True)
    before = files(data_copy)
    r = import_workbook(tmp_path / "a.xlsx", data_copy)
    changed = {"products/flevoland/" + p for p in ("45f11.yaml", "45f21.yaml", "45f22.yaml", "45f23.yaml", "45f34.yaml")}
    assert sorted(r.changed) == sorted("data/" + p for p in changed) and not r.added, r.report()
    after = files(data_copy)
    assert {k for k in after if after[k] != before.get(k)} == changed
    for pid in ("45f11", "45f21", "45f22", "45f23"):
        assert product(data_copy, pid)["tarief"] == {"bedrag": 85.5}, pid
    assert product(data_copy, "45f34")["naam"] == name and product(data_copy, "45f34")["code"] == "45F34"
    again = import_workbook(tmp_path / "a.xlsx", data_copy)  # the data now say what the sheet says
    assert not again.changed and not again.added


def test_habits_that_could_mean_two_things_are_refused_at_their_cell_and_nothing_is_written(flevoland, data_copy, tmp_path):
    cases = [  # (product, column, value, number format, words of the problem)
        ("45f11", "maximale_duur_waarde", "1.000", "@", "'1.000' kan twee getallen zijn (1000 of 1,000)"),
        ("45f21", "maximale_duur_waarde", 0.12, "0%", "als percentage (12%) en bewaart het getal 0,12"),
        ("45f23", "maximale_duur_waarde", datetime.datetime(2026, 1, 12), "DD-MM-YYYY", "als de datum 12-1-2026"),
        ("45f31", "maximale_duur_waarde", "nvt", None, "'nvt' is geen getal"),
        ("45f33", "maximale_duur_waarde", True, None, "als ja/nee (WAAR/ONWAAR), niet als getal"),
        ("45f34", "maximale_duur_waarde", "-", None, "'-' is geen getal"),
        ("45f22", "tarief", "85 euro", None, "'85 euro' is geen getal"),
        ("45f32", "code", "45F-32", None, "'45F-32' is geen geldige productcode"),
    ]
    at = edited(flevoland, tmp_path / "b.xlsx", [(p, c, v, f) for p, c, v, f, _ in cases]
                + [("45f22", "tarief_status", "gepubliceerd", None)])
    before = files(data_copy)
    with pytest.raises(ImportProblems) as e:
        import_workbook(tmp_path / "b.xlsx", data_copy)
    said = {f.where: f for f in e.value.problems}
    for pid, col, value, _, words in cases:
        address = f"{SHEET}!{get_column_letter(COLUMN[col])}{at[pid]}"
        assert address in said, f"{value!r} in {address} not named:\n{e.value.report()}"
        assert words in said[address].problem and said[address].fix, str(said[address])
    assert files(data_copy) == before


# The characters people leave in a number: digits, separators, blanks, signs, an exponent, a euro sign, letters.
TYPED = st.text(st.sampled_from("0123456789.,  \u00a0\u202f-+e€ab%"), max_size=14)


@settings(derandomize=True, max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TYPED)
def _collect(text: str) -> None:
    COLLECTED.append(text)


COLLECTED: list[str] = []


def test_the_spreadsheet_reads_a_typed_number_exactly_as_the_form_does(tmp_path):
    """macros/imports/typed_number.py against overrides/assets/cms/number.js (readTypedNumber), on 1,000 generated texts and
    every habit in the guide: the same number, or both refuse with the same reason."""
    _collect()
    texts = sorted(set(COLLECTED)) + ["85,50", "85.50", "1.250", "1.250,00", "1,250.00", "1 250", "2,5", "1e3", " 7 ",
                                      "12\u00a0", "-3", "0,0", "€ 85", "85,50 €", "€€ 85", "€", "1.2.3", "1,2,3", "00012"]
    (tmp_path / "in.json").write_text(json.dumps(texts), encoding="utf-8")
    script = ("import fs from 'fs'; import { readTypedNumber } from '" + (ROOT / "overrides/assets/cms/number.js").as_uri() + "';"
              "const t = JSON.parse(fs.readFileSync(process.argv[1], 'utf8'));"
              "process.stdout.write(JSON.stringify(t.map(x => [readTypedNumber(x), readTypedNumber(x, true)])));")
    result = subprocess.run(["node", "--no-warnings", "--input-type=module", "-e", script, str(tmp_path / "in.json")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    read = 0
    for text, both in zip(texts, json.loads(result.stdout), strict=True):
        for euro, js in zip((False, True), both, strict=True):  # a plain number field, and an amount in euros
            py = read_typed_number(text, euro=euro)
            if "value" in js:
                assert py == js["value"] and not isinstance(py, NotANumber), (text, euro, py, js)
                read += 1
            else:
                assert isinstance(py, NotANumber), (text, euro, py, js)
                assert (py.problem, py.fix) == (js["problem"].replace("het veld is leeg", "de cel is leeg"), js["fix"]), text
    assert read >= 30  # the generator reaches numbers, not only refusals
    assert read_typed_number("€ 85,50", euro=True) == 85.5 and isinstance(read_typed_number("€ 85,50"), NotANumber)


def test_a_status_capitalised_by_the_spreadsheet_is_the_status_and_an_unknown_one_is_refused():
    from macros.imports.columns import CellError, parse_status
    from macros.imports.workbook import Cell

    assert parse_status(Cell(SHEET, 3, COLUMN["status"], "Vervallen")) == "vervallen"
    assert parse_status(Cell(SHEET, 3, COLUMN["status"], " Concept ")) == "concept"
    with pytest.raises(CellError, match="onbekende status 'Goedgekeurd'"):
        parse_status(Cell(SHEET, 3, COLUMN["status"], "Goedgekeurd"))
