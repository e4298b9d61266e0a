"""Following changes (issue 30): a product's "Geschiedenis" section, the latest changes across regions on
/wijzigingen/, and the Atom feeds (one per region, one for everything).

Input is ``macros.changes.history.History``. HTML goes through the autoescaped templates; the feeds are written
with ElementTree (which escapes text and attributes), after removing what XML 1.0 cannot carry at all.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from markupsafe import Markup

from macros.components.render import render
from macros.text import date_text, one_line

if TYPE_CHECKING:  # a type only: the site layer hands the history over (outputs do not import each other)
    from macros.changes.history import History, HistoryEntry

MAX_VALUE = 300  # characters of one old or new value on a page (a long text is cut, the report has it whole)
MAX_TITLE_VALUE = 80  # the same, in a feed title
FEED_ENTRIES = 100  # newest entries per feed
LATEST = 50  # entries on /wijzigingen/
ATOM = "http://www.w3.org/2005/Atom"
REPO_URL = re.compile(r"https://[A-Za-z0-9.-]+(?::\d{1,5})?(?:/[A-Za-z0-9._-]+){2}")
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clip(s: str, n: int = MAX_VALUE) -> str:
    s = one_line(s)
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def old_to_new(old: str, new: str, n: int = MAX_TITLE_VALUE) -> str:
    """'9 maanden', '6 maanden' -> '9 → 6 maanden' (a shared last word once); else 'oud → nieuw'."""
    a, b = clip(old, n), clip(new, n)
    ka, _, sa = a.rpartition(" ")
    kb, _, sb = b.rpartition(" ")
    if ka and kb and sa == sb and sa.isalpha():
        return f"{ka} → {kb} {sb}"
    return f"{a} → {b}"


SHORT_ENOUGH = 40  # a value longer than this is not quoted in a one-line summary: "omschrijving gewijzigd"


def _without_shared_note(a: str, b: str) -> tuple[str, str]:
    """'9 maanden (Duur … 9 maanden)', '6 maanden (Duur … 9 maanden)' -> '9 maanden', '6 maanden': the same
    parenthesis on both sides says nothing about the change."""
    ia, ib = a.rfind(" ("), b.rfind(" (")
    if a.endswith(")") and ia > 0 and ib > 0 and a[ia:] == b[ib:]:
        return a[:ia], b[:ib]
    return a, b


def summary(e: HistoryEntry) -> str:
    """What one entry says in a line: 'maximale duur 9 → 6 maanden', 'nieuw product', …"""
    if e.soort == "toegevoegd":
        return "nieuw product"
    if e.soort == "verwijderd":
        return "verwijderd uit het productenboek"
    if not e.vergelijkbaar or not e.velden:
        return "gewijzigd"
    v = e.velden[0]
    rest = len(e.velden) - 1
    old, new = _without_shared_note(one_line(v.oud), one_line(v.nieuw))
    line = f"{v.label} gewijzigd" if max(len(old), len(new)) > SHORT_ENOUGH else f"{v.label} {old_to_new(old, new)}"
    return line + (f" (en {rest} {'ander veld' if rest == 1 else 'andere velden'})" if rest else "")


def title(e: HistoryEntry) -> str:
    """'45F34: maximale duur 9 → 6 maanden'."""
    return clip(f"{e.wie}: {summary(e)}", 300)


def commit_links(e: HistoryEntry, repo_url: str | None) -> list[tuple[str, str]]:
    """(text, url) for the commit and the pull request it names; none without a repository address."""
    if not repo_url or not REPO_URL.fullmatch(repo_url):
        return []
    links = [(f"commit {e.sha[:7]}", f"{repo_url}/commit/{e.sha}")]
    if e.pr is not None:
        links.insert(0, (f"pull request #{e.pr}", f"{repo_url}/pull/{e.pr}"))
    return links


def _field_lines(e: HistoryEntry) -> list[dict]:
    return [{"label": v.label, "oud": clip(v.oud), "nieuw": clip(v.nieuw)} for v in e.velden]


def history_section(history: History, ref: str, repo_url: str | None, root: str = "") -> Markup:
    """The product page's "Geschiedenis": newest first, per commit the date, the field lines and the links."""
    entries = [{"e": e, "datum": date_text(e.date), "kop": summary(e) if e.soort != "gewijzigd" or not e.vergelijkbaar else "",
                "regels": _field_lines(e), "links": commit_links(e, repo_url)} for e in history.of(ref)]
    return render("history_section.html", reden=history.reden, entries=entries, root=root,
                  niet_vergelijkbaar=NOT_COMPARABLE_TEXT, feed=feed_paths([ref.split("/", 1)[0]])[ref.split("/", 1)[0]])


