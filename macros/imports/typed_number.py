"""A number a person typed as text, read by the form's own rules (``overrides/assets/cms/number.js``, ``readTypedNumber``).

A spreadsheet cell in a number column can hold text: a cell formatted as 'Tekst', a value pasted from a
document, a program under another locale. "85,50", "85.50", "1.250,00" and "1 250" are read as the number the
person meant, exactly as the form reads them; anything that is not exactly one number is refused with a Dutch
reason and fix: an exponent, a unit, two decimal commas, groups that are not three digits, and a lone point
before exactly three digits ("1.250": 1250 in Dutch, 1.25 to a computer). ``euro``: the column is in euros, so
one euro sign before or after the number is the column's unit, not text. tests/test_import_habits.py checks
that this and number.js agree on generated input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BLANKS = "\u00a0\u202f\u2009"  # no-break, narrow no-break and thin space: what a copy from a document holds
_BLANK = re.compile(rf"[\s{BLANKS}]")
_FORM = re.compile(rf"^([-+]?)([0-9][0-9.,\s{BLANKS}]*)$")


@dataclass(frozen=True)
class NotANumber:
    problem: str
    fix: str


def _groups(text: str, sep: str) -> bool:
    parts = text.split(sep)
    return len(parts) > 1 and re.fullmatch(r"[0-9]{1,3}", parts[0]) is not None and all(
        re.fullmatch(r"[0-9]{3}", p) for p in parts[1:])


def _two_separators(t: str) -> NotANumber:
    return NotANumber(f"'{t}' heeft meer dan één decimaalteken",
                      "typ één komma voor de decimalen (bv. 1250,50) en laat punten tussen de duizendtallen weg")


def _bad_groups(t: str) -> NotANumber:
    return NotANumber(f"'{t}' is geen getal: spaties of punten staan niet tussen groepen van drie cijfers",
                      "typ het getal zonder spaties of punten, met een komma voor de decimalen (bv. 1250,50)")


def read_typed_number(text: str, euro: bool = False) -> float | NotANumber:
    """What `text` means as a number (a float), or why it is not one (number.js ``readTypedNumber``, the same rules)."""
    t = str(text).strip()
    if euro and (t.startswith("€") or t.endswith("€")):
        t = t.strip("€").strip() if t.count("€") == 1 else t
    if t == "":
        return NotANumber("de cel is leeg", "typ een getal, bv. 85,50")
    m = _FORM.match(t)
    if not m or re.search(rf"[.,\s{BLANKS}]$", t):
        return NotANumber(f"'{t[:40]}' is geen getal", "typ alleen cijfers, met een komma voor de decimalen (bv. 85,50), "
                          "zonder eenheid, euroteken, e of andere tekst")
    sign, body = m.group(1), _BLANK.sub(" ", m.group(2))
    points, commas = body.count("."), body.count(",")
    whole, decimals = body, ""
    if points and commas:
        dec = "," if body.rfind(",") > body.rfind(".") else "."
        group = "." if dec == "," else ","
        if body.count(dec) > 1:
            return _two_separators(t)
        whole, decimals = body.split(dec)
        if group in decimals:
            return _two_separators(t)
        if not _groups(whole, group):
            return _bad_groups(t)
        whole = whole.replace(group, "")
    elif commas:
        if commas > 1:
            return _two_separators(t)
        whole, decimals = body.split(",")
    elif points > 1:
        if not _groups(body, "."):
            return _bad_groups(t)
        whole = body.replace(".", "")
    elif points == 1:
        whole, decimals = body.split(".")
        if len(decimals) == 3 and re.fullmatch(r"[1-9][0-9]{0,2}", whole):
            thousand = f"{whole}{decimals}".lstrip("0") or "0"
            return NotANumber(f"'{t}' kan twee getallen zijn ({thousand} of {whole},{decimals})",
                              f"typ {thousand} zonder punt, of {whole},{decimals} met een komma")
    if re.search(r"\s", decimals):
        return _bad_groups(t)
    if " " in whole:
        if not _groups(whole, " "):
            return _bad_groups(t)
        whole = whole.replace(" ", "")
    if not re.fullmatch(r"[0-9]+", whole) or not re.fullmatch(r"[0-9]*", decimals):
        return _bad_groups(t)
    value = float(f"{sign}{whole}{'.' + decimals if decimals else ''}")
    if value in (float("inf"), float("-inf")):
        return NotANumber(f"'{t[:40]}' is te groot", "typ een kleiner getal")
    return 0.0 if value == 0 else value
