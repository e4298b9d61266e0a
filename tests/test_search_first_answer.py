"""The first answer from pieces of the word index against the whole index's (issue 29 §4, issue 27).

A query in the address on a phone is answered from the pieces of the word index that can hold its words
(search_data.js quickSearch), and that answer stays when it says it is the whole index's (`sure`): then
zoeken/producten.json and zoeken/woorden.json are not loaded until the reader opens the filters, asks for
more results or types again. Whatever the reader sees must be what the whole index answers:
- every query of the three query sets, searched both ways in one page: where the first answer says it is sure,
  its cards (in order), its count and its note are the whole index's;
- in the finder at 375 px, a query in the address: neither large file is fetched for a word the pieces answer;
  "Filters" and "Toon meer" load the whole index and keep the same cards (then count them, or add the rest); a
  misspelt query loads the whole index (its typo-tolerant pass) and says "Bedoelde je".
"""

from __future__ import annotations

from urllib.parse import quote

from playwright.sync_api import expect
from search_queries import PROFESSIONAL
from search_queries import QUERIES as SET
from search_queries_heldout import QUERIES as HELDOUT

from conftest import PageWatch

PAGE = 50  # cards the finder shows at once (finder.js PAGE)
WHOLE = ("zoeken/producten.json", "zoeken/woorden.json")

BOTH_WAYS = """async (queries) => {
  const form = document.querySelector('[data-pb-finder]'), manifest = JSON.parse(form.getAttribute('data-pb-manifest'));
  const data = await import(new URL('assets/search_data.js', document.baseURI.replace(/zoeken\\/.*$/, '')).href);
  const whole = await data.loadEngine(manifest), url = i => whole.data.producten[i].u;
  const out = [];
  for (const q of queries) {
    const quick = await data.quickSearch(manifest, q, true), res = whole.engine.search(q);
    out.push({q, sure: quick ? quick.sure : 0, total: quick ? quick.total : 0, shown: quick ? quick.hits.length : 0,
              quick: quick ? quick.hits.slice(0, quick.sure).map(i => quick.products[i].u) : [],
              note: quick ? quick.note : '', whole: res.hits.slice(0, 50).map(url), wholeTotal: res.hits.length,
              general: res.general, suggestion: res.suggestion, places: res.gemeenten.length});
  }
  return out;
}"""


def test_a_sure_first_answer_is_the_whole_indexes(watched, capsys):
    watched.goto("zoeken/")
    queries = sorted({q.query for q in [*SET, *PROFESSIONAL, *HELDOUT]})
    answers = watched.page.evaluate(BOTH_WAYS, queries)
    wrong, sure = [], 0
    for a in answers:
        if not a["sure"]:
            continue
        q = a["q"]
        if a["sure"] >= min(PAGE, a["total"]):
            sure += 1  # the finder keeps this answer
        if a["quick"] != a["whole"][:a["sure"]]:
            wrong.append(f"{q!r}: first answer {a['quick'][:5]}…, whole index {a['whole'][:5]}…")
        if a["total"] != a["wholeTotal"] or a["suggestion"] or a["places"]:
            wrong.append(f"{q!r}: {a['total']} found, whole index {a['wholeTotal']} (suggestion {a['suggestion']!r})")
        if bool(a["note"]) != bool(a["general"]):
            wrong.append(f"{q!r}: note {a['note']!r}, whole index's general words {a['general']}")
    with capsys.disabled():
        print(f"\nfirst answer kept (sure for the whole first page): {sure}/{len(answers)} queries")
    assert not wrong, wrong
    assert sure >= len(answers) // 4  # the pieces answer most word queries: a check that never runs is no check
    assert not watched.console_errors


WHOLE_CARDS = """async (queries) => {
  const form = document.querySelector('[data-pb-finder]'), manifest = JSON.parse(form.getAttribute('data-pb-manifest'));
  const data = await import(new URL('assets/search_data.js', document.baseURI.replace(/zoeken\\/.*$/, '')).href);
  const whole = await data.loadEngine(manifest), out = [];
  for (const q of queries) {
    const res = whole.engine.search(q);
    if (res.hits.length <= 12) continue;  /* blok 1 would fetch blocks 1, 2, …, which are not there */
    const quick = await data.quickSearch(Object.assign({}, manifest, {blok: 1}), q, true);
    if (!quick || !quick.sure) continue;
    out.push({q, quick: quick.hits.map(i => [quick.products[i].u, quick.products[i].n, quick.products[i].e, quick.products[i].d]),
              whole: res.hits.slice(0, quick.hits.length).map(i => {
                const p = whole.data.producten[i]; return [p.u, p.n, p.e, p.d]; })});
  }
  return {out, fetched: performance.getEntriesByType('resource').map(e => e.name)};
}"""


