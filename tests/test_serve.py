"""`mkdocs serve --dirty` (scripts/serve.sh): a rebuild reads only the pages a data edit can reach and
writes only the pages whose output changed (macros/site/incremental.py), the exports and the finder's data
only where their bytes changed, and the served site then equals a fresh build of the same data.

Build lane (it requests ``mkdocs_build``): it runs the real server on a copy of the data, twice.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import ROOT
from macros.components.opendata import file_size

PRODUCT = Path("products") / "flevoland" / "45f34.yaml"
NAME = "naam: Multidisciplinaire Specialistische Jeugdhulp Behandeling - Gezin intensief"
OTHER = Path("products") / "haaglanden" / "groepsbegeleiding.yaml"  # another region's product
OTHER_NAME = "naam: Groepsbegeleiding"
NAMED = Path("products") / "zuid-limburg" / "34100.yaml"  # a product other products name (samenloop)
NAMED_NAME = "naam: Dyslexie Diagnose"
NEW_WORD = "kwartelkoning"  # in no product: the finder's word index has it only after the edit


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`mkdocs serve --dirty` on a data folder; its site folder is found below its own TMPDIR."""

    def __init__(self, data: Path, port: int, tmp: Path):
        tmp.mkdir(parents=True)
        self.tmp = tmp
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PRODUCTENBOEK_DATA": str(data), "TMPDIR": str(tmp)}
        self.proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
                                     cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.log: list[str] = []
        threading.Thread(target=lambda: [self.lines.put(x) for x in self.proc.stdout], daemon=True).start()  # type: ignore[union-attr]

    def wait_for(self, pattern: str, *more: str, timeout: float = 600) -> str:
        """Until a line matches each pattern, in any order (the open-data files can be done before or after the
        pages); the line that matched the first pattern."""
        deadline = time.time() + timeout
        waiting, first = [pattern, *more], ""
        while time.time() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                assert self.proc.poll() is None, "mkdocs serve stopped:\n" + "".join(self.log)
                continue
            self.log.append(line)
            for p in [p for p in waiting if re.search(p, line)]:
                waiting.remove(p)
                first = line if p == pattern else first
            if not waiting:
                return first
        raise AssertionError(f"no line matching {waiting!r} from mkdocs serve:\n" + "".join(self.log))

    @property
    def site(self) -> Path:
        (site,) = self.tmp.glob("mkdocs_*")
        return site

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _mtimes(site: Path, pattern: str = "*.html") -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob(pattern)}


