"""IBM Equal Access (issue 29): zero violations on every page type and in the interactive states, besides axe,
pa11y, Lighthouse and the Nu HTML Checker. The engine is the npm package accessibility-checker-engine, its
one file run in the page (the `accessibility-checker` wrapper would download the engine from IBM's host).
Ruleset WCAG_2_1 (the A/AA rules); only results that are violations count, not "needs review"."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import ROOT, settle
from macros.cli.pagetypes import PAGE_TYPES

ENGINE = ROOT / "node_modules" / "accessibility-checker-engine" / "ace.js"

CHECK = """async () => {
  const report = await new ace.Checker().check(document, ['WCAG_2_1']);
  return report.results.filter(r => r.value[0] === 'VIOLATION' && r.value[1] === 'FAIL')
    .map(r => `${r.ruleId} at ${r.path.dom}: ${r.message}`);
}"""


def violations(page) -> list[str]:
    settle(page)
    if not page.evaluate("typeof ace !== 'undefined'"):  # the fixture's init script puts it in every page
        page.add_script_tag(path=str(ENGINE))
    return page.evaluate(CHECK)


@pytest.fixture(scope="module", params=[375, 1366], ids=lambda w: f"{w}px")
def checked(request, browser):
    # the engine is injected as a script, which the site's content policy rightly refuses (test_csp.py checks it)
    context = browser.new_context(viewport={"width": request.param, "height": 800}, bypass_csp=True)
    context.add_init_script(path=str(ENGINE))  # as each page loads: cheaper than injecting it afterwards
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("path", list(PAGE_TYPES.values()), ids=list(PAGE_TYPES))
def test_every_page_type(checked, site_url, path):
    checked.goto(site_url + path)
    found = violations(checked)
    assert found == [], f"{path or '/'}: {len(found)} violations:\n" + "\n".join(found[:12])


def test_interactive_states(checked, site_url):
    page = checked
    found = {}
    page.goto(site_url + "beslisbomen/zl-begeleiding-individueel/")
    page.locator(".pb-answer-button").nth(3).click()
    expect(page.locator("[data-pb-path] li")).to_have_count(1)
    found["beslisboom na een antwoord"] = violations(page)
    page.goto(site_url + "zoeken/?zoek=begeleiding")
    expect(page.locator("[data-pb-finder-results] li").first).to_be_visible()
    found["zoeken"] = violations(page)
    page.goto(site_url + "vergelijken/?p=flevoland/45f21,zuid-limburg/84110,haaglanden/45c09")
    expect(page.locator("#pb-picked")).to_be_visible()
    found["vergelijken"] = violations(page)
    assert {k: v for k, v in found.items() if v} == {}
