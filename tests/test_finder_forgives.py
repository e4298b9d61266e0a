"""The finder that forgives: typos, municipalities and their spellings, phone layout, headings,
code shards, hostile names. The basics (codes, words, filters, URL state) are in test_search.py."""

from __future__ import annotations

import itertools
import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect
from test_search import finder, titles

from conftest import ROOT
from macros.catalogue.loader import load_catalogue


def test_typo_says_what_it_searched_and_links_the_term(watched):
    results = finder(watched, "pleegzrg")
    suggest = watched.page.locator("[data-pb-finder-suggest]")
    expect(suggest).to_contain_text("Bedoelde je pleegzorg?")
    assert titles(results)[0].startswith("35100")
    link = suggest.get_by_role("link", name="pleegzorg")
    expect(link).to_have_attribute("href", "?zoek=pleegzorg")
    link.click()
    expect(watched.page).to_have_url(watched.base + "zoeken/?zoek=pleegzorg")
    expect(suggest).to_be_hidden()
    expect(watched.page.locator("#pb-q")).to_have_value("pleegzorg")


def test_exact_matches_rank_above_typos(watched):
    # 'gezin' is a word of the data; 'gezien' (one edit away) may add results, but only below
    results = titles(finder(watched, "gezin"))
    expect(watched.page.locator("[data-pb-finder-suggest]")).to_be_hidden()
    assert results[0].startswith("45F23") or "Gezin" in results[0], results[:3]


def test_municipality_page_first_then_its_products(watched):
    results = finder(watched, "Lelystad")
    first = results.first
    expect(first).to_have_class("pb-result pb-result--gemeente")
    expect(first.get_by_role("link")).to_have_attribute("href", "../gemeenten/lelystad/")
    expect(first).to_contain_text("1 product geldt hier")
    assert list(titles(results))[1].startswith("45F34")


def test_municipality_filter_lists_every_municipality(watched):
    finder(watched, "dyslexie")  # Zuid-Limburg only: no product applies in any listed municipality
    options = watched.page.locator("#pb-filter-gemeente option").all_inner_texts()
    cat = load_catalogue(ROOT / "data")
    for region in cat.regios.values():
        for g in region.gemeenten:
            assert f"{g} (0)" in options, options


def test_heading_levels_do_not_skip(watched):
    finder(watched, "begeleiding")
    levels = watched.page.evaluate("""() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')]
        .filter(h => h.closest('[hidden]') === null && h.closest('.md-content'))
        .map(h => +h.tagName[1])""")
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels


CSP_WATCH = ("window.__pbCsp = []; document.addEventListener('securitypolicyviolation',"
             " e => window.__pbCsp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')))")


