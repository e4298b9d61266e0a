"""Decap CMS fields from the model's shapes (``macros.cms.schema``): one translation for every kind.

- an object becomes an ``object`` widget with its fields in model order (a file's root: the fields);
- a list becomes a ``list`` of its item (``field`` for one widget, ``fields`` for objects; a list of
  text-or-block items, such as ``opmerkingen``, holds each item as ``{name: item}``, see ``pb_enkel``);
- a map with free keys (editions of a code table) has no form here: refused, so no collection has it;
- a choice (``X | None``, ``'alle' | lijst``, and any union the model grows) becomes ``pb-keuze``: one
  radio button per alternative, a constant alternative (null, 'alle', a fixed block) is chosen as is,
  the others open their own sub-form; so every alternative the model allows can be set, and a
  ``null`` stays an explicit ``null``;
- a sourced value (``macros.model.sourced``) becomes ``pb-bron``: a choice of the model's states
  (stated, stated absent, blank, not mentioned, inferred) with, per state, the fields that state has
  (``waarde``, ``citaat``, ``reden``) as a sub-form; the widget writes the plain value when a stated
  value has no quote, and the long form ``{staat: …}`` otherwise;
- an enumeration or constant becomes a ``select``;
- text and numbers become ``pb-tekst`` / ``pb-getal``: Decap's own widgets plus the model's
  constraints (``model``), checked in the form with the model's Dutch messages
  (``macros.catalogue.messages``), see ``overrides/assets/cms/widgets.js``.

Labels come from the change report's Dutch field names, help texts from the field descriptions.
``Overrides`` replace a field by path where the catalogue knows more than the schema (municipalities
of the region, product types, source documents, product references as relation widgets).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from macros.cms.schema import Shape, UnknownSchema, state_of
from macros.view.words import FIELD_LABELS as LABELS
from macros.view.words import ITEM_LABELS as ITEMS
from macros.view.words import STATE_WORDS as STATE_LABELS

Overrides = dict[str, Callable[[dict], dict]]  # field path ('bron.document') -> field config -> new config
ITEM_LABELS = {"bron.velden": "veld"}  # one item of a list the change report has no word for

LONG_TEXT = 80  # text without a pattern gets a text area (the data's texts are mostly paragraphs)

# Help texts in a policy editor's words where the model's description speaks to whoever edits the YAML
# (null, file paths, ids). Keyed by field path; a description with such a word and no entry here is
# left out rather than shown (tests/test_cms.py checks the whole configuration for these words).
FORM_HINTS = {
    "code": "De productcode in het iJw-berichtenverkeer, bv. 45F34. Kies 'Geen' als het product (nog) geen code heeft.",
    "producttype": "Het soort product, zoals het productenboek de producten indeelt",
    "gemeenten": "Alle gemeenten van de regio, of alleen de gemeenten die de bron noemt",
    "tarief.bedrag": "Bedrag in euro, groter dan 0, bv. 85,50. Kies 'Geen' als de bron het bedrag leeg laat (bv. '€ per uur').",
    "samenloop.producten": "De producten waarmee dit product samen kan gaan",
    "bron.document": "Het brondocument waar deze gegevens uit komen",
    "bron.sectie": "De kop van de sectie zoals het document hem drukt, bv. 'Normenkader'",
    "regio": "De regio van deze beslisboom; kies 'Geen' voor een boom die voor meer regio's geldt",
    "vragen.id": "Een korte naam voor deze vraag, uniek in de boom, bv. 'leeftijd'",
    "vragen.antwoorden.naar": "De korte naam van de volgende vraag of van een uitkomst",
    "gemeenten.ook": "Andere schrijfwijzen die een bron of de gemeente zelf gebruikt, bv. 's-Gravenhage",
}
FORM_LABELS = {"vragen.id": "Korte naam", "uitkomsten.id": "Korte naam"}
FORM_HINTS["uitkomsten.id"] = "Een korte naam voor deze uitkomst, uniek in de boom"
# Words of the data files, not of a policy editor: a description holding one is not shown as help.
TECHNICAL = re.compile(r"\{staat\b|\bnull\b|data/|\.ya?ml\b|\.txt\b|\[\]|\bid\b|-id\b|'alle'|\bitem\b|/<|\[['\"]", re.I)
# How a constant alternative of a choice reads in the form, by field path and value.
CONSTANT_LABELS = {("gemeenten", "alle"): "Alle gemeenten van de regio"}
LIST_LABELS = {"gemeenten": "Alleen deze gemeenten"}


def _plain(path: str) -> str:
    """A field path without the model's list marks ('vragen[].id' -> 'vragen.id')."""
    return path.replace("[]", "")


def label(path: str, name: str) -> str:
    name = name.replace("[]", "")
    text = FORM_LABELS.get(_plain(path)) or LABELS.get(path) or LABELS.get(name) or name.replace("_", " ")
    return text[:1].upper() + text[1:]


def hint(path: str, description: str) -> str:
    """The help text of a field: the form's own where the model's description is technical, else that."""
    own = FORM_HINTS.get(_plain(path))
    if own:
        return own
    return "" if TECHNICAL.search(description) else description


def _null_label(required: bool) -> str:
    # Not a statement about the source: what a source leaves unsaid is a sourced value's state (pb-bron).
    return "Geen" if required else "Niet ingevuld"


def _model(s: Shape) -> dict:
    """The constraints the form checks itself, as JSON Schema keywords (only what applies)."""
    out = {"type": s.type} if s.kind == "scalar" else {}
    out.update({k: v for k, v in s.constraints.items() if k != "propertyNames"})
    return out


