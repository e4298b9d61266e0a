"""Usable in a hurry: ways into the site, decision trees on a phone, tables that keep their labels,
the theme fixes the accessibility engines asked for. Browser tests on the real built site."""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import expect

from conftest import ROOT

PHONE = {"width": 375, "height": 812}


@pytest.fixture()
def phone(browser, site_url):
    from conftest import PageWatch

    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield PageWatch(context.new_page(), site_url)
    context.close()


# --- ways in --------------------------------------------------------------------------------------


def test_home_page_leads_to_every_tool(watched):
    watched.goto("")
    tools = watched.page.locator(".pb-tools a")
    paths = {tools.nth(i).evaluate("a => new URL(a.href).pathname") for i in range(tools.count())}
    assert {"/zoeken/", "/beslisbomen/", "/vergelijken/", "/gemeenten/", "/open-data/", "/wijzigingen/"} <= paths
    for path in paths:  # each one leads to a page with a heading
        watched.goto(path)
        expect(watched.page.locator("article h1")).to_have_count(1)
    assert watched.console_errors == []


def test_region_page_links_its_trees(watched):
    watched.goto("zuid-limburg/")
    links = watched.page.locator('.pb-actions a[href*="beslisbomen/"]')
    assert links.count() >= 2
    links.first.click()
    expect(watched.page.locator("[data-pb-stepper]")).to_be_visible()


def test_tree_question_at_the_top_of_a_phone_screen(phone):
    page = phone.page
    phone.goto("beslisbomen/zl-begeleiding-individueel/")
    title = page.locator(".pb-stepper__title")
    expect(title).to_contain_text("Vraag 1")
    assert title.bounding_box()["y"] < PHONE["height"] / 2  # the first question is on the first screen
    for answer in (3, 2):  # answer twice; each new question is scrolled to the top, below the header
        page.locator(".pb-answer-button").nth(answer).click()
        expect(title).to_be_focused()
        page.wait_for_timeout(200)
        y = title.bounding_box()["y"]
        header = page.locator(".md-header").bounding_box()["height"]
        assert header - 1 <= y <= header + 40, y
    assert phone.console_errors == []


@pytest.mark.parametrize("path, fits", [("3-7", 1), ("9", 0), ("1-x", 0), ("3-2-0-0-0-0-0-0", None)])
def test_bad_path_in_the_url_says_so_and_offers_to_start_over(watched, path, fits):
    page = watched.page
    watched.goto(f"beslisbomen/zl-begeleiding-individueel/?pad={path}")
    problem = page.locator("[data-pb-problem]")
    expect(problem).to_be_visible()
    expect(problem).to_have_attribute("role", "alert")
    expect(problem).to_contain_text(f"pad={path}")
    steps = page.locator("[data-pb-path] li")
    if fits is not None:
        expect(steps).to_have_count(fits)
    assert "pad=" + path not in page.url  # the address keeps only the part that fits
    problem.get_by_role("button", name="Opnieuw beginnen").click()
    expect(page.locator(".pb-stepper__title")).to_contain_text("Vraag 1")
    expect(problem).to_be_hidden()
    assert "pad=" not in page.url


def test_good_path_shows_no_problem(watched):
    watched.goto("beslisbomen/zl-begeleiding-individueel/?pad=3-2")
    expect(watched.page.locator("[data-pb-path] li")).to_have_count(2)
    expect(watched.page.locator("[data-pb-problem]")).to_be_hidden()


def test_trees_say_je(built_site):
    for page in (built_site / "beslisbomen").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "bij uw antwoord" not in text and "Uw antwoorden" not in text
    script = (ROOT / "overrides/assets/decision_tree.js").read_text(encoding="utf-8")
    assert "Je antwoorden tot nu toe" in script and "Uw " not in script


