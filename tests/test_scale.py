"""National scale (issue 32): no page grows with the catalogue beyond its own region, and every page keeps
to the budget of 200 KB of HTML (40 KB gzipped).

Two builds of a synthetic nation (benchmarks/synthetic.py): SMALL regions of PER_REGION products, then
the same regions (the same products, byte for byte) and as many again. A page whose region is in both must
not grow by more than the navigation and the region lists do per added region; a page that lists every
product of the catalogue grows by the added regions' products, many times more. /zoeken/ lists every
product up to products.STATIC_LIST_MAX (and links the region pages above it): its budget is that maximum.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import pytest

from macros.components import products

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from synthetic import write_nation

PER_REGION = 30
SMALL, LARGE = 5, 11  # regions; LARGE * PER_REGION is above STATIC_LIST_MAX, so /zoeken/ links regions there
PAGE_MAX, GZIP_MAX = 200_000, 40_000  # bytes, per page, at any size (issue 32)
PER_ADDED_REGION = 3_000  # bytes a list of regions (or of municipalities, 8 a region) may grow per added region


def pages(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*.html")}


@pytest.fixture(scope="module")
def nations(tmp_path_factory, mkdocs_build) -> tuple[dict[str, bytes], dict[str, bytes]]:
    out = []
    for regions in (SMALL, LARGE):
        work = tmp_path_factory.mktemp(f"nation{regions}")
        data = write_nation(work, regions * PER_REGION, sizes=[PER_REGION] * regions)
        result = mkdocs_build(work / "site", data_dir=data, strict=False)  # content/ links the real regions
        assert result.returncode == 0, result.stderr[-3000:]
        out.append(pages(work / "site"))
    assert LARGE * PER_REGION > products.STATIC_LIST_MAX >= SMALL * PER_REGION
    return out[0], out[1]


def test_no_page_grows_beyond_its_region(nations):
    small, large = nations
    # the theme's navigation lists the regions: what a product page of a region in both builds grows by
    chrome = len(large["regio-00/45a00/index.html"]) - len(small["regio-00/45a00/index.html"])
    allowed = chrome + PER_ADDED_REGION * (LARGE - SMALL)
    grown = {name: len(large[name]) - len(html) for name, html in small.items() if name in large}
    assert len(grown) > 200 and chrome < PER_ADDED_REGION * (LARGE - SMALL)
    too_much = {name: g for name, g in grown.items() if g > allowed}
    assert not too_much, f"pages that grow with the catalogue, not with their region (allowed {allowed} bytes): {too_much}"


def test_every_page_within_the_budget(nations):
    small, large = nations
    for site in (small, large):
        sizes = {name: (len(html), len(gzip.compress(html, 6))) for name, html in site.items()}
        over = {name: s for name, s in sizes.items() if s[0] > PAGE_MAX or s[1] > GZIP_MAX}
        assert not over, f"pages over {PAGE_MAX} bytes or {GZIP_MAX} gzipped: {over}"
    # the finder lists every product up to STATIC_LIST_MAX: its size per listed product, at that maximum
    per_product = (len(small["zoeken/index.html"]) - len(large["zoeken/index.html"])) / (SMALL * PER_REGION)
    assert per_product > 0  # the large site links the regions instead of listing
    assert len(large["zoeken/index.html"]) + per_product * products.STATIC_LIST_MAX <= PAGE_MAX


def test_split_pages_link_every_region(nations):
    """The index of a split page links each region's part, and the region's part is there (the no-JavaScript
    route to every row)."""
    _, large = nations
    for index, part in (("normenkader/index.html", "normenkader"), ("datakwaliteit/index.html", "datakwaliteit"),
                        ("vergelijken/index.html", "vergelijken")):
        html = large[index].decode()
        for k in range(LARGE):
            assert f'regio-{k:02d}/{part}/"' in html, (index, k)
            assert f"regio-{k:02d}/{part}/index.html" in large
