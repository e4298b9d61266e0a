"""Screenshot pages of a built site at desktop and phone width: `python scripts/screenshots.py OUT URL_PATH...`.

Serves ./site on a free local port and writes OUT/<name>-desktop.png and -phone.png.
Used to look at every page type after a change.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    server, base = serve(ROOT / "site")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        for path in argv[1:]:
            name = path.strip("/").replace("/", "_").replace("?", "_") or "home"
            for label, size in (("desktop", (1280, 900)), ("top", (1280, 900)), ("phone", (390, 844))):
                page = browser.new_page(viewport={"width": size[0], "height": size[1]})
                page.goto(base + path.lstrip("/"))
                page.wait_for_timeout(300)
                page.screenshot(path=str(out / f"{name}-{label}.png"), full_page=label == "desktop")
                page.close()
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
