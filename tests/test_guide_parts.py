"""The editing guide in parts (issue 32: the one long page was the one page type over Lighthouse's TBT 150 ms on a
phone): /over/data-bewerken/ is a short overview that links each part in content/over/data-bewerken/. Every heading
the single page had keeps its anchor on the overview, with a link to the part and section that now hold its text,
so a link or bookmark to /over/data-bewerken/#… still leads to the right text, also without JavaScript. Checked
over the real build."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from conftest import ROOT

# The anchors of the single page (/over/data-bewerken/ before it was split), which links and bookmarks may hold.
OLD_ANCHORS = [
    "waar-staat-wat", "een-product-wijzigen", "bewerken-in-de-browser-beheer", "een-product-toevoegen",
    "werken-met-excel", "een-regio-beginnen", "regels-voor-het-schrijven-van-yaml", "opmaak-in-tekstvelden",
    "een-beslisboom-wijzigen", "zoekwoorden-en-afkortingen", "alleen-wat-de-bron-zegt",
    "opmerkingen-bij-onduidelijkheden", "bronnen-en-secties", "beslisbomen-en-zoekwoorden-waar-komen-ze-vandaan",
    "foutmeldingen-lezen", "hulp-bij-het-typen",
]
HEADING = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
GUIDE = "over/data-bewerken/"


def _text(fragment: str) -> str:
    fragment = re.sub(r'<a class="headerlink".*?</a>', "", fragment, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def _headings(page: Path) -> dict[str, str]:
    return {anchor: _text(inner) for _, anchor, inner in HEADING.findall(page.read_text(encoding="utf-8"))}


def _page(site: Path, url: str) -> Path:
    path = urlsplit(url).path.lstrip("/")
    return site / path / "index.html" if not path.endswith(".html") else site / path


def test_every_old_anchor_leads_to_its_text(built_site):
    overview = (built_site / GUIDE / "index.html").read_text(encoding="utf-8")
    headings = _headings(built_site / GUIDE / "index.html")
    moved = 0
    for anchor in OLD_ANCHORS:
        assert anchor in headings, f"/{GUIDE}#{anchor}: het anker ontbreekt op het overzicht"
        # the text right after the heading, up to the next heading
        after = overview.split(f'id="{anchor}"', 1)[1].split("</h", 1)[1]
        after = re.split(r"<h[1-6]\b", after, maxsplit=1)[0]
        if len(re.sub(r"<[^>]+>", "", after).split()) > 60:  # its text is still on the overview itself
            continue
        links = [urljoin(f"/{GUIDE}", html.unescape(h)) for h in re.findall(r'<a href="([^"]+)"', after)]
        into_parts = [u for u in links if u.startswith(f"/{GUIDE}") and urlsplit(u).path != f"/{GUIDE}"]
        assert len(into_parts) == 1, f"#{anchor}: een korte tekst met één link naar een deel verwacht: {links}"
        target = into_parts[0]
        page = _page(built_site, target)
        assert page.is_file(), f"#{anchor}: {target} bestaat niet"
        there = _headings(page)
        fragment = urlsplit(target).fragment or next(iter(there))  # a page link: its title (h1)
        assert fragment in there, f"#{anchor}: {target}: anker ontbreekt"
        assert there[fragment] == headings[anchor], (anchor, target, there[fragment], headings[anchor])
        moved += 1
    assert moved >= 12


def test_the_overview_lists_every_part_and_each_part_links_back(built_site):
    overview = (built_site / GUIDE / "index.html").read_text(encoding="utf-8")
    linked = {urlsplit(urljoin(f"/{GUIDE}", h)).path for h in re.findall(r'<a href="([^"#]*)"', overview)}
    parts = sorted((ROOT / "content" / GUIDE).glob("*.md"))
    assert len(parts) >= 5
    for part in parts:
        assert f"/{GUIDE}{part.stem}/" in linked, f"het overzicht noemt {part.name} niet"
        text = (built_site / GUIDE / part.stem / "index.html").read_text(encoding="utf-8")
        assert 'href="../"' in text.split("<article", 1)[1], f"{part.name}: geen link terug naar het overzicht"


def test_every_link_into_the_guide_finds_its_page_and_anchor(built_site):
    """Links written by hand in templates and scripts (the open data page, /beheer/) are not checked by MkDocs."""
    checked = 0
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8", errors="replace")
        if "data-bewerken" not in text:
            continue
        base = "/" + str(page.parent.relative_to(built_site)).replace("\\", "/").strip(".") + "/"
        for href in re.findall(r'href="([^"]*data-bewerken[^"]*)"', text):
            url = urljoin(base.replace("//", "/"), html.unescape(href))
            target = _page(built_site, url)
            assert target.is_file(), f"{page.relative_to(built_site)}: {href} bestaat niet"
            fragment = urlsplit(url).fragment
            assert not fragment or f'id="{fragment}"' in target.read_text(encoding="utf-8"), \
                f"{page.relative_to(built_site)}: {href}: anker ontbreekt"
            checked += 1
    assert checked > 20
