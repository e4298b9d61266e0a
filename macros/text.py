"""Plain Dutch text formats (numbers, durations, slugs), below the model: no state words and no labels
(those are ``macros.view``), no HTML, and no import from the rest of ``macros``."""

from __future__ import annotations

import datetime
import re
import unicodedata

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")


def slug(text: str) -> str:
    """'Súdwest-Fryslân' -> 'sudwest-fryslan': for URLs of municipalities and anchors."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def date_text(iso: str) -> str:
    """'2025-03-07' -> '7 maart 2025'; anything else is returned as given."""
    try:
        d = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def dutch_number(value: float | None) -> str:
    """12.0 -> '12', 49.5 -> '49,5' (Dutch decimal comma)."""
    if value is None:
        return ""
    return f"{value:g}".replace(".", ",")


def quantity_text(h) -> str:
    """A Hoeveelheid as a short Dutch phrase: '9 maanden', '7 t/m 12 maanden', or the printed text."""
    if h is None:
        return ""
    if h.waarde is not None and h.minimum is not None:
        return f"{dutch_number(h.minimum)} t/m {dutch_number(h.waarde)} {h.eenheid}"
    if h.waarde is not None:
        return f"{dutch_number(h.waarde)} {h.eenheid}"
    return h.tekst


def plain_markdown(text: str) -> str:
    """Markdown of a note as one line of plain text (exports, comparison cells): emphasis and code marks and
    link targets dropped, everything else (a printed '<u>' included) kept as written."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(text.replace("*", "").replace("`", "").split())


_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # controls, bidi overrides


def one_line(s: object) -> str:
    """A value as one line of plain text for a report: whitespace runs (newlines too) become one space, control
    and bidirectional-override characters (terminal escapes, reordered text) become U+FFFD."""
    return " ".join(_INVISIBLE.sub("\ufffd", str(s)).split())
