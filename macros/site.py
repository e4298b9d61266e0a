"""Build state shared by the hooks and the macros: the catalogue of the current build.

The hook loads the catalogue once per build (``on_config``, before any plugin) and
stores it here; macros only read it. In ``mkdocs serve`` every rebuild reloads it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from macros.catalogue import Catalogus

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class BuildState:
    catalogus: Catalogus | None = None
    # PRODUCTENBOEK_DATA points a build at another data folder (tests, benchmarks).
    data_dir: Path = field(default_factory=lambda: Path(os.environ.get("PRODUCTENBOEK_DATA", ROOT / "data")))

    site_url: str = ""
    data_datum: str = ""  # date of the newest commit touching data/ (YYYY-MM-DD), set by the hook

    def cat(self) -> Catalogus:
        if self.catalogus is None:
            raise RuntimeError("de catalogus is nog niet geladen (hook on_config is niet gedraaid)")
        return self.catalogus


STATE = BuildState()


def root_of(page_url: str) -> str:
    """Relative prefix from a page to the site root: 'flevoland/45f21/' -> '../../'."""
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return "../" * depth


def data_datum(data_dir: Path) -> str:
    """Date of the newest git commit that touched the data folder; today when not in git."""
    import datetime
    import subprocess

    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs", "--", "."], cwd=data_dir,
                             capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        out = ""
    return out or datetime.date.today().isoformat()
