"""`mkdocs serve --dirty` (scripts/serve.sh): after an edit, write only the pages whose output changed.

A rebuild under `mkdocs serve` is a full build: every page goes through the theme's template again,
which is most of a rebuild's time. Under ``serve --dirty`` MkDocs skips a page whose file says
``is_modified()`` is false, and keeps the site folder between rebuilds. This module answers that
question for every page, from what the page *is*, not from file dates:

- A generated page is read again (its component rendered to HTML) only when a data file it can show
  changed (``macros.site.reach.dependencies``: a product page on its own file, its region's files outside
  products/ and the files of the products it names; a region's pages on the region's files and on the regions
  of the products they name; a municipality page on the regions that list it; a
  source document's page on the region files that list it and the files of the products citing it); any other
  change in data/ (decision trees, sources, synonyms, …), another git HEAD or site address, or a page
  with no such map (whole-catalogue pages, hand-written pages) means reading it again. A page not read
  gets the previous build's content, contents list, title and metadata back (MkDocs leaves a skipped
  page empty): at 2,000 products reading every page was most of a rebuild.
- A page goes through the theme again only when its output can differ from the previous build's:
  its content, contents list, title, address or metadata changed. Everything else a page's HTML is
  made of is the same for all pages (the configuration, the theme, the navigation): when that
  changes, every page is written again (``full``).
- The files of the build (pages, exports, data files) are compared as a list: a file that came or
  went empties the site folder and writes everything, so no stale file is served.
- The open-data files are made by a second process (``macros.site.export_job``) from what the last
  build kept (``macros.site.kept_exports``); the rebuild does not wait for them.

Any failed build makes the next one full. ``mkdocs build`` never comes here.

No MkDocs import (the seam): the objects come from macros.site.hooks.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from macros import exports
from macros.catalogue import loader, provenance, reader, yamlfile
from macros.cms import site as cms_site
from macros.search import words as search_words
from macros.site import history as git_history
from macros.site import stamps
from macros.site.kept_exports import KeptExports, Made
from macros.site.reach import ALWAYS, changed_keys, dependencies, extras
from macros.site.state import ROOT, STATE
from macros.site.themecache import THEME_BYTECODE

# What MkDocs' _populate_page leaves on a page, put back on a page not read again (generated pages only:
# their Markdown is empty, so they have no links to other pages' anchors to check).
SAVED_ATTRS = ("markdown", "meta", "content", "toc", "_title_from_render", "present_anchor_ids", "pb_lastmod")


log = logging.getLogger("mkdocs.productenboek")


def _drop_dirty_warning(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("A 'dirty' build is being performed")


@dataclass
class Incremental:
    active: bool = False  # `mkdocs serve --dirty`
    full: bool = True  # this build writes every page
    phase: str = "read"  # "read": every page is read and rendered; "write": only those in `write`
    write: set[str] = field(default_factory=set)
    prev_files: tuple = ()
    prev_nav: object = None
    prev_pages: dict[str, tuple] = field(default_factory=dict)  # src_uri -> page_key of the last build
    reread: set[str] | None = None  # the pages read this build (None: all)
    data_stamp: dict = field(default_factory=dict)  # data/ as the last build read it (stamps.data_stamp)
    new_stamp: dict = field(default_factory=dict)
    prev_context: object = None
    prev_deps: dict[str, frozenset[str] | None] = field(default_factory=dict)
    prev_extras: dict[str, tuple] = field(default_factory=dict)
    saved: dict[str, dict] = field(default_factory=dict)  # generated page -> its SAVED_ATTRS of the last build
    written: dict[str, object] = field(default_factory=dict)  # generated file (not a page) -> the content last written
    kept_exports: KeptExports | None = None
    prev_cat: object = None  # the last build's catalogue: its products' views (macros.view.product)
    _files: object = None  # this build's mkdocs Files and Navigation
    _nav: object = None
    # The generated pages' MkDocs files, each with its page, kept for the next rebuild (``page_files``): making
    # 5,678 files and pages again (their addresses, canonical URLs) was a tenth of a one-product rebuild at 5,000.
    kept_files: dict[str, object] = field(default_factory=dict)
    kept_key: tuple = ()
    started: float = 0.0  # when this build's first event ran (begin)

    def start(self, command: str, dirty: bool) -> None:
        self.active = command == "serve" and dirty
        self.failed()
        if self.active:
            # MkDocs warns on every dirty build that the navigation may be wrong (it is not here: see
            # above), and a warning stops a strict build: that one warning is dropped, no other.
            logging.getLogger("mkdocs.commands.build").addFilter(_drop_dirty_warning)
            yamlfile.PARSED = {}  # each data file parsed again only when its bytes changed
            reader.VALIDATED = {}  # ... validated again only when parsed again
            loader.RECORDS = {}  # ... and its record made again: the record is kept, so its view can be
            loader.DOCUMENTS = {}  # each source document parsed again only when its bytes changed
            provenance.QUOTES = {}  # a product's quotes looked up in the sources again only when either changed
            cms_site.KEPT = {}  # the CMS configuration made again only when what it shows changed
            self.kept_exports = KeptExports()
            search_words.KEPT = search_words.Kept()  # the word index made again only where an edit reaches it

    def failed(self) -> None:
        """After a failed build (or before the first) nothing of the previous one is trusted."""
        self.full = True
        self.prev_files, self.prev_nav = (), None
        self.prev_pages.clear()
        self.data_stamp, self.prev_context = {}, None
        self.prev_cat = None
        self.prev_deps.clear()
        self.prev_extras.clear()
        self.saved.clear()
        self.written.clear()
        self.kept_files, self.kept_key = {}, ()
        if self.kept_exports is not None:
            self.kept_exports.clear()

    def before_load(self, data_dir: Path) -> None:
        """Before the catalogue is loaded: what data/ holds (taken first, so an edit during the load is
        seen by the next rebuild)."""
        if self.active:
            self.new_stamp = stamps.data_stamp(data_dir)

    def after_load(self, cat) -> None:
        """The catalogue is loaded: the views of the products whose record is the last build's (the file's bytes
        the same) are kept (``macros.view.product.view_of``), unless a file the view shows changed: the product's
        region's files outside products/ (its region file: name, municipalities, whether codes follow JZ020) or
        any file of no region (product types, iJw categories, source documents)."""
        prev, self.prev_cat = self.prev_cat, cat
        if not self.active or prev is None:
            return
        changed = changed_keys(self.data_stamp, self.new_stamp)
        if None in changed:
            return
        views = prev.__dict__.get("_product_views") or {}
        kept = cat.__dict__.setdefault("_product_views", {})
        for ref, view in views.items():
            if cat.producten.get(ref) is view.p and f"~{view.p.regio}" not in changed:
                kept[ref] = view
        # A product's search words (macros.search.words.fields) show its region's name and every region's titles
        # of the source documents: kept only when no file outside products/ changed.
        if not any(k.startswith("~") for k in changed if k is not None):
            cat.__dict__["_pb_fields"] = dict(prev.__dict__.get("_pb_fields") or {})

    def exports_work(self, cat, site_url: str, date: str | None):
        """What the export process runs (``macros.site.export_job``): the open-data files
        (``macros.exports.export_files``) and, under ``serve --dirty``, made from what the last build kept
        (``KeptExports``), with what it made anew for ``take_exports``."""
        kept, stamp = self.kept_exports, self.new_stamp
        if not self.active or kept is None:
            return lambda: (exports.export_files(cat, site_url, date), None)
        return lambda: kept.files(cat, site_url, date, stamp)

    def take_exports(self, made: Made) -> None:
        if self.kept_exports is not None:
            self.kept_exports.take(made)

    def page_files(self, key: tuple) -> dict[str, object]:
        """The last build's files of generated pages outside the navigation, each with its page, to be used again when
        key (what a file's and page's addresses are made from: the site's address and folders, the build's date)
        is the same; MkDocs then makes no page for them (``get_navigation`` makes one only for a file without).
        Such a page is the last build's in every attribute MkDocs sets on it: its navigation links are empty
        (outside the navigation), and a page not read again gets the last build's content back anyway
        (``on_env``). Empty outside ``serve --dirty`` and after a failed build."""
        if not self.active or key != self.kept_key:
            self.kept_files, self.kept_key = {}, key
        return self.kept_files

    def on_nav(self, config, files, nav) -> None:
        """Before the pages are read: empty the site folder when the list of files changed, and let
        every page answer MkDocs' is_modified() from this object."""
        if not self.active:
            return
        self.phase, self.write = "read", set()
        self._files, self._nav = files, nav
        stamp = (tuple(f.src_uri for f in files), tuple(STATE.exports), config.get("site_url"),
                 stamps.tree_stamp(Path(config.config_file_path), ROOT / "overrides", ROOT / "macros"))
        if stamp != self.prev_files:
            self.full = True
            site = Path(config["site_dir"])
            if site.is_dir():
                for child in site.iterdir():
                    shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
        self.prev_files = stamp
        in_nav = {id(p) for p in nav.pages}
        self.kept_files = {f.src_uri: f for f in files.documentation_pages()
                           if f.src_uri in STATE.generated and f.page is not None and id(f.page) not in in_nav}
        self.reread = self._pages_to_read([f.src_uri for f in files.documentation_pages()])
        for f in files.documentation_pages():
            f.is_modified = functools.partial(self._is_modified, f.src_uri)
        # The generated files (exports, the finder's data, product JSON): written only when their bytes differ
        # from the last build's (MkDocs writes every file given as content on every build; rewriting the same
        # bytes was a seventh of a rebuild at 2,000 products, and each new modification time is a change for
        # livereload).
        written, self.written = self.written, {}
        for f in files:
            if f._content is not None and not f.is_documentation_page():
                f.is_modified = functools.partial(self._content_changed, f, written.get(f.src_uri))

    def _content_changed(self, f, before) -> bool:
        content = f._content
        self.written[f.src_uri] = content
        return self.full or before is None or before != content or not os.path.isfile(f.abs_dest_path)

    def _pages_to_read(self, pages: list[str]) -> set[str] | None:
        """The pages a data edit can reach (None: all), from the data files that changed since the last build."""
        old, new = self.data_stamp, self.new_stamp
        regions = changed_keys(old, new)
        context = (git_history.cached_heads(), STATE.site_url, STATE.repo_url, STATE.preview, STATE.data_date)
        deps, more = dependencies(STATE.cat(), STATE.generated), extras(STATE.cat())
        everything = self.full or None in regions or context != self.prev_context
        prev_deps, prev_more = self.prev_deps, self.prev_extras
        self.data_stamp, self.prev_context, self.prev_deps, self.prev_extras = new, context, deps, more
        if everything:
            return None
        missing = object()
        out = set()
        for src in pages:
            d, before = deps.get(src, ALWAYS), prev_deps.get(src, missing)
            if (d is ALWAYS or before is ALWAYS or before is missing or src not in self.saved or (d | before) & regions
                    or more.get(src) != prev_more.get(src)):
                out.add(src)
        return out

    def _is_modified(self, src_uri: str) -> bool:
        if self.phase == "read":
            return self.reread is None or src_uri in self.reread
        return src_uri in self.write

    def on_env(self, env, config) -> None:
        """Every page has been read: choose the ones whose output can differ."""
        if not self.active:
            return
        env.bytecode_cache = THEME_BYTECODE
        files, nav = self._files, self._nav
        pages = [f.page for f in files.documentation_pages() if f.page is not None]
        reread, saved, generated = self.reread, self.saved, STATE.generated
        self.saved = {}
        for p in pages:
            src = p.file.src_uri
            if reread is not None and src not in reread:
                # not read: a page kept from the last build (page_files) still has its attributes; one made anew
                # (in the navigation) has them put back. Either way they are the last build's: kept as they were.
                if p.content is None:
                    for attr, value in saved[src].items():
                        setattr(p, attr, value)
                if src in generated:
                    self.saved[src] = saved[src]
            elif src in generated:
                self.saved[src] = {a: getattr(p, a, None) for a in SAVED_ATTRS}
        # The navigation every page shows: its pages' titles, addresses and metadata.
        nav_key = (repr(config.get("nav")), tuple((p.file.src_uri, p.title, p.url, repr(p.meta)) for p in nav.pages))
        # a page not read again has the last build's attributes back: its key is the last build's
        prev_keys, reread = self.prev_pages, self.reread
        keys = {p.file.src_uri: prev_keys[p.file.src_uri]
                if reread is not None and p.file.src_uri not in reread and p.file.src_uri in prev_keys else stamps.page_key(p)
                for p in pages}
        if self.full or nav_key != self.prev_nav:
            self.write = set(keys)
        else:
            self.write = {src for src, key in keys.items() if self.prev_pages.get(src) != key}
        self.prev_nav, self.prev_pages = nav_key, keys
        self.phase = "write"
        log.info("serve --dirty: %d van %d pagina's opnieuw gelezen, %d opnieuw geschreven%s",
                 len(keys) if self.reread is None else len(self.reread), len(keys), len(self.write),
                 " (alles: navigatie, bestandenlijst, configuratie of thema gewijzigd)" if len(self.write) == len(keys) else "")

    def begin(self) -> None:
        self.started = time.perf_counter()

    def on_post_build(self) -> None:
        if self.active:
            self.full = False
            self.phase = "read"
            # MkDocs says "Documentation built in …" once per distinct text (its build module's logger drops a
            # message it has logged before), so a rebuild as fast as an earlier one says nothing: this line is
            # said after every build (benchmarks/build_bench.py reads it).
            log.info("serve --dirty: pagina's klaar in %.2f s", time.perf_counter() - self.started)


INCREMENTAL = Incremental()
