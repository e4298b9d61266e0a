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
    base_label,
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
from macros.changes.values import field_changes, fold_data

# --- comparing ---------------------------------------------------------------


def _product_change(kind: str, p, fields=(), previous=None) -> ProductChange:
    if previous is None:
        return ProductChange(kind, p.regio, p.id, p.code, p.naam, tuple(fields))
    return ProductChange(kind, p.regio, p.id, p.code, p.naam, tuple(fields), previous.id, previous.code,
                            previous.regio if previous.regio != p.regio else None)


def _sort_key(p: ProductChange) -> tuple:
    return CHANGE_KINDS.index(p.soort), p.code or "~", p.naam, p.id


def _product_changes(old: Catalogue, new: Catalogue) -> dict[str, list[ProductChange]]:
    """Every product change, per region (a moved product under its new region)."""
    by_region: dict[str, list[ProductChange]] = defaultdict(list)
    for ref in old.producten.keys() & new.producten.keys():
        a, b = old.producten[ref], new.producten[ref]
        if fields := field_changes(a, b, old, new):
            recoded = a.code != b.code
            by_region[b.regio].append(_product_change("hercodeerd" if recoded else "gewijzigd", b, fields, a if recoded else None))
    removed = [old.producten[r] for r in old.producten.keys() - new.producten.keys()]
    added = [new.producten[r] for r in new.producten.keys() - old.producten.keys()]
    paired = set()
    for a, b in match_products(removed, added):
        paired |= {("oud", a.ref), ("nieuw", b.ref)}
        kind = "verplaatst" if a.regio != b.regio else "hercodeerd"
        by_region[b.regio].append(_product_change(kind, b, field_changes(a, b, old, new), a))
    for p in removed:
        if ("oud", p.ref) not in paired:
            by_region[p.regio].append(_product_change("verwijderd", p))
    for p in added:
        if ("nieuw", p.ref) not in paired:
            by_region[p.regio].append(_product_change("toegevoegd", p))
    return by_region


def _region_changes(old: Catalogue, new: Catalogue, rid: str, products: list[ProductChange]) -> RegionChanges | None:
    a, b = old.regios.get(rid), new.regios.get(rid)
    fields = field_changes(a, b, old, new) if a is not None and b is not None else ()
    if not products and not fields and (a is None) == (b is None):
        return None
    kind = "toegevoegd" if a is None else "verwijderd" if b is None else "gewijzigd"
    r = b if b is not None else a
    return RegionChanges(rid, r.naam if r is not None else rid, kind, tuple(sorted(products, key=_sort_key)), tuple(fields))


def _tree_change(old: Catalogue, new: Catalogue, bid: str) -> TreeChange | None:
    a, b = old.beslisbomen.get(bid), new.beslisbomen.get(bid)
    if a is None or b is None:
        return TreeChange("toegevoegd" if a is None else "verwijderd", bid, (b or a).titel, (b or a).regio)
    ua, ub = {u.id: u for u in a.uitkomsten}, {u.id: u for u in b.uitkomsten}
    outcomes = []
    for u in b.uitkomsten:
        if u.id not in ua:
            outcomes.append(OutcomeChange("toegevoegd", u.id, u.titel))
        elif fields := field_changes(ua[u.id], u, old, new):
            outcomes.append(OutcomeChange("gewijzigd", u.id, u.titel, tuple(fields)))
    outcomes += [OutcomeChange("verwijderd", u.id, u.titel) for u in a.uitkomsten if u.id not in ub]
    fields = field_changes(a, b, old, new, skip={"uitkomsten"})
    if not outcomes and not fields:
        return None
    return TreeChange("gewijzigd", bid, b.titel, b.regio, tuple(outcomes), tuple(fields))


def _without_folder(path: str) -> str:
    return path.split("/", 1)[1] if "/" in path else path  # 'data/…' -> '…' (the data folder may be named otherwise)


