"""The Jinja environment of the components: templates in macros/components/templates, strict, autoescaped.

Values from data are always escaped; ``Markup`` is only for HTML this code built itself (other
components, sanitised Markdown from ``richtext``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from macros.components.richtext import markdown_filter
from macros.text import dutch_number, quantity_text, slug
from macros.view.words import BLANK, INFERRED, INFERRED_SEE_PAGE, NO_CODE, STATE_WORDS, label

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Generated pages put this after their lead; Material's search indexes only what comes before (hooks.py).
LEAN_END = Markup("<!-- pb:end-of-search-summary -->")
# Where a page wants its "Op deze pagina" list when not right after the lead (macros/site/page_html.py):
# a product page puts its key facts first, so that they are in the first screen on a phone (issue 29).
CONTENTS_HERE = Markup("<!-- pb:contents -->")


def strip_p(html: str) -> Markup:
    """'<p>one paragraph</p>' -> 'one paragraph', for Markdown inside a list item."""
    text = str(html)
    if text.startswith("<p>") and text.endswith("</p>") and text.count("<p>") == 1:
        text = text[3:-4]
    return Markup(text)


def _bytecode_cache() -> BytecodeCache | None:
    """Compiled templates kept between builds: compiling them was about a tenth of a build of the real
    data. Jinja keys each entry by the template's file name and checks it against a hash of the source,
    so an edited template is compiled again; its default folder (in the system's temporary folder) is
    created private to this user, and refused if someone else owns it."""
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no private temporary folder: compile every build, as before
        return None


@lru_cache(maxsize=1)
def env() -> Environment:
    e = Environment(
        bytecode_cache=_bytecode_cache(),
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # every value is escaped unless the code itself built it as Markup
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates are code: no stat per render (one build, one process)
    )
    e.filters.update(slug=slug, md=markdown_filter, striptags_p=strip_p, dutch_number=dutch_number, quantity_text=quantity_text)
    # the view's words (macros.view.words): templates say a state with these, never with their own copy
    e.globals.update(BLANK=BLANK, INFERRED=INFERRED, INFERRED_SEE_PAGE=INFERRED_SEE_PAGE, NO_CODE=NO_CODE,
                     STATE_WORDS=STATE_WORDS, label=label, LEAN_END=LEAN_END, CONTENTS_HERE=CONTENTS_HERE)
    return e


def render(template: str, **context) -> Markup:
    """Render a component template to one block of HTML with no blank lines (safe inside Markdown)."""
    html = env().get_template(template).render(**context)
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))
