"""The transcribed sources: concrete values from the documents, so a lost product or a changed value fails."""

from __future__ import annotations

import pytest

from conftest import ROOT
from macros.catalogue.loader import load_catalogue
from macros.model import notes_about
from macros.model.sourced import quote_of, reason_of, state_of, value_of
from macros.text import quantity_text

SOURCES = ROOT / "data" / "bronnen"


@pytest.fixture(scope="module")
def cat():
    return load_catalogue(ROOT / "data")


def test_products_per_region(cat):
    count = {r: len(cat.products_of(r)) for r in cat.regios}
    assert count == {"flevoland": 8, "zuid-limburg": 51, "haaglanden": 10, "foodvalley": 0}


def test_flevoland(cat):
    codes = sorted(p.code for p in cat.products_of("flevoland"))
    assert codes == ["45F11", "45F21", "45F22", "45F23", "45F31", "45F32", "45F33", "45F34"]
    p = cat.product("flevoland/45f34")
    assert quantity_text(p.normenkader.max_duur) == "9 maanden"
    assert value_of(p.gemeenten) == ["Almere", "Dronten", "Lelystad", "Noordoostpolder", "Urk"]
    assert quote_of(p.gemeenten) == "Almere, Dronten, Lelystad, Noordoostpolder en Urk"
    assert "1 financiering per gezin" in p.eenheid.toelichting and p.eenheid.soort == "PxQ"
    p21 = cat.product("flevoland/45f21")
    assert value_of(p21.gemeenten) == ["Almere", "Dronten", "Noordoostpolder", "Urk"]
    assert quote_of(p21.gemeenten) == "Almere , Dronten , Noordoostpolder en Urk Alle"  # the remnant, as printed
    assert any("Alle" in o for o in notes_about(p21, "gemeenten"))  # and the ambiguity goes with the value
    # the document states no status; the tariff cell is printed blank after "Eenheid & tarief PxQ"
    assert state_of(p.status) == "niet-vermeld" and state_of(p.tarief) == "leeg"
    assert state_of(cat.regios["flevoland"].bronnen[0].status) == "niet-vermeld"
    # "Trajectduur: Aantal bijeenkomsten nader te bepalen" says there is no maximum yet
    group = cat.product("flevoland/45f22").normenkader.max_duur
    assert state_of(group) == "nader-te-bepalen" and quote_of(group) == "Aantal bijeenkomsten nader te bepalen"
    assert {d.term for d in cat.regios["flevoland"].definities} >= {"Basis begeleiding", "Specialistische begeleiding", "Behandeling"}
    assert cat.product("flevoland/45f22").groepsgrootte.startswith("Een maximum van 12 jeugdigen")
    # no source says Flevoland's codes follow the national iJw categories (JZ020): no category label
    assert state_of(cat.regios["flevoland"].codes_volgen_jz020) == "niet-vermeld" and cat.ijw_category(p) is None


def test_zuid_limburg_code_table(cat):
    table = cat.codetabellen["zuid-limburg"]
    assert table.edities == ["2019", "2020"] and len(table.regels) == 44
    dbc = next(r for r in table.regels if r.product == "behandeling-dbc")
    assert all(e.vervalt and e.code is None for e in dbc.edities.values())
    dbc = cat.product("zuid-limburg/behandeling-dbc").status
    assert value_of(dbc) == "vervallen" and quote_of(dbc) == "Vervalt"  # the code column prints 'Vervalt'
    # the appendix states no status for its arrangements, and names no municipalities
    assert all(state_of(p.status) == "niet-vermeld" for p in cat.products_of("zuid-limburg") if p.id != "behandeling-dbc")
    assert all(state_of(p.gemeenten) == "afgeleid" and reason_of(p.gemeenten) for p in cat.products_of("zuid-limburg"))
    for line in table.regels:  # the rows are the same in both years
        assert line.edities["2019"] == line.edities["2020"]


