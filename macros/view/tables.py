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


# A long table is set as several tables of at most PART_ROWS rows (issue 32: a region's code table at national
# scale has 150 rows; with parts of 20 the browser lays out 466 of its 2,084 cells at load on a phone, 1,782 of
# 1,986 as one table): the browser styles and lays out a table as a whole, and a table box below the first screen
# is not laid out until it nears it (productenboek.css, content-visibility), so parts cost only when seen. A table
# of up to ONE_TABLE_MAX rows stays one.
ONE_TABLE_MAX = 50
PART_ROWS = 20


def parts(n: int, most: int = PART_ROWS, one: int = ONE_TABLE_MAX) -> list[tuple[int, int]]:
    """(start, end) of each part of n rows (or columns): one part up to `one`, else as few parts of at most
    `most` as can hold them, of nearly equal size, in order."""
    if n <= one:
        return [(0, n)]
    count = -(-n // most)
    cuts = [round(k * n / count) for k in range(count + 1)]
    return list(itertools.pairwise(cuts))
