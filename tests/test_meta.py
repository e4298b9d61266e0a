"""Found and shared (issue 29): descriptions, titles, Open Graph tags, robots.txt and the sitemap's lastmod,
checked over the real build, and over a build with a site address and a hostile product name."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build

SITE_NAME = "Productenboek Jeugdhulp"
HOSTILE = 'Gezins"huis <script>alert(1)</script> & \'co\''


class _Head(HTMLParser):
    """The title and the meta tags of a page, as a browser reads them (entities unescaped)."""

    def __init__(self):
        super().__init__()
        self.title = ""
        self.meta: dict[str, list[str]] = defaultdict(list)
        self._in_title = False
        self._in_body = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self._in_body = True  # a <title> in an SVG diagram is not the page's
        elif tag == "title" and not self._in_body:
            self._in_title = True
        elif tag == "meta" and (key := a.get("name") or a.get("property")):
            self.meta[key].append(a.get("content") or "")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def head_of(path: Path) -> _Head:
    h = _Head()
    h.feed(path.read_text(encoding="utf-8"))
    h.title = " ".join(h.title.split())
    return h


def pages(site: Path) -> dict[str, _Head]:
    """Every HTML page of the build but the editors' form (/beheer/: not a page of the productenboek)."""
    return {p.relative_to(site).as_posix(): head_of(p) for p in sorted(site.rglob("*.html"))
            if not p.relative_to(site).as_posix().startswith("beheer/")}


def test_descriptions_present_distinct_and_sized(built_site):
    heads = pages(built_site)
    assert len(heads) > 50
    by_text: dict[str, list[str]] = defaultdict(list)
    for path, h in heads.items():
        descriptions = h.meta["description"]
        assert len(descriptions) == 1, f"{path}: {len(descriptions)} meta descriptions"
        d = descriptions[0]
        assert 50 <= len(d) <= 160, f"{path}: description of {len(d)} characters: {d!r}"
        assert h.meta["og:description"] == [d], f"{path}: og:description differs from the description"
        if "noindex" not in " ".join(h.meta["robots"]):
            by_text[d].append(path)
    shared = {d: ps for d, ps in by_text.items() if len(ps) > 1}
    assert not shared, f"descriptions on more than one page: {shared}"


def test_product_description_has_code_name_and_region(built_site):
    h = head_of(built_site / "zuid-limburg/61110/index.html")
    d = h.meta["description"][0]
    assert d.startswith("61110 Gezinshuis: jeugdhulpproduct van regio Zuid-Limburg"), d


def test_titles(built_site):
    heads = pages(built_site)
    assert heads["index.html"].title == SITE_NAME
    assert heads["404.html"].title == f"Pagina niet gevonden - {SITE_NAME}"
    assert heads["404.html"].meta["og:title"] == ["Pagina niet gevonden"]
    assert heads["404.html"].meta["robots"] == ["noindex"]
    for path, h in heads.items():
        assert h.title.endswith(SITE_NAME) and h.title.count(SITE_NAME) == 1, f"{path}: {h.title!r}"


def test_open_graph_without_site_url(built_site):
    """No site address: every tag but og:url, which must be absolute or absent."""
    for path, h in pages(built_site).items():
        for key in ("og:title", "og:description", "og:type", "og:site_name", "og:locale"):
            assert len(h.meta[key]) == 1 and h.meta[key][0], f"{path}: {key} missing"
        assert h.meta["og:locale"] == ["nl_NL"] and h.meta["og:site_name"] == [SITE_NAME]
        assert h.meta["og:url"] == [], f"{path}: og:url without a site address: {h.meta['og:url']}"
    assert pages(built_site)["zuid-limburg/61110/index.html"].meta["og:title"] == ["61110 Gezinshuis"]


def test_robots_without_site_url(built_site):
    text = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in text and "Disallow: /beheer/" in text
    assert "Sitemap" not in text  # a relative sitemap address is not allowed


