"""What a source says about a value: one small, reusable shape for every field a source may leave unsaid.

A field typed ``Sourced[T]`` holds one of:

- the plain value (``status: concept``): stated by the source;
- ``{staat: vermeld, waarde: …, citaat: "…"}``: stated, with the source's own words;
- ``{staat: geen, citaat: "Code zonder tarief"}``: the source states there is none;
- ``{staat: nader-te-bepalen, citaat: "Aantal bijeenkomsten nader te bepalen"}``: the source defers the value
  (it is still to be decided; not an absence);
- ``{staat: leeg}``: the source has the field but leaves it blank (an empty "€");
- ``{staat: niet-vermeld}``: the source does not mention it at all;
- ``{staat: afgeleid, waarde: …, reden: "…"}``: an editorial inference, always with its reason.

The plain value is the short form of ``vermeld``; a CMS form or a spreadsheet import can always
write the long form (a ``staat`` column and a ``waarde`` column). ``null`` is refused with a
message that names the states, so a blank is always a deliberate statement about the source.

The non-value states are falsy, so ``if p.tarief`` never mistakes "blank in the source" for a
value; code that shows a value uses ``value_of``, and ``macros.view`` says the state.
"""

from __future__ import annotations

from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, StringConstraints, Tag

T = TypeVar("T")
Quote = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

STATES = ("vermeld", "geen", "nader-te-bepalen", "leeg", "niet-vermeld", "afgeleid")
# The state words as the site says them, defined here once (macros.view.words; the editing guide names them).
STATE_LABELS = {
    "vermeld": "vermeld in de bron",
    "geen": "geen, volgens de bron",
    "nader-te-bepalen": "nader te bepalen volgens de bron",
    "leeg": "niet gepubliceerd in de bron",
    "niet-vermeld": "niet vermeld in de bron",
    "afgeleid": "afgeleid door de redactie",
}
NULL_PROBLEM = "null zegt niet wat de bron doet"
NULL_FIX = (
    "schrijf {staat: leeg} als de bron het veld leeg laat (bv. een leeg '€'), {staat: niet-vermeld} als de "
    "bron het niet noemt, {staat: geen, citaat: \"…\"} als de bron zegt dat er geen is, of "
    "{staat: nader-te-bepalen, citaat: \"…\"} als de bron zegt dat het nog bepaald wordt"
)
NULL_MESSAGE = f"{NULL_PROBLEM}: {NULL_FIX}"


# Vermeld, Geen, NaderTeBepalen, Leeg, NietVermeld, Afgeleid (and VermeldTarief, ...): Dutch on purpose, they are
# the $defs of the published JSON Schemas and the states' names (see macros.model.Strict).
class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Vermeld(_Strict, Generic[T]):
    """Stated by the source, with its words."""

    staat: Literal["vermeld"]
    waarde: T
    citaat: Quote | None = Field(default=None, description="De woorden van de bron, letterlijk")


class Afgeleid(_Strict, Generic[T]):
    """Not stated by the source: the editors inferred it, and say why."""

    staat: Literal["afgeleid"]
    waarde: T
    reden: Quote = Field(description="Waarom de redactie deze waarde afleidt; staat op de pagina")
    citaat: Quote | None = Field(default=None, description="De woorden van de bron waarop de afleiding steunt")


class _Absent(_Strict):
    def __bool__(self) -> bool:  # an absent value is never mistaken for a value
        return False


class Geen(_Absent):
    """The source says there is none ('Code zonder tarief')."""

    staat: Literal["geen"]
    citaat: Quote = Field(description="De woorden waarmee de bron zegt dat er geen is, letterlijk")


class NaderTeBepalen(_Absent):
    """The source defers the value: it is still to be decided ('Aantal bijeenkomsten nader te bepalen').
    Not an absence: the source does not say there is none."""

    staat: Literal["nader-te-bepalen"]
    citaat: Quote = Field(description="De woorden waarmee de bron de waarde uitstelt, letterlijk "
                          "(bv. 'Aantal bijeenkomsten nader te bepalen')")


class Leeg(_Absent):
    """The source has the field but leaves it blank (an empty '€')."""

    staat: Literal["leeg"]
    citaat: Quote | None = Field(default=None, description="Wat de bron op die plek drukt, bv. '84110 €'")


class NietVermeld(_Absent):
    """The source does not mention it at all."""

    staat: Literal["niet-vermeld"]


