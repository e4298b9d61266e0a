"""The job summary table of .github/workflows/upstream.yml: the engine packages before and after lifting
the upper bounds of pyproject.toml.

    python scripts/upstream_versions.py BEFORE.json AFTER.json      (each: `pip list --format=json`)
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

PACKAGES = ("mkdocs", "properdocs", "mkdocs-material", "mkdocs-macros-plugin")


def versions(path: Path) -> dict[str, str]:
    return {p["name"].lower(): p["version"] for p in json.loads(path.read_text(encoding="utf-8"))}


def table(before: dict[str, str], after: dict[str, str], engine: str) -> str:
    rows = [f"## Nieuwste versies (engine: {engine})", "",
            "| pakket | binnen de grenzen van pyproject.toml | nieuwste | nieuw? |", "|---|---|---|---|"]
    for name in PACKAGES:
        old, new = before.get(name, "—"), after.get(name, "—")
        rows.append(f"| {name} | {old} | {new} | {'ja' if old != new else ''} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    engine = os.environ.get("PRODUCTENBOEK_ENGINE") or "mkdocs"
    if engine not in ("mkdocs", "properdocs"):
        engine = "onbekend"
    print(table(versions(Path(sys.argv[1])), versions(Path(sys.argv[2])), engine))
