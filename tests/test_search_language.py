"""Dutch word forms: the Python index build and the browser (search_language.js) must agree on every word.

The finder stems a query in the browser and looks the stem up in keys the build made in Python; the
header search's worker uses the same script. A difference would make a word unfindable, so the
parity test runs both over every word of the data and its inflected forms.
"""

from __future__ import annotations

import pytest

from conftest import ROOT
from macros.search.language import compound_parts, fold, is_code, known_words, stem, tokens

ASSETS = ROOT / "overrides" / "assets"
ORIGIN = "http://pb.test"  # the site's own scripts served to the page as ES modules, without a build
SUFFIXES = ("en", "s", "e", "se", "ene", "heden", "heid", "igheid", "ing", "ingen", "lijk", "elijk", "baar", "bar", "ig",
            "end", "ende", "er", "ers")


def corpus() -> list[str]:
    words = set()
    for path in (ROOT / "data").rglob("*.yaml"):
        words.update(tokens(path.read_text(encoding="utf-8")))
    forms = {w + s for w in words if not is_code(w) for s in SUFFIXES}
    forms |= {p + w for w in words if not is_code(w) for p in ("y", "ge", "yi")}
    return sorted(words | forms | {"maan", "brood", "gemen", "kinderen", "yoyo", "ayio", "ooit", "bieden", "tte", "a", "ab"})


@pytest.fixture(scope="module")
def language_page(browser):
    page = browser.new_page()

    def serve(route):
        path = route.request.url.removeprefix(ORIGIN + "/assets/")
        if route.request.url.startswith(ORIGIN + "/assets/") and (ASSETS / path).is_file():
            route.fulfill(path=str(ASSETS / path), content_type="text/javascript")
        else:
            route.fulfill(body="<!doctype html><title>t</title>", content_type="text/html")

    page.route(ORIGIN + "/**", serve)
    page.goto(ORIGIN + "/")
    page.evaluate("import('/assets/search_language.js').then(m => { window.searchLanguage = m.searchLanguage; })")
    yield page
    page.close()


def test_browser_and_python_stem_every_word_alike(language_page):
    words = corpus()
    assert len(words) > 20_000
    in_browser = language_page.evaluate("ws => ws.map(w => searchLanguage.stem(w))", words)
    differ = [(w, py, js) for w, py, js in zip(words, map(stem, words), in_browser, strict=True) if py != js]
    assert not differ, differ[:20]


def test_browser_and_python_fold_and_split_alike(language_page):
    texts = ["Cliëntroute ‘s-Gravenhage Ĳssel naïef café", "Behandeling – Gezin intensief 45F34/831MC",
             "Jeugd-GGZ (WO+)", "ÀÉÎÕÜ ﬁets", "x\u0308y"]
    assert language_page.evaluate("ts => ts.map(t => searchLanguage.tokens(t))", texts) == [tokens(t) for t in texts]
    assert language_page.evaluate("ts => ts.map(t => searchLanguage.fold(t))", texts) == [fold(t) for t in texts]


@pytest.mark.parametrize("code", ["45f21", "831mc", "45a10", "54002", "41c01", "90300", "45en", "1heden"])
def test_codes_are_never_stemmed(code, language_page):
    assert stem(code) == code
    assert language_page.evaluate("c => searchLanguage.stem(c)", code) == code
    assert language_page.evaluate("c => searchLanguage.maxEdits(c)", code) == 0


@pytest.mark.parametrize("plural,singular", [
    ("ouders", "ouder"), ("gezinnen", "gezin"), ("gezinshuizen", "gezinshuis"), ("intensieve", "intensief"),
    ("behandelingen", "behandeling"), ("begeleidingen", "begeleiding"), ("verblijven", "verblijf"),
])
def test_word_forms_meet(plural, singular):
    assert stem(plural) == stem(singular)


def test_unrelated_words_stay_apart():
    # the newer Snowball 'dutch' maps 'gezin' to 'zin' and 'begeleiding' to 'beleid': not this one
    assert stem("gezin") != stem("zin")
    assert stem("begeleiding") != stem("beleid")
    assert stem("gemeente") != stem("menen")


