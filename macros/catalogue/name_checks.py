"""Cross-file checks on names: two municipalities, regions or products that cannot be told apart.

A municipality's name gives its web address (gemeenten/<slug>/), so two names with one slug would share a
page; names that look the same (UTS #39 skeleton: 'Almere' and 'Almеre' with a Cyrillic е) are refused
as well, for municipalities, regions and the products of one region.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from macros.catalogue.check_reporter import Reporter, line_text
from macros.catalogue.errors import DataError
from macros.catalogue.invisible import difference, lookalike_keys, name_key
from macros.catalogue.municipalities import by_slug
from macros.catalogue.yamlerrors import visible
from macros.text import slug

if TYPE_CHECKING:
    from macros.catalogue.loader import Catalogue


def check_municipalities(m: Reporter) -> Iterator[DataError]:
    """Two different names with one web address (gemeenten/<slug>/) in two regions: one would hide the other."""
    for s, listings in by_slug(m.cat.regios).items():
        first = listings[0]
        for v in listings[1:]:
            if v.naam != first.naam:
                others = m.cat.regios[first.regio].pad
                yield m.error(m.cat.regios[v.regio].pad, ("gemeenten", v.index),
                             f"gemeente '{v.naam}' krijgt hetzelfde webadres (gemeenten/{s}/) als '{first.naam}' in {others}",
                             "schrijf dezelfde gemeente in elk regiobestand precies hetzelfde; "
                             "zijn het verschillende gemeenten, maak de namen dan duidelijk verschillend")


def check_lookalike_municipalities(m: Reporter) -> Iterator[DataError]:
    """Two different municipality names that look the same (UTS #39 skeleton: 'Almere' and 'Almеre' with a
    Cyrillic е). Names with one slug are already reported by ``check_municipalities``."""
    first: dict[str, tuple[str, str, int]] = {}  # lookalike key -> (name, region, index) first seen
    for region_id, region in m.cat.regios.items():
        for i, name in enumerate(region.gemeenten):
            for key in dict.fromkeys(lookalike_keys(name)):
                other = first.setdefault(key, (name, region_id, i))
                if other[0] != name and slug(other[0]) != slug(name):
                    yield m.error(region.pad, ("gemeenten", i),
                                 f"gemeente '{visible(name)}' lijkt sprekend op gemeente '{visible(other[0])}' in "
                                 f"{m.cat.regios[other[1]].pad} (regel {line_text(m, m.cat.regios[other[1]].pad, ('gemeenten', other[2]))}), "
                                 f"maar is een andere tekst{difference(name, other[0])}: tekens uit een ander schrift of die op "
                                 "elkaar lijken, zoals een Cyrillische а of een I voor een l",
                                 "typ de naam opnieuw met gewone letters; is het dezelfde gemeente, schrijf haar dan in elk "
                                 "regiobestand precies hetzelfde")
                    break


def _name_clashes(items) -> Iterator[tuple[object, object, bool]]:
    """(item, earlier item, same) for every item whose name equals (same=True) or looks like (same=False) the name
    of an earlier one: one report per item, by the name key and the UTS #39 skeleton keys."""
    same_name: dict[str, object] = {}
    lookalike: dict[str, object] = {}
    for item in items:
        if (other := same_name.setdefault(name_key(item.naam), item)) is not item:
            yield item, other, True
            continue
        for key in dict.fromkeys(lookalike_keys(item.naam)):
            if (other := lookalike.setdefault(key, item)) is not item:
                yield item, other, False
                break


def check_region_names(m: Reporter) -> Iterator[DataError]:
    """Two regions with the same name, or names that look the same, cannot be told apart on the site."""
    for r, other, same in _name_clashes(sorted(m.cat.regios.values(), key=lambda r: r.pad)):
        if same:
            yield m.error(r.pad, ("naam",), f"de regio heeft dezelfde naam '{visible(r.naam)}' als {other.pad}",
                         "geef elke regio een eigen naam")
        else:
            yield m.error(r.pad, ("naam",), f"de naam '{visible(r.naam)}' lijkt sprekend op de naam "
                         f"'{visible(other.naam)}' van {other.pad}, maar is een andere tekst"
                         f"{difference(r.naam, other.naam)}", "typ de naam opnieuw met gewone letters")


def check_product_names(m: Reporter) -> Iterator[DataError]:
    """Two products of one region may not share a name, nor have names that look the same."""
    for region, products in _by_region(m.cat).items():
        for p, other, same in _name_clashes(products):
            if same:
                yield m.error(p.pad, ("naam",), f"het product heeft dezelfde naam '{visible(p.naam)}' als {other.pad} "
                             f"(regel {line_text(m, other.pad, ('naam',))}); twee producten van regio {region} mogen niet "
                             "dezelfde naam hebben", "geef elk product een eigen naam, bv. met de doelgroep of de vorm "
                             "erbij; is het hetzelfde product, verwijder dan een van de twee bestanden")
            else:
                yield m.error(p.pad, ("naam",), f"de naam '{visible(p.naam)}' lijkt sprekend op de naam "
                             f"'{visible(other.naam)}' van {other.pad}, maar is een andere tekst{difference(p.naam, other.naam)}: "
                             "tekens uit een ander schrift of die op elkaar lijken, zoals een Cyrillische а of een I voor een l",
                             "typ de naam opnieuw met gewone letters, of maak de namen duidelijk verschillend")


def _by_region(cat: Catalogue) -> dict[str, list]:
    out: dict[str, list] = {}
    for p in sorted(cat.producten.values(), key=lambda p: p.pad):
        out.setdefault(p.regio, []).append(p)
    return out

