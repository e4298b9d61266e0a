"""Build speed and size at growing synthetic scale, against a plain-Markdown baseline in the same run.

    .venv/bin/python benchmarks/build_bench.py [--runs N] [--no-serve] [--serve-size N] [--serve-edits K] [--same-pages] [SIZES...]
        (default sizes: 50 500 2000 5000; --serve-size N: the serve rebuild also on N synthetic products, in the
        national shape and in 10 regions; --serve-edits K: K edits per serve measurement, default 3, the median
        shown; --same-pages: a second baseline, plain Markdown with as many
        pages as ours, to tell more pages from slower pages)
    .venv/bin/python benchmarks/build_bench.py --tiny   (20 products, one run, the serve rebuild on them:
                                                         tests/test_benchmarks.py checks that it runs)

For each size it generates a synthetic catalogue (benchmarks/synthetic.py), builds the real site
from it, and builds the baseline: the same text as plain Markdown pages with the same theme and
navigation settings, no macros and no hooks. It prints seconds, pages per second, HTML bytes per
product page and search-index bytes for both, and the ratio. Ours and the baseline are built in turn
(A B A B …, ``--runs`` pairs, default 3) and each figure is the median; wall and CPU seconds (user +
system of the build process and its children) are both reported, since on a shared machine the CPU
ratio is the steadier one. Then it measures the rebuild time of `mkdocs serve --dirty` (as
scripts/serve.sh runs it: only the pages whose output changed are written again) after editing one
product file of the real data (the pages; the open-data files follow from a second process; each edit waits for
the last build's files), K times, the median shown. CPU seconds of a build include that process's. Figures, not
assertions.
"""

from __future__ import annotations

import os
import platform
import queue
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

from synthetic import write_catalogue, write_nation, write_plain_docs  # noqa: E402

