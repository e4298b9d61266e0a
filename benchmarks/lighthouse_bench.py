"""Lighthouse performance (mobile preset) for one page of every page type, served with gzip.

    .venv/bin/python benchmarks/lighthouse_bench.py [--runs N]     (default: 1 run per page)
    .venv/bin/python benchmarks/lighthouse_bench.py --tiny         (a 20-product synthetic catalogue, the home
                                                                   and one product page: tests/test_benchmarks.py)
    .venv/bin/python benchmarks/lighthouse_bench.py --nation N [--runs N]
                                  (the synthetic nation of N products, benchmarks/synthetic.py write_nation: every
                                  page type and state that it has, with its own regions and products; issue 32)

Builds the real site for the address it is served at, and a baseline in the same run: one plain
Markdown page (the text of the page type "product") with the same theme, theme settings and Material's
default search plugin, no hooks, no macros, no scripts of ours. Measures every page type and every state a
link can open (macros/cli/pagetypes.py: a tree with ?pad=, the finder with a query, a comparison with ?p=). Both are served like GitHub Pages serves them: gzip
for text and a 10-minute cache. Lighthouse 12 (tests/tools/lighthouse-pages.mjs, Debian's Chromium)
runs the default mobile preset (simulated slow 4G and a 4x slower CPU). Prints score and metrics
per page, the median of the runs, the score as a ratio to the baseline's, TBT and transfer (and requests)
against the baseline's, and the machine's load average while it ran (the machine may be shared: TBT grows with
the load, so compare within one run). Figures, not assertions.
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
from macros.cli.pagetypes import PAGE_STATES, PAGE_TYPES  # noqa: E402

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
    strict = [] if data is None else ["--no-strict"]  # the hand-written pages link the real regions
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", *strict, "--site-dir", str(site)],
                            cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"build failed in {cwd}:\n{result.stderr[-3000:]}")


def baseline_project(work: Path, product: Path) -> Path:
    """A plain MkDocs project: the theme settings of mkdocs.yml, one page with a product page's text
    (`product`: that page's index.html in our built site)."""
    import re

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


def synthetic_pages(site: Path, data: Path) -> dict[str, str]:
    """The page types and states of macros/cli/pagetypes.py in a synthetic catalogue's site: the real regions,
    products, municipality and source replaced by the first synthetic ones; types the site lacks are left out."""
    products = sorted((data / "products").rglob("*.yaml"))
    region, product = products[0].parent.name, products[0].stem
    other = next((p for p in products if p.parent.name != region), products[1])
    first = lambda pattern: next((str(p.parent.relative_to(site)) + "/" for p in sorted(site.glob(pattern))), "-")  # noqa: E731
    swap = {"zuid-limburg/61110/": f"{region}/{product}/", "zuid-limburg/": f"{region}/", "flevoland/": f"{region}/",
            "haaglanden/": f"{region}/", "gemeenten/almere/": first("gemeenten/*/index.html"),
            "bronnen/002_b4979bd38850de40/": first("bronnen/*/index.html"),
            "beslisbomen/zl-begeleiding-individueel/": first("beslisbomen/*/index.html")}
    pages = {}
    for name, path in {**PAGE_TYPES, **PAGE_STATES}.items():
        for real, synthetic in swap.items():
            if path.startswith(real):
                path = synthetic + path[len(real):]
                break
        if name == "vergelijken-met-keuze":
            path = f"vergelijken/?p={region}/{product},{other.parent.name}/{other.stem}"
        page = site / path.split("?")[0]
        if (page / "index.html").is_file() or page.is_file():
            pages[name] = path
    return pages


def lighthouse(urls: list[str]) -> list[dict]:
    result = subprocess.run(["node", str(ROOT / "tests/tools/lighthouse-pages.mjs"), "performance", "mobile", *urls],
                            cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=3600)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    return json.loads(result.stdout)


def main(argv: list[str]) -> int:
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 1
    tiny = "--tiny" in argv
    nation = int(argv[argv.index("--nation") + 1]) if "--nation" in argv else 0
    work = Path(tempfile.mkdtemp(prefix="lh-bench-"))
    try:
        ours_dir, base_dir = work / "ours", work / "base"
        ours_dir.mkdir()
        server_ours, port_ours = serve(ours_dir)
        page_types = {**PAGE_TYPES, **PAGE_STATES}
        if tiny:
            from synthetic import write_catalogue

            data = write_catalogue(work / "synthetic", 20)
            build(ROOT, ours_dir, f"http://127.0.0.1:{port_ours}/", data)
            first = min((data / "products").rglob("*.yaml"))
            page_types = {"home": "", "product": f"{first.parent.name}/{first.stem}/"}
        elif nation:
            from synthetic import write_nation

            data = write_nation(work / "synthetic", nation)
            build(ROOT, ours_dir, f"http://127.0.0.1:{port_ours}/", data)
            page_types = synthetic_pages(ours_dir, data)
        else:
            build(ROOT, ours_dir, f"http://127.0.0.1:{port_ours}/")
        base_project = baseline_project(work / "base-project", ours_dir / page_types["product"] / "index.html")
        base_dir.mkdir()
        server_base, port_base = serve(base_dir)
        build(base_project, base_dir, f"http://127.0.0.1:{port_base}/")
        pages = {"baseline (plain Material page)": f"http://127.0.0.1:{port_base}/",
                 **{name: f"http://127.0.0.1:{port_ours}/{path}" for name, path in page_types.items()}}
        results: dict[str, list[dict]] = {name: [] for name in pages}
        loads = [os.getloadavg()[0]]
        for _ in range(runs):
            for name, r in zip(pages, lighthouse(list(pages.values())), strict=True):
                results[name].append(r)
            loads.append(os.getloadavg()[0])
        server_ours.shutdown()
        server_base.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def med(rs: list[dict], key) -> float:
        return statistics.median(key(r) for r in rs)

    base = results["baseline (plain Material page)"]
    base_score = med(base, lambda r: r["scores"]["performance"])
    base_kb = med(base, lambda r: r["transferBytes"] or 0) / 1000
    print(f"Lighthouse 12.2.3, mobile preset, median of {runs} run(s); served with gzip; "
          f"{f'synthetic nation of {nation} products; ' if nation else ''}"
          f"load average (1 min) {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} CPUs while it ran\n")
    print("| page type | score | ratio to baseline | FCP s | LCP s | TBT ms | CLS | transfer KB | KB over baseline | requests |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, rs in results.items():
        score = med(rs, lambda r: r["scores"]["performance"])
        m = lambda k: med(rs, lambda r: r["metrics"].get(k, 0))  # noqa: E731
        kb = med(rs, lambda r: r["transferBytes"] or 0) / 1000
        print(f"| {name} | {score:.0f} | {score / base_score:.2f} | {m('first-contentful-paint') / 1000:.1f} | "
              f"{m('largest-contentful-paint') / 1000:.1f} | {m('total-blocking-time'):.0f} | "
              f"{m('cumulative-layout-shift'):.3f} | {kb:.0f} | {kb - base_kb:+.0f} | "
              f"{med(rs, lambda r: r.get('requests') or 0):.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
