"""Invisible and lookalike characters (issue 24 §4): refused everywhere the loader reads, with file, line,
column and code point; two products of one region never share a name; lookalike names are caught by the
UTS #39 skeleton."""

from __future__ import annotations

import sys
import unicodedata

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from helpers import PRODUCT, REGION, cli, errors_of, minimal_data, write
from macros.catalogue.invisible import INVISIBLE, lookalike_keys, skeleton
from macros.catalogue.loader import load_catalogue
from macros.catalogue.yamlerrors import YamlError
from macros.catalogue.yamlfile import parse_yaml

# Every character of the class, from the property definition (Cf + Default_Ignorable_Code_Point + fillers).
CLASS_CHARS = [chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i < 0xE000 and INVISIBLE.match(chr(i))]
# The ones the issue names: they must be in the class whatever the Unicode tables say.
NAMED_IN_ISSUE = [*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A)), "\u200b", "\u200c", "\u200d",
           "\u2060", "\ufeff", "\u3164", "\u00ad", "\u115f", "\u1160", "\uffa0", "\u2800", "\u180e", "\ufe0f",
           "\U000e0041", "\u034f", "\u061c", "\u200e", "\u200f"]
VISIBLE_CHARS = list("AZaz09ëéÿ€–’ ß\t")


def test_the_class_is_defined_by_property_and_holds_every_named_character():
    assert all(c in CLASS_CHARS for c in NAMED_IN_ISSUE)
    assert not any(c in CLASS_CHARS for c in VISIBLE_CHARS)
    # by property: every format character is in, and the class is far more than a hand-typed list
    assert all(INVISIBLE.match(chr(i)) for i in range(0x10000) if unicodedata.category(chr(i)) == "Cf")
    assert len(CLASS_CHARS) > 4000


def test_the_real_data_has_none():
    """data/ and data/bronnen/ hold no character of the class (so the rule costs the editors nothing today)."""
    for path in sorted((ROOT / "data").rglob("*")):
        if path.is_file():
            assert not INVISIBLE.search(path.read_text(encoding="utf-8")), path


# --- the property: any such character, in any text field of a valid product -------------------------------

REAL_PRODUCT = (ROOT / "data" / "products" / "flevoland" / "45f34.yaml").read_text(encoding="utf-8")
# A valid product of each region, with the most fields (sourced values, lists, block texts, nested blocks).
PRODUCT_TEXTS = {name: (ROOT / "data" / "products" / name).read_text(encoding="utf-8") for name in (
    "flevoland/45f34.yaml", "flevoland/45f23.yaml", "haaglanden/opvoedhulp-ernstige-opvoedproblematiek.yaml",
    "zuid-limburg/61230.yaml")}


def _places(text: str) -> list[tuple[int, tuple]]:
    """(index, field path) of every letter inside a scalar value (keys excluded) of the file."""
    lines = text.split("\n")
    begin = [0]
    for r in lines:
        begin.append(begin[-1] + len(r) + 1)
    out: list[tuple[int, tuple]] = []

    def loop(node, path):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                loop(v, path + (k.value,))
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                loop(v, path + (i,))
        else:
            a = begin[node.start_mark.line] + node.start_mark.column
            b = begin[node.end_mark.line] + node.end_mark.column
            out.extend((i, path) for i in range(a, b) if text[i].isalpha())

    loop(yaml.compose(text), ())
    return out


PLACES = _places(REAL_PRODUCT)
ALL_PLACES = [(name, i, path) for name, text in PRODUCT_TEXTS.items() for i, path in _places(text)]
LETTERS = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzé"), max_size=4)


