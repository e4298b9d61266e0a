"""Kept libraries weighed where the finder does by hand what they do (issue 27): MiniSearch and
FlexSearch as engines, Snowball's JavaScript stemmers against the hand-ported Dutch stemmer.

    .venv/bin/python benchmarks/search_libraries.py [--tiny] [--size N]

Engines get the same documents (every text a product page shows, in the finder's fields and weights:
macros/search/words.py), our tokens, stop words and stems, and the same queries: the 50 and the
professional set of tests/search_queries.py (QUERIES, PROFESSIONAL), scored as
tests/test_search_professional.py scores them. The libraries know no municipalities (those queries
expect the municipality's page first), which the table says apart. --size N: the speed columns on N
synthetic products (benchmarks/synthetic.py) instead of the real data, with the search words of
search_bench.py and 25 codes. Stemmers: agreement with Python's snowballstemmer on every word of the
data and its inflected forms, and time. --tiny: real data, five queries, 200 words (tests/test_benchmarks.py).
Needs the npm dev packages minisearch, flexsearch and snowball-stemmers (package.json); figures, not assertions.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the query sets and the Node runner's helpers (tests/ is no package)
from search_node import verdict, write_files  # noqa: E402
from search_queries import PROFESSIONAL  # noqa: E402
from search_queries import QUERIES as QUERIES_50  # noqa: E402

from macros.catalogue.loader import Catalogue, load_catalogue  # noqa: E402
from macros.search.index import geordend  # noqa: E402
from macros.search.language import _PORTER, is_code, stem, tokens  # noqa: E402
from macros.search.words import fields  # noqa: E402

RUNNER = HERE / "search_libraries.mjs"
SUFFIXES = ("en", "s", "e", "heid", "ing", "ingen", "lijk", "baar", "ig", "er")


def documents(cat: Catalogue) -> list[dict]:
    out = []
    for p in geordend(cat):
        f = fields(cat, p)
        out.append({"u": p.url, "code": f["code"], "naam": f["naam"],
                    "term": " ".join((f["term"], f["betekenis"], f["groep"], f["type"])), "kern": f["kern"],
                    "tekst": f["tekst"] + "\n" + f["regio"]})
    return out


def corpus(cat: Catalogue) -> list[str]:
    words = {t for p in cat.producten.values() for text in fields(cat, p).values() for t in tokens(text) if not is_code(t)}
    return sorted(words | {w + s for w in words for s in SUFFIXES})


def main(argv: list[str]) -> int:
    tiny = "--tiny" in argv
    size = int(argv[argv.index("--size") + 1]) if "--size" in argv else None
    real = load_catalogue(ROOT / "data")
    queries = [*QUERIES_50, *PROFESSIONAL][: 5 if tiny else None]
    words = corpus(real)[: 200 if tiny else None]
    with tempfile.TemporaryDirectory(prefix="pb-libs-") as tmp:
        cat = real
        if size:
            from synthetic import write_catalogue

            cat = load_catalogue(write_catalogue(Path(tmp) / "data", size))
        start = time.perf_counter()
        files = write_files(cat, Path(tmp))
        build_s = time.perf_counter() - start
        codes = sorted(p.code for p in cat.producten.values() if p.code)
        if size:
            from search_bench import WORDS

            texts = random.Random(1).sample(codes, min(25, len(codes))) + WORDS
        else:
            texts = [q.query for q in queries]
        payload = {"docs": documents(cat), "queries": texts, "words": words, "files": str(files), "rounds": 1 if tiny else 5}
        result = subprocess.run(["node", "--no-warnings", str(RUNNER)], input=json.dumps(payload), capture_output=True,
                                text=True, timeout=1800, cwd=ROOT)
        if result.returncode:
            print(result.stderr[-2000:])
            return 1
        out = json.loads(result.stdout)
    print(f"{time.strftime('%Y-%m-%d %H:%M')} · {len(cat.producten)} products"
          + (" (synthetic; quality columns need the real data)" if size else "") + "\n")
    print("| engine | 50 queries | professional queries | of which municipality queries | index build ms "
          "| query median / p95 ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, r in out["engines"].items():
        if "error" in r:
            print(f"| {name} | – | – | – | – | error: {r['error']} |")
            continue
        if size:
            passed = ("–", "–", "–")
        else:
            ok = [verdict(q, pages) is None for q, pages in zip(queries, r["pages"], strict=True)]
            n50 = sum(ok[: len(QUERIES_50)])
            npro = sum(ok[len(QUERIES_50):])
            muni = [o for q, o in zip(queries, ok, strict=True) if q.kind == "municipality"]
            passed = (f"{n50}/{min(len(queries), len(QUERIES_50))}", f"{npro}/{max(0, len(queries) - len(QUERIES_50))}",
                      f"{sum(muni)}/{len(muni)}")
        extra = f" (+ {build_s * 1000:,.0f} in Python)" if name == "finder" else ""
        print(f"| {name} | {passed[0]} | {passed[1]} | {passed[2]} | {r['build_ms']:,.0f}{extra} "
              f"| {r['median']:.2f} / {r['p95']:.2f} |", flush=True)
    print("\n| stemmer | words | same key as Python | ms for all words |")
    print("|---|---:|---:|---:|")
    expected = {"search_language.js": [stem(w) for w in words], "snowball-stemmers": [_PORTER.stemWord(w) for w in words]}
    for name, r in out["stemmers"].items():
        if "error" in r:
            print(f"| {name} | – | – | error: {r['error']} |")
            continue
        want = expected["search_language.js" if name.startswith("search_language.js") else "snowball-stemmers"]
        same = sum(a == b for a, b in zip(r["stems"], want, strict=True))
        print(f"| {name} | {len(words):,} | {same / len(words):.2%} | {r['ms']:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
