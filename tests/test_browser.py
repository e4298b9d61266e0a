"""Real headless Chromium against the built site: pages load cleanly, facts show, search finds codes."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import PageWatch, open_header_search


@pytest.mark.parametrize("path", ["", "flevoland/", "flevoland/45f34/", "zuid-limburg/", "zuid-limburg/84410/",
                                  "haaglanden/", "foodvalley/", "gemeenten/lelystad/", "datakwaliteit/"])
def test_page_loads_without_console_errors_or_foreign_requests(watched, path):
    response = watched.goto(path)
    assert response.status == 200
    watched.page.wait_for_load_state("networkidle")
    assert watched.console_errors == []
    assert watched.foreign == []


def test_45f34_shows_duration_and_municipalities(watched):
    watched.goto("flevoland/45f34/")
    facts = watched.page.locator(".pb-facts")
    expect(facts.locator('[data-veld="duur"] dd')).to_contain_text("9 maanden")
    municipalities = facts.locator('[data-veld="gemeenten"] dd')
    expect(municipalities).to_contain_text("Almere, Dronten, Lelystad, Noordoostpolder, Urk (bron: “Almere, Dronten, Lelystad, Noordoostpolder en Urk”)")
    anchor = "3-multidisciplinaire-specialistische-jeugdhulp-behandeling-gezin-intensief"
    quote = municipalities.locator("a[href*='bronnen/']")
    expect(quote).to_have_attribute("href", re.compile(rf"bronnen/002_b4979bd38850de40/#{anchor}$"))
    expect(watched.page.locator("h1")).to_contain_text("45F34")
    expect(watched.page.locator("#bron ~ ul.pb-bronnen")).to_contain_text("002_b4979bd38850de40.txt")
    quote.click()  # the quote leads to the passage it is from
    expect(watched.page).to_have_url(re.compile(rf"/bronnen/002_b4979bd38850de40/#{anchor}$"))
    expect(watched.page.locator(f"[id='{anchor}']")).to_be_in_viewport()
    expect(watched.page.locator(f"[id='{anchor}'] ~ p").nth(1)).to_be_visible()


def test_flevoland_region_lists_every_product(watched):
    watched.goto("flevoland/")
    for code in ["45F11", "45F21", "45F22", "45F23", "45F31", "45F32", "45F33", "45F34"]:
        link = watched.page.locator("table.pb-table tr", has_text=code).locator("a")
        expect(link).to_have_count(1)
    watched.page.locator("table.pb-table tr", has_text="45F21").locator("a").click()
    expect(watched.page).to_have_url(watched.base + "flevoland/45f21/")


def test_blank_tariff_is_visible(watched):
    watched.goto("zuid-limburg/84110/")
    expect(watched.page.locator('.pb-facts [data-veld="tarief"]')).to_contain_text("niet gepubliceerd in de bron")


def test_header_search_finds_a_code(watched):
    watched.goto("")
    box = open_header_search(watched.page)
    box.press_sequentially("45F21")
    first = watched.page.locator(".md-search-result__item").first
    expect(first).to_contain_text("45F21", timeout=10_000)
    assert watched.foreign == []


def test_product_page_skip_link_and_contents_by_keyboard(browser, site_url):
    """On a phone: Tab reaches the skip link first, Enter jumps to the content, and the contents list
    takes you to Functiemix without a pointer."""
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(site_url + "flevoland/45f34/")
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("Ga naar inhoud")
    page.keyboard.press("Enter")
    assert page.url.endswith("#inhoud")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Functiemix":
            break
    expect(page.locator(".pb-contents a", has_text="Functiemix")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#functiemix$"))  # the theme's instant navigation sets it, a moment later
    expect(page.locator("h2#functiemix")).to_be_in_viewport()
    context.close()


def test_no_csp_violation_on_any_page(engine_sweep, browser, site_url):
    """The content-security policy is enforced and allows everything the site's own scripts do: every
    page of the sitemap, and the interactive states of search, finder, picker and decision tree."""

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch = PageWatch(context.new_page(), site_url)
    violations = {}
    interactive = ["zoeken/?zoek=begeleiding", "zoeken/?zoek=45F", "vergelijken/?p=flevoland/45f21,zuid-limburg/84110",
                   "beslisbomen/zl-begeleiding-individueel/?pad=", "flevoland/45f34/#functiemix"]
    for path in [*engine_sweep["paths"], *interactive]:
        watch.goto(path)
        watch.page.wait_for_load_state("networkidle" if path in interactive else "load")
        if found := watch.csp_violations:
            violations[path] = found
    watch.goto("")
    open_header_search(watch.page).press_sequentially("begeleiding")
    expect(watch.page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    violations.update({"header-search": v} if (v := watch.csp_violations) else {})
    assert 'http-equiv="Content-Security-Policy"' in watch.page.content()
    assert violations == {}
    assert watch.console_errors == []
    context.close()
