"""The data files' one YAML style, kept by both editors that write them.

Two programs write ``data/`` besides people: the spreadsheet import (Python, ``ruamel.yaml`` round
trip) and the CMS at /beheer/ (in the browser, the ``yaml`` package's Document round trip, see
``overrides/assets/cms/yaml_file.js``). Both re-emit a file from its parsed tree, so a file must
already be in the form they emit, or a one-field edit would rewrite other lines. That form is:

- two-space indentation, list items indented under their key (``  - item``);
- no line folding: a one-line text stays on one line (``>`` folded blocks become one-line scalars);
  text with line breaks is a literal block (``|`` / ``|-``);
- ``null`` written out; quotes, comments, flow lists (``[a, b]``) and key order as they are.

``normalise`` puts a text into that form without changing what it means (checked: PyYAML reads
the same data before and after); ``productenboek-yaml-style`` applies it to ``data/`` and, with
``--check``, fails on any file that is not in it (a test runs that check, and another checks that
the browser's round trip leaves every file byte for byte as it is).
"""

from __future__ import annotations

import io
from collections.abc import MutableMapping, MutableSequence
from pathlib import Path

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import (
    FoldedScalarString,
    LiteralScalarString,
    PlainScalarString,
    SingleQuotedScalarString,
)

WIDTH = 1_000_000  # never fold a line


class _Representer(RoundTripRepresenter):
    """ruamel writes None as an empty value; the data says ``null`` explicitly."""


_Representer.add_representer(type(None), lambda self, _: self.represent_scalar("tag:yaml.org,2002:null", "null"))


def round_trip() -> YAML:
    """A ruamel.yaml instance that reads and writes the data files in their style."""
    y = YAML(typ="rt")
    y.Representer = _Representer
    y.preserve_quotes = True
    y.width = WIDTH
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def dump(data: object, y: YAML | None = None) -> str:
    buf = io.StringIO()
    (y or round_trip()).dump(data, buf)
    return buf.getvalue()


def _unfold(node: object) -> object:
    if isinstance(node, MutableMapping):
        for key in list(node):
            node[key] = _unfold(node[key])
    elif isinstance(node, MutableSequence):
        for i, item in enumerate(node):
            node[i] = _unfold(item)
    elif isinstance(node, FoldedScalarString):
        # A ruamel map keeps a key's scalar style when given a plain str: give it a style.
        text = str(node)
        return PlainScalarString(text) if scalar(text) == text and type(scalar(text)) is str else scalar(text)
    return node


def normalise(text: str) -> str:
    """The same data in the house style. Raises ValueError if that would change what PyYAML reads."""
    y = round_trip()
    out = dump(_unfold(y.load(text)), y)
    if yaml.safe_load(out) != yaml.safe_load(text):
        raise ValueError("normaliseren zou de gegevens veranderen")
    return out


def scalar(value: object) -> object:
    """A value to put into a ruamel tree so that it is written in the house style and read back
    by PyYAML (YAML 1.1) as exactly this value: text with line breaks as a literal block, text that
    PyYAML would read as something else (``ja``/``yes``/``on``, ``12:30``, ``2024-01-01``, ``'007'``)
    in single quotes, integral numbers without '.0'."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if not isinstance(value, str):
        return value
    if "\n" in value:
        return LiteralScalarString(value)
    try:
        plain_ok = yaml.safe_load(value) == value and value == value.strip() and not value.startswith(("'", '"'))
    except yaml.YAMLError:
        plain_ok = False
    return value if plain_ok else SingleQuotedScalarString(value)


def files_out_of_style(data_dir: Path) -> list[Path]:
    """Data files that ``normalise`` would change."""
    out = []
    for path in sorted(data_dir.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if normalise(text) != text:
            out.append(path)
    return out
