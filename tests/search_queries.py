"""What a professional types, and what must come back: the query sets for both searches, one class.

Each query names what must be the first result (``first``: a page, site-relative), what must be
among the results (``present``), and what must not (``absent``); optionally:
- ``top``: "present" must be among the first ``top`` results (default: anywhere in the list);
- ``at_most``: the list shows at most this many results (a generic word must not list every page);
- ``nothing``: no product fits, and the search says so plainly.
Municipality queries expect the municipality's page first. Judged by tests/search_node.py ``verdict``.

Two sets:
- ``QUERIES``: 50 queries by kind (codes, names, synonyms, municipalities, typos, word forms); every one
  must pass in both searches (tests/test_search_queries.py in Chromium, tests/test_search_professional.py
  in the engine) and benchmarks/search_quality.py reports them;
- ``PROFESSIONAL``: 52 queries as a professional at the municipal access point types them, written (issue 27)
  from /work/shared/seeds/ before the engine was tuned, by reading the sources for the words they print:
  staff-registration abbreviations, abbreviations with "&", Dutch compounds whose halves are on a page (and
  halves of a printed compound), care settings named in descriptions, questions typed as sentences,
  municipality names, generic words and words nothing answers. The expected products are those whose
  source passage prints the words (or says what the question asks). Kept apart from ``QUERIES`` so that
  the engine is not taught it.
The held-out set (tests/search_queries_heldout.py) is another file, written by another hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Query:
    query: str
    kind: str
    first: str | None = None
    present: frozenset[str] = field(default_factory=frozenset)
    absent: frozenset[str] = field(default_factory=frozenset)
    top: int | None = None
    at_most: int | None = None
    nothing: bool = False


def q(query: str, kind: str, first: str | None = None, present=(), absent=(), top=None, at_most=None,
      nothing=False) -> Query:
    return Query(query, kind, first, frozenset(present), frozenset(absent), top, at_most, nothing)


ZL, FL, HL = "zuid-limburg/", "flevoland/", "haaglanden/"
QUERIES: list[Query] = [
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

HL_JO = [HL + "opvoedhulp-ernstige-opvoedproblematiek/", HL + "systeemproducten-dummycode/"]

PROFESSIONAL: list[Query] = [
    # staff registration and levels, as printed in staff mixes and functieprofielen
    q("SKJ", "registration", present=[HL + "groepsbegeleiding/", HL + "opvoedhulp-ernstige-opvoedproblematiek/",
                                      FL + "45f32/", FL + "45f21/"]),
    q("skj-registratie", "registration", present=[FL + "45f21/", FL + "45f22/", FL + "45f23/"]),
    q("BIG-registratie", "registration", FL + "45f32/"),
    q("big", "registration", FL + "45f32/"),
    q("hbo skj", "registration", present=[HL + "kortdurende-systeembegeleiding/", HL + "duurzame-systeembegeleiding/"]),
    q("mbo niveau 3", "registration", present=[HL + "groepsbegeleiding/", HL + "ouderbegeleidingstraject/"], top=5),
    q("GZ-psycholoog", "registration", present=[FL + "45f11/", FL + "45f34/"]),
    q("gedragswetenschapper", "registration", present=[FL + "45f21/", FL + "45f23/"]),
    # abbreviations printed in the sources, with "&" as printed
    q("J&O", "ampersand", present=HL_JO),
    q("j&o", "ampersand", present=HL_JO),
    q("jeugd & opvoedhulp", "ampersand", present=[HL + "opvoedhulp-ernstige-opvoedproblematiek/"], top=5),
    q("Eenheid & tarief PxQ", "ampersand", present=[FL + "45f11/", FL + "45f34/"]),
    q("PxQ", "abbreviation", present=[FL + "45f11/", FL + "45f33/", FL + "45f34/"]),
    q("LVB", "abbreviation", ZL + "35200/", present=[HL + "duurzame-individuele-begeleiding/"]),
    q("ASS", "abbreviation", present=[HL + "duurzame-individuele-begeleiding/"]),
    q("IMH", "abbreviation", HL + "54002/"),
    q("HALT", "abbreviation", FL + "45f34/"),
    q("NJI", "abbreviation", present=[FL + "45f34/", HL + "54002/"]),
    q("POH", "abbreviation", present=[ZL + "84110/"]),
    # compounds: the query's parts are on the page, or the query is a part of a printed compound
    q("gezinsbehandeling", "compound", present=[FL + "45f33/", FL + "45f34/"], top=5),
    q("groepsbehandeling", "compound", present=[FL + "45f32/", ZL + "80110/"]),
    q("gezinsbegeleiding", "compound", present=[FL + "45f23/"], top=5),
    q("medicijncontrole", "compound", ZL + "831mc/"),
    q("verblijfszorg", "compound", present=[ZL + "61240/"], top=5),
    q("pleeggezinnen", "compound", present=[ZL + "35100/", ZL + "35200/"]),
    q("ouderbegeleiding", "compound", HL + "ouderbegeleidingstraject/"),
    q("opvoedproblematiek", "compound", HL + "opvoedhulp-ernstige-opvoedproblematiek/"),
    q("begeleiding in groepsverband", "compound", present=[FL + "45f22/"], top=5),
    # care settings named in descriptions
    q("slapende wacht", "setting", ZL + "61220/"),
    q("open setting", "setting", present=[ZL + "61210/", ZL + "61220/"], top=5),
    q("buiten schooltijden", "setting", HL + "groepsbegeleiding/"),
    q("thuissituatie", "setting", present=[ZL + "84110/"]),
    q("eigen leefomgeving", "setting", present=[FL + "45f33/", FL + "45f34/"]),
    q("overnachtingen", "setting", ZL + "62100/"),
    q("24/7 bereikbaarheid", "setting", FL + "45f34/"),
    q("bereikbaarheidsdienst", "setting", ZL + "61210/"),
    # questions typed as sentences
    q("welke hulp is er voor een gezin met schulden", "sentence", present=[FL + "45f23/", FL + "45f33/"], top=10),
    q("hulp bij ernstige eetstoornissen", "sentence", HL + "54002/"),
    q("behandeling van jonge kinderen met psychiatrische problematiek", "sentence", present=[HL + "54002/"], top=5),
    q("wat te doen bij dreigende uithuisplaatsing", "sentence",
      present=[HL + "opvoedhulp-ernstige-opvoedproblematiek/"], top=5),
    q("jongere met problematisch middelengebruik en crimineel gedrag", "sentence", FL + "45f34/"),
    q("begeleide omgang na een echtscheiding", "sentence", present=[ZL + "51400/", ZL + "51500/"], top=5),
    q("code voor een gezin met meer jeugdigen", "sentence", present=[HL + "systeemproducten-dummycode/"], top=5),
    q("kind met dyslexie", "sentence", present=[ZL + "34100/", ZL + "40100/"], top=3),
    q("logeren om ouders te ontlasten", "sentence", ZL + "62100/"),
    # municipalities
    q("Dronten", "municipality", "gemeenten/dronten/", present=[FL + "45f11/", FL + "45f34/"]),
    q("Wassenaar", "municipality", "gemeenten/wassenaar/"),
    q("gemeente Almere", "municipality", "gemeenten/almere/", present=[FL + "45f21/"]),
    # generic words: not thirty pages ranked by noise
    q("hulp", "generic", at_most=10),
    q("jeugdhulp", "generic", at_most=10),
    # nothing fits: say so
    q("zwemles", "no answer", nothing=True),
    q("rijbewijs halen", "no answer", nothing=True),
]
