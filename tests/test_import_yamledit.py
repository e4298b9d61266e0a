"""The import's YAML editing (macros/imports/yamledit.py): only the changed keys' lines change; comments, order,
quoting, folded lines and the layout of every other key stay byte for byte; values go through the serializer."""

from __future__ import annotations

import pytest
import yaml

from conftest import ROOT
from helpers import changed_lines
from macros.imports.yamledit import DELETE, edit

TEXT = """\
# Een commentaar bovenaan blijft staan.
code: '84110'
naam: Begeleiding   # commentaar achter een waarde
doel: Een lange tekst die YAML over meer regels heeft gevouwen, zoals de gegevens dat soms doen; die regels
  blijven zoals ze zijn.
tarief:
  bedrag: 85.5
  toelichting: "Per uur, inclusief reistijd"
normenkader:
  soort: trajectduur
  max_duur: {tekst: "maximaal 9 maanden", waarde: 9, eenheid: maanden}
  uitzonderingsgronden:
    - Een grond die
      over twee regels gevouwen is.
opmerkingen: []
"""


def test_only_the_changed_keys_lines_change():
    new = edit(TEXT, {("tarief", "bedrag"): 90, ("naam",): "Begeleiding individueel"})
    assert changed_lines(TEXT, new) == ["-naam: Begeleiding   # commentaar achter een waarde",
                                       "+naam: Begeleiding individueel # commentaar achter een waarde",  # the comment kept
                                       "-  bedrag: 85.5", "+  bedrag: 90"]


def test_a_new_nested_key_goes_after_its_neighbour_and_a_deleted_one_goes():
    new = edit(TEXT, {("tarief", "per"): "uur", ("tarief", "toelichting"): DELETE})
    assert changed_lines(TEXT, new) == ['-  toelichting: "Per uur, inclusief reistijd"', "+  per: uur"]


def test_a_flow_mapping_is_replaced_whole_and_a_state_is_written_in_flow_style():
    new = edit(TEXT, {("normenkader", "max_duur", "waarde"): 6, ("tarief",): {"staat": "niet-vermeld"}})
    assert changed_lines(TEXT, new) == [
        "-tarief:", "-  bedrag: 85.5", '-  toelichting: "Per uur, inclusief reistijd"', "+tarief: {staat: niet-vermeld}",
        '-  max_duur: {tekst: "maximaal 9 maanden", waarde: 9, eenheid: maanden}',
        '+  max_duur: {tekst: "maximaal 9 maanden", waarde: 6, eenheid: maanden}']


@pytest.mark.parametrize("value", ["{{ 7*7 }}", '": x\n- y', "!!python/object:os.system", "&a *a", "# geen commentaar",
                                    "null", "84110", "ja", "2020-01-01", "'; rm -rf / #", "a: b", "- lijst"])
def test_a_value_is_written_as_a_yaml_value(value):
    new = edit(TEXT, {("naam",): value})
    assert yaml.safe_load(new)["naam"] == value
    assert list(yaml.safe_load(new)) == list(yaml.safe_load(TEXT))
    assert len(changed_lines(TEXT, new)) == 2


def test_every_real_file_survives_an_edit_of_one_key():
    """Editing one key of every product file touches that key's lines only (the rest, folded lines included)."""
    for path in sorted((ROOT / "data" / "products").rglob("*.yaml")):
        old = path.read_text(encoding="utf-8")
        new = edit(old, {("naam",): "Andere naam"})
        assert changed_lines(old, new) == [f"-{r}" for r in old.splitlines() if r.startswith("naam:")] \
            + ["+naam: Andere naam"], path
