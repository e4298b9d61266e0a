"""The product finder against Material's search and Pagefind, on the same synthetic site.

    .venv/bin/pip install -e '.[bench]'                 (Pagefind, a benchmark-only dependency)
    .venv/bin/python benchmarks/search_bench.py [SIZES...]     (default: 100 1000 5000)

Per size: generate a catalogue, build the site, index it with Pagefind, serve it on 127.0.0.1 and
measure in headless Chromium: index build time, search bytes (gzip) before the first result, time
to the first result after load (code and word), median and 95th percentile of 50 warm queries, and
the share of exact code queries whose product ranks first. Figures, not assertions.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from synthetic import write_catalogue  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
WORDS = ["begeleiding", "groep", "gezin", "behandeling", "verblijf", "dyslexie", "jeugdige", "ouders",
         "ondersteuning", "problematiek", "netwerk", "school", "zorg", "herstel", "opvoeding"]

# A tiny recorder in every page: when the first element matching a selector appears.
FIRST_SEEN = """
window.__pbSeen = null;
new MutationObserver(() => {
  if (window.__pbSeen === null && window.__pbSelector && document.querySelector(window.__pbSelector)) {
    window.__pbSeen = performance.now();
  }
}).observe(document, {subtree: true, childList: true});
"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def gz(path: Path) -> int:
    data = path.read_bytes()
    return len(data) if path.suffix.startswith(".pf_") else len(gzip.compress(data, 6))


def fetched_before(page, site: Path, base: str, until: float, prefixes: tuple[str, ...]) -> int:
    """Gzip bytes of the search resources the page had fetched by `until` (ms since navigation)."""
    entries = page.evaluate("performance.getEntriesByType('resource').map(e => [e.name, e.responseEnd])")
    total = 0
    for url, end in entries:
        path = url.split("?")[0].removeprefix(base)
        if end <= until and path.startswith(prefixes) and (site / path).is_file():
            total += gz(site / path)
    return total


DCL = "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"


def first_result(page, url: str, selector: str, action=None, timeout: float = 30) -> tuple[float, float]:
    """(ms from the page's DOMContentLoaded to the first match of `selector`, ms since navigation start).

    Without an action the selector is watched from the first byte (the finder may answer before any
    script of ours could run); with one (typing in Material's box) it is watched from the action on."""
    if action is None:
        page.add_init_script(f"window.__pbSelector = {json.dumps(selector)}")
    page.goto(url)
    if action:
        page.evaluate(f"window.__pbSelector = {json.dumps(selector)}")
        action()
    page.wait_for_function("window.__pbSeen !== null", timeout=timeout * 1000)
    seen = page.evaluate("window.__pbSeen")
    return seen - page.evaluate(DCL), seen


def stats(ms: list[float]) -> str:
    ms = sorted(ms)
    return f"{statistics.median(ms):.1f} / {ms[int(0.95 * (len(ms) - 1))]:.1f}"


