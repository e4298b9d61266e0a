"""The product finder's data, built once per build from the catalogue.

Three files, so that a code lookup never waits for the full-text index:
- ``zoeken/codes.json``: every code with its product (name, region), sorted: answers
  exact and prefix code lookups on its own, a few kB per hundred products.
- ``zoeken/producten.json``: the facts for result cards and filters (region,
  municipality, product type, unit, status).
- ``zoeken/index.json``: a lunr index (Python lunr, loaded by lunr.js) over the
  structured fields, fetched in the background or on the first word query.

Text is normalised (lower case, no diacritics) on both sides, no stemmer or trimmer
is used (the Dutch ones mangle words and strip digits), and Dutch compounds are also
indexed by their parts when a part is itself a word of the catalogue
("groepsbegeleiding" is found by "begeleiding").
"""

from __future__ import annotations

import json
import re
import unicodedata

from lunr.builder import Builder

from macros.catalogue.loader import Catalogue
from macros.catalogue.records import ProductRecord
from macros.components import sourcing
from macros.model.sourced import stated_value, value_of
from macros.text import limit_labels, shown

# Few fields keep the index small (lunr stores a vector per document and field). Municipality, unit
# and status are filters (producten.json), not words to search for.
FIELDS = [("code", 20), ("naam", 5), ("synoniemen", 5), ("tekst", 1)]
DOELGROEP_CHARS = 300
TOKEN = re.compile(r"[a-z0-9]+")


def normalise(text: str) -> str:
    """Lower case without diacritics: 'Cliëntprofiel' -> 'clientprofiel'."""
    plain = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()


def _tokens(text: str) -> list[str]:
    return TOKEN.findall(normalise(text))


def geordend(cat: Catalogue) -> list[ProductRecord]:
    """The finder's product order (also the numbering used in all three files)."""
    return sorted(cat.producten.values(), key=lambda p: (cat.regios[p.regio].naam, p.code or "~", p.naam))


def _velden(cat: Catalogue, p: ProductRecord) -> dict[str, str]:
    syn = cat.synonyms_of(p)
    tekst = [p.productgroep, cat.producttypen[p.producttype].naam, cat.regios[p.regio].naam,
             (value_of(p.doelgroep) or "")[:DOELGROEP_CHARS]]
    return {
        "code": p.code or "",
        "naam": p.naam,
        "synoniemen": " ".join(f"{s.term} {s.betekenis}" for s in syn),
        "tekst": " ".join(tekst),
    }


def _met_delen(tokens: list[str], woorden: set[str]) -> list[str]:
    """Add the known-word tails of compounds: 'groepsbegeleiding' also yields 'begeleiding'."""
    extra = []
    for t in tokens:
        for i in range(3, len(t) - 3):
            if t[i:] in woorden:
                extra.append(t[i:])
                break
    return tokens + extra


def index_json(cat: Catalogue) -> dict:
    producten = geordend(cat)
    velden = [_velden(cat, p) for p in producten]
    woorden = {t for v in velden for tekst in v.values() for t in _tokens(tekst) if len(t) >= 4}
    builder = Builder()  # no pipeline functions: no stemmer, no trimmer (see module docstring)
    builder.ref("i")
    for naam, boost in FIELDS:
        builder.field(naam, boost=boost)
    for i, v in enumerate(velden):
        builder.add({"i": str(i), **{k: " ".join(_met_delen(_tokens(t), woorden)) for k, t in v.items()}})
    return builder.build().serialize()


def producten_json(cat: Catalogue) -> dict:
    producten = geordend(cat)
    return {
        "regios": {r.id: {"naam": r.naam, "gemeenten": list(r.gemeenten)} for r in cat.regios.values()},
        "producten": [
            {
                "c": p.code or "", "n": p.naam, "u": p.url, "r": p.regio,
                "m": "alle" if value_of(p.gemeenten) == "alle" else list(value_of(p.gemeenten) or []),
                "t": cat.producttypen[p.producttype].naam,
                "e": stated_value(p.eenheid).soort if stated_value(p.eenheid) else "",
                "s": stated_value(p.status) or shown(p.status).plain,
                "d": sourcing.duration(cat, p).plain,
                "f": _facts(cat, p),  # the card's facts, said as the product page says them
            }
            for p in producten
        ],
    }


def _facts(cat: Catalogue, p: ProductRecord) -> list[str]:
    status = shown(p.status)
    facts = [f"Eenheid: {shown(p.eenheid, lambda e: e.soort).plain}",
             f"{limit_labels(p.normenkader)[0]}: {sourcing.duration(cat, p).plain}"]
    if status.has_value and status.text != "vastgesteld":  # like the cards on the site: an inference is marked
        facts.append(f"Status: {status.text}" + (" (afgeleid door de redactie)" if status.state == "afgeleid" else ""))
    return facts


def codes_json(cat: Catalogue) -> dict:
    """[normalised code, product number, code as printed, name, region name], sorted by code."""
    producten = geordend(cat)
    rows = [[normalise(p.code), i, p.code, p.naam, p.regio] for i, p in enumerate(producten) if p.code]
    rows.sort(key=lambda r: (r[0], r[1]))
    return {"regios": {r.id: r.naam for r in cat.regios.values()}, "codes": rows,
            "urls": [p.url for p in producten]}


def search_files(cat: Catalogue) -> dict[str, str]:
    dump = lambda obj: json.dumps(obj, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    return {
        "zoeken/codes.json": dump(codes_json(cat)),
        "zoeken/producten.json": dump(producten_json(cat)),
        "zoeken/index.json": dump(index_json(cat)),
    }
