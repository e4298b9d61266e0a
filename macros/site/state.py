"""Build state shared by the hooks and the macros: the catalogue of the current build.

The hook loads the catalogue once per build (``on_config``, before any plugin) and
stores it here; macros only read it. In ``mkdocs serve`` every rebuild reloads it.
"""

from __future__ import annotations

import itertools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from macros.catalogue.loader import Catalogue

ROOT = Path(__file__).resolve().parents[2]
STASH_RE = re.compile(r'<div data-pb-stash="(\d+)"></div>')


@dataclass
class BuildState:
    catalogue: Catalogue | None = None
    # PRODUCTENBOEK_DATA points a build at another data folder (tests, benchmarks).
    data_dir: Path = field(default_factory=lambda: Path(os.environ.get("PRODUCTENBOEK_DATA", ROOT / "data")))

    site_url: str = ""
    exports: dict[str, None] = field(default_factory=dict)  # open-data/<file>: made by macros.site.export_job
    changes: object = None  # macros.changes.Changes, or a Dutch explanation why there is none
    file_dates: dict[str, str] = field(default_factory=dict)  # data file -> date of its last commit
    data_date: str = ""  # date of the newest commit touching data/ (YYYY-MM-DD), set by the hook
    history: object = None  # macros.changes.history.History: every product's changes in git (issue 30)
    repo_url: str | None = None  # https://github.com/<owner>/<repo> for commit links ($PRODUCTENBOEK_REPO_URL), else None
    preview: bool = False  # a pull request's preview ($PRODUCTENBOEK_PREVIEW): /wijzigingen/ shows the report against main

    generated: dict = field(default_factory=dict)  # src_uri -> macros.site.pages.GeneratedPage
    stash: dict[str, str] = field(default_factory=dict)
    _serial: itertools.count = field(default_factory=itertools.count, repr=False)

    def new_build(self) -> None:
        """Forget what a previous (possibly failed) `mkdocs serve` build left behind."""
        self.stash.clear()
        self.generated.clear()

    def stash_html(self, html: str) -> str:
        """Keep a component's HTML aside and return a placeholder for the Markdown.

        Python-Markdown would otherwise re-parse every tag of the component's HTML to find where the
        raw block ends (the largest cost of a build); the hook puts the HTML back after conversion.
        """
        key = str(next(self._serial))  # never reused, also not after entries are taken back
        self.stash[key] = html
        return f'<div data-pb-stash="{key}"></div>'

    def put_back(self, html: str, page: str) -> str:
        """Put the HTML back; a component whose placeholder Markdown did not pass on fails the build."""
        html = STASH_RE.sub(lambda m: self.stash.pop(m.group(1)), html)
        if self.stash:
            self.stash.clear()
            raise ValueError(f"{page}: een macro staat op een plek waar Markdown geen HTML doorgeeft "
                             "(bijvoorbeeld in een codeblok); zet de macro op een eigen regel")
        return html

    def cat(self) -> Catalogue:
        if self.catalogue is None:
            raise RuntimeError("de catalogus is nog niet geladen (hook on_config is niet gedraaid)")
        return self.catalogue


STATE = BuildState()


def root_of(page_url: str) -> str:
    """Relative prefix from a page to the site root: 'flevoland/45f21/' -> '../../'."""
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return "../" * depth


def data_date(data_dir: Path) -> str:
    """Date of the newest git commit that touched the data folder; today when not in git."""
    import datetime
    import subprocess

    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs", "--", "."], cwd=data_dir,
                             capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        out = ""
    return out or datetime.date.today().isoformat()
