"""libyaml's events and nodes of one data file, checked before anything is constructed.

``refuse_anchors`` refuses anchors, aliases and explicit tags on the event stream, before composing;
``walk`` records the line of every field and checks keys (plain names, no duplicates) and values (no
control or invisible character made by an escape, no overlong number, no impossible date), with the
nesting bounded; ``field_at`` names the field at a line and column, for a message.
"""

from __future__ import annotations

import re

import yaml
from yaml.constructor import SafeConstructor

from macros.catalogue.invisible import INVISIBLE, invisible_problem
from macros.catalogue.yamlerrors import KeyPath, YamlError, character_name, unreadable, visible

MAX_DEPTH = 20  # the deepest real field (codetabel regels[i].edities.<editie>.code) is 5 levels down
MAX_NUMBER_CHARS = 40  # characters of a plain number; Python refuses ints of more than 4,300 digits with a traceback
STR = "tag:yaml.org,2002:str"
TAG_KINDS = {
    "tag:yaml.org,2002:int": "getal", "tag:yaml.org,2002:float": "getal", "tag:yaml.org,2002:bool": "ja/nee-waarde",
    "tag:yaml.org,2002:null": "lege waarde (null)", "tag:yaml.org,2002:timestamp": "datum",
}
# In a value (made by an escape such as "\0" or "\v" between double quotes): the characters refused in the
# file (yamlfile.FORBIDDEN_IN_FILE), CR included.
FORBIDDEN_IN_VALUE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")

# libyaml's loader when PyYAML has it (about 25x faster); the same results either way.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def refuse_anchors(text: str) -> None:
    """Refuse anchors (&a), aliases (*a) and explicit tags (!x) on the event stream, before composing."""
    loader = Loader(text)
    try:
        while (event := loader.get_event()) is not None:
            line, column = event.start_mark.line + 1, event.start_mark.column + 1
            if isinstance(event, yaml.AliasEvent):
                raise YamlError(line, f"een verwijzing '*{visible(event.anchor or '')}' (YAML-alias): "
                                "verwijzingen en ankers (* en &) worden niet ondersteund",
                                "schrijf de waarde voluit; begint een tekst met *, zet hem dan tussen aanhalingstekens "
                                "(bv. \"*belangrijk* …\")", column)
            if getattr(event, "anchor", None) is not None:
                raise YamlError(line, f"een anker '&{visible(event.anchor)}' (YAML-anker): "
                                "ankers en verwijzingen (& en *) worden niet ondersteund",
                                "verwijder het anker en schrijf elke waarde voluit; begint een tekst met &, "
                                "zet hem dan tussen aanhalingstekens", column)
            if getattr(event, "tag", None) is not None:
                tag = event.tag.replace("tag:yaml.org,2002:", "!!")
                raise YamlError(line, f"een type-label '{visible(tag)}' (YAML-tag): labels worden niet ondersteund",
                                "verwijder het label; begint een tekst met !, zet hem dan tussen aanhalingstekens", column)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        raise unreadable(exc, text) from None
    finally:
        loader.dispose()


def _field_name(key_node: yaml.Node) -> str:
    if not isinstance(key_node, yaml.ScalarNode):
        raise YamlError(key_node.start_mark.line + 1, "een lijst of blok staat op de plaats van een veldnaam",
                        "schrijf 'veld: waarde' met een gewone naam voor de dubbele punt", key_node.start_mark.column + 1)
    if key_node.tag != STR:
        kind = TAG_KINDS.get(key_node.tag, "iets anders dan tekst")
        typed = visible(key_node.value) if key_node.value else ""
        raise YamlError(key_node.start_mark.line + 1,
                        f"de veldnaam '{typed}' leest YAML als {kind}, niet als naam",
                        f"gebruik een veldnaam uit het model; is het een naam (bv. een editie), "
                        f"zet hem dan tussen aanhalingstekens: \"{typed}\":",
                        key_node.start_mark.column + 1, ())
    return key_node.value


