"""Quality gates on the real built site: accessibility (axe-core, WCAG 2.1 A/AA), valid HTML,
no broken internal links or anchors, nothing from other hosts."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT, open_header_search, settle

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
OUTGOING_LINKS = {"https://creativecommons.org/publicdomain/zero/1.0/deed.nl"}  # the open-data licence
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BASELINE = yaml.safe_load((Path(__file__).parent / "axe-baseline.yaml").read_text(encoding="utf-8")) or []


def sitemap_paths(site: Path) -> list[str]:
    xml = (site / "sitemap.xml").read_text(encoding="utf-8")
    return [urlparse(loc).path.lstrip("/") for loc in re.findall(r"<loc>([^<]+)</loc>", xml)]


def axe_violations(page) -> list[dict]:
    if not page.evaluate("typeof axe !== 'undefined'"):  # not already there from the sweep's init script
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
        ".then(r => r.violations.map("
        "v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))})))",
        WCAG_TAGS,
    )
    out = []
    for v in result:
        nodes = [n for n in v["nodes"] if not any(b["rule"] == v["id"] and b["selector"] in n for b in BASELINE)]
        if nodes:
            out.append({**v, "nodes": nodes})
    return out


def test_axe_every_page_and_no_foreign_requests(engine_sweep, watched):
    paths = engine_sweep["paths"]
    assert len(paths) > 80
    failures = {}
    # axe-core (550 KB) in every page as it loads: a third of the time of injecting it into each page afterwards
    watched.page.context.add_init_script(path=str(AXE))
    for path in paths:
        watched.goto(path)
        settle(watched.page)
        if violations := axe_violations(watched.page):
            failures[path] = violations
    assert failures == {}
    assert watched.foreign == []
    assert watched.console_errors == []


@pytest.mark.parametrize("state", ["header-search", "finder", "picker", "empty-finder", "tree-step"])
def test_axe_interactive_states(watched, state):
    page = watched.page
    if state == "tree-step":  # the decision tree's stepper after an answer: the path, the next question
        watched.goto("beslisbomen/zl-begeleiding-individueel/")
        page.locator(".pb-answer-button").first.click()
        expect(page.locator("[data-pb-path] li")).to_have_count(1)
    elif state == "header-search":
        watched.goto("")
        open_header_search(page).press_sequentially("begeleiding")
        expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    elif state == "finder":
        watched.goto("zoeken/?zoek=begeleiding&regio=zuid-limburg")
        expect(page.locator("[data-pb-finder-results] li").first).to_be_visible()
    elif state == "empty-finder":
        watched.goto("zoeken/?zoek=45F99&regio=zuid-limburg")
        expect(page.locator("[data-pb-finder-empty]")).to_be_visible()
    else:
        watched.goto("vergelijken/?p=flevoland/45f21,zuid-limburg/84110,haaglanden/45c09")
        expect(page.locator("#pb-picked")).to_be_visible()
    settle(page)
    assert axe_violations(page) == []


def test_html_is_valid(built_site, engine_sweep):  # html-validate over every file: a whole-site sweep
    files = sorted(str(p) for p in built_site.rglob("*.html"))
    result = subprocess.run(
        [str(ROOT / "node_modules/.bin/html-validate"), "--config", str(ROOT / ".htmlvalidate.cjs"), "--formatter", "text", *files],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()
        self.forms: list[dict] = []
        self._form = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key) is not None and not (tag == "link" and a.get("rel") == "canonical"):
                self.refs.append((tag, key, a[key]))
        if tag == "form":
            self._form = {"class": a.get("class", ""), "submit": False}
            self.forms.append(self._form)
        if self._form is not None and tag == "button" and a.get("type", "submit") == "submit":
            self._form["submit"] = True

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _parse(path: Path) -> _Refs:
    p = _Refs()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def link_problems(site: Path, base_path: str = "/") -> tuple[list, list, list]:
    """(broken internal links or anchors, resources from other hosts, outgoing hyperlinks) of a built site
    that will be served at `base_path` (404.html links absolutely, from site_url's path)."""
    pages = {p: _parse(p) for p in site.rglob("*.html")}
    broken, foreign, external_links = [], [], []
    for page, parsed in pages.items():
        base = "http://site" + base_path + page.relative_to(site).as_posix()
        for tag, key, ref in parsed.refs:
            url = urlparse(urljoin(base, ref))
            if url.scheme in ("mailto", "tel", "data", "javascript"):
                continue
            if url.netloc != "site":
                if not (tag == "a" and key == "href"):  # a resource from another host: a request
                    foreign.append((page.relative_to(site).as_posix(), ref))
                else:
                    external_links.append((page.relative_to(site).as_posix(), ref))
                continue
            if not url.path.startswith(base_path):
                broken.append((page.relative_to(site).as_posix(), ref))
                continue
            target = site / unquote(url.path[len(base_path):])
            if target.is_dir() or url.path.endswith("/"):
                target = target / "index.html"
            if not target.exists():
                broken.append((page.relative_to(site).as_posix(), ref))
            elif url.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(url.fragment) not in ids:
                    broken.append((page.relative_to(site).as_posix(), ref))
    return broken, foreign, external_links


def test_no_broken_internal_links_or_anchors(built_site):
    broken, foreign, external_links = link_problems(built_site)
    assert broken == []
    assert foreign == []
    # Outgoing hyperlinks are no request, but every one is a promise: list them here when added.
    assert {ref for _, ref in external_links} <= OUTGOING_LINKS


def test_preview_build_under_a_base_path(preview_site, browser):
    """A pull-request preview lives at /pr-<n>/ on the Pages site: every link must resolve inside it.
    (preview_site: the real data built with SITE_URL=http://127.0.0.1:<port>/productenboek/pr-7/, served there.)"""
    site, url = preview_site
    path = urlparse(url).path
    assert path == "/productenboek/pr-7/"
    broken, foreign, _ = link_problems(site, path)
    assert broken == [] and foreign == []
    # One setting (SITE_URL) for canonical links, sitemap, exports and the header search.
    assert f'<link rel="canonical" href="{url}flevoland/45f21/">' in (site / "flevoland/45f21/index.html").read_text(encoding="utf-8")
    assert all(loc.startswith(url) for loc in re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")))
    csv_text = (site / "open-data/flevoland.csv").read_text(encoding="utf-8-sig")
    assert f";{url}flevoland/45f21/;" in csv_text and f";{url}bronnen/002_b4979bd38850de40/#" in csv_text
    assert f'action="{path}zoeken/"' in (site / "index.html").read_text(encoding="utf-8")
    base = url
    page = browser.new_page()
    failed = []
    # A fetch cut off by the next navigation (the header search's whole index, still loading) is not a failure.
    page.on("requestfailed", lambda r: r.failure != "net::ERR_ABORTED" and failed.append(r.url))
    page.on("response", lambda r: r.status >= 400 and failed.append(r.url))
    try:
        page.goto(base + "zuid-limburg/84110/")
        page.wait_for_load_state("networkidle")
        # the header search finds its data and links its results under the base path
        open_header_search(page).press_sequentially("logeren")
        expect(page.locator(".md-search-result__item a").first).to_have_attribute("href", base + "zuid-limburg/62100/")
        page.goto(base + "zoeken/?zoek=84110")
        expect(page.locator("[data-pb-finder-results] li").first).to_contain_text("84110")
        assert failed == []
    finally:
        page.close()


def test_our_forms_have_a_submit_button(built_site):
    for page in built_site.rglob("*.html"):
        for form in _parse(page).forms:
            if "pb-" in form["class"]:
                assert form["submit"], f"{page}: form {form['class']} has no submit button"


def test_accessibility_statement_page(watched):
    watched.goto("toegankelijkheid/")
    body = watched.page.locator("article")
    expect(body).to_contain_text("WCAG 2.1")
    expect(body).to_contain_text("axe-core")
