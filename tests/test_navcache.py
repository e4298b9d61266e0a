"""The menu cache's key (macros/site/navcache.py): the menu links made relative from a page, computed once per
page folder shape instead of per page, must be exactly what MkDocs' own URL function gives for that page."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.utils import normalize_url

from macros.site.navcache import NavCache

# Few segment names, so that pages and links share prefixes (where relative links differ most).
_SEGMENT = st.sampled_from(["a", "b", "regio-00", "x.y", "", ".", "..", "gemeenten"])
_PATH = st.lists(_SEGMENT, max_size=4).map("/".join)
_PAGE_URL = st.one_of(_PATH, _PATH.map(lambda p: p + "/"), _PATH.map(lambda p: p + "/index.html"),
                      st.sampled_from(["", "404.html", "/abs/", "a//b/"]))
_LINK = st.one_of(_PATH.map(lambda p: p + "/"), _PATH, st.sampled_from(["", "#top", "https://example.org/x/", "../up/",
                                                                     "/root/", "a/../b/"]))


def _cache(links: list[str]) -> NavCache:
    nav = SimpleNamespace(items=[SimpleNamespace(url=u, children=None) for u in links], pages=[], homepage=None)
    cache = NavCache()
    cache.start(nav, normalize_url)
    return cache


@settings(derandomize=True, max_examples=150, deadline=None)
@given(links=st.lists(_LINK, min_size=1, max_size=6), pages=st.lists(_PAGE_URL, min_size=1, max_size=8))
@example(links=["a/", "a/b/", "b/"], pages=["a/b/c/", "a/c/d/", "a/b/d/", "b/"])
def test_the_menu_key_per_page_folder_is_what_mkdocs_gives_for_every_page(links, pages):
    cache = _cache(links)
    for url in pages:
        page = SimpleNamespace(url=url)
        assert cache.key(page) == tuple(normalize_url(u, page=page) for u in links), url


def test_the_pages_of_one_region_folder_share_one_computed_key():
    """The point of the key per folder shape: a region's products (regio-05/<product>/) are one shape, not one
    each (each computed every menu link again: 2 % of a build at 500 products)."""
    cache = _cache(["", "zoeken/", "regio-05/", "regio-06/", "over/bronnen/"])
    for url in ["regio-05/a1/", "regio-05/b2/", "regio-05/codetabel/", "regio-06/c3/", "gemeenten/x/", "gemeenten/y/"]:
        cache.key(SimpleNamespace(url=url))
    assert len(cache.keys) == 3  # regio-05/…, regio-06/…, and any other folder two deep
