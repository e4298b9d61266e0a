"""Queries as a professional at the municipal access point types them, written from the source documents.

Written (issue 27) from /work/shared/seeds/ before the engine was tuned, by reading the sources for the
words they print: staff-registration abbreviations, abbreviations with "&", Dutch compounds whose halves
are on a page (and halves of a printed compound), care settings named in descriptions, questions typed as
sentences, municipality names, generic words and words nothing answers. The expected products are those
whose source passage prints the words (or says what the question asks). The 50 queries of
tests/search_queries.py stay as they are; this set is kept apart so that the engine is not taught it.

Fields as in search_queries.Q, plus:
- ``top``: "present" must be among the first ``top`` results (default: anywhere in the list);
- ``at_most``: the list shows at most this many results (a generic word must not list every page);
- ``nothing``: no product fits, and the search says so plainly.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class P:
    query: str
    kind: str
    first: str | None = None
    present: frozenset[str] = field(default_factory=frozenset)
    absent: frozenset[str] = field(default_factory=frozenset)
    top: int | None = None
    at_most: int | None = None
    nothing: bool = False


def p(query: str, kind: str, first: str | None = None, present=(), absent=(), top=None, at_most=None,
      nothing=False) -> P:
    return P(query, kind, first, frozenset(present), frozenset(absent), top, at_most, nothing)


ZL, FL, HL = "zuid-limburg/", "flevoland/", "haaglanden/"
HL_JO = [HL + "opvoedhulp-ernstige-opvoedproblematiek/", HL + "systeemproducten-dummycode/"]

QUERIES: list[P] = [
    # staff registration and levels, as printed in staff mixes and functieprofielen
    p("SKJ", "registration", present=[HL + "groepsbegeleiding/", HL + "opvoedhulp-ernstige-opvoedproblematiek/",
                                      FL + "45f32/", FL + "45f21/"]),
    p("skj-registratie", "registration", present=[FL + "45f21/", FL + "45f22/", FL + "45f23/"]),
    p("BIG-registratie", "registration", FL + "45f32/"),
    p("big", "registration", FL + "45f32/"),
    p("hbo skj", "registration", present=[HL + "kortdurende-systeembegeleiding/", HL + "duurzame-systeembegeleiding/"]),
    p("mbo niveau 3", "registration", present=[HL + "groepsbegeleiding/", HL + "ouderbegeleidingstraject/"], top=5),
    p("GZ-psycholoog", "registration", present=[FL + "45f11/", FL + "45f34/"]),
    p("gedragswetenschapper", "registration", present=[FL + "45f21/", FL + "45f23/"]),
    # abbreviations printed in the sources, with "&" as printed
    p("J&O", "ampersand", present=HL_JO),
    p("j&o", "ampersand", present=HL_JO),
    p("jeugd & opvoedhulp", "ampersand", present=[HL + "opvoedhulp-ernstige-opvoedproblematiek/"], top=5),
    p("Eenheid & tarief PxQ", "ampersand", present=[FL + "45f11/", FL + "45f34/"]),
    p("PxQ", "abbreviation", present=[FL + "45f11/", FL + "45f33/", FL + "45f34/"]),
    p("LVB", "abbreviation", ZL + "35200/", present=[HL + "duurzame-individuele-begeleiding/"]),
    p("ASS", "abbreviation", present=[HL + "duurzame-individuele-begeleiding/"]),
    p("IMH", "abbreviation", HL + "54002/"),
    p("HALT", "abbreviation", FL + "45f34/"),
    p("NJI", "abbreviation", present=[FL + "45f34/", HL + "54002/"]),
    p("POH", "abbreviation", present=[ZL + "84110/"]),
    # compounds: the query's parts are on the page, or the query is a part of a printed compound
    p("gezinsbehandeling", "compound", present=[FL + "45f33/", FL + "45f34/"], top=5),
    p("groepsbehandeling", "compound", present=[FL + "45f32/", ZL + "80110/"]),
    p("gezinsbegeleiding", "compound", present=[FL + "45f23/"], top=5),
    p("medicijncontrole", "compound", ZL + "831mc/"),
    p("verblijfszorg", "compound", present=[ZL + "61240/"], top=5),
    p("pleeggezinnen", "compound", present=[ZL + "35100/", ZL + "35200/"]),
    p("ouderbegeleiding", "compound", HL + "ouderbegeleidingstraject/"),
    p("opvoedproblematiek", "compound", HL + "opvoedhulp-ernstige-opvoedproblematiek/"),
    p("begeleiding in groepsverband", "compound", present=[FL + "45f22/"], top=5),
    # care settings named in descriptions
    p("slapende wacht", "setting", ZL + "61220/"),
    p("open setting", "setting", present=[ZL + "61210/", ZL + "61220/"], top=5),
    p("buiten schooltijden", "setting", HL + "groepsbegeleiding/"),
    p("thuissituatie", "setting", present=[ZL + "84110/"]),
    p("eigen leefomgeving", "setting", present=[FL + "45f33/", FL + "45f34/"]),
    p("overnachtingen", "setting", ZL + "62100/"),
    p("24/7 bereikbaarheid", "setting", FL + "45f34/"),
    p("bereikbaarheidsdienst", "setting", ZL + "61210/"),
    # questions typed as sentences
    p("welke hulp is er voor een gezin met schulden", "sentence", present=[FL + "45f23/", FL + "45f33/"], top=10),
    p("hulp bij ernstige eetstoornissen", "sentence", HL + "54002/"),
    p("behandeling van jonge kinderen met psychiatrische problematiek", "sentence", present=[HL + "54002/"], top=5),
    p("wat te doen bij dreigende uithuisplaatsing", "sentence",
      present=[HL + "opvoedhulp-ernstige-opvoedproblematiek/"], top=5),
    p("jongere met problematisch middelengebruik en crimineel gedrag", "sentence", FL + "45f34/"),
    p("begeleide omgang na een echtscheiding", "sentence", present=[ZL + "51400/", ZL + "51500/"], top=5),
    p("code voor een gezin met meer jeugdigen", "sentence", present=[HL + "systeemproducten-dummycode/"], top=5),
    p("kind met dyslexie", "sentence", present=[ZL + "34100/", ZL + "40100/"], top=3),
    p("logeren om ouders te ontlasten", "sentence", ZL + "62100/"),
    # municipalities
    p("Dronten", "municipality", "gemeenten/dronten/", present=[FL + "45f11/", FL + "45f34/"]),
    p("Wassenaar", "municipality", "gemeenten/wassenaar/"),
    p("gemeente Almere", "municipality", "gemeenten/almere/", present=[FL + "45f21/"]),
    # generic words: not thirty pages ranked by noise
    p("hulp", "generic", at_most=10),
    p("jeugdhulp", "generic", at_most=10),
    # nothing fits: say so
    p("zwemles", "no answer", nothing=True),
    p("rijbewijs halen", "no answer", nothing=True),
]