def test_zuid_limburg_arrangements(cat):
    assert quantity_text(cat.product("zuid-limburg/84110").normenkader.max_duur) == "1 t/m 6 maanden"
    assert quantity_text(cat.product("zuid-limburg/84120").normenkader.max_duur) == "7 t/m 12 maanden"
    maatwerk = cat.product("zuid-limburg/84410")
    assert maatwerk.eenheid.soort == "uur" and maatwerk.tarief.bedrag is None and maatwerk.tarief.per == "uur"
    text = " ".join([maatwerk.inzet or "", *maatwerk.eisen, *(str(o) for o in maatwerk.opmerkingen)])
    assert "15 uur" in text and "400 uur" in text and "toestemming" in text
    assert quantity_text(cat.product("zuid-limburg/85110").normenkader.max_duur) == "1 t/m 4 maanden"
    logeren = cat.product("zuid-limburg/62100")
    assert logeren.eenheid.soort == "etmaal" and "overnachting" in logeren.eenheid.toelichting
    assert quantity_text(logeren.normenkader.max_volume) == "2 overnachtingen per week"
    assert cat.product("zuid-limburg/51500").naam == "BOR Rechtbank" and cat.product("zuid-limburg/51400").naam == "BOR Vrijwillig"
    dyslexie = cat.product("zuid-limburg/34100")
    assert any(s.soort == "niet-samen" and "zuid-limburg/83110" in s.producten for s in dyslexie.samenloop)
    for code in ["90100", "90200", "90300"]:
        assert cat.product(f"zuid-limburg/{code}").eenheid.soort == "uur"
    # twelve begeleiding cells print only "84110 €": no unit, a blank tariff, and a note that says so
    for code in ["84110", "84120", "84210", "84220", "84310", "84320", "85110", "85120", "85210", "85220", "85310", "85320"]:
        p = cat.product(f"zuid-limburg/{code}")
        assert state_of(p.eenheid) == "niet-vermeld" and state_of(p.tarief) == "leeg", code
        assert quote_of(p.tarief).startswith(f"{code} €") and notes_about(p, "eenheid"), code


def test_zuid_limburg_matrices(cat):
    matrices = {m.id: m for m in cat.matrices["zuid-limburg"]}
    assert set(matrices) == {"begeleiding-individueel", "begeleiding-groep", "behandeling-individueel", "behandeling-groep"}
    bi = matrices["begeleiding-individueel"]
    cell = {(c.rij, c.kolom): c.product for c in bi.cellen}
    assert cell[("laag", "kort")] == "84110" and cell[("hoog", "lang")] == "84320" and cell[("maatwerk", None)] == "84410"
    assert [k.duur.tekst for k in bi.kolommen if k.duur] and bi.kolommen[0].duur.waarde == 6
    criteria = {c.criterium for c in bi.criteria}
    assert any("Doelgroep" in c for c in criteria) and any("Contactmomenten" in c for c in criteria)
    bg = matrices["begeleiding-groep"]
    assert bg.kolommen[0].duur.waarde == 4 and bg.kolommen[1].duur.minimum == 5
    beh = {c.product for c in matrices["behandeling-individueel"].cellen}
    assert {"831mc", "83100", "83400", "83110", "83320"} <= beh


def test_client_profiles(cat):
    text = " ".join(s.tekst for s in cat.secties["zuid-limburg"])
    for profile in ["LAAG", "MIDDEN", "HOOG"]:
        assert profile in text