def test_phone_filters_fold_away_and_first_result_is_visible(browser, site_url):
    """At 375×812, under the site's content-security policy (enforced here)."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    page.goto(site_url + "zoeken/?zoek=begeleiding&regio=zuid-limburg")
    # (no wait_for_function with a string: it polls through eval, which the enforced policy rightly refuses)
    expect(page.locator("[data-pb-finder]")).to_have_attribute("data-pb-shown", "begeleiding")
    toggle = page.get_by_role("button", name="Filters (1 actief)")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#pb-filter-regio")).to_be_hidden()
    box = page.locator("[data-pb-finder-results] li").first.bounding_box()
    assert box and box["y"] + box["height"] <= 812, box
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#pb-filter-regio")).to_be_visible()
    page.locator("#pb-q").fill("pleegzrg")  # words, typos and the worker-free paths all ran under the policy
    expect(page.locator("[data-pb-finder-suggest]")).to_contain_text("Bedoelde je pleegzorg?")
    assert page.evaluate("window.__pbCsp") == []
    context.close()


def test_code_lookup_across_shards(watched, monkeypatch):
    """With small shards, a code and a prefix are answered from the right shards, exact first, counted in full."""
    from macros.search import index

    cat = load_catalogue(ROOT / "data")
    monkeypatch.setattr(index, "SHARD_ROWS", 4)
    manifest, files = index.finder_manifest(cat), index.search_files(cat)
    assert len(manifest["shards"]) > 10

    def serve_shard(route):
        route.fulfill(body=files["zoeken/codes/" + route.request.url.rsplit("/", 1)[1]], content_type="application/json")

    page = watched.page
    page.route("**/zoeken/codes/*.json", serve_shard)
    page.route("**/zoeken/producten.json", lambda route: route.abort())  # only the shards may answer
    watched.goto("zoeken/")
    page.evaluate("m => { const f = document.querySelector('[data-pb-finder]').pbFinder; f.manifest = m; f.shards = {}; }", manifest)
    for query in ("84110", "841", "8", "45f3", "45F"):
        res = page.evaluate("n => document.querySelector('[data-pb-finder]').pbFinder.codeRows(n)", query.lower())
        expected = sorted(p.code for p in cat.producten.values() if p.code and p.code.lower().startswith(query.lower()))
        assert res["total"] == len(expected)
        assert [r[2] for r in res["rows"]] == expected[: len(res["rows"])]
        assert len(res["rows"]) >= min(len(expected), 50)


def test_hostile_names_are_text(variant_site, browser):
    """A product and a municipality named with HTML land in the finder as text, never as markup
    (in the cards, the filter and the manifest attribute). The names: tests/helpers.py (variant_data)."""
    from helpers import FINDER_EVIL as evil
    from helpers import FINDER_EVIL_PRODUCT
    from helpers import FINDER_TOWN as town

    site = variant_site.check()
    server, base = _serve(site)
    page = browser.new_page()
    try:
        for query in (FINDER_EVIL_PRODUCT.rsplit("/", 1)[1].upper(), "hulp", "Almere"):
            page.goto(base + "zoeken/?zoek=" + query)
            page.wait_for_function("q => document.querySelector('[data-pb-finder]').getAttribute('data-pb-shown') === q", arg=query)
            link = page.locator("[data-pb-finder-results] a", has_text="Hulp &")
            expect(link).to_contain_text(evil)
            assert page.locator("[data-pb-finder-results] img").count() == 0
        page.goto(base + "zoeken/?zoek=" + quote(town))  # the name as typed (its words) finds the municipality
        page.wait_for_function("q => document.querySelector('[data-pb-finder]').getAttribute('data-pb-shown') === q", arg=town)
        expect(page.locator("[data-pb-finder-results] li").first).to_contain_text("Gemeente " + town)
        expect(page.locator("#pb-filter-gemeente option", has_text="Duinstad")).to_have_count(1)
        assert page.locator("[data-pb-finder-live] svg, [data-pb-finder-results] img").count() == 0
        assert page.evaluate("window.__pbPwned") is None
    finally:
        page.close()
        server.shutdown()


def _serve(site):
    import functools
    import http.server
    import threading

    from conftest import _Quiet

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def test_spelling_variant_from_data_finds_the_municipality(variant_site, browser):
    """Only where data/synoniemen.yaml gives another spelling does it find the municipality, in both searches
    (the variant site adds "'s-Westland" and "Westlandia": tests/helpers.py)."""
    from conftest import open_header_search

    site = variant_site.check()
    server, base = _serve(site)
    page = browser.new_page()
    page.add_init_script(CSP_WATCH)
    try:
        for query in ("'s-Westland", "westlandia"):
            page.goto(base + "zoeken/?zoek=" + quote(query))
            page.wait_for_function("q => document.querySelector('[data-pb-finder]').getAttribute('data-pb-shown') === q", arg=query)
            first = page.locator("[data-pb-finder-results] li").first
            expect(first).to_contain_text("Gemeente Westland")
            expect(page.locator("[data-pb-finder-results] li").nth(1)).to_be_visible()
        page.goto(base)
        box = open_header_search(page)
        box.press_sequentially("westlandia")
        expect(page.locator(".md-search-result__item").first.locator(".pb-kopzoek-titel")).to_contain_text("Gemeente Westland")
        expect(page.locator(".md-search-result__item").nth(1).locator("a").first).to_have_attribute("href", re.compile(r"/haaglanden/"))
        assert page.evaluate("window.__pbCsp") == []  # the engine's modules and data are the site's own
    finally:
        page.close()
        server.shutdown()


@pytest.mark.parametrize("variant,field,line,problem", [
    ("\ngemeenten:\n  - gemeente: Westlandt\n    ook: [Westlandia]\n", "gemeenten[1].gemeente", 3, "staat in geen enkele regio"),
    ("\ngemeenten:\n  - gemeente: Westland\n    ook: [Rijswijk]\n", "gemeenten[1].ook[1]", 4, "is de naam van de gemeente Rijswijk"),
    ("\ngemeenten:\n  - gemeente: Westland\n    ook: [Duin]\n  - gemeente: Rijswijk\n    ook: [duin]\n",
     "gemeenten[2].ook[1]", 6, "staat ook als schrijfwijze van Westland"),
])
def test_spelling_variants_are_validated(data_copy, variant, field, line, problem):
    from macros.catalogue.errors import DataErrors

    syn = data_copy / "synoniemen.yaml"
    text = syn.read_text(encoding="utf-8")
    syn.write_text(text + variant, encoding="utf-8")
    with pytest.raises(DataErrors) as exc:
        load_catalogue(data_copy)
    (error,) = exc.value.errors
    assert error.file.endswith("data/synoniemen.yaml") and error.field == field and problem in error.problem
    assert error.line == text.count("\n") + line  # line numbers of the lines appended to the file


@pytest.mark.parametrize("query,width", [("pleegzrg", 1280), ("Lelystad", 1280), ("begeleiding", 375)])
def test_finder_states_pass_axe(browser, site_url, query, width):
    """The suggestion, the municipality card and the phone layout with its filters open: WCAG 2.1 AA."""
    from test_quality import axe_violations

    from conftest import settle

    context = browser.new_context(viewport={"width": width, "height": 812}, bypass_csp=True)  # to inject axe
    page = context.new_page()
    page.goto(site_url + "zoeken/?zoek=" + query)
    page.wait_for_function("q => document.querySelector('[data-pb-finder]').getAttribute('data-pb-shown') === q", arg=query)
    if width < 600:
        page.locator("[data-pb-finder-toggle]").click()
        expect(page.locator("#pb-filter-regio")).to_be_visible()
    settle(page)
    assert axe_violations(page) == []
    context.close()


def test_without_javascript_a_large_catalogue_links_its_regions(monkeypatch):
    """Above STATIC_LIST_MAX products the finder page links the region pages instead of listing every product."""
    from macros.components import products
    from macros.search.index import finder_manifest

    cat = load_catalogue(ROOT / "data")
    assert 'class="pb-finder__all"' in str(products.product_finder(cat, finder_manifest(cat), "../"))
    monkeypatch.setattr(products, "STATIC_LIST_MAX", 10)
    html = str(products.product_finder(cat, finder_manifest(cat), "../"))
    assert "pb-finder__all" not in html and "<table" not in html
    for region in cat.regios.values():
        if cat.products_of(region.id):
            assert f'<a href="../{region.url}">{region.naam}</a> ({len(cat.products_of(region.id))} producten)' in html


def test_header_search_says_what_it_searched_for_a_typo(watched):
    """The header search: a word that matches nothing is searched by its nearest spelling, which is offered
    as 'Bedoelde je …?'; the link searches that spelling in the same box."""
    from test_quality import axe_violations

    from conftest import open_header_search, settle

    watched.goto("")
    box = open_header_search(watched.page)
    box.press_sequentially("pleegzrg")
    suggestion = watched.page.locator(".pb-kopzoek-suggestie")
    expect(suggestion).to_have_text("Geen exacte treffer. Bedoelde je pleegzorg? De resultaten zijn voor die schrijfwijze.")
    expect(watched.page.locator(".md-search-result__item .pb-kopzoek-titel").first).to_contain_text("35100")
    settle(watched.page)
    assert axe_violations(watched.page) == []
    suggestion.get_by_role("link", name="pleegzorg").click()
    expect(box).to_have_value("pleegzorg")
    expect(suggestion).to_be_hidden()
    box.fill("")
    box.press_sequentially("pleegzorg")  # an exact word: no suggestion
    expect(watched.page.locator(".md-search-result__item .pb-kopzoek-titel").first).to_contain_text("35100")
    expect(suggestion).to_be_hidden()
    assert not watched.console_errors
