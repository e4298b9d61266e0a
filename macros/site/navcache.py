"""The theme's navigation menu rendered once per distinct output, not once per page.

Material renders the whole navigation tree into every page (``partials/nav.html``, included by
``block site_nav`` of ``base.html``): at 500 products that was 70 % of the theme's time per page and
15 % of a build. For a page outside the navigation (a product, a municipality, a region's subpage:
most pages) no item is active and no item is the page, so the menu's HTML depends only on where its
links point from that page. The key is exactly that: every link's address as the theme's ``url``
filter writes it for this page (the same function, passed in). Pages in the navigation, and any page
while an item is active, are rendered as before.

The partial's compiled render function is wrapped in place (``Template.root_render_func``, what
Jinja's ``{% include %}`` calls): no template is changed. Should Jinja hand out another template
object (a reload, a cache eviction), that one simply renders every time.

No MkDocs import (the seam): ``macros.site.hooks`` passes the URL function and the navigation.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator

PARTIAL = "partials/nav.html"


def _items(items) -> list:
    out = []
    for item in items or []:
        out.append(item)
        out += _items(getattr(item, "children", None))
    return out


def _norm_parts(path: str) -> list[str]:
    """A path's segments as MkDocs' get_relative_url reads them (normalised, relative to the root)."""
    if not path.startswith("/"):
        path = "/" + path
    path = posixpath.normpath(path)[1:]
    return path.split("/") if path else []


def _prefixes(urls: list[str]) -> set[tuple[str, ...]]:
    """Every leading run of segments of every link, as written and as normalised (more prefixes than needed
    only split the cache further; never fewer)."""
    out: set[tuple[str, ...]] = set()
    for u in urls:
        for parts in (_norm_parts(u), [x for x in u.split("/") if x]):
            out.update(tuple(parts[:i]) for i in range(len(parts) + 1))
    return out


def _where(url: str, prefixes: set[tuple[str, ...]]) -> tuple | None:
    """What every menu link made relative from a page at url depends on: the number of segments of the page's
    folder, and the longest leading run of them that begins some link. A link goes up from the folder to their
    common prefix, then down (MkDocs' get_relative_url, which drops a last segment holding a dot); that common
    prefix is a leading run of the folder that begins a link, so it lies within that longest run: pages in
    regio-05/<product>/ share one key, whatever the product. None for an address with '.', '..', a leading '/'
    or an empty segment: then every link is computed."""
    folder, _, last = url.rpartition("/")
    parts = (folder if "." in last else url).split("/")
    if parts and parts[-1] == "":
        parts.pop()
    if parts == [""]:
        parts = []
    if any(x in ("", ".", "..") for x in parts):
        return None
    n = len(parts)
    while n and tuple(parts[:n]) not in prefixes:
        n -= 1
    return len(parts), tuple(parts[:n])


class NavCache:
    def __init__(self) -> None:
        self.normalize: Callable[..., str] | None = None
        self.items: list = []
        self.in_nav: set[int] = set()
        self.urls: list[str] = []
        self.store: dict[tuple, str] = {}
        self.hits = 0
        self.prefixes: set[tuple[str, ...]] = set()
        self.keys: dict[tuple, tuple] = {}  # (segments, leading run that begins a link) of a page's folder -> its menu key

    def start(self, nav, normalize_url: Callable[..., str], homepage: str | None = None) -> None:
        """A new build: its navigation, and the theme's URL function (``normalize_url(path, page=…)``)."""
        self.normalize = normalize_url
        self.items = _items(nav.items)
        self.in_nav = {id(p) for p in nav.pages}
        urls = [u for u in (getattr(i, "url", None) for i in self.items) if isinstance(u, str)]
        if nav.homepage is not None:
            urls.append(nav.homepage.url)
        if homepage:
            urls.append(str(homepage))
        self.urls = urls
        self.store = {}
        self.hits = 0
        self.prefixes = _prefixes(urls)
        self.keys = {}

    def key(self, page) -> tuple | None:
        """What the menu's HTML depends on for page, or None when it is not to be shared."""
        if self.normalize is None or page is None or id(page) in self.in_nav:
            return None
        if any(getattr(i, "active", False) for i in self.items):
            return None
        where = _where(page.url, self.prefixes)
        if where is None:
            return tuple(self.normalize(u, page=page) for u in self.urls)
        if (key := self.keys.get(where)) is None:
            key = self.keys[where] = tuple(self.normalize(u, page=page) for u in self.urls)
        return key

    def install(self, env) -> None:
        """Wrap the menu partial of this template environment (one per build)."""
        template = env.get_template(PARTIAL)
        render = template.root_render_func
        if getattr(render, "pb_nav_cache", False):
            return

        def cached(context) -> Iterator[str]:
            key = self.key(context.get("page"))
            if key is None:
                yield from render(context)
                return
            if (html := self.store.get(key)) is None:
                html = self.store[key] = "".join(render(context))
            else:
                self.hits += 1
            yield html

        cached.pb_nav_cache = True  # type: ignore[attr-defined]
        template.root_render_func = cached


NAV = NavCache()