MKDOCS = [sys.executable, "-m", "mkdocs"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed_build(args: list[str], cwd: Path, env: dict) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak resident memory in MB) of one build."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(MKDOCS + ["build", "-q", *args], cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)  # this build's own figures (its children included)
        proc.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            err.seek(0)
            raise SystemExit(f"build failed in {cwd}:\n{err.read().decode(errors='replace')[-3000:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def site_figures(site: Path, product_dirs: list[Path]) -> dict:
    pages = list(site.rglob("index.html"))
    product_pages = [d / "index.html" for d in product_dirs if (d / "index.html").exists()]
    per_product = sum(p.stat().st_size for p in product_pages) / max(len(product_pages), 1)
    search = site / "search" / "search_index.json"
    finder = sum(f.stat().st_size for f in (site / "zoeken").glob("*.json")) if (site / "zoeken").exists() else 0
    return {"pages": len(pages), "per_product": per_product, "search": search.stat().st_size if search.exists() else 0,  # ours has no Material index since issue 27
            "finder": finder}


def bench_size(n: int, work: Path, runs: int = 3, same_pages: bool = False) -> dict:
    """n synthetic products in the national shape (synthetic.write_nation); n == 0: the real data. ``same_pages``:
    also build a second baseline, plain Markdown with as many pages as ours (synthetic.write_plain_docs)."""
    if n:
        data = write_nation(work, n)
    else:
        data = work / "data"
        shutil.copytree(ROOT / "data", data)
        n = sum(1 for _ in (data / "products").rglob("*.yaml"))
    config = write_plain_docs(work, data)
    products = [p.stem for p in (data / "products").rglob("*.yaml")]
    regions = {p.stem: p.parent.name for p in (data / "products").rglob("*.yaml")}
    ours_site, base_site = work / "site-ours", work / "site-base"
    same_site, same_config = work / "site-same", None
    pairs, same = [], []
    for _ in range(runs):  # interleaved: a burst of load on the shared machine hits both sides alike
        # not strict: the hand-written pages link the real regions, which a synthetic catalogue lacks
        ours = timed_build(["--no-strict", "--site-dir", str(ours_site)], ROOT, {**ENV, "PRODUCTENBOEK_DATA": str(data)})
        base = timed_build(["-f", str(config), "--site-dir", str(base_site)], work, ENV)
        pairs.append((ours, base))
        if same_pages:  # the second baseline: plain Markdown with as many pages as ours built
            if same_config is None:
                same_config = write_plain_docs(work / "same", data, pages=sum(1 for _ in ours_site.rglob("index.html")))
            same.append(timed_build(["-f", str(same_config), "--site-dir", str(same_site)], work / "same", ENV))
    med = statistics.median
    dirs_ours = [ours_site / regions[p] / p for p in products]
    dirs_base = [base_site / regions[p] / p for p in products]
    return {"n": n, "ours": med(o[0] for o, _ in pairs), "base": med(b[0] for _, b in pairs),
            "ours_cpu": med(o[1] for o, _ in pairs), "base_cpu": med(b[1] for _, b in pairs),
            "ratio": med(o[0] / b[0] for o, b in pairs), "ratio_cpu": med(o[1] / b[1] for o, b in pairs),
            "mem": max(o[2] for o, _ in pairs), "mem_base": max(b[2] for _, b in pairs),
            "largest": largest_page(ours_site),
            "same": (med(x[0] for x in same), med(x[1] for x in same), med(o[0] / x[0] for (o, _), x in zip(pairs, same, strict=True)),
                     med(o[1] / x[1] for (o, _), x in zip(pairs, same, strict=True)), sum(1 for _ in same_site.rglob("index.html")))
            if same else None,
            "f_ours": site_figures(ours_site, dirs_ours), "f_base": site_figures(base_site, dirs_base)}


def largest_page(site: Path) -> tuple[str, int, int]:
    """The largest HTML page: (path, bytes, gzipped bytes)."""
    import gzip

    page = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    html = page.read_bytes()
    return str(page.relative_to(site)), len(html), len(gzip.compress(html, 6))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_rebuild(work: Path, n: int | None = None, edits: int = 1, nation: bool = True) -> list[float]:
    """Start `mkdocs serve` on a copy of the real data (or a synthetic catalogue of n products: the national shape,
    or with nation=False 10 regions), edit one product file `edits` times (the edit and its undo in turn), and
    read each rebuild's time: the pages, from the hook's "pagina's klaar in" (MkDocs' "Documentation built in" is
    said once per distinct text: a rebuild as fast as an earlier one would go unreported). The open-data files are made by a
    second process (macros/site/export_job.py) and follow; the server logs "Open data: … klaar", and the next edit
    waits for it (a rebuild starts by waiting for the last one's files), so each rebuild is timed on its own."""
    if n is None:
        data = work / "data"
        shutil.copytree(ROOT / "data", data)
        target, old, new = data / "products" / "flevoland" / "45f34.yaml", "intensief", "intensief."
    else:
        data = (write_nation if nation else write_catalogue)(work, n)
        target, old, new = min((data / "products").rglob("*.yaml")), "doel: ", "doel: Bewerkt. "
    original = target.read_text(encoding="utf-8")
    versions = [original.replace(old, new, 1), original]
    # not strict on synthetic data: under `mkdocs serve` the change report against main links to the real
    # regions, which a synthetic catalogue does not have (a warning, so strict would stop the server)
    strict = n is None
    port = free_port()
    proc = subprocess.Popen(MKDOCS + ["serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}", *([] if strict else ["--no-strict"])], cwd=ROOT,
                            env={**ENV, "PRODUCTENBOEK_DATA": str(data)},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout], daemon=True).start()  # type: ignore[union-attr]
    times: list[float] = []
    deadline = time.time() + 180 + (n or 0) / 10 + 60 * edits
    built = exported = edited = 0
    try:
        while len(times) < edits and time.time() < deadline:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                continue
            # the hook's own line after every build (MkDocs' "Documentation built in" is left out when its text repeats)
            if m := re.search(r"serve --dirty: pagina's klaar in ([\d.]+) s", line):
                built += 1
                if built > 1:
                    times.append(float(m.group(1)))
            exported += "Open data:" in line  # logged once a build's pages are written: before or after the time
            if built == exported == edited + 1 and edited < edits:  # this build's pages and open-data files are done
                time.sleep(1)
                target.write_text(versions[edited % 2], encoding="utf-8")
                edited += 1
        while exported < built and time.time() < deadline:  # the last open-data files, so no orphan export process
            try:                                             # outlives the server into the next measurement
                exported += "Open data:" in lines.get(timeout=1)
            except queue.Empty:
                continue
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    return times


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB".replace(",", " ")


