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

import re

from macros.catalogue.loader import Catalogue
from macros.catalogue.records import ProductRecord
from macros.model.sourced import value_of
from macros.search.language import STOPWORDS, compound_parts, known_words, stem, tokens

# Where a word occurs, as a weight 1–7 (a product keeps the highest weight per key).
WEIGHTS = {"code": 7, "naam": 7, "term": 7, "betekenis": 5, "groep": 4, "type": 4, "regio": 3, "tekst": 1}
DOELGROEP_CHARS = 300  # the target group is long; its beginning says who the product is for
_WORD = re.compile(r"[a-z]{4,}")


def fields(cat: Catalogue, p: ProductRecord) -> dict[str, str]:
    """The indexed text of a product per field (municipalities are not words: the finder matches them apart)."""
    syn = cat.synonyms_of(p)
    return {
        "code": p.code or "",
        "naam": p.naam,
        "term": " ".join(s.term for s in syn),
        "betekenis": " ".join(s.betekenis for s in syn),
        "groep": p.groep,
        "type": cat.producttypen[p.producttype].naam,
        "regio": cat.regios[p.regio].naam,
        "tekst": (value_of(p.doelgroep) or "")[:DOELGROEP_CHARS],
    }


def word_index(cat: Catalogue, producten: list[ProductRecord]) -> dict:
    per_product = [{veld: [t for t in tokens(tekst) if t not in STOPWORDS] for veld, tekst in fields(cat, p).items()}
                   for p in producten]
    # What compounds are made of: the words of all text of the catalogue (descriptions, results, …). Plain
    # lower-case words of the record as JSON are enough for that, and far cheaper than folding 20 MB.
    known = known_words({w for p in producten for w in _WORD.findall(p.model_dump_json().lower())}
                        | {t for velden in per_product for ts in velden.values() for t in ts})
    parts_of: dict[str, list[str]] = {}
    postings: dict[str, dict[int, int]] = {}
    words: set[str] = set()

    def add(word: str, nr: int, weight: int) -> None:
        words.add(word)
        docs = postings.setdefault(stem(word), {})
        if docs.get(nr, 0) < weight:
            docs[nr] = weight

    for nr, velden in enumerate(per_product):
        for veld, ts in velden.items():
            weight = WEIGHTS[veld]
            for t in ts:
                add(t, nr, weight)
                if t not in parts_of:
                    parts_of[t] = compound_parts(t, known)
                for part in parts_of[t]:
                    add(part, nr, max(1, weight - 1))

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