def test_compounds_split_into_known_words():
    known = known_words(["ouder", "begeleiding", "traject", "gezin", "huis", "groep", "zorg", "pleeg"])
    assert compound_parts("ouderbegeleidingstraject", known) == ["ouder", "begeleiding", "traject"]
    assert compound_parts("gezinshuis", known) == ["gezin", "huis"]
    assert compound_parts("groepsbegeleiding", known) == ["groep", "begeleiding"]
    assert compound_parts("begeleiding", known) == []  # not 'ding'
    assert compound_parts("45f21abcde", known) == []


def test_edit_distance(language_page):
    cases = [("pleegzrg", "pleegzorg", 2), ("respijtzrog", "respijtzorg", 2), ("dislexie", "dyslexie", 2),
             ("lelystat", "lelystad", 2), ("zorg", "borg", 1), ("gezin", "gezien", 1), ("abc", "xyz", 1)]
    got = language_page.evaluate("cs => cs.map(c => searchLanguage.distance(c[0], c[1], c[2]))", cases)
    assert got == [1, 1, 1, 1, 1, 1, 2]


def _words_that_reach_other_products(cat) -> tuple[str, str]:
    """A word that joins two adjacent words of a product into a pair, and a word that splits another product's
    word into compound parts it did not have: written into one product, they change others' postings."""
    from macros.search import words
    from macros.search.index import geordend

    made = [words._Product(words.fields(cat, p)) for p in geordend(cat)]
    vocabulary = set().union(*(m.tokens for m in made))
    known = known_words(vocabulary)
    pair = next(a + b for m in made for a, b in zip(m.raw["tekst"], m.raw["tekst"][1:], strict=False)
                if len(a) > 3 and len(b) > 3 and a.isalpha() and b.isalpha() and a + b not in vocabulary
                and a + "s" + b not in vocabulary)
    part = next(t[:k] for t in sorted(vocabulary) if len(t) >= 12 and t.isalpha() for k in range(4, len(t) - 3)
                if compound_parts(t, known | known_words([t[:k]])) != compound_parts(t, known))
    return pair, part


def test_the_word_index_kept_under_serve_is_the_index_made_afresh(tmp_path):
    """Under `mkdocs serve --dirty` the word index keeps each product's pairs and postings (macros.search.words.Kept)
    and makes again only what an edit can reach: after edits that add words (one that joins two words of another
    product into a pair, one that splits another product's word into new compound parts, one new to all) and after
    undoing them, and after a product went and came back, it equals the index made afresh."""
    import json
    import shutil

    from macros.catalogue.loader import load_catalogue
    from macros.search import index as search_index
    from macros.search import word_files, words
    from macros.search.index import geordend

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    product = data / "products" / "flevoland" / "45f34.yaml"
    original = product.read_text(encoding="utf-8")
    kept = words.Kept()

    def both() -> None:
        cat = load_catalogue(data)
        words.KEPT = kept
        try:
            incremental = words.word_index(cat, geordend(cat))
        finally:
            words.KEPT = None
        fresh = words.word_index(cat, geordend(cat))
        assert incremental == fresh
        # its files' JSON, kept per list and shard while the same objects (macros.search.index), as dumped afresh
        compact = lambda obj: json.dumps(obj, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
        assert word_files.dump_index(incremental) == compact(fresh)
        assert word_files.dump_word_shards(incremental, search_index._word_shards(incremental)) == \
            [compact(word_files.word_shard(fresh, piece)) for _, piece in search_index._word_shards(fresh)]

    pair, part = _words_that_reach_other_products(load_catalogue(data))
    both()
    for extra in (f"{pair} en {part}. ", "kwartelkoningbegeleiding. "):
        product.write_text(original.replace("De maximale trajectduur", extra + "De maximale trajectduur", 1), encoding="utf-8")
        assert product.read_text(encoding="utf-8") != original
        both()
    product.write_text(original, encoding="utf-8")
    both()
    # a product that goes and comes back (with the first edit's words) moves every number: the merge starts afresh
    texts = {f: f.read_text(encoding="utf-8") for f in data.rglob("*.yaml")}
    gone = next(f for f in sorted(data.glob("products/*/*.yaml"))  # one no other file names
                if f != product and not any(f.stem in t for g, t in texts.items() if g != f))
    text = gone.read_text(encoding="utf-8")
    gone.unlink()
    product.write_text(original.replace("De maximale trajectduur", f"{pair} en {part}. De maximale trajectduur", 1),
                       encoding="utf-8")
    both()
    gone.write_text(text, encoding="utf-8")
    both()
