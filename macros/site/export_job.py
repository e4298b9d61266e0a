"""The open-data files (workbooks, CSV, JSON) made by a second process while MkDocs renders the pages.

After the catalogue is loaded and the pages' list is known (the hook's ``on_nav``), the build's process forks
(``ExportJob.start``): the child makes every file of ``macros.exports.export_files`` from its copy of the
catalogue, writes each into the site folder (a file whose bytes did not change is left alone; a new one is
written to a temporary name and renamed, so a reader never sees half a file) and hands back the files' sizes and,
under ``mkdocs serve --dirty``, what it made for the next rebuild to keep (``macros.site.kept_exports``). The
pages only need the files' paths (``macros.exports.export_paths``) and, on /open-data/, their sizes: the page is
written with marks (``size_text``) and filled in when the files are done (``page``, ``_fill_pages``).

- ``mkdocs build`` waits for the files before it ends (``finish_build``) and fails on the process's error.
- ``mkdocs serve`` does not wait: the pages are served as soon as they are written, the files follow when the
  process is done (logged as "Open data: … bestanden klaar"). The next build waits for them first.

No MkDocs import (the seam).
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import re
import secrets
import sys
import threading
import time
import traceback
from collections.abc import Callable

from macros.components.opendata import file_size

log = logging.getLogger("mkdocs.productenboek")
# A size on a page, filled in when the files are made: the files it counts (paths joined by '|'). The mark holds a
# key drawn once per process, so text from data/ on the page that looks like a mark is never one: it stays as written.
_KEY = secrets.token_hex(8)
MARK = re.compile(rf"@@pb-grootte-{_KEY}:([^@<>]+)@@")
UNKNOWN = "grootte volgt"  # said until the files are made (mkdocs serve: a few seconds)


def write_files(site_dir: str, files: dict[str, bytes]) -> int:
    """Write every file into site_dir whose bytes differ from what is there; each through a temporary file in the
    same folder, renamed (atomic: a reader sees the old file or the new one). The number written."""
    written = 0
    for rel, content in files.items():
        dest = os.path.join(site_dir, *rel.split("/"))
        try:
            if os.path.getsize(dest) == len(content):
                with open(dest, "rb") as f:
                    if f.read() == content:
                        continue
        except OSError:
            os.makedirs(os.path.dirname(dest), exist_ok=True)
        tmp = f"{dest}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            f.write(content)
        os.replace(tmp, dest)
        written += 1
    return written


def _fill(html: str, sizes: dict[str, int]) -> str:
    def size(m: re.Match) -> str:
        paths = m.group(1).split("|")
        return file_size(sum(sizes[p] for p in paths)) if all(p in sizes for p in paths) else UNKNOWN
    return MARK.sub(size, html)


class ExportJob:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.built = threading.Event()  # set when MkDocs has written this build's pages
        self.sizes: dict[str, int] | None = None  # this build's files, once written
        self.last_sizes: dict[str, int] = {}
        self.error: str | None = None
        self.site_dir = ""
        self.marked: dict[str, str] = {}  # the pages (paths in the site) that say sizes -> their HTML with the marks

    @staticmethod
    def size_text(paths: list[str]) -> str:
        """What a page says for the size of these files together: a mark, filled in when they are made."""
        return f"@@pb-grootte-{_KEY}:{'|'.join(paths)}@@"

    def wait(self) -> None:
        """Until the last build's files are written (a build waits for them before it starts)."""
        if self.thread is not None:
            self.built.set()
            self.thread.join()
            self.thread = None

    def start(self, make: Callable[[], tuple[dict[str, bytes], object]], site_dir: str,
              take: Callable[[object], None]) -> None:
        """Make and write the files in a second process: ``make()`` gives them (and what to ``take`` back)."""
        self.wait()
        self.sizes, self.error, self.site_dir = None, None, site_dir
        self.built.clear()
        if not hasattr(os, "fork"):  # no second process here: made by a thread of this one
            self.thread = threading.Thread(target=lambda: self._done(*self._work(make, site_dir), take), daemon=True)
            self.thread.start()
            return
        sys.stdout.flush()
        sys.stderr.flush()
        r, w = os.pipe()
        # The objects so far out of the collector's sight in the child: walking them there would copy every memory
        # page they are on (copy-on-write); the build's process takes them back at once.
        gc.freeze()
        pid = os.fork()
        if pid:
            gc.unfreeze()
        if pid == 0:  # the export process: make, write, answer, and leave without running the parent's exit code
            code = 1
            try:
                os.close(r)
                answer = self._work(make, site_dir)
                with os.fdopen(w, "wb") as f:
                    pickle.dump(answer, f, protocol=pickle.HIGHEST_PROTOCOL)
                code = 0
            finally:
                os._exit(code)
        os.close(w)
        self.thread = threading.Thread(target=self._collect, args=(pid, r, take), name="open-data", daemon=True)
        self.thread.start()

    @staticmethod
    def _work(make, site_dir: str) -> tuple[str, object]:
        start = time.perf_counter()
        try:
            files, made = make()
            written = write_files(site_dir, files)
        except Exception as exc:  # handed to the build's process, which fails the build with it
            # a ValueError says what in the data is wrong, in Dutch; anything else is a fault: its traceback
            detail = str(exc) if isinstance(exc, ValueError) else traceback.format_exc(limit=-3).strip()
            return "error", f"Open data niet gemaakt: {detail}"
        return "ok", ({p: len(b) for p, b in files.items()}, made, written, time.perf_counter() - start)

    def _collect(self, pid: int, fd: int, take) -> None:
        with os.fdopen(fd, "rb") as f:
            data = f.read()
        _, status = os.waitpid(pid, 0)
        try:
            kind, value = pickle.loads(data)
        except Exception:
            kind, value = "error", ("Open data niet gemaakt: het exportproces stopte zonder antwoord "
                                    f"(afsluitcode {os.waitstatus_to_exitcode(status)})")
        self._done(kind, value, take)

    def _done(self, kind: str, value, take) -> None:
        if kind != "ok":
            self.built.wait()
            self.error = value
            log.error(value)
            return
        sizes, made, written, seconds = value
        if made is not None:
            take(made)
        self.built.wait()  # the pages are written: fill in the sizes where MkDocs wrote marks
        with self.lock:
            self.sizes = self.last_sizes = sizes
            pages = dict(self.marked)
        for dest, html in pages.items():  # written by this build, or an earlier one under serve --dirty
            if os.path.exists(os.path.join(self.site_dir, *dest.split("/"))):  # not a page no longer built
                write_files(self.site_dir, {dest: _fill(html, sizes).encode("utf-8", errors="xmlcharrefreplace")})
        log.info("Open data: %d bestanden klaar, %d geschreven (%.1f s in een tweede proces)", len(sizes), written, seconds)

    def page(self, html: str, dest: str) -> str:
        """A page's HTML as MkDocs writes it (the hook's last step): the sizes filled in (those of the last files
        made until this build's are), and filled in again from the marked HTML when the files are done."""
        with self.lock:
            if not MARK.search(html):
                self.marked.pop(dest, None)
                return html
            self.marked[dest] = html
            return _fill(html, self.sizes if self.sizes is not None else self.last_sizes)

    def finish_build(self, wait: bool) -> str | None:
        """MkDocs has written the pages; ``wait``: until the files are made too. The process's error, if any."""
        self.built.set()
        if wait:
            self.wait()
        return self.error


EXPORTS = ExportJob()
