"""The spreadsheet as real programs leave it (issue 28 §1): the import reads workbooks saved by LibreOffice Calc
(re-saved, typed into under nl-NL, rows deleted and inserted), and any single-cell edit of any export either
round-trips to exactly that change or is refused with its cell address and nothing written.

The LibreOffice workbooks are made by tests/calc_fixtures.py (UNO, tests/tools/calc_driver.py). When soffice is
present the tests make them afresh (and check that the committed ones mean the same); without it they use the
committed ones, as long as those were made from exports that mean what today's exports mean.
"""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path

import calc_fixtures as cf
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from conftest import ROOT
from macros.catalogue.loader import load_catalogue
from macros.exports import COLUMNS, product_row
from macros.imports import columns, import_workbook
from macros.imports.workbook import ImportProblems, read_sheets

CATALOGUE = load_catalogue(ROOT / "data")
MANIFEST = json.loads((cf.FIXTURES / "manifest.json").read_text(encoding="utf-8"))


def snapshot(data: Path) -> dict[str, bytes]:
    return {str(p.relative_to(data)): p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def exports_now(tmp_path_factory) -> dict[str, Path]:
    return cf.exports(ROOT / "data", tmp_path_factory.mktemp("calc-exports"))


@pytest.fixture(scope="session")
def calc_saved(tmp_path_factory, exports_now) -> Path:
    """The case workbooks as LibreOffice saves them: made now when soffice is present, else the committed ones
    when they were made from exports that mean what today's exports mean."""
    if cf.soffice():
        out = tmp_path_factory.mktemp("calc-saved")
        cf.make(out)
        return out
    if MANIFEST["exports"] != cf.digest(exports_now):
        pytest.skip("de vaste LibreOffice-werkboeken zijn gemaakt uit andere exports en LibreOffice ontbreekt: "
                    "maak ze opnieuw met .venv/bin/python tests/calc_fixtures.py (na scripts/bootstrap.sh test)")
    return cf.FIXTURES


def test_the_committed_workbooks_are_the_cases():
    assert MANIFEST["cases"] == sorted(cf.CASES)
    assert sorted(p.stem for p in cf.FIXTURES.glob("*.xlsx")) == sorted(cf.CASES)
    assert {c.region for c in cf.CASES.values() if not (c.typed or c.delete or c.insert)} == set(cf.REGIONS) \
        == set(CATALOGUE.regios), "an unchanged re-save of every region"


def test_the_committed_workbooks_mean_what_libreoffice_makes_now(calc_saved, exports_now):
    if calc_saved == cf.FIXTURES or MANIFEST["exports"] != cf.digest(exports_now):
        pytest.skip("LibreOffice ontbreekt, of de data zijn veranderd sinds de vaste werkboeken zijn gemaakt")
    for name in cf.CASES:
        assert cf.meaning(calc_saved / f"{name}.xlsx") == cf.meaning(cf.FIXTURES / f"{name}.xlsx"), name


def test_the_committed_workbooks_have_what_libreoffice_leaves():
    """What makes LibreOffice 7.4's workbooks different from openpyxl's: the traits the import has to read through
    (checked on the committed ones, which another LibreOffice version does not change)."""
    import zipfile

    calc_saved = cf.FIXTURES

    with zipfile.ZipFile(calc_saved / "zuid-limburg-opnieuw-opgeslagen.xlsx") as z:
        sheets = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    assert b"FALSE()" in sheets or b"TRUE()" in sheets  # booleans as formulas
    with zipfile.ZipFile(calc_saved / "flevoland-rij-verwijderd.xlsx") as z:
        # every column of the product sheet, and LibreOffice's 1,048,576 rows
        assert f'<dimension ref="A1:{get_column_letter(len(COLUMNS))}1048576"/>'.encode() in z.read("xl/worksheets/sheet1.xml")
    ws = load_workbook(calc_saved / "flevoland-getypt.xlsx")["Flevoland"]
    assert ws["J3"].value == 85.5 and ws["J3"].data_type == "n"  # "85,50" typed under nl-NL
    ws = load_workbook(calc_saved / "flevoland-code-met-voorloopnul.xlsx")["Flevoland"]
    assert ws["D3"].value == 1234  # "01234" typed: the zero is gone


@pytest.mark.parametrize("name", sorted(cf.CASES))
def test_a_libreoffice_workbook_imports_as_its_case_says(name, calc_saved, data_copy):
    case = cf.CASES[name]
    before = snapshot(data_copy)
    if case.refused:
        with pytest.raises(ImportProblems) as e:
            import_workbook(calc_saved / f"{name}.xlsx", data_copy)
        assert len(e.value.problems) == len(case.refused), e.value.report()
        for (where, words), f in zip(sorted(case.refused), e.value.problems, strict=True):
            assert f.where == where and f.problem.startswith(words) and f.fix, str(f)
        assert snapshot(data_copy) == before
        return
    r = import_workbook(calc_saved / f"{name}.xlsx", data_copy)
    assert r.changed == case.changed and r.added == list(case.new), r.report()
    changed = {k for k in set(before) | set(snapshot(data_copy)) if before.get(k) != snapshot(data_copy).get(k)}
    assert changed == {p.removeprefix("data/") for p in [*case.changed, *case.new]}
    for where, value in case.values.items():
        pid, path = where.split(":")
        doc = yaml.safe_load((data_copy / "products" / case.region / f"{pid}.yaml").read_text(encoding="utf-8"))
        for key in path.split("."):
            doc = doc[key]
        assert doc == value, where
    load_catalogue(data_copy)  # what was written is valid data


# --- any single-cell edit -------------------------------------------------------------------------------------

REGIONS_WITH_ROWS = [r for r in cf.REGIONS if CATALOGUE.products_of(r)]
WORDS = sorted({"niet vermeld in de bron", "niet gepubliceerd in de bron", "gepubliceerd", "vastgesteld", "concept",
                "vervallen", "PxQ", "uur", "maanden", "dagdelen", "Alle gemeenten van de regio", "alle", "=1+1",
                "=FALSE()", "45F21", "84110", "", " ", "normenkader", "trajectduur (productomschrijving)",
                *(t.naam for t in CATALOGUE.producttypen.values()),
                *(g for r in CATALOGUE.regios.values() for g in r.gemeenten)})


EDITABLE_COLUMNS = [i for i, k in enumerate(COLUMNS, start=1) if k.name in columns.EDITABLE]
# What the exports write in each column, over all products: a value copied from another row is a real edit.
IN_COLUMN = {k.name: sorted({str(v) for v in (product_row(CATALOGUE, p)[k.name] for p in CATALOGUE.producten.values())
                             if v not in (None, "")}) or [""] for k in COLUMNS}


@st.composite
def edits(draw, typed: bool = False) -> tuple[str, int, int, object]:
    """(region, row, column, value): a cell of an export's product sheet and what is put in it. typed: as a
    person types it into LibreOffice (text; Calc makes numbers of it), else as openpyxl stores a value. Half
    the edits are in the columns the import reads; values are words of the site, values of the same column in
    other rows, numbers (as Calc would read them under nl-NL) and arbitrary text."""
    region = draw(st.sampled_from(REGIONS_WITH_ROWS))
    row = draw(st.integers(2, len(CATALOGUE.products_of(region)) + 1))
    col = draw(st.one_of(st.sampled_from(EDITABLE_COLUMNS), st.integers(1, len(COLUMNS))))
    numbers = st.one_of(st.integers(0, 99_999), st.floats(-1e6, 1e6, allow_nan=False).map(lambda f: round(f, 2)))
    same_column = st.sampled_from(IN_COLUMN[COLUMNS[col - 1].name])
    if typed:
        value = draw(st.one_of(same_column, st.sampled_from(WORDS), numbers.map(lambda n: f"{n:g}".replace(".", ",")),
                               st.sampled_from(["01234", "85,50", "6", "12,5"]),
                               st.text(st.sampled_from("abcXYZ019 ,.-'"), max_size=12)))
    else:
        value = draw(st.one_of(same_column, st.none(), st.sampled_from(WORDS), numbers, st.booleans(),
                               st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)))
    return region, row, col, value


