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
Bounds: at most ``MAX_BLOK`` pairs scored in one name block and ``MAX_KANDIDATEN`` candidates per removed
product from the token index, so one pathological block cannot make the report quadratic again.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from macros.changes.values import _velden, fold, fold_data

MAX_BLOK = 2_500  # pairs scored within one block of same-named products (50 × 50)
MAX_KANDIDATEN = 200  # candidates per removed product from the token index


def _gevuld(v) -> bool:
    return v not in (None, "", [])


def _waarde(v) -> str:
    if isinstance(v, str):
        return "s" + fold(v)
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return "l" + json.dumps([fold(x) for x in v], ensure_ascii=False)
    if hasattr(v, "model_dump"):
        v = v.model_dump(mode="json")
    return "j" + json.dumps(fold_data(v), sort_keys=True, ensure_ascii=False, default=str)


def fingerprint(p) -> dict[str, str]:
    """Field name → its value (folded, as JSON) for every filled-in field but the code and the identity."""
    return {n: _waarde(v) for n, _ in _velden(type(p)) if n != "code" and _gevuld(v := getattr(p, n))}


def similarity(a, b) -> float:
    """Share of the filled-in fields (code left out) that two products have in common, 0..1."""
    gelijk, totaal = _score(fingerprint(a), fingerprint(b))
    return gelijk / totaal if totaal else 0.0


def _score(fa: dict[str, str], fb: dict[str, str]) -> tuple[int, int]:
    """(equal fields, fields filled in either)."""
    gemeen = fa.keys() & fb.keys()
    return sum(1 for n in gemeen if fa[n] == fb[n]), len(fa) + len(fb) - len(gemeen)


def _genoeg(gelijk: int, totaal: int) -> bool:
    return totaal > 0 and 5 * gelijk >= 4 * totaal  # at least 80 %, in integers


def naam_sleutel(naam: str) -> str:
    """'Specialistische  begeleiding – individueel' and 'Specialistische Begeleiding – Individueel' alike."""
    return " ".join(unicodedata.normalize("NFKC", naam).casefold().split())


class _Product:
    __slots__ = ("f", "hash", "naam", "p", "tokens")

    def __init__(self, p):
        self.p = p
        self.f = fingerprint(p)
        self.naam = naam_sleutel(p.naam)
        self.hash = hashlib.sha1(json.dumps(self.f, sort_keys=True).encode()).hexdigest()
        self.tokens = [f"{n}\x00{v}" for n, v in self.f.items()]


def _prefix(x: _Product, orde: dict[str, tuple[int, str]]) -> list[str]:
    s = len(x.tokens)
    nodig = (4 * s + 4) // 5  # ceil(0.8 s): equal fields a partner needs at least
    return sorted(x.tokens, key=orde.__getitem__)[: s - nodig + 1]


def _kandidaten(weg: list[_Product], erbij: list[_Product]) -> dict[int, set[int]]:
    """Per removed product (index), the added products (indices) that may share 80 % of its fields."""
    freq: dict[str, int] = defaultdict(int)
    for x in (*weg, *erbij):
        for t in x.tokens:
            freq[t] += 1
    orde = {t: (n, t) for t, n in freq.items()}
    index: dict[str, list[int]] = defaultdict(list)
    for j, y in enumerate(erbij):
        for t in _prefix(y, orde):
            index[t].append(j)
    uit: dict[int, set[int]] = {}
    for i, x in enumerate(weg):
        gezien: set[int] = set()
        for t in _prefix(x, orde):
            for j in index.get(t, ()):
                gezien.add(j)
                if len(gezien) >= MAX_KANDIDATEN:
                    break
            if len(gezien) >= MAX_KANDIDATEN:
                break
        uit[i] = gezien
    return uit


def _blokken(items: Iterable[tuple[int, _Product]], sleutel) -> dict[tuple, list[int]]:
    blokken: dict[tuple, list[int]] = defaultdict(list)
    for i, x in items:
        blokken[sleutel(x)].append(i)
    return blokken