def _alternative_label(alt: Shape, required: bool, path: str = "") -> str:
    if alt.kind == "const":
        if alt.value is None:
            return _null_label(required)
        own = CONSTANT_LABELS.get((_plain(path), alt.value))
        return own or str(alt.value)[:1].upper() + str(alt.value)[1:]
    if alt.kind == "list" and _plain(path) in LIST_LABELS:
        return LIST_LABELS[_plain(path)]
    if alt.kind == "scalar" and alt.type == "null":
        return _null_label(required)
    if alt.title:
        return alt.title
    return {"list": "Een lijst", "object": "Ingevuld", "scalar": "Ingevuld"}.get(alt.kind, "Ingevuld")


def _match(alt: Shape) -> dict:
    """How the form recognises which alternative a value is."""
    if alt.kind == "const":
        return {"waarde": alt.value}
    if alt.kind == "scalar" and alt.type == "null":
        return {"waarde": None}
    json_type = {"object": "object", "list": "array", "map": "object", "enum": "string"}.get(alt.kind, alt.type)
    return {"soort": "number" if json_type == "integer" else json_type}


def field(name: str, s: Shape, required: bool, path: str, overrides: Overrides) -> dict:
    base = {"name": name, "label": label(path, name)}
    if help_text := hint(path, s.description):
        base["hint"] = help_text
    out = base | _widget(s, required, path, overrides, base["label"])
    out["required"] = required
    if path in overrides and s.kind != "sourced":  # a sourced value's override applies to its waarde
        out = overrides[path](out)
    return out


def _widget(s: Shape, required: bool, path: str, overrides: Overrides, outer: str = "") -> dict:
    if s.kind == "object":
        return {"widget": "object", "collapsed": False, "fields": fields(s, path, overrides)}
    if s.kind == "list":
        item = s.item
        singular = ITEMS.get(path) or ITEM_LABELS.get(_plain(path)) or label(path, path.rsplit(".", 1)[-1])
        out = {"widget": "pb-lijst", "pb_basis": "list", "label_singular": singular[:1].upper() + singular[1:], "collapsed": False,
               "pb_model": _model(s)}
        if item.kind == "object":
            return out | {"fields": fields(item, path, overrides)}
        single = field(singular, item, True, path + "[]", overrides) | {"label": singular[:1].upper() + singular[1:]}
        if item.kind == "choice" and any(a.kind == "object" for a in item.alternatives):
            # Decap's list reads a block item as the item's fields: held as {name: item} by pb-lijst
            # (under pb_velden, not fields: Decap's serializer would read each item of the entry as a block)
            return out | {"pb_velden": [single], "pb_enkel": single["name"]}
        return out | {"field": single}
    if s.kind == "sourced":
        return {"widget": "pb-bron", "staten": _states(s, path, overrides)}
    if s.kind == "choice":
        base_hint = hint(path, s.description)
        choices = []
        for alt in s.alternatives:
            choice = {"label": _alternative_label(alt, required, path), **_match(alt)}
            if "waarde" not in choice:
                sub = field(path.rsplit(".", 1)[-1], alt, True, path, overrides)
                if sub.get("hint") == base_hint:  # said once, under the choice
                    del sub["hint"]
                choice["veld"] = sub | {"label": f"{outer}: {choice['label'][:1].lower()}{choice['label'][1:]}"}
            choices.append(choice)
        return {"widget": "pb-keuze", "keuzes": choices}
    if s.kind == "enum":
        return {"widget": "select", "options": list(s.options)}
    if s.kind == "const":
        return {"widget": "select", "options": [s.value], "default": s.value}
    if s.kind == "scalar" and s.type == "boolean":
        return {"widget": "boolean"}
    if s.kind == "scalar" and s.type in ("number", "integer"):
        return {"widget": "pb-getal", "value_type": "int" if s.type == "integer" else "float", "pb_model": _model(s)}
    if s.kind == "scalar" and s.type == "string":
        short = "pattern" in s.constraints or s.constraints.get("maxLength", LONG_TEXT + 1) <= LONG_TEXT
        return {"widget": "pb-tekst", "pb_basis": "string" if short else "text", "pb_model": _model(s)}
    raise UnknownSchema(path, f"geen formulierveld voor {s.kind} {s.type}".strip())


def _not_null(s: Shape) -> Shape:
    """``X | None`` as X: in a state's sub-form an optional field is simply left empty."""
    if s.kind == "choice":
        rest = [a for a in s.alternatives if not (a.kind == "scalar" and a.type == "null")]
        if len(rest) == 1:
            return replace(rest[0], description=s.description or rest[0].description)
    return s


def _states(s: Shape, path: str, overrides: Overrides) -> list[dict]:
    """Per state of a sourced value: its label as the site says it, and the fields it has besides 'staat'."""
    name = path.rsplit(".", 1)[-1]
    outer = label(path, name)
    out = []
    for alt in s.alternatives:
        state_fields = []
        for sub_name, sub, required, _ in alt.fields[1:]:
            if sub_name == "waarde":  # the plain value's own form, with the catalogue's overrides for this field
                sub_field = field(name, s.item, True, path, overrides) | {"name": "waarde"}
            else:  # citaat, reden; an optional one is left out when empty (never written as null)
                sub_field = field(sub_name, _not_null(sub), required, f"{path}.{sub_name}", {})
            state_fields.append(sub_field | {"label": f"{outer}: {label('', sub_name).lower()}"})
        out.append({"staat": state_of(alt), "label": STATE_LABELS[state_of(alt)], "velden": state_fields})
    return out


def fields(s: Shape, path: str = "", overrides: Overrides | None = None) -> list[dict]:
    out = []
    for name, sub, required, _ in s.fields:
        sub_path = f"{path}.{name}" if path else name
        out.append(field(name, sub, required, sub_path, overrides or {}))
    return out