def check_single_edit(workbook: Path, export: Path, region: str, row: int, col: int, data: Path) -> None:
    """The property: the edited workbook either imports to exactly that change (only that product's file, no other
    product's exported row different, and importing it once more changes nothing), or is refused with the edited
    cell's address and nothing written."""
    sheet = cf.SHEET[region]
    address = f"{sheet}!{get_column_letter(col)}{row}"
    cat = load_catalogue(data)
    before, rows_before = snapshot(data), {p.id: _export_row(cat, p) for p in cat.products_of(region)}
    try:
        r = import_workbook(workbook, data)
    except ImportProblems as e:
        assert any(address in f.where for f in e.problems), f"{address} niet genoemd:\n{e.report()}"
        assert snapshot(data) == before, "refused, but something was written"
        return
    assert not r.added, r.report()
    after = load_catalogue(data)
    pid = _cell(export, sheet, row, 3)  # the Product-id the row had in the export
    for p in after.products_of(region):
        if p.id != pid:
            assert _export_row(after, p) == rows_before[p.id], f"{p.id} changed by an edit of {address}"
    changed = {k for k in set(before) | set(snapshot(data)) if before.get(k) != snapshot(data).get(k)}
    assert changed <= {f"products/{region}/{pid}.yaml"}, changed
    after_snapshot = snapshot(data)
    try:  # round trip: the data now say what the cell says, so importing it again writes nothing
        again = import_workbook(workbook, data)
        assert not again.changed and not again.added, again.report()
    except ImportProblems as e:  # a column shown from the edited value (the duration's text) now differs
        assert all(re.fullmatch(rf"{re.escape(sheet)}![A-Z]+{row}", f.where) for f in e.problems), e.report()
    assert snapshot(data) == after_snapshot
    if columns.EDITABLE.isdisjoint({COLUMNS[col - 1].name}):
        assert not changed, f"a column the import does not read ({address}) changed the data"


