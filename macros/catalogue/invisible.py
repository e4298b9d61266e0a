"""Invisible and lookalike characters: what the loader refuses in every text it reads, and the UTS #39 skeleton.

Invisible characters are defined by Unicode properties, not by a list typed here: general category Cf
(format characters: bidi controls U+202A–U+202E and U+2066–U+2069, zero-width U+200B–U+200D, word
joiner U+2060, U+FEFF, soft hyphen U+00AD, …) plus every Default_Ignorable_Code_Point (which adds the
Hangul fillers U+115F, U+1160, U+3164 and U+FFA0, variation selectors, the combining grapheme joiner and
the reserved ignorable ranges), both as the ``regex`` module's Unicode tables have them. One filler that
neither property covers but that shows as nothing is added by name: U+2800 BRAILLE PATTERN BLANK. Such a
character can make a name look like another (``Zeeland`` and ``Zee\\u200bland``) or reverse the order in
which a text is shown (U+202E), on the site, in the exports and in the PR comment.

A lookalike is a different text that shows the same: ``Almere`` with a Cyrillic ``е``. The UTS #39
skeleton maps every character to its prototype, so that two texts are confusable exactly when their
skeletons are equal. The mapping comes from Unicode's confusables.txt as the ``confusable-homoglyphs``
package keeps it; that package stores the pairs in both directions and has no skeleton function, so
the skeleton is built here from its data: in confusables.txt every source character maps to one
prototype, and no prototype is a source, so the pairs fall apart into classes of one prototype and its
sources. Mapping every character of a class to one fixed member of it (the prototype when it is a
sequence, else the lowest code point) gives skeletons that are equal exactly when the UTS #39 skeletons
are.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

# The class, by property (see the module docstring). \p{Zl}/\p{Zp} are refused elsewhere as line breaks.
INVISIBLE = regex.compile(r"[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]")

BIDI = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C}


def first_invisible(text: str) -> regex.Match | None:
    return INVISIBLE.search(text)


def code_point(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE': the code point and its Unicode name, for a message."""
    name = unicodedata.name(char, "")
    if not name and 0xFE00 <= ord(char) <= 0xFE0F:
        name = f"VARIATION SELECTOR-{ord(char) - 0xFE00 + 1}"
    return f"U+{ord(char):04X} {name}" if name else f"U+{ord(char):04X} (een niet-toegekend onzichtbaar teken)"


def what_it_does(char: str) -> str:
    """In Dutch, why the character is refused."""
    if ord(char) in BIDI:
        return "het stuurt de leesrichting (bidi-teken), zodat de tekst anders wordt getoond dan hij is"
    if char in "\u200b\u200c\u200d\u2060\ufeff":
        return "het heeft geen breedte, zodat de tekst gelijk lijkt aan een andere tekst zonder dat teken"
    if char == "\u00ad":
        return "een zacht afbreekstreepje is onzichtbaar, zodat de tekst gelijk lijkt aan een andere tekst zonder dat teken"
    return "het is onzichtbaar of leeg, zodat de tekst gelijk lijkt aan een andere tekst zonder dat teken"


def invisible_problem(char: str) -> str:
    return f"een onzichtbaar teken, {code_point(char)}: {what_it_does(char)}"


FIX = ("verwijder het teken (het komt vaak mee bij kopiëren uit een webpagina, Word of pdf); het is niet te "
       "zien, dus typ de tekst op die plek zo nodig opnieuw")
BOM_FIX = ("het bestand begint met een byte-order mark (BOM): sla het op als 'UTF-8' zonder BOM "
           "(in Kladblok: 'UTF-8', niet 'UTF-8 met BOM')")


# --- the UTS #39 skeleton --------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _prototypes() -> dict[str, str]:
    """Character -> the fixed member of its confusables class (see the module docstring)."""
    from confusable_homoglyphs.confusables import confusables_data

    def clean(s: str) -> str:
        # The package keeps right-to-left characters between two LEFT-TO-RIGHT MARKs (for display).
        return s[1:-1] if len(s) > 2 and s[0] == s[-1] == "\u200e" else s

    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, members_list in confusables_data.items():
        for item in members_list:
            ra, rb = root(clean(a)), root(clean(item["c"]))
            if ra != rb:
                parent[ra] = rb
    classes: dict[str, list[str]] = {}
    for x in list(parent):
        classes.setdefault(root(x), []).append(x)
    out: dict[str, str] = {}
    for members in classes.values():
        ranges = [x for x in members if len(x) > 1]
        fixed = ranges[0] if ranges else min(members)
        for x in members:
            if len(x) == 1:
                out[x] = fixed
    # a prototype that is a sequence is itself mapped character by character (its parts are prototypes)
    return {k: "".join(out.get(c, c) for c in v) if len(v) > 1 else v for k, v in out.items()}


def skeleton(text: str) -> str:
    """The UTS #39 skeleton (with classes represented as in the module docstring): NFD, map, NFD."""
    table = _prototypes()
    nfd = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFD", "".join(table.get(c, c) for c in nfd))


def name_key(text: str) -> str:
    """What two names that must differ are compared by: whitespace folded, case folded."""
    return " ".join(text.split()).casefold()


@lru_cache(maxsize=1 << 16)  # a pure function of the text: under `serve --dirty` each rebuild asks for every name again
def lookalike_keys(text: str) -> tuple[str, str]:
    """Two names look alike when they share a key: the skeleton of the name as written (so 'Ill' and '1ll'),
    and that of the case-folded name (so 'Almere' and 'almеre' with a Cyrillic е), whitespace folded."""
    folded = " ".join(text.split())
    return skeleton(folded), skeleton(folded.casefold())


def difference(text: str, other: str) -> str:
    """Where a lookalike differs from the other name, for a message: ' (teken 5 is U+0430 CYRILLIC SMALL
    LETTER A, in de andere naam U+0061 LATIN SMALL LETTER A)'."""
    for i, (a, b) in enumerate(zip(text, other, strict=False)):
        if a != b:
            return f" (teken {i + 1} is {code_point(a)}, in de andere naam {code_point(b)})"
    return ""
