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
from macros.text import getal, hoeveelheid, one_line  # noqa: F401  (one_line: re-exported for macros.changes)
from macros.view.values import shown
from macros.view.words import BLANK, FIELD_LABELS, ITEM_LABELS

GEEN = "—"  # an optional field or list item that is absent (the page shows nothing)

LABELS, ITEMS = FIELD_LABELS, ITEM_LABELS  # the view's labels (macros.view.words)
SAMEN_GETOOND = {"gemeenten", "producten", "velden", "productgroepen"}  # lists the pages print as one value
ALS_GEHEEL = (Tarief, Hoeveelheid, Eenheid, Bron)  # composites the pages print as one value


def label(pad: str) -> str:
    """'normenkader.max_duur' -> 'maximale duur'; 'functiemix.niveaus[2].aandeel' -> 'functieniveau 2 › aandeel'."""
    segs: list[str] = []
    vast, key = 0, ""
    for idx, naam in re.findall(r"\[(\d+)\]|([^.\[\]]+)", pad):
        if naam:
            key = f"{key}.{naam}" if key else naam
            segs = segs[:vast] + [LABELS[key]] if key in LABELS else [*segs, naam.replace("_", " ")]
        else:
            segs[-1] = f"{ITEMS.get(key, segs[-1])} {idx}"
            vast = len(segs)
    return " › ".join(segs)


def _velden(cls: type[BaseModel]) -> list[tuple[str, object]]:
    eigen = {"id", "regio", "pad"} if issubclass(cls, _Record) else set()  # identity, not data
    return [(n, info) for n, info in cls.model_fields.items() if n not in eigen]


_INDEX = re.compile(r"\[\d+\]")


def _laatste(pad: str) -> str:
    return _INDEX.sub("", pad).rsplit(".", 1)[-1] if "[" in pad else pad.rsplit(".", 1)[-1]


def _product(ref: str, cat) -> str:
    p = cat.producten.get(ref)
    return (p.code or p.naam) if p is not None else ref


def tekst(v, pad: str, cat) -> str:
    """A value as the site shows it; '' for nothing."""
    naam = _laatste(pad)
    if v is None:
        return ""
    if is_sourced_state(v):  # what the source says instead of a value, or an inference with its reason
        return shown(v, lambda x: tekst(x, pad, cat)).plain
    if isinstance(v, Tarief):
        s = BLANK if v.bedrag is None else f"€ {v.bedrag:.2f}".replace(".", ",") + (f" per {v.per}" if v.per else "")
        return s + (f" ({v.toelichting})" if v.toelichting else "")
    if isinstance(v, Hoeveelheid):
        kort = hoeveelheid(v)
        return kort if v.tekst == kort else f"{kort} ({v.tekst})"
    if isinstance(v, Eenheid):
        return v.soort + (f" ({v.toelichting})" if v.toelichting else "")
    if isinstance(v, Bron):
        return f"{v.sectie} ({v.document})" + (f", velden: {', '.join(v.velden)}" if v.velden else "")
    if isinstance(v, BaseModel):
        return " · ".join(t for n, _ in _velden(type(v)) if (t := tekst(getattr(v, n), f"{pad}.{n}", cat)))
    if isinstance(v, bool):
        return "ja" if v else "nee"
    if isinstance(v, (int, float)):
        return getal(v) + ("%" if naam == "aandeel" else "")
    if isinstance(v, list):
        if naam == "producten":
            return ", ".join(_product(r, cat) for r in v)
        return ", ".join(tekst(x, pad, cat) for x in v)
    if naam == "producttype" and v in cat.producttypen:
        return cat.producttypen[v].naam
    if naam == "gemeenten" and v == "alle":
        return "alle gemeenten van de regio"
    return str(v)


def _leeg(info) -> str:
    """A required field that may be null is a blank in the source: the page says so. Others show nothing."""
    return BLANK if info is not None and info.is_required() else GEEN


_BLOK = re.compile(r"\s*(?:[-*+>|#]|\d+[.)])(?:\s|$)")  # a line that starts a Markdown block of its own