def test_a_first_page_spread_over_many_blocks_takes_its_cards_from_the_products_file(watched):
    """At 5,000 products a common word's first page lies in more blocks of card facts than are worth fetching one by
    one (search_data.js QUICK_BLOCKS): the cards come from zoeken/producten.json, still without the word index.
    Here every product is a block of its own (blok 1), so a query of more than 12 hits takes that way: its cards,
    in order and with their facts, are the whole index's."""
    watched.goto("zoeken/")
    queries = sorted({q.query for q in [*SET, *PROFESSIONAL]})
    got = watched.page.evaluate(WHOLE_CARDS, queries)
    many = [a for a in got["out"] if len(a["quick"]) > 12]
    assert not [u for u in got["fetched"] if "/zoeken/producten/" in u and not u.endswith("/0.json")]
    assert len(many) >= 10, [a["q"] for a in got["out"]]
    wrong = [a["q"] for a in many if a["quick"] != a["whole"]]
    assert not wrong, wrong
    assert not watched.console_errors


def _fetched(page) -> list[str]:
    return page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")


def _cards(page) -> list[str]:
    return page.eval_on_selector_all("[data-pb-finder-results] li h3 a", "as => as.map(a => a.getAttribute('href'))")


def test_a_query_in_the_address_on_a_phone_loads_the_whole_index_only_when_needed(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 800}, bypass_csp=True)
    watched = PageWatch(context.new_page(), site_url)
    page = watched.page
    try:
        shown = "q => document.querySelector('[data-pb-finder]').getAttribute('data-pb-shown') === q"
        watched.goto("zoeken/?q=begeleiding")  # the benchmark's state (macros/cli/pagetypes.py)
        page.wait_for_function(shown, arg="begeleiding")
        page.wait_for_timeout(300)
        assert not [u for u in _fetched(page) if u.endswith(WHOLE)], _fetched(page)
        first = _cards(page)
        status = page.locator("[data-pb-finder-status]").inner_text()
        assert first and status.endswith("gevonden voor \u201cbegeleiding\u201d.")
        more = page.locator("[data-pb-finder-more]")
        # the filters, opened: the whole index comes, the cards stay as they were, the filters count them
        page.get_by_role("button", name="Filters").click()
        expect(page.locator("#pb-filter-regio option")).not_to_have_count(0)
        assert [u for u in _fetched(page) if u.endswith(WHOLE)]
        assert _cards(page)[:len(first)] == first and page.locator("[data-pb-finder-status]").inner_text() == status
        total = int(status.split()[0])
        assert page.locator("#pb-filter-regio option").first.inner_text() == "Alle"
        assert more.is_visible() == (total > PAGE)

        # more than a page (51 products): "Toon meer" loads the whole index and adds the rest after the same 50
        watched.goto("zoeken/?q=Groepsbegeleiding")
        page.wait_for_function(shown, arg="Groepsbegeleiding")
        assert not [u for u in _fetched(page) if u.endswith(WHOLE)]
        first = _cards(page)
        more = page.get_by_role("button", name="Toon meer resultaten (nog 1)")
        assert len(first) == PAGE and more.is_visible()
        more.click()
        expect(page.locator("[data-pb-finder-results] li h3 a")).to_have_count(PAGE + 1)
        assert _cards(page)[:PAGE] == first and [u for u in _fetched(page) if u.endswith(WHOLE)]
        expect(page.locator("[data-pb-finder-results] li h3 a").nth(PAGE)).to_be_focused()
        expect(more).to_be_hidden()

        # a misspelt word: the pieces cannot answer it, so the typo-tolerant pass of the whole index does
        watched.goto("zoeken/?q=" + quote("pleegzrog"))
        page.wait_for_function(shown, arg="pleegzrog")
        assert [u for u in _fetched(page) if u.endswith(WHOLE)]
        expect(page.locator("[data-pb-finder-suggest]")).to_contain_text("Bedoelde je")
        assert not watched.console_errors and not watched.foreign
    finally:
        context.close()
