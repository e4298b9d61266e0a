"""Header-search ranking settings compared on the query set (tests/search_queries.py).

    .venv/bin/python benchmarks/search_quality.py [--site BUILT_SITE] [--tiny]

--site: a copy of an already built site instead of a build; --tiny: two settings, five queries, three
words (tests/test_benchmarks.py checks that it runs).

Builds the real site once, then serves variants of Material's search index that differ only in
what the settings would change (Material copies a page's `search: boost` into its index entries,
so setting `boost` in the index is the same as setting it in the page's metadata):

- product pages with boost 1 (none), 3 and 10;
- overview pages (comparisons, code tables, matrices, data quality, norms, decision trees, changes,
  open data) indexed by their title only, product pages without boost.

For each variant: the queries of the set that pass, those whose first result is the expected page,
and for plain product words (WORDS) how often the first result is a product page at all. Figures,
not assertions.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
from search_bench import CHROMIUM, serve  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))  # the tests' query set and their header-search helpers (tests/ is no package)
from search_queries import QUERIES  # noqa: E402

OVERVIEW = ("vergelijken/", "datakwaliteit/", "normenkader/", "beslisbomen/", "wijzigingen/", "open-data/")
SUB_PAGES = ("/codetabel/", "/matrices/", "/vergelijken/")
# Plain product words: the first result should be a product page, not an overview page.
WORDS = ["begeleiding", "behandeling", "pleegzorg", "dyslexie", "verblijf", "groep", "gezin", "diagnostiek",
         "detachering", "consultatie", "regie", "individueel", "intensief", "systeem", "opvoedhulp"]


def is_product(location: str, products: set[str]) -> bool:
    return location.split("#")[0] in products


def variant(index: dict, products: set[str], boost: float, lean_overviews: bool) -> dict:
    docs = []
    for doc in index["docs"]:
        doc = {k: v for k, v in doc.items() if k != "boost"}
        page = doc["location"].split("#")[0]
        overview = page.startswith(OVERVIEW) or any(s in "/" + page for s in SUB_PAGES)
        if lean_overviews and overview:
            if "#" in doc["location"]:
                continue  # sections of an overview page: gone
            doc["text"] = ""
        if boost != 1 and is_product(doc["location"], products):
            doc["boost"] = boost
        docs.append(doc)
    return {**index, "docs": docs}


def main(argv: list[str]) -> int:
    import shutil

    from playwright.sync_api import sync_playwright
    from test_search_queries import _verdict, header_paths

    from conftest import open_header_search
    from macros.catalogue.loader import load_catalogue

    class Watched:  # what header_paths needs of the tests' PageWatch
        def __init__(self, page, base):
            self.page, self.base = page, base

    products = {p.url for p in load_catalogue(ROOT / "data").producten.values()}
    variants = [("product pages boost 1 (none)", 1, False), ("product pages boost 3", 3, False),
                ("product pages boost 10", 10, False), ("overview pages by title only, boost 1", 1, True)]
    queries, words = QUERIES, WORDS
    if "--tiny" in argv:
        variants, queries, words = variants[::3], QUERIES[:5], WORDS[:3]
    with tempfile.TemporaryDirectory(prefix="pb-quality-") as tmp:
        site = Path(tmp) / "site"
        if "--site" in argv:
            shutil.copytree(argv[argv.index("--site") + 1], site)
        else:
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)], cwd=ROOT, check=True,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        original = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        print("| header-search setting | queries passed | expected first result | plain words: product first |")
        print("|---|---:|---:|---:|")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM)
            for name, boost, lean in variants:
                (site / "search" / "search_index.json").write_text(
                    json.dumps(variant(original, products, boost, lean)), encoding="utf-8")
                server, base = serve(site)
                page = browser.new_page()
                page.goto(base)
                box = open_header_search(page)
                passed = first_ok = with_first = 0
                failures = []
                for item in queries:
                    found = header_paths(Watched(page, base), box, item.query)
                    why = _verdict(item, found)
                    passed += why is None
                    if why:
                        failures.append(f"{item.query}: {why}")
                    if item.first:
                        with_first += 1
                        first_ok += bool(found) and found[0] == item.first
                product_first = 0
                for word in words:
                    found = header_paths(Watched(page, base), box, word)
                    product_first += bool(found) and found[0] in products
                page.close()
                server.shutdown()
                print(f"| {name} | {passed}/{len(queries)} | {first_ok}/{with_first} | {product_first}/{len(words)} |", flush=True)
                for f in failures:
                    print(f"|   fails: {f} | | | |")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
