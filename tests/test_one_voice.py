"""One voice for every value (issue 26): the view (macros/view) says each fact once, and every surface says it
the same way.

- On the built site, for every product (all of data/, not a chosen few) and every fact its page shows, the
  state on the page (``data-staat``) is the state its CSV row says, and, for the fields the JSON keeps in the
  model's own shape, the state its JSON record holds.
- The one inverse the tests and the import use (``state_said``) reads back every state the view writes, for
  any value text (a property, fixed seed).
- The state words and the labels are defined once: the browser's scripts and the templates have no copy.
"""

from __future__ import annotations

import csv
import io
import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from macros.catalogue.loader import load_catalogue
from macros.exports import COLUMNS
from macros.model.sourced import STATES
from macros.view.values import Shown
from macros.view.words import FIELD_LABELS, STATE_WORDS, state_said

FACT = re.compile(r'<div[^>]*\bdata-veld="([^"]+)" data-staat="([^"]+)"><dt>([^<]*)</dt>')
BY_HEADER = {c.header: c for c in COLUMNS}


def page_facts(page: str) -> dict[str, tuple[str, str]]:
    """veld -> (state, label) of the key facts on a product's built page."""
    return {field: (state, label) for field, state, label in FACT.findall(page)}


def csv_rows(site) -> dict[str, dict[str, str]]:
    text = (site / "open-data" / "productenboek.csv").read_text(encoding="utf-8-sig")
    reader = csv.reader(io.StringIO(text), delimiter=";")
    header = [BY_HEADER[h].name for h in next(reader)]
    rows = {}
    for cells in reader:
        row = {n: c[1:] if c.startswith("'") else c for n, c in zip(header, cells, strict=True)}  # as_text's quote
        rows[f"{row['regio_id']}/{row['id']}"] = row
    return rows


def column_for(field: str, label: str):
    """The CSV column that says a fact: the one for the fact, or (a duration or volume, which has a maximum's
    and a guideline's column) the one whose header is the page's label without its '(…)' note."""
    columns = [c for c in COLUMNS if c.fact == field]
    assert columns, f"geen kolom in de export voor {field}"
    if len(columns) == 1:
        return columns[0]
    (column,) = [c for c in columns if c.header == re.sub(r" \(.*\)$", "", label)]
    return column


def json_state(value) -> str:
    return value["staat"] if isinstance(value, dict) and "staat" in value else "vermeld"


def disagreements(cat, pages: dict[str, str], rows: dict[str, dict[str, str]], records: dict[str, dict]) -> list[str]:
    """Every fact of every product whose state on the page differs from its CSV cell or JSON record."""
    out = []
    for ref in cat.producten:
        facts = page_facts(pages[ref])
        if not facts:
            out.append(f"{ref}: geen feiten op de pagina")
        for field, (state, label) in facts.items():
            cell = rows[ref][column_for(field, label).name]
            if state_said(cell) != state:
                out.append(f"{ref} {field}: pagina '{state}', CSV '{cell}'")
        # the JSON keeps the model's shape: the field's staat; a tariff's blank amount is its null
        for field in ("status", "eenheid", "gemeenten", "tarief"):
            v = records[ref][field]
            in_json = "leeg" if field == "tarief" and json_state(v) == "vermeld" and \
                (v.get("waarde", v) or {}).get("bedrag") is None else json_state(v)
            if facts.get(field, ("",))[0] != in_json:
                out.append(f"{ref} {field}: pagina '{facts.get(field, ('',))[0]}', JSON '{in_json}'")
    return out


def site_surfaces(site, cat):
    pages = {ref: (site / p.url / "index.html").read_text(encoding="utf-8") for ref, p in cat.producten.items()}
    records = {f"{r['regio']}/{r['id']}": r for r in
               json.loads((site / "open-data" / "productenboek.json").read_text(encoding="utf-8"))["producten"]}
    return pages, csv_rows(site), records


def test_every_product_page_says_the_state_its_exports_say(built_site):
    cat = load_catalogue(ROOT / "data")
    pages, rows, records = site_surfaces(built_site, cat)
    assert set(rows) == set(records) == set(cat.producten)  # every product, from the data
    assert disagreements(cat, pages, rows, records) == []
    # the data holds every state on some page (else this test could not see a state said wrongly)
    seen = {state for page in pages.values() for state, _ in page_facts(page).values()}
    assert seen >= {"vermeld", "geen", "leeg", "niet-vermeld", "afgeleid"}, seen


def test_a_page_or_export_that_says_another_state_is_found(built_site):
    """Hostile: one fact's state changed on one page, or one CSV cell said otherwise, is each found, by name."""
    cat = load_catalogue(ROOT / "data")
    pages, rows, records = site_surfaces(built_site, cat)
    ref = next(r for r, page in pages.items() if 'data-veld="tarief" data-staat="leeg"' in page)
    changed = dict(pages, **{ref: pages[ref].replace('data-veld="tarief" data-staat="leeg"',
                                                     'data-veld="tarief" data-staat="vermeld"')})
    assert disagreements(cat, changed, rows, records) == [
        f"{ref} tarief: pagina 'vermeld', CSV '{rows[ref]['tarief_status']}'", f"{ref} tarief: pagina 'vermeld', JSON 'leeg'"]
    other = next(r for r, row in rows.items() if row["status"] == STATE_WORDS["niet-vermeld"])
    said = {**rows, other: {**rows[other], "status": "vastgesteld"}}
    assert disagreements(cat, pages, said, records) == [f"{other} status: pagina 'niet-vermeld', CSV 'vastgesteld'"]


@settings(derandomize=True, max_examples=300)
@given(state=st.sampled_from(STATES), text=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40),
       quote=st.text(min_size=1, max_size=20), reason=st.text(min_size=1, max_size=20))
def test_the_state_a_text_says_is_the_state_the_view_wrote(state, text, quote, reason):
    """Any value text (one that begins with a state word included, a blank amount '… per uur' too)."""
    value = text if state in ("vermeld", "afgeleid") else STATE_WORDS[state]
    plain = Shown(state, value, quote, reason if state == "afgeleid" else None).plain
    if state == "vermeld" and (state_said(text) != "vermeld"):
        return  # a stated value that reads as a state word: the view never writes one (values are validated)
    assert state_said(plain) == state, plain


def test_state_words_and_labels_have_one_home():
    """The browser scripts and the templates get the words from the data; Python code from macros.view.words."""
    words = [w for w in STATE_WORDS.values() if len(w) > 12] + ["Maximale duur", "Eenheid: "]
    for path in [*(ROOT / "overrides" / "assets").glob("*.js"), *(ROOT / "macros" / "components" / "templates").glob("*.html")]:
        text = path.read_text(encoding="utf-8")
        for w in words:
            assert w not in text, f"{path.relative_to(ROOT)} schrijft '{w}' zelf"
    for path in (ROOT / "macros").rglob("*.py"):
        if path.parent.name == "view" or path.name == "sourced.py":
            continue
        text = path.read_text(encoding="utf-8")
        for w in STATE_WORDS.values():
            assert f'"{w}"' not in text, f"{path.relative_to(ROOT)} spelt '{w}' zelf"
    assert FIELD_LABELS["normenkader.max_duur"] == "maximale duur"