def test_tree_diagram_keeps_its_size_and_full_text(phone, built_site):
    """On a phone the overview scrolls instead of shrinking to unreadable text; every question and
    outcome is written out in full; an abbreviated answer carries its full text."""
    from macros.catalogue.loader import load_catalogue

    cat = load_catalogue(ROOT / "data")
    page = phone.page
    for tree in cat.beslisbomen.values():
        phone.goto(f"beslisbomen/{tree.id}/")
        svg = page.locator(".pb-diagram svg")
        natural = float(svg.get_attribute("width"))
        assert svg.bounding_box()["width"] == pytest.approx(natural, abs=1)
        texts = "".join("".join(page.locator(".pb-diagram svg .pb-diagram__text").all_text_contents()).split())
        for node in [v.vraag for v in tree.vragen] + [u.titel for u in tree.uitkomsten]:
            assert "".join(node.split()) in texts, node  # each box's lines together: the whole text
        labels = page.locator(".pb-diagram svg .pb-diagram__label")
        shown = [labels.nth(i).evaluate("e => [e.querySelector('title')?.textContent, "
                                        "[...e.querySelectorAll('tspan')].map(t => t.textContent).join(' ')]")
                 for i in range(labels.count())]
        answers = sorted(a.label for v in tree.vragen for a in v.antwoorden)
        assert sorted(title or text for title, text in shown) == answers
        assert all(text.endswith("…") for title, text in shown if title)
        region = page.locator(".pb-diagram")
        assert region.get_attribute("tabindex") == "0"  # a keyboard user can scroll it


def test_municipality_page_says_geldt_for_one_product(built_site):
    texts = [p.read_text(encoding="utf-8") for p in (built_site / "gemeenten").rglob("index.html")]
    assert not any("gelden <strong>1</strong>" in t for t in texts)


def test_header_search_submit_opens_the_finder(watched):
    from conftest import open_header_search

    page = watched.page
    watched.goto("flevoland/")
    open_header_search(page).press_sequentially("logeren")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    page.get_by_role("button", name="Alle resultaten in de productzoeker").click()
    expect(page).to_have_url(watched.base + "zoeken/?zoek=logeren")
    expect(page.locator("#pb-q")).to_have_value("logeren")
    expect(page.locator("[data-pb-finder-results] li").first).to_be_visible()
    assert watched.console_errors == []


# --- headings -------------------------------------------------------------------------------------


def test_headings_never_skip_a_level(built_site):
    """In every page's content, a heading is at most one level below the one before it (h2 → h3, not
    h2 → h5): the outline screen-reader users navigate by (Lighthouse heading-order)."""
    import re

    skips = {}
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        article = html.split('<article class="md-content__inner md-typeset">', 1)[-1].split("</article>", 1)[0]
        levels = [int(n) for n in re.findall(r"<h([1-6])[\s>]", article)]
        bad = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
        if bad or (levels and levels[0] != 1):
            skips[page.relative_to(built_site).as_posix()] = bad or levels[:1]
    assert skips == {}


# --- print ----------------------------------------------------------------------------------------


def _printed(browser, url: str) -> list[str]:
    """The text of each page of a page printed by Chromium to A4 PDF."""
    import io

    from pypdf import PdfReader

    page = browser.new_page()
    try:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        pdf = page.pdf(prefer_css_page_size=True)
    finally:
        page.close()
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("ref", ["zuid-limburg/61110", "flevoland/45f21"])
def test_every_printed_page_names_the_product_and_its_number(browser, site_url, ref):
    from macros.catalogue.loader import load_catalogue

    cat = load_catalogue(ROOT / "data")
    p = cat.product(ref)
    pages = _printed(browser, site_url + ref + "/")
    if ref == "zuid-limburg/61110":
        assert len(pages) >= 3  # a long product: the running head must repeat
    head = " ".join(f"{p.code} · {p.naam} · {cat.regios[p.regio].naam}".split())
    for i, text in enumerate(pages, start=1):
        assert head in text, (ref, i)
        assert f"Pagina {i} van {len(pages)}" in text, (ref, i)
    first = pages[0]
    doc = next(b for b in cat.regios[p.regio].bronnen if b.document == p.bron.document)
    assert " ".join(f"Bron: {doc.titel}, {p.bron.sectie}".split()) in first
    assert f"Adres: /{ref}/" in first  # no SITE_URL in this build: the path from the site root
    import re

    assert re.search(r"Gegevens van \d{4}-\d{2}-\d{2}", first)  # the product's last change, else the data's date


