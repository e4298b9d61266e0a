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
- ``zoeken/woorden/<n>.json`` and ``zoeken/producten/<n>.json``: the first answer to a word query
  without either of those two files: the word index cut by prefix (``_word_shards``, each piece in
  the index's own layout: ``macros.search.word_files``) and the cards' facts in blocks of ``BLOCK`` products. The first word
  result at 5,000 products then needs a few pieces instead of 400 kB (``benchmarks/search_bench.py``).
- ``zoeken/families.json``: per product the number of its family (its region and product type, from 1), which
  orders variants among the hits (``diversify`` in search_order.js): with it the first answer is in the whole index's
  order however many blocks of facts its hits lie in (a few hundred bytes gzip at 5,000).
- ``zoeken/manifest.json``: the manifest as a file, for the header search on every other page
  (``overrides/assets/header_search.js``), fetched with the rest when its box is first used.

Text is folded the same way everywhere (``macros.search.language``); codes are looked up exactly or
by prefix and never changed.
"""

from __future__ import annotations

import json

from macros.catalogue.loader import Catalogue
from macros.catalogue.records import ProductRecord
from macros.model.sourced import value_of
from macros.search.language import fold
from macros.search.word_files import dump_index, dump_word_shards
from macros.search.words import word_index
from macros.text import slug
from macros.view.product import view_of
from macros.view.words import browser_words

SHARD_ROWS = 100  # codes per shard at most (about 2 kB gzip)
WORD_SHARD_POSTINGS = 6000  # postings per word shard before it is split by the next letter (about 10 kB gzip)
BLOCK = 100  # products per block of card facts (zoeken/producten/<n>.json, about 2 kB gzip at 5,000)


def normalise(text: str) -> str:
    """A code or text as both searches compare it: folded, lower case ('45F21' -> '45f21')."""
    return fold(text)


def geordend(cat: Catalogue) -> list[ProductRecord]:
    """The finder's product order (also the numbering used in all its files); made once per catalogue (the code
    rows, the cards and the word index all number by it). Not to be changed by the caller."""
    made = cat.__dict__.get("_pb_geordend")  # the catalogue is frozen; its __dict__ holds caches
    if made is None:
        made = cat.__dict__["_pb_geordend"] = sorted(
            cat.producten.values(), key=lambda p: (cat.regios[p.regio].naam, p.code or "~", p.naam))
    return made


def _code_rows(cat: Catalogue) -> list[list]:
    """[normalised code, product number, code as printed, name, region id(, page id)], sorted by code.

    The page id (the file name) is left out where it is the normalised code, as it nearly always is."""
    rows = [[normalise(p.code), i, p.code, p.naam, p.regio, *([p.id] if p.id != normalise(p.code) else [])]
            for i, p in enumerate(geordend(cat)) if p.code]
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows


def _code_shards(cat: Catalogue) -> list[tuple[str, list[list]]]:
    """The code rows in shards, made once per catalogue (the manifest and the files both need them)."""
    made = cat.__dict__.get("_pb_code_shards")
    if made is None:
        made = cat.__dict__["_pb_code_shards"] = _shards(_code_rows(cat))
    return made


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


def _word_shards(index: dict, limit: int = WORD_SHARD_POSTINGS, prefix: str = "",
                 words: list[int] | None = None) -> list[tuple[str, list[int]]]:
    """Cut the word index's sorted words into (prefix, word numbers) pieces by prefix, like the code shards:
    a piece is split by the next letter while the postings of its words' keys hold more than `limit`
    numbers (a single word with more stays alone). Words equal to the prefix stay in a piece keyed by it."""
    if words is None:
        words = list(range(len(index["w"])))
    size = sum(len(index["p"][k]) + 1 for k in {index["k"][i] for i in words})
    if size <= limit or all(len(index["w"][i]) <= len(prefix) for i in words):
        return [(prefix, words)] if words else []
    here = [i for i in words if len(index["w"][i]) == len(prefix)]
    out = [(prefix, here)] if here else []
    groups: dict[str, list[int]] = {}
    for i in words:
        if len(index["w"][i]) > len(prefix):
            groups.setdefault(index["w"][i][: len(prefix) + 1], []).append(i)
    for key in sorted(groups):
        out += _word_shards(index, limit, key, groups[key])
    return out


def product_block(rows: list[list], lijsten: dict[str, list[str]]) -> list[list]:
    """Rows of ``producten_json`` with the numbers into ``lijsten`` written out as their texts ('' for -1)."""
    at = lambda lijst, i: lijsten[lijst][i] if i >= 0 else ""  # noqa: E731
    return [[*r[:4], at("t", r[4]), at("e", r[5]), at("s", r[6]), at("d", r[7]), *r[8:]] for r in rows]


def families(rows: list[list]) -> list[int]:
    """Per row of ``producten_json`` its family: 1 + the number of its (region, product type), numbered in order
    of appearance. The same partition as ``families`` (search_order.js) makes from the
    whole of zoeken/producten.json; the numbers themselves differ and do not matter."""
    number: dict[tuple[str, int], int] = {}
    return [number.setdefault((r[2], r[4]), len(number) + 1) for r in rows]


def finder_manifest(cat: Catalogue) -> dict:
    """What the /zoeken/ page carries itself: regions, municipalities, and where the codes are. Made once per
    catalogue (the finder's page and zoeken/manifest.json both carry it)."""
    made = cat.__dict__.get("_pb_manifest")  # the catalogue is frozen; its __dict__ holds caches
    if made is None:
        made = cat.__dict__["_pb_manifest"] = _manifest(cat)
    return made


def _manifest(cat: Catalogue) -> dict:
    variants: dict[str, list[str]] = {}
    for sw in cat.gemeente_schrijfwijzen:
        variants.setdefault(slug(sw.gemeente), []).extend(sw.ook)
    return {
        "regios": {r.id: r.naam for r in cat.regios.values()},
        # [name, [region ids], page, [other spellings]] for every municipality (one, also if two regions list it)
        "gemeenten": [[g.naam, list(g.regios), g.url, variants.get(g.slug, [])] for g in cat.municipalities],
        # [key, number of codes] per shard; shard n is zoeken/codes/<n>.json
        "shards": [[key, len(rows)] for key, rows in _code_shards(cat)],
        # the first word answer (search_data.js): word shard n is zoeken/woorden/<n>.json, keyed by its
        # words' prefix; the cards' facts come in blocks of `blok` products, zoeken/producten/<n>.json
        "woorden": [key for key, _ in _word_pieces(cat)],
        "producten": len(cat.producten),
        "blok": BLOCK,
        # the view's state words and labels for the cards (macros/view/words.py): here, so the first cards
        # (from blocks, before zoeken/producten.json is in) have them; finder.js has no copy
        "teksten": browser_words(),
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
        "producten": rows,
    }


_WORDS_CACHE: dict[int, tuple[Catalogue, dict]] = {}


def _words(cat: Catalogue) -> dict:
    """The word index of this catalogue, built once (the manifest and the files both need it)."""
    hit = _WORDS_CACHE.get(id(cat))
    if hit is None or hit[0] is not cat:
        _WORDS_CACHE.clear()
        hit = _WORDS_CACHE[id(cat)] = (cat, word_index(cat, geordend(cat)))
    return hit[1]


def _word_pieces(cat: Catalogue) -> list[tuple[str, list[int]]]:
    """The word index's shards, cut once per catalogue (the manifest and the files both need them)."""
    made = cat.__dict__.get("_pb_word_pieces")
    if made is None:
        made = cat.__dict__["_pb_word_pieces"] = _word_shards(_words(cat))
    return made


def search_files(cat: Catalogue) -> dict[str, str]:
    dump = lambda obj: json.dumps(obj, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    files = {f"zoeken/codes/{n}.json": dump(rows) for n, (_, rows) in enumerate(_code_shards(cat))}
    producten = producten_json(cat)
    files["zoeken/producten.json"] = dump(producten)
    rows = producten["producten"]
    for n in range(0, len(rows), BLOCK):
        files[f"zoeken/producten/{n // BLOCK}.json"] = dump(product_block(rows[n:n + BLOCK], producten["lijsten"]))
    files["zoeken/families.json"] = dump(families(rows))
    files["zoeken/manifest.json"] = dump(finder_manifest(cat))  # for the header search (pages without the finder)
    words = _words(cat)
    files["zoeken/woorden.json"] = dump_index(words)
    for n, text in enumerate(dump_word_shards(words, _word_pieces(cat))):
        files[f"zoeken/woorden/{n}.json"] = text
    return files
