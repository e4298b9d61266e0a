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
  its raw text in ``YamlFile.ruw``, so messages can quote what the editor typed.

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
from macros.catalogue.yamlerrors import TAB, syntax_problem, tab_at_fault, teken_naam, zichtbaar

Pad = tuple[str | int, ...]

MAX_BYTES = 1_000_000  # 1 MB: the largest real file is about 20 KB
MAX_DEPTH = 20  # the deepest real field (codetabel regels[i].edities.<editie>.code) is 5 levels down
MAX_GETAL = 40  # characters of a plain number; Python refuses ints of more than 4,300 digits with a traceback
STR = "tag:yaml.org,2002:str"
SOORTEN = {
    "tag:yaml.org,2002:int": "getal", "tag:yaml.org,2002:float": "getal", "tag:yaml.org,2002:bool": "ja/nee-waarde",
    "tag:yaml.org,2002:null": "lege waarde (null)", "tag:yaml.org,2002:timestamp": "datum",
}
# In the file: C0 and C1 controls except tab and LF, CR not followed by LF, and the Unicode line/paragraph
# separators (libyaml counts those as line ends, which would shift every line number after them).
VERBODEN_IN_BESTAND = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
LOSSE_CR = re.compile(r"\r(?!\n)")
# In a value (made by an escape such as "\0" or "\v" between double quotes): the same, CR included.
VERBODEN_IN_WAARDE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


class YamlError(Exception):
    def __init__(self, regel: int | None, probleem: str, oplossing: str, kolom: int | None = None, veld: Pad = ()):
        super().__init__(probleem)
        self.regel, self.probleem, self.oplossing, self.kolom, self.veld = regel, probleem, oplossing, kolom, veld


@dataclass
class YamlFile:
    data: object
    regels: dict[Pad, int] = field(default_factory=dict)
    ruw: dict[Pad, tuple[str, str]] = field(default_factory=dict)  # path -> (text as typed, what YAML made of it)

    def regel(self, pad: Pad) -> int | None:
        """The line of a field, or of the nearest parent that has one."""
        for n in range(len(pad), -1, -1):
            if pad[:n] in self.regels:
                return self.regels[pad[:n]]
        return None


# libyaml's loader when PyYAML has it (about 25x faster); the same results either way.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _positie(tekst: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of a character index."""
    begin = tekst.rfind("\n", 0, index) + 1
    return tekst.count("\n", 0, index) + 1, index - begin + 1


def _syntaxfout(exc: yaml.MarkedYAMLError, tekst: str) -> YamlError:
    mark = exc.problem_mark or exc.context_mark
    regels = [m.line for m in (exc.problem_mark, exc.context_mark) if m is not None]
    if tab_at_fault(tekst, regels, mark.column if mark else None):
        probleem, oplossing = TAB
    else:
        probleem, oplossing = syntax_problem(exc.problem, exc.context)
    return YamlError(mark.line + 1 if mark else None, f"de YAML is niet leesbaar: {probleem}", oplossing,
                     mark.column + 1 if mark else None)


def _leesfout(exc: yaml.reader.ReaderError, tekst: str) -> YamlError:
    """A character YAML's reader refuses (U+FFFE, U+FFFF, …), at its line and column."""
    regel, kolom = _positie(tekst, exc.position)
    teken = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return YamlError(regel, f"het teken U+{teken:04X} mag niet in een gegevensbestand",
                     "verwijder het teken (het komt vaak mee bij kopiëren uit Word of pdf) en sla opnieuw op", kolom)


