"""Three more accessibility and validity engines over the real built site, besides axe-core
(tests/test_quality.py): pa11y with HTML_CodeSniffer (WCAG2AA) on every sitemap page, Lighthouse's
accessibility category (mobile and desktop) on one page of every page type, and the Nu HTML Checker
on every HTML file. Zero errors each; nothing is relaxed (see the accessibility statement)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from html.parser import HTMLParser

import pytest

from conftest import ROOT
from macros.cli.pagetypes import PAGE_TYPES

NODE_TOOLS = ROOT / "tests" / "tools"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_nu_html_checker_every_file(built_site, engine_sweep):
    files = sorted(str(p) for p in built_site.rglob("*.html"))
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [(m.get("url", "").rsplit(str(built_site), 1)[-1], m.get("lastLine"), m["message"]) for m in messages]
    assert errors == [], f"{len(errors)} errors, first: {errors[:10]}"


def test_pa11y_htmlcs_every_sitemap_page(engine_sweep, site_url, tmp_path):
    urls = [site_url + path for path in engine_sweep["paths"]]
    assert len(urls) > 80
    listing = tmp_path / "urls.txt"
    listing.write_text("\n".join(urls), encoding="utf-8")
    result = subprocess.run(["node", str(NODE_TOOLS / "pa11y-site.cjs"), str(listing)], cwd=ROOT,
                            capture_output=True, text=True, timeout=900, env=engine_sweep["env"])
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout)
    assert set(found) == set(urls)  # every page was checked
    problems = {url.removeprefix(site_url) or "/": [(i["code"].rsplit(".", 2)[-2:], i["selector"]) for i in issues]
                for url, issues in found.items() if issues}
    assert problems == {}


# Lighthouse's accessibility category is axe-core's rules in a Lighthouse run; it runs at phone size, where the
# layout differs most. At desktop size axe itself checks every page (test_quality.py) and IBM Equal Access every
# page type (test_equal_access.py): a second Lighthouse pass there found nothing they do not, at ~4.5 min a run.
FORM_FACTORS = ["mobile"]


# Lighthouse is the slowest engine (about 15 s a page, 5.5 min a pass) and its accessibility category is axe-core's
# rules, which axe itself runs on every page (test_quality.py) beside IBM Equal Access and pa11y: the whole suite
# of scripts/test.sh (15-minute budget) leaves it out; GitHub CI's engines lane runs it (PRODUCTENBOEK_LIGHTHOUSE=1).
LIGHTHOUSE = os.environ.get("PRODUCTENBOEK_LIGHTHOUSE") == "1"


@pytest.fixture(scope="module")
def lighthouse_a11y(site_url, engine_sweep):
    if not LIGHTHOUSE:
        pytest.skip("Lighthouse alleen met PRODUCTENBOEK_LIGHTHOUSE=1 (GitHub CI, lane engines)")
    urls = [site_url + path for path in PAGE_TYPES.values()]
    result = subprocess.run(["node", str(NODE_TOOLS / "lighthouse-pages.mjs"), "accessibility", ",".join(FORM_FACTORS), *urls],
                            cwd=ROOT, capture_output=True, text=True, timeout=900, env=engine_sweep["env"])
    assert result.returncode == 0, result.stderr[-3000:]
    return {(r["url"].removeprefix(site_url), r["formFactor"]): r for r in json.loads(result.stdout)}


@pytest.mark.parametrize("form_factor", FORM_FACTORS)
def test_lighthouse_accessibility_100_every_page_type(lighthouse_a11y, form_factor):
    scores = {path: (r["scores"]["accessibility"], [f["id"] for f in r["failing"]])
              for (path, ff), r in lighthouse_a11y.items() if ff == form_factor}
    assert len(scores) == len(PAGE_TYPES)
    assert {p: s for p, s in scores.items() if s[0] != 100} == {}


class _EmphasisOnly(HTMLParser):
    """Paragraphs whose whole text is inside one <strong>/<em>/<b>/<i>: what HTML_CodeSniffer's H42 flags."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._p = None

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self._p = {"open": [], "first": None, "text": "", "outside": "", "others": 0}
        elif self._p is not None and tag in ("br", "img", "wbr"):
            self._p["others"] += not self._p["open"]
        elif self._p is not None:
            if not self._p["open"]:
                if self._p["first"] is None:
                    self._p["first"] = tag
                else:
                    self._p["others"] += 1
            self._p["open"].append(tag)

    def handle_endtag(self, tag):
        if tag == "p" and self._p is not None:
            p, self._p = self._p, None
            if p["first"] in ("strong", "em", "b", "i") and not p["others"] and not p["outside"].strip():
                self.found.append(p["text"].strip())
        elif self._p is not None and self._p["open"]:
            self._p["open"].pop()

    def handle_data(self, data):
        if self._p is not None:
            self._p["text"] += data
            if not self._p["open"]:  # text outside any inline element: '<strong>Basis:</strong> tekst' is a label
                self._p["outside"] += data


def test_bold_paragraphs_are_not_headings_in_disguise(built_site):
    """A paragraph that is only bold or italic text and not a sentence is a heading: write it as one
    (# in a Markdown field). Whole emphasised sentences (ending in . ! ? or a closing bracket after
    one) are emphasis, not headings."""
    disguised = {}
    for page in built_site.rglob("*.html"):
        parser = _EmphasisOnly()
        parser.feed(page.read_text(encoding="utf-8"))
        if bad := [t for t in parser.found if not re.search(r"[.!?][)\"'”]?$", t)]:
            disguised[page.relative_to(built_site).as_posix()] = bad
    assert disguised == {}
