"""The finder's engine run in Node as the browser runs it (tests/js/search_run.mjs), on search files
built from a catalogue, and the verdict on a query set (tests/search_queries*.py).

Used by tests/test_search_professional.py (fast lane: no site build, no browser) and by
benchmarks/search_quality.py (query-set scores).
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from macros.catalogue.loader import Catalogue
from macros.search.index import finder_manifest, search_files

RUNNER = Path(__file__).parent / "js" / "search_run.mjs"


def write_files(cat: Catalogue, out: Path) -> Path:
    for name, text in search_files(cat).items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(text, encoding="utf-8")
    (out / "manifest.json").write_text(json.dumps(finder_manifest(cat), ensure_ascii=False), encoding="utf-8")
    return out


def run(files: Path, queries: list[str]) -> list[dict]:
    """Per query: {"q", "pages" (site-relative, best first), "suggestion", "general"}."""
    result = subprocess.run(["node", "--no-warnings", str(RUNNER), str(files)], input=json.dumps(queries),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def answers(cat: Catalogue, queries: list[str]) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        return run(write_files(cat, Path(tmp)), queries)


def verdict(item, found: list[str], general: object = None) -> str | None:
    """None when the results meet the query's expectation (a search_queries.Query)."""
    if getattr(item, "nothing", False):
        return None if not found else f"expected nothing, got {len(found)}: {', '.join(found[:3])}"
    if (at_most := getattr(item, "at_most", None)) is not None and len(found) > at_most:
        return f"lists {len(found)} results, at most {at_most} expected"
    if item.first and (not found or found[0] != item.first):
        return f"first is {found[0] if found else 'nothing'}, expected {item.first}"
    top = getattr(item, "top", None)
    missing = sorted(item.present - set(found[:top] if top else found))
    if missing:
        return f"missing {', '.join(missing)}" + (f" in the first {top}" if top else "")
    wrong = sorted(item.absent & set(found))
    if wrong:
        return f"should not list {', '.join(wrong)}"
    return None


def score(cat: Catalogue, queries: list) -> tuple[int, list[str]]:
    """(queries passed, what fails) for a query set, in the engine as the browser runs it."""
    failures = []
    for item, a in zip(queries, answers(cat, [x.query for x in queries]), strict=True):
        if (why := verdict(item, a["pages"], a["general"])) is not None:
            failures.append(f"{item.query!r} ({item.kind}): {why}")
    return len(queries) - len(failures), failures
