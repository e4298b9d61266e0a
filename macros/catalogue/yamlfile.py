"""Read one YAML file into plain data plus, per field path, its line and (where YAML changed its type) its raw text.

Every value in ``data/`` is untrusted, so reading cannot be exhausted and never guesses:

- at most ``MAX_BYTES`` per file, valid UTF-8, no control characters other than newline and tab
  (a CR only as part of a Windows line end), each refusal with line and column;
- no invisible characters (``invisible.INVISIBLE``: format characters such as the bidi controls and
  zero-width characters, and the default-ignorable fillers), anywhere: in keys, values and comments,
  typed or made by an escape (``"\\u202e"``); the refusal names line, column, field and the code point;
- anchors, aliases and explicit tags are refused on the event stream, before anything is composed or
  constructed (so an alias bomb or ``&r [*r]`` costs nothing); nesting is bounded by ``MAX_DEPTH``;
- keys are plain names: no list or block as key, no key that YAML reads as a number, boolean or null;
- two equal keys are an error (PyYAML would silently keep the last);
- a plain scalar that YAML reads as something other than text (``no`` → false, ``01234`` → 668) keeps
  its raw text in ``YamlFile.raw``, so messages can quote what the editor typed.

Syntax errors are said in Dutch (``yamlerrors``), with a tab in the indentation named as the cause.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor

from macros.catalogue.invisible import BOM_FIX, FIX, INVISIBLE, invisible_problem
from macros.catalogue.yamlerrors import TAB, character_name, syntax_problem, tab_at_fault, visible

KeyPath = tuple[str | int, ...]  # where a value is in a file's data: keys and list positions

MAX_BYTES = 1_000_000  # 1 MB: the largest real file is about 20 KB
MAX_DEPTH = 20  # the deepest real field (codetabel regels[i].edities.<editie>.code) is 5 levels down
MAX_NUMBER_CHARS = 40  # characters of a plain number; Python refuses ints of more than 4,300 digits with a traceback
STR = "tag:yaml.org,2002:str"
TAG_KINDS = {
    "tag:yaml.org,2002:int": "getal", "tag:yaml.org,2002:float": "getal", "tag:yaml.org,2002:bool": "ja/nee-waarde",
    "tag:yaml.org,2002:null": "lege waarde (null)", "tag:yaml.org,2002:timestamp": "datum",
}
# In the file: C0 and C1 controls except tab and LF, CR not followed by LF, and the Unicode line/paragraph
# separators (libyaml counts those as line ends, which would shift every line number after them).
FORBIDDEN_IN_FILE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
LONE_CR = re.compile(r"\r(?!\n)")
# In a value (made by an escape such as "\0" or "\v" between double quotes): the same, CR included.
FORBIDDEN_IN_VALUE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


class YamlError(Exception):
    def __init__(self, line: int | None, problem: str, fix: str, column: int | None = None, path: KeyPath = ()):
        super().__init__(problem)
        self.line, self.problem, self.fix, self.column, self.path = line, problem, fix, column, path


@dataclass
class YamlFile:
    data: object
    lines: dict[KeyPath, int] = field(default_factory=dict)
    raw: dict[KeyPath, tuple[str, str]] = field(default_factory=dict)  # path -> (text as typed, what YAML made of it)

    def line_of(self, path: KeyPath) -> int | None:
        """The line of a field, or of the nearest parent that has one."""
        for n in range(len(path), -1, -1):
            if path[:n] in self.lines:
                return self.lines[path[:n]]
        return None


# libyaml's loader when PyYAML has it (about 25x faster); the same results either way.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of a character index."""
    begin = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - begin + 1


def _syntax_error(exc: yaml.MarkedYAMLError, text: str) -> YamlError:
    mark = exc.problem_mark or exc.context_mark
    lines = [m.line for m in (exc.problem_mark, exc.context_mark) if m is not None]
    if tab_at_fault(text, lines, mark.column if mark else None):
        problem, fix = TAB
    else:
        problem, fix = syntax_problem(exc.problem, exc.context)
    return YamlError(mark.line + 1 if mark else None, f"de YAML is niet leesbaar: {problem}", fix,
                     mark.column + 1 if mark else None)


def _read_error(exc: yaml.reader.ReaderError, text: str) -> YamlError:
    """A character YAML's reader refuses (U+FFFE, U+FFFF, …), at its line and column."""
    line, column = _position(text, exc.position)
    char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return YamlError(line, f"het teken U+{char:04X} mag niet in een gegevensbestand",
                     "verwijder het teken (het komt vaak mee bij kopiëren uit Word of pdf) en sla opnieuw op", column)


def _unreadable(exc: Exception, text: str) -> YamlError:
    """What PyYAML (or a constructor) raised for `text`, as a Dutch YamlError at its line where one is known."""
    if isinstance(exc, yaml.MarkedYAMLError):
        return _syntax_error(exc, text)
    if isinstance(exc, yaml.reader.ReaderError):
        return _read_error(exc, text)
    return YamlError(None, "de YAML is niet leesbaar", "controleer de opmaak van het bestand aan de hand van de handleiding")


def _refuse_anchors(text: str) -> None:
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
        raise _unreadable(exc, text) from None
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