def _geen_ankers(tekst: str) -> None:
    """Refuse anchors (&a), aliases (*a) and explicit tags (!x) on the event stream, before composing."""
    loader = Loader(tekst)
    try:
        while (event := loader.get_event()) is not None:
            regel, kolom = event.start_mark.line + 1, event.start_mark.column + 1
            if isinstance(event, yaml.AliasEvent):
                raise YamlError(regel, f"een verwijzing '*{zichtbaar(event.anchor or '')}' (YAML-alias): "
                                "verwijzingen en ankers (* en &) worden niet ondersteund",
                                "schrijf de waarde voluit; begint een tekst met *, zet hem dan tussen aanhalingstekens "
                                "(bv. \"*belangrijk* …\")", kolom)
            if getattr(event, "anchor", None) is not None:
                raise YamlError(regel, f"een anker '&{zichtbaar(event.anchor)}' (YAML-anker): "
                                "ankers en verwijzingen (& en *) worden niet ondersteund",
                                "verwijder het anker en schrijf elke waarde voluit; begint een tekst met &, "
                                "zet hem dan tussen aanhalingstekens", kolom)
            if getattr(event, "tag", None) is not None:
                tag = event.tag.replace("tag:yaml.org,2002:", "!!")
                raise YamlError(regel, f"een type-label '{zichtbaar(tag)}' (YAML-tag): labels worden niet ondersteund",
                                "verwijder het label; begint een tekst met !, zet hem dan tussen aanhalingstekens", kolom)
    except yaml.MarkedYAMLError as exc:
        raise _syntaxfout(exc, tekst) from None
    except yaml.reader.ReaderError as exc:
        raise _leesfout(exc, tekst) from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        raise YamlError(None, "de YAML is niet leesbaar", "controleer de opmaak van het bestand aan de hand van de handleiding") from None
    finally:
        loader.dispose()


def _veldnaam(key_node: yaml.Node) -> str:
    if not isinstance(key_node, yaml.ScalarNode):
        raise YamlError(key_node.start_mark.line + 1, "een lijst of blok staat op de plaats van een veldnaam",
                        "schrijf 'veld: waarde' met een gewone naam voor de dubbele punt", key_node.start_mark.column + 1)
    if key_node.tag != STR:
        soort = SOORTEN.get(key_node.tag, "iets anders dan tekst")
        getypt = zichtbaar(key_node.value) if key_node.value else ""
        raise YamlError(key_node.start_mark.line + 1,
                        f"de veldnaam '{getypt}' leest YAML als {soort}, niet als naam",
                        f"gebruik een veldnaam uit het model; is het een naam (bv. een editie), "
                        f"zet hem dan tussen aanhalingstekens: \"{getypt}\":",
                        key_node.start_mark.column + 1, ())
    return key_node.value


def _controleer_scalar(node: yaml.ScalarNode, pad: Pad, ruw: dict[Pad, tuple[str, str]], escapes: bool) -> None:
    regel, kolom = node.start_mark.line + 1, node.start_mark.column + 1
    if escapes and (m := VERBODEN_IN_WAARDE.search(node.value)):
        raise YamlError(regel, f"de waarde die hier begint bevat een onzichtbaar teken: {teken_naam(m.group())}",
                        "verwijder de code (bv. \\0, \\v of \\f tussen dubbele aanhalingstekens) uit de waarde",
                        kolom, pad)
    if escapes and (m := INVISIBLE.search(node.value)):
        raise YamlError(regel, f"de waarde die hier begint bevat {invisible_problem(m.group())}",
                        f"verwijder de code die het teken maakt (\\u{ord(m.group()):04x} of iets dergelijks tussen "
                        "dubbele aanhalingstekens) uit de waarde", kolom, pad)
    if node.tag == STR:  # quoted and block scalars are always text; explicit tags were refused
        return
    ruw[pad] = (node.value, node.tag)
    if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and len(node.value) > MAX_GETAL:
        raise YamlError(regel, f"een getal van {len(node.value)} tekens (YAML leest het als getal)",
                        "schrijf een gewoon getal, of zet tekst tussen aanhalingstekens", kolom, pad)
    if node.tag == "tag:yaml.org,2002:timestamp":
        try:
            SafeConstructor.construct_yaml_timestamp(SafeConstructor(), node)
        except (ValueError, OverflowError):
            raise YamlError(regel, f"'{zichtbaar(node.value)}' lijkt een datum, maar die datum bestaat niet",
                            f"zet de waarde tussen aanhalingstekens: \"{zichtbaar(node.value)}\"", kolom, pad) from None


