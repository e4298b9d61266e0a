"""The rows of a region's product-code table: per row the printed cells per edition and, per pair of
consecutive editions, the change, as the code-table page and the workbook's code-table sheet say it."""

from __future__ import annotations

import itertools

from macros.model.tables import CodeRegel, CodeRegelEditie


def _wijziging(oud: CodeRegelEditie | None, nieuw: CodeRegelEditie | None) -> str:
    """What happened to one code-table row between two editions (Dutch label)."""
    if oud is None and nieuw is None:
        return ""
    if oud is None:
        return "toegevoegd"
    if nieuw is None:
        return "verwijderd"
    if nieuw.vervalt and not oud.vervalt:
        return "vervalt"
    if oud.code != nieuw.code:
        return "nieuwe code"
    if (oud.omschrijving, oud.extra_omschrijving) != (nieuw.omschrijving, nieuw.extra_omschrijving):
        return "hernoemd"
    return "ongewijzigd"


def code_rows(regels: list[CodeRegel], edities: list[str]) -> list[dict]:
    """Per row: the printed cells per edition and, per pair of consecutive editions, the change."""
    rows = []
    for regel in regels:
        cellen = [regel.edities.get(e) for e in edities]
        changes = [_wijziging(a, b) for a, b in itertools.pairwise(cellen)]
        rows.append({"product": regel.product, "cellen": cellen, "wijzigingen": changes})
    return rows
