"""Small builders for validation tests (a minimal valid data folder to break on purpose) and comparisons several
test files share."""

from __future__ import annotations

import difflib
import filecmp
import shutil
from pathlib import Path
from textwrap import dedent

import pytest

from macros.catalogue.errors import DataErrors
from macros.catalogue.loader import load_catalogue

SOURCES = Path(__file__).resolve().parent.parent / "data" / "bronnen"

REGION = """\
naam: Testregio
gemeenten: [Almere, Dronten, Lelystad]
codes_volgen_jz020: true
bronnen:
  - document: 002_b4979bd38850de40.txt
    titel: Productomschrijvingen
    soort: productomschrijvingen
    editie: null
    status: vastgesteld
"""

PRODUCT_TYPES = """\
producttypen:
  - id: begeleiding-individueel
    naam: Begeleiding individueel
  - id: behandeling-gezin
    naam: Behandeling gezin
"""

PRODUCT = """\
code: 45F21
naam: Specialistische Begeleiding – Individueel
productgroep: Multidisciplinaire Specialistische Jeugdhulp
producttype: begeleiding-individueel
status: vastgesteld
gemeenten: [Almere, Dronten]
omschrijving: Begeleiding van de jeugdige.
doelgroep: {staat: niet-vermeld}
eenheid: {soort: PxQ}
tarief: {staat: leeg}
normenkader:
  soort: trajectduur
  max_duur: {tekst: "Duur van een traject is maximaal 12 maanden", waarde: 12, eenheid: maanden}
  max_volume: {staat: niet-vermeld}
functiemix: {staat: niet-vermeld}
bron: {document: 002_b4979bd38850de40.txt, sectie: "7. Multidisciplinaire Specialistische Jeugdhulp Specialistische Begeleiding – Individueel"}
aanvullende_bronnen:
  - {document: 002_b4979bd38850de40.txt, sectie: "3. Multidisciplinaire Specialistische Jeugdhulp Behandeling - Gezin intensief"}
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dedent(text), encoding="utf-8")
    return path


def minimal_data(root: Path) -> Path:
    data = root / "data"
    shutil.copytree(SOURCES, data / "bronnen")
    write(data / "regions" / "testregio.yaml", REGION)
    write(data / "producttypen.yaml", PRODUCT_TYPES)
    write(data / "products" / "testregio" / "45f21.yaml", PRODUCT)
    write(data / "products" / "testregio" / "45f34.yaml",
          PRODUCT.replace("45F21", "45F34").replace("begeleiding-individueel", "behandeling-gezin")
          .replace("naam: Specialistische Begeleiding – Individueel", "naam: Behandeling – Gezin intensief"))
    return data


def cli(name: str) -> list[str]:
    """The command line of console entry point `productenboek-<name>` ([project.scripts] in pyproject.toml)
    in the virtualenv running the tests: the tests run the commands as a user does."""
    import sys

    exe = Path(sys.executable).parent / ("productenboek-" + name.replace("_", "-"))
    assert exe.exists(), f"{exe} is missing: run scripts/bootstrap.sh test (pip install -e .[test])"
    return [str(exe)]


# --- the variant site: one copy of data/ with every change the variant tests need, built once -------------
# Each test that needs a site built from changed data reads its part of this one build (the `variant_site`
# fixture in conftest.py) instead of building its own: hostile values everywhere (tests/test_hostile_data.py),
# hostile names in the finder and a municipality's spelling variant (test_finder_forgives.py), a hostile
# source document (test_sources.py), a municipality in two regions (test_municipalities.py).

MARKER_FILE = "pwned-by-data.txt"
FINDER_EVIL = '<img src=x onerror="window.__pbPwned=1">Hulp & "zo" </script>'
FINDER_EVIL_PRODUCT = "flevoland/45f34"
FINDER_TOWN = "<svg onload=window.__pbPwned=2>Duinstad"
WESTLAND_SPELLINGS = "\ngemeenten:\n  - gemeente: Westland\n    ook: [\"'s-Westland\", Westlandia]\n"
HOSTILE_SOURCE = ("005_hostile.txt",
                  "Kop\n\n<script>document.title='pwned'</script> {{ config.site_name }} {% if true %}ja{% endif %}\n")


def payloads(tmp: Path) -> dict[str, str]:
    target = tmp / MARKER_FILE
    return {
        "jinja_expr": "Begeleiding {{ 7*7 }}",
        "jinja_block": "Groep {% for x in range(3) %}X{% endfor %} einde",
        # Would write a file if any template engine evaluated it.
        "jinja_rce": "{{ cycler.__init__.__globals__.os.popen('touch " + str(target) + "').read() }}",
        "html_name": 'Flevoland <img src=x onerror=alert(7)> "quoted"',
        "title_breakout": "Naam </title><script>alert(8)</script>",
        "attr_breakout": 'Doel" onmouseover="alert(9)" x="',
        "markdown": (
            "Gewone tekst met **nadruk**.\n\n"
            "<script>alert(10)</script>\n\n"
            "[klik](javascript:alert(11)) en [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMik8L3NjcmlwdD4=)\n\n"
            '<img src=x onerror="alert(13)"> <iframe src="https://evil.example/"></iframe>\n\n'
            '<a href="https://example.org/" onclick="alert(14)">veilige link</a>\n\n'
            "# Kop die de pagina niet mag breken\n\n<style>body{display:none}</style>"
        ),
        "municipality": "'s-Gravenhage \"De Hofstad\" {{ 7*7 }}",
        "tree_title": "Boom {{ 7*7 }} <b>vet</b>",
        "section_title": "Sectie <script>alert(15)</script>",
        "synonym": "syn<img src=x onerror=alert(16)>",
    }


def set_top_level(path: Path, key: str, value: str) -> None:
    """Replace a top-level scalar (possibly a multi-line block) by a JSON-quoted string (valid YAML)."""
    import json
    import re

    text = path.read_text(encoding="utf-8")
    new, n = re.subn(rf"(?ms)^{key}:.*?(?=^\S)", f"{key}: {json.dumps(value, ensure_ascii=False)}\n", text, count=1)
    assert n == 1, (path, key)
    path.write_text(new, encoding="utf-8")


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def variant_data(data: Path) -> dict:
    """Change the copy of data/ at `data` for the variant site; returns what the tests need to know."""
    import json

    p = payloads(data.parent)
    # hostile values (test_hostile_data.py)
    set_top_level(data / "regions/flevoland.yaml", "naam", p["html_name"])
    _replace_once(data / "regions/flevoland.yaml", "  - Urk\n", f"  - Urk\n  - {json.dumps(p['municipality'], ensure_ascii=False)}\n")
    set_top_level(data / "products/flevoland/45f21.yaml", "naam", p["jinja_expr"])
    set_top_level(data / "products/flevoland/45f22.yaml", "naam", p["jinja_block"])
    set_top_level(data / "products/flevoland/45f23.yaml", "naam", p["jinja_rce"])
    set_top_level(data / "products/flevoland/45f31.yaml", "naam", p["title_breakout"])
    set_top_level(data / "products/flevoland/45f21.yaml", "doel", p["attr_breakout"])
    set_top_level(data / "products/flevoland/45f21.yaml", "omschrijving", p["markdown"])
    set_top_level(data / "beslisbomen/flevoland-multidisciplinair.yaml", "titel", p["tree_title"])
    set_top_level(data / "secties/flevoland/doelgroep.yaml", "titel", p["section_title"])
    _replace_once(data / "synoniemen.yaml", "- term: respijtzorg", f"- term: {json.dumps(p['synonym'])}")
    # a hostile product name and municipality in the finder (test_finder_forgives.py)
    set_top_level(data / "products" / f"{FINDER_EVIL_PRODUCT}.yaml", "naam", FINDER_EVIL)
    # Almere also in Haaglanden (test_municipalities.py), and a hostile town there (test_finder_forgives.py)
    _replace_once(data / "regions/haaglanden.yaml", "  - Westland\n",
                  "  - Westland\n  - Almere\n  - " + json.dumps(FINDER_TOWN) + "\n")
    # another spelling of Westland (test_finder_forgives.py)
    syn = data / "synoniemen.yaml"
    syn.write_text(syn.read_text(encoding="utf-8") + WESTLAND_SPELLINGS, encoding="utf-8")
    # a hostile source document (test_sources.py)
    (data / "bronnen" / HOSTILE_SOURCE[0]).write_text(HOSTILE_SOURCE[1], encoding="utf-8")
    return {"payloads": p, "marker": str(data.parent / MARKER_FILE)}


def same_tree(a: Path, b: Path) -> bool:
    """Two folders with the same files, byte for byte."""
    cmp = filecmp.dircmp(a, b)
    if cmp.left_only or cmp.right_only or cmp.funny_files:
        return False
    if filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)[1:] != ([], []):
        return False
    return all(same_tree(a / d, b / d) for d in cmp.common_dirs)


def changed_lines(before: str, after: str) -> list[str]:
    """The lines a change removes (-) and adds (+), without context."""
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def errors_of(data: Path) -> list:
    """The errors the loader gives for a data folder it must refuse."""
    with pytest.raises(DataErrors) as exc:
        load_catalogue(data)
    return exc.value.errors
