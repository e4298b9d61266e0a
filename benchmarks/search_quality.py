"""Both searches on the query set (tests/search_queries.py): the finder and the header search.

    .venv/bin/python benchmarks/search_quality.py [--site BUILT_SITE] [--tiny]

--site: a copy of an already built site instead of a build; --tiny: five queries, three words
(tests/test_benchmarks.py checks that it runs).

Until issue 27 this compared ranking settings of Material's search index; the site no longer has that
index, and both searches run the finder's engine (search_engine.js). What can still differ between
them is what they show: the header search lists a municipality's page and the first twenty products.
For each: the queries of the set that pass, those whose first result is the expected page, and for
plain product words (WORDS) how often the first result is a product page at all. Figures, not
assertions.
"""

from __future__ import annotations

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

# Plain product words: the first result should be a product page, not an overview page.
WORDS = ["begeleiding", "behandeling", "pleegzorg", "dyslexie", "verblijf", "groep", "gezin", "diagnostiek",
         "detachering", "consultatie", "regie", "individueel", "intensief", "systeem", "opvoedhulp"]


def is_product(location: str, products: set[str]) -> bool:
    return location.split("#")[0] in products


def main(argv: list[str]) -> int:
    import shutil

    from playwright.sync_api import sync_playwright
    from search_node import verdict
    from test_search_queries import finder_paths, header_paths

    from conftest import open_header_search
    from macros.catalogue.loader import load_catalogue

    class Watched:  # what the tests' helpers need of their PageWatch
        def __init__(self, page, base):
            self.page, self.base = page, base

        def goto(self, path: str):
            return self.page.goto(self.base + path.lstrip("/"))

    products = {p.url for p in load_catalogue(ROOT / "data").producten.values()}
    queries, words = QUERIES, WORDS
    if "--tiny" in argv:
        queries, words = QUERIES[:5], WORDS[:3]
    with tempfile.TemporaryDirectory(prefix="pb-quality-") as tmp:
        site = Path(tmp) / "site"
        if "--site" in argv:
            shutil.copytree(argv[argv.index("--site") + 1], site)
        else:
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)], cwd=ROOT, check=True,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        print("| search | queries passed | expected first result | plain words: product first |")
        print("|---|---:|---:|---:|")
        server, base = serve(site)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM)
            for name in ("finder", "header search"):
                page = browser.new_page()
                watched = Watched(page, base)
                if name == "header search":
                    page.goto(base)
                    box = open_header_search(page)
                    paths = lambda q: header_paths(watched, box, q)  # noqa: E731
                else:
                    paths = lambda q: finder_paths(watched, q)  # noqa: E731
                passed = first_ok = with_first = 0
                failures = []
                for item in queries:
                    found = paths(item.query)
                    why = verdict(item, found)
                    passed += why is None
                    if why:
                        failures.append(f"{item.query}: {why}")
                    if item.first:
                        with_first += 1
                        first_ok += bool(found) and found[0] == item.first
                product_first = sum(bool(found := paths(word)) and found[0] in products for word in words)
                page.close()
                print(f"| {name} | {passed}/{len(queries)} | {first_ok}/{with_first} | {product_first}/{len(words)} |", flush=True)
                for f in failures:
                    print(f"|   fails: {f} | | | |")
            browser.close()
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
