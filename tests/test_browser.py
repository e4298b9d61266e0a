"""Real headless Chromium against the built site: pages load cleanly, facts show, search finds codes."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import open_header_search


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
    expect(facts.locator('[data-veld="gemeenten"] dd')).to_have_text("Almere, Dronten, Lelystad, Noordoostpolder, Urk")
    expect(watched.page.locator("h1")).to_contain_text("45F34")
    expect(watched.page.locator("#bron ~ ul.pb-bronnen")).to_contain_text("002_b4979bd38850de40.txt")


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
