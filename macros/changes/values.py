"""Field-level differences with Dutch labels and values as the pages show them.

Used by ``macros.changes``. The walk is generic (every field of every model, recursively), so a field added
to the model is reported without code changes here; the view's ``FIELD_LABELS`` give the main fields a reader's name.
A few composite values are shown as one value, the way the product page prints them (a tariff as
"€ 85,50 per uur", a duration as "9 maanden"). Lists are aligned item by item, so one edited result
shows as one change rather than as a shifted list.
"""

from __future__ import annotations

import json
import re
from difflib import SequenceMatcher

from pydantic import BaseModel

from macros.catalogue.records import _Record
from macros.changes.types import FieldChange
from macros.model import Bron, Eenheid, Hoeveelheid, Tarief
from macros.model.sourced import is_sourced_state
from macros.text import dutch_number, one_line, quantity_text  # noqa: F401  (one_line: re-exported for macros.changes)
from macros.view.values import shown
from macros.view.words import BLANK, FIELD_LABELS, ITEM_LABELS

ABSENT = "—"  # an optional field or list item that is absent (the page shows nothing)

LABELS, ITEMS = FIELD_LABELS, ITEM_LABELS  # the view's labels (macros.view.words)
SHOWN_AS_ONE = {"gemeenten", "producten", "velden", "productgroepen"}  # lists the pages print as one value
SHOWN_WHOLE = (Tarief, Hoeveelheid, Eenheid, Bron)  # composites the pages print as one value


def label(path: str) -> str:
    """'normenkader.max_duur' -> 'maximale duur'; 'functiemix.niveaus[2].aandeel' -> 'functieniveau 2 › aandeel'."""
    segs: list[str] = []
    fixed, key = 0, ""
    for idx, name in re.findall(r"\[(\d+)\]|([^.\[\]]+)", path):
        if name:
            key = f"{key}.{name}" if key else name
            segs = segs[:fixed] + [LABELS[key]] if key in LABELS else [*segs, name.replace("_", " ")]
        else:
            segs[-1] = f"{ITEMS.get(key, segs[-1])} {idx}"
            fixed = len(segs)
    return " › ".join(segs)


def _model_fields(cls: type[BaseModel]) -> list[tuple[str, object]]:
    identity = {"id", "regio", "pad"} if issubclass(cls, _Record) else set()  # identity, not data
    return [(n, info) for n, info in cls.model_fields.items() if n not in identity]


_INDEX = re.compile(r"\[\d+\]")


def _last_segment(path: str) -> str:
    return _INDEX.sub("", path).rsplit(".", 1)[-1] if "[" in path else path.rsplit(".", 1)[-1]


def _product_label(ref: str, cat) -> str:
    p = cat.producten.get(ref)
    return (p.code or p.naam) if p is not None else ref


def display_text(v, path: str, cat) -> str:
    """A value as the site shows it; '' for nothing."""
    name = _last_segment(path)
    if v is None:
        return ""
    if is_sourced_state(v):  # what the source says instead of a value, or an inference with its reason
        return shown(v, lambda x: display_text(x, path, cat)).plain
    if isinstance(v, Tarief):
        s = BLANK if v.bedrag is None else f"€ {v.bedrag:.2f}".replace(".", ",") + (f" per {v.per}" if v.per else "")
        return s + (f" ({v.toelichting})" if v.toelichting else "")
    if isinstance(v, Hoeveelheid):
        short = quantity_text(v)
        return short if v.tekst == short else f"{short} ({v.tekst})"
    if isinstance(v, Eenheid):
        return v.soort + (f" ({v.toelichting})" if v.toelichting else "")
    if isinstance(v, Bron):
        return f"{v.sectie} ({v.document})" + (f", velden: {', '.join(v.velden)}" if v.velden else "")
    if isinstance(v, BaseModel):
        return " · ".join(t for n, _ in _model_fields(type(v)) if (t := display_text(getattr(v, n), f"{path}.{n}", cat)))
    if isinstance(v, bool):
        return "ja" if v else "nee"
    if isinstance(v, (int, float)):
        return dutch_number(v) + ("%" if name == "aandeel" else "")
    if isinstance(v, list):
        if name == "producten":
            return ", ".join(_product_label(r, cat) for r in v)
        return ", ".join(display_text(x, path, cat) for x in v)
    if name == "producttype" and v in cat.producttypen:
        return cat.producttypen[v].naam
    if name == "gemeenten" and v == "alle":
        return "alle gemeenten van de regio"
    return str(v)


