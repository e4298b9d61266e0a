"""Dutch word forms for both searches: folding, tokens, stop words, the stemmer, compound parts.

The browser runs the same steps in ``overrides/assets/search_language.js`` (the finder on its queries, the
header search in its worker); ``tests/test_search_language.py`` checks in Chromium that both give the
same tokens and stems for every word of the data and for their inflected forms.

- **Folding**: lower case, diacritics removed (only U+0300–U+036F, as in the browser): 'Cliëntroute'
  -> 'clientroute'. Tokens are runs of ``[a-z0-9]``;
  an abbreviation with '&' as printed is one token ('J&O' -> 'j&o'), and so is a word or number with a
  '+' after it ('WO+' -> 'wo+', '18+' -> '18+'). Round-the-clock pairs are one token however printed:
  '7 x 24', '24x7', '7/24' and '24/7' are all '24/7' (two numbers of one or two digits joined by 'x' or
  '/', the larger first).
- **Codes are never changed**: a token with a digit ('45f21', '831mc'), an '&' or a '+' is not stemmed, not
  split and never matched by similarity; it is looked up exactly or as a prefix.
- **Stemmer**: Snowball's classic Dutch stemmer (``snowballstemmer``'s ``dutch_porter``; the newer
  ``dutch`` strips prefixes and maps 'gezin' to 'zin' and 'begeleiding' to 'beleid'), followed by
  two end rules so that plural and singular meet: a doubled final consonant is undoubled
  ('gezinnen' -> 'gezinn' -> 'gezin') and a final v/z becomes f/s ('intensieve' -> 'intensief',
  'gezinshuizen' -> 'gezinshuis').
  (Diminutives are the query's business: the browser tries the word a diminutive may be made of when the
  diminutive itself is no key, search_language.js ``diminutives``.)
- **Compounds**: a long word that is made of words of the catalogue (with an optional linking
  's' or 'e'/'en') is also indexed by its parts: 'ouderbegeleidingstraject' -> 'ouder',
  'begeleiding', 'traject'; otherwise by its longest known tail ('groepsbegeleiding' -> 'begeleiding').
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer

# A run of letters and digits; an abbreviation with '&' as printed ('J&O') and numbers with '/' ('24/7')
# are one token.
TOKEN = re.compile(r"(?<![a-z0-9])[0-9]{1,2} ?[x/] ?[0-9]{1,2}(?![a-z0-9/])|[0-9]+(?:/[0-9]+)+|[a-z0-9]+(?:&[a-z0-9]+)*\+?")
_PAIR = re.compile(r"([0-9]{1,2}) ?[x/] ?([0-9]{1,2})")
_MARKS = re.compile("[\u0300-\u036f]")
_CODE = re.compile("[0-9&+]")
_PORTER = snowballstemmer.stemmer("dutch_porter")

# Words that carry no meaning in a query or a product text (a short list: 'geen', 'niet' and
# numbers stay searchable). The browser has the same list.
STOPWORDS = frozenset(["aan", "al", "als", "bij", "daar", "dan", "dat", "de", "deze", "die", "dit", "door", "een", "elk", "en", "er", "het", "hier", "hij", "hun", "ieder", "in", "is", "je", "maar", "met", "na", "naar", "nog", "of", "om", "omdat", "onder", "ook", "op", "over", "te", "tot", "u", "uit", "van", "voor", "want", "was", "wat", "we", "wel", "wie", "wij", "wordt", "worden", "zal", "ze", "zich", "zij", "zijn", "zo", "zodat", "welke", "welk", "hoe", "waar", "wanneer", "waarom", "kan", "kunnen", "moet", "moeten", "mag", "mogen", "heeft", "hebben", "heb", "ik", "mijn", "jij", "jouw", "ons", "onze", "jullie", "iets", "zou", "zouden", "wil", "wilt", "willen",
                       "kun", "kunt", "zullen", "zult"])

MIN_PART = 4        # compound parts and tails have at least this many letters
MIN_COMPOUND = 8    # only words at least this long are split


def fold(text: str) -> str:
    """Lower case without diacritics: 'Cliëntprofiel' -> 'clientprofiel' (same as the browser)."""
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).lower()


def _pair(t: str) -> str:
    """'7 x 24', '24x7', '7/24' -> '24/7': a pair of numbers joined by 'x' or '/', the larger first."""
    m = _PAIR.fullmatch(t)
    if not m:
        return t
    a, b = sorted((m.group(1), m.group(2)), key=int, reverse=True)
    return f"{a}/{b}"


def tokens(text: str) -> list[str]:
    # a pair of numbers starts with a digit (TOKEN's tokens are never empty): only those need _pair
    return [_pair(t) if t[0].isdigit() else t for t in TOKEN.findall(fold(text))]


def levels(ts: list[str]) -> list[str]:
    """A word followed by a number under three digits, joined as the sources also print it: 'niveau 3' ->
    'niveau3', 'mbo 4' -> 'mbo4' (a bare '3' is no search word; the pair is, as a code-like token); and an
    age, a number under three digits followed by 'jaar': '6 jaar' -> '6jaar' ('0-6 jaar', 'tot 18 jaar')."""
    return [a + b if b.isdigit() else a + "jaar" for a, b in itertools.pairwise(ts)
            if (b.isdigit() and len(b) < 3 and a.isalpha()) or (b == "jaar" and a.isdigit() and len(a) < 3)]


def is_code(token: str) -> bool:
    """Tokens with a digit (codes, numbers) or an '&' (abbreviations as printed, 'j&o'): never stemmed,
    split or matched by similarity."""
    return _CODE.search(token) is not None


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """The search key of a folded token: codes as they are, words by the Dutch stemmer plus end rules."""
    if is_code(token):
        return token
    s = _PORTER.stemWord(token)
    if len(s) >= 4 and s[-1] == s[-2] and s[-1] not in "aeiouy":
        s = s[:-1]
    if s.endswith("v"):
        s = s[:-1] + "f"
    elif s.endswith("z"):
        s = s[:-1] + "s"
    return s


# Word endings that are known words but nearly always a suffix, not a part of a compound.
FALSE_TAILS = frozenset({"ding", "dingen", "ring", "ling", "heid", "eren", "even", "uren", "open", "allen"})


def known_words(words: Iterable[str]) -> frozenset[str]:
    """The words compounds may be split into: every word of the catalogue and its stem, long enough."""
    out = set()
    for w in words:
        if len(w) >= MIN_PART and not is_code(w) and w not in STOPWORDS and w not in FALSE_TAILS:
            out.add(w)
            s = stem(w)
            if len(s) >= MIN_PART and s not in STOPWORDS and s not in FALSE_TAILS:
                out.add(s)
    return frozenset(out)


def compound_parts(token: str, known: frozenset[str]) -> list[str]:
    """The parts of a compound word (and the parts of those), or [] when it is not one.

    A split into known words (fewest parts, a linking 's', 'e' or 'en' allowed between them) wins;
    without one, the longest known tail counts when the head is a plausible word too
    ('groepsbegeleiding' -> ['begeleiding'], not 'begeleiding' -> ['ding'] nor 'begeleiden' -> ['leiden']).
    """
    if len(token) < MIN_COMPOUND or is_code(token):
        return []
    out: list[str] = []
    for part in _split(token, known):
        if part not in out:
            out.append(part)
        out += [q for q in compound_parts(part, known) if q not in out]
    return out


def _split(token: str, known: frozenset[str]) -> tuple[str, ...]:
    n = len(token)
    # best[i]: fewest known words (with linking letters) covering token[i:], None if impossible
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[n] = ()
    for i in range(n - MIN_PART, -1, -1):
        for j in range(i + MIN_PART, n + 1 if i else n):  # the whole token is not a split of itself
            part = token[i:j]
            if part not in known:
                continue
            for link in ("", "s", "e", "en"):
                k = j + len(link)
                if k > n or token[j:k] != link or best[k] is None or (link and k == n):
                    continue
                cand = (part, *best[k])
                if best[i] is None or len(cand) < len(best[i]):
                    best[i] = cand
    if best[0]:
        return best[0]
    for i in range(MIN_PART, n - MIN_PART + 1):  # the longest known tail after a plausible head
        tail = token[i:]
        if tail in known and len(stem(tail)) >= MIN_PART and len(_VERB_PREFIX.sub("", token[:i])) >= MIN_PART:
            return (tail,)
    return ()


# A head that is a verb's prefix and a syllable is no word of its own: 'begeleiden' is not 'bege' + 'leiden',
# 'verminderd' not 'vermin' + 'derd', 'verantwoord' not 'verant' + 'woord' (but 'gezinsbegeleiding' has a head).
_VERB_PREFIX = re.compile("^(?:be|ge|ver|ont|her|er)")
