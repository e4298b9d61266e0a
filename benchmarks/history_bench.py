"""What each product's history and the feeds add to a build (issue 30), against loading the catalogue in the same run.

    .venv/bin/python benchmarks/history_bench.py [--commits N] [--per-commit F] [SIZES...]   (default 500 5000)

For each size it writes a synthetic catalogue (benchmarks/synthetic.py) into a new git repository, commits it,
then scripts a history: ``--commits`` commits (default 100), each editing the maximum duration of a fraction
``--per-commit`` of the products (default 1%, at least one), every tenth commit a style-only change (a blank
line) to the same number of files. Then it times, in this process, what the build adds: the one ``git log``
walk (``macros.site.history.walk``), reading and comparing the changed product versions
(``macros.changes.history.product_history``), writing the feeds and rendering every product's history section;
and, as the baseline in the same run, ``load_catalogue`` of the same data (which every build does). Medians of
``--runs`` (default 3); CPU seconds of this process plus git's (children). Figures, not assertions.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from synthetic import write_catalogue  # noqa: E402

from macros.catalogue.loader import load_catalogue  # noqa: E402
from macros.changes.history import product_history  # noqa: E402
from macros.components.history import atom_feed, feed_paths, history_section  # noqa: E402
from macros.site import history as git_history  # noqa: E402

ENV = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.invalid", "GIT_COMMITTER_NAME": "b",
       "GIT_COMMITTER_EMAIL": "b@example.invalid"}


def git(repo: Path, *args: str, date: str | None = None) -> None:
    env = ENV if date is None else {**ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=repo, env=env, check=True, capture_output=True)


def scripted_history(repo: Path, n: int, commits: int, per_commit: float) -> int:
    """A repository with the synthetic catalogue and `commits` commits after it; returns the product files changed."""
    data = write_catalogue(repo, n)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "begin", date="2024-01-01T12:00:00+01:00")
    files = sorted((data / "products").rglob("*.yaml"))
    k = max(1, int(n * per_commit))
    changed = 0
    for c in range(commits):
        chosen = [files[(c * k + j) % n] for j in range(k)]
        for f in chosen:
            text = f.read_text(encoding="utf-8")
            if c % 10 == 9:
                text += "\n"  # style only
            elif "waarde: 12\n" in text:
                text = text.replace("waarde: 12\n", "waarde: 11\n", 1)
            else:
                text = text.replace("waarde: 11\n", "waarde: 12\n", 1)
            f.write_text(text, encoding="utf-8")
        changed += len(chosen)
        day = 1 + c % 28
        git(repo, "commit", "-q", "-am", f"wijziging {c}", date=f"2025-{1 + c // 28 % 12:02d}-{day:02d}T12:00:00+01:00")
    return changed


def _cpu() -> float:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def timed(fn):
    w, c = time.perf_counter(), _cpu()
    out = fn()
    return out, time.perf_counter() - w, _cpu() - c


def bench(n: int, commits: int, per_commit: float, runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="history-bench-") as tmp:
        repo = Path(tmp) / "repo"
        repo.mkdir()
        changed = scripted_history(repo, n, commits, per_commit)
        rows = {"load": [], "walk": [], "history": [], "feeds+sections": []}
        entries = 0
        for _ in range(runs):
            cat, w, c = timed(lambda: load_catalogue(repo / "data"))
            rows["load"].append((w, c))
            git_history._CACHE.clear()
            walk, w, c = timed(lambda: git_history.walk(repo))
            rows["walk"].append((w, c))
            hist, w, c = timed(lambda: product_history(walk.commits, walk.shallow, walk.available,
                                                       lambda b: git_history.read_blobs(repo, b), cat))
            rows["history"].append((w, c))
            entries = len(hist.entries)

            def out():
                for region_id in feed_paths(list(cat.regios)):
                    atom_feed(hist, region_id, cat.regios[region_id].naam if region_id else "", "", "2026-01-01")
                for p in cat.producten.values():
                    history_section(hist, p.ref, "https://github.com/o/r", "../../")
            _, w, c = timed(out)
            rows["feeds+sections"].append((w, c))
    med = {k: (statistics.median(x[0] for x in v), statistics.median(x[1] for x in v)) for k, v in rows.items()}
    return {"n": n, "commits": commits + 1, "changed": changed, "entries": entries, **med}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("sizes", nargs="*", type=int, default=[500, 5000])
    ap.add_argument("--commits", type=int, default=100)
    ap.add_argument("--per-commit", type=float, default=0.01)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    print("| products | commits | product versions changed | history entries | load_catalogue wall/CPU s "
          "| git walk | history | feeds + sections | added CPU s | added / load (CPU) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in a.sizes:
        r = bench(n, a.commits, a.per_commit, a.runs)
        added = r["walk"][1] + r["history"][1] + r["feeds+sections"][1]
        f = lambda t: f"{t[0]:.2f} / {t[1]:.2f}"  # noqa: E731
        print(f"| {n} | {r['commits']} | {r['changed']} | {r['entries']} | {f(r['load'])} | {f(r['walk'])} "
              f"| {f(r['history'])} | {f(r['feeds+sections'])} | {added:.2f} | {added / r['load'][1]:.2f}x |", flush=True)


if __name__ == "__main__":
    main()
