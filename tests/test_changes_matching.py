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
    old = load_catalogue(old_data(tmp_path / "a"))
    data = old_data(tmp_path / "b")
    change(data)
    return old, load_catalogue(data)


def _move(src, dst, replace=()):
    text = src.read_text(encoding="utf-8")
    for a, b in replace:
        text = text.replace(a, b)
    src.unlink()
    write(dst, text)


def test_a_product_moved_between_regions_is_one_move(tmp_path):
    old, new = _cat_pair(tmp_path, lambda d: _move(d / "products" / "tweede" / "41a01.yaml",
                                                      d / "products" / "testregio" / "41a01.yaml"))
    w = compare_catalogues(old, new)
    assert w.producten == [ProductChange("verplaatst", "testregio", "41a01", "41A01", "Ambulante jeugdhulp",
                                            (), "41a01", "41A01", "tweede")]
    assert "  verplaatst: 41A01 Ambulante jeugdhulp (verplaatst van regio Tweede regio naar regio Testregio)" \
        in report_text(w).splitlines()
    assert "| **verplaatst van regio Tweede regio naar regio Testregio** |" in report_markdown(w, BASE)
    html = str(change_report(report_data(w)))
    assert '<h3 id="regio-testregio-verplaatst">Verplaatst uit een andere regio</h3>' in html
    assert "verplaatst van regio Tweede regio naar regio Testregio" in html and "Nieuw</h3>" not in html


def test_a_move_with_a_new_code_and_an_edit_says_both(tmp_path):
    old, new = _cat_pair(tmp_path, lambda d: _move(
        d / "products" / "tweede" / "41a01.yaml", d / "products" / "testregio" / "41a02.yaml",
        [("code: 41A01", "code: 41A02"), ("Begeleiding van de jeugdige.", "Begeleiding van de jeugdige en het gezin.")]))
    (p,) = compare_catalogues(old, new).producten
    assert (p.soort, p.ref, p.was_regio, p.was) == ("verplaatst", "testregio/41a02", "tweede", "41A01")
    assert [(v.label, v.oud, v.nieuw) for v in p.velden] == [
        ("productcode", "41A01", "41A02"),
        ("omschrijving", "Begeleiding van de jeugdige.", "Begeleiding van de jeugdige en het gezin.")]
    assert "**verplaatst van regio Tweede regio naar regio Testregio (was 41A01 → wordt 41A02)**<br>omschrijving: " \
        in report_markdown(compare_catalogues(old, new), BASE)


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
    old = load_catalogue(tmp_path / "a" / "data")
    data = old_data(tmp_path / "b")
    rewrite(data)
    assert compare_catalogues(old, load_catalogue(data)).leeg
    p = data / "products" / "testregio" / "45f34.yaml"  # a blank line makes two paragraphs: that is a change
    p.write_text(p.read_text(encoding="utf-8").replace("  Begeleiding van\n", "  Begeleiding van\n\n"), encoding="utf-8")
    (w,) = compare_catalogues(old, load_catalogue(data)).producten
    assert [(v.label, v.oud, v.nieuw) for v in w.velden] == [
        ("omschrijving", "Begeleiding van de jeugdige.", "Begeleiding van\n\n   de   jeugdige.")]


def test_recoded_and_rewrapped_is_a_recode_only(tmp_path):
    old, new = _cat_pair(tmp_path, lambda d: _move(
        d / "products" / "testregio" / "45f21.yaml", d / "products" / "testregio" / "45f25.yaml",
        [("code: 45F21", "code: 45F25"), ("omschrijving: Begeleiding van de jeugdige.",
                                           "omschrijving: >\n  Begeleiding\n  van de jeugdige.\n")]))
    (p,) = compare_catalogues(old, new).producten
    assert (p.soort, p.was, p.code, [v.veld for v in p.velden]) == ("hercodeerd", "45F21", "45F25", ["code"])


# --- the matcher against the old quadratic rule, and its cost -------------------------------------------------------


BASE_DATA = yaml.safe_load(PRODUCT)
TEXT_FIELDS = ("omschrijving", "doel", "doelgroep", "productgroep", "naam")


def _product(region: str, pid: str, fields: dict) -> ProductRecord:
    m = Product.model_validate({**BASE_DATA, "code": pid.upper(), **fields})
    return ProductRecord.make(m, id=pid, regio=region, pad=f"data/products/{region}/{pid}.yaml")


def _pairs(rnd: random.Random, n: int, region: str = "r"):
    """n old products; new: each recoded, and some renamed, edited in 1-4 fields, or replaced by an unrelated one."""
    words = [f"woord{i}" for i in range(400)]
    sentence = lambda k: " ".join(rnd.choice(words) for _ in range(k))  # noqa: E731
    old, new = [], []
    for i in range(n):
        fields = {v: sentence(6) for v in TEXT_FIELDS}
        fields["resultaten"] = [sentence(5) for _ in range(3)]
        fields["eisen"] = [sentence(4)]
        if rnd.random() < 0.15:
            fields["naam"] = "Gedeelde naam"  # many products with the same name
        old.append(_product(region, f"{45 + i // 100}a{i % 100:02d}", fields))
        chance = rnd.random()
        if chance < 0.1:
            fields = {v: sentence(6) for v in TEXT_FIELDS}  # unrelated
        elif chance < 0.7:
            for v in rnd.sample([*TEXT_FIELDS, "resultaten", "eisen"], rnd.randint(1, 4)):
                fields[v] = sentence(6) if v not in ("resultaten", "eisen") else [sentence(5)]
        new.append(_product(region, f"{45 + i // 100}b{i % 100:02d}", fields))
    return old, new


def _old_similarity(a, b) -> float:
    """The old matcher's score, as it was: share of the filled-in fields (code left out) that are equal."""
    names = [n for n in Product.model_fields if n != "code"]
    filled = [n for n in names if getattr(a, n) not in (None, "", []) or getattr(b, n) not in (None, "", [])]
    return sum(getattr(a, n) == getattr(b, n) for n in filled) / len(filled) if filled else 0.0


def _old_rule(removed, new):
    """The old matcher, for reference: score every pair; same name, or at least 80 % of the filled fields equal."""
    candidates = []
    for a in removed:
        for b in new:
            same = a.naam.casefold() == b.naam.casefold()
            score = _old_similarity(a, b)
            if same or score >= 0.8:
                candidates.append((not same, -score, a.id, b.id, a, b))
    pairs, used = [], set()
    for *_, a, b in sorted(candidates, key=lambda k: k[:4]):
        if a.ref not in used and b.ref not in used:
            used |= {a.ref, b.ref}
            pairs.append((a.ref, b.ref))
    return sorted(pairs)


def test_matcher_finds_what_the_quadratic_rule_finds():
    for seed in range(4):
        old, new = _pairs(random.Random(seed), 100)
        expected = _old_rule(old, new)
        assert sorted((a.ref, b.ref) for a, b in matching.match_products(old, new)) == expected, seed
        assert len(expected) > 50  # the sample has real pairs of every kind


def test_matcher_scores_a_bounded_number_of_pairs(monkeypatch):
    """2,000 recoded products: the old rule scores 4,000,000 pairs; this one about one pair per product."""
    old, new = _pairs(random.Random(1), 2_000)
    scored = []
    real = matching._score
    monkeypatch.setattr(matching, "_score", lambda a, b: scored.append(1) or real(a, b))
    pairs = matching.match_products(old, new)
    assert len(pairs) > 1_300
    assert len(scored) < 10 * len(old), len(scored)
    print(f"{len(scored)} pairs scored for {len(old)} removed and {len(new)} added products")
