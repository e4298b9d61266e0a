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

Syntax errors are said in Dutch (``yamlerrors``, with ``YamlError``), with a tab in the indentation named
as the cause. The checks on libyaml's events and nodes (anchors, keys, values, depth) are in ``yamlnodes``;
this module reads the bytes, checks the characters and puts the two together (``parse_yaml``).
"""

from __future__ import annotations

import errno
import os
import re
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from macros.catalogue.invisible import BOM_FIX, FIX, INVISIBLE, invisible_problem
from macros.catalogue.yamlerrors import KeyPath, YamlError, character_name, position, unreadable
from macros.catalogue.yamlnodes import Loader, field_at, refuse_anchors, walk

MAX_BYTES = 1_000_000  # 1 MB: the largest real file is about 20 KB
# In the file: C0 and C1 controls except tab and LF, CR not followed by LF, and the Unicode line/paragraph
# separators (libyaml counts those as line ends, which would shift every line number after them).
FORBIDDEN_IN_FILE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
LONE_CR = re.compile(r"\r(?!\n)")


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


def check_characters(text: str, locate_field: bool = True) -> None:
    """Refuse control characters and invisible characters, naming line and column of the first (and, for
    YAML, its field)."""
    found = [m for m in (FORBIDDEN_IN_FILE.search(text), LONE_CR.search(text) if "\r" in text else None) if m]
    if found:
        m = min(found, key=lambda m: m.start())
        line, column = position(text, m.start())
        count = len(FORBIDDEN_IN_FILE.findall(text)) + len(LONE_CR.findall(text))
        more = f" (en nog {count - 1} zulke tekens in het bestand)" if count > 1 else ""
        raise YamlError(line, f"een onzichtbaar teken in de tekst: {character_name(m.group())}{more}",
                        "verwijder het teken (het komt vaak mee bij kopiëren uit Word of pdf); "
                        "alleen regeleinden en tabs zijn toegestaan", column)
    if m := INVISIBLE.search(text):
        line, column = position(text, m.start())
        count = sum(1 for _ in INVISIBLE.finditer(text))
        more = f" (en nog {count - 1} zulke tekens in het bestand)" if count > 1 else ""
        raise YamlError(line, f"{invisible_problem(m.group())}{more}",
                        BOM_FIX if m.start() == 0 and m.group() == "\ufeff" else FIX, column,
                        field_at(text, line, column) if locate_field else ())


def parse_yaml(text: str) -> YamlFile:
    """Check the text, refuse anchors on the event stream, compose once (lines, keys), then construct the data."""
    check_characters(text)
    if "&" in text or "*" in text or "!" in text:
        refuse_anchors(text)
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        lines: dict[KeyPath, int] = {}
        raw: dict[KeyPath, tuple[str, str]] = {}
        if node is not None:
            walk(node, lines, raw, "\\" in text)
        data = loader.construct_document(node) if node is not None else None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        raise unreadable(exc, text) from None
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
PARSED: dict[str, tuple[bytes, YamlFile, tuple | None]] | None = None

# A kept parse is used without reading the file again when the file's status says it is the same file, unchanged:
# device, inode, size, and modification and status-change times to the nanosecond. Opening and reading 5,000
# files was a fifth of loading them at national scale. As git does for its index ("racily clean" entries), the
# status is trusted only for a file whose last change was at least SETTLED nanoseconds before it was read: the
# kernel stamps times with a coarse clock, so a second write within the same tick can leave size and times as
# they were; such a file is read and compared by its bytes every time, as before.
SETTLED = 2_000_000_000


def _signature(st: os.stat_result) -> tuple:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def read_yaml_file(path: Path) -> YamlFile:
    if PARSED is None:
        return parse_yaml(decode(read_bytes(path)))
    key = str(path)
    now = time.time_ns()
    try:
        st = os.lstat(key)  # before the bytes: a write after it changes the status, and the next rebuild reads again
    except OSError:
        st = None
    signature = _signature(st) if st is not None and stat.S_ISREG(st.st_mode) else None
    hit = PARSED.get(key)
    if hit is not None and signature is not None and hit[2] == signature:
        return hit[1]
    data = read_bytes(path)
    if signature is not None and now - max(st.st_mtime_ns, st.st_ctime_ns) < SETTLED:
        signature = None  # changed too recently to be told apart by its status: compared by its bytes next time
    if hit is not None and hit[0] == data:
        PARSED[key] = (data, hit[1], signature)
        return hit[1]
    parsed = parse_yaml(decode(data))
    PARSED[key] = (data, parsed, signature)
    return parsed
