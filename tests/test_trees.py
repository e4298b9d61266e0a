"""Decision trees: validation rules (one broken tree each), and every path walked by keyboard."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from conftest import ROOT
from helpers import minimal_data, write
from macros.catalogue.errors import DataErrors
from macros.catalogue.loader import load_catalogue

TREE = """\
titel: Test
regio: testregio
inleiding: Test.
start: a
vragen:
  - id: a
    vraag: Vraag A?
    herkomst: {citaat: "Specialistische Begeleiding - Individueel is gericht op het ondersteunen van de jeugdige"}
    antwoorden:
      - {label: Ja, naar: b}
      - {label: Nee, naar: advies}
  - id: b
    vraag: Vraag B?
    herkomst: {redactie: Een hulpvraag van de redactie om de producten te onderscheiden.}
    antwoorden:
      - {label: Gezin, naar: gezin}
      - {label: Individueel, naar: individueel}
uitkomsten:
  - {id: gezin, titel: Gezin, advies: Gezin., producten: [testregio/45f34], herkomst: {redactie: Test.}}
  - {id: individueel, titel: Individueel, advies: Individueel., producten: [testregio/45f21], herkomst: {redactie: Test.}}
  - {id: advies, titel: Voorliggend veld, advies: Lokaal., producten: [], herkomst: {citaat: "Dit kan een lokale vorm van zorg zijn"}}
