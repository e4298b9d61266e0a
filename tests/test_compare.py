"""Comparison, code tables, matrices and normenkader: components on their own and in the browser."""

from __future__ import annotations

import itertools
import re

import pytest
from playwright.sync_api import expect
from test_components import Tags

from conftest import ROOT
from macros.catalogue.loader import load_catalogue
from macros.components import compare as v
from macros.components import tables as t
from macros.text import slug


@pytest.fixture(scope="module")
def cat():
    return load_catalogue(ROOT / "data")


def test_comparison_values_show_blanks_and_units(cat):
    w = v.compare_values(cat, cat.product("flevoland/45f34"))
    assert w["duur"] == "9 maanden" and w["tarief"] == "niet gepubliceerd in de bron"
    assert w["gemeenten"].startswith("Almere, Dronten, Lelystad, Noordoostpolder, Urk [onduidelijk in de bron: ")
    assert v.compare_values(cat, cat.product("haaglanden/41c01"))["volume"].startswith("52 dagdelen [onduidelijk")
    # a guideline is not a maximum; a stated absence is not a blank; silence is said
    rgk = v.compare_values(cat, cat.product("haaglanden/54002"))
    assert rgk["duur"].startswith("12 maanden (richtinggevend kader; geen maximum: afgeleid door de redactie)") and rgk["gemeenten"] == "niet vermeld in de bron"
    assert v.compare_values(cat, cat.product("haaglanden/systeemproducten-dummycode"))["tarief"] == "geen, volgens de bron: “Code zonder tarief”"
    # an ambiguity of the source goes with the value it concerns, in every comparison
    assert "[onduidelijk in de bron: Bij Gemeenten staat in de bron" in v.compare_values(cat, cat.product("flevoland/45f21"))["gemeenten"]


def test_comparison_table_marks_differing_rows_in_text(cat):
    products = [cat.product("flevoland/45f21"), cat.product("zuid-limburg/84110")]
    html = Tags(v.comparison_table(cat, products, caption="Test"))
    assert len(html.all("caption")) == 1
    assert [a["href"] for a in html.all("a")] == ["flevoland/45f21/", "zuid-limburg/84110/"]
    rows = str(v.comparison_table(cat, products)).split("<tr")
    region = next(r for r in rows if ">Regio" in r)
    producttype = next(r for r in rows if ">Producttype" in r)
    assert "verschilt" in region and "pb-differs" in region
    assert "verschilt" not in producttype  # both begeleiding-individueel


def test_group_comparison_covers_every_group_with_variants(cat):
    html = str(v.group_comparisons(cat, "zuid-limburg"))
    for group in ["Begeleiding individueel", "Begeleiding groep", "Behandeling individueel", "Behandeling groep"]:
        assert f"{group}: alle varianten" in html


def test_type_comparison_across_regions(cat):
    html = str(v.type_comparisons(cat))
    block = html.split('id="begeleiding-individueel"')[1].split("<h2")[0]
    for ref in ["flevoland/45f21/", "zuid-limburg/84110/", "haaglanden/45c09/"]:
        assert ref in block


def test_code_table_editions_and_changes(cat):
    html = str(t.code_table(cat, "zuid-limburg"))
    tags = Tags(html)
    first, *editions = tags.all("th")[:3]
    assert (first["id"], first["rowspan"]) == ("ct-product", "2")  # the row labels: the product
    assert [e["scope"] for e in editions] == ["colgroup", "colgroup"]
    assert html.count("<tbody>") == 2  # the printed table and the was → wordt view
    rows = html.split("<tbody>")[1].split("</tbody>")[0].count("<tr>")
    assert rows == 44  # every printed row of Bijlage 1c
    assert html.count("Vervalt") >= 2 and "Wijziging 2019 → 2020" in html
    assert html.count("pb-change--ongewijzigd") == 44 * 2  # both views; 2019 and 2020 print the same rows


def test_code_table_cells_name_their_headers(cat):
    """Two header rows with rowspan: every cell lists its headers by id (WCAG H43), and each id exists."""
    html = str(t.code_table(cat, "zuid-limburg"))
    printed = Tags(html.split("</table>")[0])
    ids = {a["id"] for a in printed.all("th")}
    cells = printed.all("td")
    assert len(cells) >= 44 * 7
    for td in cells:
        row, *cols = td["headers"].split()
        assert row.startswith("ct-r") and row in ids and cols and set(cols) <= ids
    codes = [td for td in cells if td["headers"].endswith("-code")]
    assert {td["headers"].split()[1] for td in codes} == {"ct-2019", "ct-2020"}


