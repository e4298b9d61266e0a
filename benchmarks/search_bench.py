"""The product finder and the header search against Pagefind, on the same synthetic site.

    .venv/bin/pip install -e '.[bench]'                 (Pagefind, a benchmark-only dependency)
    .venv/bin/python benchmarks/search_bench.py [SIZES...]     (default: 100 1000 5000)

Per size: generate a catalogue, build the site, index it with Pagefind, serve it on 127.0.0.1 and
measure in headless Chromium. Each time to a first result is the median of three loads in a fresh
browser context (cold cache), from the page's DOMContentLoaded to the first result on screen
(negative: on screen before DOMContentLoaded) and, in brackets, from the start of navigation
(Pagefind: started at DOMContentLoaded, until its first result's data is in). The header search
(the finder's engine on every other page, nothing fetched before its box is used) is timed from the
focus of its box, on a region page that has loaded and gone idle. Also: search bytes (gzip) fetched
before the first code and word result (the finder's scripts and data; Pagefind's script, wasm and
index), the median and 95th percentile of warm queries (codes and words, timed once the page has
settled; the header search's through its box, until the panel shows that query), and the share of
exact code queries whose product ranks first (the finder: every code, through the code shards that
answer first). Material's own search is gone from the site (issue 27), so it has no row any more.
Figures, not assertions.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import importlib.util
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

from synthetic import write_catalogue  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PAGEFIND_MISSING = "Pagefind is not installed (.venv/bin/pip install -e '.[bench]'): its row is left out"
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


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A browser that drops a request it no longer needs (a page closed or left while a file was still being
        sent: a broken pipe, a reset) is not an error of the benchmark; anything else is printed as before."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = QuietServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
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


def first_result(browser, url: str, selector: str, action=None, init: str = "", timeout: float = 60) -> dict:
    """Open `url` in a fresh context (cold cache) and time the first match of `selector`.

    Returns ms from the page's DOMContentLoaded to the first match, ms since navigation start, and
    the page (its context is closed by the caller through result["close"]). Without an action the
    selector is watched from the first byte (the finder may answer before any script of ours could
    run); with one it is watched from the action on."""
    # bypass_csp: the site's content-security policy refuses Playwright's string predicates (eval);
    # it changes nothing in what is fetched or run.
    context = browser.new_context(bypass_csp=True)
    context.add_init_script(FIRST_SEEN + init)
    page = context.new_page()
    if action is None:
        page.add_init_script(f"window.__pbSelector = {json.dumps(selector)}")
    page.goto(url)
    if action:
        page.evaluate(f"window.__pbSelector = {json.dumps(selector)}")
        action(page)
    page.wait_for_function("window.__pbSeen !== null", timeout=timeout * 1000)
    seen = page.evaluate("window.__pbSeen")
    return {"ms": seen - page.evaluate(DCL), "at": seen, "page": page, "close": context.close}


def median_first(browser, runs: int, *args, **kwargs) -> dict:
    """The run with the median time of `runs` cold loads (the others are closed)."""
    results = sorted((first_result(browser, *args, **kwargs) for _ in range(runs)), key=lambda r: r["ms"])
    keep = results[len(results) // 2]
    for r in results:
        if r is not keep:
            r["close"]()
    return keep


def settle(page) -> None:
    """Before timing warm queries: let the page finish what it fetches and compiles after its first answer."""
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)


def stats(ms: list[float]) -> str:
    ms = sorted(ms)
    return f"{statistics.median(ms):.1f} / {ms[int(0.95 * (len(ms) - 1))]:.1f}"


SEARCH_FILES = ("zoeken/", "assets/util.js", "assets/search_")  # the data and every module of the search
FINDER_FILES = (*SEARCH_FILES, "assets/finder")
HEADER_FILES = (*SEARCH_FILES, "assets/header_search.js")
READY = "q => (document.querySelector('[data-pb-finder]') || {getAttribute: () => null}).getAttribute('data-pb-shown') === q"
RUNS = 3  # cold loads per first-result figure; the median is reported


def bench_finder(browser, site: Path, base: str, codes: list[str]) -> dict:
    code = codes[len(codes) // 2]
    r = median_first(browser, RUNS, f"{base}zoeken/?zoek={code}", "[data-pb-finder-results] li")
    nbytes = fetched_before(r["page"], site, base, r["at"], FINDER_FILES)
    r["close"]()
    w = median_first(browser, RUNS, f"{base}zoeken/?zoek=begeleiding", "[data-pb-finder-results] li")
    page = w["page"]
    page.wait_for_function(READY, arg="begeleiding")
    word_bytes = fetched_before(page, site, base, w["at"], FINDER_FILES)
    settle(page)
    queries = random.Random(1).sample(codes, min(25, len(codes))) + WORDS * 2
    times = page.evaluate("""async qs => {
        const f = document.querySelector('[data-pb-finder]').pbFinder, out = [];
        for (const q of qs) { const t = performance.now(); await f.run({q, regio: '', gemeente: '', type: '', eenheid: '', status: ''}, false); out.push(performance.now() - t); }
        return out; }""", queries[:50])
    # every code through the path of the first answer: the shards alone, exact match first
    first = page.evaluate("""async codes => {
        const f = document.querySelector('[data-pb-finder]').pbFinder; let n = 0;
        for (const c of codes) { const r = await f.codeRows(c.toLowerCase()); if (r.rows.length && r.rows[0][2] === c) n++; }
        return n; }""", codes)
    w["close"]()
    return {"code_ms": r["ms"], "code_nav": r["at"], "bytes": nbytes, "word_ms": w["ms"], "word_nav": w["at"],
            "word_bytes": word_bytes, "query": stats(times), "first": first / len(codes)}


SHOWN = "q => (document.querySelector('[data-pb-kopzoeken]') || {getAttribute: () => null}).getAttribute('data-pb-kopzoeken-shown') === q"


def header_first(browser, base: str, query: str) -> dict:
    """A product page, loaded and idle; then the header search is focused and the query typed (filled):
    ms from the focus to its first result on screen, in a fresh context (cold cache)."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(base + "regio-00/")
    page.wait_for_load_state("networkidle")
    start = page.evaluate("""q => { window.__pbSeen = null;
        new MutationObserver(() => { if (window.__pbSeen === null && document.querySelector('.md-search-result__item'))
          window.__pbSeen = performance.now(); }).observe(document.querySelector('[data-pb-kopzoeken]'), {subtree: true, childList: true});
        const t = performance.now(), box = document.querySelector('[data-pb-kopzoeken-q]');
        box.focus(); box.value = q; box.dispatchEvent(new Event('input', {bubbles: true})); return t; }""", query)
    page.wait_for_function("window.__pbSeen !== null", timeout=60_000)
    seen = page.evaluate("window.__pbSeen")
    return {"ms": seen - start, "at": seen, "page": page, "close": context.close}


