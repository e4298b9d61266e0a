"""Which removed product and which added product are one product under a new code, file name or region.

The change report used to score every removed product against every added one (500 recoded products:
17 s; 2,000: 216 s). Here no pair is scored unless something cheap says it may match:

1. **Same content**: every field but the code equal (after folding line wraps) → one product. A hash
   per product; same region first, then across regions (a move). O(n).
2. **Same region, same name or mostly the same fields** (the rule of the old matcher: the same name, or
   at least 80 % of the filled-in fields equal). Candidates come from two blocks: the same normalised
   name, and a *prefix filter* on (field, value) tokens: tokens are ordered rarest first, and two products
   that share 80 % of their fields must share one of the first ``len - ceil(0.8 len) + 1`` tokens of each
   (the prefix-filtering principle of set-similarity joins), so only products that share a rare field
   value are ever scored. No pair that the old rule would accept is missed, except where a block is cut
   off by the bounds below.
3. **Across regions, the same name and at least 80 % equal fields** → a move. Two regions often have
   products of the same name that are different products; a name alone is not enough across regions.

Pairs are then taken greedily, best first (same name, higher share of equal fields, then ids), as before.
Bounds: at most ``MAX_BLOCK_PAIRS`` pairs scored in one name block and ``MAX_CANDIDATES`` candidates per removed
product from the token index, so one pathological block cannot make the report quadratic again.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from macros.changes.values import _model_fields, fold, fold_data

MAX_BLOCK_PAIRS = 2_500  # pairs scored within one block of same-named products (50 × 50)
MAX_CANDIDATES = 200  # candidates per removed product from the token index


def _filled(v) -> bool:
    return v not in (None, "", [])


def _value_key(v) -> str:
    if isinstance(v, str):
        return "s" + fold(v)
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return "l" + json.dumps([fold(x) for x in v], ensure_ascii=False)
    if hasattr(v, "model_dump"):
        v = v.model_dump(mode="json")
    return "j" + json.dumps(fold_data(v), sort_keys=True, ensure_ascii=False, default=str)


def fingerprint(p) -> dict[str, str]:
    """Field name → its value (folded, as JSON) for every filled-in field but the code and the identity."""
    return {n: _value_key(v) for n, _ in _model_fields(type(p)) if n != "code" and _filled(v := getattr(p, n))}


def similarity(a, b) -> float:
    """Share of the filled-in fields (code left out) that two products have in common, 0..1."""
    equal, total = _score(fingerprint(a), fingerprint(b))
    return equal / total if total else 0.0


def _score(fa: dict[str, str], fb: dict[str, str]) -> tuple[int, int]:
    """(equal fields, fields filled in either)."""
    common = fa.keys() & fb.keys()
    return sum(1 for n in common if fa[n] == fb[n]), len(fa) + len(fb) - len(common)


def _enough(equal: int, total: int) -> bool:
    return total > 0 and 5 * equal >= 4 * total  # at least 80 %, in integers


def name_key(name: str) -> str:
    """'Specialistische  begeleiding – individueel' and 'Specialistische Begeleiding – Individueel' alike."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


class _Candidate:
    __slots__ = ("f", "hash", "name", "p", "tokens")

    def __init__(self, p):
        self.p = p
        self.f = fingerprint(p)
        self.name = name_key(p.naam)
        self.hash = hashlib.sha1(json.dumps(self.f, sort_keys=True).encode()).hexdigest()
        self.tokens = [f"{n}\x00{v}" for n, v in self.f.items()]


def _prefix(x: _Candidate, order: dict[str, tuple[int, str]]) -> list[str]:
    s = len(x.tokens)
    needed = (4 * s + 4) // 5  # ceil(0.8 s): equal fields a partner needs at least
    return sorted(x.tokens, key=order.__getitem__)[: s - needed + 1]


def _candidates(olds: list[_Candidate], news: list[_Candidate]) -> dict[int, set[int]]:
    """Per removed product (index), the added products (indices) that may share 80 % of its fields."""
    freq: dict[str, int] = defaultdict(int)
    for x in (*olds, *news):
        for t in x.tokens:
            freq[t] += 1
    order = {t: (n, t) for t, n in freq.items()}
    index: dict[str, list[int]] = defaultdict(list)
    for j, y in enumerate(news):
        for t in _prefix(y, order):
            index[t].append(j)
    out: dict[int, set[int]] = {}
    for i, x in enumerate(olds):
        seen: set[int] = set()
        for t in _prefix(x, order):
            for j in index.get(t, ()):
                seen.add(j)
                if len(seen) >= MAX_CANDIDATES:
                    break
            if len(seen) >= MAX_CANDIDATES:
                break
        out[i] = seen
    return out