def _position(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def test_the_products_are_valid_as_they_are():
    assert all(isinstance(parse_yaml(t).data, dict) for t in PRODUCT_TEXTS.values())
    assert parse_yaml(REAL_PRODUCT).data["code"] == "45F34" and len(PLACES) > 5000
    assert {p for _, p in PLACES} >= {("naam",), ("omschrijving",), ("resultaten", 0), ("gemeenten", "citaat")}


@settings(max_examples=300, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(place=st.sampled_from(ALL_PLACES), char=st.sampled_from(CLASS_CHARS), before=LETTERS, after=LETTERS)
@example(place=next(p for p in ALL_PLACES if p[2] == ("naam",)), char="\u202e", before="", after="")
@example(place=next(p for p in ALL_PLACES if p[2] == ("resultaten", 0)), char="\ufeff", before="x", after="")
@example(place=next(p for p in ALL_PLACES if p[2] == ("gemeenten", "citaat")), char="\u3164", before="", after="y")
def test_any_invisible_character_in_any_text_field_is_refused_where_it_is(place, char, before, after):
    """Property: any string holding a character of the class, put anywhere inside any text value of a valid
    product, is refused at the line and column of that character, naming its code point and the field."""
    name, index, field = place
    original = PRODUCT_TEXTS[name]
    text = original[:index] + before + char + after + original[index:]
    with pytest.raises(YamlError) as exc:
        parse_yaml(text)
    e = exc.value
    assert (e.line, e.column) == _position(text, index + len(before))
    assert f"U+{ord(char):04X}" in e.problem and "onzichtbaar teken" in e.problem
    assert unicodedata.name(char, "") in e.problem
    assert e.path == field
    assert "verwijder het teken" in e.fix


@pytest.mark.parametrize("char", ["\u202e", "\u200b", "\u2066", "\U000e0001"])
def test_in_a_key_in_a_comment_and_through_an_escape(char):
    with pytest.raises(YamlError) as exc:
        parse_yaml(REAL_PRODUCT.replace("productgroep:", f"product{char}groep:"))
    assert exc.value.line == 3 and exc.value.column == 8 and exc.value.path == (f"product{char}groep",)
    with pytest.raises(YamlError) as exc:
        parse_yaml("# opmerking " + char + "\n" + REAL_PRODUCT)
    assert (exc.value.line, exc.value.column, exc.value.path) == (1, 13, ())
    escape = f"\\U{ord(char):08x}"
    with pytest.raises(YamlError) as exc:
        lines = REAL_PRODUCT.split("\n")
        lines[1] = f'naam: "Multi{escape}disciplinaire"'
        parse_yaml("\n".join(lines))
    assert exc.value.line == 2 and exc.value.path == ("naam",) and f"U+{ord(char):04X}" in exc.value.problem
    assert escape.lower() in exc.value.fix.lower() or "\\u" in exc.value.fix


def test_a_byte_order_mark_gets_its_own_fix():
    with pytest.raises(YamlError) as exc:
        parse_yaml("\ufeff" + REAL_PRODUCT)
    assert (exc.value.line, exc.value.column) == (1, 1) and "zonder BOM" in exc.value.fix


# --- through the loader, in names, synonyms, headings --------------------------------------------------


@pytest.mark.parametrize("file_name, old, new, field", [
    ("products/flevoland/45f34.yaml", "naam: Multidisciplinaire", "naam: Multi\u202edisciplinaire", "naam"),
    ("regions/flevoland.yaml", "Lelystad", "Lely\u200bstad", None),
    ("synoniemen.yaml", "- term:", "- term: \u2066", None),
])
def test_the_loader_names_file_line_column_and_code_point(data_copy, file_name, old, new, field):
    path = data_copy / file_name
    text = path.read_text(encoding="utf-8")
    assert old in text
    new_text = text.replace(old, new, 1)
    path.write_text(new_text, encoding="utf-8")
    index = next(i for i, c in enumerate(new_text) if INVISIBLE.match(c))
    (f,) = [f for f in errors_of(data_copy) if f.file.endswith(file_name) and "onzichtbaar" in f.problem]
    assert (f.line, f.column) == _position(new_text, index)
    assert unicodedata.name(new_text[index]) in f.problem and f"U+{ord(new_text[index]):04X}" in f.problem
    assert field is None or f.field == field
    assert "\u202e" not in str(f) and "\u200b" not in str(f) and "\u2066" not in str(f)


# --- names: the same, and lookalikes ----------------------------------------------------------------------


def test_two_products_of_one_region_may_not_share_a_name(tmp_path):
    data = minimal_data(tmp_path)
    path = data / "products/testregio/45f34.yaml"
    path.write_text(path.read_text().replace("naam: Behandeling – Gezin intensief",
                                           "naam: specialistische  begeleiding – INDIVIDUEEL"), encoding="utf-8")
    (f,) = errors_of(data)
    assert f.file.endswith("45f34.yaml") and f.field == "naam" and f.line == 2
    assert "data/products/testregio/45f21.yaml" in f.problem and "dezelfde naam" in f.problem


def test_the_same_name_in_two_regions_is_fine(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "regions/andere.yaml", REGION.replace("Testregio", "Andere"))
    write(data / "products/andere/45f21.yaml", PRODUCT)
    assert len(load_catalogue(data).producten) == 3


@pytest.mark.parametrize("name", ["Specialistische Begeleiding – Indіvidueel",  # Cyrillic і
                                  "Specialistische Begeleiding – lndividueel",  # l for I
                                  "Specialistische Begeleiding – Ιndividueel"])  # Greek capital iota
def test_a_product_name_that_looks_like_another_is_refused(tmp_path, name):
    data = minimal_data(tmp_path)
    path = data / "products/testregio/45f34.yaml"
    path.write_text(path.read_text().replace("naam: Behandeling – Gezin intensief", f"naam: {name}"), encoding="utf-8")
    (f,) = errors_of(data)
    assert f.file.endswith("45f34.yaml") and f.field == "naam"
    assert "lijkt sprekend op" in f.problem and "45f21.yaml" in f.problem and name in f.problem


@pytest.mark.parametrize("gemeenten, other", [("[Almere, Dronten, Lelystad, Аlmere]", None),  # Cyrillic А
                                               ("[Almere, Dronten, Lelystad]", "[Drοnten]")])  # Greek ο
def test_a_municipality_that_looks_like_another_is_refused(tmp_path, gemeenten, other):
    data = minimal_data(tmp_path)
    path = data / "regions/testregio.yaml"
    path.write_text(path.read_text().replace("[Almere, Dronten, Lelystad]", gemeenten), encoding="utf-8")
    if other:
        write(data / "regions/andere.yaml", path.read_text().replace("Testregio", "Andere")
              .replace("[Almere, Dronten, Lelystad]", other))
    errors = [f for f in errors_of(data) if "lijkt sprekend op" in f.problem]
    assert len(errors) == 1, errors
    (f,) = errors
    assert "data/regions/testregio.yaml" in (f.file + f.problem) and f.field.startswith("gemeenten[")
    assert ("andere.yaml" in f.file + f.problem) == bool(other)
    assert "Dronten" in f.problem and "Drοnten" in f.problem if other else "Аlmere" in f.problem


def test_skeleton_follows_uts39():
    """Pairs that UTS #39 calls confusable, and pairs it does not."""
    for a, b in [("paypal", "pаypal"), ("rn", "m"), ("l", "1"), ("l", "I"), ("Almere", "Αlmere"), ("O", "0"),
                 ("Ede", "Еdе")]:
        assert skeleton(a) == skeleton(b), (a, b)
    for a, b in [("Almere", "Almare"), ("a", "b"), ("Ede", "Epe"), ("Urk", "Uden")]:
        assert skeleton(a) != skeleton(b), (a, b)
    assert lookalike_keys("ALMERE")[1] == lookalike_keys("almеre")[1]


@settings(max_examples=200, derandomize=True, database=None, deadline=None)
@given(st.text(max_size=12))
def test_skeleton_is_idempotent(text):
    s = skeleton(text)
    assert skeleton(s) == s


# --- the spreadsheet import writes through the same loader ---------------------------------------------


def test_a_workbook_cell_with_a_bidi_control_is_refused_with_its_cell_address(exported, data_copy, tmp_path):
    import subprocess

    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    from macros.exports import COLUMNS

    wb = load_workbook(exported / "open-data" / "flevoland.xlsx")
    ws = wb["Flevoland"]
    column = [k.name for k in COLUMNS].index("naam") + 1
    code = [k.name for k in COLUMNS].index("code") + 1
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, code).value == "45F34")
    ws.cell(row, column).value = "Gezin \u202eflesnetni"  # shown as "Gezin intensief"
    wb.save(tmp_path / "flevoland.xlsx")
    before = {p: p.read_bytes() for p in data_copy.rglob("*.yaml")}
    r = subprocess.run([*cli("import_xlsx"), str(tmp_path / "flevoland.xlsx"),
                        "--data", str(data_copy)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    address = f"Flevoland!{get_column_letter(column)}{row}"
    assert any(line.startswith(f"- {address} (data/products/flevoland/45f34.yaml, veld naam): ")
               and "U+202E RIGHT-TO-LEFT OVERRIDE" in line for line in r.stderr.splitlines()), r.stderr
    assert "\u202e" not in r.stderr
    assert {p: p.read_bytes() for p in data_copy.rglob("*.yaml")} == before  # nothing written


@pytest.mark.parametrize("name, message", [("Testregio", "dezelfde naam"), ("Tеstregio", "lijkt sprekend op")])
def test_two_regions_with_the_same_or_a_lookalike_name(tmp_path, name, message):
    data = minimal_data(tmp_path)
    write(data / "regions/andere.yaml", REGION.replace("naam: Testregio", f"naam: {name}"))
    (f,) = [f for f in errors_of(data) if message in f.problem]
    assert f.field == "naam" and "testregio.yaml" in f.file + f.problem and "andere.yaml" in f.file + f.problem


@pytest.mark.parametrize("text", ['naam: "\ufffe&"\n', 'a: 1\nnaam: "*\uffff"\n', 'naam: "!\ufffe"\n'])
def test_a_character_yamls_reader_refuses_is_a_dutch_message_with_its_place(text):
    # Found by the form writer's property test: with &, * or ! in the text the anchor check read the
    # events first and let libyaml's ReaderError (an English traceback) through.
    with pytest.raises(YamlError) as info:
        parse_yaml(text)
    assert "U+FFF" in str(info.value) and "gegevensbestand" in str(info.value)
    assert info.value.line == text.count("\n", 0, text.index("naam")) + 1
