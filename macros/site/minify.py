"""MkDocs hook: the site's own scripts and style sheets are minified in the built site (issue 29 §4).

The files under ``overrides/assets/`` stay readable in the repository, with their comments; the built site
gets copies without comments and needless white space, made by ``rjsmin`` and ``rcssmin`` (PyPI, one
maintainer since 2011, released 2026; C extensions with a pure-Python fallback). They only remove comments
and white space and keep every token, name and string as written, so a minified script is the same program
(tests/test_minify.py compares the token sequences of both with the JavaScript parser ESLint uses, and the
rules of both style sheets as Chromium parses them), stack traces keep the source's names, and no source
map is needed. A minifier that renames (terser, esbuild) saved about 3 KB gzip more over all the files
(1 KB on a page) but would put Node in every build.

Only whole files of ours change, never a page: the content-security policy hashes only the theme's inline
scripts (macros/site/csp.py), and no page names a file by a hash of its bytes, so nothing else needs to
follow. The theme's own files (already minified) and Decap CMS's (node_modules/) are left as they are, and so
are the form's own scripts under ``overrides/assets/cms/``: /beheer/ loads Decap CMS's 1.5 MB besides them, so
minifying them would save nothing that counts, and ``rjsmin`` does not read every script right: it took a
template literal nested in another one's substitution (one in cms.js) for text and changed its spaces. The
site's scripts are checked for that by the test above, in the fast lane.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

from macros.site.state import ROOT

ASSETS = (ROOT / "overrides" / "assets").resolve()
MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def minified(suffix: str, text: str) -> str:
    """The text of a script (``.js``) or style sheet (``.css``) without comments and needless white space."""
    return MINIFIERS[suffix](text)


def ours(abs_src_path: str | None) -> bool:
    """Whether a file of the build is one of the site's own scripts or style sheets (overrides/assets/, not its
    sub-folders)."""
    if not abs_src_path:
        return False
    path = Path(abs_src_path)
    return path.suffix in MINIFIERS and path.resolve().parent == ASSETS


def on_files(files, config):
    """The site's own scripts and style sheets get their minified text as content (written instead of the source
    file; under ``mkdocs serve`` on every rebuild, which reads them afresh)."""
    for f in files:
        if ours(f.abs_src_path):
            path = Path(f.abs_src_path)
            f.content_string = minified(path.suffix, path.read_text(encoding="utf-8"))
    return files
