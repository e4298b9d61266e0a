"""The Jinja environment of the components: templates in macros/components/templates, strict, autoescaped."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import markdown as md
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from macros.text import BLANK, getal, hoeveelheid, slug

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Generated pages put this after their lead; Material's search indexes only what comes before (hooks.py).
LEAN_END = Markup("<!-- pb:end-of-search-summary -->")


_MD = md.Markdown(extensions=["sane_lists"], output_format="html")


# Text with none of these needs Markdown: it becomes one paragraph as it is (most data fields are
# plain sentences; converting them was the largest cost of rendering a product page).
_NEEDS_MARKDOWN = re.compile(r"[\\`*_\[\]<>#!&|~]|^\s*([-+*]|\d+[.)])(\s|$)|\n\s*\n|  $|^ {4}|^=+$", re.M)


@lru_cache(maxsize=4096)
def _markdown(text: str) -> str:
    text = text.strip("\n")
    if not _NEEDS_MARKDOWN.search(text):
        return f"<p>{text.strip()}</p>"
    return _MD.reset().convert(text)  # one converter for all fields: building one costs more than converting


def markdown_filter(text: str | None) -> Markup:
    """Markdown from the data to HTML (data is trusted: it is reviewed in pull requests)."""
    return Markup(_markdown(text)) if text else Markup("")


def strip_p(html: str) -> Markup:
    """'<p>one paragraph</p>' -> 'one paragraph', for Markdown inside a list item."""
    text = str(html)
    if text.startswith("<p>") and text.endswith("</p>") and text.count("<p>") == 1:
        text = text[3:-4]
    return Markup(text)


@lru_cache(maxsize=1)
def env() -> Environment:
    e = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    e.filters.update(slug=slug, md=markdown_filter, striptags_p=strip_p, getal=getal, hoeveelheid=hoeveelheid)
    e.globals.update(BLANK=BLANK, LEAN_END=LEAN_END)
    return e


def render(template: str, **context) -> Markup:
    """Render a component template to one block of HTML with no blank lines (safe inside Markdown)."""
    html = env().get_template(template).render(**context)
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))
