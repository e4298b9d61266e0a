"""`mkdocs serve --dirty` (scripts/serve.sh): after an edit, write only the pages whose output changed.

A rebuild under `mkdocs serve` is a full build: every page goes through the theme's template again,
which is most of a rebuild's time. Under ``serve --dirty`` MkDocs skips a page whose file says
``is_modified()`` is false, and keeps the site folder between rebuilds. This module answers that
question for every page, from what the page *is*, not from file dates:

- Every page is still read and rendered to HTML (our components, the macros, Markdown): that is
  what tells which pages a data edit reaches (a region page, a municipality page, the finder's
  page), without a map of what each page reads from the catalogue.
- A page goes through the theme again only when its output can differ from the previous build's:
  its content, contents list, title, address or metadata changed. Everything else a page's HTML is
  made of is the same for all pages (the configuration, the theme, the navigation): when that
  changes, every page is written again (``full``).
- The files of the build (pages, exports, data files) are compared as a list: a file that came or
  went empties the site folder and writes everything, so no stale file is served.

Any failed build makes the next one full. ``mkdocs build`` never comes here.

No MkDocs import (the seam): the objects come from macros.site.hooks.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from macros.catalogue import yamlfile
from macros.cms import site as cms_site
from macros.site.state import ROOT

# What a page's theme output is made of, besides the navigation and configuration.
PAGE_ATTRS = ("title", "url", "content", "meta")


def _toc_key(toc) -> tuple:
    return tuple((t.id, t.title, t.level, t.url, _toc_key(t.children)) for t in toc)


def page_key(page) -> tuple:
    return (*(getattr(page, a, None) for a in PAGE_ATTRS), _toc_key(page.toc or []),
            getattr(page, "pb_lastmod", None))


def _tree_stamp(*roots: Path) -> tuple:
    """Names, sizes and modification times of the files below roots: the theme overrides, the code and
    the configuration, whose change makes every page different."""
    out = []
    for root in roots:
        if root.is_file():
            st = root.stat()
            out.append((str(root), st.st_size, st.st_mtime_ns))
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(filenames):
                st = os.stat(os.path.join(dirpath, name))
                out.append((os.path.join(dirpath, name), st.st_size, st.st_mtime_ns))
    return tuple(out)


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """The theme's compiled templates, kept between rebuilds (MkDocs makes a new template environment for
    every build, which compiled Material's 50 templates again: a quarter of a rebuild). Jinja checks each
    entry against the template's source, so an edited template is compiled anew."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self.store.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


THEME_BYTECODE = _MemoryBytecodeCache()
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
    _files: object = None  # this build's mkdocs Files and Navigation
    _nav: object = None

    def start(self, command: str, dirty: bool) -> None:
        self.active = command == "serve" and dirty
        self.failed()
        if self.active:
            # MkDocs warns on every dirty build that the navigation may be wrong (it is not here: see
            # above), and a warning stops a strict build: that one warning is dropped, no other.
            logging.getLogger("mkdocs.commands.build").addFilter(_drop_dirty_warning)
            yamlfile.PARSED = {}  # each data file parsed again only when its bytes changed
            cms_site.KEPT = {}  # the CMS configuration made again only when what it shows changed

    def failed(self) -> None:
        """After a failed build (or before the first) nothing of the previous one is trusted."""
        self.full = True
        self.prev_files, self.prev_nav = (), None
        self.prev_pages.clear()

    def on_nav(self, config, files, nav) -> None:
        """Before the pages are read: empty the site folder when the list of files changed, and let
        every page answer MkDocs' is_modified() from this object."""
        if not self.active:
            return
        self.phase, self.write = "read", set()
        self._files, self._nav = files, nav
        stamp = (tuple(f.src_uri for f in files), config.get("site_url"),
                 _tree_stamp(Path(config.config_file_path), ROOT / "overrides", ROOT / "macros"))
        if stamp != self.prev_files:
            self.full = True
            site = Path(config["site_dir"])
            if site.is_dir():
                for child in site.iterdir():
                    shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
        self.prev_files = stamp
        for f in files.documentation_pages():
            f.is_modified = functools.partial(self._is_modified, f.src_uri)

    def _is_modified(self, src_uri: str) -> bool:
        return self.phase == "read" or src_uri in self.write

    def on_env(self, env, config) -> None:
        """Every page has been read: choose the ones whose output can differ."""
        if not self.active:
            return
        env.bytecode_cache = THEME_BYTECODE
        files, nav = self._files, self._nav
        pages = [f.page for f in files.documentation_pages() if f.page is not None]
        # The navigation every page shows: its pages' titles, addresses and metadata.
        nav_key = (repr(config.get("nav")), tuple((p.file.src_uri, p.title, p.url, repr(p.meta)) for p in nav.pages))
        keys = {p.file.src_uri: page_key(p) for p in pages}
        if self.full or nav_key != self.prev_nav:
            self.write = set(keys)
        else:
            self.write = {src for src, key in keys.items() if self.prev_pages.get(src) != key}
        self.prev_nav, self.prev_pages = nav_key, keys
        self.phase = "write"
        log.info("serve --dirty: %d van %d pagina's opnieuw geschreven%s", len(self.write), len(keys),
                 " (alles: navigatie, bestandenlijst, configuratie of thema gewijzigd)" if len(self.write) == len(keys) else "")

    def on_post_build(self) -> None:
        if self.active:
            self.full = False
            self.phase = "read"


INCREMENTAL = Incremental()
