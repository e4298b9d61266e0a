"""Edit a YAML file in place without reformatting it (ruamel.yaml round trip).

``edit(text, changes)`` applies ``{path: value}`` (a path is a tuple of keys, a value plain Python data or
``DELETE``) to the round-trip document, dumps it, and then takes from that dump only the lines of the
changed keys: every other line of the file stays byte for byte as it was (ruamel.yaml keeps comments, key
order and quoting, but it rejoins a plain scalar that was folded over several lines, so a whole-file
dump would touch lines that did not change). A changed key is replaced at the deepest block mapping that
holds it in both versions; a flow mapping (``{staat: leeg}``) or a list is replaced as a whole.

Values reach the file only through ruamel.yaml's serializer, never as text put into YAML source; the
result is read back and compared with the intended document, so a splice can never change anything else.
"""

from __future__ import annotations

import copy
import io
import re
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DELETE = object()  # a change that removes the key


def _yaml(text: str = "") -> YAML:
    y = YAML()  # round trip, safe: no tags are constructed into objects
    y.preserve_quotes = True
    y.width = 1_000_000  # never fold a line the serializer writes
    # "key:\n  - item" (indented lists) or "key:\n- item": follow what the file does
    m = re.search(r"^( *)[A-Za-z_]+:\n( *)- ", text, re.M)
    indented = bool(m and len(m.group(2)) > len(m.group(1)))
    y.indent(mapping=2, sequence=4 if indented else 2, offset=2 if indented else 0)
    y.representer.ignore_aliases = lambda _data: True  # the loader refuses anchors: a repeated value is written out
    y.representer.add_representer(type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return y


def load(text: str) -> Any:
    return _yaml(text).load(text)


def dump(doc: Any, like: str = "") -> str:
    buf = io.StringIO()
    _yaml(like).dump(_node(doc), buf)
    return buf.getvalue()


def plain(node: Any) -> Any:
    """The document as plain dicts, lists and scalars (for comparing two documents)."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, (int, float)):
        return float(node)
    return str(node)


def _node(value: Any) -> Any:
    """Plain data as ruamel nodes; a state ({staat: niet-vermeld}) in flow style, as the data files write it."""
    if isinstance(value, (CommentedMap, CommentedSeq)):  # read from a file: keeps its comments and style
        return value
    if isinstance(value, dict):
        m = CommentedMap((k, _node(v)) for k, v in value.items())
        if "staat" in value:
            m.fa.set_flow_style()
        return m
    if isinstance(value, list):
        return CommentedSeq(_node(v) for v in value)
    return value


def _set(doc: CommentedMap, path: tuple[str, ...], value: Any) -> None:
    value = _node(value) if value is not DELETE else value
    node = doc
    for key in path[:-1]:
        if not isinstance(node.get(key), dict):
            node[key] = CommentedMap()
        node = node[key]
    if value is DELETE:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = value


def _block(node: Any) -> bool:
    return isinstance(node, CommentedMap) and not node.fa.flow_style()


def _unit(old: Any, new: Any, path: tuple[str, ...]) -> tuple[str, ...]:
    """The shortest prefix of path whose key is replaced as a whole (see the module docstring)."""
    for depth in range(1, len(path)):
        o, n = old, new
        for key in path[:depth]:
            o, n = o.get(key), n.get(key)
        if not (_block(o) and _block(n) and path[depth] in o and path[depth] in n):
            return path[:depth]
    return path


def _span(doc: CommentedMap, path: tuple[str, ...], n_lines: int) -> tuple[int, int]:
    """Lines [start, end) of the key at path in the text doc was read from."""
    end = n_lines
    node = doc
    for i, key in enumerate(path):
        lines = sorted(node.lc.key(k)[0] for k in node)
        start = node.lc.key(key)[0]
        later = [ln for ln in lines if ln > start]
        end = min(later[0], end) if later else end
        if i < len(path) - 1:
            node = node[key]
    return start, end


def _trim(lines: list[str], start: int, end: int) -> int:
    """End of a key's lines without the blank lines and comment lines that separate it from the next key."""
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end


def edit(text: str, changes: dict[tuple[str, ...], Any], old: Any = None) -> str:
    """The file's text with the changes applied, every unchanged line kept as it was. ``old`` is ``load(text)``
    when the caller has it already (it is not changed)."""
    old = load(text) if old is None else old
    new = copy.deepcopy(old)
    for path, value in changes.items():
        _set(new, path, value)
    dumped = dump(new, text)
    new = load(dumped)  # with the line numbers of the dump
    units = sorted({_unit(old, new, p) for p in changes})
    units = [u for u in units if not any(u[:len(v)] == v and u != v for v in units)]  # outermost only
    lines, out_lines = text.splitlines(keepends=True), dumped.splitlines(keepends=True)
    # replace from the bottom up, so earlier line numbers stay valid
    for unit in sorted(units, key=lambda u: _line_of(old, new, u, lines), reverse=True):
        in_old = _has(old, unit)
        in_new = _has(new, unit)
        ns, ne = _span(new, unit, len(out_lines)) if in_new else (0, 0)
        new_lines = out_lines[ns:_trim(out_lines, ns, ne)] if in_new else []
        if in_old:
            os_, oe = _span(old, unit, len(lines))
            lines[os_:_trim(lines, os_, oe)] = new_lines
        else:  # a new key: after its previous sibling in the new document, or at the end of its mapping
            at = _insert_at(old, new, unit, lines)
            lines[at:at] = new_lines
    result = "".join(lines)
    if plain(yaml.load(result, Loader=SafeLoader)) != plain(yaml.load(dumped, Loader=SafeLoader)):  # libyaml: fast
        raise ValueError("de wijziging kon niet zonder herformatteren worden geschreven")
    return result


def _has(doc: Any, path: tuple[str, ...]) -> bool:
    node = doc
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return False
        node = node[key]
    return True


def _line_of(old: Any, new: Any, unit: tuple[str, ...], lines: list[str]) -> int:
    return _span(old, unit, len(lines))[0] if _has(old, unit) else _insert_at(old, new, unit, lines)


def _insert_at(old: Any, new: Any, unit: tuple[str, ...], lines: list[str]) -> int:
    """Where a key that the old text lacks goes: after the old lines of the key before it in the new order,
    else first in its mapping."""
    parent_new = new
    for key in unit[:-1]:
        parent_new = parent_new[key]
    keys = list(parent_new)
    before = [k for k in keys[:keys.index(unit[-1])] if _has(old, unit[:-1] + (k,))]
    if before:
        s, e = _span(old, unit[:-1] + (before[-1],), len(lines))
        return _trim(lines, s, e)
    return _span(old, unit[:-1], len(lines))[0] + 1 if unit[:-1] else 0