def _region_of_path(path: str) -> str | None:
    """The region of 'matrices/<regio>/x.yaml', 'secties/<regio>/x.yaml' or 'codetabellen/<regio>.yaml'."""
    parts = path.split("/")
    if parts[0] in ("matrices", "secties") and len(parts) == 3:
        return parts[1]
    if parts[0] == "codetabellen" and len(parts) == 2:
        return parts[1].removesuffix(".yaml")
    return None


def _other_files(old: Catalogue, new: Catalogue) -> list[FileChange]:
    """Files outside products/, regions/ and beslisbomen/, compared as read (every key, every value)."""
    own_folders = ("products/", "regions/", "beslisbomen/")
    a = {_without_folder(k): v.data for k, v in old.bestanden.items() if not _without_folder(k).startswith(own_folders)}
    b = {_without_folder(k): v.data for k, v in new.bestanden.items() if not _without_folder(k).startswith(own_folders)}
    out = []
    for path in sorted(a.keys() | b.keys()):
        x, y = a.get(path), b.get(path)
        if x == y or (x is not None and y is not None and fold_data(x) == fold_data(y)):
            continue  # re-wrapped lines are not a change
        kind = "toegevoegd" if path not in a else "verwijderd" if path not in b else "gewijzigd"
        keys = ()
        if isinstance(x, dict) and isinstance(y, dict):
            keys = tuple(k for k in dict.fromkeys([*x, *y]) if fold_data(x.get(k)) != fold_data(y.get(k)))
        region = _region_of_path(path)
        out.append(FileChange(kind, f"data/{path}", tuple(map(str, keys)), region if region in new.regios else None))
    return out


def compare_catalogues(old: Catalogue, new: Catalogue) -> Changes:
    """Everything that changed from `oud` to `nieuw`, per region, per product, per field."""
    order = list(new.regios) + [r for r in old.regios if r not in new.regios]
    every = set(order) | {p.regio for p in (*old.producten.values(), *new.producten.values())}
    order += sorted(every - set(order))
    products = _product_changes(old, new)
    order += sorted(set(products) - set(order))
    regions = [w for rid in order if (w := _region_changes(old, new, rid, products.get(rid, []))) is not None]
    trees = [w for bid in sorted(old.beslisbomen.keys() | new.beslisbomen.keys())
             if (w := _tree_change(old, new, bid)) is not None]
    names = {rid: r.naam for rid, r in (*old.regios.items(), *new.regios.items())}
    return Changes(tuple(regions), tuple(trees), tuple(_other_files(old, new)), regionamen=names)


# --- the site's /wijzigingen/ page ---------------------------------------------


def changes_for_site(repo_root: Path | str, new: Catalogue, ref: str | None = None) -> Changes | NotComparable:
    """For the /wijzigingen/ page of a build: `nieuw` compared with `ref`, else $PRODUCTENBOEK_BASIS, else the
    merge base with main. NotComparable explains why there is no comparison."""
    ref = ref or os.environ.get("PRODUCTENBOEK_BASIS") or default_base(repo_root)
    if ref is None:  # on a site, "everything is new" would mislead: say there is nothing to compare with
        return NotComparable("Er is geen eerdere versie van de gegevens in git gevonden om deze versie mee te vergelijken.")
    old = _old_cached(repo_root, ref)
    if isinstance(old, NotComparable):
        return old
    return replace(compare_catalogues(old, new), basis=base_label(repo_root, ref))


_CACHE: dict[tuple[str, str], Catalogue | NotComparable] = {}


def _old_cached(repo_root: Path | str, ref: str) -> Catalogue | NotComparable:
    """catalogue_at_ref, loaded once per commit: `mkdocs serve` rebuilds compare with the same base."""
    sha = resolve(repo_root, ref) or ref
    key = (str(Path(repo_root).resolve()), sha)
    if key not in _CACHE:
        _CACHE[key] = catalogue_at_ref(repo_root, ref)
    return _CACHE[key]


__all__ = [
    "CHANGE_KINDS", "Changes", "FieldChange", "FileChange", "NotComparable", "OutcomeChange", "ProductChange",
    "RegionChanges", "TreeChange", "base_label", "catalogue_at_ref", "catalogue_in_folder", "changes_for_site",
    "compare_catalogues", "default_base", "empty_catalogue", "similarity",
]