def _blocks(items: Iterable[tuple[int, _Candidate]], key) -> dict[tuple, list[int]]:
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, x in items:
        blocks[key(x)].append(i)
    return blocks


def _greedy(candidates: list[tuple], olds: list[_Candidate], news: list[_Candidate], free_a: set[int], free_b: set[int]):
    """Take pairs best first; each product at most once."""
    for *_, i, j in sorted(candidates):
        if i in free_a and j in free_b:
            free_a.discard(i)
            free_b.discard(j)
            yield olds[i].p, news[j].p


def match_products(removed: list, added: list) -> list[tuple]:
    """Pairs (removed, added) that are one product: recoded or renamed in its region, or moved to another one.

    Deterministic: the result does not depend on the order of the input lists."""
    olds = [_Candidate(p) for p in sorted(removed, key=lambda p: (p.regio, p.id))]
    news = [_Candidate(p) for p in sorted(added, key=lambda p: (p.regio, p.id))]
    free_a, free_b = set(range(len(olds))), set(range(len(news)))
    pairs: list[tuple] = []

    def same_content(key) -> None:
        blocks = _blocks(((j, news[j]) for j in sorted(free_b, reverse=True)), key)  # popped lowest first
        for i in sorted(free_a):
            js = blocks.get(key(olds[i]), [])
            if js:
                j = js.pop()
                free_a.discard(i)
                free_b.discard(j)
                pairs.append((olds[i].p, news[j].p))

    # 1. the same content (the code aside) in the same region
    same_content(lambda x: (x.hash, x.p.regio))

    # 2. same region: the same name, or at least 80 % of the fields equal
    candidates: list[tuple] = []
    scored: set[tuple[int, int]] = set()

    def score(i: int, j: int, same_name: bool) -> None:
        if (i, j) in scored:
            return
        scored.add((i, j))
        equal, total = _score(olds[i].f, news[j].f)
        if same_name or _enough(equal, total):
            candidates.append((not same_name, -equal / max(1, total), olds[i].p.id, news[j].p.id, i, j))

    names_b = _blocks(((j, news[j]) for j in sorted(free_b)), lambda x: (x.p.regio, x.name))
    names_a = _blocks(((i, olds[i]) for i in sorted(free_a)), lambda x: (x.p.regio, x.name))
    for key, is_ in names_a.items():
        js = names_b.get(key, [])
        if len(is_) * len(js) <= MAX_BLOCK_PAIRS:
            for i in is_:
                for j in js:
                    score(i, j, True)
    list_a, list_b = sorted(free_a), sorted(free_b)
    by_region_a = _blocks(((i, olds[i]) for i in list_a), lambda x: (x.p.regio,))
    by_region_b = _blocks(((j, news[j]) for j in list_b), lambda x: (x.p.regio,))
    for region, is_ in by_region_a.items():
        js = by_region_b.get(region, [])
        if not js:
            continue
        for ii, jj_set in _candidates([olds[i] for i in is_], [news[j] for j in js]).items():
            for jj in jj_set:
                i, j = is_[ii], js[jj]
                score(i, j, olds[i].name == news[j].name)
    pairs += _greedy(candidates, olds, news, free_a, free_b)

    # 3. across regions: the same content, then the same name and at least 80 % of the fields equal
    same_content(lambda x: (x.hash,))
    candidates = []
    names_b = _blocks(((j, news[j]) for j in sorted(free_b)), lambda x: (x.name,))
    for key, is_ in _blocks(((i, olds[i]) for i in sorted(free_a)), lambda x: (x.name,)).items():
        js = names_b.get(key, [])
        if len(is_) * len(js) > MAX_BLOCK_PAIRS:
            continue
        for i in is_:
            for j in js:
                equal, total = _score(olds[i].f, news[j].f)
                if olds[i].p.regio != news[j].p.regio and _enough(equal, total):
                    candidates.append((-equal / total, olds[i].p.regio, olds[i].p.id, news[j].p.regio,
                                       news[j].p.id, i, j))
    pairs += _greedy(candidates, olds, news, free_a, free_b)
    return pairs
