"""The rows of a region's product-code table: per row the printed cells per edition and, per pair of
consecutive editions, the change, as the code-table page and the workbook's code-table sheet say it."""

from __future__ import annotations

import itertools

from macros.model.tables import CodeRegel, CodeRegelEditie


def _edition_change(old: CodeRegelEditie | None, new: CodeRegelEditie | None) -> str:
    """What happened to one code-table row between two editions (Dutch label)."""
    if old is None and new is None:
        return ""
    if old is None:
        return "toegevoegd"
    if new is None:
        return "verwijderd"
    if new.vervalt and not old.vervalt:
        return "vervalt"
    if old.code != new.code:
        return "nieuwe code"
    if (old.omschrijving, old.extra_omschrijving) != (new.omschrijving, new.extra_omschrijving):
        return "hernoemd"
    return "ongewijzigd"


def code_rows(entries: list[CodeRegel], editions: list[str]) -> list[dict]:
    """Per row: the printed cells per edition and, per pair of consecutive editions, the change."""
    rows = []
    for entry in entries:
        cells = [entry.edities.get(e) for e in editions]
        changes = [_edition_change(a, b) for a, b in itertools.pairwise(cells)]
        rows.append({"product": entry.product, "cellen": cells, "wijzigingen": changes})
    return rows