def _gulzig(kandidaten: list[tuple], weg: list[_Product], erbij: list[_Product], vrij_a: set[int], vrij_b: set[int]):
    """Take pairs best first; each product at most once."""
    for *_, i, j in sorted(kandidaten):
        if i in vrij_a and j in vrij_b:
            vrij_a.discard(i)
            vrij_b.discard(j)
            yield weg[i].p, erbij[j].p


def match_products(removed: list, added: list) -> list[tuple]:
    """Pairs (removed, added) that are one product: recoded or renamed in its region, or moved to another one.

    Deterministic: the result does not depend on the order of the input lists."""
    weg = [_Product(p) for p in sorted(removed, key=lambda p: (p.regio, p.id))]
    erbij = [_Product(p) for p in sorted(added, key=lambda p: (p.regio, p.id))]
    vrij_a, vrij_b = set(range(len(weg))), set(range(len(erbij)))
    paren: list[tuple] = []

    def zelfde_inhoud(sleutel) -> None:
        blokken = _blokken(((j, erbij[j]) for j in sorted(vrij_b, reverse=True)), sleutel)  # popped lowest first
        for i in sorted(vrij_a):
            js = blokken.get(sleutel(weg[i]), [])
            if js:
                j = js.pop()
                vrij_a.discard(i)
                vrij_b.discard(j)
                paren.append((weg[i].p, erbij[j].p))

    # 1. the same content (the code aside) in the same region
    zelfde_inhoud(lambda x: (x.hash, x.p.regio))

    # 2. same region: the same name, or at least 80 % of the fields equal
    kandidaten: list[tuple] = []
    gescoord: set[tuple[int, int]] = set()

    def score(i: int, j: int, zelfde_naam: bool) -> None:
        if (i, j) in gescoord:
            return
        gescoord.add((i, j))
        gelijk, totaal = _score(weg[i].f, erbij[j].f)
        if zelfde_naam or _genoeg(gelijk, totaal):
            kandidaten.append((not zelfde_naam, -gelijk / max(1, totaal), weg[i].p.id, erbij[j].p.id, i, j))

    namen_b = _blokken(((j, erbij[j]) for j in sorted(vrij_b)), lambda x: (x.p.regio, x.naam))
    namen_a = _blokken(((i, weg[i]) for i in sorted(vrij_a)), lambda x: (x.p.regio, x.naam))
    for sleutel, is_ in namen_a.items():
        js = namen_b.get(sleutel, [])
        if len(is_) * len(js) <= MAX_BLOK:
            for i in is_:
                for j in js:
                    score(i, j, True)
    a_lijst, b_lijst = sorted(vrij_a), sorted(vrij_b)
    per_regio_a = _blokken(((i, weg[i]) for i in a_lijst), lambda x: (x.p.regio,))
    per_regio_b = _blokken(((j, erbij[j]) for j in b_lijst), lambda x: (x.p.regio,))
    for regio, is_ in per_regio_a.items():
        js = per_regio_b.get(regio, [])
        if not js:
            continue
        for ii, jj_set in _kandidaten([weg[i] for i in is_], [erbij[j] for j in js]).items():
            for jj in jj_set:
                i, j = is_[ii], js[jj]
                score(i, j, weg[i].naam == erbij[j].naam)
    paren += _gulzig(kandidaten, weg, erbij, vrij_a, vrij_b)

    # 3. across regions: the same content, then the same name and at least 80 % of the fields equal
    zelfde_inhoud(lambda x: (x.hash,))
    kandidaten = []
    namen_b = _blokken(((j, erbij[j]) for j in sorted(vrij_b)), lambda x: (x.naam,))
    for sleutel, is_ in _blokken(((i, weg[i]) for i in sorted(vrij_a)), lambda x: (x.naam,)).items():
        js = namen_b.get(sleutel, [])
        if len(is_) * len(js) > MAX_BLOK:
            continue
        for i in is_:
            for j in js:
                gelijk, totaal = _score(weg[i].f, erbij[j].f)
                if weg[i].p.regio != erbij[j].p.regio and _genoeg(gelijk, totaal):
                    kandidaten.append((-gelijk / totaal, weg[i].p.regio, weg[i].p.id, erbij[j].p.regio,
                                       erbij[j].p.id, i, j))
    paren += _gulzig(kandidaten, weg, erbij, vrij_a, vrij_b)
    return paren
