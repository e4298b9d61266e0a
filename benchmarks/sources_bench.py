"""Splitting a source document into sections, and its page, at growing numbers of headings.

    .venv/bin/python benchmarks/sources_bench.py [HEADINGS...]     (default: 2500 10000 40000)

For each size it generates a document of nested Markdown headings (levels 1–6, a line of text under
each) and measures, best of three, ``parse_document`` against a baseline in the same run: folding the
same text once (``fold``: one pass over every word, the least any reading of the text costs). It also
renders the document's page (``source_document``) and prints its size per byte of text.

Figures, not assertions. Linear splitting keeps the ratio flat as the document grows; the old splitting
(each section's end searched in a copy of the rest of the heading list) grew with the square.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from macros.catalogue.loader import load_catalogue
from macros.catalogue.sources import fold, parse_document
from macros.components.sources import source_document

ROOT = Path(__file__).resolve().parent.parent


def _best(f) -> float:
    best = 1e9
    for _ in range(3):
        t = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t)
    return best


def main(sizes: list[int]) -> None:
    cat = load_catalogue(ROOT / "data")
    print("| headings | text KB | split s | fold s (baseline) | ratio | page KB | page / text |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        text = "\n\n".join(f"{'#' * (1 + i % 6)} Kop {i}\n\nRegel {i} van de tekst." for i in range(n))
        t_split = _best(lambda: parse_document("bench.txt", text))
        t_fold = _best(lambda: fold(text))
        cat.bronnen["bench.txt"] = parse_document("bench.txt", text)
        page = str(source_document(cat, "bench.txt"))
        print(f"| {n} | {len(text) / 1024:.0f} | {t_split:.3f} | {t_fold:.4f} | {t_split / t_fold:.0f}x | "
              f"{len(page) / 1024:.0f} | {len(page) / len(text):.1f} |", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [2500, 10000, 40000])
