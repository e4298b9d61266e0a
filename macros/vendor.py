"""Third-party browser code the site serves, from installed packages (never copied into the repo).

lunr.js comes with MkDocs, unminified (100 KB, 25 KB gzipped); the finder gets it minified with
rjsmin (40 KB, 10 KB gzipped), its licence header kept.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import mkdocs
import rjsmin

LUNR_JS = Path(mkdocs.__file__).parent / "contrib" / "search" / "templates" / "search" / "lunr.js"


@lru_cache(maxsize=1)
def lunr_js() -> str:
    source = LUNR_JS.read_text(encoding="utf-8")
    header = re.match(r"\s*/\*\*.*?\*/", source, re.S)
    if header is None or "@license" not in header.group(0):
        raise RuntimeError(f"{LUNR_JS}: de licentiekop van lunr.js is niet gevonden")
    return header.group(0).strip() + "\n" + rjsmin.jsmin(source) + "\n"
