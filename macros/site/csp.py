"""A content-security policy in every page, as a <meta> (GitHub Pages cannot send headers).

Scripts run only from this site's own files and from the theme's inline scripts whose exact
text is allowed by hash (computed per page: some embed the page's relative base URL). Nothing
from another origin, no inline event handlers, no plugins, no <base> tricks. Not added while
``mkdocs serve`` runs: its live-reload script is inline and changes on every request.
"""

from __future__ import annotations

import base64
import hashlib
import re

serving = False  # set by the hook's on_startup

INLINE_SCRIPT_RE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
RUNS_AS_SCRIPT = re.compile(r'\btype="(text/javascript|module)"|^(?![\s\S]*\btype=)', re.I)

FIXED = (
    "default-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",  # the theme's icons are data: SVGs in its CSS
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def _hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def policy(html: str) -> str:
    hashes = sorted({_hash(m["body"]) for m in INLINE_SCRIPT_RE.finditer(html)
                     if "src=" not in m["attrs"] and RUNS_AS_SCRIPT.search(m["attrs"])})
    return "; ".join(["script-src 'self' " + " ".join(hashes), *FIXED]).replace("  ", " ")


def add_policy(html: str) -> str:
    if serving or "<head>" not in html:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html.replace("<head>", "<head>\n    " + meta, 1)
