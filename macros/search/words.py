"""The finder's word index (``zoeken/woorden.json``): Dutch words of each product to its number.

Built once per build from the catalogue, read by ``overrides/assets/finder.js``. Keys are search
keys (``language.stem``: stems for words, codes as they are); each product's compound words are
also indexed by their parts (the known words for splitting come from all text of the catalogue). The browser stems a query word with the same algorithm, looks its key
up, and uses the sorted list of the words themselves for prefixes (typing), typos and "Bedoelde je".

Layout (compact JSON, lists only):

- ``w``: every word of the indexed text, folded, sorted;
- ``k``: for each word in ``w``, the number of its key in ``s``;
- ``s``: the keys, sorted;
- ``p``: for each key, its postings as one list of integers: per product ``gap * 16 + weight``, where
  ``gap`` is the product number minus the previous one and ``weight`` (1–15) says where the word
  occurs (``WEIGHTS``; a compound part counts less than the word itself in the same field).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable

from macros.catalogue.loader import Catalogue
from macros.catalogue.provenance import place_of
from macros.catalogue.records import ProductRecord
from macros.model import Bron
from macros.search.kept_words import Kept, merge, recount
from macros.search.language import STOPWORDS, compound_parts, is_code, known_words, levels, stem, tokens

# Where a word occurs, as a weight 1–15 (a product keeps the highest weight per key): name, code and
# synonyms first; product group and type; the region; then the body of the page (what it is for and
# whom, the staff mix) above the rest of the body. Every text the product page shows is indexed.
# A compound's part weighs one less than the word in the same field, in the body two less: a word the
# body prints stands above a part of a compound there ('bereikbaarheid' above 'bereikbaarheidsdienst').
WEIGHTS = {"code": 14, "naam": 14, "term": 14, "betekenis": 10, "groep": 8, "type": 8, "regio": 6,
           "kern": 4, "tekst": 3}
NAME_WEIGHT = 8  # from this weight a word is in the product's name, code, synonyms, group or type
BODY_MAX = 5     # a body word printed often weighs more, up to this (below the region's name)
# Body fields with weight 'kern'; every other field of the product's page is 'tekst'.
CORE_FIELDS = ("doel", "doelgroep", "functiemix", "samenvatting")
# Keys of the record that are no text the page shows (states, file names, field lists) or that the
# finder matches apart (municipalities). A sourced value's 'waarde' is text the page shows (an inferred
# description or target group, as {staat: afgeleid, waarde: ...}); numbers in it are no words (only strings
# are read).
NOT_TEXT = frozenset({"staat", "document", "velden", "pad", "id", "regio", "producttype", "status", "gemeenten",
                      "code", "naam", "productgroep", "aandeel", "minimum", "soort_limiet"})


def _texts(value: object, out: list[str], shown_source: Callable[[dict], str] | None = None) -> list[str]:
    """Every string in a dumped field (dicts, lists), without the keys that are no text of the page. A source
    reference ({document, sectie}) is read as the page shows it (``shown_source``: the section's title and the
    document's title, not the section's anchor)."""
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        if shown_source is not None and "document" in value and "sectie" in value:
            out.append(shown_source(value))
            value = {k: v for k, v in value.items() if k != "sectie"}
        for k, v in value.items():
            if k not in NOT_TEXT:
                _texts(v, out, shown_source)
    elif isinstance(value, list):
        for v in value:
            _texts(v, out, shown_source)
    return out


def _source_titles(cat: Catalogue, p: ProductRecord) -> Callable[[dict], str]:
    """A source reference of product p as its page shows it: the document's title (the region's list of its
    documents) and the section's title as the document prints it."""
    titles = cat.__dict__.get("_pb_source_titles")  # once per catalogue (the catalogue is frozen; its __dict__
    if titles is None:                                  # holds caches)
        titles = cat.__dict__["_pb_source_titles"] = {b.document: b.titel for r in cat.regios.values() for b in r.bronnen}

    def shown(ref: dict) -> str:
        place = place_of(cat, Bron(document=ref["document"], sectie=ref["sectie"]))
        return f"{titles.get(ref['document'], '')}\n{place.section.title if place else ref['sectie']}"

    return shown


