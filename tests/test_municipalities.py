"""The one municipality list of the catalogue (issue 16): stable slugs, no empty slug, no collision,
one municipality in two regions listing both regions' products, names with quotes."""

from __future__ import annotations

import pytest

from conftest import ROOT
from helpers import PRODUCT, REGION, errors_of, minimal_data, write
from macros.catalogue.loader import load_catalogue
from macros.text import slug


def second_region(data, municipalities: str, product: bool = True):
    write(data / "regions/andere.yaml", REGION.replace("Testregio", "Andere regio").replace("[Almere, Dronten, Lelystad]", municipalities))
    if product:
        write(data / "products/andere/45a01.yaml", PRODUCT.replace("45F21", "45A01").replace("[Almere, Dronten]", "alle"))


def test_canonical_list_sorted_by_slug(tmp_path):
    cat = load_catalogue(minimal_data(tmp_path))
    assert [(g.naam, g.slug, g.regios, g.url) for g in cat.municipalities] == [
        ("Almere", "almere", ("testregio",), "gemeenten/almere/"),
        ("Dronten", "dronten", ("testregio",), "gemeenten/dronten/"),
        ("Lelystad", "lelystad", ("testregio",), "gemeenten/lelystad/"),
    ]
    assert cat.municipality("dronten").naam == "Dronten"
    with pytest.raises(KeyError):
        cat.municipality("")


def test_municipality_in_two_regions_is_one_with_both_regions_products(tmp_path):
    data = minimal_data(tmp_path)
    second_region(data, "[Almere, Zeewolde]")
    cat = load_catalogue(data)
    almere = cat.municipality("almere")
    assert almere.regios == ("andere", "testregio")  # the catalogue's order of regions (by name)
    per_region = {r.id: [p.ref for p in products] for r, products in cat.products_in(almere)}
    assert per_region == {"andere": ["andere/45a01"], "testregio": ["testregio/45f21", "testregio/45f34"]}
    assert [g.slug for g in cat.municipalities].count("almere") == 1
    assert {r.id: [p.ref for p in ps] for r, ps in cat.products_in(cat.municipality("zeewolde"))} == {"andere": ["andere/45a01"]}


def test_products_limited_to_other_municipalities_are_left_out(tmp_path):
    cat = load_catalogue(minimal_data(tmp_path))
    ((region, products),) = cat.products_in(cat.municipality("lelystad"))
    assert region.id == "testregio" and products == []  # both test products name only Almere and Dronten


def test_names_with_quotes_work(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "regions/testregio.yaml", REGION.replace("[Almere, Dronten, Lelystad]", """["'s-Gravenhage", 'Den "Haag"', Almere, Dronten]"""))
    cat = load_catalogue(data)
    assert cat.municipality("s-gravenhage").naam == "'s-Gravenhage"
    assert cat.municipality("den-haag").naam == 'Den "Haag"'
    assert [p.ref for _, ps in cat.products_in(cat.municipality("den-haag")) for p in ps] == []


def test_name_without_slug_fails_validation(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "regions/testregio.yaml", REGION.replace("Lelystad", "Ωμέγα"))
    errors = [f for f in errors_of(data) if f.line]
    assert len(errors) == 1
    (f,) = errors
    assert (f.file, f.line, f.field) == ("data/regions/testregio.yaml", 2, "gemeenten[3]")
    assert "'Ωμέγα' geeft geen webadres" in f.problem and "Latijnse schrift" in f.fix


def test_name_whose_slug_is_the_index_page_fails(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "regions/testregio.yaml", REGION.replace("Lelystad", "Index"))
    assert any(f.field == "gemeenten[3]" and "gemeenten/index/" in f.problem for f in errors_of(data))


def test_two_names_with_one_slug_in_two_regions_fail(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "regions/testregio.yaml", REGION.replace("Lelystad", "Súdwest-Fryslân"))
    second_region(data, "[Sudwest-Fryslan]", product=False)
    (f,) = errors_of(data)
    assert (f.file, f.line, f.field) == ("data/regions/testregio.yaml", 2, "gemeenten[3]")
    assert "'Súdwest-Fryslân' krijgt hetzelfde webadres (gemeenten/sudwest-fryslan/) als 'Sudwest-Fryslan' in data/regions/andere.yaml" in f.problem


