"""A sourced value as the site says it (``Shown``), and the formats of composite values.

``shown`` reads a value of ``macros.model.sourced``: the value, a stated absence, a blank, silence or an
editorial inference; ``Shown.plain`` is its one line of plain text (exports, comparisons, finder cards, the
change report), the templates' ``said`` macro its HTML. Never an inference or a blank presented as a value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from macros.model.sourced import quote_of, reason_of, state_of, value_of
from macros.text import dutch_number, quantity_text
from macros.view.words import (
    ALL_MUNICIPALITIES,
    BLANK,
    DEFERRED,
    GUIDELINE_NOTE,
    INFERRED,
    NONE_STATED,
    STATE_WORDS,
    label,
)


@dataclass(frozen=True)
class Shown:
    """A sourced value as the site says it. ``text`` is the formatted value, or the state's words."""

    state: str  # one of macros.model.sourced.STATES
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

    @property
    def compact(self) -> str:
        """For a finder card or filter: an inference is marked, its reason is on the product page."""
        return f"{self.text} ({INFERRED})" if self.state == "afgeleid" else self.plain


def shown(v: Any, fmt: Callable[[Any], str] = str) -> Shown:
    """How to say a sourced value (see macros.model.sourced); ``fmt`` formats the value itself."""
    state = state_of(v)
    if state in ("vermeld", "afgeleid"):
        return Shown(state, fmt(value_of(v)), quote_of(v), reason_of(v))
    return Shown(state, STATE_WORDS[state], quote_of(v))


def with_link(s: Shown, link: str | None) -> Shown:
    return replace(s, link=link)


def municipalities_text(value: Any) -> str:
    return ALL_MUNICIPALITIES if value == "alle" else ", ".join(value) if value else "geen gemeenten genoemd"


def tariff_text(t: Any) -> str:
    """'€ 85,50 per uur'; a tariff whose amount the source leaves blank says so ('niet gepubliceerd in de bron, per uur')."""
    amount = BLANK if t.bedrag is None else f"€ {t.bedrag:.2f}".replace(".", ",")
    return amount + (f", per {t.per}" if t.bedrag is None and t.per else f" per {t.per}" if t.per else "")


def unit_text(e: Any) -> str:
    return e.soort


def levels_text(staff_mix: Any) -> str:
    """A staff mix in one line: 'HBO 60%, WO 40%'."""
    return ", ".join(n.niveau + (f" {dutch_number(n.aandeel)}%" if n.aandeel is not None else "") for n in staff_mix.niveaus)


def limit(limit_frame: Any, field_name: str) -> Shown:
    """The duration ('max_duur') or volume ('max_volume') of a product's limit, saying its kind: a
    guideline (richtinggevend kader) is never shown as a plain maximum."""
    frame = shown(limit_frame, lambda _frame: "")  # with a value only its state counts: the inner value is shown
    if not frame.has_value:
        return frame
    inner = shown(getattr(value_of(limit_frame), field_name), quantity_text)
    if value_of(limit_frame).soort == "richtinggevend-kader" and inner.has_value:
        inner = replace(inner, text=f"{inner.text} ({GUIDELINE_NOTE})")
    if frame.state == "afgeleid" and inner.state != "afgeleid":
        inner = replace(inner, state="afgeleid", reason=frame.reason)
    return inner


def limit_labels(limit_frame: Any) -> tuple[str, str]:
    """Row labels for a product's duration and volume, by the kind of limit."""
    kind = getattr(value_of(limit_frame), "soort", None)
    if kind == "richtinggevend-kader":
        return label("richtduur"), label("richtvolume")
    if kind == "normenkader":
        return f"{label('duur')} (normenkader)", f"{label('volume')} (normenkader)"
    return label("duur"), label("volume")
