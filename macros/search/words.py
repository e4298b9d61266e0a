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
KERN = ("doel", "doelgroep", "functiemix", "samenvatting")
# Keys of the record that are no text the page shows (states, file names, field lists) or that the
# finder matches apart (municipalities). A sourced value's 'waarde' is text the page shows (an inferred
# description or target group, as {staat: afgeleid, waarde: ...}); numbers in it are no words (only strings
# are read).
NOT_TEXT = frozenset({"staat", "document", "velden", "pad", "id", "regio", "producttype", "status", "gemeenten",
                      "code", "naam", "productgroep", "aandeel", "minimum", "soort_limiet"})


def _texts(value: object, out: list[str], bron: Callable[[dict], str] | None = None) -> list[str]:
    """Every string in a dumped field (dicts, lists), without the keys that are no text of the page. A source
    reference ({document, sectie}) is read as the page shows it (``bron``: the section's title and the
    document's title, not the section's anchor)."""
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        if bron is not None and "document" in value and "sectie" in value:
            out.append(bron(value))
            value = {k: v for k, v in value.items() if k != "sectie"}
        for k, v in value.items():
            if k not in NOT_TEXT:
                _texts(v, out, bron)
    elif isinstance(value, list):
        for v in value:
            _texts(v, out, bron)
    return out


def _source_titles(cat: Catalogue, p: ProductRecord) -> Callable[[dict], str]:
    """A source reference of product p as its page shows it: the document's title (the region's list of its
    documents) and the section's title as the document prints it."""
    titles = {b.document: b.titel for r in cat.regios.values() for b in r.bronnen}

    def shown(ref: dict) -> str:
        place = place_of(cat, Bron(document=ref["document"], sectie=ref["sectie"]))
        return f"{titles.get(ref['document'], '')}\n{place.section.title if place else ref['sectie']}"

    return shown


def fields(cat: Catalogue, p: ProductRecord) -> dict[str, str]:
    """The indexed text of a product per weight (municipalities are not words: the finder matches them apart)."""
    syn = cat.synonyms_of(p)
    dump = p.model_dump(mode="json")
    kern, tekst = [], []
    bron = _source_titles(cat, p)
    for veld, value in dump.items():
        if veld not in NOT_TEXT:
            _texts(value, kern if veld in KERN else tekst, bron)
    return {
        "code": p.code or "",
        "naam": p.naam,
        "term": " ".join(s.term for s in syn),
        "betekenis": " ".join(s.betekenis for s in syn),
        "groep": p.groep,
        "type": cat.producttypen[p.producttype].naam,
        "regio": cat.regios[p.regio].naam,
        "kern": "\n".join(kern),
        "tekst": "\n".join(tekst),
    }


def _indexed(t: str, veld: str) -> bool:
    """A token worth a key: no stop word; in the body, no bare number under three digits ('2', '24')."""
    if t in STOPWORDS:
        return False
    return WEIGHTS[veld] >= NAME_WEIGHT or not (t.isdigit() and len(t) < 3)


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


# Under `mkdocs serve --dirty` (macros.site.incremental sets a dict): a product's field texts -> what
# ``_product_words`` made of them in the last build, so a rebuild tokenises only the products whose text changed.
KEPT: dict | None = None


def _product_words(texts: dict[str, str]) -> tuple[dict, dict, dict]:
    """A product's tokens per field, its indexed tokens and its joined levels ('niveau3', '6jaar')."""
    raw = {veld: tokens(tekst) for veld, tekst in texts.items()}
    return raw, {veld: [t for t in ts if _indexed(t, veld)] for veld, ts in raw.items()}, \
        {veld: levels(ts) for veld, ts in raw.items()}


def word_index(cat: Catalogue, producten: list[ProductRecord]) -> dict:
    global KEPT
    kept, keep = KEPT, {}
    made = []
    for p in producten:
        texts = fields(cat, p)
        if kept is None:
            made.append(_product_words(texts))
            continue
        key = tuple(texts.items())
        hit = keep[key] = kept.get(key) or keep.get(key) or _product_words(texts)
        made.append(hit)
    if kept is not None:
        KEPT = keep  # this build's products only: the store does not grow with every edit
    per_product = [{veld: list(ts) for veld, ts in m[1].items()} for m in made]  # lists of their own: pairs go in below
    vocabulary = {t for velden in per_product for ts in velden.values() for t in ts}
    for velden, m in zip(per_product, made, strict=True):
        for veld in velden:
            velden[veld] += m[2][veld]
        for veld in ("kern", "tekst"):
            velden[veld] += _pairs(m[0][veld], vocabulary)
    # What compounds are made of: every word the pages show (the browser splits a query against the same
    # list, 'w').
    known = known_words(vocabulary)
    seen: dict[str, tuple[str, tuple[str, ...]]] = {}  # token -> (its key, the keys of its compound parts)
    postings: dict[str, dict[int, int]] = {}
    words: set[str] = set()

    def info(t: str) -> tuple[str, tuple[str, ...]]:
        parts = compound_parts(t, known)
        words.add(t)
        words.update(parts)
        seen[t] = (stem(t), tuple(stem(x) for x in parts))
        return seen[t]

    for nr, velden in enumerate(per_product):
        body: Counter[str] = Counter()  # how often each body key is printed on the page as a word of its own
        for veld, ts in velden.items():
            weight = WEIGHTS[veld]
            weight_part = weight - 1 if weight > WEIGHTS["kern"] else weight - 2  # a compound's part
            for t, count in Counter(ts).items():
                key, part_keys = seen.get(t) or info(t)
                docs = postings.setdefault(key, {})
                if docs.get(nr, 0) < weight:
                    docs[nr] = weight
                for pk in part_keys:
                    docs = postings.setdefault(pk, {})
                    if docs.get(nr, 0) < weight_part:
                        docs[nr] = weight_part
                if weight < NAME_WEIGHT:
                    body[key] += count  # not its compounds' parts: a word printed stands above a part of one
        for key, count in body.items():
            if count >= REPEATS[0] and (docs := postings[key])[nr] <= WEIGHTS["kern"]:
                docs[nr] = min(BODY_MAX, docs[nr] + sum(count >= r for r in REPEATS))

    keys = sorted(postings)
    key_nr = {k: i for i, k in enumerate(keys)}
    w = sorted(words)
    p = []
    for k in keys:
        flat, prev = [], 0
        for nr, weight in sorted(postings[k].items()):
            flat.append((nr - prev) * 16 + weight)
            prev = nr
        p.append(flat)
    return {"w": w, "k": [key_nr[stem(x)] for x in w], "s": keys, "p": p}