def test_serve_rebuild_equals_fresh_build(tmp_path, mkdocs_build):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    product = data / PRODUCT
    original = product.read_text(encoding="utf-8")
    assert NAME in original
    port = _free_port()
    # The pages are built, and the open-data files, made by a second process (macros/site/export_job.py), written.
    built = (r"Documentation built in", r"Open data: \d+ bestanden klaar")
    # A rebuild: the server reloads the browsers after each build that succeeded. (MkDocs logs "Documentation built
    # in 0.47 seconds" once per process: a rebuild as fast as an earlier one says nothing.)
    rebuilt = (r"Reloading browsers", built[1])

    server = Server(data, port, tmp_path / "serve")
    try:
        server.wait_for(*built, r"Serving on")  # watching from here on
        # A data error under serve: the Dutch report naming the file, no traceback, the server goes on.
        time.sleep(1.1)  # a new modification time for the watcher
        product.write_text(original.replace(NAME, "naam: [onaf"), encoding="utf-8")
        server.wait_for(r"De data bevat \d+ fout")
        # Fixed: the next build writes everything (nothing of a failed build is trusted).
        time.sleep(1.1)
        product.write_text(original.replace(NAME, NAME + " (bewerkt)"), encoding="utf-8")
        server.wait_for(*rebuilt)
        before, files_before = _mtimes(server.site), _mtimes(server.site, "*.*")
        # One more edit: only the pages it reaches are written again.
        time.sleep(1.1)
        product.write_text(original.replace(NAME, NAME + " (nogmaals bewerkt)"), encoding="utf-8")
        counts = server.wait_for(r"serve --dirty: \d+ van \d+ pagina's opnieuw gelezen")
        server.wait_for(*rebuilt)
        after, files_after = _mtimes(server.site), _mtimes(server.site, "*.*")
        # Another region's product: a word new to the finder, in its export rows and its search words.
        other = data / OTHER
        text = other.read_text(encoding="utf-8")
        assert OTHER_NAME + "\n" in text
        time.sleep(1.1)
        other.write_text(text.replace(OTHER_NAME + "\n", f"{OTHER_NAME} {NEW_WORD}\n"), encoding="utf-8")
        server.wait_for(r"serve --dirty: \d+ van \d+ pagina's opnieuw gelezen")
        server.wait_for(*rebuilt)
        edited, files_last = _files(server.site), _mtimes(server.site, "*.*")
        # Edits that what a rebuild keeps (validated files, product records and views, search words, the pages
        # not read again) must not miss: a region's name (on its products' views and search words, the source
        # documents' pages and the navigation), the name of a product other products name (their pages, the
        # source pages citing it), and an edit undone (the file's bytes as the first build read them).
        for path, old, new in [(Path("regions") / "flevoland.yaml", "naam: Flevoland\n", "naam: Flevoland-Noord\n"),
                               # a region's municipalities: on the views of its products that hold for all of them
                               (Path("regions") / "zuid-limburg.yaml", "gemeenten: []\n", "gemeenten: [Maastricht]\n"),
                               (NAMED, NAMED_NAME, NAMED_NAME + " hernoemd"), (PRODUCT, None, original)]:
            before_edit = (data / path).read_text(encoding="utf-8")
            assert old is None or old in before_edit, (path, old)
            time.sleep(1.1)
            # written whole at once (renamed into place): a rebuild never reads half an edit
            edit = tmp_path / "edit.tmp"
            edit.write_text(new if old is None else before_edit.replace(old, new, 1), encoding="utf-8")
            edit.replace(data / path)
            server.wait_for(r"serve --dirty: \d+ van \d+ pagina's opnieuw gelezen")
            server.wait_for(*rebuilt)
        served = _files(server.site)
    finally:
        server.stop()
    assert not any("Traceback" in line for line in server.log), "".join(server.log)

    # Only the pages a product file can reach are read again (not the other regions' products).
    read, total = map(int, re.search(r"(\d+) van (\d+) pagina's opnieuw gelezen", counts).groups())
    assert read < total, counts
    rewritten = {p for p, t in after.items() if before.get(p) != t}
    assert "flevoland/45f34/index.html" in rewritten
    assert "flevoland/index.html" in rewritten  # the region's product list
    assert "gemeenten/almere/index.html" in rewritten  # a municipality the product names
    assert len(rewritten) < len(after) / 2, f"{len(rewritten)} of {len(after)} pages written again"
    for page in ("flevoland/45f34/index.html", "flevoland/index.html", "gemeenten/almere/index.html"):
        assert "(nogmaals bewerkt)" in edited[page].decode(), page
    # The generated files (exports, the finder's data) are written only when their bytes changed: the edited
    # region's and all regions' files again, another region's not.
    files = {p for p, t in files_after.items() if files_before.get(p) != t}
    assert {"open-data/flevoland.xlsx", "open-data/flevoland.csv", "open-data/productenboek.xlsx",
            "open-data/producten/flevoland/45f34.json", "zoeken/producten.json"} <= files, sorted(files)
    assert not files & {"open-data/haaglanden.xlsx", "open-data/haaglanden.csv", "open-data/producten/haaglanden/groepsbegeleiding.json"}
    files = {p for p, t in files_last.items() if files_after.get(p) != t}
    assert {"open-data/haaglanden.xlsx", "open-data/productenboek.csv", "zoeken/woorden.json"} <= files, sorted(files)
    assert not files & {"open-data/flevoland.xlsx", "open-data/flevoland.csv", "open-data/producten/flevoland/45f34.json"}
    assert NEW_WORD in served["zoeken/woorden.json"].decode() and NEW_WORD in served["open-data/haaglanden.csv"].decode()
    # /open-data/ says the sizes of the files as the export process wrote them after the last edit.
    page = served["open-data/index.html"].decode()
    assert "grootte volgt" not in page and "@@pb-grootte" not in page
    size = file_size(len(served["open-data/haaglanden.csv"]))
    assert f'<td>{size}</td><td><a href="../open-data/haaglanden.csv" download>' in page, size

    # A fresh server (the same address: the pages carry it) on the same data builds the same site.
    fresh = Server(data, port, tmp_path / "fresh")
    try:
        fresh.wait_for(*built)
        expected = _files(fresh.site)
    finally:
        fresh.stop()
    assert sorted(served) == sorted(expected)
    different = [p for p in expected if served[p] != expected[p]]
    assert not different, f"served after the edit differs from a fresh build: {different[:20]}"
    assert "(nogmaals bewerkt)" not in served["flevoland/45f34/index.html"].decode()
    assert "(de bronnen noemen: Maastricht)" in served["zuid-limburg/34100/index.html"].decode()
    for word in ("Flevoland-Noord", "Diagnose hernoemd"):
        assert any(word in expected[p].decode("utf-8", "replace") for p in expected if p.startswith("bronnen/")), word
        assert any(word in expected[p].decode("utf-8", "replace") for p in expected if p.startswith("open-data/")), word
