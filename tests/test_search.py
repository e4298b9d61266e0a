"""The product finder and the header search, in Chromium against the real data."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from conftest import ROOT, open_header_search
from macros.catalogue.loader import load_catalogue


def finder(watched, query: str = "", extra: str = ""):
    watched.goto(f"zoeken/?zoek={query}{extra}" if query or extra else "zoeken/")
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
    regio = watched.page.locator("#pb-filter-regio option:checked")
    expect(regio).to_contain_text("Zuid-Limburg (")
    count = int(regio.inner_text().split("(")[1].rstrip(")"))
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
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "zoeken/")
    cat = load_catalogue(ROOT / "data")
    links = page.locator("[data-pb-finder-static] table a")
    assert links.count() == len(cat.producten)
    context.close()


def test_home_search_goes_to_the_finder(watched):
    watched.goto("")
    watched.page.locator("#pb-home-q").fill("logeren")
    watched.page.locator("#pb-home-q").press("Enter")
    expect(watched.page).to_have_url(watched.base + "zoeken/?zoek=logeren")
    expect(watched.page.locator("[data-pb-finder-results] li").first).to_contain_text("62100")


def test_header_search_ranks_every_code_first(watched):
    """Material's search box: each code in the data, typed in lower case, has its product first."""
    cat = load_catalogue(ROOT / "data")
    watched.goto("")
    box = open_header_search(watched.page)
    box.press_sequentially("ggz")
    expect(watched.page.locator(".md-search-result__meta")).to_contain_text("overeenkomend", timeout=15_000)
    for p in sorted(cat.producten.values(), key=lambda p: p.ref):
        if not p.code:
            continue
        box.fill("")
        box.press_sequentially(p.code.lower())
        first = watched.page.locator(".md-search-result__item").first
        expect(first.locator("h1, h2").first).to_contain_text(p.code)


def test_synonyms_file_is_validated(tmp_path, data_copy):
    from macros.catalogue.errors import DataErrors

    path = data_copy / "synoniemen.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("zuid-limburg/62100]", "zuid-limburg/62199]", 1), encoding="utf-8")
    with pytest.raises(DataErrors) as exc:
        load_catalogue(data_copy)
    (fout,) = exc.value.errors
    regel = next(i for i, r in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "62199" in r)
    assert fout.bestand.endswith("data/synoniemen.yaml") and "62199" in fout.probleem and fout.regel == regel