def _export_row(cat, p) -> dict:
    return product_row(cat, p)


def _cell(workbook: Path, sheet: str, row: int, col: int) -> object:
    for cells in read_sheets(workbook)[sheet]:
        for c in cells:
            if c.row == row and c.column == col:
                return c.value
    return None


@settings(derandomize=True, max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                                   HealthCheck.function_scoped_fixture])
@given(edit=edits())
@example(edit=("flevoland", 2, 13, "niet vermeld in de bron"))  # found by this test: the numbers of the limit were dropped unsaid
@example(edit=("haaglanden", 3, 3, "35100"))  # found by this test: a retyped Product-id was named only as a missing row
@example(edit=("zuid-limburg", 2, 2, "flevoland"))  # found by this test: another Regio-id was named without its cell
@example(edit=("haaglanden", 6, 16, None))  # found by this test: an emptied unit was named at the number beside it
def test_any_single_cell_edit_saved_by_openpyxl_round_trips_or_is_refused_at_its_cell(edit, exports_now, tmp_path_factory):
    region, row, col, value = edit
    tmp = tmp_path_factory.mktemp("edit")
    wb = load_workbook(exports_now[region])
    cell = wb[cf.SHEET[region]].cell(row, col)
    cell.value = value
    if isinstance(value, str) and value.startswith("=") and value not in ("=1+1", "=FALSE()"):
        cell.data_type = "s"  # text that starts with '=', typed with an apostrophe
    wb.save(tmp / "bewerkt.xlsx")
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data)
    check_single_edit(tmp / "bewerkt.xlsx", exports_now[region], region, row, col, data)


@settings(derandomize=True, max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                                  HealthCheck.function_scoped_fixture])
@given(batch=st.lists(edits(typed=True), min_size=4, max_size=4))
def test_any_single_cell_edit_typed_in_libreoffice_round_trips_or_is_refused_at_its_cell(batch, calc_saved, exports_now,
                                                                                       tmp_path_factory):
    """Bounded: two LibreOffice sessions of four single-cell edits each (about 10 s each here)."""
    if calc_saved == cf.FIXTURES:
        pytest.skip("LibreOffice ontbreekt")
    tmp = tmp_path_factory.mktemp("calc-edit")
    jobs = [{"in": str(exports_now[region]), "out": str(tmp / f"{i}.xlsx"),
             "steps": [{"do": "type", "sheet": cf.SHEET[region], "cell": f"{get_column_letter(col)}{row}", "text": text}]}
            for i, (region, row, col, text) in enumerate(batch)]
    cf.run_calc(jobs, timeout=120)
    for i, (region, row, col, _) in enumerate(batch):
        data = tmp / f"data{i}"
        shutil.copytree(ROOT / "data", data)
        check_single_edit(tmp / f"{i}.xlsx", exports_now[region], region, row, col, data)


def test_a_constant_formula_is_a_value_and_any_other_is_refused():
    from macros.imports.workbook import constant

    assert [constant(f) for f in ("=FALSE()", "=true()", "=TRUE", "=12", '="a""b"', "=-1.5")] == \
        [False, True, True, 12.0, 'a"b', -1.5]
    assert all(constant(f) is None for f in ("=1+1", "=A1", "=FALSE()+1", "=HYPERLINK(\"x\")", '="a"&"b"', "=", 3))
    assert not math.isnan(constant("=0"))
