"""The source documents (``data/bronnen/*.txt``): plain text, split into sections at the text's own headings.

The documents are extracts of slide decks, web pages and procurement appendices, so "heading" has to be
read from the text. A line is a heading when it is

1. a Markdown heading (``## Begeleiding groep``): its level is the number of ``#``;
2. a table caption: the first row of a table with one filled cell, all bold (``| <b>Logeren</b> |``),
   at level 2. A caption equal to the heading just before it continues that section (a section's
   second table) rather than starting a new one;
3. in a document without Markdown headings, a numbered title (``7. Multidisciplinaire …``) without a
   colon or closing punctuation, at level 1;
4. a short line on its own (blank lines around it) that is not a sentence (no closing ``.:;,``), not a
   list item or table row, and not extraction noise (reviewer comments ``[PM1]``, form blanks ``\\_``):
   level 2 in a plain document (a slide title), and below every Markdown level in a Markdown document,
   so that it nests inside the section around it.

A section runs from its heading to the next heading of the same or a higher level, so it includes its
subsections. Each section gets an anchor from its title (``Normenkader`` → ``normenkader``); a title that
occurs more than once gets a number on every occurrence (``begeleiding-1``, ``begeleiding-2``).

Values are compared with whitespace folded (any run of whitespace is one space), so a quote that the
data wraps over lines still matches.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from macros.text import slug

# A Markdown heading; its closing '#'s are stripped in Python (``_atx_title``): a regex that did it,
# (.+?)\s*#*\s*$, took cubic time on a heading with a long run of spaces inside it.
_ATX = re.compile(r"^(#{1,6})\s+(.+)$")
_TABLE_ROW = re.compile(r"^\s*\|")
_CAPTION = re.compile(r"^\s*\|\s*<b>([^<|]+)</b>\s*\|((\s*\|)*)\s*$")
_NUMBERED = re.compile(r"^\d+\.\s+\S")
_NOT_A_TITLE_START = re.compile(r"^([-*+|<>\"'“(]|\d+[.)]\s)")
_NOISE = re.compile(r"\[PM\d+\]|\\_")
_CLOSING = re.compile(r"[.:;,]$")
# Ids the page around a document already uses (macros.components.page: the page heading is 'inhoud',
# the contents list 'pb-…'); a section whose title would give one of these gets '-sectie' added.
RESERVED_ANCHORS = re.compile(r"^(inhoud|pb-.*|md-.*|__.*)$")
MAX_TITLE = 90
MAX_NUMBERED = 160
DEEP = 7  # level of a plain-line heading in a Markdown document: below every '#' level


def fold(text: str) -> str:
    """Whitespace folded: every run of whitespace is one space, none at the ends."""
    return " ".join(text.split())


def _atx_title(text: str) -> str:
    """The heading text without the closing '#'s and the whitespace around them (at least one character)."""
    trimmed = text.rstrip().rstrip("#").rstrip()
    return trimmed or text.lstrip()[:1]


def clean_title(raw: str) -> str:
    text = re.sub(r"</?b>|\*\*|__", "", raw)
    return fold(text.strip().strip("*").strip())


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    level: int
    start: int  # line index (0-based) of the heading
    end: int  # line index where the section ends (exclusive), subsections included
    body_end: int  # line index where the next heading of any level starts (exclusive)

    @property
    def line(self) -> int:
        """1-based line number of the heading."""
        return self.start + 1


@dataclass(frozen=True)
class SourceDocument:
    name: str  # file name, e.g. 002_b4979bd38850de40.txt
    text: str
    sections: tuple[Section, ...]
    _by_anchor: dict[str, Section] = field(default_factory=dict, repr=False, compare=False)

    @property
    def stem(self) -> str:
        """The name without .txt: the page is /bronnen/<stem>/."""
        return self.name.rsplit(".", 1)[0]

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    @cached_property
    def _refs(self) -> dict[str, Section | None]:
        return {}

    def section(self, ref: str) -> Section | None:
        """A section by its anchor, or by its heading as printed when that heading occurs once."""
        if ref in self._refs:
            return self._refs[ref]
        found = self._by_anchor.get(ref) or self._by_anchor.get(slug(ref))
        if found is None:
            same = [s for s in self.sections if slug(s.title) == slug(ref)]
            found = same[0] if len(same) == 1 else None
        self._refs[ref] = found
        return found

    def ambiguous(self, ref: str) -> list[Section]:
        """The sections a reference could mean when their title occurs more than once."""
        base = slug(ref)
        same = [s for s in self.sections if slug(s.title) == base]
        return same if self.section(ref) is None and len(same) > 1 else []

    def text_of(self, s: Section, own_only: bool = False) -> str:
        return "\n".join(self.lines[s.start:s.body_end if own_only else s.end])

    @cached_property
    def _folded_sections(self) -> dict[str, list[int]]:
        return {}  # folded quote -> its occurrences in the folded text

    @cached_property
    def _starts(self) -> list[int]:
        return [s.start for s in self.sections]

    def within(self, s: Section) -> list[Section]:
        """The section and its subsections (sections are ordered by line; subsections follow their parent)."""
        i = bisect.bisect_left(self._starts, s.start)
        j = bisect.bisect_left(self._starts, s.end)
        return list(self.sections[i:j])

    @cached_property
    def _fold_starts(self) -> tuple[str, list[int]]:
        """The whole text folded once, and per line index (0 … len(lines)) where that line's words start in
        it: the folded text of lines[a:b] is folded[starts[a]:starts[b] - 1], so no section is folded again."""
        words: list[str] = []
        starts: list[int] = []
        pos = 0
        for line in self.lines:
            starts.append(pos)
            for w in line.split():
                words.append(w)
                pos += len(w) + 1
        starts.append(pos)
        return " ".join(words), starts

    def _occurrences(self, quote: str) -> list[int]:
        """Every start of the folded quote in the folded text (overlapping ones included), remembered."""
        if quote not in self._folded_sections:
            folded = self._fold_starts[0]
            found, i = [], folded.find(quote)
            while i >= 0:
                found.append(i)
                i = folded.find(quote, i + 1)
            self._folded_sections[quote] = found
        return self._folded_sections[quote]

    def contains(self, s: Section, quote: str) -> bool:
        """True when the quote (whitespace folded) occurs in the section, subsections included. Linear in
        the document once per quote, then a binary search per section (a section is never folded)."""
        q = fold(quote)
        if not q:
            return True
        starts = self._fold_starts[1]
        begin, end = starts[s.start], starts[s.end] - 1
        found = self._occurrences(q)
        k = bisect.bisect_left(found, begin)
        return k < len(found) and found[k] + len(q) <= end

    @cached_property
    def _located(self) -> dict[tuple[str, str], Section | None]:
        return {}

    def locate(self, quote: str, within: list[Section] | None = None) -> Section | None:
        """The smallest section (of ``within``, else of the document) that contains the quote."""
        candidates = [s for s in (within if within is not None else self.sections) if self.contains(s, quote)]
        return min(candidates, key=lambda s: (s.end - s.start, -s.level), default=None)

    def locate_in(self, s: Section, quote: str) -> Section | None:
        """The smallest section inside ``s`` (or ``s`` itself) that contains the quote; remembered, since
        the loader checks a quote and every page that shows it links it."""
        key = (s.anchor, quote)
        if key not in self._located:
            self._located[key] = self.locate(quote, self.within(s))
        return self._located[key]

    def blocks(self, s: Section | None = None) -> list[str]:
        """The section's own text (up to its first subsection) as paragraphs: runs of non-blank lines.
        Without a section: the text before the first heading."""
        if s is None:
            stop = self.sections[0].start if self.sections else len(self.lines)
            body = self.lines[:stop]
        else:
            body = self.lines[s.start + 1:s.body_end]
        out, cur = [], []
        for line in body:
            if line.strip():
                cur.append(line.rstrip())
            elif cur:
                out.append("\n".join(cur))
                cur = []
        if cur:
            out.append("\n".join(cur))
        return out


def _standalone(lines: list[str], i: int) -> bool:
    prev_blank = i == 0 or not lines[i - 1].strip()
    next_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
    return prev_blank and next_blank


def _headings(lines: list[str]) -> list[tuple[int, int, str]]:
    """(line index, level, title) of every heading, by the rules in the module docstring."""
    markdown = any(_ATX.match(line) for line in lines)
    found: list[tuple[int, int, str]] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if m := _ATX.match(stripped):
            title = clean_title(_atx_title(m.group(2)))
            if title:
                found.append((i, len(m.group(1)), title))
            continue
        if (m := _CAPTION.match(line)) and (i == 0 or not _TABLE_ROW.match(lines[i - 1])):
            title = clean_title(m.group(1))
            if title and not (found and found[-1][2].casefold() == title.casefold()):
                found.append((i, 2, title))
            continue
        if _TABLE_ROW.match(line) or _NOISE.search(stripped):
            continue
        title = clean_title(stripped)
        if not markdown and _NUMBERED.match(line) and len(title) <= MAX_NUMBERED \
                and ":" not in title and not _CLOSING.search(title):
            found.append((i, 1, title))
        elif _standalone(lines, i) and len(title) <= MAX_TITLE and title \
                and not _CLOSING.search(title) and not _NOT_A_TITLE_START.match(stripped):
            found.append((i, DEEP if markdown else 2, title))
    return found


def parse_document(name: str, text: str) -> SourceDocument:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    heads = _headings(lines)
    slugs = [slug(title) for _, _, title in heads]
    counts: dict[str, int] = {}
    for s in slugs:
        counts[s] = counts.get(s, 0) + 1  # by title: a repeated title numbers every occurrence
    seen: dict[str, int] = {}
    used: set[str] = set()
    sections = []
    # Where each section ends: at the next heading of the same or a higher level. One pass with a stack of
    # the sections still open (linear: each heading is pushed and popped once).
    ends = [len(lines)] * len(heads)
    open_: list[int] = []
    for k, (i, level, _) in enumerate(heads):
        while open_ and heads[open_[-1]][1] >= level:
            ends[open_.pop()] = i
        open_.append(k)
    for k, (i, level, title) in enumerate(heads):
        base = slugs[k] or "sectie"
        if RESERVED_ANCHORS.match(base):
            base += "-sectie"
        if counts.get(slugs[k], 0) > 1 or base == "sectie":
            seen[base] = seen.get(base, 0) + 1
            anchor = f"{base}-{seen[base]}"
        else:
            anchor = base
        while anchor in used:  # a numbered anchor that happens to equal another title's anchor
            anchor += "-x"
        used.add(anchor)
        body_end = heads[k + 1][0] if k + 1 < len(heads) else len(lines)
        sections.append(Section(anchor, title, level, i, ends[k], body_end))
    doc = SourceDocument(name, text, tuple(sections))
    doc._by_anchor.update({s.anchor: s for s in sections})
    return doc
