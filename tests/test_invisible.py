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
KLASSE = [chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i < 0xE000 and INVISIBLE.match(chr(i))]
# The ones the issue names: they must be in the class whatever the Unicode tables say.
GENOEMD = [*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A)), "\u200b", "\u200c", "\u200d",
           "\u2060", "\ufeff", "\u3164", "\u00ad", "\u115f", "\u1160", "\uffa0", "\u2800", "\u180e", "\ufe0f",
           "\U000e0041", "\u034f", "\u061c", "\u200e", "\u200f"]
ZICHTBAAR = list("AZaz09ëéÿ€–’ ß\t")


def test_the_class_is_defined_by_property_and_holds_every_named_character():
    assert all(c in KLASSE for c in GENOEMD)
    assert not any(c in KLASSE for c in ZICHTBAAR)
    # by property: every format character is in, and the class is far more than a hand-typed list
    assert all(INVISIBLE.match(chr(i)) for i in range(0x10000) if unicodedata.category(chr(i)) == "Cf")
    assert len(KLASSE) > 4000


def test_the_real_data_has_none():
    """data/ and data/bronnen/ hold no character of the class (so the rule costs the editors nothing today)."""
    for pad in sorted((ROOT / "data").rglob("*")):
        if pad.is_file():
            assert not INVISIBLE.search(pad.read_text(encoding="utf-8")), pad


# --- the property: any such character, in any text field of a valid product -------------------------------

ECHT = (ROOT / "data" / "products" / "flevoland" / "45f34.yaml").read_text(encoding="utf-8")
# A valid product of each region, with the most fields (sourced values, lists, block texts, nested blocks).
PRODUCTEN = {naam: (ROOT / "data" / "products" / naam).read_text(encoding="utf-8") for naam in (
    "flevoland/45f34.yaml", "flevoland/45f23.yaml", "haaglanden/opvoedhulp-ernstige-opvoedproblematiek.yaml",
    "zuid-limburg/61230.yaml")}


def _places(tekst: str) -> list[tuple[int, tuple]]:
    """(index, field path) of every letter inside a scalar value (keys excluded) of the file."""
    regels = tekst.split("\n")
    begin = [0]
    for r in regels:
        begin.append(begin[-1] + len(r) + 1)
    uit: list[tuple[int, tuple]] = []

    def loop(node, pad):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                loop(v, pad + (k.value,))
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                loop(v, pad + (i,))
        else:
            a = begin[node.start_mark.line] + node.start_mark.column
            b = begin[node.end_mark.line] + node.end_mark.column
            uit.extend((i, pad) for i in range(a, b) if tekst[i].isalpha())

    loop(yaml.compose(tekst), ())
    return uit


PLEKKEN = _places(ECHT)
ALLE_PLEKKEN = [(naam, i, pad) for naam, tekst in PRODUCTEN.items() for i, pad in _places(tekst)]
LETTERS = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzé"), max_size=4)


def _position(tekst: str, index: int) -> tuple[int, int]:
    return tekst.count("\n", 0, index) + 1, index - (tekst.rfind("\n", 0, index) + 1) + 1


def test_the_products_are_valid_as_they_are():
    assert all(isinstance(parse_yaml(t).data, dict) for t in PRODUCTEN.values())
    assert parse_yaml(ECHT).data["code"] == "45F34" and len(PLEKKEN) > 5000
    assert {p for _, p in PLEKKEN} >= {("naam",), ("omschrijving",), ("resultaten", 0), ("gemeenten", "citaat")}


