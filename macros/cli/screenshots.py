"""Screenshots of every page type at phone and desktop width, to look at after a change.

    .venv/bin/productenboek-screenshots OUT [SITE_DIR] [URL_PATH...]

Serves SITE_DIR (default ./site, build it first) on a free local port and writes, per page,
OUT/<name>-375.png (phone, whole page), OUT/<name>-1366.png (desktop, whole page) and
OUT/<name>-375-top.png (what a phone shows first). Without URL paths: one page of every page type
(macros/cli/pagetypes.py).
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from macros.cli.pagetypes import PAGE_TYPES

ROOT = Path(__file__).resolve().parents[2]  # the repository (an editable install)

CHROMIUM = "/usr/bin/chromium"
SIZES = (("375", (375, 812), True), ("375-top", (375, 812), False), ("1366", (1366, 900), True))


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    site = Path(argv[1]) if len(argv) > 1 else ROOT / "site"
    pages = {p.strip("/").replace("/", "_").replace("?", "_") or "home": p for p in argv[2:]} or PAGE_TYPES
    server, base = serve(site)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        for name, path in pages.items():
            for label, (width, height), full in SIZES:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(base + path.lstrip("/"))
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(300)
                page.screenshot(path=str(out / f"{name}-{label}.png"), full_page=full)
                page.close()
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
