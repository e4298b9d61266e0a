"""The change report's matching (issue 16): recoded and renamed products paired without scoring every removed product
against every added one, moves between regions shown as moves, re-wrapped text not shown as a change."""

from __future__ import annotations

import random

import yaml
from test_changes import BASE, NEW_PRODUCT, old_data

from helpers import PRODUCT, write
from macros.catalogue.loader import load_catalogue
from macros.catalogue.records import ProductRecord
from macros.changes import ProductChange, compare_catalogues, matching
from macros.changes.markdown import report_markdown
from macros.changes.report import report_data, report_text
from macros.components.change_report import change_report
from macros.model import Product


def _cat_pair(tmp_path, change):
    """(old, new) catalogues: the test data of test_changes, and a copy changed by `change(data)`."""
    oud = load_catalogue(old_data(tmp_path / "a"))
    data = old_data(tmp_path / "b")
    change(data)
    return oud, load_catalogue(data)


def _move(src, dst, replace=()):
    tekst = src.read_text(encoding="utf-8")
    for a, b in replace:
        tekst = tekst.replace(a, b)
    src.unlink()
    write(dst, tekst)


def test_a_product_moved_between_regions_is_one_move(tmp_path):
    oud, nieuw = _cat_pair(tmp_path, lambda d: _move(d / "products" / "tweede" / "41a01.yaml",
                                                      d / "products" / "testregio" / "41a01.yaml"))
    w = compare_catalogues(oud, nieuw)
    assert w.producten == [ProductChange("verplaatst", "testregio", "41a01", "41A01", "Ambulante jeugdhulp",
                                            (), "41a01", "41A01", "tweede")]
    assert "  verplaatst: 41A01 Ambulante jeugdhulp (verplaatst van regio Tweede regio naar regio Testregio)" \
        in report_text(w).splitlines()
    assert "| **verplaatst van regio Tweede regio naar regio Testregio** |" in report_markdown(w, BASE)
    html = str(change_report(report_data(w)))
    assert '<h3 id="regio-testregio-verplaatst">Verplaatst uit een andere regio</h3>' in html
    assert "verplaatst van regio Tweede regio naar regio Testregio" in html and "Nieuw</h3>" not in html


def test_a_move_with_a_new_code_and_an_edit_says_both(tmp_path):
    oud, nieuw = _cat_pair(tmp_path, lambda d: _move(
        d / "products" / "tweede" / "41a01.yaml", d / "products" / "testregio" / "41a02.yaml",
        [("code: 41A01", "code: 41A02"), ("Begeleiding van de jeugdige.", "Begeleiding van de jeugdige en het gezin.")]))
    (p,) = compare_catalogues(oud, nieuw).producten
    assert (p.soort, p.ref, p.was_regio, p.was) == ("verplaatst", "testregio/41a02", "tweede", "41A01")
    assert [(v.label, v.oud, v.nieuw) for v in p.velden] == [
        ("productcode", "41A01", "41A02"),
        ("omschrijving", "Begeleiding van de jeugdige.", "Begeleiding van de jeugdige en het gezin.")]
    assert "**verplaatst van regio Tweede regio naar regio Testregio (was 41A01 → wordt 41A02)**<br>omschrijving: " \
        in report_markdown(compare_catalogues(oud, nieuw), BASE)


def test_same_name_in_another_region_with_other_content_is_not_a_move(tmp_path):
    def change(d):
        (d / "products" / "tweede" / "41a01.yaml").unlink()
        write(d / "products" / "testregio" / "41a09.yaml", NEW_PRODUCT.replace("46A01", "41A09").replace(
            "Jeugdhulp met verblijf", "Ambulante jeugdhulp"))  # only the name in common
    w = compare_catalogues(*_cat_pair(tmp_path, change))
    assert sorted((p.soort, p.ref) for p in w.producten) == [("toegevoegd", "testregio/41a09"),
                                                            ("verwijderd", "tweede/41a01")]


def test_rewrapped_text_is_not_a_change_but_a_new_paragraph_is(tmp_path):
    def rewrite(d):
        p = d / "products" / "testregio" / "45f34.yaml"
        p.write_text(p.read_text(encoding="utf-8").replace(
            "omschrijving: Begeleiding van de jeugdige.", "omschrijving: |\n  Begeleiding van\n     de   jeugdige.\n")
            + "resultaten:\n  - >-\n    Een   resultaat\n    over twee regels\n", encoding="utf-8")

    p = old_data(tmp_path / "a") / "products" / "testregio" / "45f34.yaml"
    p.write_text(p.read_text(encoding="utf-8") + "resultaten: [Een resultaat over twee regels]\n", encoding="utf-8")
    oud = load_catalogue(tmp_path / "a" / "data")
    data = old_data(tmp_path / "b")
    rewrite(data)
    assert compare_catalogues(oud, load_catalogue(data)).leeg
    p = data / "products" / "testregio" / "45f34.yaml"  # a blank line makes two paragraphs: that is a change
    p.write_text(p.read_text(encoding="utf-8").replace("  Begeleiding van\n", "  Begeleiding van\n\n"), encoding="utf-8")
    (w,) = compare_catalogues(oud, load_catalogue(data)).producten
    assert [(v.label, v.oud, v.nieuw) for v in w.velden] == [
        ("omschrijving", "Begeleiding van de jeugdige.", "Begeleiding van\n\n   de   jeugdige.")]


