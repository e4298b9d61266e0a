"""Markdown fields of the data to safe HTML: converted, then sanitised with an allow-list (nh3).

Data is untrusted text (it may come from a web form or a spreadsheet): whatever an editor writes,
only the tags, attributes and URL schemes below reach a page. Headings in a field start at h3,
below the page's own sections, so a field cannot break the page outline.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
import nh3
from markdown.extensions.toc import TocExtension
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote", "hr", "sub", "sup",
    "ul", "ol", "li", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "a",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
# Relative links (no scheme) are allowed too; javascript:, data:, vbscript: … are dropped.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

_MD = markdown.Markdown(
    extensions=["sane_lists", "tables", TocExtension(baselevel=3, anchorlink=False, permalink=False)],
    output_format="html",
)

# Text with none of these needs no Markdown: it becomes one escaped paragraph as it is (most data
# fields are plain sentences; converting them was the largest cost of rendering a product page).
# A line of '-' or '=' under text makes it a heading; NUL, CR and no-break spaces are written otherwise by the
# sanitiser (dropped, a newline, &nbsp;).
_NEEDS_MARKDOWN = re.compile(r"[\\`*_\[\]<>#!&|~\x00\r\xa0]|^\s*([-+*]|\d+[.)])(\s|$)|\n\s*\n|  $|^ {0,3}\t|^ {4}|^[-=]+[ \t]*$", re.M)


def sanitise(html: str) -> str:
    """Keep only the allowed tags, attributes and URL schemes; script and style lose their content."""
    return nh3.clean(
        html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer", strip_comments=True,
    )


_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_HEADER_CELL = re.compile(r"<th[^>]*>(.*?)</th>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _table_box(m: re.Match) -> str:
    """A table from a field in the site's table box (issue 29): Material wrapped it in a scrolling box
    that Chromium makes a tab stop without a name. The box is a named region that scrolls; its name
    is the table's column heads (already sanitised HTML: tags dropped, entities kept escaped)."""
    heads = [" ".join(_TAG.sub("", h).split()) for h in _HEADER_CELL.findall(m.group(1).split("</thead>", 1)[0])]
    label = ", ".join(h for h in heads if h)
    label = label if len(label) <= 80 else label[:79].rsplit(" ", 1)[0] + "…"
    name = f"Tabel: {label}" if label else "Tabel"
    return (f'<div class="pb-table-wrap" role="region" tabindex="0" aria-label="{name.replace(chr(34), "&quot;")}">'
            f'<table class="pb-table">{m.group(1)}</table></div>')


# Blank lines between paragraphs: a line holding only spaces or tabs is blank to Markdown too.
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
_EDGE_SPACE = re.compile(r"^[ \t]|[ \t]$", re.M)


def _plain_paragraphs(text: str) -> str | None:
    """Text of plain paragraphs between blank lines (a long description, most of whose paragraphs are plain
    sentences) as Python-Markdown writes it: each paragraph escaped in <p>, joined by a newline. None when a
    paragraph needs Markdown, or a line starts or ends with white space (indented code, a line break, or text
    Markdown would trim): then Python-Markdown converts it. tests/test_components.py holds both ways equal."""
    parts = _BLANK_LINES.split(text)
    if any(not part or _NEEDS_MARKDOWN.search(part) or _EDGE_SPACE.search(part) for part in parts):
        return None
    return "\n".join(f"<p>{html.escape(part, quote=False)}</p>" for part in parts)


@lru_cache(maxsize=8192)
def to_html(text: str) -> str:
    text = text.strip("\n")
    if not _NEEDS_MARKDOWN.search(text):
        return f"<p>{html.escape(text.strip(), quote=False)}</p>"
    if (plain := _plain_paragraphs(text)) is not None:
        return plain
    # one converter for all fields: building one costs more
    return _TABLE.sub(_table_box, sanitise(_MD.reset().convert(text)))


def markdown_filter(text: str | None) -> Markup:
    """A Markdown field as sanitised HTML (a Jinja filter: ``{{ p.doel | md }}``)."""
    return Markup(to_html(text)) if text else Markup("")
