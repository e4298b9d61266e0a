"""The frame of a generated page: its heading and the list of its sections ("Op deze pagina")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from macros.components.render import render

# Headings as the components write them: <h2 id="doel">Doel</h2> (attributes may follow the id).
HEADING_RE = re.compile(r'<h([1-6])\s[^>]*?\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
TAG_RE = re.compile(r"<[^>]+>")
TITLE_ID = "inhoud"  # the page heading: Material's skip link ("Ga naar inhoud") jumps here


@dataclass(frozen=True)
class Section:
    level: int
    id: str
    name: Markup  # the heading's text as HTML (escaped), without tags


def sections(html: str) -> list[Section]:
    """The headings with an id in a component's HTML, in order."""
    return [Section(int(level), anchor, Markup(TAG_RE.sub("", inner).strip()))
            for level, anchor, inner in HEADING_RE.findall(html)]


def page_heading(title: str) -> Markup:
    return render("page_heading.html", title=title, id=TITLE_ID)


def page_contents(items: list[Section]) -> Markup:
    """A compact list of the page's sections, for screens where Material's contents column is hidden."""
    return render("page_contents.html", items=items) if len(items) > 1 else Markup("")
