"""The product finder's data, built once per build from the catalogue.

Split so that each kind of question fetches only what it needs:

- **the manifest** (``finder_manifest``): written into the ``/zoeken/`` page itself (a data
  attribute): region names, every municipality with its page and spelling variants, and the list of
  code shards. Nothing to fetch before the first code lookup.
- ``zoeken/codes/<n>.json``: the code table, sorted and cut into shards of at most ``SHARD_ROWS``
  codes by prefix (``45a``, ``45b``, …, one shard while the catalogue is small). An exact or prefix
  code lookup fetches one shard of a few kB, at any catalogue size.
- ``zoeken/producten.json``: the facts for result cards and filters (region, municipalities,
  product type, unit, status, duration), fetched in the background or on the first word query.
- ``zoeken/woorden.json``: the word index (``macros.search.words``), fetched with it.
- ``zoeken/gemeenten.json``: the manifest's municipalities, for the header search (its worker,
  ``overrides/assets/javascripts/lunr/min/lunr.nl.min.js``, lists a municipality's products).

Text is folded the same way everywhere (``macros.search.language``); codes are looked up exactly or
by prefix and never changed.
"""

from __future__ import annotations

import json

from macros.catalogue.loader import Catalogue
from macros.catalogue.records import ProductRecord
from macros.model.sourced import value_of
from macros.search.language import fold
from macros.search.words import word_index
from macros.text import slug
from macros.view.product import view_of
from macros.view.words import browser_words

SHARD_ROWS = 100  # codes per shard at most (about 2 kB gzip)


def normalise(text: str) -> str:
    """A code or text as both searches compare it: folded, lower case ('45F21' -> '45f21')."""
    return fold(text)


def geordend(cat: Catalogue) -> list[ProductRecord]:
    """The finder's product order (also the numbering used in all its files)."""
    return sorted(cat.producten.values(), key=lambda p: (cat.regios[p.regio].naam, p.code or "~", p.naam))


def _code_rows(cat: Catalogue) -> list[list]:
    """[normalised code, product number, code as printed, name, region id(, page id)], sorted by code.

    The page id (the file name) is left out where it is the normalised code, as it nearly always is."""
    rows = [[normalise(p.code), i, p.code, p.naam, p.regio, *([p.id] if p.id != normalise(p.code) else [])]
            for i, p in enumerate(geordend(cat)) if p.code]
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows


def _shards(rows: list[list], prefix: str = "") -> list[tuple[str, list[list]]]:
    """Cut sorted code rows into (prefix, rows) pieces of at most SHARD_ROWS, splitting by the next character.

    Codes equal to the prefix itself stay in a piece keyed by that prefix. Together the pieces keep
    the rows' order, so reading them by key gives the sorted table back."""
    if len(rows) <= SHARD_ROWS:
        return [(prefix, rows)] if rows else []
    here = [r for r in rows if len(r[0]) == len(prefix)]
    out = [(prefix, here)] if here else []
    groups: dict[str, list[list]] = {}
    for r in rows:
        if len(r[0]) > len(prefix):
            groups.setdefault(r[0][: len(prefix) + 1], []).append(r)
    for key in sorted(groups):
        out += _shards(groups[key], key)
    return out


def finder_manifest(cat: Catalogue) -> dict:
    """What the /zoeken/ page carries itself: regions, municipalities, and where the codes are."""
    variants: dict[str, list[str]] = {}
    for sw in cat.gemeente_schrijfwijzen:
        variants.setdefault(slug(sw.gemeente), []).extend(sw.ook)
    return {
        "regios": {r.id: r.naam for r in cat.regios.values()},
        # [name, [region ids], page, [other spellings]] for every municipality (one, also if two regions list it)
        "gemeenten": [[g.naam, list(g.regios), g.url, variants.get(g.slug, [])] for g in cat.gemeenten],
        # [key, number of codes] per shard; shard n is zoeken/codes/<n>.json
        "shards": [[key, len(rows)] for key, rows in _shards(_code_rows(cat))],
    }


def producten_json(cat: Catalogue) -> dict:
    """Cards and filters, compact: per product [code, name, region, municipalities (0: all of the
    region), type, unit, status, maximum duration(, page id)], the repeated texts as numbers into
    ``lijsten`` (-1: not published). Decoded by ``SearchEngine.products`` in search_engine.js."""
    lijsten: dict[str, list[str]] = {"t": [], "e": [], "s": [], "d": []}

    def nr(lijst: str, value: str | None) -> int:
        if not value:
            return -1
        if value not in lijsten[lijst]:
            lijsten[lijst].append(value)
        return lijsten[lijst].index(value)

    rows = []
    for p in geordend(cat):
        # unit, status and duration as the cards say them: the source's value, or what the source does
        # instead ('niet vermeld in de bron'), an inference marked as such (issue 17)
        v = view_of(cat, p)
        gemeenten = value_of(p.gemeenten)
        # municipalities: 0 for the whole region, a list, or null where the source names none (not [])
        scope = 0 if gemeenten == "alle" else list(gemeenten) if isinstance(gemeenten, list) else None
        row = [p.code or "", p.naam, p.regio, scope,
               nr("t", v["producttype"].text), nr("e", v["eenheid"].s.compact),
               nr("s", v["status"].s.compact), nr("d", v["duur"].s.compact)]
        if not p.code or p.id != normalise(p.code):
            row.append(p.id)
        rows.append(row)
    return {
        "regios": {r.id: {"naam": r.naam, "gemeenten": list(r.gemeenten)} for r in cat.regios.values()},
        "lijsten": lijsten,
        "woorden": browser_words(),  # the view's state words and labels for the cards (finder.js has no copy)
        "producten": rows,
    }


def search_files(cat: Catalogue) -> dict[str, str]:
    dump = lambda obj: json.dumps(obj, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    files = {f"zoeken/codes/{n}.json": dump(rows) for n, (_, rows) in enumerate(_shards(_code_rows(cat)))}
    files["zoeken/producten.json"] = dump(producten_json(cat))
    files["zoeken/gemeenten.json"] = dump(finder_manifest(cat)["gemeenten"])  # for the header search's worker
    files["zoeken/woorden.json"] = dump(word_index(cat, geordend(cat)))
    return files