bron: {document: 002_b4979bd38850de40.txt, sectie: "7. Multidisciplinaire Specialistische Jeugdhulp Specialistische Begeleiding – Individueel"}
"""


def tree_errors(tmp_path, text):
    data = minimal_data(tmp_path)
    write(data / "beslisbomen/test.yaml", text)
    with pytest.raises(DataErrors) as exc:
        load_catalogue(data)
    return [f for f in exc.value.errors if f.file.endswith("beslisbomen/test.yaml")]


def test_valid_tree(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "beslisbomen/test.yaml", TREE)
    cat = load_catalogue(data)
    assert cat.trees_to(cat.product("testregio/45f34"))[0].id == "test"


def test_unreachable_node(tmp_path):
    text = TREE.replace("bron: {", "  - {id: wees, titel: Wees, advies: x, producten: [], herkomst: {redactie: x}}\nbron: {")
    (f,) = tree_errors(tmp_path, text)
    assert "'wees' is vanaf de start niet bereikbaar" in f.problem and f.field == "uitkomsten[4].id"


def test_dangling_answer(tmp_path):
    listing = tree_errors(tmp_path, TREE.replace("naar: individueel}", "naar: individu}"))
    f = next(f for f in listing if "leidt naar" in f.problem)
    assert "leidt naar 'individu', die niet bestaat" in f.problem
    assert any("'individueel' is vanaf de start niet bereikbaar" in g.problem for g in listing)
    assert f.field == "vragen[2].antwoorden[2].naar" and f.line == 17


def test_cycle(tmp_path):
    listing = tree_errors(tmp_path, TREE.replace("naar: individueel}", "naar: a}"))
    assert any("kring: a → b → a" in f.problem for f in listing)


def test_outcome_product_must_exist(tmp_path):
    (f,) = tree_errors(tmp_path, TREE.replace("testregio/45f21]", "testregio/45f29]"))
    assert "45f29" in f.problem and f.field == "uitkomsten[2].producten[1]"


def test_outcome_product_not_vervallen(tmp_path):
    data = minimal_data(tmp_path)
    p = data / "products/testregio/45f21.yaml"
    p.write_text(p.read_text().replace("status: vastgesteld", "status: vervallen"))
    write(data / "beslisbomen/test.yaml", TREE)
    with pytest.raises(DataErrors) as exc:
        load_catalogue(data)
    (f,) = exc.value.errors
    assert "vervallen product testregio/45f21" in f.problem


def test_start_must_exist(tmp_path):
    (f,) = tree_errors(tmp_path, TREE.replace("start: a", "start: x"))
    assert f.field == "start" and "bestaat niet" in f.problem


def test_every_question_needs_two_answers(tmp_path):
    (f,) = tree_errors(tmp_path, TREE.replace("      - {label: Nee, naar: advies}\n", ""))
    assert f.field == "vragen[1].antwoorden" and "minimaal 2" in f.problem


def test_duplicate_node_id(tmp_path):
    (f,) = tree_errors(tmp_path, TREE.replace("id: advies", "id: gezin"))
    assert "komt meer dan eens voor: gezin" in f.problem


# --- the real trees in the browser -------------------------------------------------------


@pytest.fixture(scope="module")
def cat():
    return load_catalogue(ROOT / "data")


def test_the_five_trees_exist(cat):
    assert len(cat.beslisbomen) >= 5
    assert {b.regio for b in cat.beslisbomen.values()} >= {"zuid-limburg", "flevoland", "foodvalley", "haaglanden"}


def paths(tree):
    """Every path from the start to an outcome, as lists of answer indices."""
    questions = {v.id: v for v in tree.vragen}
    out = []

    def walk(node, path):
        if node not in questions:
            out.append((path, node))
            return
        for i, a in enumerate(questions[node].antwoorden):
            walk(a.naar, path + [i])

    walk(tree.start, [])
    return out


def test_walk_every_path_by_keyboard(watched, cat):
    page = watched.page
    walked = 0
    for tree in cat.beslisbomen.values():
        outcomes = {u.id: u for u in tree.uitkomsten}
        for path, outcome in paths(tree):
            watched.goto(f"beslisbomen/{tree.id}/")
            expect(page.locator("[data-pb-stepper]")).to_be_visible()
            for i in path:
                answers = page.locator(".pb-stepper__answers button")
                answers.nth(i).focus()
                page.keyboard.press("Enter")
                # focus moves to the new heading
                expect(page.locator(".pb-stepper__title")).to_be_focused()
            title = page.locator(".pb-stepper__title")
            expect(title).to_contain_text(outcomes[outcome].titel)
            links = page.locator("[data-pb-current] .pb-outcome-products a")
            expect(links).to_have_count(len(outcomes[outcome].producten))
            for j, ref in enumerate(outcomes[outcome].producten):
                href = links.nth(j).get_attribute("href")
                assert urlparse(href).path.rstrip("/").endswith(ref), (tree.id, path, href)
            # the path is in the query; Material's navigation.tracking may add the scrolled-to section as a hash
            expect(page).to_have_url(re.compile(re.escape(watched.base + f"beslisbomen/{tree.id}/"
                                                          + (f"?pad={'-'.join(map(str, path))}" if path else "")) + r"(#[\w-]+)?$"))
            walked += 1
    assert walked >= 15
    assert watched.console_errors == [] and watched.foreign == []


def test_path_restored_from_url_and_back_button(watched, cat):
    tree = next(b for b in cat.beslisbomen.values() if max(len(p) for p, _ in paths(b)) >= 2)
    path, outcome = max(paths(tree), key=lambda x: len(x[0]))
    page = watched.page
    watched.goto(f"beslisbomen/{tree.id}/?pad={'-'.join(map(str, path))}")
    expect(page.locator(".pb-stepper__title")).to_contain_text({u.id: u.titel for u in tree.uitkomsten}[outcome])
    expect(page.locator("[data-pb-path] li")).to_have_count(len(path))
    page.locator("[data-pb-back]").click()
    expect(page).to_have_url(watched.base + f"beslisbomen/{tree.id}/?pad={'-'.join(map(str, path[:-1]))}")
    page.go_back()
    expect(page.locator(".pb-stepper__title")).to_contain_text("Uitkomst")
    page.locator("[data-pb-restart]").click()
    expect(page.locator(".pb-stepper__title")).to_contain_text("Vraag 1")


def test_static_tree_without_javascript_links_anchors(browser, site_url, cat):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for tree in cat.beslisbomen.values():
        page.goto(site_url + f"beslisbomen/{tree.id}/")
        for v in tree.vragen:
            for a in v.antwoorden:
                expect(page.locator(f'#{v.id} a[href="#{a.naar}"]')).to_have_count(1)
                expect(page.locator(f"#{a.naar}")).to_have_count(1)
    context.close()


def test_tree_prints_the_whole_static_tree(watched, cat):
    tree = next(iter(cat.beslisbomen.values()))
    watched.goto(f"beslisbomen/{tree.id}/")
    watched.page.emulate_media(media="print")
    expect(watched.page.locator("[data-pb-static]")).to_be_visible()
    expect(watched.page.locator("[data-pb-stepper]")).to_be_hidden()
    expect(watched.page.locator(".md-sidebar--primary")).to_be_hidden()


def test_product_page_links_to_its_trees(watched, cat):
    tree = next(iter(cat.beslisbomen.values()))
    ref = next(r for u in tree.uitkomsten for r in u.producten)
    watched.goto(ref + "/")
    link = watched.page.locator(".pb-actions a", has_text=tree.titel)
    expect(link).to_have_count(1)
