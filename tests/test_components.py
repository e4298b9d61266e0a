"""Each component (macro) on its own: given catalogue objects, assert its HTML structure and values."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import PRODUCT, minimal_data, write
from macros.catalogue.loader import load_catalogue
from macros.components import products as c


class Tags(HTMLParser):
    """Collects (tag, attrs, text) to assert on structure without a DOM library."""

    def __init__(self, html: str):
        super().__init__()
        self.items: list[tuple[str, dict, str]] = []
        self.text: list[str] = []
        self.feed(str(html))

    def handle_starttag(self, tag, attrs):
        self.items.append((tag, dict(attrs), ""))

    def handle_data(self, data):
        self.text.append(data)

    def all(self, tag: str) -> list[dict]:
        return [a for t, a, _ in self.items if t == tag]

    @property
    def plain(self) -> str:
        return " ".join(" ".join(self.text).split())


@pytest.fixture()
def cat(tmp_path):
    data = minimal_data(tmp_path)
    mix = ("functiemix:\n  niveaus:\n    - {niveau: HBO, registratie: SKJ, aandeel: 50}\n"
           "    - {niveau: MBO 3, aandeel: 49.5}\n    - {niveau: WO, aandeel: 0.5}\n")
    write(data / "products/testregio/45f34.yaml",
          PRODUCT.replace("45F21", "45F34").replace("functiemix: {staat: niet-vermeld}\n", mix)
          .replace("naam: Specialistische Begeleiding – Individueel", "naam: Behandeling – Gezin intensief")
          .replace("12 maanden\", waarde: 12", "9 maanden\", waarde: 9").replace("[Almere, Dronten]", "alle")
          .replace("7. Multidisciplinaire Specialistische Jeugdhulp Specialistische Begeleiding – Individueel",
                   "3. Multidisciplinaire Specialistische Jeugdhulp Behandeling - Gezin intensief"))
    return load_catalogue(data)


def test_product_card_links_and_facts(cat):
    html = Tags(c.product_card(cat, cat.product("testregio/45f21"), root="../"))
    assert [a["href"] for a in html.all("a")] == ["../testregio/45f21/"]
    assert "45F21" in html.plain and "PxQ" in html.plain and "12 maanden" in html.plain
    assert "Testregio" in html.plain


def test_product_table_groups_with_caption_and_scopes(cat):
    html = Tags(c.product_table(cat, cat.products_of("testregio"), root=""))
    assert len(html.all("table")) == 1 and len(html.all("caption")) == 1
    assert all(th.get("scope") in {"col", "row"} for th in html.all("th"))
    assert [a["href"] for a in html.all("a")] == ["testregio/45f21/", "testregio/45f34/"]
    assert html.plain.count("niet vermeld in de bron") == 2  # max volume not mentioned by the source of either


def test_product_facts_show_blanks_and_all_municipalities(cat):
    html = Tags(c.product_facts(cat, cat.product("testregio/45f34"), root="../../"))
    assert "Tarief niet gepubliceerd in de bron" in html.plain
    assert "9 maanden" in html.plain and "Duur van een traject is maximaal 9 maanden" in html.plain
    assert "Alle gemeenten van de regio" in html.plain and "Almere, Dronten, Lelystad" in html.plain
    assert "45 " not in html.plain or "iJw-categorie" in html.plain


def test_staff_mix_draws_bar_only_with_percentages(cat):
    with_shares = Tags(c.staff_mix(cat.product("testregio/45f34")))
    rects = with_shares.all("rect")
    assert [float(r["width"]) for r in rects] == [50, 49.5, 0.5]
    assert [float(r["x"]) for r in rects] == [0, 50, 99.5]
    assert with_shares.all("svg")[0]["aria-hidden"] == "true"  # the numbers are in the text
    assert "HBO (SKJ): 50%" in with_shares.plain and "MBO 3 : 49,5%" in with_shares.plain
    assert c.staff_mix(cat.product("testregio/45f21")) == ""


def test_staff_mix_levels_without_percentages(tmp_path):
    data = minimal_data(tmp_path)
    mix = "functiemix:\n  niveaus:\n    - {niveau: WO}\n    - {niveau: HBO}\n"
    write(data / "products/testregio/45f21.yaml", PRODUCT.replace("functiemix: {staat: niet-vermeld}\n", mix))
    cat = load_catalogue(data)
    html = Tags(c.staff_mix(cat.product("testregio/45f21")))
    assert html.all("svg") == [] and "WO" in html.plain and "zonder percentages" in html.plain


def test_product_page_sections_and_source(cat):
    html = Tags(c.product_page(cat, cat.product("testregio/45f21"), root="../../"))
    ids = [h.get("id") for h in html.all("h2")]
    assert ids[:3] == ["omschrijving", "doelgroep", "functiemix"] and ids[-1] == "bron"
    assert "002_b4979bd38850de40.txt" in html.plain
    assert "7. Multidisciplinaire Specialistische Jeugdhulp Specialistische Begeleiding – Individueel" in html.plain
    # the source line links to its section on the document's page
    assert "../../bronnen/002_b4979bd38850de40/#7-multidisciplinaire-specialistische-jeugdhulp-specialistische-begeleiding-individueel" in [a["href"] for a in html.all("a")]
    assert "data/products/testregio/45f21.yaml" in html.plain
    hrefs = [a["href"] for a in html.all("a")]
    assert "../../vergelijken/?p=testregio/45f21" in hrefs and "../../testregio/" in hrefs


def test_region_overview_links_municipalities_and_products(cat):
    html = Tags(c.region_overview(cat, cat.regios["testregio"], root="../"))
    hrefs = [a["href"] for a in html.all("a")]
    assert "../gemeenten/lelystad/" in hrefs and "../testregio/45f34/" in hrefs
    assert "Brondocumenten" in html.plain and "vastgesteld" in html.plain


def test_region_overview_links_its_decision_trees():
    """A region page links the trees of that region (and only those)."""
    from conftest import ROOT

    cat = load_catalogue(ROOT / "data")
    for region_id, region in cat.regios.items():
        hrefs = {a["href"] for a in Tags(c.region_overview(cat, region, root="../")).all("a")}
        trees = {f"../{b.url}" for b in cat.beslisbomen.values() if b.regio == region_id}
        others = {f"../{b.url}" for b in cat.beslisbomen.values() if b.regio != region_id}
        assert trees <= hrefs and not others & hrefs, region_id
    assert any(b.regio == "zuid-limburg" for b in cat.beslisbomen.values())


def test_municipality_view_leaves_out_products_of_other_municipalities(cat):
    html = Tags(c.municipality_products(cat, cat.municipality("lelystad"), root="../../"))
    table_links = [a["href"] for a in html.all("a")]
    assert "../../testregio/45f34/" in table_links  # 'alle'
    assert "geldt volgens de gegevens 1 product" in html.plain and "gelden" not in html.plain.split(".")[0]  # singular
    assert "Volgens de bron niet in deze gemeente" in html.plain  # 45F21 is for Almere and Dronten only
    assert "gelden volgens de gegevens 2 producten" in Tags(c.municipality_products(cat, cat.municipality("almere"), root="../../")).plain


def test_data_quality_counts_blank_fields(cat):
    html = Tags(c.data_quality(cat))
    row = list(html.plain.split("Testregio"))[1]
    # products; productgroep, status, gemeenten, omschrijving, doel, doelgroep, eenheid, tarief, normenkader,
    # functiemix; notes
    assert row.split()[:12] == ["2", "0", "0", "0", "0", "2", "2", "0", "2", "0", "1", "0"]
    assert " bij 2 van 2" not in html.plain  # the summary counts; the region's own page lists
    region = next(r for r, x in cat.regios.items() if x.naam == "Testregio")
    assert f'href="{region}/datakwaliteit/"' in str(c.data_quality(cat))
    own = Tags(c.data_quality(cat, region_id=region)).plain
    assert "niet vermeld in de bron bij 2 van 2" in own and "niet gepubliceerd in de bron bij 2 van 2" in own


def test_markdown_fast_path_matches_python_markdown():
    """Plain text skips Python-Markdown; the output must be identical (after sanitising) for every text
    field of the real data."""
    from conftest import ROOT
    from macros.components import richtext
    from macros.model import note_text
    from macros.model.sourced import value_of

    full = richtext._MD
    cat = load_catalogue(ROOT / "data")
    texts = ["Een zin.", "Twee\nregels.", "- lijst", "1. eerste", "**vet**", "a & b", "tekst  \nbreuk", "x\n\ny",
             "\"aanhalingstekens\" en 'enkele'",
             # paragraphs between blank lines (the fast path for plain ones) and what must not take it
             "Een & twee.\n\nDrie", "a\nb\n\nc d\n\n\n\ne", "x\n \ny", "a\n\t\nb", "a  \n\nb", "a \n\nb",
             "p1\n  vervolg\n\np2", "a\n\n\tb", "a\n\n    b", "a\n\n- b", "a\n\n1) b", "a\n\nKop\n===",
             "a\n\nKop\n---", "Kop\n---", "a\n\n# b", "a\r\n\r\nb", "a\xa0b", "a\n\n\xa0b", "a\x00b"]
    for p in cat.producten.values():
        texts += [t for t in (value_of(p.omschrijving), value_of(p.doel), value_of(p.doelgroep), p.inzet, p.voorspelbaarheid) if t]
        texts += [*p.resultaten, *p.eisen, *p.uitsluitingen, *(note_text(o) for o in p.opmerkingen)]
    for text in texts:
        slow = richtext.sanitise(full.reset().convert(text.strip("\n")))
        assert richtext.to_html(text) == slow, text[:80]


@settings(derandomize=True, max_examples=1500, deadline=None, database=None)
@given(st.text(alphabet=st.sampled_from(list("ab Z9.)-=*+#>\n\n\t\r\xa0 ")), max_size=40).filter(str.strip))
def test_markdown_fast_path_matches_python_markdown_for_any_text(text):
    """Any text of words, spaces, tabs, blank lines and the characters that start a list, a heading, an
    underline or a quote: the fast path (plain paragraphs skip Python-Markdown) shows what Python-Markdown
    and the sanitiser write (white space as a browser collapses it), or leaves the text to them."""
    from macros.components import richtext

    def shown(html: str) -> str:  # as a browser lays it out: white space collapses, and next to a tag goes
        return re.sub(r"\s*(<[^>]+>)\s*", r"\1", re.sub(r"\s+", " ", html)).strip()

    slow = richtext._TABLE.sub(richtext._table_box, richtext.sanitise(richtext._MD.reset().convert(text.strip("\n"))))
    assert shown(richtext.to_html(text)) == shown(slow)
