"""What a `mkdocs serve --dirty` rebuild compares with the last build (``macros.site.incremental``): the data
folder's files, the code's and theme's files, and what a page's theme output is made of.

No MkDocs import (the seam).
"""

from __future__ import annotations

import os
from pathlib import Path

# What a page's theme output is made of, besides the navigation and configuration.
PAGE_ATTRS = ("title", "url", "content", "meta")


def _toc_key(toc) -> tuple:
    return tuple((t.id, t.title, t.level, t.url, _toc_key(t.children)) for t in toc)


def page_key(page) -> tuple:
    return (*(getattr(page, a, None) for a in PAGE_ATTRS), _toc_key(page.toc or []),
            getattr(page, "pb_lastmod", None))


def data_stamp(data_dir: Path) -> dict[str, tuple[int, int]]:
    """Every file below data/: size and modification time, by path relative to data/."""
    out = {}
    for dirpath, _dirnames, filenames in os.walk(data_dir):
        for name in filenames:
            full = os.path.join(dirpath, name)
            st = os.stat(full)
            out[os.path.relpath(full, data_dir).replace(os.sep, "/")] = (st.st_size, st.st_mtime_ns)
    return out


def tree_stamp(*roots: Path) -> tuple:
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