def _blank_for(info) -> str:
    """A required field that may be null is a blank in the source: the page says so. Others show nothing."""
    return BLANK if info is not None and info.is_required() else ABSENT


_BLOCK_START = re.compile(r"\s*(?:[-*+>|#]|\d+[.)])(?:\s|$)")  # a line that starts a Markdown block of its own


def fold(s: str) -> str:
    """A text without its line wrapping: whitespace runs inside a paragraph become one space; paragraphs (blank
    line) and lines that start a list item, quote, table row or heading stay apart. Two texts that fold alike
    read alike on the site, so re-wrapping a text in the YAML is not a change."""
    if all(p and p.isprintable() and "  " not in p and p[0] != " " and p[-1] != " " for p in s.split("\n\n")):
        return s  # paragraphs of single-spaced words: nothing to fold (isprintable() is False for \n, \t, NBSP …)
    parts: list[str] = []
    line_words: list[str] = []
    blank_line = False
    for r in s.splitlines():
        if not r.strip():
            blank_line = True
            continue
        if line_words and (blank_line or _BLOCK_START.match(r)):
            parts += [" ".join(line_words), "\n\n" if blank_line else "\n"]
            line_words = []
        blank_line = False
        line_words += r.split()
    return "".join([*parts, " ".join(line_words)])


def fold_data(v):
    """fold() every text in a value read from YAML or dumped from a model (dicts, lists, scalars)."""
    if isinstance(v, str):
        return fold(v)
    if isinstance(v, list):
        return [fold_data(x) for x in v]
    if isinstance(v, dict):
        return {k: fold_data(x) for k, x in v.items()}
    return v


def _compare_key(x) -> str:
    if isinstance(x, BaseModel):
        return json.dumps(fold_data(x.model_dump(mode="json")), sort_keys=True)
    return repr(fold(x) if isinstance(x, str) else x)


class _Walker:
    def __init__(self, old_cat, new_cat):
        self.ca, self.cb = old_cat, new_cat
        self.out: list[FieldChange] = []

    def row(self, path: str, a, b, blank: str) -> bool:
        ta, tb = display_text(a, path, self.ca) or blank, display_text(b, path, self.cb) or blank
        differs = ta != tb and fold(ta) != fold(tb)  # re-wrapped lines are not a change
        if differs:
            self.out.append(FieldChange(path, label(path), ta, tb))
        return differs

    def model(self, a, b, path: str, skip: set[str] = frozenset()) -> None:
        cls = type(a if a is not None else b)
        for name, info in _model_fields(cls):
            if name not in skip:
                self.diff(getattr(a, name, None) if a is not None else None,
                          getattr(b, name, None) if b is not None else None,
                          f"{path}.{name}" if path else name, _blank_for(info))

    def diff(self, a, b, path: str, blank: str) -> None:
        if a == b:
            return
        if isinstance(a, BaseModel) or isinstance(b, BaseModel):
            types_differ = a is not None and b is not None and type(a) is not type(b)
            if isinstance(a if a is not None else b, SHOWN_WHOLE) or types_differ or is_sourced_state(a if a is not None else b):
                if not self.row(path, a, b, blank) and a is not None and b is not None and not types_differ:
                    self.model(a, b, path)  # shown alike, but not equal: name the sub-field
                return
            self.model(a, b, path)
        elif (isinstance(a, list) or a is None) and (isinstance(b, list) or b is None) \
                and _last_segment(path) not in SHOWN_AS_ONE:
            self.list_items(a or [], b or [], path)
        else:
            self.row(path, a, b, blank)

    def list_items(self, a: list, b: list, path: str) -> None:
        sm = SequenceMatcher(None, [_compare_key(x) for x in a], [_compare_key(x) for x in b], autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == "equal":
                continue
            for k in range(max(i2 - i1, j2 - j1)):
                x = a[i1 + k] if i1 + k < i2 else None
                y = b[j1 + k] if j1 + k < j2 else None
                p = f"{path}[{(j1 if y is not None else i1) + k + 1}]"
                if x is None or y is None:
                    self.row(p, x, y, ABSENT)  # a whole item added or removed: one row
                else:
                    self.diff(x, y, p, ABSENT)


def field_changes(a: BaseModel, b: BaseModel, old_cat, new_cat, skip: set[str] = frozenset()) -> list[FieldChange]:
    """Every field that differs between two versions of one model (records: identity fields left out)."""
    walker = _Walker(old_cat, new_cat)
    walker.model(a, b, "", skip)
    return walker.out