def _loop(root: yaml.Node, regels: dict[Pad, int], ruw: dict[Pad, tuple[str, str]], escapes: bool) -> None:
    """Record the line of every field and check keys and values; iterative, with the depth bounded.

    `escapes`: the text has a backslash, so a double-quoted value may hold a control character (raw ones
    were refused before parsing)."""
    stack: list[tuple[yaml.Node, Pad]] = [(root, ())]
    while stack:
        node, pad = stack.pop()
        regels.setdefault(pad, node.start_mark.line + 1)
        if len(pad) > MAX_DEPTH:
            raise YamlError(node.start_mark.line + 1, f"de velden en lijsten zijn meer dan {MAX_DEPTH} niveaus diep genest",
                            "schrijf het bestand zoals de voorbeelden in de handleiding; zo diep nest geen enkel veld",
                            node.start_mark.column + 1, pad)
        if isinstance(node, yaml.MappingNode):
            gezien: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = key_node.value if key_node.tag == STR else _veldnaam(key_node)
                if escapes:
                    _controleer_scalar(key_node, pad + (key,), {}, escapes)
                line = key_node.start_mark.line + 1
                if key in gezien:
                    raise YamlError(
                        line,
                        f"het veld '{zichtbaar(key)}' staat twee keer in hetzelfde blok (eerst op regel {gezien[key]})",
                        "houd één van beide over; YAML zou anders stilzwijgend de laatste nemen",
                        key_node.start_mark.column + 1, pad + (key,),
                    )
                gezien[key] = line
                regels[pad + (key,)] = line
                stack.append((value_node, pad + (key,)))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                regels[pad + (i,)] = item.start_mark.line + 1
                stack.append((item, pad + (i,)))
        elif escapes or node.tag != STR:  # a scalar: only these can need a look
            _controleer_scalar(node, pad, ruw, escapes)


def _compose(tekst: str) -> yaml.Node | None:
    loader = Loader(tekst)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _veld_bij(tekst: str, regel: int, kolom: int) -> Pad:
    """The field whose key or value holds the character at (line, column), 1-based; () when the text cannot
    be composed or the place is outside every value (a comment). When libyaml refuses the character itself
    (U+FEFF), the invisible characters are replaced by a visible one first (same positions)."""
    plek = (regel - 1, kolom - 1)
    try:
        try:
            node = _compose(tekst)
        except yaml.YAMLError:
            node = _compose(INVISIBLE.sub("\ufffd", tekst))
    except Exception:  # any failure only costs the field name in the message
        return ()

    def binnen(n: yaml.Node) -> bool:
        return (n.start_mark.line, n.start_mark.column) <= plek < (n.end_mark.line, n.end_mark.column)

    pad: Pad = ()
    for _ in range(MAX_DEPTH + 2):
        if isinstance(node, yaml.MappingNode):
            paar = next(((k, v) for k, v in node.value if binnen(k) or binnen(v)), None)
            if paar is None or not isinstance(paar[0], yaml.ScalarNode):
                return pad
            if binnen(paar[0]):  # in the key itself
                return pad + (paar[0].value,)
            pad, node = pad + (paar[0].value,), paar[1]
        elif isinstance(node, yaml.SequenceNode):
            i = next((i for i, v in enumerate(node.value) if binnen(v)), None)
            if i is None:
                return pad
            pad, node = pad + (i,), node.value[i]
        else:
            return pad
    return pad


