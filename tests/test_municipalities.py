"""The one municipality list of the catalogue (issue 16): stable slugs, no empty slug, no collision,
one municipality in two regions listing both regions' products, names with quotes."""

from __future__ import annotations

import pytest

from conftest import ROOT
from helpers import PRODUCT, REGIO, minimal_data, write
from macros.catalogue.errors import DataErrors
from macros.catalogue.loader import load_catalogue
from macros.text import slug


def tweede_regio(data, gemeenten: str, product: bool = True):
    write(data / "regions/andere.yaml", REGIO.replace("Testregio", "Andere regio").replace("[Almere, Dronten, Lelystad]", gemeenten))
    if product:
        write(data / "products/andere/45a01.yaml", PRODUCT.replace("45F21", "45A01").replace("[Almere, Dronten]", "alle"))


def errors_of(data):
    with pytest.raises(DataErrors) as exc:
        load_catalogue(data)
    return exc.value.errors


def test_canonical_list_sorted_by_slug(tmp_path):
    cat = load_catalogue(minimal_data(tmp_path))
    assert [(g.naam, g.slug, g.regios, g.url) for g in cat.gemeenten] == [
        ("Almere", "almere", ("testregio",), "gemeenten/almere/"),
        ("Dronten", "dronten", ("testregio",), "gemeenten/dronten/"),
        ("Lelystad", "lelystad", ("testregio",), "gemeenten/lelystad/"),
    ]
    assert cat.gemeente("dronten").naam == "Dronten"
    with pytest.raises(KeyError):
        cat.gemeente("")


def test_municipality_in_two_regions_is_one_with_both_regions_products(tmp_path):
    data = minimal_data(tmp_path)
    tweede_regio(data, "[Almere, Zeewolde]")
    cat = load_catalogue(data)
    almere = cat.gemeente("almere")
    assert almere.regios == ("andere", "testregio")  # the catalogue's order of regions (by name)
    per_regio = {r.id: [p.ref for p in producten] for r, producten in cat.products_in(almere)}
    assert per_regio == {"andere": ["andere/45a01"], "testregio": ["testregio/45f21", "testregio/45f34"]}
    assert [g.slug for g in cat.gemeenten].count("almere") == 1
    assert {r.id: [p.ref for p in ps] for r, ps in cat.products_in(cat.gemeente("zeewolde"))} == {"andere": ["andere/45a01"]}


def test_products_limited_to_other_municipalities_are_left_out(tmp_path):
    cat = load_catalogue(minimal_data(tmp_path))
    ((regio, producten),) = cat.products_in(cat.gemeente("lelystad"))
    assert regio.id == "testregio" and producten == []  # both test products name only Almere and Dronten


def test_names_with_quotes_work(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "regions/testregio.yaml", REGIO.replace("[Almere, Dronten, Lelystad]", """["'s-Gravenhage", 'Den "Haag"', Almere, Dronten]"""))
    cat = load_catalogue(data)
    assert cat.gemeente("s-gravenhage").naam == "'s-Gravenhage"
    assert cat.gemeente("den-haag").naam == 'Den "Haag"'
    assert [p.ref for _, ps in cat.products_in(cat.gemeente("den-haag")) for p in ps] == []


def test_name_without_slug_fails_validation(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "regions/testregio.yaml", REGIO.replace("Lelystad", "Ωμέγα"))
    fouten = [f for f in errors_of(data) if f.regel]
    assert len(fouten) == 1
    (f,) = fouten
    assert (f.bestand, f.regel, f.veld) == ("data/regions/testregio.yaml", 2, "gemeenten[3]")
    assert "'Ωμέγα' geeft geen webadres" in f.probleem and "Latijnse schrift" in f.oplossing


def test_name_whose_slug_is_the_index_page_fails(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "regions/testregio.yaml", REGIO.replace("Lelystad", "Index"))
    assert any(f.veld == "gemeenten[3]" and "gemeenten/index/" in f.probleem for f in errors_of(data))


def test_two_names_with_one_slug_in_two_regions_fail(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "regions/testregio.yaml", REGIO.replace("Lelystad", "Súdwest-Fryslân"))
    tweede_regio(data, "[Sudwest-Fryslan]", product=False)
    (f,) = errors_of(data)
    assert (f.bestand, f.regel, f.veld) == ("data/regions/testregio.yaml", 2, "gemeenten[3]")
    assert "'Súdwest-Fryslân' krijgt hetzelfde webadres (gemeenten/sudwest-fryslan/) als 'Sudwest-Fryslan' in data/regions/andere.yaml" in f.probleem


def test_two_spellings_with_one_slug_in_one_region_fail(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "regions/testregio.yaml", REGIO.replace("Lelystad", "almere"))
    (f,) = [f for f in errors_of(data) if f.regel]
    assert (f.regel, f.veld) == (2, "gemeenten") and f.probleem.endswith("hetzelfde webadres: Almere, almere")


def test_slugs_are_stable():
    assert [slug(n) for n in ("Súdwest-Fryslân", "'s-Hertogenbosch", "Bergen (NH)", "Noardeast-Fryslân")] == [
        "sudwest-fryslan", "s-hertogenbosch", "bergen-nh", "noardeast-fryslan"]


def test_real_data_municipalities():
    cat = load_catalogue(ROOT / "data")
    slugs = [g.slug for g in cat.gemeenten]
    assert slugs == sorted(set(slugs)) and all(slugs)
    genoemd = {n for r in cat.regios.values() for n in r.gemeenten}
    assert {g.naam for g in cat.gemeenten} == genoemd
    for g in cat.gemeenten:
        assert all(g.naam in cat.regios[r].gemeenten for r in g.regios)