# The wrapper classes, and those that may carry the source's words (a 'citaat').
SOURCED_CLASSES = (Vermeld, Afgeleid, Geen, NaderTeBepalen, Leeg, NietVermeld)
QUOTED_CLASSES = (Vermeld, Afgeleid, Geen, NaderTeBepalen, Leeg)

_SUBCLASSES: dict[str, tuple[type, type]] = {}


def _tag(v: Any) -> str:
    if isinstance(v, dict) and "staat" in v:
        return f"staat={v['staat']}" if v["staat"] in STATES else "staat=onbekend"
    if isinstance(v, BaseModel) and "staat" in type(v).model_fields:
        return f"staat={v.staat}"
    return "staat=waarde"


def _refuse_null(v: Any) -> Any:
    if v is None:
        raise ValueError(NULL_MESSAGE)
    return v


def sourced(t: Any, name: str) -> Any:
    """The annotation of a field that a source may leave unsaid: ``sourced(Tarief, "Tarief")``.

    ``name`` names the generated JSON Schema definitions (VermeldTarief, AfgeleidTarief).
    Tags start with 'staat=' so error locations can drop them (macros.catalogue.messages)."""
    if name not in _SUBCLASSES:  # named subclasses: readable JSON Schema names, one per value type
        _SUBCLASSES[name] = (
            type(f"Vermeld{name}", (Vermeld[t],), {"__module__": __name__}),
            type(f"Afgeleid{name}", (Afgeleid[t],), {"__module__": __name__}),
        )
    stated_class, inferred_class = _SUBCLASSES[name]
    return Annotated[
        Annotated[t, Tag("staat=waarde")] | Annotated[stated_class, Tag("staat=vermeld")] | Annotated[Geen, Tag("staat=geen")] | Annotated[NaderTeBepalen, Tag("staat=nader-te-bepalen")] | Annotated[Leeg, Tag("staat=leeg")] | Annotated[NietVermeld, Tag("staat=niet-vermeld")] | Annotated[inferred_class, Tag("staat=afgeleid")],
        Discriminator(
            _tag, custom_error_type="staat_onbekend",
            custom_error_message="unknown staat", custom_error_context={"expected": ", ".join(STATES)},
        ),
        BeforeValidator(_refuse_null),
    ]


# --- reading a sourced value -------------------------------------------------------------------------


def state_of(v: Any) -> str:
    """'vermeld' for a plain or stated value; else the state ('geen', 'nader-te-bepalen', 'leeg', 'niet-vermeld',
    'afgeleid')."""
    return v.staat if isinstance(v, SOURCED_CLASSES) else "vermeld"


def value_of(v: Any) -> Any:
    """The value, stated or inferred; None when the source gives none (geen, nader-te-bepalen, leeg, niet-vermeld)."""
    if isinstance(v, (Vermeld, Afgeleid)):
        return v.waarde
    if isinstance(v, _Absent):
        return None
    return v


def stated_value(v: Any) -> Any:
    """The value only when the source states it (not an inference); else None."""
    return value_of(v) if state_of(v) == "vermeld" else None


def quote_of(v: Any) -> str | None:
    return getattr(v, "citaat", None) if isinstance(v, QUOTED_CLASSES) else None


def reason_of(v: Any) -> str | None:
    return v.reden if isinstance(v, Afgeleid) else None


def is_sourced_state(v: Any) -> bool:
    """True for the wrapper objects (not for a plain value)."""
    return isinstance(v, SOURCED_CLASSES)


def is_sourced_field(info: Any) -> bool:
    """True for a model field declared with ``sourced(...)`` (a pydantic FieldInfo)."""
    return any(isinstance(m, Discriminator) and m.discriminator is _tag for m in getattr(info, "metadata", ()))


def sourced_field_names(*models: type[BaseModel]) -> set[str]:
    """Names of the sourced fields in these models and the models inside them (for error messages)."""
    names: set[str] = set()
    seen: set[type] = set()
    stack = list(models)
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            if is_sourced_field(info):
                names.add(name)
            stack.extend(_models_in(info.annotation))
    return names


def _models_in(tp: Any) -> list[type[BaseModel]]:
    out = []
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        out.append(tp)
    for arg in getattr(tp, "__args__", ()) or ():
        out.extend(_models_in(arg))
    return out
