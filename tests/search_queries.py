"""What a professional types, and what must come back: the query set for both searches.

Each query names what must be the first result (``first``: a page, site-relative), what must be
among the results (``present``), and what must not (``absent``). Municipality queries expect the
municipality's page first. Used by tests/test_search_queries.py (finder and header search in
Chromium) and by benchmarks/search_quality.py (both searches, figures).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Q:
    query: str
    kind: str
    first: str | None = None
    present: frozenset[str] = field(default_factory=frozenset)
    absent: frozenset[str] = field(default_factory=frozenset)


def q(query: str, kind: str, first: str | None = None, present=(), absent=()) -> Q:
    return Q(query, kind, first, frozenset(present), frozenset(absent))


ZL, FL, HL = "zuid-limburg/", "flevoland/", "haaglanden/"
QUERIES: list[Q] = [
    # codes, exact: the product first
    q("84110", "code", ZL + "84110/"),
    q("45F34", "code", FL + "45f34/"),
    q("831mc", "code", ZL + "831mc/"),
    q("54002", "code", HL + "54002/"),
    q("41c01", "code", HL + "41c01/"),
    q("45C09", "code", HL + "45c09/"),
    q("92300", "code", ZL + "92300/"),
    # code prefixes: the family
    q("45F", "prefix", present=[FL + c + "/" for c in ("45f11", "45f21", "45f22", "45f23", "45f31", "45f32", "45f33", "45f34")]),
    q("841", "prefix", present=[ZL + "84110/", ZL + "84120/"]),
    q("853", "prefix", present=[ZL + "85310/", ZL + "85320/"]),
    q("8311", "prefix", ZL + "83110/"),
    # product names
    q("Gezinshuis", "name", ZL + "61110/"),
    q("Groepsbegeleiding", "name", HL + "groepsbegeleiding/"),
    q("Ouderbegeleidingstraject", "name", HL + "ouderbegeleidingstraject/"),
    q("Pleegzorg LVB", "name", ZL + "35200/"),
    q("Behandeling individueel intensief", "name", ZL + "83400/"),
    q("Dyslexie behandeling", "name", ZL + "40100/"),
    q("medicatiecontrole", "name", ZL + "831mc/"),
    q("Kortdurende systeembegeleiding", "name", HL + "kortdurende-systeembegeleiding/"),
    q("detachering hbo", "name", ZL + "detachering-hbo/"),
    q("consultatie wo", "name", present=[ZL + "90200/", ZL + "90300/"]),
    # synonyms and abbreviations (data/synoniemen.yaml)
    q("respijtzorg", "synonym", ZL + "62100/"),
    q("BOR", "synonym", present=[ZL + "51400/", ZL + "51500/"]),
    q("MST", "synonym", present=[FL + "45f34/", ZL + "83400/"]),
    q("MDFT", "synonym", FL + "45f34/"),
    q("EED", "synonym", present=[ZL + "34100/", ZL + "40100/"]),
    q("omgangsregeling", "synonym", present=[ZL + "51400/", ZL + "51500/"]),
    q("GGZ", "synonym", present=[HL + "54002/", ZL + "83100/"]),
    q("logeren", "synonym", ZL + "62100/"),
    # municipalities: the municipality's page first, then the products that apply there
    q("Lelystad", "municipality", "gemeenten/lelystad/", [FL + "45f34/"], [FL + "45f21/"]),
    q("Almere", "municipality", "gemeenten/almere/", [FL + "45f11/", FL + "45f21/", FL + "45f23/"]),
    q("Westland", "municipality", "gemeenten/westland/", [HL + "41c01/", HL + "groepsbegeleiding/"]),
    q("Urk", "municipality", "gemeenten/urk/", [FL + "45f21/"]),
    q("noordoostpolder", "municipality", "gemeenten/noordoostpolder/", [FL + "45f31/"]),
    q("Rijswijk", "municipality", "gemeenten/rijswijk/", [HL + "54002/"]),
    # typos (one edit for 4-7 letters, two from 8)
    q("pleegzrg", "typo", ZL + "35100/"),
    q("dislexie", "typo", present=[ZL + "34100/", ZL + "40100/"]),
    q("gezinhuis", "typo", ZL + "61110/"),
    q("respijtzrog", "typo", ZL + "62100/"),
    q("ouderbegeleidingstrajekt", "typo", HL + "ouderbegeleidingstraject/"),
    q("medicatiekontrole", "typo", ZL + "831mc/"),
    q("Lelystat", "typo", "gemeenten/lelystad/", [FL + "45f34/"]),
    q("Wesland", "typo", "gemeenten/westland/", [HL + "41c01/"]),
    # word forms and compounds
    q("ouders", "word form", HL + "ouderbegeleidingstraject/"),
    q("gezinshuizen", "word form", ZL + "61110/"),
    q("zelfstandig", "word form", ZL + "61210/"),
    q("intensieve behandeling", "word form", present=[ZL + "83400/", FL + "45f34/"]),
    q("systeembegeleiding", "compound", present=[HL + "duurzame-systeembegeleiding/", HL + "kortdurende-systeembegeleiding/"]),
    q("zorg", "compound", present=[ZL + "35100/", ZL + "62100/"]),
    q("huis", "compound", ZL + "61110/"),
]