def fold(s: str) -> str:
    """A text without its line wrapping: whitespace runs inside a paragraph become one space; paragraphs (blank
    line) and lines that start a list item, quote, table row or heading stay apart. Two texts that fold alike
    read alike on the site, so re-wrapping a text in the YAML is not a change."""
    if all(p and p.isprintable() and "  " not in p and p[0] != " " and p[-1] != " " for p in s.split("\n\n")):
        return s  # paragraphs of single-spaced words: nothing to fold (isprintable() is False for \n, \t, NBSP …)
    delen: list[str] = []
    regel: list[str] = []
    witregel = False
    for r in s.splitlines():
        if not r.strip():
            witregel = True
            continue
        if regel and (witregel or _BLOK.match(r)):
            delen += [" ".join(regel), "\n\n" if witregel else "\n"]
            regel = []
        witregel = False
        regel += r.split()
    return "".join([*delen, " ".join(regel)])


def fold_data(v):
    """fold() every text in a value read from YAML or dumped from a model (dicts, lists, scalars)."""
    if isinstance(v, str):
        return fold(v)
    if isinstance(v, list):
        return [fold_data(x) for x in v]
    if isinstance(v, dict):
        return {k: fold_data(x) for k, x in v.items()}
    return v


def _sleutel(x) -> str:
    if isinstance(x, BaseModel):
        return json.dumps(fold_data(x.model_dump(mode="json")), sort_keys=True)
    return repr(fold(x) if isinstance(x, str) else x)


class _Loper:
    def __init__(self, oud_cat, nieuw_cat):
        self.ca, self.cb = oud_cat, nieuw_cat
        self.uit: list[FieldChange] = []

    def rij(self, pad: str, a, b, leeg: str) -> bool:
        ta, tb = tekst(a, pad, self.ca) or leeg, tekst(b, pad, self.cb) or leeg
        anders = ta != tb and fold(ta) != fold(tb)  # re-wrapped lines are not a change
        if anders:
            self.uit.append(FieldChange(pad, label(pad), ta, tb))
        return anders

    def model(self, a, b, pad: str, zonder: set[str] = frozenset()) -> None:
        cls = type(a if a is not None else b)
        for naam, info in _velden(cls):
            if naam not in zonder:
                self.diff(getattr(a, naam, None) if a is not None else None,
                          getattr(b, naam, None) if b is not None else None,
                          f"{pad}.{naam}" if pad else naam, _leeg(info))

    def diff(self, a, b, pad: str, leeg: str) -> None:
        if a == b:
            return
        if isinstance(a, BaseModel) or isinstance(b, BaseModel):
            verschillend = a is not None and b is not None and type(a) is not type(b)
            if isinstance(a if a is not None else b, ALS_GEHEEL) or verschillend or is_sourced_state(a if a is not None else b):
                if not self.rij(pad, a, b, leeg) and a is not None and b is not None and not verschillend:
                    self.model(a, b, pad)  # shown alike, but not equal: name the sub-field
                return
            self.model(a, b, pad)
        elif (isinstance(a, list) or a is None) and (isinstance(b, list) or b is None) \
                and _laatste(pad) not in SAMEN_GETOOND:
            self.lijst(a or [], b or [], pad)
        else:
            self.rij(pad, a, b, leeg)

    def lijst(self, a: list, b: list, pad: str) -> None:
        sm = SequenceMatcher(None, [_sleutel(x) for x in a], [_sleutel(x) for x in b], autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == "equal":
                continue
            for k in range(max(i2 - i1, j2 - j1)):
                x = a[i1 + k] if i1 + k < i2 else None
                y = b[j1 + k] if j1 + k < j2 else None
                p = f"{pad}[{(j1 if y is not None else i1) + k + 1}]"
                if x is None or y is None:
                    self.rij(p, x, y, GEEN)  # a whole item added or removed: one row
                else:
                    self.diff(x, y, p, GEEN)


def verschillen(a: BaseModel, b: BaseModel, oud_cat, nieuw_cat, zonder: set[str] = frozenset()) -> list[FieldChange]:
    """Every field that differs between two versions of one model (records: identity fields left out)."""
    loper = _Loper(oud_cat, nieuw_cat)
    loper.model(a, b, "", zonder)
    return loper.uit