def check_characters(tekst: str, velden: bool = True) -> None:
    """Refuse control characters and invisible characters, naming line and column of the first (and, for
    YAML, its field)."""
    gevonden = [m for m in (VERBODEN_IN_BESTAND.search(tekst), LOSSE_CR.search(tekst) if "\r" in tekst else None) if m]
    if gevonden:
        m = min(gevonden, key=lambda m: m.start())
        regel, kolom = _positie(tekst, m.start())
        aantal = len(VERBODEN_IN_BESTAND.findall(tekst)) + len(LOSSE_CR.findall(tekst))
        meer = f" (en nog {aantal - 1} zulke tekens in het bestand)" if aantal > 1 else ""
        raise YamlError(regel, f"een onzichtbaar teken in de tekst: {teken_naam(m.group())}{meer}",
                        "verwijder het teken (het komt vaak mee bij kopiëren uit Word of pdf); "
                        "alleen regeleinden en tabs zijn toegestaan", kolom)
    if m := INVISIBLE.search(tekst):
        regel, kolom = _positie(tekst, m.start())
        aantal = sum(1 for _ in INVISIBLE.finditer(tekst))
        meer = f" (en nog {aantal - 1} zulke tekens in het bestand)" if aantal > 1 else ""
        raise YamlError(regel, f"{invisible_problem(m.group())}{meer}",
                        BOM_FIX if m.start() == 0 and m.group() == "\ufeff" else FIX, kolom,
                        _veld_bij(tekst, regel, kolom) if velden else ())


def parse_yaml(tekst: str) -> YamlFile:
    """Check the text, refuse anchors on the event stream, compose once (lines, keys), then construct the data."""
    check_characters(tekst)
    if "&" in tekst or "*" in tekst or "!" in tekst:
        _geen_ankers(tekst)
    loader = Loader(tekst)
    try:
        node = loader.get_single_node()
        regels: dict[Pad, int] = {}
        ruw: dict[Pad, tuple[str, str]] = {}
        if node is not None:
            _loop(node, regels, ruw, "\\" in tekst)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        raise _syntaxfout(exc, tekst) from None
    except yaml.reader.ReaderError as exc:
        raise _leesfout(exc, tekst) from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        raise YamlError(None, "de YAML is niet leesbaar", "controleer de opmaak van het bestand aan de hand van de handleiding") from None
    finally:
        loader.dispose()
    return YamlFile(data=data, regels=regels, ruw=ruw)


def read_bytes(pad: Path) -> bytes:
    """The file's bytes: never through a symlink, never from anything but a regular file, at most MAX_BYTES."""
    try:
        fd = os.open(pad, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise YamlError(None, "het bestand is een symbolische koppeling (symlink); die wordt niet gevolgd",
                            "vervang de koppeling door het bestand zelf") from None
        reden = "u heeft geen leesrechten" if exc.errno in (errno.EACCES, errno.EPERM) else "het kan niet worden geopend"
        raise YamlError(None, f"het bestand kan niet worden gelezen ({reden})", "controleer het bestand en de rechten") from None
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
        regel = data.count(b"\n", 0, exc.start) + 1
        kolom = len(data[begin:exc.start].decode("utf-8", "replace")) + 1
        raise YamlError(regel, f"het bestand is geen geldige UTF-8-tekst: byte 0x{data[exc.start]:02X} is geen UTF-8",
                        "sla het bestand op met de codering UTF-8 (vaak is een é of ë uit een oud Windows-bestand de oorzaak)",
                        kolom) from None


# Under `mkdocs serve --dirty` (macros/site/incremental.py sets a dict here) each file's parse is kept
# between rebuilds, keyed by its path and checked against its bytes: a rebuild after one edit parses one
# file. A file that does not parse is not kept (its error is reported again). None outside serve.
PARSED: dict[str, tuple[bytes, YamlFile]] | None = None


def read_yaml_file(pad: Path) -> YamlFile:
    data = read_bytes(pad)
    if PARSED is None:
        return parse_yaml(decode(data))
    if (hit := PARSED.get(str(pad))) is not None and hit[0] == data:
        return hit[1]
    parsed = parse_yaml(decode(data))
    PARSED[str(pad)] = (data, parsed)
    return parsed