def fields(cat: Catalogue, p: ProductRecord) -> dict[str, str]:
    """The indexed text of a product per weight (municipalities are not words: the finder matches them apart).
    Made once per catalogue and product record; under `mkdocs serve --dirty` kept for an unchanged record when
    only product files changed (``macros.site.incremental``: a product's words show its region's name and every
    region's titles of the source documents)."""
    made = cat.__dict__.get("_pb_fields")
    if made is None:
        made = cat.__dict__.setdefault("_pb_fields", {})
    hit = made.get(p.ref)
    if hit is None or hit[0] is not p:
        hit = made[p.ref] = (p, _fields(cat, p))
    return hit[1]


def _fields(cat: Catalogue, p: ProductRecord) -> dict[str, str]:
    syn = cat.synonyms_of(p)
    dump = p.model_dump(mode="json")
    core, body = [], []
    shown_source = _source_titles(cat, p)
    for field, value in dump.items():
        if field not in NOT_TEXT:
            _texts(value, core if field in CORE_FIELDS else body, shown_source)
    return {
        "code": p.code or "",
        "naam": p.naam,
        "term": " ".join(s.term for s in syn),
        "betekenis": " ".join(s.betekenis for s in syn),
        "groep": p.groep,
        "type": cat.producttypen[p.producttype].naam,
        "regio": cat.regios[p.regio].naam,
        "kern": "\n".join(core),
        "tekst": "\n".join(body),
    }


def _indexed_tokens(ts: list[str], field: str) -> list[str]:
    """The tokens of one field worth a key: no stop word; in the body, no bare number under three digits ('2',
    '24')."""
    if WEIGHTS[field] >= NAME_WEIGHT:
        return [t for t in ts if t not in STOPWORDS]
    return [t for t in ts if t not in STOPWORDS and not (t.isdigit() and len(t) < 3)]


REPEATS = (3, 8)  # a body word printed this often on the page weighs one more, and one more again (BODY_MAX)


def _pairs(ts: list[str], vocabulary: set[str]) -> list[str]:
    """Two adjacent words that the catalogue also prints as one ('medicijn controle' -> 'medicijncontrole',
    with a linking 's' too): the page holds the compound, so the compound finds it."""
    out = []
    for a, b in itertools.pairwise(ts):
        found = (c := a + b) in vocabulary or (c := a + "s" + b) in vocabulary
        if found and a not in STOPWORDS and b not in STOPWORDS and not is_code(a) and not is_code(b):
            out.append(c)
    return out


KEPT: Kept | None = None  # set by macros.site.incremental under serve --dirty


class _Product:
    """One product's words (``_product_words``), and, once the index is made, its pairs and postings."""

    __slots__ = ("contrib", "heads", "indexed", "levels", "pairs", "raw", "tokens", "used", "words")

    def __init__(self, texts: dict[str, str]) -> None:
        self.raw = {field: tokens(text) for field, text in texts.items()}
        self.indexed = {field: _indexed_tokens(ts, field) for field, ts in self.raw.items()}
        self.levels = {field: levels(ts) for field, ts in self.raw.items()}
        self.tokens = frozenset(t for ts in self.indexed.values() for t in ts)
        self.heads = frozenset(t for field in ("kern", "tekst") for t in self.raw[field])  # first words of its pairs
        self.pairs: dict[str, list[str]] | None = None
        self.contrib: dict[str, int] | None = None  # key -> weight: this product's postings
        self.words: set[str] = set()  # its tokens and their compound parts (the index's 'w')
        self.used: set[str] = set()  # its tokens, pairs and levels: each one's key and parts are in the postings