def test_recoded_and_rewrapped_is_a_recode_only(tmp_path):
    oud, nieuw = _cat_pair(tmp_path, lambda d: _move(
        d / "products" / "testregio" / "45f21.yaml", d / "products" / "testregio" / "45f25.yaml",
        [("code: 45F21", "code: 45F25"), ("omschrijving: Begeleiding van de jeugdige.",
                                           "omschrijving: >\n  Begeleiding\n  van de jeugdige.\n")]))
    (p,) = compare_catalogues(oud, nieuw).producten
    assert (p.soort, p.was, p.code, [v.veld for v in p.velden]) == ("hercodeerd", "45F21", "45F25", ["code"])


# --- the matcher against the old quadratic rule, and its cost -------------------------------------------------------


BASIS = yaml.safe_load(PRODUCT)
TEKSTVELDEN = ("omschrijving", "doel", "doelgroep", "productgroep", "naam")


def _product(regio: str, pid: str, velden: dict) -> ProductRecord:
    m = Product.model_validate({**BASIS, "code": pid.upper(), **velden})
    return ProductRecord.make(m, id=pid, regio=regio, pad=f"data/products/{regio}/{pid}.yaml")


def _paren(rnd: random.Random, n: int, regio: str = "r"):
    """n old products; new: each recoded, and some renamed, edited in 1-4 fields, or replaced by an unrelated one."""
    woorden = [f"woord{i}" for i in range(400)]
    zin = lambda k: " ".join(rnd.choice(woorden) for _ in range(k))  # noqa: E731
    oud, nieuw = [], []
    for i in range(n):
        velden = {v: zin(6) for v in TEKSTVELDEN}
        velden["resultaten"] = [zin(5) for _ in range(3)]
        velden["eisen"] = [zin(4)]
        if rnd.random() < 0.15:
            velden["naam"] = "Gedeelde naam"  # many products with the same name
        oud.append(_product(regio, f"{45 + i // 100}a{i % 100:02d}", velden))
        kans = rnd.random()
        if kans < 0.1:
            velden = {v: zin(6) for v in TEKSTVELDEN}  # unrelated
        elif kans < 0.7:
            for v in rnd.sample([*TEKSTVELDEN, "resultaten", "eisen"], rnd.randint(1, 4)):
                velden[v] = zin(6) if v not in ("resultaten", "eisen") else [zin(5)]
        nieuw.append(_product(regio, f"{45 + i // 100}b{i % 100:02d}", velden))
    return oud, nieuw


def _old_similarity(a, b) -> float:
    """The old matcher's score, as it was: share of the filled-in fields (code left out) that are equal."""
    namen = [n for n in Product.model_fields if n != "code"]
    gevuld = [n for n in namen if getattr(a, n) not in (None, "", []) or getattr(b, n) not in (None, "", [])]
    return sum(getattr(a, n) == getattr(b, n) for n in gevuld) / len(gevuld) if gevuld else 0.0


def _old_rule(weg, nieuw):
    """The old matcher, for reference: score every pair; same name, or at least 80 % of the filled fields equal."""
    kandidaten = []
    for a in weg:
        for b in nieuw:
            zelfde = a.naam.casefold() == b.naam.casefold()
            score = _old_similarity(a, b)
            if zelfde or score >= 0.8:
                kandidaten.append((not zelfde, -score, a.id, b.id, a, b))
    paren, gebruikt = [], set()
    for *_, a, b in sorted(kandidaten, key=lambda k: k[:4]):
        if a.ref not in gebruikt and b.ref not in gebruikt:
            gebruikt |= {a.ref, b.ref}
            paren.append((a.ref, b.ref))
    return sorted(paren)


def test_matcher_finds_what_the_quadratic_rule_finds():
    for seed in range(4):
        oud, nieuw = _paren(random.Random(seed), 100)
        verwacht = _old_rule(oud, nieuw)
        assert sorted((a.ref, b.ref) for a, b in matching.match_products(oud, nieuw)) == verwacht, seed
        assert len(verwacht) > 50  # the sample has real pairs of every kind


def test_matcher_scores_a_bounded_number_of_pairs(monkeypatch):
    """2,000 recoded products: the old rule scores 4,000,000 pairs; this one about one pair per product."""
    oud, nieuw = _paren(random.Random(1), 2_000)
    gescoord = []
    echt = matching._score
    monkeypatch.setattr(matching, "_score", lambda a, b: gescoord.append(1) or echt(a, b))
    paren = matching.match_products(oud, nieuw)
    assert len(paren) > 1_300
    assert len(gescoord) < 10 * len(oud), len(gescoord)
    print(f"{len(gescoord)} pairs scored for {len(oud)} removed and {len(nieuw)} added products")