def _check_scalar(node: yaml.ScalarNode, path: KeyPath, raw: dict[KeyPath, tuple[str, str]], escapes: bool) -> None:
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    if escapes and (m := FORBIDDEN_IN_VALUE.search(node.value)):
        raise YamlError(line, f"de waarde die hier begint bevat een onzichtbaar teken: {character_name(m.group())}",
                        "verwijder de code (bv. \\0, \\v of \\f tussen dubbele aanhalingstekens) uit de waarde",
                        column, path)
    if escapes and (m := INVISIBLE.search(node.value)):
        raise YamlError(line, f"de waarde die hier begint bevat {invisible_problem(m.group())}",
                        f"verwijder de code die het teken maakt (\\u{ord(m.group()):04x} of iets dergelijks tussen "
                        "dubbele aanhalingstekens) uit de waarde", column, path)
    if node.tag == STR:  # quoted and block scalars are always text; explicit tags were refused
        return
    raw[path] = (node.value, node.tag)
    if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and len(node.value) > MAX_NUMBER_CHARS:
        raise YamlError(line, f"een getal van {len(node.value)} tekens (YAML leest het als getal)",
                        "schrijf een gewoon getal, of zet tekst tussen aanhalingstekens", column, path)
    if node.tag == "tag:yaml.org,2002:timestamp":
        try:
            SafeConstructor.construct_yaml_timestamp(SafeConstructor(), node)
        except (ValueError, OverflowError):
            raise YamlError(line, f"'{visible(node.value)}' lijkt een datum, maar die datum bestaat niet",
                            f"zet de waarde tussen aanhalingstekens: \"{visible(node.value)}\"", column, path) from None


def walk(root: yaml.Node, lines: dict[KeyPath, int], raw: dict[KeyPath, tuple[str, str]], escapes: bool) -> None:
    """Record the line of every field and check keys and values; iterative, with the depth bounded.

    `escapes`: the text has a backslash, so a double-quoted value may hold a control character (raw ones
    were refused before parsing)."""
    stack: list[tuple[yaml.Node, KeyPath]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        lines.setdefault(path, node.start_mark.line + 1)
        if len(path) > MAX_DEPTH:
            raise YamlError(node.start_mark.line + 1, f"de velden en lijsten zijn meer dan {MAX_DEPTH} niveaus diep genest",
                            "schrijf het bestand zoals de voorbeelden in de handleiding; zo diep nest geen enkel veld",
                            node.start_mark.column + 1, path)
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = key_node.value if key_node.tag == STR else _field_name(key_node)
                if escapes:
                    _check_scalar(key_node, path + (key,), {}, escapes)
                line = key_node.start_mark.line + 1
                if key in seen:
                    raise YamlError(
                        line,
                        f"het veld '{visible(key)}' staat twee keer in hetzelfde blok (eerst op regel {seen[key]})",
                        "houd één van beide over; YAML zou anders stilzwijgend de laatste nemen",
                        key_node.start_mark.column + 1, path + (key,),
                    )
                seen[key] = line
                lines[path + (key,)] = line
                stack.append((value_node, path + (key,)))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                lines[path + (i,)] = item.start_mark.line + 1
                stack.append((item, path + (i,)))
        elif escapes or node.tag != STR:  # a scalar: only these can need a look
            _check_scalar(node, path, raw, escapes)


def _compose(text: str) -> yaml.Node | None:
    loader = Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def field_at(text: str, line: int, column: int) -> KeyPath:
    """The field whose key or value holds the character at (line, column), 1-based; () when the text cannot
    be composed or the place is outside every value (a comment). When libyaml refuses the character itself
    (U+FEFF), the invisible characters are replaced by a visible one first (same positions)."""
    place = (line - 1, column - 1)
    try:
        try:
            node = _compose(text)
        except yaml.YAMLError:
            node = _compose(INVISIBLE.sub("\ufffd", text))
    except Exception:  # any failure only costs the field name in the message
        return ()

    def inside(n: yaml.Node) -> bool:
        return (n.start_mark.line, n.start_mark.column) <= place < (n.end_mark.line, n.end_mark.column)

    path: KeyPath = ()
    for _ in range(MAX_DEPTH + 2):
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if inside(k) or inside(v)), None)
            if pair is None or not isinstance(pair[0], yaml.ScalarNode):
                return path
            if inside(pair[0]):  # in the key itself
                return path + (pair[0].value,)
            path, node = path + (pair[0].value,), pair[1]
        elif isinstance(node, yaml.SequenceNode):
            i = next((i for i, v in enumerate(node.value) if inside(v)), None)
            if i is None:
                return path
            path, node = path + (i,), node.value[i]
        else:
            return path
    return path