def _contribution(field_tokens: dict[str, list[str]], info) -> tuple[dict[str, int], set[str]]:
    """One product's postings (key -> weight) and the words it adds, from its tokens per field."""
    docs: dict[str, int] = {}
    words: set[str] = set()
    body: Counter[str] = Counter()  # how often each body key is printed on the page as a word of its own
    for field, ts in field_tokens.items():
        weight = WEIGHTS[field]
        weight_part = weight - 1 if weight > WEIGHTS["kern"] else weight - 2  # a compound's part
        for t, count in Counter(ts).items():
            key, part_keys, parts = info(t)
            words.add(t)
            words.update(parts)
            if docs.get(key, 0) < weight:
                docs[key] = weight
            for pk in part_keys:
                if docs.get(pk, 0) < weight_part:
                    docs[pk] = weight_part
            if weight < NAME_WEIGHT:
                body[key] += count  # not its compounds' parts: a word printed stands above a part of one
    for key, count in body.items():
        if count >= REPEATS[0] and docs[key] <= WEIGHTS["kern"]:
            docs[key] = min(BODY_MAX, docs[key] + sum(count >= r for r in REPEATS))
    return docs, words


def word_index(cat: Catalogue, products_in_order: list[ProductRecord]) -> dict:
    kept = KEPT if KEPT is not None else Kept()
    products: dict[tuple, _Product] = {}
    made = []
    for p in products_in_order:
        key = tuple(fields(cat, p).items())
        m = products[key] = products.get(key) or kept.products.get(key) or _Product(dict(key))
        made.append(m)
    kept.products = products  # this build's products only: the store does not grow with every edit
    afresh = len(kept.made) != len(made)
    if afresh:  # the first build, or a product came or went: every number moves, so the merge starts afresh
        kept.merged_afresh(len(made))
    # The vocabulary (every product's tokens), counted per token, updated at the numbers whose product changed.
    vocabulary = set() if afresh else set(kept.vocabulary)
    touched: set[str] = set()
    for nr, m in enumerate(made):
        old = kept.made[nr]
        if old is not m:
            recount(kept.token_count, vocabulary, old.tokens if old is not None else (), m.tokens)
            touched.update(m.tokens)
            if old is not None:
                touched.update(old.tokens)
    if afresh:
        new_words = vocabulary ^ kept.vocabulary
        kept.known_of = {w: kept.known_of.get(w) or tuple(known_words([w])) for w in vocabulary}
        kept.known_count = {}
        for w in vocabulary:
            recount(kept.known_count, None, (), kept.known_of[w])
    else:
        new_words = {w for w in touched if (w in vocabulary) != (w in kept.vocabulary)}  # came or went
        for w in new_words:
            if w in vocabulary:
                kept.known_of[w] = adds = tuple(known_words([w]))
                recount(kept.known_count, None, (), adds)
            else:
                recount(kept.known_count, None, kept.known_of.pop(w), ())
    known = frozenset(kept.known_count) if afresh or new_words else kept.known
    new_known = known ^ kept.known
    # a token's compound parts change only when a known word that came or went is part of it
    stale = {t for w in new_known for t in kept.seen if w in t}  # per word: no generator per token (1-2 words)
    for t in stale:
        del kept.seen[t]
    kept.vocabulary, kept.known = vocabulary, known
    heads = {w[:i] for w in new_words for i in range(1, len(w))}  # a word new to (or gone from) a pair starts so
    seen = kept.seen

    def info(t: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        parts = tuple(compound_parts(t, known))
        seen[t] = (stem(t), tuple(stem(x) for x in parts), parts)
        return seen[t]

    for m in made:
        if m.pairs is None or not heads.isdisjoint(m.heads):
            pairs = {field: _pairs(m.raw[field], vocabulary) for field in ("kern", "tekst")}
            if pairs != m.pairs:
                m.pairs, m.contrib = pairs, None
        if m.contrib is not None and not stale.isdisjoint(m.used):
            m.contrib = None
        if m.contrib is None:
            field_tokens = {field: ts + m.levels[field] + m.pairs.get(field, []) for field, ts in m.indexed.items()}
            m.contrib, m.words = _contribution(field_tokens, lambda t: seen.get(t) or info(t))
            m.used = {t for ts in field_tokens.values() for t in ts}
    return merge(kept, made)
