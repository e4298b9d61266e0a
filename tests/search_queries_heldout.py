"""A second held-out-style query set, written from the source documents before any tuning against it.

Written for issue 27 by reading /work/shared/seeds/ (the five texts in data/bronnen/) for what a professional
at a municipal access point would type, in the classes the issue names, without running the searches first:
staff-registration abbreviations, abbreviations (with "&" and with digits), Dutch compounds whose halves are
on a page and halves of printed compounds, care settings named in descriptions, questions typed as sentences,
municipality names (with hyphenation variants), plurals and diminutives, typos, words with and without
diacritics, hyphenation variants ("18+", "ggz-aanbieders", "co-morbiditeit"), and a question no product answers.

None of these queries is in tests/search_queries.py (QUERIES or PROFESSIONAL). The expected pages
are those whose source passage prints the words or says what the question asks (checked against the data, not
against search results). The set is a yardstick for the classes: fixes go to the engine's handling of a class,
never to these examples (no synonym, stop word or weight added for one of them).

Same class as the other sets: search_queries.Query.
"""

from __future__ import annotations

from search_queries import Query, q

ZL, FL, HL = "zuid-limburg/", "flevoland/", "haaglanden/"

QUERIES: list[Query] = [
    # staff registration, as printed in functie-eisen and kwaliteitseisen
    q("geregistreerd bij SKJ", "registration", present=[ZL + "92100/", ZL + "92200/", ZL + "92300/"], top=5),
    q("VOG gezinshuisouders", "registration", ZL + "61110/"),
    q("hbo+ systeemtherapeut", "registration", present=[FL + "45f33/", FL + "45f34/"], top=8),
    # abbreviations as printed: with "&", with digits, capitals
    q("therapeutische begeleiding J&O", "ampersand", present=[ZL + "83100/"], top=3),
    q("1G1P", "abbreviation", present=[ZL + "83100/", ZL + "35100/"]),
    q("MKD", "abbreviation", present=[ZL + "80110/", ZL + "80320/"]),
    q("HIC", "abbreviation", ZL + "61240/"),
    # compounds: halves of a printed compound, a compound of printed halves, a part of a printed compound
    q("crisis opvang", "compound", present=[ZL + "61110/"], top=5),
    q("buiten kantoortijden", "compound", HL + "opvoedhulp-ernstige-opvoedproblematiek/"),
    q("pleegzorgbegeleiding", "compound", present=[ZL + "35100/", ZL + "35200/"], top=3),
    q("woonvorm", "compound", present=[ZL + "61110/", ZL + "61210/"], top=5),
    q("groepstherapie", "compound", present=[ZL + "80110/"], top=10),
    # care settings named in descriptions
    q("gesloten setting", "setting", present=[ZL + "61230/", ZL + "61240/"], top=3),
    q("naschoolse dagbehandeling", "setting", present=[ZL + "80110/", ZL + "80320/"], top=6),
    q("klinische opname", "setting", HL + "54002/"),
    # questions typed as sentences
    q("wat als een jongere niet meer thuis kan wonen", "sentence", present=[ZL + "61210/"], top=5),
    q("hoeveel kinderen kunnen er in een gezinshuis wonen", "sentence", ZL + "61110/"),
    q("welke code geef ik af voor het oudste kind in een gezin", "sentence",
      present=[HL + "systeemproducten-dummycode/"], top=5),
    q("wat te doen bij huiselijk geweld", "sentence", present=[ZL + "51400/", ZL + "51500/"], top=5),
    # municipalities, also with a hyphen and with other words
    q("groepsbegeleiding Wassenaar", "municipality", "gemeenten/wassenaar/", present=[HL + "groepsbegeleiding/"]),
    q("Noord-Oostpolder", "municipality", "gemeenten/noordoostpolder/", present=[FL + "45f31/"]),
    q("lelystad gezin intensief", "municipality", "gemeenten/lelystad/", present=[FL + "45f34/"], top=3),
    # plurals, singulars and diminutives
    q("eetstoornis", "word form", HL + "54002/"),
    q("logeerweekend", "word form", ZL + "62100/"),
    q("pleegkindje", "word form", present=[ZL + "35100/", ZL + "35200/"], top=3),
    # typos and diacritics
    q("ortopedagoog", "typo", present=[FL + "45f11/"]),
    q("discalculie", "typo", present=[ZL + "84110/"]),
    q("suicidaliteit", "diacritics", HL + "54002/"),
    q("geindiceerde dagbesteding", "diacritics", present=[FL + "45f33/"], top=8),
    # hyphenation variants
    q("18+ voorzieningen", "hyphenation", present=[ZL + "61210/", ZL + "61240/"], top=4),
    q("ggz-aanbieders", "hyphenation", present=[ZL + "80110/", ZL + "83110/"]),
    q("comorbiditeit", "hyphenation", present=[ZL + "34100/", ZL + "61230/", ZL + "92100/"]),
    # nothing fits: say so
    q("schuldhulpverlening", "no answer", nothing=True),
]
