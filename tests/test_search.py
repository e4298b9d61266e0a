"""The product finder and the header search, in Chromium against the real data."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from conftest import ROOT, open_header_search, settle
from macros.catalogue.loader import load_catalogue


def finder(watched, query: str = "", extra: str = ""):
    watched.goto(f"zoeken/?zoek={query}{extra}" if query or extra else "zoeken/")
    if not query and not extra:
        watched.page.locator("#pb-q").focus()  # the finder loads its data when it is first used
    # Wait until the full search has answered (the code shards may have answered before it).
    watched.page.wait_for_function("q => document.querySelector('[data-pb-finder]').getAttribute('data-pb-shown') === q",
                                   arg=watched.page.evaluate("new URLSearchParams(location.search).get('zoek') || ''"))
    expect(watched.page.locator("[data-pb-finder-status]")).to_contain_text("gevonden")
    return watched.page.locator("[data-pb-finder-results] li")


def titles(results) -> list[str]:
    return [t.strip() for t in results.locator("h3").all_inner_texts()]


@pytest.mark.parametrize("query,first", [("84110", "84110"), ("45F34", "45F34"), ("831mc", "831MC"), ("831MC", "831MC")])
def test_exact_code_ranks_first(watched, query, first):
    results = finder(watched, query)
    expect(results.first).to_contain_text(first)
    assert titles(results)[0].startswith(first)


def test_every_code_in_the_data_is_in_its_shard():
    """All codes: the shards hold every code once, in order, each where the manifest's key says."""
    cat = load_catalogue(ROOT / "data")
    from macros.search.index import finder_manifest, normalise, search_files

    files, shards = search_files(cat), finder_manifest(cat)["shards"]
    rows = [r for n, (key, count) in enumerate(shards) for r in json.loads(files[f"zoeken/codes/{n}.json"])]
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)
    assert sorted(r[2] for r in rows) == sorted(p.code for p in cat.producten.values() if p.code)
    for p in cat.producten.values():
        if p.code:
            (row,) = [r for r in rows if r[0] == normalise(p.code)]
            assert f"{row[4]}/{row[5] if len(row) > 5 else row[0]}/" == p.url


def test_every_code_first_in_the_browser(watched):
    cat = load_catalogue(ROOT / "data")
    watched.goto("zoeken/")
    box = watched.page.locator("#pb-q")
    for p in sorted(cat.producten.values(), key=lambda p: p.ref):
        if not p.code:
            continue
        box.fill(p.code.lower())
        first = watched.page.locator("[data-pb-finder-results] li h3").first
        expect(first).to_contain_text(p.code)
        assert first.inner_text().strip().startswith(p.code), p.ref


def test_prefix_lists_the_family(watched):
    results = finder(watched, "45F")
    expect(results).to_have_count(8)
    assert all(t.startswith("45F") for t in titles(results))


@pytest.mark.parametrize("word,expected", [
    ("logeren", "62100"), ("pleegzorg", "35100"), ("dyslexie", "34100"),
    ("respijtzorg", "62100"), ("BOR", "51400"), ("gezin", "45F34"), ("groep", "85110"),
])
def test_words_and_synonyms(watched, word, expected):
    results = finder(watched, word)
    expect(results.first).to_be_visible()
    assert any(t.startswith(expected) for t in titles(results)), titles(results)


def test_diacritics_are_ignored(watched):
    # a word few products print ('cliënt' is on most pages: it finds by name only, which no name has)
    with_marks = titles(finder(watched, "geïndiceerde"))
    without = titles(finder(watched, "geindiceerde"))
    assert with_marks and with_marks == without


def test_compound_part_finds_compound(watched):
    # "begeleiding" also finds products whose name only has it inside a compound (groepsbegeleiding).
    results = titles(finder(watched, "begeleiding", "&regio=haaglanden"))
    assert any("Groepsbegeleiding" in t for t in results)


def test_filters_combine_and_count(watched):
    # units as the source states them (issue 17: no unit is invented for cells that print none)
    results = finder(watched, "pleegzorg", "&regio=zuid-limburg&eenheid=etmaal")
    expect(results.first).to_be_visible()
    region = watched.page.locator("#pb-filter-regio option:checked")
    expect(region).to_contain_text("Zuid-Limburg (")
    count = int(region.inner_text().split("(")[1].rstrip(")"))
    assert count >= results.count() > 0
    assert all(t[:3] in {"351", "352"} for t in titles(results))