@settings(max_examples=300, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(plek=st.sampled_from(ALLE_PLEKKEN), teken=st.sampled_from(KLASSE), voor=LETTERS, na=LETTERS)
@example(plek=next(p for p in ALLE_PLEKKEN if p[2] == ("naam",)), teken="\u202e", voor="", na="")
@example(plek=next(p for p in ALLE_PLEKKEN if p[2] == ("resultaten", 0)), teken="\ufeff", voor="x", na="")
@example(plek=next(p for p in ALLE_PLEKKEN if p[2] == ("gemeenten", "citaat")), teken="\u3164", voor="", na="y")
def test_any_invisible_character_in_any_text_field_is_refused_where_it_is(plek, teken, voor, na):
    """Property: any string holding a character of the class, put anywhere inside any text value of a valid
    product, is refused at the line and column of that character, naming its code point and the field."""
    naam, index, veld = plek
    origineel = PRODUCTEN[naam]
    tekst = origineel[:index] + voor + teken + na + origineel[index:]
    with pytest.raises(YamlError) as exc:
        parse_yaml(tekst)
    e = exc.value
    assert (e.line, e.column) == _position(tekst, index + len(voor))
    assert f"U+{ord(teken):04X}" in e.problem and "onzichtbaar teken" in e.problem
    assert unicodedata.name(teken, "") in e.problem
    assert e.path == veld
    assert "verwijder het teken" in e.fix


@pytest.mark.parametrize("teken", ["\u202e", "\u200b", "\u2066", "\U000e0001"])
def test_in_a_key_in_a_comment_and_through_an_escape(teken):
    with pytest.raises(YamlError) as exc:
        parse_yaml(ECHT.replace("productgroep:", f"product{teken}groep:"))
    assert exc.value.line == 3 and exc.value.column == 8 and exc.value.path == (f"product{teken}groep",)
    with pytest.raises(YamlError) as exc:
        parse_yaml("# opmerking " + teken + "\n" + ECHT)
    assert (exc.value.line, exc.value.column, exc.value.path) == (1, 13, ())
    escape = f"\\U{ord(teken):08x}"
    with pytest.raises(YamlError) as exc:
        regels = ECHT.split("\n")
        regels[1] = f'naam: "Multi{escape}disciplinaire"'
        parse_yaml("\n".join(regels))
    assert exc.value.line == 2 and exc.value.path == ("naam",) and f"U+{ord(teken):04X}" in exc.value.problem
    assert escape.lower() in exc.value.fix.lower() or "\\u" in exc.value.fix


def test_a_byte_order_mark_gets_its_own_fix():
    with pytest.raises(YamlError) as exc:
        parse_yaml("\ufeff" + ECHT)
    assert (exc.value.line, exc.value.column) == (1, 1) and "zonder BOM" in exc.value.fix


# --- through the loader, in names, synonyms, headings --------------------------------------------------


@pytest.mark.parametrize("bestand, oud, nieuw, veld", [
    ("products/flevoland/45f34.yaml", "naam: Multidisciplinaire", "naam: Multi\u202edisciplinaire", "naam"),
    ("regions/flevoland.yaml", "Lelystad", "Lely\u200bstad", None),
    ("synoniemen.yaml", "- term:", "- term: \u2066", None),
])
def test_the_loader_names_file_line_column_and_code_point(data_copy, bestand, oud, nieuw, veld):
    pad = data_copy / bestand
    tekst = pad.read_text(encoding="utf-8")
    assert oud in tekst
    nieuwe_tekst = tekst.replace(oud, nieuw, 1)
    pad.write_text(nieuwe_tekst, encoding="utf-8")
    index = next(i for i, c in enumerate(nieuwe_tekst) if INVISIBLE.match(c))
    (f,) = [f for f in errors_of(data_copy) if f.file.endswith(bestand) and "onzichtbaar" in f.problem]
    assert (f.line, f.column) == _position(nieuwe_tekst, index)
    assert unicodedata.name(nieuwe_tekst[index]) in f.problem and f"U+{ord(nieuwe_tekst[index]):04X}" in f.problem
    assert veld is None or f.field == veld
    assert "\u202e" not in str(f) and "\u200b" not in str(f) and "\u2066" not in str(f)


# --- names: the same, and lookalikes ----------------------------------------------------------------------


def test_two_products_of_one_region_may_not_share_a_name(tmp_path):
    data = minimal_data(tmp_path)
    pad = data / "products/testregio/45f34.yaml"
    pad.write_text(pad.read_text().replace("naam: Behandeling – Gezin intensief",
                                           "naam: specialistische  begeleiding – INDIVIDUEEL"), encoding="utf-8")
    (f,) = errors_of(data)
    assert f.file.endswith("45f34.yaml") and f.field == "naam" and f.line == 2
    assert "data/products/testregio/45f21.yaml" in f.problem and "dezelfde naam" in f.problem


def test_the_same_name_in_two_regions_is_fine(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "regions/andere.yaml", REGION.replace("Testregio", "Andere"))
    write(data / "products/andere/45f21.yaml", PRODUCT)
    assert len(load_catalogue(data).producten) == 3


@pytest.mark.parametrize("naam", ["Specialistische Begeleiding – Indіvidueel",  # Cyrillic і
                                  "Specialistische Begeleiding – lndividueel",  # l for I
                                  "Specialistische Begeleiding – Ιndividueel"])  # Greek capital iota
def test_a_product_name_that_looks_like_another_is_refused(tmp_path, naam):
    data = minimal_data(tmp_path)
    pad = data / "products/testregio/45f34.yaml"
    pad.write_text(pad.read_text().replace("naam: Behandeling – Gezin intensief", f"naam: {naam}"), encoding="utf-8")
    (f,) = errors_of(data)
    assert f.file.endswith("45f34.yaml") and f.field == "naam"
    assert "lijkt sprekend op" in f.problem and "45f21.yaml" in f.problem and naam in f.problem


@pytest.mark.parametrize("gemeenten, andere", [("[Almere, Dronten, Lelystad, Аlmere]", None),  # Cyrillic А
                                               ("[Almere, Dronten, Lelystad]", "[Drοnten]")])  # Greek ο
def test_a_municipality_that_looks_like_another_is_refused(tmp_path, gemeenten, andere):
    data = minimal_data(tmp_path)
    pad = data / "regions/testregio.yaml"
    pad.write_text(pad.read_text().replace("[Almere, Dronten, Lelystad]", gemeenten), encoding="utf-8")
    if andere:
        write(data / "regions/andere.yaml", pad.read_text().replace("Testregio", "Andere")
              .replace("[Almere, Dronten, Lelystad]", andere))
    fouten = [f for f in errors_of(data) if "lijkt sprekend op" in f.problem]
    assert len(fouten) == 1, fouten
    (f,) = fouten
    assert "data/regions/testregio.yaml" in (f.file + f.problem) and f.field.startswith("gemeenten[")
    assert ("andere.yaml" in f.file + f.problem) == bool(andere)
    assert "Dronten" in f.problem and "Drοnten" in f.problem if andere else "Аlmere" in f.problem


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
def test_skeleton_is_idempotent(tekst):
    s = skeleton(tekst)
    assert skeleton(s) == s


# --- the spreadsheet import writes through the same loader ---------------------------------------------


def test_a_workbook_cell_with_a_bidi_control_is_refused_with_its_cell_address(exported, data_copy, tmp_path):
    import subprocess

    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    from macros.exports import COLUMNS

    wb = load_workbook(exported / "open-data" / "flevoland.xlsx")
    ws = wb["Flevoland"]
    kolom = [k.name for k in COLUMNS].index("naam") + 1
    code = [k.name for k in COLUMNS].index("code") + 1
    rij = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, code).value == "45F34")
    ws.cell(rij, kolom).value = "Gezin \u202eflesnetni"  # shown as "Gezin intensief"
    wb.save(tmp_path / "flevoland.xlsx")
    voor = {p: p.read_bytes() for p in data_copy.rglob("*.yaml")}
    r = subprocess.run([*cli("import_xlsx"), str(tmp_path / "flevoland.xlsx"),
                        "--data", str(data_copy)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    adres = f"Flevoland!{get_column_letter(kolom)}{rij}"
    assert any(regel.startswith(f"- {adres} (data/products/flevoland/45f34.yaml, veld naam): ")
               and "U+202E RIGHT-TO-LEFT OVERRIDE" in regel for regel in r.stderr.splitlines()), r.stderr
    assert "\u202e" not in r.stderr
    assert {p: p.read_bytes() for p in data_copy.rglob("*.yaml")} == voor  # nothing written


@pytest.mark.parametrize("naam, melding", [("Testregio", "dezelfde naam"), ("Tеstregio", "lijkt sprekend op")])
def test_two_regions_with_the_same_or_a_lookalike_name(tmp_path, naam, melding):
    data = minimal_data(tmp_path)
    write(data / "regions/andere.yaml", REGION.replace("naam: Testregio", f"naam: {naam}"))
    (f,) = [f for f in errors_of(data) if melding in f.problem]
    assert f.field == "naam" and "testregio.yaml" in f.file + f.problem and "andere.yaml" in f.file + f.problem


@pytest.mark.parametrize("tekst", ['naam: "\ufffe&"\n', 'a: 1\nnaam: "*\uffff"\n', 'naam: "!\ufffe"\n'])
def test_a_character_yamls_reader_refuses_is_a_dutch_message_with_its_place(tekst):
    # Found by the form writer's property test: with &, * or ! in the text the anchor check read the
    # events first and let libyaml's ReaderError (an English traceback) through.
    with pytest.raises(YamlError) as info:
        parse_yaml(tekst)
    assert "U+FFF" in str(info.value) and "gegevensbestand" in str(info.value)
    assert info.value.line == tekst.count("\n", 0, tekst.index("naam")) + 1