def _walk(root: yaml.Node, lines: dict[KeyPath, int], raw: dict[KeyPath, tuple[str, str]], escapes: bool) -> None:
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
            gezien: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = key_node.value if key_node.tag == STR else _field_name(key_node)
                if escapes:
                    _check_scalar(key_node, path + (key,), {}, escapes)
                line = key_node.start_mark.line + 1
                if key in gezien:
                    raise YamlError(
                        line,
                        f"het veld '{visible(key)}' staat twee keer in hetzelfde blok (eerst op regel {gezien[key]})",
                        "houd één van beide over; YAML zou anders stilzwijgend de laatste nemen",
                        key_node.start_mark.column + 1, path + (key,),
                    )
                gezien[key] = line
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


def _field_at(text: str, line: int, column: int) -> KeyPath:
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


def check_characters(text: str, locate_field: bool = True) -> None:
    """Refuse control characters and invisible characters, naming line and column of the first (and, for
    YAML, its field)."""
    found = [m for m in (FORBIDDEN_IN_FILE.search(text), LONE_CR.search(text) if "\r" in text else None) if m]
    if found:
        m = min(found, key=lambda m: m.start())
        line, column = _position(text, m.start())
        count = len(FORBIDDEN_IN_FILE.findall(text)) + len(LONE_CR.findall(text))
        more = f" (en nog {count - 1} zulke tekens in het bestand)" if count > 1 else ""
        raise YamlError(line, f"een onzichtbaar teken in de tekst: {character_name(m.group())}{more}",
                        "verwijder het teken (het komt vaak mee bij kopiëren uit Word of pdf); "
                        "alleen regeleinden en tabs zijn toegestaan", column)
    if m := INVISIBLE.search(text):
        line, column = _position(text, m.start())
        count = sum(1 for _ in INVISIBLE.finditer(text))
        more = f" (en nog {count - 1} zulke tekens in het bestand)" if count > 1 else ""
        raise YamlError(line, f"{invisible_problem(m.group())}{more}",
                        BOM_FIX if m.start() == 0 and m.group() == "\ufeff" else FIX, column,
                        _field_at(text, line, column) if locate_field else ())


def parse_yaml(text: str) -> YamlFile:
    """Check the text, refuse anchors on the event stream, compose once (lines, keys), then construct the data."""
    check_characters(text)
    if "&" in text or "*" in text or "!" in text:
        _refuse_anchors(text)
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        lines: dict[KeyPath, int] = {}
        raw: dict[KeyPath, tuple[str, str]] = {}
        if node is not None:
            _walk(node, lines, raw, "\\" in text)
        data = loader.construct_document(node) if node is not None else None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        raise _unreadable(exc, text) from None
    finally:
        loader.dispose()
    return YamlFile(data=data, lines=lines, raw=raw)


def read_bytes(path: Path) -> bytes:
    """The file's bytes: never through a symlink, never from anything but a regular file, at most MAX_BYTES."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise YamlError(None, "het bestand is een symbolische koppeling (symlink); die wordt niet gevolgd",
                            "vervang de koppeling door het bestand zelf") from None
        reason = "u heeft geen leesrechten" if exc.errno in (errno.EACCES, errno.EPERM) else "het kan niet worden geopend"
        raise YamlError(None, f"het bestand kan niet worden gelezen ({reason})", "controleer het bestand en de rechten") from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise YamlError(None, "dit is geen gewoon bestand", "vervang het door een gewoon tekstbestand")
        if st.st_size > MAX_BYTES:
            raise YamlError(None, f"het bestand is {st.st_size:,} bytes; de grens is 1 MB ({MAX_BYTES:,} bytes)".replace(",", "."),
                            "kort de teksten in of verdeel de inhoud over meer bestanden")
        data = f.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise YamlError(None, f"het bestand is groter dan 1 MB ({MAX_BYTES:,} bytes)".replace(",", "."),
                        "kort de teksten in of verdeel de inhoud over meer bestanden")
    return data


def decode(data: bytes) -> str:
    """UTF-8 text, or a YamlError naming line and column of the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        begin = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[begin:exc.start].decode("utf-8", "replace")) + 1
        raise YamlError(line, f"het bestand is geen geldige UTF-8-tekst: byte 0x{data[exc.start]:02X} is geen UTF-8",
                        "sla het bestand op met de codering UTF-8 (vaak is een é of ë uit een oud Windows-bestand de oorzaak)",
                        column) from None


# Under `mkdocs serve --dirty` (macros/site/incremental.py sets a dict here) each file's parse is kept
# between rebuilds, keyed by its path and checked against its bytes: a rebuild after one edit parses one
# file. A file that does not parse is not kept (its error is reported again). None outside serve.
PARSED: dict[str, tuple[bytes, YamlFile]] | None = None


def read_yaml_file(path: Path) -> YamlFile:
    data = read_bytes(path)
    if PARSED is None:
        return parse_yaml(decode(data))
    if (hit := PARSED.get(str(path))) is not None and hit[0] == data:
        return hit[1]
    parsed = parse_yaml(decode(data))
    PARSED[str(path)] = (data, parsed)
    return parsed
