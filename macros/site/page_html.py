"""Finish a generated page: body from its component, heading, contents list, TOC and anchors.

MkDocs normally learns a page's table of contents and anchors from Python-Markdown; generated
pages skip Markdown, so they are read here from the components' own headings.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from markupsafe import Markup
from mkdocs.structure.toc import TableOfContents, get_toc

from macros.components.page import TITLE_ID, Section, page_contents, page_heading, sections
from macros.components.render import CONTENTS_HERE, LEAN_END
from macros.site.pages import GeneratedPage, Where

ID_RE = re.compile(r'\sid="([^"]+)"')


@dataclass(frozen=True)
class FinishedPage:
    html: str
    toc: TableOfContents
    anchors: set[str]


def _token(s: Section, children: list[dict]) -> dict:
    return {"level": s.level, "id": s.id, "name": str(s.name), "children": children}


def _toc(title: str, found: list[Section]) -> TableOfContents:
    """Level 1: the page heading; below it the h2 sections, each with its h3 sections."""
    top: list[dict] = []
    for s in found:
        if s.level == 2:
            top.append(_token(s, []))
        elif s.level == 3 and top:
            top[-1]["children"].append(_token(s, []))
    heading = Section(1, TITLE_ID, Markup.escape(title))
    return get_toc([_token(heading, top)])


def finish(page: GeneratedPage, where: Where) -> FinishedPage:
    body = str(page.body(where))
    found = sections(body)
    contents = str(page_contents([s for s in found if s.level == 2]))
    # The contents list goes where the page asks for it (CONTENTS_HERE), else after the page's lead
    # (which alone feeds the header search), else on top.
    if str(CONTENTS_HERE) in body:
        body = body.replace(str(CONTENTS_HERE), contents, 1)
    else:
        lead, marker, rest = body.partition(str(LEAN_END))
        body = lead + marker + contents + rest if marker else contents + body
    html = str(page_heading(page.title)) + "\n" + body
    ids = ID_RE.findall(html)
    if dupes := [i for i, n in Counter(ids).items() if n > 1]:
        raise ValueError(f"{page.src_uri}: het anker '{dupes[0]}' staat meer dan eens op de pagina; "
                         "geef de sectie of het onderdeel in data/ een andere id")
    return FinishedPage(html, _toc(page.title, found), set(ids))