def test_two_spellings_with_one_slug_in_one_region_fail(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "regions/testregio.yaml", REGION.replace("Lelystad", "almere"))
    (f,) = [f for f in errors_of(data) if f.line]
    assert (f.line, f.field) == (2, "gemeenten") and f.problem.endswith("hetzelfde webadres: Almere, almere")


def test_slugs_are_stable():
    assert [slug(n) for n in ("Súdwest-Fryslân", "'s-Hertogenbosch", "Bergen (NH)", "Noardeast-Fryslân")] == [
        "sudwest-fryslan", "s-hertogenbosch", "bergen-nh", "noardeast-fryslan"]


def test_real_data_municipalities():
    cat = load_catalogue(ROOT / "data")
    slugs = [g.slug for g in cat.municipalities]
    assert slugs == sorted(set(slugs)) and all(slugs)
    named = {n for r in cat.regios.values() for n in r.gemeenten}
    assert {g.naam for g in cat.municipalities} == named
    for g in cat.municipalities:
        assert all(g.naam in cat.regios[r].gemeenten for r in g.regios)


def test_municipality_page_lists_both_regions(tmp_path):
    from test_components import Tags

    from macros.components import products as c

    data = minimal_data(tmp_path)
    second_region(data, "[Almere, Zeewolde]")
    cat = load_catalogue(data)
    html = Tags(c.municipality_products(cat, cat.municipality("almere"), root="../../"))
    hrefs = [a["href"] for a in html.all("a")]
    assert hrefs[:2] == ["../../andere/", "../../testregio/"]
    assert {"../../andere/45a01/", "../../testregio/45f21/", "../../testregio/45f34/"} <= set(hrefs)
    assert "gelden volgens de gegevens 3 producten" in html.plain and "Regio Andere regio" in html.plain and "Regio Testregio" in html.plain
    one = Tags(c.municipality_products(cat, cat.municipality("zeewolde"), root="../../"))
    assert "geldt volgens de gegevens 1 product" in one.plain and "Regio Andere regio" not in one.plain
    index = Tags(c.municipality_index(cat, root="../"))
    assert [a["href"] for a in index.all("a")].count("../gemeenten/almere/") == 2  # under both regions, one page


def test_pages_one_per_municipality(tmp_path):
    from macros.site.pages import all_pages

    data = minimal_data(tmp_path)
    second_region(data, "[Almere, Zeewolde]")
    uris = [p.src_uri for p in all_pages(load_catalogue(data)) if p.src_uri.startswith("gemeenten/")]
    assert sorted(uris) == ["gemeenten/almere.md", "gemeenten/dronten.md", "gemeenten/index.md",
                            "gemeenten/lelystad.md", "gemeenten/zeewolde.md"]


def test_built_site_has_one_page_for_a_municipality_in_two_regions(variant_site):
    """The variant site lists Almere in Haaglanden too (tests/helpers.py, variant_data)."""
    site = variant_site.check()
    cat = load_catalogue(variant_site.data)
    expected = {r.id: len(ps) for r, ps in cat.products_in(cat.municipality("almere"))}
    # Haaglanden's source names no municipalities for its products (issue 17): none is said to apply in
    # Almere; they are listed under "Bron noemt geen gemeenten" instead.
    assert set(expected) == {"flevoland", "haaglanden"} and expected["flevoland"] and not expected["haaglanden"]
    unknown = [p for p in cat.products_of("haaglanden") if not cat.scope_stated(p)]
    assert unknown
    html = (site / "gemeenten/almere/index.html").read_text(encoding="utf-8")
    assert 'id="regio-flevoland"' in html and 'id="regio-haaglanden"' in html
    assert f"gelden volgens de gegevens <strong>{sum(expected.values())}</strong> producten" in html
    assert f"Van <strong>{len(unknown)}</strong> producten zegt de bron niet in welke gemeenten" in html
    assert 'id="haaglanden-gemeenten-niet-vermeld"' in html
    assert all(f'href="../../{p.url}"' in html for p in unknown)
    for region_id in expected:
        assert all(f'href="../../{p.url}"' in html for p in cat.products_in_municipality(region_id, "Almere"))