def _git_date(path: str) -> str:
    return subprocess.run(["git", "log", "-1", "--first-parent", "--format=%cs", "--", path], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout.strip()


def test_sitemap_lastmod_is_when_the_data_changed(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    entries = dict(re.findall(r"<loc>([^<]*)</loc>\s*(?:<lastmod>([^<]*)</lastmod>)?", sitemap))
    assert len(entries) > 50
    product = "data/products/zuid-limburg/61110.yaml"
    expected = max(_git_date(product), _git_date("data/regions/zuid-limburg.yaml"))
    assert expected, "the product file has no git history"
    assert entries["/zuid-limburg/61110/"] == expected
    assert entries["/over/data-bewerken/"] == _git_date("content/over/data-bewerken.md") or \
        "{{" in (ROOT / "content/over/data-bewerken.md").read_text(encoding="utf-8")
    for loc, date in entries.items():
        assert date == "" or re.fullmatch(r"\d{4}-\d\d-\d\d", date), (loc, date)



def test_instant_navigation_list_is_the_sitemap_without_products(built_site):
    """Issue 32: the theme's instant navigation reads assets/instant.xml (assets/instant_sitemap.js), not the
    whole sitemap: the pages of the sitemap in the same order and format, but no leaf of the catalogue (a
    product, municipality or source document page)."""
    def locs(name: str) -> list[str]:
        return re.findall(r"<url><loc>([^<]*)</loc>", re.sub(r">\s+<", "><", (built_site / name).read_text(encoding="utf-8")))

    sitemap, instant = locs("sitemap.xml"), locs("assets/instant.xml")
    products = {f"/{p.parent.name}/{p.stem}/" for p in (ROOT / "data/products").rglob("*.yaml")}
    leaves = {loc for loc in sitemap if loc in products or re.fullmatch(r"/(gemeenten|bronnen)/[^/]+/", loc)}
    assert len(products & set(sitemap)) == len(products) > 50 and "/gemeenten/almere/" in leaves
    assert instant == [loc for loc in sitemap if loc not in leaves]
    assert {"/", "/zoeken/", "/gemeenten/", "/bronnen/", "/flevoland/", "/flevoland/codetabel/",
            "/beslisbomen/zl-begeleiding-individueel/"} <= set(instant)
    assert "<lastmod>" not in (built_site / "assets/instant.xml").read_text(encoding="utf-8")
    page = (built_site / "zuid-limburg/61110/index.html").read_text(encoding="utf-8")
    assert page.index("assets/instant_sitemap.js") < page.index("assets/javascripts/bundle.")

@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """A build with a site address under a path and a product whose name is hostile."""
    tmp = tmp_path_factory.mktemp("meta")
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data)
    product = data / "products/zuid-limburg/61110.yaml"
    text = product.read_text(encoding="utf-8")
    product.write_text(text.replace("naam: Gezinshuis", "naam: " + repr(HOSTILE).replace("\\'", "''"), 1),
                       encoding="utf-8")
    result = mkdocs_build(tmp / "site", data_dir=data, extra_env={"SITE_URL": "https://example.org/boek/"})
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp / "site"


def test_hostile_name_is_escaped_in_sharing_tags(hostile_site):
    raw = (hostile_site / "zuid-limburg/61110/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in raw
    h = head_of(hostile_site / "zuid-limburg/61110/index.html")
    assert h.meta["og:title"] == [f"61110 {HOSTILE}"]
    assert h.meta["description"][0].startswith(f"61110 {HOSTILE}: jeugdhulpproduct")
    assert h.meta["og:description"] == h.meta["description"]
    assert h.title == f"61110 {HOSTILE} - {SITE_NAME}"


def test_site_url_gives_absolute_og_url_and_sitemap_line(hostile_site):
    h = head_of(hostile_site / "zuid-limburg/61110/index.html")
    assert h.meta["og:url"] == ["https://example.org/boek/zuid-limburg/61110/"]
    assert head_of(hostile_site / "index.html").meta["og:url"] == ["https://example.org/boek/"]
    assert head_of(hostile_site / "404.html").meta["og:url"] == []
    robots = (hostile_site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://example.org/boek/sitemap.xml" in robots
    assert "Disallow: /boek/beheer/" in robots
    # data outside the repository has no git history: no guessed lastmod on its pages
    sitemap = (hostile_site / "sitemap.xml").read_text(encoding="utf-8")
    assert re.search(r"<loc>https://example.org/boek/zuid-limburg/61110/</loc>\s*</url>", sitemap)
