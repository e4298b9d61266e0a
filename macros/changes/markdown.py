"""The pull-request comment and the job summary: GitHub-flavoured Markdown built from untrusted data.

The comment is posted by the repository's bot, so it must not carry anything that data can turn into an
action or a lure: no link, image, mention (``@user``), issue reference (``#123``, ``GH-123``), autolinked URL
or e-mail address, HTML or entity, and no table breakage. Every value that comes from data (product names,
field labels and values, file names, region names, the base's name, error texts) goes through ``md()``:

- one line: whitespace runs (newlines too) become one space; control and bidi-override characters become
  U+FFFD (``one_line``); long values are cut before escaping, so a cut never splits an escape;
- Markdown punctuation that can start a construct is backslash-escaped (``\\ ` * _ [ ] < > | ~ ! & $``, and a
  leading list marker), so there is no link, image, HTML, entity, emphasis, math or table cell from data;
- GitHub's own autolinking (URLs, ``www.``, e-mail addresses, mentions, issue references) runs on the text
  *after* Markdown, where escapes are gone, so there a WORD JOINER (U+2060: invisible, no line break) is
  put after ``@`` and ``#``, inside ``://`` and ``//``, after ``www`` and ``GH-``, and after a dot between
  two letters or digits (a domain name). The text reads the same; nothing in it matches a link pattern.

Only this module adds links: to the preview's pages (paths built from validated ids) and to where the full
report is. Sizes are bounded: the comment to ``COMMENT_MAX`` UTF-16 code units (GitHub counts a comment as
a JavaScript string and refuses one over 65,536), the job summary to ``SUMMARY_MAX`` bytes (1 MiB per step);
rows are cut first, with "en N meer" linking to the rest.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from macros.changes import Changes, NotComparable
from macros.changes.report import ReportRow, count_phrase, report_rows, shorten, summary
from macros.changes.values import one_line

MARKER = "<!-- productenboek-preview -->"  # the workflow finds (and updates) its own comment by this line
HEADING = "### Wijzigingen in de productgegevens"
COMMENT_MAX = 60_000  # UTF-16 code units
SUMMARY_MAX = 400_000  # UTF-8 bytes
COMMENT_ROWS = 25
MAX_FIELDS_MD = 4  # field changes shown per row
MAX_ERRORS_MD = 5  # errors quoted in the comment when a side does not validate
MAX_VALUE = 60  # characters of an old or new value in a row (around where they differ)
MAX_TITLE = 200
MAX_ERROR = 600
WJ = "\u2060"

_ESCAPE = re.compile(r"([\\`*_\[\]<>|~!&$])")
_LIST_START = re.compile(r"^([-+=]|\d+(?=[.)]))")  # would start a list item or heading at the start of a line
_UNLINK = [
    (re.compile(r"([@#])"), "\\1" + WJ),  # mentions, e-mail addresses, issue references
    (re.compile(r"(?<=[:/])/"), WJ + "/"),  # https://, //host
    (re.compile(r"\b(www)(?=\.)", re.I), "\\1" + WJ),
    (re.compile(r"\b(gh-)(?=\d)", re.I), "\\1" + WJ),
    (re.compile(r"(?<=[^\W_])\.(?=[^\W_])"), "." + WJ),  # domain names (dots inside words)
]


def md(s: object, limit: int | None = None) -> str:
    """A value from data as inert GitHub Markdown text, on one line, at most about `limit` characters."""
    t = one_line(s)
    if limit is not None and len(t) > limit:
        t = t[: limit - 1].rstrip() + "…"
    for pattern, replacement in _UNLINK:
        t = pattern.sub(replacement, t)
    return _LIST_START.sub(r"\\\1", _ESCAPE.sub(r"\\\1", t))


def utf16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def utf8(s: str) -> int:
    return len(s.encode("utf-8"))


def _url(base: str, path: str) -> str:
    return base + quote(path, safe="/-._~")


def _row(row: ReportRow, base: str | None) -> str:
    title = md(row.titel, MAX_TITLE)
    if base and row.url:
        page = f"[{title}]({_url(base, row.url)})"
    else:
        page = f"~~{title}~~" if row.wat == "verwijderd" else title
    details = [f"**{md(row.wat, 300)}**"]
    for lab, old, new in row.velden[:MAX_FIELDS_MD]:
        old, new = shorten(one_line(old), one_line(new), MAX_VALUE)
        details.append(f"{md(lab, 100)}: {md(old, MAX_VALUE + 2)} → {md(new, MAX_VALUE + 2)}")
    if len(row.velden) > MAX_FIELDS_MD:
        details.append(f"en {count_phrase(len(row.velden) - MAX_FIELDS_MD, 'ander veld', 'andere velden')}")
    return f"| {page} | {md(row.plaats, 100)} | {'<br>'.join(details)} |"


def _link(text: str, url: str | None) -> str:
    return f"[{text}]({url})" if url else text


def _truncate(head: list[str], items: list[str], tail, limit: int, size, max_items: int | None) -> list[str]:
    """kop + as many items as fit (at most max_items) + staart(number left out), within `limit`."""
    room = limit - size("\n".join(head)) - size(tail(10**9)) - 4
    taken: list[str] = []
    for item in items[: max_items if max_items is not None else len(items)]:
        room -= size(item) + 1
        if room < 0:
            break
        taken.append(item)
    rest = len(items) - len(taken)
    return [*head, *taken, *([tail(rest)] if rest else [])]


def _not_comparable(w: NotComparable, details_url: str | None, limit: int, size, max_errors: int | None) -> str:
    title = ("**De gewijzigde gegevens zijn ongeldig.**" if w.side == "nieuw" else
             "**De wijzigingen konden niet veld voor veld worden bepaald.**")
    head = [MARKER, HEADING, "", title, "", md(w.reden, 2_000), ""]
    if not w.fouten:
        return "\n".join(head) + "\n"
    n = len(w.fouten)
    shown = n if max_errors is None else min(n, max_errors)
    head += [f"De eerste {shown} van de {n} fouten:" if shown < n else f"{count_phrase(n, 'fout', 'fouten')}:", ""]
    where = _link("in de samenvatting van de controle", details_url) if details_url else \
        "in de samenvatting van de controle *Preview* bij deze pull request"

    def tail(rest: int) -> str:
        return f"\nen nog {count_phrase(rest, 'fout', 'fouten')}: alle fouten staan {where} (en in report.txt in het artefact)."

    lines = _truncate(head, [f"- {md(f, MAX_ERROR)}" for f in w.fouten], tail, limit, size, max_errors)
    return "\n".join(lines) + "\n"


def report_markdown(w: Changes | NotComparable | str, base_url: str | None, max_rows: int | None = COMMENT_ROWS, *,
                    details_url: str | None = None, limit: int = COMMENT_MAX, size=utf16,
                    max_errors: int | None = MAX_ERRORS_MD) -> str:
    """The pull-request comment: summary, then one row per changed page with a link into the preview.

    '' when nothing changed (then no comment is posted). `base_url` is the preview's root (<PREVIEW_URL>/pr-<n>/,
    on the preview host: see macros/publishing/preview_target.py); None gives the same report without links to it.
    `details_url` is where the whole report can be read (the workflow run with its job summary): "en N meer" links there
    when there is no preview. The result is at most `limit` long as measured by `size`."""
    if isinstance(w, str):
        w = NotComparable(w)
    if isinstance(w, NotComparable):
        return _not_comparable(w, details_url, limit, size, max_errors)
    if w.leeg:
        return ""
    base = (base_url.rstrip("/") + "/") if base_url else None
    head = [MARKER, HEADING, ""]
    if w.basis:
        head.append(f"Vergeleken met {md(w.basis, 200)}.")
    head += [md(summary(w)), ""]
    if base:
        head += [f"[Preview van de site met deze wijzigingen]({base})", ""]
    head += ["| Pagina | Regio | Wijziging |", "| --- | --- | --- |"]
    more_url = _url(base, "wijzigingen/") if base else details_url
    more_where = "op de preview" if base else ("in de samenvatting van de controle" if details_url else "")

    def tail(rest: int) -> str:
        return "\n" + _link(f"en {rest} meer" + (f" ({more_where})" if more_where else ""), more_url)

    lines = _truncate(head, [_row(r, base) for r in report_rows(w)], tail, limit, size, max_rows)
    return "\n".join(lines) + "\n"


def report_summary(w: Changes | NotComparable | str, base_url: str | None, details_url: str | None = None) -> str:
    """The job summary: the same report with every row and every error that fits in `SUMMARY_MAX` bytes."""
    text = report_markdown(w, base_url, None, details_url=details_url, limit=SUMMARY_MAX, size=utf8, max_errors=None)
    if text:
        return text
    base_phrase = f" ten opzichte van {md(w.basis, 200)}" if isinstance(w, Changes) and w.basis else ""
    return f"{HEADING}\n\nGeen wijzigingen in de productgegevens{base_phrase}.\n"
