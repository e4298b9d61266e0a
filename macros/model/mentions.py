"""Whether a text in the source's words still names a number: the rule behind the warning that a
changed value's quote or source text still says the old value ("Duur van een traject is maximaal
9 maanden" after 9 -> 6). The spreadsheet import (macros.imports.rows) and the form at /beheer/ (through
``MENTION_PATTERN`` in model.json, overrides/assets/cms/sourced_widget.js) apply this one rule."""

from __future__ import annotations

import re

# {getal}: the number as the source prints it (escaped): a decimal comma, no trailing zeros (2,5; 85,5).
# Not part of a longer number: no digit, comma or point before it, no digit or comma after it.
MENTION_PATTERN = r"(?<![\d,.]){getal}(?![\d,])"


def as_printed(number: float) -> str:
    """A number as a Dutch source prints it: '6', '2,5', '85,5'."""
    return f"{number:g}".replace(".", ",")


def mentions_number(text: str, number: float) -> bool:
    return re.search(MENTION_PATTERN.replace("{getal}", re.escape(as_printed(number))), text) is not None
