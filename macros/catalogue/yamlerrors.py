"""What the YAML reader (libyaml) complains about, said in Dutch with a fix an editor can apply.

``YamlError`` is the one error of reading a data file (line, column, field, problem, fix); ``unreadable``
turns what PyYAML raised into one. libyaml's problems are short English phrases; each known one maps to
(problem, fix). An unknown phrase gets a generic Dutch message: no English reaches an editor.
"""

from __future__ import annotations

import unicodedata

import yaml

from macros.catalogue.invisible import INVISIBLE

KeyPath = tuple[str | int, ...]  # where a value is in a file's data: keys and list positions


class YamlError(Exception):
    def __init__(self, line: int | None, problem: str, fix: str, column: int | None = None, path: KeyPath = ()):
        super().__init__(problem)
        self.line, self.problem, self.fix, self.column, self.path = line, problem, fix, column, path


# libyaml problem (start of the phrase) -> (problem, fix)
SYNTAX_PROBLEMS: list[tuple[str, tuple[str, str]]] = [
    ("mapping values are not allowed", (
        "een dubbele punt met een spatie erna (': ') op een plek waar YAML geen nieuw veld verwacht",
        "zet tekst met ': ' erin tussen aanhalingstekens, of zet het veld op een eigen regel")),
    ("could not find expected ':'", (
        "een regel zonder 'veld: waarde' waar YAML een veld verwachtte",
        "schrijf 'veld: waarde', of laat een vervolgregel van een tekst verder inspringen dan het veld")),
    ("did not find expected key", (
        "de inspringing klopt niet: een regel springt minder of meer in dan de velden van zijn blok",
        "laat velden van hetzelfde blok precies even ver inspringen (met spaties), en lijstregels ('- ') onder hun veld")),
    ("did not find expected '-' indicator", (
        "de inspringing van een lijst klopt niet",
        "laat alle regels van de lijst met '- ' op dezelfde positie beginnen")),
    ("did not find expected ',' or ']'", (
        "een lijst tussen [ ] is niet goed afgesloten",
        "sluit de lijst af met ']' en scheid de waarden met komma's; zet tekst met een komma erin tussen aanhalingstekens")),
    ("did not find expected ',' or '}'", (
        "een blok tussen { } is niet goed afgesloten",
        "sluit het blok af met '}' en scheid de velden met komma's; zet tekst met een komma erin tussen aanhalingstekens")),
    ("found unexpected end of stream", (
        "het bestand houdt op midden in een waarde tussen aanhalingstekens",
        "sluit de waarde af met hetzelfde aanhalingsteken als waarmee ze begint")),
    ("found unknown escape character", (
        "een backslash (\\) tussen dubbele aanhalingstekens die YAML niet kent",
        "gebruik enkele aanhalingstekens ('…'), of schrijf een backslash als \\\\")),
    ("found character that cannot start any token", (
        "een waarde begint met een teken dat YAML niet aan het begin van een waarde toestaat (zoals @, ` of %)",
        "zet de waarde tussen aanhalingstekens")),
    ("did not find expected node content", (
        "op deze plek ontbreekt een waarde",
        "vul een waarde in, of schrijf null als de bron het veld leeg laat")),
    ("did not find expected comment or line break", (
        "na een waarde staat nog tekst die YAML niet kan plaatsen",
        "zet de hele waarde tussen aanhalingstekens")),
    ("block sequence entries are not allowed", (
        "een lijstregel ('- ') op een plek waar YAML geen lijst verwacht",
        "zet de lijst op een nieuwe regel onder haar veld, ingesprongen met spaties")),
    ("mapping keys are not allowed", (
        "een vraagteken-sleutel ('? ') op een plek waar dat niet mag",
        "gebruik gewone 'veld: waarde'-regels")),
    ("but found another document", (
        "het bestand bevat meer dan één YAML-document (een regel '---' of '...' halverwege)",
        "verwijder de regel '---' of '...', of zet het tweede deel in een eigen bestand")),
    ("expected a single document", (
        "het bestand bevat meer dan één YAML-document (een regel '---' of '...' halverwege)",
        "verwijder de regel '---' of '...', of zet het tweede deel in een eigen bestand")),
    ("did not find expected <document start>", (
        "na het einde van het document ('...') staat nog tekst",
        "verwijder de regel '...' of de tekst erna")),
    ("exceeded maximum nesting depth", (
        "de velden en lijsten zijn te diep in elkaar genest",
        "schrijf het bestand zoals de voorbeelden in de handleiding; zo diep nest geen enkel veld")),
    ("found undefined tag handle", (
        "een type-label (tag, begint met !) dat YAML niet kent",
        "laat het label weg; zet tekst die met ! begint tussen aanhalingstekens")),
    ("did not find expected alphabetic or numeric character", (
        "een teken * of & aan het begin van een waarde: YAML leest dat als een anker of verwijzing",
        "zet de waarde tussen aanhalingstekens (bv. voor Markdown-nadruk: \"*belangrijk* …\")")),
    ("did not find URI escaped octet", (
        "een type-label (tag, begint met !) dat YAML niet kan lezen",
        "laat het label weg; zet tekst die met ! begint tussen aanhalingstekens")),
    ("found invalid Unicode character escape code", (
        "een \\u- of \\x-code tussen dubbele aanhalingstekens die geen geldig teken is",
        "schrijf het teken zelf, of gebruik enkele aanhalingstekens")),
    ("did not find expected hexdecimal number", (
        "een \\u- of \\x-code tussen dubbele aanhalingstekens die geen geldig teken is",
        "schrijf het teken zelf, of gebruik enkele aanhalingstekens")),
    ("found a tab character", (
        "een tab (tabteken) in de inspringing: YAML staat alleen spaties toe om in te springen",
        "vervang de tab door spaties")),
    ("found incompatible YAML document", (
        "een %YAML-regel met een versie die niet wordt ondersteund",
        "verwijder de regel die met %YAML begint")),
]

