"""Search that understands professionals (issue 27), in the finder's engine as the browser runs it (Node).

- the query sets of tests/search_queries.py (the 50 queries, and the professional set written from the
  sources before tuning) and the second held-out-style set (tests/search_queries_heldout.py, written from
  the sources by another hand before it was run), on the real data;
- a property derived from the data: for every product, words of its page that few products print
  (sampled by Hypothesis with a fixed seed) find it among the first results;
- the Python index build and the browser's search_language.js split compounds and cut tokens alike.

Fast lane: the engine runs in Node on the search files built from the catalogue, no site build or browser.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from search_node import answers, run, score, write_files
from search_queries import PROFESSIONAL, QUERIES
from search_queries_heldout import QUERIES as HELDOUT

from conftest import ROOT
from macros.catalogue.loader import load_catalogue
from macros.search.index import geordend
from macros.search.language import STOPWORDS, _split, is_code, known_words, levels, stem, tokens
from macros.search.words import NAME_WEIGHT, WEIGHTS, fields

LANGUAGE = ROOT / "tests" / "js" / "search_language_run.mjs"
PROFESSIONAL_FLOOR = 52  # of 52: all (issue 27; the two misses of the merge were fixed by class: inferred values are
# indexed, and variants of one arrangement no longer crowd out other products that match alike)
HELDOUT_FLOOR = 33       # of 33: all
TOP = 5                  # a distinctive word's product is among the first TOP results


@pytest.fixture(scope="module")
def cat():
    return load_catalogue(ROOT / "data")


@pytest.fixture(scope="module")
def files(cat):
    with tempfile.TemporaryDirectory() as tmp:
        yield write_files(cat, Path(tmp))


# Each set, its name in the report and how many of it must pass: the 50 queries all; PROFESSIONAL (written from the
# sources before tuning) and the held-out set (written by another hand before it was run) their floors.
QUERY_SETS = {"50": ("50 queries", QUERIES, len(QUERIES)),
              "professional": ("Professional queries", PROFESSIONAL, PROFESSIONAL_FLOOR),
              "heldout": ("Held-out-style queries", HELDOUT, HELDOUT_FLOOR)}


@pytest.mark.parametrize("which", QUERY_SETS)
def test_a_query_set_passes_in_the_engine(cat, capsys, which):
    """A query set scored in the engine (its pass count and failures printed): at least its floor passes."""
    name, queries, floor = QUERY_SETS[which]
    passed, failures = score(cat, queries)
    with capsys.disabled():
        print(f"\n{name} (engine in Node): {passed}/{len(queries)}")
        for f in failures:
            print(f"  fails: {f}")
    assert passed >= floor, failures


def test_the_held_out_set_shares_no_query_with_the_others():
    assert not {q.query for q in HELDOUT} & {q.query for q in [*PROFESSIONAL, *QUERIES]}


def test_a_generic_word_says_so_and_lists_names_only(cat):
    """'hulp' is in most products: it finds by name only, and the answer says it is general."""
    (a,) = answers(cat, ["hulp"])
    assert a["general"] == ["hulp"]
    assert 0 < len(a["pages"]) <= 10
    names = {p.url for p in cat.producten.values() if "hulp" in tokens(p.naam) or any("hulp" in t for t in tokens(p.naam))}
    assert set(a["pages"]) <= names


def test_nothing_fits_gives_nothing(cat):
    for a in answers(cat, ["zwemles", "qqqq xxxx", "voor de van met een"]):
        assert a["pages"] == [], a


def _distinctive(cat) -> dict[str, list[tuple[str, int]]]:
    """Per product (url): the words of its page's body that few products print, with that number (df):
    at most 3 products, or the fewest any word of the page has (variants of one arrangement share a text)."""
    products = geordend(cat)
    body = []
    for p in products:
        ws = set()
        for field, text in fields(cat, p).items():
            if WEIGHTS[field] < NAME_WEIGHT:
                ws |= {t for t in tokens(text) if len(t) >= 4 and not is_code(t) and t not in STOPWORDS}
        body.append(ws)
    df: dict[str, int] = {}
    for ws in body:
        for k in {stem(w) for w in ws}:
            df[k] = df.get(k, 0) + 1
    out = {}
    for p, ws in zip(products, body, strict=True):
        few = max(3, min((df[stem(w)] for w in ws), default=0))
        out[p.url] = sorted((w, df[stem(w)]) for w in ws if df[stem(w)] <= few)
    return out


@pytest.fixture(scope="module")
def distinctive(cat):
    return _distinctive(cat)


@settings(derandomize=True, max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_distinctive_words_find_their_product(files, distinctive, data):
    """Property from the data: for every product, one or two of its distinctive words (a sample) find it
    among the first TOP results (or the first df, when that many products print the word)."""
    queries, owners, tops = [], [], []
    for url, words in sorted(distinctive.items()):
        sample = data.draw(st.lists(st.sampled_from(words), min_size=1, max_size=2, unique=True), label=url)
        queries.append(" ".join(w for w, _ in sample))
        owners.append(url)
        tops.append(max(TOP, *(n for _, n in sample)))
    assert len(owners) == len(distinctive) > 60
    missed = [f"{q!r} -> {url} not in {a['pages'][:top]}"
              for q, url, top, a in zip(queries, owners, tops, run(files, queries), strict=True) if url not in a["pages"][:top]]
    assert not missed, missed


def _node_language(payload: dict) -> dict:
    result = subprocess.run(["node", "--no-warnings", str(LANGUAGE)], input=json.dumps(payload),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_python_and_node_split_compounds_and_tokens_alike(cat):
    """The index splits compounds in Python, the query in the browser: same vocabulary, same parts."""
    words = sorted({t for p in cat.producten.values() for text in fields(cat, p).values() for t in tokens(text)})
    known = known_words(words)
    long = [w for w in words if len(w) >= 8 and not is_code(w)]
    texts = ["J&O en jeugd & opvoedhulp", "24/7 bereikbaarheid", "Eenheid & tarief: PxQ", "SKJ- en/of BIG-registratie",
             "basisGGZ & kindergeneeskunde", "7 x 24 uur", "1/2/3", "&&x&", "GGZ&", "WO+-niveau, HBO/HBO+ en 18+",
             "24x7 principe, 7/24, 12x345, 2019/2020", "0-6 jaar, tot 18 jaar"]
    token_lists = [tokens(text) for p in cat.producten.values() for text in fields(cat, p).values()]
    got = _node_language({"tokens": texts, "split": long, "known": sorted(known), "levels": token_lists})
    assert got["tokens"] == [tokens(t) for t in texts]
    assert got["levels"] == [levels(ts) for ts in token_lists]
    assert sum(map(len, got["levels"])) > 50  # 'niveau 3', 'mbo 4', … occur
    expected = [list(parts) if len(parts := _split(w, known)) > 1 else [] for w in long]
    differ = [(w, e, g) for w, e, g in zip(long, expected, got["split"], strict=True) if e != g]
    assert not differ, differ[:20]
    assert sum(1 for e in expected if e) > 100  # the comparison covers real compounds


def test_finder_says_plainly_when_a_word_is_too_general_or_nothing_fits(watched):
    """In Chromium: 'hulp' gets the plain note and names only; 'zwemles' says that nothing was found."""
    from playwright.sync_api import expect
    from test_search_queries import finder_paths

    found = finder_paths(watched, "hulp")
    assert 0 < len(found) <= 10
    note = watched.page.locator("[data-pb-finder-note]")
    expect(note).to_be_visible()
    expect(note).to_contain_text("bij de meeste producten. Hieronder alleen de producten met dit woord in de naam.")
    expect(watched.page.locator("[data-pb-finder-suggest]")).to_be_hidden()  # no "Bedoelde je": the word exists
    assert finder_paths(watched, "cliënt") == []  # on most pages and in no product's name
    expect(note).to_contain_text("\u201ccli\u00ebnt\u201d staat bij de meeste producten, maar in geen productnaam")
    assert finder_paths(watched, "zwemles") == []
    expect(note).to_be_hidden()
    expect(watched.page.locator("[data-pb-finder-status]")).to_contain_text("Geen producten gevonden")
    expect(watched.page.locator("[data-pb-finder-empty]")).to_contain_text("Geen product past")
    assert not watched.console_errors and not watched.foreign


def test_header_search_says_the_finder_s_note_for_a_general_word(watched):
    """The header search says what the finder says when every word is in most products (one text,
    util.js generalNote), and says nothing of the kind for a word that is not."""
    from playwright.sync_api import expect
    from test_search_queries import finder_paths

    from conftest import open_header_search

    finder_paths(watched, "hulp")
    said = watched.page.locator("[data-pb-finder-note]").text_content()
    assert "bij de meeste producten" in said
    watched.goto("")
    box = open_header_search(watched.page)
    panel, note = watched.page.locator("[data-pb-kopzoeken]"), watched.page.locator("[data-pb-kopzoeken-note]")
    box.press_sequentially("hulp")
    expect(panel).to_have_attribute("data-pb-kopzoeken-shown", "hulp")
    expect(note).to_be_visible()
    expect(note).to_have_text(said)
    box.fill("")
    box.press_sequentially("pleegzorg")
    expect(panel).to_have_attribute("data-pb-kopzoeken-shown", "pleegzorg")
    expect(note).to_be_hidden()
    assert not watched.console_errors and not watched.foreign