def bench_finder(page, site: Path, base: str, codes: list[str]) -> dict:
    code = codes[len(codes) // 2]
    t_code, at = first_result(page, f"{base}zoeken/?zoek={code}", "[data-pb-finder-results] li")
    bytes_code = fetched_before(page, site, base, at, ("zoeken/", "assets/vendor/"))
    t_word, _ = first_result(page, f"{base}zoeken/?zoek=begeleiding", "[data-pb-finder-results] li")
    page.wait_for_function("window.lunr !== undefined")
    queries = random.Random(1).sample(codes, min(25, len(codes))) + WORDS * 2
    times = page.evaluate("""async qs => {
        const f = document.querySelector('[data-pb-finder]').pbFinder, out = [];
        for (const q of qs) { const t = performance.now(); await f.run({q, regio: '', gemeente: '', type: '', eenheid: '', status: ''}, false); out.push(performance.now() - t); }
        return out; }""", queries[:50])
    first = page.evaluate("""codes => {
        const f = document.querySelector('[data-pb-finder]').pbFinder;
        return codes.filter(c => { const h = f.codeHits(c); return h.length && f.codes.codes.find(r => r[1] === h[0])[2] === c; }).length; }""", codes)
    return {"code_ms": t_code, "bytes": bytes_code, "word_ms": t_word, "query": stats(times), "first": first / len(codes)}


def bench_material(page, site: Path, base: str, codes: list[str]) -> dict:
    def type_code():
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.locator('input[data-md-component="search-query"]').fill(codes[len(codes) // 2].lower())

    t_code, at = first_result(page, base, ".md-search-result__item", type_code, timeout=120)
    nbytes = fetched_before(page, site, base, at, ("search/", "assets/javascripts/"))
    times = []
    box = page.locator('input[data-md-component="search-query"]')
    for q in (random.Random(2).sample(codes, min(10, len(codes))) + WORDS)[:25]:
        start = time.perf_counter()
        box.fill(q.lower())
        page.wait_for_function("q => (document.querySelector('.md-search-result__meta') || {}).textContent !== undefined", arg=q)
        page.locator(".md-search-result__item").first.wait_for(timeout=30_000)
        times.append((time.perf_counter() - start) * 1000)
    sample = random.Random(3).sample(codes, min(30, len(codes)))
    first = 0
    for c in sample:
        box.fill(c.lower())
        try:  # wait until the list shows results for this query (it mentions the code somewhere)
            page.wait_for_function("c => [...document.querySelectorAll('.md-search-result__item')].some("
                                   "e => e.textContent.includes(c))", arg=c, timeout=5_000)
        except Exception:
            continue
        first += page.locator(".md-search-result__item").first.inner_text().strip().startswith(c)
    return {"code_ms": t_code, "bytes": nbytes, "word_ms": None, "query": stats(times) + " (UI)", "first": first / len(sample)}


def bench_pagefind(page, site: Path, base: str, codes: list[str]) -> dict:
    code = codes[len(codes) // 2]
    page.goto(base)
    page.wait_for_load_state("load")
    t = page.evaluate("""async q => {
        window.pf = await import('./pagefind/pagefind.js'); await window.pf.init();
        const r = await window.pf.search(q); if (r.results.length) await r.results[0].data();
        return performance.now(); }""", code)
    nbytes = fetched_before(page, site, base, t, ("pagefind/",))
    t -= page.evaluate(DCL)
    times = page.evaluate("""async qs => { const out = [];
        for (const q of qs) { const t = performance.now(); const r = await window.pf.search(q);
          if (r.results.length) await r.results[0].data(); out.push(performance.now() - t); } return out; }""",
                          (random.Random(1).sample(codes, min(25, len(codes))) + WORDS * 2)[:50])
    sample = random.Random(3).sample(codes, min(100, len(codes)))
    first = page.evaluate("""async codes => { let n = 0;
        for (const c of codes) { const r = await window.pf.search(c);
          if (r.results.length && (await r.results[0].data()).meta.title.startsWith(c)) n++; } return n; }""", sample)
    return {"code_ms": t, "bytes": nbytes, "word_ms": None, "query": stats(times), "first": first / len(sample)}


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    from macros.catalogue.loader import load_catalogue
    from macros.search.index import search_files

    sizes = [int(a) for a in argv] or [100, 1000, 5000]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    print(f"{time.strftime('%Y-%m-%d %H:%M')} · {os.cpu_count()} cores · served from 127.0.0.1, no compression "
          "(bytes are the gzip sizes of what was fetched)\n")
    print("| products | search | index build s | bytes before 1st code result (gzip) | 1st code result ms after DOMContentLoaded | "
          "1st word result ms | query median / p95 ms | exact code first |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="pb-search-") as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        for n in sizes:
            work = Path(tmp) / str(n)
            work.mkdir()
            data = write_catalogue(work, n)
            site = work / "site"
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)], cwd=ROOT,
                           env={**env, "PRODUCTENBOEK_DATA": str(data)}, check=True)
            cat = load_catalogue(data)
            start = time.perf_counter()
            search_files(cat)
            finder_build = time.perf_counter() - start
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--silent"], check=True)
            pagefind_build = time.perf_counter() - start
            codes = sorted(p.code for p in cat.producten.values() if p.code)
            server, base = serve(site)
            results = []
            for name, fn, build_s in (("finder", bench_finder, finder_build), ("Material", bench_material, None),
                                      ("Pagefind", bench_pagefind, pagefind_build)):
                context = browser.new_context()
                context.add_init_script(FIRST_SEEN)
                page = context.new_page()
                try:
                    r = fn(page, site, base, codes)
                except Exception as exc:  # report, keep measuring the others
                    r = {"error": str(exc).splitlines()[0][:80]}
                context.close()
                results.append((name, r, build_s))
            server.shutdown()
            for name, r, build_s in results:
                if "error" in r:
                    print(f"| {n} | {name} | – | – | – | – | – | error: {r['error']} |")
                    continue
                build = "in the mkdocs build" if build_s is None else f"{build_s:.2f}"
                word = "–" if r["word_ms"] is None else f"{r['word_ms']:.0f}"
                print(f"| {n} | {name} | {build} | {r['bytes'] / 1024:,.0f} KB | {r['code_ms']:.0f} | {word} | "
                      f"{r['query']} | {r['first']:.0%} |", flush=True)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