GENERAL_SYNTAX_PROBLEM = (
    "de YAML-opbouw klopt niet",
    "controleer inspringing, dubbele punten en aanhalingstekens rond deze regel; "
    "zet tekst met ': ' of '#' erin tussen aanhalingstekens",
)

TAB = (
    "een tab (tabteken) in de inspringing: YAML staat alleen spaties toe om in te springen",
    "vervang de tab door spaties (de meeste editors kunnen tabs automatisch omzetten)",
)


def syntax_problem(*phrases: str | None) -> tuple[str, str]:
    """The Dutch (problem, fix) for libyaml's problem phrase (or, failing that, its context phrase)."""
    for phrase in phrases:
        for begin, translation in SYNTAX_PROBLEMS:
            if phrase and phrase.startswith(begin):
                return translation
    return GENERAL_SYNTAX_PROBLEM


def tab_at_fault(text: str, line_numbers: list[int], column: int | None) -> bool:
    """True when a tab is in the indentation of one of the lines (0-based) an error points at, or at its column."""
    lines = text.split("\n")
    for n in line_numbers:
        if 0 <= n < len(lines):
            line = lines[n]
            indentation = line[: len(line) - len(line.lstrip(" \t"))]
            if "\t" in indentation or (column is not None and line[column:column + 1] == "\t"):
                return True
            if line.lstrip(" \t").startswith("-\t"):
                return True
    return False


CHARACTER_NAMES = {
    "\0": "nul-teken (\\0)",
    "\x0b": "verticale tab (\\v)",
    "\x0c": "pagina-einde (form feed, \\f)",
    "\r": "losse regelterugloop (\\r, zonder regeleinde erna)",
    "\x1b": "escape-teken",
    "\x7f": "delete-teken",
    "\x85": "volgende-regel-teken (NEL)",
    "\u2028": "regelscheidingsteken",
    "\u2029": "alineascheidingsteken",
}


def character_name(char: str) -> str:
    """'verticale tab (\\v), U+000B': what an invisible character is, for a message."""
    code = f"U+{ord(char):04X}"
    return f"{CHARACTER_NAMES[char]}, {code}" if char in CHARACTER_NAMES else f"stuurteken {code}"


def visible(text: str, max_length: int = 60) -> str:
    """Text from a data file as it may appear inside a message: invisible characters as \\uXXXX, bounded."""
    if len(text) <= max_length and text.isprintable() and not INVISIBLE.search(text):  # fast path
        return text
    out = "".join(
        f"\\u{ord(c):04x}" if c != "\t" and (unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp")
                                              or INVISIBLE.match(c)) else c
        for c in text[: max_length + 1]
    )
    return out if len(text) <= max_length else out[:max_length] + "…"


def position(text: str, index: int) -> tuple[int, int]:
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
    line, column = position(text, exc.position)
    char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return YamlError(line, f"het teken U+{char:04X} mag niet in een gegevensbestand",
                     "verwijder het teken (het komt vaak mee bij kopiëren uit Word of pdf) en sla opnieuw op", column)


def unreadable(exc: Exception, text: str) -> YamlError:
    """What PyYAML (or a constructor) raised for `text`, as a Dutch YamlError at its line where one is known."""
    if isinstance(exc, yaml.MarkedYAMLError):
        return _syntax_error(exc, text)
    if isinstance(exc, yaml.reader.ReaderError):
        return _read_error(exc, text)
    return YamlError(None, "de YAML is niet leesbaar", "controleer de opmaak van het bestand aan de hand van de handleiding")