NOT_COMPARABLE_TEXT = ("niet veld voor veld te tonen: een van beide versies voldoet niet aan het huidige "
                            "datamodel")


def latest_changes(history: History, region_names: dict[str, str], repo_url: str | None, root: str = "",
                   feeds_only: bool = False) -> Markup:
    """/wijzigingen/ on the published site: the latest changes across regions, newest first; or the feeds' links."""
    entries = [{"e": e, "datum": date_text(e.date), "titel": title(e), "regio": region_names.get(e.regio, e.regio),
                "regels": _field_lines(e) if e.soort == "gewijzigd" else [], "links": commit_links(e, repo_url)}
               for e in history.entries[:LATEST]]
    feeds = [(name, feed_paths([rid])[rid]) for rid, name in region_names.items()]
    return render("latest_changes.html", reden=history.reden, entries=entries, root=root, feeds=feeds,
                  meer=max(0, len(history.entries) - LATEST), alleen_feeds=feeds_only)


def feed_paths(region_ids) -> dict[str | None, str]:
    """{None: 'wijzigingen.xml', regio: 'wijzigingen-<regio>.xml'}: where each feed is on the site.

    At the site's root on purpose: Material's instant navigation fetches 'sitemap.xml' next to every
    <link rel="alternate"> in <head> (for language versions); next to a feed at the root that is the site's own
    sitemap, which it already has, instead of a request for a file that does not exist."""
    return {None: "wijzigingen.xml", **{r: f"wijzigingen-{r}.xml" for r in region_ids}}


def _xml(s: str) -> str:
    return _NOT_XML.sub("\ufffd", s)


def atom_feed(history: History, region: str | None, name: str, site_url: str, updated_fallback: str) -> bytes:
    """An Atom feed (RFC 4287) of the newest changes, of one region or (regio None) of all.

    Links are absolute with a site address, else relative to the feed's own location. Every text from data is
    escaped by ElementTree; characters XML 1.0 cannot carry become U+FFFD."""
    ET.register_namespace("", ATOM)
    path = feed_paths([region] if region else [])[region]
    base = site_url.rstrip("/") + "/" if site_url else ""
    to_root = "" if base else "../" * path.count("/")

    def url(site_path: str) -> str:
        return (base or to_root) + site_path

    def sub(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _xml(v) for k, v in attrs.items()})
        if text is not None:
            el.text = _xml(text)
        return el

    entries = [e for e in history.entries if region is None or e.regio == region][:FEED_ENTRIES]
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "nl"})
    sub(feed, "title", f"Wijzigingen productenboek jeugdhulp — {name}" if region else "Wijzigingen productenboek jeugdhulp")
    sub(feed, "id", uuid.uuid5(uuid.NAMESPACE_URL, (base or "productenboek:") + path).urn)
    sub(feed, "updated", entries[0].time if entries else f"{updated_fallback}T00:00:00Z")
    if base:
        sub(feed, "link", rel="self", type="application/atom+xml", href=url(path))
    sub(feed, "link", rel="alternate", type="text/html", href=url("wijzigingen/"))
    sub(sub(feed, "author"), "name", "Productenboek jeugdhulp")
    for e in entries:
        entry = sub(feed, "entry")
        sub(entry, "title", title(e))
        sub(entry, "id", uuid.uuid5(uuid.NAMESPACE_URL, f"productenboek:{e.sha}:{e.ref}:{e.soort}").urn)
        sub(entry, "updated", e.time)
        sub(entry, "link", rel="alternate", type="text/html", href=url(f"{e.ref}/" if e.bestaat else f"{e.regio}/"))
        lines = [f"{v.label}: {clip(v.oud)} → {clip(v.nieuw)}" for v in e.velden]
        if not e.vergelijkbaar:
            lines.append(f"De wijziging is {NOT_COMPARABLE_TEXT}.")
        sub(entry, "summary", "\n".join([f"{e.wie} {e.naam}" if e.code else e.naam, *lines]))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
