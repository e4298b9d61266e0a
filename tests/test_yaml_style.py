"""The data files' one YAML style, and the CMS's YAML format that edits a file in place (run in Node).

A one-field edit in the browser form must be a one-line diff: the CMS's format re-parses the file it
read and changes only the nodes that differ, and every data file is in the style that format (and the
spreadsheet import) prints, so untouched lines print as they were.
"""

from __future__ import annotations

import difflib
import json
import subprocess

import pytest
import yaml

from conftest import ROOT
from macros.cms.schema import key_order, shape
from macros.editing.yamlstyle import files_out_of_style, normalise
from macros.model.schema import schemas

HARNESS = ROOT / "tests" / "js" / "yamlbestand.mjs"
F45F34 = ROOT / "data" / "products" / "flevoland" / "45f34.yaml"


@pytest.fixture(scope="module")
def orders(tmp_path_factory):
    path = tmp_path_factory.mktemp("orders") / "orders.json"
    path.write_text(json.dumps({k: key_order(shape(s, k)) for k, s in schemas().items()}), encoding="utf-8")
    return path


def node(*args: str) -> str:
    result = subprocess.run(["node", "--no-warnings", str(HARNESS), *args], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def edit(orders, tmp_path, kind: str, source, edits: list) -> str:
    path = tmp_path / "edits.json"
    path.write_text(json.dumps(edits, ensure_ascii=False), encoding="utf-8")
    return node("edit", str(orders), kind, str(source), str(path))


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_every_data_file_is_in_the_house_style():
    assert files_out_of_style(ROOT / "data") == []


def test_normalising_keeps_the_data_and_is_stable():
    text = ("# kop\nnaam: >-\n  een lange tekst\n  over twee regels\nwaarden: [a, 'yes', '12:30']\nlijst:\n- een\n- twee\n"
            "leeg: null\ntekst: |\n  regel 1\n  regel 2\n")
    out = normalise(text)
    assert yaml.safe_load(out) == yaml.safe_load(text)
    assert normalise(out) == out
    assert out.startswith("# kop\n")
    assert "naam: een lange tekst over twee regels\n" in out and "  - een\n" in out and "leeg: null\n" in out


def test_browser_round_trip_leaves_every_data_file_as_it_is(orders):
    files = sorted(str(p) for p in (ROOT / "data").rglob("*.yaml"))
    assert len(files) > 100
    assert json.loads(node("roundtrip", str(orders), *files)) == []


def test_one_field_edit_is_a_one_line_diff(orders, tmp_path):
    before = F45F34.read_text(encoding="utf-8")
    after = edit(orders, tmp_path, "product", F45F34, [[["normenkader", "max_duur", "waarde"], 6]])
    assert changed_lines(before, after) == ["-    waarde: 9", "+    waarde: 6"]


def test_new_keys_land_where_the_model_puts_them_and_untrusted_text_stays_text(orders, tmp_path):
    before = F45F34.read_text(encoding="utf-8")
    after = edit(orders, tmp_path, "product", F45F34, [
        [["voorspelbaarheid"], "Goed: redelijk # geen commentaar"],
        [["tarief"], {"per": "uur", "bedrag": 12.5}],
        [["naam"], "yes"],
        [["eisen", 0], "=SOM(A1)"],
        [["resultaten", 1], {"$delete": True}],
        [["functiemix", "niveaus", 0, "aandeel"], {"$delete": True}],
    ])
    data = yaml.safe_load(after)
    assert data["naam"] == "yes"  # not the boolean PyYAML would read from a plain yes
    assert data["voorspelbaarheid"] == "Goed: redelijk # geen commentaar"
    assert data["eisen"][0] == "=SOM(A1)"
    assert data["tarief"] == {"bedrag": 12.5, "per": "uur"}
    assert list(data)[list(data).index("functiemix") + 1] == "voorspelbaarheid"
    assert list(data["tarief"]) == ["bedrag", "per"]  # model order, not the order given
    assert "aandeel" not in data["functiemix"]["niveaus"][0] and data["functiemix"]["niveaus"][1]["aandeel"] is None
    old = yaml.safe_load(before)
    assert data["resultaten"] == old["resultaten"][:1] + old["resultaten"][2:]
    # Everything else is untouched: only the lines of these six edits change.
    assert len(changed_lines(before, after)) <= 12
