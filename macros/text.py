"""Values as Dutch text, shared by pages, exports, search and the change report (no HTML here)."""

from __future__ import annotations

import re
import unicodedata

BLANK = "niet gepubliceerd in de bron"


def slug(text: str) -> str:
    """'Súdwest-Fryslân' -> 'sudwest-fryslan': for URLs of municipalities and anchors."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def getal(value: float | None) -> str:
    """12.0 -> '12', 49.5 -> '49,5' (Dutch decimal comma)."""
    if value is None:
        return ""
    return f"{value:g}".replace(".", ",")


def hoeveelheid(h) -> str:
    """A Hoeveelheid as a short Dutch phrase: '9 maanden', '7 t/m 12 maanden', or the printed text."""
    if h is None:
        return ""
    if h.waarde is not None and h.minimum is not None:
        return f"{getal(h.minimum)} t/m {getal(h.waarde)} {h.eenheid}"
    if h.waarde is not None:
        return f"{getal(h.waarde)} {h.eenheid}"
    return h.tekst