def test_haaglanden(cat):
    p = cat.product("haaglanden/41c01")
    assert quantity_text(p.normenkader.max_volume) == "52 dagdelen" and quantity_text(p.normenkader.max_duur) == "52 weken"
    assert "80%" in p.normenkader.basis and "Westland" in p.normenkader.basis
    p = cat.product("haaglanden/45c09")
    assert quantity_text(p.normenkader.max_volume) == "78 uur" and quantity_text(p.normenkader.max_duur) == "26 weken"
    p = cat.product("haaglanden/54002")
    assert p.normenkader.soort == "richtinggevend-kader" and len(p.normenkader.uitzonderingsgronden) == 5
    # no source names a municipality or a status for any Haaglanden product
    for q in cat.products_of("haaglanden"):
        assert state_of(q.gemeenten) == "niet-vermeld", q.ref
        assert state_of(q.status) in ("niet-vermeld", "afgeleid"), q.ref
    assert quantity_text(p.normenkader.max_volume) == "48 uur" and quantity_text(p.normenkader.max_duur) == "12 maanden"
    frames = {k.soort: k for k in cat.regios["haaglanden"].kaders}
    assert "80e percentiel" in " ".join(frames["richtinggevend-kader"].uitgangspunten).replace("^", "")


def test_new_structure_concept_with_inferred_region(cat):
    doc = next(b for b in cat.regios["haaglanden"].bronnen if b.document.startswith("000_"))
    assert state_of(doc.status) == "afgeleid" and value_of(doc.status) == "concept" and reason_of(doc.status)
    assert doc.toeschrijving and "afgeleid" in doc.toeschrijving.lower()
    group = cat.product("haaglanden/groepsbegeleiding")
    assert state_of(group.status) == "afgeleid" and value_of(group.status) == "concept" and group.code is None
    assert [(n.niveau, n.aandeel) for n in group.functiemix.niveaus] == [("HBO", 50), ("MBO 3", 49.5), ("WO", 0.5)]
    assert "8" in group.groepsgrootte and any("6 km" in e for e in group.eisen)
    dummy = cat.product("haaglanden/systeemproducten-dummycode")
    assert "oudste" in value_of(dummy.omschrijving) and "jongste" in value_of(dummy.omschrijving)
    assert state_of(dummy.tarief) == "geen" and quote_of(dummy.tarief) == "Code zonder tarief"  # stated, not blank
    opvoed = cat.product("haaglanden/opvoedhulp-ernstige-opvoedproblematiek")
    assert [(n.niveau, n.aandeel) for n in opvoed.functiemix.niveaus] == [("HBO", 90), ("WO", 10)]


def test_foodvalley_route_without_products(cat):
    assert cat.products_of("foodvalley") == []
    text = " ".join(s.tekst for s in cat.secties["foodvalley"])
    for step in ["Vraagstelling", "Vraagverheldering", "Vraagduiding/vraaganalyse", "Vraagbemiddeling"]:
        assert step in text
    for word in ["opvoedingscrisis", "familiegroepsplan", "behandelplan", "beschikking"]:
        assert word in text


def test_every_value_is_traceable_to_a_source_document(cat):
    """Runs in every clone: the source documents are in data/bronnen/, and every reference names one of them
    and a section that exists in it (the loader resolves every section; see test_provenance.py for content)."""
    sources = {p.name for p in SOURCES.glob("*.txt")}
    assert len(sources) == 5 and set(cat.bronnen) == sources
    refs = [b for p in cat.producten.values() for b in [p.bron, *p.aanvullende_bronnen]]
    refs += [b for tree in cat.beslisbomen.values() for b in [tree.bron, *tree.aanvullende_bronnen]]
    refs += [s.bron for listing in cat.secties.values() for s in listing]
    for source in refs:
        assert source.document in sources and cat.bronnen[source.document].section(source.sectie) is not None, source
    for region in cat.regios.values():
        assert {b.document for b in region.bronnen} <= sources


def test_synonyms_from_no_source_are_marked_editorial(cat):
    by_term = {s.term: s for s in cat.synoniemen}
    assert by_term["IB"].bron is None and "redactie" in by_term["IB"].redactie
    assert by_term["BOR"].bron.citaat == "Begeleide omgangsregeling (BOR)"


def test_blank_tariffs_stay_visibly_blank(built_site):
    html = (built_site / "zuid-limburg/84110/index.html").read_text(encoding="utf-8")
    assert "niet gepubliceerd in de bron" in html