def main(argv: list[str]) -> int:
    runs = 3
    if "--runs" in argv:
        i = argv.index("--runs")
        runs = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    serve_sizes: list[int] = []
    if "--serve-size" in argv:  # also measure the serve rebuild on a synthetic catalogue of this size
        i = argv.index("--serve-size")
        serve_sizes = [int(argv[i + 1])]
        argv = argv[:i] + argv[i + 2:]
    edits = 3
    if "--serve-edits" in argv:  # edits per serve measurement (the edit and its undo in turn); the median is shown
        i = argv.index("--serve-edits")
        edits = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    serve = "--no-serve" not in argv
    argv = [a for a in argv if a != "--no-serve"]
    same_pages = "--same-pages" in argv  # a second baseline: plain Markdown with as many pages as ours
    argv = [a for a in argv if a != "--same-pages"]
    tiny = "--tiny" in argv  # the test suite's check that the benchmark runs: one small size, one run
    argv = [a for a in argv if a != "--tiny"]
    sizes = [20] if tiny else [int(a) for a in argv] or [0, 500, 2000, 5000]  # 0: the real data
    if tiny:
        runs, serve_sizes, edits = 1, [20], 1
    print(f"Machine: {platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()} · "
          f"{time.strftime('%Y-%m-%d %H:%M')}")
    print()
    print(f"Medians of {runs} interleaved pairs (ours, baseline); ratios are medians of the pairs' ratios.")
    print()
    header = ("| products | ours s | baseline s | ratio | ours CPU s | baseline CPU s | ratio CPU | ours pages/s "
              "| baseline pages/s | ours s/1000 products "
              "| HTML/product page ours | baseline | Material index ours | baseline | finder data "
              "| peak MB ours | baseline | CPU ms/product ours | largest page (gzip) |")
    print(header)
    print("|---:" * (header.count("|") - 1) + "|")
    rows = []
    with tempfile.TemporaryDirectory(prefix="pb-bench-") as tmp:
        for n in sizes:
            work = Path(tmp) / str(n)
            work.mkdir()
            real = n == 0
            r = bench_size(n, work, runs, same_pages)
            rows.append(r)
            fo, fb = r["f_ours"], r["f_base"]
            n = r["n"]
            lp = r["largest"]
            print(f"| {n}{' (real)' if real else ''} | {r['ours']:.1f} | {r['base']:.1f} | {r['ratio']:.2f}x | "
                  f"{r['ours_cpu']:.1f} | {r['base_cpu']:.1f} | {r['ratio_cpu']:.2f}x | "
                  f"{fo['pages'] / r['ours']:.0f} | {fb['pages'] / r['base']:.0f} | {r['ours'] / n * 1000:.1f} | "
                  f"{kb(fo['per_product'])} | {kb(fb['per_product'])} | {kb(fo['search'])} | {kb(fb['search'])} | "
                  f"{kb(fo['finder'])} | {r['mem']:.0f} | {r['mem_base']:.0f} | {r['ours_cpu'] / n * 1000:.1f} | "
                  f"{lp[0]} {kb(lp[1])} ({kb(lp[2])}) |", flush=True)
    print()
    for r in rows:
        if r["same"] is not None:
            s, cpu, ratio, ratio_cpu, pages = r["same"]
            print(f"Second baseline at {r['n']}: plain Markdown with the same page count ({pages} pages, ours "
                  f"{r['f_ours']['pages']}): {s:.1f} s, {cpu:.1f} s CPU; ours against it {ratio:.2f}x wall, "
                  f"{ratio_cpu:.2f}x CPU (against the first baseline: {r['ratio']:.2f}x, {r['ratio_cpu']:.2f}x)")
    if any(r["same"] is not None for r in rows):
        print()
    if not serve:
        return 0
    def say(what: str, times: list[float]) -> None:
        print(f"mkdocs serve: rebuild after editing one product file ({what}): "
              + (f"{statistics.median(times):.2f} s (median of {len(times)}: {', '.join(f'{t:.2f}' for t in times)})"
                 if times else "rebuild time not reported"), flush=True)

    if not tiny:  # the real data (the tiny run measures a synthetic catalogue below instead)
        with tempfile.TemporaryDirectory(prefix="pb-serve-") as tmp:
            say("real data", serve_rebuild(Path(tmp), edits=edits))
    for n in serve_sizes:
        for nation in (True, False) if not tiny else (True,):
            with tempfile.TemporaryDirectory(prefix="pb-serve-") as tmp:
                times = serve_rebuild(Path(tmp), n, edits=edits, nation=nation)
            say(f"{n} synthetic products, {'the national shape, 42 regions' if nation else '10 regions'}", times)
            if not times:
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
