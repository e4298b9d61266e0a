"""What the last build's word index was made of, kept under `mkdocs serve --dirty` so that a rebuild makes
again only what an edit can change (``Kept``), and the merge of the products' postings into the index that
updates only the numbers an edit reached (``merge``). ``macros.search.words`` makes the index."""

from __future__ import annotations

from typing import TYPE_CHECKING

from macros.search.language import stem

if TYPE_CHECKING:
    from macros.search.words import _Product


class Kept:
    """Under `mkdocs serve --dirty` (``macros.site.incremental`` sets ``KEPT``): what the last build's word index was
    made of, so a rebuild makes again only what an edit can change. Per product (by its field texts): its tokens,
    its joined pairs and what it adds to the postings (``words._contribution``); for the whole catalogue: the vocabulary,
    the known words (``known_words``, per word) and each token's key and compound parts.

    What is made of all products together depends on the catalogue's words: a product's pairs are made again when
    a word that came or went starts with one of its words (a pair is two of its words joined); a token's compound
    parts when a known word that came or went is part of the token (``compound_parts`` reads nothing else).

    The merge is kept too (``merge``): per product number the product and postings merged last time, the postings
    per key, each key's written list and the words counted over the products; a rebuild updates them only at the
    numbers whose product or postings changed (a product that came or went moves every number: merged afresh).
    At 5,000 products the merge over all products was a quarter of a one-product rebuild."""

    def __init__(self) -> None:
        self.products: dict[tuple, _Product] = {}
        self.vocabulary: set[str] = set()
        self.known_of: dict[str, tuple[str, ...]] = {}  # a word -> what it adds to the known words
        self.known: frozenset[str] = frozenset()
        self.seen: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {}  # token -> key, part keys, parts
        self.stems: dict[str, str] = {}  # a word of the index -> its key
        self.known_count: dict[str, int] = {}  # a known word -> the vocabulary's words that add it
        self.merged_afresh(0)

    def merged_afresh(self, n: int) -> None:
        """Forget the last build's merge (its numbering) for n products: a product that came or went moves every
        number. The vocabulary and known words stay as they were, to tell what came or went."""
        self.made: list[_Product | None] = [None] * n  # per product number, the product merged last time
        self.contribs: list[dict[str, int] | None] = [None] * n  # and its postings then
        self.words_of: dict[int, set[str]] = {}  # and its words then
        self.token_count: dict[str, int] = {}  # a token -> the products that hold it (the vocabulary's counts)
        self.postings: dict[str, dict[int, int]] = {}  # a key -> product number -> weight
        self.flat: dict[str, list[int]] = {}  # a key -> its postings as the index writes them
        self.word_count: dict[str, int] = {}  # a word of the index ('w') -> the products it is a word of
        self.key_nr: dict[str, int] = {}
        self.index: dict | None = None


def recount(counts: dict[str, int], present: set[str] | None, old, new) -> bool:
    """Take old's items from counts and add new's; an item whose count falls to 0 is dropped (from present too),
    one that comes is added. True when an item came or went."""
    moved = False
    for t in old:
        c = counts[t] - 1
        if c:
            counts[t] = c
        else:
            del counts[t]
            moved = True
            if present is not None:
                present.discard(t)
    for t in new:
        c = counts[t] = counts.get(t, 0) + 1
        if c == 1:
            moved = True
            if present is not None:
                present.add(t)
    return moved


def merge(kept: Kept, made: list[_Product]) -> dict:
    """The index from each product's postings, updated at the numbers whose product or postings changed since
    the last build (the postings per key, the words counted, each key's list of gaps and weights)."""
    postings, dirty = kept.postings, set()
    word_change = False
    for nr, m in enumerate(made):
        old, old_contrib = kept.made[nr], kept.contribs[nr]
        if old is m and old_contrib is m.contrib:
            continue
        if old_contrib is not None:
            for key in old_contrib:
                d = postings[key]
                del d[nr]
                if not d:
                    del postings[key]
                dirty.add(key)
            gone = kept.words_of[nr]
        else:
            gone = ()
        for key, weight in m.contrib.items():
            postings.setdefault(key, {})[nr] = weight
            dirty.add(key)
        word_change = recount(kept.word_count, None, gone, m.words) or word_change
        kept.made[nr], kept.contribs[nr], kept.words_of[nr] = m, m.contrib, m.words
    flat_of = kept.flat
    for k in dirty:
        if k in postings:
            flat, prev = [], 0
            for nr, weight in sorted(postings[k].items()):
                flat.append((nr - prev) * 16 + weight)
                prev = nr
            flat_of[k] = flat
        else:
            del flat_of[k]
    if kept.index is None or len(flat_of) != len(kept.index["s"]) or any(k not in kept.key_nr for k in dirty):
        keys = sorted(postings)
        kept.key_nr = {k: i for i, k in enumerate(keys)}
        word_change = True
    else:
        keys = kept.index["s"]
    if word_change:
        w = sorted(kept.word_count)
        stems, key_nr = kept.stems, kept.key_nr
        k = [key_nr[stems.get(x) or stems.setdefault(x, stem(x))] for x in w]
    else:
        w, k = kept.index["w"], kept.index["k"]
    kept.index = {"w": w, "k": k, "s": keys, "p": [flat_of[x] for x in keys]}
    return kept.index
