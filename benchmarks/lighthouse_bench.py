"""Lighthouse performance (mobile preset) for one page of every page type, served with gzip.

    .venv/bin/python benchmarks/lighthouse_bench.py [--runs N]     (default: 1 run per page)
    .venv/bin/python benchmarks/lighthouse_bench.py --tiny         (a 20-product synthetic catalogue, the home
                                                                   and one product page: tests/test_benchmarks.py)

Builds the real site for the address it is served at, and a baseline in the same run: one plain
Markdown page (the text of the longest product page) with the same theme, theme settings and search
plugin, no hooks, no macros, no scripts of ours. Both are served like GitHub Pages serves them: gzip
for text and a 10-minute cache. Lighthouse 12 (tests/tools/lighthouse-pages.mjs, Debian's Chromium)
runs the default mobile preset (simulated slow 4G and a 4x slower CPU). Prints score and metrics
per page, the median of the runs, and the score as a ratio to the baseline's. Figures, not assertions.
"""

from __future__ import annotations

import gzip
import http.server
import json
import mimetypes
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
from functools import partial
from pathlib import Path
from typing import ClassVar

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
from macros.cli.pagetypes import PAGE_TYPES  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
TEXT = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as GitHub Pages sends them: gzip for text, Cache-Control max-age=600."""

    cache: ClassVar[dict[str, bytes]] = {}

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        body = path.read_bytes()
        zipped = ctype.startswith(TEXT) and "gzip" in self.headers.get("Accept-Encoding", "")
        if zipped:
            key = str(path)
            body = self.cache.get(key) or self.cache.setdefault(key, gzip.compress(body, 6))
        self.send_response(200)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(GzipHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, port


def build(cwd: Path, site: Path, site_url: str, data: Path | None = None) -> None:
    env = {**ENV, "SITE_URL": site_url, **({"PRODUCTENBOEK_DATA": str(data)} if data else {})}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)],
                            cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"build failed in {cwd}:\n{result.stderr[-3000:]}")


def baseline_project(work: Path, ours: Path) -> Path:
    """A plain MkDocs project: the theme settings of mkdocs.yml, one page with a product page's text."""
    import re

    product = max(ours.glob("*/*/index.html"), key=lambda p: p.stat().st_size)  # the longest page two deep: a product
    article = product.read_text(encoding="utf-8").split("<article", 1)[1].split("</article>", 1)[0]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article.split(">", 1)[1])).strip()
    words = text.split()
    paragraphs = [" ".join(words[i:i + 80]) for i in range(0, len(words), 80)]
    docs = work / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Baseline\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    from mkdocs.utils.yaml import yaml_load  # MkDocs' own reading of mkdocs.yml (its !ENV tags resolved)

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    theme = {k: v for k, v in config["theme"].items() if k != "custom_dir"}
    theme["font"] = False
    plain = {"site_name": "Baseline", "site_url": "", "theme": theme, "extra": {"generator": False},
             "plugins": [{"search": {"lang": "nl"}}]}
    (work / "mkdocs.yml").write_text(json.dumps(plain), encoding="utf-8")  # JSON is YAML
    return work


def lighthouse(urls: list[str]) -> list[dict]:
    result = subprocess.run(["node", str(ROOT / "tests/tools/lighthouse-pages.mjs"), "performance", "mobile", *urls],
                            cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=3600)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    return json.loads(result.stdout)


def main(argv: list[str]) -> int:
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 1
    tiny = "--tiny" in argv
    work = Path(tempfile.mkdtemp(prefix="lh-bench-"))
    try:
        ours_dir, base_dir = work / "ours", work / "base"
        ours_dir.mkdir()
        server_ours, port_ours = serve(ours_dir)
        page_types = PAGE_TYPES
        if tiny:
            from synthetic import write_catalogue

            data = write_catalogue(work / "synthetic", 20)
            build(ROOT, ours_dir, f"http://127.0.0.1:{port_ours}/", data)
            first = min((data / "products").rglob("*.yaml"))
            page_types = {"home": "", "product": f"{first.parent.name}/{first.stem}/"}
        else:
            build(ROOT, ours_dir, f"http://127.0.0.1:{port_ours}/")
        base_project = baseline_project(work / "base-project", ours_dir)
        base_dir.mkdir()
        server_base, port_base = serve(base_dir)
        build(base_project, base_dir, f"http://127.0.0.1:{port_base}/")
        pages = {"baseline (plain Material page)": f"http://127.0.0.1:{port_base}/",
                 **{name: f"http://127.0.0.1:{port_ours}/{path}" for name, path in page_types.items()}}
        results: dict[str, list[dict]] = {name: [] for name in pages}
        for _ in range(runs):
            for name, r in zip(pages, lighthouse(list(pages.values())), strict=True):
                results[name].append(r)
        server_ours.shutdown()
        server_base.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def med(rs: list[dict], key) -> float:
        return statistics.median(key(r) for r in rs)

    base_score = med(results["baseline (plain Material page)"], lambda r: r["scores"]["performance"])
    print(f"Lighthouse 12.2.3, mobile preset, median of {runs} run(s); served with gzip\n")
    print("| page type | score | ratio to baseline | FCP s | LCP s | TBT ms | CLS | transfer KB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, rs in results.items():
        score = med(rs, lambda r: r["scores"]["performance"])
        m = lambda k: med(rs, lambda r: r["metrics"].get(k, 0))  # noqa: E731
        print(f"| {name} | {score:.0f} | {score / base_score:.2f} | {m('first-contentful-paint') / 1000:.1f} | "
              f"{m('largest-contentful-paint') / 1000:.1f} | {m('total-blocking-time'):.0f} | "
              f"{m('cumulative-layout-shift'):.3f} | {med(rs, lambda r: r['transferBytes'] or 0) / 1000:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
