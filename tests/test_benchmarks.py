"""Every script under benchmarks/ runs at a tiny size (issue 25): a broken benchmark fails here, not when
someone next wants its figures. Only that it runs and prints its table is asserted; the figures, measured at
full size, are in benchmarks/README.md."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SCRIPTS = sorted(p.name for p in (ROOT / "benchmarks").glob("*.py") if p.name != "synthetic.py")


def table(out: str, header: str) -> list[list[str]]:
    """The rows (cells) of the Markdown table whose header row starts with `header`."""
    lines = out.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(header)), None)
    assert start is not None, f"no table starting with {header!r} in:\n{out[-3000:]}"
    assert re.fullmatch(r"\|(-*:?-+:?\|)+", lines[start + 1].replace(" ", "")), lines[start + 1]
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip("|").split("|")])
    assert rows, f"the table {header!r} has no rows:\n{out[-3000:]}"
    return rows


def ran(r) -> str:
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-3000:]
    assert "Traceback" not in r.stderr, r.stderr[-3000:]
    return r.stdout


def test_every_benchmark_has_a_test():
    tested = {m for m in re.findall(r'"(\w+\.py)"', Path(__file__).read_text(encoding="utf-8")) if m in SCRIPTS}
    assert tested == set(SCRIPTS)


def test_build_bench(bench):
    out = ran(bench("build_bench.py", "--tiny"))
    (row,) = table(out, "| products | ours s | baseline s | ratio")
    assert row[0] == "20" and row[3].endswith("x")
    assert re.search(r"mkdocs serve: rebuild after editing one product file \(20 synthetic products, the national "
                     r"shape, 42 regions\): [\d.]+ s \(median of 1: [\d.]+\)", out), out


def test_serve_profile(bench):
    out = ran(bench("serve_profile.py", "--rebuilds", "1", "--profile", "5", "20"))
    assert re.search(r"rebuild 1: [\d.]+ s wall, [\d.]+ s CPU \(pages; load average [\d.]+\)", out), out
    assert "Ordered by: cumulative time" in out, out


def test_change_bench(bench):
    (row,) = table(ran(bench("change_bench.py", "50", "--old-max", "50")), "| products | load both s | compare s")
    assert row[0] == "50" and "hercodeerd" in row[6] and "hercodeerd" in row[7]


def test_import_bench(bench):
    (row,) = table(ran(bench("import_bench.py", "50")), "| products | in the region | load s")
    assert row[0] == "50" and row[4].endswith("x") and row[6].endswith("x")


def test_history_bench(bench):
    (row,) = table(ran(bench("history_bench.py", "50", "--commits", "5", "--runs", "1")), "| products | commits | product versions")
    assert row[0] == "50" and row[1] == "6" and int(row[3]) > 50 and row[9].endswith("x")


def test_load_bench(bench):
    out = ran(bench("load_bench.py", "50"))
    (row,) = table(out, "| products | files | ours s")
    assert row[0] == "50" and row[4].endswith("x")
    # The earlier commit's column is a figure or says why not (not in a shallow clone, or refusing today's data).
    assert row[5] != "–" or "before: skipped" in out


def test_search_bench(bench_in_chromium):
    out = ran(bench_in_chromium("search_bench.py", "30"))
    rows = {r[1]: r for r in table(out, "| products | search |")}
    assert set(rows) == {"finder", "header search", "Pagefind"}
    for name in ("finder", "header search"):
        assert not rows[name][-1].startswith(("error", "skipped")), rows[name]
    # Pagefind is an optional benchmark dependency (.[bench]): measured when installed, else skipped with the reason.
    assert not rows["Pagefind"][-1].startswith("error"), rows["Pagefind"]


def test_search_quality(bench_in_chromium, built_site):
    rows = table(ran(bench_in_chromium("search_quality.py", "--site", str(built_site), "--tiny")), "| search | queries passed")
    searches = [r for r in rows if not r[0].startswith("fails:")]
    assert [r[0] for r in searches] == ["finder", "header search"] and all(re.fullmatch(r"\d+/5", r[1]) for r in searches), rows


def test_lighthouse_bench(bench_in_chromium):
    from test_engines import LIGHTHOUSE

    if not LIGHTHOUSE:  # Lighthouse runs where the engines lane asks for it (tests/test_engines.py says why)
        pytest.skip("Lighthouse alleen met PRODUCTENBOEK_LIGHTHOUSE=1 (GitHub CI, lane engines)")
    rows = table(ran(bench_in_chromium("lighthouse_bench.py", "--tiny")), "| page type | score | ratio to baseline")
    assert [r[0] for r in rows] == ["baseline (plain Material page)", "home", "product"]
    assert all(re.fullmatch(r"\d+", r[1]) for r in rows), rows


def test_sources_bench():
    # no site build: the source-document splitting and its page, at two small sizes
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "sources_bench.py"), "100", "400"],
                       cwd=ROOT, capture_output=True, text=True, timeout=300)
    rows = table(ran(r), "| headings | text KB | split s")
    assert [row[0] for row in rows] == ["100", "400"] and all(row[4].endswith("x") for row in rows)


def test_zensical_trial_plan_holds_offline():
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "zensical_trial.py"), "--check"],
                       cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert re.search(r"plan: \d+ hand-written pages, \d+ macros registered", r.stdout), r.stdout
    assert "PROBLEM" not in r.stdout




def test_search_libraries():
    # no site build: the finder's engine, MiniSearch and FlexSearch in Node on five queries, stemmers on 200 words
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "search_libraries.py"), "--tiny"],
                       cwd=ROOT, capture_output=True, text=True, timeout=300)
    out = ran(r)
    engines = table(out, "| engine | 50 queries")
    assert [row[0] for row in engines] == ["finder", "MiniSearch", "FlexSearch"], engines
    assert all(re.fullmatch(r"\d+/5", row[1]) for row in engines), engines
    stemmers = table(out, "| stemmer | words")
    assert len(stemmers) == 2 and all(row[2].endswith("%") for row in stemmers), stemmers