# --- light pages ----------------------------------------------------------------------------------

SCRIPTS = {"data-pb-finder": "assets/finder.js", "data-pb-picker": "assets/compare.js", "data-pb-tree": "assets/decision_tree.js"}


def test_each_page_loads_only_the_scripts_it_uses(built_site):
    import re

    using = dict.fromkeys(SCRIPTS.values(), 0)
    for page in built_site.rglob("*.html"):
        if page == built_site / "beheer" / "index.html":
            continue  # not a theme page: the CMS loads Decap CMS and its own scripts (tests/test_cms.py)
        html = page.read_text(encoding="utf-8")
        loaded = {src.rsplit("/", 2)[-2] + "/" + src.rsplit("/", 1)[-1]
                  for src in re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', html) if "/javascripts/" not in src}
        # on every page: the header search, the menu's buttons, the theme's table boxes, the instant navigation's page list
        loaded -= {"assets/header_search.js", "assets/nav_toggles.js", "assets/table_regions.js", "assets/instant_sitemap.js"}
        wanted = {script for marker, script in SCRIPTS.items() if marker + " " in html or marker + ">" in html}
        if {"assets/decision_tree.js", "assets/compare.js"} & wanted:
            loaded.discard("assets/state_pending.js")  # their head script (keeps the space of what they draw until drawn)
        assert loaded == wanted, page
        for s in wanted:
            using[s] += 1
    assert all(using.values()), using  # each script is still used somewhere


def test_no_theme_search_index_is_built_or_asked_for(built_site):
    """One engine site-wide (issue 27): no search/search_index.json in the site, and no page has a form
    named "search", whose presence makes Material's bundle fetch that index on every page."""
    assert not (built_site / "search").exists()
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert 'name="search"' not in html and "lunr" not in html, page


@pytest.fixture(scope="module")
def instant_site(preview_site):
    """The site built for the address it is served at (conftest.py, preview_site): the theme's instant
    navigation only works between pages its sitemap lists under the same origin (as on the published site)."""
    return preview_site[1]


def test_scripts_start_after_instant_navigation_and_only_once(browser, instant_site):
    """A page reached by the theme's instant navigation loads its script then; coming back to it does
    not start a second copy (one subscription, one set of handlers). The theme's list of such pages is
    assets/instant.xml (assets/instant_sitemap.js), not the whole sitemap."""
    page = browser.new_page()
    errors, asked = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: asked.append(r.url))
    try:
        page.goto(instant_site + "flevoland/")
        page.evaluate("window.pbSamePage = true")
        page.locator(".md-sidebar--primary a", has_text="Beslisbomen").first.click()
        page.locator("article a[href*='zl-begeleiding-individueel']").first.click()
        expect(page.locator(".pb-stepper__title")).to_contain_text("Vraag 1")
        assert page.evaluate("window.pbSamePage") is True  # instant navigation: no page load
        page.locator(".md-sidebar--primary a", has_text="Zoeken").first.click()
        page.locator("#pb-q").fill("84410")
        expect(page.locator("[data-pb-finder-results] li h3").first).to_contain_text("84410")
        page.go_back()
        expect(page.locator(".pb-stepper__title")).to_contain_text("Vraag 1")
        page.locator(".pb-answer-button").nth(3).click()
        expect(page.locator("[data-pb-path] li")).to_have_count(1)  # one handler: one step, not two
        page.locator(".pb-answer-button").first.click()
        expect(page.locator("[data-pb-path] li")).to_have_count(2)
        assert page.evaluate("window.pbSamePage") is True and errors == []
        # the theme reads the short list of pages it opens in place, never the whole sitemap (issue 32)
        assert instant_site + "assets/instant.xml" in asked
        assert not [u for u in asked if u.endswith("sitemap.xml")], asked
    finally:
        page.close()


