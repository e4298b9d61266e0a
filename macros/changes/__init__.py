"""What changed in the data between two catalogues, per field, as the pages show it (issues 12 and 16).

``compare_catalogues(oud, nieuw)`` is pure: two validated catalogues in, one ``Changes`` out. Products
are matched by region and id; the removed and added ones are then paired by ``macros.changes.matching``
(same content, same name or mostly the same fields: a recoded product, "was → wordt"; the same product in
another region: a move), in O(n log n). Field changes come from walking the models recursively
(``macros.changes.values``); values are rendered the way the product page renders them, and a text that
only differs in its line wrapping is not a change. ``catalogue_at_ref`` (``macros.changes.gitref``) loads
``data/`` at a git ref through the same loader and model as the build. Rendering: ``macros.changes.report``
(the /wijzigingen/ page, text, JSON) and ``macros.changes.markdown`` (the pull-request comment, job summary).
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from macros.catalogue.loader import Catalogue
from macros.changes.gitref import (
    basis_label,
    catalogue_at_ref,
    catalogue_in_folder,
    default_base,
    empty_catalogue,
    resolve,
)
from macros.changes.matching import match_products, similarity
from macros.changes.types import (
    CHANGE_KINDS,
    Changes,
    FieldChange,
    FileChange,
    NotComparable,
    OutcomeChange,
    ProductChange,
    RegionChanges,
    TreeChange,
)
from macros.changes.values import fold_data, verschillen

# --- comparing ---------------------------------------------------------------


def _pw(soort: str, p, velden=(), was=None) -> ProductChange:
    if was is None:
        return ProductChange(soort, p.regio, p.id, p.code, p.naam, tuple(velden))
    return ProductChange(soort, p.regio, p.id, p.code, p.naam, tuple(velden), was.id, was.code,
                            was.regio if was.regio != p.regio else None)


def _volgorde(p: ProductChange) -> tuple:
    return CHANGE_KINDS.index(p.soort), p.code or "~", p.naam, p.id


def _producten(oud: Catalogue, nieuw: Catalogue) -> dict[str, list[ProductChange]]:
    """Every product change, per region (a moved product under its new region)."""
    per_regio: dict[str, list[ProductChange]] = defaultdict(list)
    for ref in oud.producten.keys() & nieuw.producten.keys():
        a, b = oud.producten[ref], nieuw.producten[ref]
        if velden := verschillen(a, b, oud, nieuw):
            recoded = a.code != b.code
            per_regio[b.regio].append(_pw("hercodeerd" if recoded else "gewijzigd", b, velden, a if recoded else None))
    weg = [oud.producten[r] for r in oud.producten.keys() - nieuw.producten.keys()]
    erbij = [nieuw.producten[r] for r in nieuw.producten.keys() - oud.producten.keys()]
    gekoppeld = set()
    for a, b in match_products(weg, erbij):
        gekoppeld |= {("oud", a.ref), ("nieuw", b.ref)}
        soort = "verplaatst" if a.regio != b.regio else "hercodeerd"
        per_regio[b.regio].append(_pw(soort, b, verschillen(a, b, oud, nieuw), a))
    for p in weg:
        if ("oud", p.ref) not in gekoppeld:
            per_regio[p.regio].append(_pw("verwijderd", p))
    for p in erbij:
        if ("nieuw", p.ref) not in gekoppeld:
            per_regio[p.regio].append(_pw("toegevoegd", p))
    return per_regio


def _regio(oud: Catalogue, nieuw: Catalogue, rid: str, producten: list[ProductChange]) -> RegionChanges | None:
    a, b = oud.regios.get(rid), nieuw.regios.get(rid)
    velden = verschillen(a, b, oud, nieuw) if a is not None and b is not None else ()
    if not producten and not velden and (a is None) == (b is None):
        return None
    soort = "toegevoegd" if a is None else "verwijderd" if b is None else "gewijzigd"
    r = b if b is not None else a
    return RegionChanges(rid, r.naam if r is not None else rid, soort, tuple(sorted(producten, key=_volgorde)), tuple(velden))


def _boom(oud: Catalogue, nieuw: Catalogue, bid: str) -> TreeChange | None:
    a, b = oud.beslisbomen.get(bid), nieuw.beslisbomen.get(bid)
    if a is None or b is None:
        return TreeChange("toegevoegd" if a is None else "verwijderd", bid, (b or a).titel, (b or a).regio)
    ua, ub = {u.id: u for u in a.uitkomsten}, {u.id: u for u in b.uitkomsten}
    uitkomsten = []
    for u in b.uitkomsten:
        if u.id not in ua:
            uitkomsten.append(OutcomeChange("toegevoegd", u.id, u.titel))
        elif velden := verschillen(ua[u.id], u, oud, nieuw):
            uitkomsten.append(OutcomeChange("gewijzigd", u.id, u.titel, tuple(velden)))
    uitkomsten += [OutcomeChange("verwijderd", u.id, u.titel) for u in a.uitkomsten if u.id not in ub]
    velden = verschillen(a, b, oud, nieuw, zonder={"uitkomsten"})
    if not uitkomsten and not velden:
        return None
    return TreeChange("gewijzigd", bid, b.titel, b.regio, tuple(uitkomsten), tuple(velden))


def _zonder_map(pad: str) -> str:
    return pad.split("/", 1)[1] if "/" in pad else pad  # 'data/…' -> '…' (the data folder may be named otherwise)


def _regio_van(pad: str) -> str | None:
    """The region of 'matrices/<regio>/x.yaml', 'secties/<regio>/x.yaml' or 'codetabellen/<regio>.yaml'."""
    delen = pad.split("/")
    if delen[0] in ("matrices", "secties") and len(delen) == 3:
        return delen[1]
    if delen[0] == "codetabellen" and len(delen) == 2:
        return delen[1].removesuffix(".yaml")
    return None


def _overig(oud: Catalogue, nieuw: Catalogue) -> list[FileChange]:
    """Files outside products/, regions/ and beslisbomen/, compared as read (every key, every value)."""
    eigen = ("products/", "regions/", "beslisbomen/")
    a = {_zonder_map(k): v.data for k, v in oud.bestanden.items() if not _zonder_map(k).startswith(eigen)}
    b = {_zonder_map(k): v.data for k, v in nieuw.bestanden.items() if not _zonder_map(k).startswith(eigen)}
    uit = []
    for pad in sorted(a.keys() | b.keys()):
        x, y = a.get(pad), b.get(pad)
        if x == y or (x is not None and y is not None and fold_data(x) == fold_data(y)):
            continue  # re-wrapped lines are not a change
        soort = "toegevoegd" if pad not in a else "verwijderd" if pad not in b else "gewijzigd"
        keys = ()
        if isinstance(x, dict) and isinstance(y, dict):
            keys = tuple(k for k in dict.fromkeys([*x, *y]) if fold_data(x.get(k)) != fold_data(y.get(k)))
        regio = _regio_van(pad)
        uit.append(FileChange(soort, f"data/{pad}", tuple(map(str, keys)), regio if regio in nieuw.regios else None))
    return uit


def compare_catalogues(oud: Catalogue, nieuw: Catalogue) -> Changes:
    """Everything that changed from `oud` to `nieuw`, per region, per product, per field."""
    volgorde = list(nieuw.regios) + [r for r in oud.regios if r not in nieuw.regios]
    alle = set(volgorde) | {p.regio for p in (*oud.producten.values(), *nieuw.producten.values())}
    volgorde += sorted(alle - set(volgorde))
    producten = _producten(oud, nieuw)
    volgorde += sorted(set(producten) - set(volgorde))
    regios = [w for rid in volgorde if (w := _regio(oud, nieuw, rid, producten.get(rid, []))) is not None]
    bomen = [w for bid in sorted(oud.beslisbomen.keys() | nieuw.beslisbomen.keys())
             if (w := _boom(oud, nieuw, bid)) is not None]
    namen = {rid: r.naam for rid, r in (*oud.regios.items(), *nieuw.regios.items())}
    return Changes(tuple(regios), tuple(bomen), tuple(_overig(oud, nieuw)), regionamen=namen)


# --- the site's /wijzigingen/ page ---------------------------------------------


def changes_for_site(repo_root: Path | str, nieuw: Catalogue, ref: str | None = None) -> Changes | NotComparable:
    """For the /wijzigingen/ page of a build: `nieuw` compared with `ref`, else $PRODUCTENBOEK_BASIS, else the
    merge base with main. NotComparable explains why there is no comparison."""
    ref = ref or os.environ.get("PRODUCTENBOEK_BASIS") or default_base(repo_root)
    if ref is None:  # on a site, "everything is new" would mislead: say there is nothing to compare with
        return NotComparable("Er is geen eerdere versie van de gegevens in git gevonden om deze versie mee te vergelijken.")
    oud = _oud_in_cache(repo_root, ref)
    if isinstance(oud, NotComparable):
        return oud
    return replace(compare_catalogues(oud, nieuw), basis=basis_label(repo_root, ref))


_CACHE: dict[tuple[str, str], Catalogue | NotComparable] = {}


def _oud_in_cache(repo_root: Path | str, ref: str) -> Catalogue | NotComparable:
    """catalogue_at_ref, loaded once per commit: `mkdocs serve` rebuilds compare with the same base."""
    sha = resolve(repo_root, ref) or ref
    key = (str(Path(repo_root).resolve()), sha)
    if key not in _CACHE:
        _CACHE[key] = catalogue_at_ref(repo_root, ref)
    return _CACHE[key]


__all__ = [
    "CHANGE_KINDS", "Changes", "FieldChange", "FileChange", "NotComparable", "OutcomeChange", "ProductChange",
    "RegionChanges", "TreeChange", "basis_label", "catalogue_at_ref", "catalogue_in_folder", "changes_for_site",
    "compare_catalogues", "default_base", "empty_catalogue", "similarity",
]