def test_municipality_filter(watched):
    results = titles(finder(watched, "", "&gemeente=Lelystad"))
    assert any(t.startswith("45F34") for t in results)
    assert not any(t.startswith("45F21") for t in results)  # Almere, Dronten, Noordoostpolder, Urk only


def test_url_round_trip_and_back_button(watched):
    finder(watched, "pleegzorg")
    watched.page.select_option("#pb-filter-status", "niet vermeld in de bron")  # the appendix states no status
    expect(watched.page).to_have_url(watched.base + "zoeken/?zoek=pleegzorg&status=niet+vermeld+in+de+bron")
    watched.page.go_back()
    expect(watched.page).to_have_url(watched.base + "zoeken/?zoek=pleegzorg")
    expect(watched.page.locator("#pb-filter-status")).to_have_value("")


def test_status_is_announced_and_results_keyboard_reachable(watched):
    finder(watched, "45F3")
    status = watched.page.locator("[data-pb-finder-status]")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_contain_text("producten gevonden")
    watched.page.locator("#pb-q").focus()
    watched.page.keyboard.press("ArrowDown")
    focused = watched.page.evaluate("document.activeElement.textContent")
    assert focused.startswith("45F3")
    watched.page.keyboard.press("Enter")
    expect(watched.page).to_have_url(watched.base + "flevoland/45f31/")


def test_empty_state_suggests_removing_filter_and_near_codes(watched):
    finder(watched, "45F99", "&regio=zuid-limburg")
    empty = watched.page.locator("[data-pb-finder-empty]")
    expect(empty).to_contain_text("Probeer een filter weg te halen")
    expect(empty).to_contain_text("45F11")
    empty.get_by_role("button", name="Zonder filter regio: Zuid-Limburg").click()
    expect(watched.page).to_have_url(watched.base + "zoeken/?zoek=45F99")


def test_finder_works_after_instant_navigation(watched):
    watched.goto("flevoland/")
    watched.page.locator(".md-sidebar--primary a", has_text="Zoeken").first.click()
    expect(watched.page).to_have_url(watched.base + "zoeken/")
    watched.page.locator("#pb-q").fill("84410")
    expect(watched.page.locator("[data-pb-finder-results] li h3").first).to_contain_text("84410")