def bench_header(browser, site: Path, base: str, codes: list[str]) -> dict:
    """The header search on another page (the finder's engine, loaded when the box is first focused).
    Its times are from that focus, not from DOMContentLoaded: nothing is fetched before it."""
    code = codes[len(codes) // 2]
    runs = sorted((header_first(browser, base, code) for _ in range(RUNS)), key=lambda r: r["ms"])
    r = runs[len(runs) // 2]
    nbytes = fetched_before(r["page"], site, base, r["at"], HEADER_FILES)
    for x in runs:
        x["close"]()
    runs = sorted((header_first(browser, base, "begeleiding") for _ in range(RUNS)), key=lambda r: r["ms"])
    w = runs[len(runs) // 2]
    for x in runs:
        if x is not w:
            x["close"]()
    page = w["page"]
    page.wait_for_function(SHOWN, arg="begeleiding")
    word_bytes = fetched_before(page, site, base, w["at"], HEADER_FILES)
    settle(page)
    times = page.evaluate("""async qs => { const box = document.querySelector('[data-pb-kopzoeken-q]'),
        root = document.querySelector('[data-pb-kopzoeken]'), out = [];
        for (const q of qs) { const t = performance.now(); box.value = q; box.dispatchEvent(new Event('input', {bubbles: true}));
          while (root.getAttribute('data-pb-kopzoeken-shown') !== q) await new Promise(r => setTimeout(r, 0));
          out.push(performance.now() - t); } return out; }""",
                          (random.Random(2).sample(codes, min(25, len(codes))) + WORDS * 2)[:50])
    sample = random.Random(3).sample(codes, min(100, len(codes)))
    first = page.evaluate("""async codes => { const box = document.querySelector('[data-pb-kopzoeken-q]'),
        root = document.querySelector('[data-pb-kopzoeken]'); let n = 0;
        for (const c of codes) { const q = c.toLowerCase(); box.value = q; box.dispatchEvent(new Event('input', {bubbles: true}));
          while (root.getAttribute('data-pb-kopzoeken-shown') !== q) await new Promise(r => setTimeout(r, 0));
          const t = root.querySelector('.pb-kopzoek-titel'); if (t && t.textContent.startsWith(c)) n++; } return n; }""", sample)
    w["close"]()
    return {"code_ms": r["ms"], "code_nav": None, "bytes": nbytes, "word_ms": w["ms"], "word_nav": None,
            "word_bytes": word_bytes, "query": stats(times) + " (UI)", "first": first / len(sample)}


# Pagefind has no page of its own: it starts at DOMContentLoaded with the query in ?pf=, as the finder does.
PAGEFIND_AT_DCL = """
document.addEventListener('DOMContentLoaded', async () => {
  const q = new URLSearchParams(location.search).get('pf'); if (!q) return;
  window.pf = await import(new URL('pagefind/pagefind.js', document.baseURI).href); await window.pf.init();
  const r = await window.pf.search(q); if (r.results.length) await r.results[0].data();
  window.__pbSeen = performance.now();
});"""


def bench_pagefind(browser, site: Path, base: str, codes: list[str]) -> dict:
    code = codes[len(codes) // 2]
    r = median_first(browser, RUNS, f"{base}?pf={code}", "#never", init=PAGEFIND_AT_DCL)
    nbytes = fetched_before(r["page"], site, base, r["at"], ("pagefind/",))
    r["close"]()
    w = median_first(browser, RUNS, f"{base}?pf=begeleiding", "#never", init=PAGEFIND_AT_DCL)
    page = w["page"]
    word_bytes = fetched_before(page, site, base, w["at"], ("pagefind/",))
    settle(page)
    times = page.evaluate("""async qs => { const out = [];
        for (const q of qs) { const t = performance.now(); const r = await window.pf.search(q);
          if (r.results.length) await r.results[0].data(); out.push(performance.now() - t); } return out; }""",
                          (random.Random(1).sample(codes, min(25, len(codes))) + WORDS * 2)[:50])
    sample = random.Random(3).sample(codes, min(100, len(codes)))
    first = page.evaluate("""async codes => { let n = 0;
        for (const c of codes) { const r = await window.pf.search(c);
          if (r.results.length && (await r.results[0].data()).meta.title.startsWith(c)) n++; } return n; }""", sample)
    w["close"]()
    return {"code_ms": r["ms"], "code_nav": r["at"], "bytes": nbytes, "word_ms": w["ms"], "word_nav": w["at"],
            "word_bytes": word_bytes, "query": stats(times), "first": first / len(sample)}


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    from macros.catalogue.loader import load_catalogue
    from macros.search.index import search_files

    sizes = [int(a) for a in argv] or [100, 1000, 5000]
    have_pagefind = importlib.util.find_spec("pagefind") is not None
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    print(f"{time.strftime('%Y-%m-%d %H:%M')} · {os.cpu_count()} cores · load average {os.getloadavg()[0]:.1f} · served from "
          "127.0.0.1, no compression (bytes are the gzip sizes of what was fetched)\n")
    print("| products | search | index build s | bytes before 1st code result (gzip) | 1st code result ms after "
          "DOMContentLoaded (since navigation) | 1st word result ms after DOMContentLoaded (since navigation; gzip bytes) "
          "| query median / p95 ms | exact code first |")
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
            pagefind_build = None
            if have_pagefind:
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--silent"], check=True)
                pagefind_build = time.perf_counter() - start
            codes = sorted(p.code for p in cat.producten.values() if p.code)
            server, base = serve(site)
            results = []
            for name, fn, build_s in (("finder", bench_finder, finder_build), ("header search", bench_header, finder_build),
                                      ("Pagefind", bench_pagefind, pagefind_build)):
                if name == "Pagefind" and not have_pagefind:
                    results.append((name, {"skipped": PAGEFIND_MISSING}, None))
                    continue
                try:
                    r = fn(browser, site, base, codes)
                except Exception as exc:  # report, keep measuring the others
                    r = {"error": str(exc).splitlines()[0][:80]}
                results.append((name, r, build_s))
            server.shutdown()
            for name, r, build_s in results:
                if "skipped" in r:
                    print(f"| {n} | {name} | – | – | – | – | – | skipped: {r['skipped']} |")
                    continue
                if "error" in r:
                    print(f"| {n} | {name} | – | – | – | – | – | error: {r['error']} |")
                    continue
                build = "in the mkdocs build" if build_s is None else f"{build_s:.2f}"
                since = lambda v: "from the box's focus" if v is None else f"{v:.0f}"  # noqa: E731
                word = f"{r['word_ms']:.0f} ({since(r['word_nav'])}" + (f"; {r['word_bytes'] / 1024:,.1f} KB)" if "word_bytes" in r else ")")
                print(f"| {n} | {name} | {build} | {r['bytes'] / 1024:,.1f} KB | {r['code_ms']:.0f} ({since(r['code_nav'])}) | "
                      f"{word} | {r['query']} | {r['first']:.0%} |", flush=True)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
