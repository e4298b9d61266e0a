"""The finder's word index (``zoeken/woorden.json``): Dutch words of each product to its number.

Built once per build from the catalogue, read by ``overrides/assets/finder.js``. Keys are search
keys (``language.stem``: stems for words, codes as they are); each product's compound words are
also indexed by their parts (the known words for splitting come from all text of the catalogue). The browser stems a query word with the same algorithm, looks its key
up, and uses the sorted list of the words themselves for prefixes (typing), typos and "Bedoelde je".

Layout (compact JSON, lists only):

- ``w``: every word of the indexed text, folded, sorted;
- ``k``: for each word in ``w``, the number of its key in ``s``;
- ``s``: the keys, sorted;
- ``p``: for each key, its postings as one list of integers: per product ``gap * 8 + weight``, where
  ``gap`` is the product number minus the previous one and ``weight`` (1–7) says where the word
  occurs (``WEIGHTS``; a compound part counts one less than the field it is in).
"""

from __future__ import annotations

import itertools
from collections import Counter

from macros.catalogue.loader import Catalogue
from macros.catalogue.records import ProductRecord
from macros.search.language import STOPWORDS, compound_parts, is_code, known_words, levels, stem, tokens

# Where a word occurs, as a weight 1–7 (a product keeps the highest weight per key): name, code and
# synonyms first; product group and type; the region; then the body of the page (what it is for and
# whom, the staff mix) above the rest of the body. Every text the product page shows is indexed.
WEIGHTS = {"code": 7, "naam": 7, "term": 7, "betekenis": 5, "groep": 4, "type": 4, "regio": 3,
           "kern": 2, "tekst": 1}
NAME_WEIGHT = 4  # from this weight a word is in the product's name, code, synonyms, group or type
# Body fields with weight 'kern'; every other field of the product's page is 'tekst'.
KERN = ("doel", "doelgroep", "functiemix", "samenvatting")
# Keys of the record that are no text the page shows (states, file names, field lists) or that the
# finder matches apart (municipalities).
NOT_TEXT = frozenset({"staat", "document", "velden", "pad", "id", "regio", "producttype", "status", "gemeenten",
                      "code", "naam", "productgroep", "aandeel", "waarde", "minimum", "soort_limiet"})


def _texts(value: object, out: list[str]) -> list[str]:
    """Every string in a dumped field (dicts, lists), without the keys that are no text of the page."""
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in NOT_TEXT:
                _texts(v, out)
    elif isinstance(value, list):
        for v in value:
            _texts(v, out)
    return out


def fields(cat: Catalogue, p: ProductRecord) -> dict[str, str]:
    """The indexed text of a product per weight (municipalities are not words: the finder matches them apart)."""
    syn = cat.synonyms_of(p)
    dump = p.model_dump(mode="json")
    kern, tekst = [], []
    for veld, value in dump.items():
        if veld not in NOT_TEXT:
            _texts(value, kern if veld in KERN else tekst)
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


REPEATS = (3, 8)  # a body word printed this often on the page weighs one more, and one more again (at most 3)


def _pairs(ts: list[str], vocabulary: set[str]) -> list[str]:
    """Two adjacent words that the catalogue also prints as one ('medicijn controle' -> 'medicijncontrole',
    with a linking 's' too): the page holds the compound, so the compound finds it."""
    out = []
    for a, b in itertools.pairwise(ts):
        found = (c := a + b) in vocabulary or (c := a + "s" + b) in vocabulary
        if found and a not in STOPWORDS and b not in STOPWORDS and not is_code(a) and not is_code(b):
            out.append(c)
    return out


def word_index(cat: Catalogue, producten: list[ProductRecord]) -> dict:
    raw = [{veld: tokens(tekst) for veld, tekst in fields(cat, p).items()} for p in producten]
    per_product = [{veld: [t for t in ts if _indexed(t, veld)] for veld, ts in velden.items()} for velden in raw]
    vocabulary = {t for velden in per_product for ts in velden.values() for t in ts}
    for velden, rauw in zip(per_product, raw, strict=True):
        for veld in velden:
            velden[veld] += levels(rauw[veld])
        for veld in ("kern", "tekst"):
            velden[veld] += _pairs(rauw[veld], vocabulary)
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
        body: Counter[str] = Counter()  # how often each body key is printed on the page (a compound's parts too)
        for veld, ts in velden.items():
            weight = WEIGHTS[veld]
            weight_part = max(1, weight - 1)  # a compound part counts one less than the field it is in
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
                    body[key] += count
                    for pk in part_keys:
                        body[pk] += count
        for key, count in body.items():
            if count >= REPEATS[0] and (docs := postings[key])[nr] < NAME_WEIGHT:
                docs[nr] = min(3, docs[nr] + sum(count >= r for r in REPEATS))

    keys = sorted(postings)
    key_nr = {k: i for i, k in enumerate(keys)}
    w = sorted(words)
    p = []
    for k in keys:
        flat, prev = [], 0
        for nr, weight in sorted(postings[k].items()):
            flat.append((nr - prev) * 8 + weight)
            prev = nr
        p.append(flat)
    return {"w": w, "k": [key_nr[stem(x)] for x in w], "s": keys, "p": p}