def test_parts_cover_every_row_once():
    from macros.view.tables import parts

    assert parts(44) == [(0, 44)] and parts(0) == [(0, 0)]  # up to ONE_TABLE_MAX: one table
    for n in (51, 60, 149, 150, 151, 997):
        cuts = parts(n)
        assert cuts[0][0] == 0 and cuts[-1][1] == n and all(a[1] == b[0] for a, b in itertools.pairwise(cuts))
        sizes = [b - a for a, b in cuts]
        assert max(sizes) <= 20 and max(sizes) - min(sizes) <= 1 and len(cuts) == -(-n // 20), (n, sizes)


def test_a_long_code_table_comes_in_parts_each_naming_its_own_headers(cat, monkeypatch):
    """At national scale a region's code table has 150 rows (issue 32): it comes in parts of at most 20 rows, each
    a table of its own (so a part below the screen costs nothing until seen), every row once, in the source's order;
    each part's cells name headers of their own table (ids unique on the page), and the was → wordt view alike."""
    table = cat.codetabellen["zuid-limburg"]
    entries = [r.model_copy(update={"product": f"{r.product}-{k}"}) for k in range(3) for r in table.regels]
    monkeypatch.setitem(cat.codetabellen, "zuid-limburg", table.model_copy(update={"regels": entries}))
    html = str(t.code_table(cat, "zuid-limburg"))
    n = len(entries)  # 132: seven parts of 18 or 19
    tables = html.split("<table")[1:]
    printed = [x for x in tables if "pb-codetable" in x.split(">")[0]]
    assert len(printed) == 7 and "De tabel staat in 7 delen van hoogstens 19 rijen" in html
    ids = [a["id"] for a in Tags(html).all("th") + Tags(html).all("caption") if "id" in a]
    assert len(ids) == len(set(ids))
    rows = []
    for k, part in enumerate(printed, 1):
        tags = Tags(part.split("</table>")[0])
        own = {a["id"] for a in tags.all("th")}
        assert f"ct{k}-product" in own
        for td in tags.all("td"):
            row, *cols = td["headers"].split()
            assert row in own and cols and set(cols) <= own
        rows += [a["id"] for a in tags.all("th") if a.get("scope") == "row"]
        caption = part.split("<caption", 1)[1].split("</caption>")[0]
        assert caption.endswith(f"van {n}") and ", rijen " in caption
    assert rows == [f"ct-r{i}" for i in range(1, n + 1)]
    was = [x for x in tables if "<caption" in x and "Per code van" in x.split("</caption>")[0]]
    assert len(was) == 7
    assert sum(x.split("<tbody>")[1].split("</tbody>")[0].count("<tr>") for x in was) == n


def test_an_edition_without_extra_descriptions_has_no_empty_column_and_says_so(cat, monkeypatch):
    """An edition whose rows all leave the extra description empty gets no column for it (issue 32: at 5,000
    products those empty cells cost 15 KB of the largest page); a note says which edition, and every cell still
    names headers of its own table. An edition with one extra description keeps the column."""
    table = cat.codetabellen["zuid-limburg"]
    html = str(t.code_table(cat, "zuid-limburg"))
    assert html.count('-extra" headers=') == 2 and "Zonder kolom" not in html  # both editions have some
    entries = [r.model_copy(update={"edities": {**r.edities, "2019": r.edities["2019"].model_copy(
        update={"extra_omschrijving": None})}}) if "2019" in r.edities else r for r in table.regels]
    monkeypatch.setitem(cat.codetabellen, "zuid-limburg", table.model_copy(update={"regels": entries}))
    html = str(t.code_table(cat, "zuid-limburg"))
    printed = html.split('<table class="pb-table pb-codetable">')[1].split("</table>")[0]
    tags = Tags(printed)
    own = {a["id"] for a in tags.all("th")}
    assert "ct-2020-extra" in own and "ct-2019-extra" not in own and "ct-2019-omschrijving" in own
    assert 'id="ct-2019" scope="colgroup" colspan="2"' in printed and 'id="ct-2020" scope="colgroup" colspan="3"' in printed
    assert "Zonder kolom ‘Extra omschrijving’ voor editie 2019: de bron geeft daar" in html
    for td in tags.all("td"):
        row, *cols = td["headers"].split()
        assert row in own and cols and set(cols) <= own
    for row in printed.split("<tbody>")[1].split("<tr>")[1:]:  # 2 + 3 + 1 cells, or 2 + 2 + 1 with a colspan
        cells = re.findall(r'<td(?: colspan="(\d)")?', row)
        assert sum(int(c or 1) for c in cells) == 6, row


def test_a_group_of_many_variants_is_compared_in_tables_of_at_most_twelve(cat, monkeypatch):
    """A group with more variants than MAX_COLUMNS: tables of at most that many, every variant once and in order,
    each captioned with its share of the group."""
    group = max({p.groep for p in cat.products_of("zuid-limburg")}, key=lambda g: sum(p.groep == g for p in cat.products_of("zuid-limburg")))
    # the region's largest group (9 variants) twice over, the copies under other ids
    items = [p.model_copy(update={"id": f"{p.id}{k}"}) for k in ("", "-b") for p in cat.products_of("zuid-limburg") if p.groep == group]
    monkeypatch.setitem(cat.__dict__, "_by_region", {"zuid-limburg": items})  # a frozen dataclass's cache
    assert len(items) > v.MAX_COLUMNS
    html = str(v.group_comparisons(cat, "zuid-limburg"))
    block = html.split(f'<h2 id="{slug(group)}">')[1].split("<h2")[0]
    tables = block.split("<table")[1:]
    assert len(tables) == -(-len(items) // v.MAX_COLUMNS)
    heads = [re.findall(r'<th scope="col"><a href="([^"]+)"', x) for x in tables]
    assert all(len(h) <= v.MAX_COLUMNS for h in heads) and [u for h in heads for u in h] == [p.url for p in sorted(items, key=lambda p: p.code)]
    for x in tables:
        assert f"van {len(items)}</caption>" in x
    ids = re.findall(r'<table[^>]* id="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_code_changes_are_detected():
    from macros.model.tables import CodeRegel

    def line(product, **eds):
        return CodeRegel.model_validate({"product": product, "edities": eds})

    e = lambda code, description="A", lapses=False: {"omschrijving": description, "code": code, "vervalt": lapses}  # noqa: E731
    rows = t.code_rows([
        line("a", **{"2019": e("10000"), "2020": e("10000")}),
        line("b", **{"2020": e("20000")}),
        line("c", **{"2019": e("30000")}),
        line("d", **{"2019": e("40000"), "2020": e(None, lapses=True)}),
        line("e", **{"2019": e("50000", "Oud"), "2020": e("50000", "Nieuw")}),
        line("f", **{"2019": e("60000"), "2020": e("60001")}),
    ], ["2019", "2020"])
    assert [r["wijzigingen"][0] for r in rows] == ["ongewijzigd", "toegevoegd", "verwijderd", "vervalt", "hernoemd", "nieuwe code"]


def test_complexity_matrix_cells_link_products(cat):
    mat = next(m for m in cat.matrices["zuid-limburg"] if m.id == "begeleiding-individueel")
    html = Tags(t.complexity_matrix(cat, mat, root="../"))
    hrefs = [a["href"] for a in html.all("a")]
    for code in ["84110", "84120", "84210", "84220", "84310", "84320", "84410"]:
        assert f"../zuid-limburg/{code}/" in hrefs
    assert "Kort 1 t/m 6 maanden" in html.plain and "Lang 7 t/m 12 maanden" in html.plain
    assert html.plain.index("Maatwerk") < html.plain.index("Laag")  # highest complexity on top
    assert "Contactmomenten per week" in html.plain


def test_normenkader_table_has_basis_and_grounds(cat):
    html = Tags(t.normenkader_table(cat, [cat.product("haaglanden/54002"), cat.product("haaglanden/41c01")], caption="x"))
    assert "48 uur" in html.plain and "12 maanden" in html.plain and "52 dagdelen" in html.plain
    assert len(html.all("li")) == 5  # the five exception grounds of 54002


# --- in the browser -------------------------------------------------------------------------------


def test_picker_three_products_two_regions_by_keyboard(watched):
    page = watched.page
    watched.goto("vergelijken/")
    page.locator("#pb-picker-zoek").focus()
    for code in ["45F21", "84110", "84120"]:
        page.locator("#pb-picker-zoek").fill(code.lower())
        expect(page.locator(f'[data-pb-picker][data-pb-shown="{code.lower()}"]')).to_have_count(1)  # the engine's hits
        page.keyboard.press("Tab")  # to the first hit's checkbox
        page.keyboard.press("Space")
        page.keyboard.press("Shift+Tab")
    expect(page).to_have_url(watched.base + "vergelijken/?p=flevoland/45f21,zuid-limburg/84110,zuid-limburg/84120")
    table = page.locator("#pb-picked")
    expect(table.locator("thead th")).to_have_count(4)
    expect(page.locator("[data-pb-picker-status]")).to_contain_text("3 producten gekozen")
    expect(table.locator("tr.pb-differs th", has_text=re.compile(r"^Regio"))).to_have_count(1)
    assert watched.console_errors == [] and watched.foreign == []


def test_picker_url_round_trip_and_maximum(watched):
    page = watched.page
    watched.goto("vergelijken/?p=haaglanden/45c09,zuid-limburg/84110,flevoland/45f21,flevoland/45f34")
    expect(page.locator("#pb-picked thead th")).to_have_count(5)
    heads = page.locator("#pb-picked thead th").all_inner_texts()
    assert heads[1].startswith("45C09") and heads[4].startswith("45F34")  # the URL's order
    expect(page.locator("[data-pb-picker-chosen] input:checked")).to_have_count(4)  # the chosen list, from the URL
    page.locator("#pb-picker-zoek").fill("45f11")
    expect(page.locator('input[value="flevoland/45f11"]')).to_be_disabled()
    page.locator('input[value="haaglanden/45c09"]').uncheck()
    expect(page).to_have_url(watched.base + "vergelijken/?p=zuid-limburg/84110,flevoland/45f21,flevoland/45f34")
    expect(page.locator('input[value="flevoland/45f11"]')).to_be_enabled()


def test_picker_survives_instant_navigation(watched):
    watched.goto("flevoland/")
    watched.page.locator(".md-sidebar--primary a", has_text="Vergelijken").first.click()
    expect(watched.page).to_have_url(watched.base + "vergelijken/")
    watched.page.locator("#pb-picker-zoek").fill("45f2")
    watched.page.locator('input[value="flevoland/45f21"]').check()
    watched.page.locator('input[value="flevoland/45f22"]').check()
    expect(watched.page.locator("#pb-picked thead th")).to_have_count(3)


def test_static_comparisons_work_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "vergelijken/")
    expect(page.locator("#vgl-type-begeleiding-individueel")).to_be_visible()
    page.goto(site_url + "zuid-limburg/vergelijken/")
    expect(page.locator("table.pb-compare").first).to_be_visible()
    context.close()


def test_matrix_cell_link_leads_to_product(watched):
    watched.goto("zuid-limburg/matrices/")
    cell = watched.page.locator("#matrix-begeleiding-individueel-caption").locator("xpath=ancestor::table").locator("tr", has_text="Midden").locator("td").nth(1)
    cell.locator("a").click()
    expect(watched.page).to_have_url(watched.base + "zuid-limburg/84220/")
    expect(watched.page.locator("h1")).to_contain_text("84220")


def test_product_page_prints_without_chrome(watched):
    page = watched.page
    watched.goto("flevoland/45f34/")
    page.emulate_media(media="print")
    for selector in [".md-header", ".md-sidebar--primary", ".md-footer", ".pb-actions"]:
        expect(page.locator(selector).first).to_be_hidden()
    expect(page.locator(".pb-print-only")).to_be_visible()
    expect(page.locator(".pb-print-only")).to_contain_text("flevoland/45f34/")
    expect(page.locator(".pb-facts")).to_be_visible()


def test_phone_stacks_the_comparison_and_the_switch_toggles_it(browser, site_url):
    """On a phone the chosen products stand one under the other, both within the screen's width; the
    switch ("Naast elkaar" / "Onder elkaar") shows the table and back, saying which is on (aria-pressed)."""
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    try:
        page.goto(site_url + "vergelijken/?p=flevoland/45f21,zuid-limburg/84110")
        stacked = page.locator(".pb-compare-stacked")
        expect(stacked.locator("h3")).to_have_count(2)
        for box in [stacked.locator("h3").nth(i).bounding_box() for i in range(2)]:
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375
        assert stacked.locator("dt.pb-differs").count() > 0  # what differs is marked, as in the table
        side_by_side = page.get_by_role("button", name="Naast elkaar")
        assert side_by_side.get_attribute("aria-pressed") == "false"
        side_by_side.click()
        expect(page.locator("table#pb-picked thead th")).to_have_count(3)
        expect(page.get_by_role("button", name="Naast elkaar")).to_have_attribute("aria-pressed", "true")
        expect(page.get_by_role("button", name="Naast elkaar")).to_be_focused()
        page.get_by_role("button", name="Onder elkaar").click()
        expect(page.locator(".pb-compare-stacked h3")).to_have_count(2)
    finally:
        context.close()
