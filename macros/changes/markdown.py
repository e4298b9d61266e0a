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
from macros.changes.report import ReportRow, kort, report_rows, samenvatting
from macros.changes.values import one_line

MARKER = "<!-- productenboek-preview -->"  # the workflow finds (and updates) its own comment by this line
KOP = "### Wijzigingen in de productgegevens"
COMMENT_MAX = 60_000  # UTF-16 code units
SUMMARY_MAX = 400_000  # UTF-8 bytes
COMMENT_ROWS = 25
MAX_VELDEN_MD = 4  # field changes shown per row
MAX_FOUTEN_MD = 5  # errors quoted in the comment when a side does not validate
MAX_WAARDE = 60  # characters of an old or new value in a row (around where they differ)
MAX_TITEL = 200
MAX_FOUT = 600
WJ = "\u2060"

_ESCAPE = re.compile(r"([\\`*_\[\]<>|~!&$])")
_LIJST = re.compile(r"^([-+=]|\d+(?=[.)]))")  # would start a list item or heading at the start of a line
_ONTLINK = [
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
    for patroon, vervanging in _ONTLINK:
        t = patroon.sub(vervanging, t)
    return _LIJST.sub(r"\\\1", _ESCAPE.sub(r"\\\1", t))


def utf16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def utf8(s: str) -> int:
    return len(s.encode("utf-8"))


def _url(base: str, pad: str) -> str:
    return base + quote(pad, safe="/-._~")


def _n(n: int, een: str, meer: str) -> str:
    return f"{n} {een if n == 1 else meer}"


def _row(rij: ReportRow, base: str | None) -> str:
    titel = md(rij.titel, MAX_TITEL)
    if base and rij.url:
        pagina = f"[{titel}]({_url(base, rij.url)})"
    else:
        pagina = f"~~{titel}~~" if rij.wat == "verwijderd" else titel
    details = [f"**{md(rij.wat, 300)}**"]
    for lab, oud, nieuw in rij.velden[:MAX_VELDEN_MD]:
        oud, nieuw = kort(one_line(oud), one_line(nieuw), MAX_WAARDE)
        details.append(f"{md(lab, 100)}: {md(oud, MAX_WAARDE + 2)} → {md(nieuw, MAX_WAARDE + 2)}")
    if len(rij.velden) > MAX_VELDEN_MD:
        details.append(f"en {_n(len(rij.velden) - MAX_VELDEN_MD, 'ander veld', 'andere velden')}")
    return f"| {pagina} | {md(rij.plaats, 100)} | {'<br>'.join(details)} |"


def _verwijzing(tekst: str, url: str | None) -> str:
    return f"[{tekst}]({url})" if url else tekst


def _afkappen(kop: list[str], items: list[str], staart, limit: int, size, max_items: int | None) -> list[str]:
    """kop + as many items as fit (at most max_items) + staart(number left out), within `limit`."""
    ruimte = limit - size("\n".join(kop)) - size(staart(10**9)) - 4
    genomen: list[str] = []
    for item in items[: max_items if max_items is not None else len(items)]:
        ruimte -= size(item) + 1
        if ruimte < 0:
            break
        genomen.append(item)
    rest = len(items) - len(genomen)
    return [*kop, *genomen, *([staart(rest)] if rest else [])]


def _niet_vergelijkbaar(w: NotComparable, details_url: str | None, limit: int, size, max_fouten: int | None) -> str:
    titel = ("**De gewijzigde gegevens zijn ongeldig.**" if w.side == "nieuw" else
             "**De wijzigingen konden niet veld voor veld worden bepaald.**")
    kop = [MARKER, KOP, "", titel, "", md(w.reden, 2_000), ""]
    if not w.fouten:
        return "\n".join(kop) + "\n"
    n = len(w.fouten)
    getoond = n if max_fouten is None else min(n, max_fouten)
    kop += [f"De eerste {getoond} van de {n} fouten:" if getoond < n else f"{_n(n, 'fout', 'fouten')}:", ""]
    waar = _verwijzing("in de samenvatting van de controle", details_url) if details_url else \
        "in de samenvatting van de controle *Preview* bij deze pull request"

    def staart(rest: int) -> str:
        return f"\nen nog {_n(rest, 'fout', 'fouten')}: alle fouten staan {waar} (en in report.txt in het artefact)."

    regels = _afkappen(kop, [f"- {md(f, MAX_FOUT)}" for f in w.fouten], staart, limit, size, max_fouten)
    return "\n".join(regels) + "\n"


def report_markdown(w: Changes | NotComparable | str, base_url: str | None, max_rows: int | None = COMMENT_ROWS, *,
                    details_url: str | None = None, limit: int = COMMENT_MAX, size=utf16,
                    max_errors: int | None = MAX_FOUTEN_MD) -> str:
    """The pull-request comment: summary, then one row per changed page with a link into the preview.

    '' when nothing changed (then no comment is posted). `base_url` is the preview's root (<PREVIEW_URL>/pr-<n>/,
    on the preview host: see macros/publishing/preview_target.py); None gives the same report without links to it.
    `details_url` is where the whole report can be read (the workflow run with its job summary): "en N meer" links there
    when there is no preview. The result is at most `limit` long as measured by `size`."""
    if isinstance(w, str):
        w = NotComparable(w)
    if isinstance(w, NotComparable):
        return _niet_vergelijkbaar(w, details_url, limit, size, max_errors)
    if w.leeg:
        return ""
    base = (base_url.rstrip("/") + "/") if base_url else None
    kop = [MARKER, KOP, ""]
    if w.basis:
        kop.append(f"Vergeleken met {md(w.basis, 200)}.")
    kop += [md(samenvatting(w)), ""]
    if base:
        kop += [f"[Preview van de site met deze wijzigingen]({base})", ""]
    kop += ["| Pagina | Regio | Wijziging |", "| --- | --- | --- |"]
    meer_url = _url(base, "wijzigingen/") if base else details_url
    meer_waar = "op de preview" if base else ("in de samenvatting van de controle" if details_url else "")

    def staart(rest: int) -> str:
        return "\n" + _verwijzing(f"en {rest} meer" + (f" ({meer_waar})" if meer_waar else ""), meer_url)

    regels = _afkappen(kop, [_row(r, base) for r in report_rows(w)], staart, limit, size, max_rows)
    return "\n".join(regels) + "\n"


def report_summary(w: Changes | NotComparable | str, base_url: str | None, details_url: str | None = None) -> str:
    """The job summary: the same report with every row and every error that fits in `SUMMARY_MAX` bytes."""
    tekst = report_markdown(w, base_url, None, details_url=details_url, limit=SUMMARY_MAX, size=utf8, max_errors=None)
    if tekst:
        return tekst
    basis = f" ten opzichte van {md(w.basis, 200)}" if isinstance(w, Changes) and w.basis else ""
    return f"{KOP}\n\nGeen wijzigingen in de productgegevens{basis}.\n"
