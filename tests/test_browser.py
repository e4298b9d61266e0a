"""Real headless Chromium against the built site: pages load cleanly, facts show, search finds codes."""

from __future__ import annotations

import re

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
    gemeenten = facts.locator('[data-veld="gemeenten"] dd')
    expect(gemeenten).to_contain_text("Almere, Dronten, Lelystad, Noordoostpolder, Urk (bron: “Almere, Dronten, Lelystad, Noordoostpolder en Urk”)")
    anker = "3-multidisciplinaire-specialistische-jeugdhulp-behandeling-gezin-intensief"
    expect(gemeenten.locator("a")).to_have_attribute("href", re.compile(rf"bronnen/002_b4979bd38850de40/#{anker}$"))
    expect(watched.page.locator("h1")).to_contain_text("45F34")
    expect(watched.page.locator("#bron ~ ul.pb-bronnen")).to_contain_text("002_b4979bd38850de40.txt")
    gemeenten.locator("a").click()  # the quote leads to the passage it is from
    expect(watched.page).to_have_url(re.compile(rf"/bronnen/002_b4979bd38850de40/#{anker}$"))
    expect(watched.page.locator(f"[id='{anker}']")).to_be_in_viewport()
    expect(watched.page.locator(f"[id='{anker}'] ~ p").nth(1)).to_be_visible()


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
