"""No follow-on errors (issue 16): when a file fails to load, what refers to it is not reported as
"bestaat niet" with a "bedoel je" that points elsewhere; the failed file says once what was not checked."""

from __future__ import annotations

import pytest

from helpers import PRODUCT, errors_of, minimal_data, write
from macros.catalogue.errors import NOT_CHECKED
from macros.catalogue.loader import load_catalogue

SYNONYMS = """\
synoniemen:
  - term: specbeg
    betekenis: Specialistische begeleiding
    producten: [testregio/45f34, testregio/45f21]
    redactie: Een zoekhulp van de test.
"""

CODE_TABLE = """\
titel: Codes
bron: {document: 002_b4979bd38850de40.txt, sectie: Beschrijving opdracht}
edities: ['2020']
regels:
  - product: 45f21
    edities:
      '2020': {omschrijving: Specialistische begeleiding, code: 45F21}
"""

TREE = """\
titel: Test
regio: testregio
inleiding: Test.
start: a
vragen:
  - id: a
    vraag: Vraag A?
    herkomst: {redactie: Test.}
    antwoorden:
      - {label: Ja, naar: ja}
      - {label: Nee, naar: nee}
uitkomsten:
  - {id: ja, titel: Ja, advies: Ja., producten: [testregio/45f21], herkomst: {redactie: Test.}}
  - {id: nee, titel: Nee, advies: Nee., producten: [], herkomst: {redactie: Test.}}
bron: {document: 002_b4979bd38850de40.txt, sectie: Beschrijving opdracht}
"""

COMBINATION = "samenloop:\n  - soort: niet-samen\n    regel: Niet samen.\n    producten: [testregio/45f21]\n"


@pytest.fixture()
def data(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "synoniemen.yaml", SYNONYMS)
    write(data / "codetabellen/testregio.yaml", CODE_TABLE)
    write(data / "beslisbomen/test.yaml", TREE)
    write(data / "products/testregio/45f34.yaml",
          PRODUCT.replace("45F21", "45F34").replace("begeleiding-individueel", "behandeling-gezin")
          .replace("naam: Specialistische Begeleiding – Individueel", "naam: Behandeling – Gezin intensief") + COMBINATION)
    load_catalogue(data)  # valid as written
    return data


@pytest.mark.parametrize("broken", [
    PRODUCT.replace("naam: ", "nam: "),  # a typo in a key
    PRODUCT.replace("code: 45F21", "code: 45f21"),  # a value
    PRODUCT.replace("naam: Spec", "naam: [Spec"),  # YAML syntax
    b"code: 45F21\nnaam: \xff\n",  # not UTF-8
])
def test_references_to_a_failed_product_are_not_follow_on_errors(data, broken):
    path = data / "products/testregio/45f21.yaml"
    path.write_bytes(broken if isinstance(broken, bytes) else broken.encode())
    errors = errors_of(data)
    assert {f.file for f in errors} == {"data/products/testregio/45f21.yaml"}, errors
    assert not any("verwijst naar" in f.problem or "testregio/45f34" in f.fix for f in errors)
    (note,) = [f for f in errors if f.problem.startswith(NOT_CHECKED)]
    assert note is errors[-1]  # after the file's own errors
    tree_line = line_of(data / "beslisbomen/test.yaml", "producten: [testregio/45f21]")
    combination_line = line_of(data / "products/testregio/45f34.yaml", "producten: [testregio/45f21]")
    for place in (f"data/beslisbomen/test.yaml regel {tree_line}", "data/codetabellen/testregio.yaml regel 5",
                 f"data/products/testregio/45f34.yaml regel {combination_line}", "data/synoniemen.yaml regel 4"):
        assert place in note.problem
    assert "herstel eerst de fouten in dit bestand" in note.fix


def line_of(path, needle: str) -> int:
    """The 1-based line of the first line containing `needle`, so fixtures can grow without renumbering."""
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_a_failed_region_file_gives_no_errors_in_its_products(data):
    write(data / "regions/testregio.yaml", "naam: Testregio\ngemeenten: [Almere\n")
    errors = errors_of(data)
    assert {f.file for f in errors} == {"data/regions/testregio.yaml"}, errors
    note = errors[-1]
    assert note.problem.startswith(NOT_CHECKED) and "data/products/testregio/45f21.yaml" in note.problem


def test_a_product_that_really_does_not_exist_is_still_reported(data):
    (data / "products/testregio/45f21.yaml").unlink()
    errors = errors_of(data)
    assert {f.file for f in errors} == {"data/beslisbomen/test.yaml", "data/codetabellen/testregio.yaml",
                                          "data/products/testregio/45f34.yaml", "data/synoniemen.yaml"}
    assert all("verwijst naar product 'testregio/45f21', dat niet bestaat" in f.problem for f in errors)
    assert not any(f.problem.startswith(NOT_CHECKED) for f in errors)


def test_long_tree_chain_is_checked_without_recursion_limit(data):
    n = 3000
    questions = "".join(f"  - id: v{i}\n    vraag: V{i}?\n    herkomst: {{redactie: x}}\n    antwoorden:\n      - {{label: Ja, naar: v{i + 1}}}\n"
                     f"      - {{label: Nee, naar: nee}}\n" for i in range(n))
    tree = TREE.split("vragen:")[0].replace("start: a", "start: v0") + "vragen:\n" + questions + \
        f"  - id: v{n}\n    vraag: Laatste?\n    herkomst: {{redactie: x}}\n    antwoorden:\n      - {{label: Ja, naar: v0}}\n      - {{label: Nee, naar: ja}}\n" + \
        "uitkomsten:" + TREE.split("uitkomsten:")[1]
    write(data / "beslisbomen/test.yaml", tree)
    (f,) = errors_of(data)
    assert f.problem == "de boom loopt in een kring: v0 → v1 → v2 → v3 → v4 → … → v2997 → v2998 → v2999 → v3000 → v0"