# --- theme markup fixes ---------------------------------------------------------------------------


def test_theme_fixes_fail_loudly_and_fix_only_what_they_name():
    from mkdocs.exceptions import PluginError

    from macros.theme import HEADER_BUTTONS, SCROLLWRAP, TOC_TOGGLE, TOC_TOGGLE_HIDDEN, TOGGLES, fix_theme_markup

    page = "".join(old for old, _ in TOGGLES + HEADER_BUTTONS) + SCROLLWRAP[0]
    fixed_page = fix_theme_markup(page, "p")
    assert "autocomplete" not in fixed_page
    assert fixed_page.count('tabindex="0"') == len(HEADER_BUTTONS)  # the header's menu and search buttons reachable
    with pytest.raises(PluginError, match="thema-opmaak is veranderd"):
        fix_theme_markup("".join(old for old, _ in TOGGLES) + SCROLLWRAP[0], "p")  # header buttons not as expected
    with pytest.raises(PluginError, match="scrollwrap"):
        fix_theme_markup("".join(old for old, _ in TOGGLES + HEADER_BUTTONS), "p")  # an unknown results box
    assert 'tabindex="0" data-md-scrollfix' not in fixed_page  # the 0 px high results box is no tab stop
    section = ('<input class="md-nav__toggle md-toggle md-toggle--indeterminate" type="checkbox" id="__nav_3" >'
               '<label class="md-nav__link" for="__nav_3" id="__nav_3_label" tabindex="0">Regio\'s</label>')
    button = fix_theme_markup(page + section, "p")
    assert '<button type="button" class="md-nav__link pb-nav-toggle" id="__nav_3_label" aria-expanded="false"' in button
    assert 'for="__nav_3"' not in button
    with pytest.raises(PluginError, match="thema-opmaak is veranderd"):
        fix_theme_markup(TOGGLES[0][0], "p")  # the search toggle is not written as expected
    # an unlabelled #__toc goes; a labelled one stays with its label
    assert TOC_TOGGLE not in fix_theme_markup(page + TOC_TOGGLE, "p")
    labelled = page + TOC_TOGGLE + '<label class="md-nav__link" for="__toc">x</label>'
    assert TOC_TOGGLE_HIDDEN in fix_theme_markup(labelled, "p")  # rendered unseen, out of the tab order
    # a contents title that labels a missing toggle becomes a plain title
    title = '<label class="md-nav__title" for="__toc"><span></span>Inhoudsopgave</label>'
    fixed = fix_theme_markup(page + title, "p")
    assert 'for="__toc"' not in fixed and '<div class="md-nav__title"><span></span>Inhoudsopgave</div>' in fixed
    assert title in fix_theme_markup(page + TOC_TOGGLE + title, "p")
    # one label per toggle: the menu's overlay and title are no labels
    drawer = ('<label class="md-overlay" for="__drawer"></label>'
              '<label class="md-nav__title" for="__drawer"><a href="..">logo</a> Site</label>'
              '<label class="md-nav__title" for="__nav_3"><span class="md-nav__icon md-icon"></span> Regio\'s </label>')
    fixed = fix_theme_markup(page.replace('<label class="md-overlay" for="__drawer"></label>', "") + drawer, "p")
    assert fixed.count('for="__drawer"') == 1  # the header's menu button alone
    assert '<div class="md-overlay" data-pb-toggle="__drawer" aria-hidden="true"></div>' in fixed
    assert '<div class="md-nav__title pb-drawer-title"><a href="..">logo</a> Site</div>' in fixed


def test_not_found_page_is_dutch_and_offers_a_way_on(built_site):
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert "Pagina niet gevonden" in html and "Not found" not in html
    assert 'action="/zoeken/"' in html and 'href="/beslisbomen/"' in html
