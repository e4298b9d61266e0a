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


# --- what the source says: a value, a stated absence, a blank, silence, or an editorial inference ------

from collections.abc import Callable  # noqa: E402
from dataclasses import dataclass, replace  # noqa: E402
from typing import Any  # noqa: E402

from macros.model.sourced import STATE_LABELS, quote_of, reason_of, state_of, value_of  # noqa: E402

NOT_STATED = STATE_LABELS["niet-vermeld"]  # "niet vermeld in de bron"
INFERRED = STATE_LABELS["afgeleid"]  # "afgeleid door de redactie"
NONE_STATED = "geen, volgens de bron"
DEFERRED = STATE_LABELS["nader-te-bepalen"]  # "nader te bepalen volgens de bron"


@dataclass(frozen=True)
class Shown:
    """A sourced value as the site says it. ``text`` is the formatted value, or the state's words."""

    state: str  # vermeld, geen, nader-te-bepalen, leeg, niet-vermeld, afgeleid
    text: str
    quote: str | None = None
    reason: str | None = None
    link: str | None = None  # site-relative URL of the source section holding the quote

    @property
    def has_value(self) -> bool:
        return self.state in ("vermeld", "afgeleid")

    @property
    def plain(self) -> str:
        """One line of plain text (exports, comparisons, finder cards): never presents an inference or a
        blank as the source's value."""
        if self.state == "geen":
            return f"{NONE_STATED}: “{self.quote}”"
        if self.state == "nader-te-bepalen":
            return f"{DEFERRED}: “{self.quote}”"
        if self.state == "afgeleid":
            return f"{self.text} ({INFERRED}: {self.reason})"
        return self.text


def shown(v: Any, fmt: Callable[[Any], str] = str) -> Shown:
    """How to say a sourced value (see macros.model.sourced); ``fmt`` formats the value itself."""
    state = state_of(v)
    if state in ("vermeld", "afgeleid"):
        return Shown(state, fmt(value_of(v)), quote_of(v), reason_of(v))
    if state == "geen":
        return Shown(state, NONE_STATED, quote_of(v))
    return Shown(state, STATE_LABELS[state], quote_of(v))


def with_link(s: Shown, link: str | None) -> Shown:
    return replace(s, link=link)


ALLE_GEMEENTEN = "Alle gemeenten van de regio"


def gemeenten_tekst(waarde: Any) -> str:
    return ALLE_GEMEENTEN if waarde == "alle" else ", ".join(waarde) if waarde else "geen gemeenten genoemd"


def tarief_tekst(t: Any) -> str:
    """'€ 85,50 per uur'; a tariff whose amount the source leaves blank says so ('niet gepubliceerd in de bron, per uur')."""
    bedrag = BLANK if t.bedrag is None else f"€ {t.bedrag:.2f}".replace(".", ",")
    return bedrag + (f", per {t.per}" if t.bedrag is None and t.per else f" per {t.per}" if t.per else "")


def ja_nee(v: bool) -> str:
    return "ja" if v else "nee"


# Kinds of limit: a normenkader and a trajectduur are maxima; a richtinggevend kader is a guideline.
LIMIT_KINDS = {
    "normenkader": "normenkader",
    "trajectduur": "trajectduur (productomschrijving)",
    "richtinggevend-kader": "richtinggevend kader",
}
# The source calls 54002's values a "richtinggevend kader" with exception grounds; that they are not a maximum
# is the editors' reading, and every surface says so.
GUIDELINE_READING = ("de bron noemt het een richtinggevend kader met uitzonderingsgronden; dat het geen maximum is, "
                     f"is {INFERRED}")
GUIDELINE_NOTE = f"richtinggevend kader; geen maximum: {INFERRED}"


def limit(nk: Any, veld: str) -> Shown:
    """The duration ('max_duur') or volume ('max_volume') of a product's limit, saying its kind: a
    guideline (richtinggevend kader) is never shown as a plain maximum."""
    frame = shown(nk)
    if not frame.has_value:
        return frame
    inner = shown(getattr(value_of(nk), veld), hoeveelheid)
    if value_of(nk).soort == "richtinggevend-kader" and inner.has_value:
        inner = replace(inner, text=f"{inner.text} ({GUIDELINE_NOTE})")
    if frame.state == "afgeleid" and inner.state != "afgeleid":
        inner = replace(inner, state="afgeleid", reason=frame.reason)
    return inner


def limit_labels(nk: Any) -> tuple[str, str]:
    """Row labels for a product's duration and volume, by the kind of limit."""
    soort = getattr(value_of(nk), "soort", None)
    if soort == "richtinggevend-kader":
        return "Richtinggevende duur", "Richtinggevende omvang"
    if soort == "normenkader":
        return "Maximale duur (normenkader)", "Maximaal volume (normenkader)"
    return "Maximale duur", "Maximaal volume"


def plain_markdown(text: str) -> str:
    """Markdown of a note as one line of plain text (exports, comparison cells): emphasis and code marks and
    link targets dropped, everything else (a printed '<u>' included) kept as written."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(text.replace("*", "").replace("`", "").split())
