"""The query sets (tests/search_queries.py) against both searches in Chromium, with the pass rate printed.

Both searches run the same engine (search_engine.js; the header search through header_search.js since
issue 27), so every query must pass in both; the header search shows the first twenty products (after a
municipality's page), so "present" is checked among those.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import quote, urlsplit

from playwright.sync_api import expect
from search_node import verdict
from search_queries import PROFESSIONAL, QUERIES
from search_queries_heldout import QUERIES as HELDOUT

from conftest import open_header_search

HEADER_FLOOR = 1.0  # share of the set the header search must pass: all, as the finder (one engine)
HEADER_TOP = 20     # the header search lists twenty products; "present" is checked among those


def _path(href: str, base: str) -> str:
    parts = urlsplit(href)
    return parts.path.removeprefix(urlsplit(base).path)


def _report(capsys, name: str, failures: list[str]) -> float:
    rate = 1 - len(failures) / len(QUERIES)
    with capsys.disabled():
        print(f"\n{name}: {len(QUERIES) - len(failures)}/{len(QUERIES)} queries pass ({rate:.0%})")
        for f in failures:
            print(f"  fails: {f}")
    return rate


def finder_paths(watched, query: str) -> list[str]:
    page = watched.page
    watched.goto("zoeken/?zoek=" + quote(query))
    page.wait_for_function("q => (document.querySelector('[data-pb-finder]') || {}).getAttribute"
                           " && document.querySelector('[data-pb-finder]').getAttribute('data-pb-shown') === q", arg=query)
    hrefs = page.eval_on_selector_all("[data-pb-finder-results] li h3 a", "as => as.map(a => a.href)")
    return [_path(h, watched.base) for h in hrefs]


def header_paths(watched, box, query: str) -> list[str]:
    page = watched.page
    box.fill("")
    box.press_sequentially(query)
    expect(box).to_have_value(query)
    read = f"() => [...document.querySelectorAll('.md-search-result__item > a')].slice(0, {HEADER_TOP}).map(a => a.href)"
    expect(page.locator(".md-search-result__meta")).not_to_contain_text("Typ om te beginnen")
    previous = None
    for _ in range(40):  # each keystroke is answered; wait until the list stops changing
        page.wait_for_timeout(120)
        now = page.evaluate(read)
        if now == previous:
            break
        previous = now
    return [_path(h, watched.base) for h in previous or []]


def test_every_query_passes_in_the_finder(watched, capsys):
    failures = []
    for item in QUERIES:
        if (why := verdict(item, finder_paths(watched, item.query))) is not None:
            failures.append(f"{item.query!r} ({item.kind}): {why}")
    _report(capsys, "Finder", failures)
    assert not failures, failures
    assert not watched.console_errors and not watched.foreign


def test_header_search_pass_rate(watched, capsys):
    watched.goto("")
    box = open_header_search(watched.page)
    failures = []
    for item in QUERIES:
        if (why := verdict(item, header_paths(watched, box, item.query))) is not None:
            failures.append(f"{item.query!r} ({item.kind}): {why}")
    rate = _report(capsys, "Header search", failures)
    assert rate >= HEADER_FLOOR, failures
    assert not watched.console_errors and not watched.foreign


def test_header_search_answers_the_professional_and_held_out_sets(watched, capsys):
    """The two sets written from the sources (PROFESSIONAL in tests/search_queries.py, search_queries_heldout.py), which
    test_search_professional.py runs in the engine, typed into the header search as a person does: what the panel
    shows must answer them too (its first twenty products; a query with at most N results is judged by the panel
    when N is below twenty)."""
    watched.goto("")
    box = open_header_search(watched.page)
    failures = []
    for item in [*PROFESSIONAL, *HELDOUT]:
        found = header_paths(watched, box, item.query)
        if item.at_most is not None and item.at_most >= HEADER_TOP:
            item = dataclasses.replace(item, at_most=None)  # the panel shows twenty at most: not judged here
        if (why := verdict(item, found)) is not None:
            failures.append(f"{item.query!r} ({item.kind}): {why}")
    with capsys.disabled():
        print(f"\nHeader search, professional and held-out sets: {len(PROFESSIONAL) + len(HELDOUT) - len(failures)}"
              f"/{len(PROFESSIONAL) + len(HELDOUT)}")
    assert not failures, failures
    assert not watched.console_errors and not watched.foreign