def test_without_javascript_every_product_is_listed(browser, site_url):
    """A link to every product, named by its code and name, per region (a list, not the region pages' tables:
    issue 29 §4), so the browser's own find reaches a product by either."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "zoeken/")
    cat = load_catalogue(ROOT / "data")
    links = page.locator("[data-pb-finder-static] ul.pb-finder__all a").evaluate_all(
        "links => links.map(a => [a.getAttribute('href'), a.textContent])")
    assert sorted(map(tuple, links)) == sorted((f"../{p.url}", f"{p.code} {p.naam}" if p.code else p.naam)
                                               for p in cat.producten.values())
    for r in cat.regios.values():
        if cat.products_of(r.id):
            expect(page.locator(f"#alle-{r.id}")).to_have_text(r.naam)
    assert page.locator("[data-pb-finder-static] table").count() == 0
    context.close()


def test_home_search_lands_on_announced_results(watched):
    """The home page's box opens the finder with the results announced (a polite status sentence) and
    focus on their heading, so the first result is one Tab away, not two dozen."""
    page = watched.page
    watched.goto("")
    page.locator("#pb-home-q").fill("logeren")
    page.locator("#pb-home-q").press("Enter")
    expect(page).to_have_url(watched.base + "zoeken/?zoek=logeren")
    expect(page.locator("[data-pb-finder-results] li").first).to_contain_text("62100")
    status = page.locator("[data-pb-finder-status]")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_text("1 product gevonden voor \u201clogeren\u201d.")
    expect(page.locator("[data-pb-finder-heading]")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('[data-pb-finder-results]') !== null")
    assert page.evaluate("document.activeElement.textContent").startswith("62100")
    assert watched.console_errors == []


@pytest.mark.parametrize("query", ["45F34", "pleegzorg", "Lelystad"])
def test_q_works_like_zoek(watched, query):
    watched.goto("zoeken/?zoek=" + query)
    watched.page.wait_for_function("q => document.querySelector('[data-pb-finder]').getAttribute('data-pb-shown') === q", arg=query)
    expected = titles(watched.page.locator("[data-pb-finder-results] li"))
    watched.goto("zoeken/?q=" + query)
    watched.page.wait_for_function("q => document.querySelector('[data-pb-finder]').getAttribute('data-pb-shown') === q", arg=query)
    assert titles(watched.page.locator("[data-pb-finder-results] li")) == expected and expected
    expect(watched.page.locator("#pb-q")).to_have_value(query)
    expect(watched.page).to_have_url(watched.base + "zoeken/?zoek=" + query)  # one address per search


def test_without_javascript_the_finder_says_so_and_links_the_regions(browser, site_url):
    cat = load_catalogue(ROOT / "data")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "zoeken/?zoek=logeren")
    note = page.locator(".pb-finder__noscript")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Zoeken werkt alleen met JavaScript")
    for r in cat.regios.values():
        if not (n := len(cat.products_of(r.id))):
            continue  # a region without products has no list to link
        link = page.get_by_role("link", name=r.naam, exact=True).first
        expect(link).to_have_attribute("href", f"../{r.url}")
        expect(page.locator("[data-pb-finder-static] li", has=page.get_by_role("link", name=r.naam, exact=True))).to_contain_text(
            f"({n} {'product' if n == 1 else 'producten'})")
    context.close()


def test_more_button_only_when_there_is_more(watched):
    """"Toon meer resultaten" shows exactly when more results wait than are on screen (the theme's
    .md-button once overrode `hidden` and showed "(nog 0)" under every short list)."""
    page = watched.page
    more = page.locator("[data-pb-finder-more]")
    for query in ("logeren", "45F", "begeleiding", ""):
        results = finder(watched, query)
        shown = page.evaluate("document.querySelector('[data-pb-finder]').pbFinder.shown.length")
        on_screen = results.locator("xpath=self::li[not(contains(@class, 'pb-result--gemeente'))]").count()
        if shown > on_screen:
            expect(more).to_be_visible()
            expect(more).to_have_text(f"Toon meer resultaten (nog {shown - on_screen})")
            more.click()
        expect(more).to_be_hidden()


def test_counts_never_contradict_a_municipality_card(watched):
    """For every municipality of the data, alone and with a filter on each region: when the list shows a
    municipality card that says products apply there, the status never says that nothing was found,
    and the products it counts are the ones listed."""
    cat = load_catalogue(ROOT / "data")
    finder(watched, "45F34")
    wrong = watched.page.evaluate("""async ([names, regios]) => {
        const f = document.querySelector('[data-pb-finder]').pbFinder, bad = [];
        for (const q of names) for (const regio of ['', ...regios]) {
          await f.run({q, regio, gemeente: '', type: '', eenheid: '', status: ''}, true);
          const status = document.querySelector('[data-pb-finder-status]').textContent;
          const cards = [...document.querySelectorAll('[data-pb-finder-results] li.pb-result--gemeente')].map(e => e.textContent);
          const products = f.shown.length;
          if (cards.some(c => /gelden hier|geldt hier/.test(c)) && status.startsWith('Geen producten gevonden')) bad.push([q, regio, status]);
          const said = products === 1 ? '1 product ' : products + ' producten ';
          if (products && !(cards.length ? status.includes(' en ' + said) : status.startsWith(said))) bad.push([q, regio, status]);
        }
        return bad; }""", [[g.naam for g in cat.municipalities], list(cat.regios)])
    assert wrong == []


def test_header_search_ranks_every_code_first(watched):
    """The header search: each code in the data, typed in lower case, has its product first."""
    cat = load_catalogue(ROOT / "data")
    watched.goto("")
    box = open_header_search(watched.page)
    box.press_sequentially("ggz")
    expect(watched.page.locator(".md-search-result__meta")).to_contain_text("producten voor", timeout=15_000)
    for p in sorted(cat.producten.values(), key=lambda p: p.ref):
        if not p.code:
            continue
        box.fill("")
        box.press_sequentially(p.code.lower())
        first = watched.page.locator(".md-search-result__item").first
        expect(first.locator(".pb-kopzoek-titel")).to_contain_text(p.code)


# Requests that belong to a search: its data, its code, or a theme's search index.
SEARCH_FILES = ("zoeken/producten.json", "zoeken/woorden", "zoeken/manifest.json", "zoeken/codes/",
                "assets/search_", "search/search_index")


def test_no_page_fetches_a_search_index_until_a_box_is_used(watched):
    """Every page type (macros/cli/pagetypes.py) loads without fetching any search data or search code;
    using a search box (the header's on every page, the finder's on /zoeken/) then fetches it: focusing
    the header's fetches only the small manifest and the search's scripts, the first query the index."""
    from macros.cli.pagetypes import PAGE_TYPES

    page = watched.page
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url.removeprefix(watched.base)))
    for name, path in PAGE_TYPES.items():
        fetched.clear()
        watched.goto(path)
        settle(page)
        assert [u for u in fetched if u.startswith(SEARCH_FILES)] == [], name
        if name == "zoeken":
            with page.expect_response(lambda r: "/zoeken/woorden" in r.url):
                page.locator("#pb-q").focus()
        else:
            with page.expect_response(lambda r: "/zoeken/manifest.json" in r.url):
                box = open_header_search(page)
            page.wait_for_timeout(100)
            early = [u for u in fetched if u.startswith(SEARCH_FILES)]
            # focus alone: the manifest and the search's scripts (preloaded at once), no index
            assert set(early) <= {"zoeken/manifest.json", "assets/search_data.js", "assets/search_language.js",
                                  "assets/search_engine.js", "assets/search_filters.js", "assets/search_order.js"}, (name, early)
            with page.expect_response(lambda r: "/zoeken/woorden" in r.url):
                box.press_sequentially("zorg")
        # everything in (nothing of it may still be on its way when the next page opens)
        page.wait_for_function("() => document.querySelector('[data-pb-finder][data-pb-shown], [data-pb-kopzoeken][data-pb-kopzoeken-ready]')")
        used = [u for u in fetched if u.startswith(SEARCH_FILES)]
        assert any(u.startswith("zoeken/woorden") for u in used) and "assets/search_engine.js" in used, (name, used)
        assert not any(u.startswith("search/") for u in used), name  # the theme's index is gone
    assert watched.console_errors == [] and watched.foreign == []


def test_header_search_results_in_the_accessibility_tree(watched):
    """Chromium's accessibility tree of the open header search: every result is a link with a name, the
    panel adds no headings and no unnamed landmarks, and the count is a polite status sentence."""
    page = watched.page
    watched.goto("flevoland/")
    cdp = page.context.new_cdp_session(page)

    def tree():
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
        return [(n.get("role", {}).get("value"), (n.get("name") or {}).get("value", "")) for n in nodes if not n.get("ignored")]

    before = tree()
    box = open_header_search(page)
    box.press_sequentially("begeleiding")
    page.wait_for_function("() => document.querySelector('[data-pb-kopzoeken]').getAttribute('data-pb-kopzoeken-shown') === 'begeleiding'")
    after = tree()
    assert sum(r == "heading" for r, _ in after) == sum(r == "heading" for r, _ in before)
    unnamed = lambda t: sum(r == "navigation" and not n for r, n in t)  # noqa: E731
    assert unnamed(after) == unnamed(before) == 0
    snapshot = page.locator("[data-pb-kopzoeken] .md-search__output").aria_snapshot()
    links = [line for line in snapshot.splitlines() if line.strip().startswith("- link")]
    assert len(links) >= 10 and all(line.strip().startswith('- link "') for line in links), snapshot
    assert "heading" not in snapshot
    status = page.locator("[data-pb-kopzoeken-status]")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_text(re.compile(r"^\d+ producten voor \u201cbegeleiding\u201d; de eerste 20 staan hieronder\.$"))
    # keyboard: down into the results, up back to the box, Escape closes
    box.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    page.keyboard.press("ArrowUp")
    expect(box).to_be_focused()
    page.keyboard.press("Escape")
    assert page.evaluate("document.getElementById('__search').checked") is False
    page.keyboard.press("/")  # the theme's shortcut to the box
    expect(box).to_be_focused()
    assert page.evaluate("document.getElementById('__search').checked") is True
    assert watched.console_errors == []


def test_synonyms_file_is_validated(tmp_path, data_copy):
    from macros.catalogue.errors import DataErrors

    path = data_copy / "synoniemen.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("zuid-limburg/62100]", "zuid-limburg/62199]", 1), encoding="utf-8")
    with pytest.raises(DataErrors) as exc:
        load_catalogue(data_copy)
    (error,) = exc.value.errors
    line = next(i for i, r in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "62199" in r)
    assert error.file.endswith("data/synoniemen.yaml") and "62199" in error.problem and error.line == line
