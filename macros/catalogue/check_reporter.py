"""What the cross-file checks share: the ``Reporter`` that makes their errors and hints.

The reporter makes a DataError at a field's line, gives "bedoel je …?" hints within a budget of fuzzy
comparisons, and remembers a reference to a file that itself failed to load (``failed``) instead of
reporting it: the failed file gets one note saying which places could not be checked (``notes``).
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from macros.catalogue.errors import NOT_CHECKED, DataError, field_path

if TYPE_CHECKING:
    from macros.catalogue.loader import Catalogue


MAX_PLACES = 5  # places listed in a note about unchecked references
# "bedoel je …?" hints cost a fuzzy comparison with every candidate; a hostile file can hold 50,000 typos
# against 50,000 names, so a run gets a budget of comparisons (enough for 39 hints among 5,000 products,
# or 1,000 hints among 100).
MAX_COMPARISONS = 200_000


def enumeration(items: Collection[str], at_most: int = 10) -> str:
    """'a, b, c' — at most `at_most` items, then 'en nog N' (a list from data can be long)."""
    text = ", ".join(islice(items, at_most))
    return text + (f" en nog {len(items) - at_most}" if len(items) > at_most else "")


class Reporter:
    def __init__(self, cat: Catalogue, failed: dict[str, str]):
        self.cat = cat
        self.failed = failed
        self.unchecked: dict[str, list[str]] = {}  # failed file -> places that refer to it
        self.comparisons = 0

    def nearest(self, name: str, candidates: Collection[str], n: int) -> list[str]:
        """The nearest candidates for a hint, while the run's budget of comparisons lasts."""
        self.comparisons += len(candidates) + 100  # a call costs about as much as 100 comparisons
        if self.comparisons > MAX_COMPARISONS:
            return []
        return difflib.get_close_matches(name, candidates, n=n, cutoff=0.6)

    def error(self, file: str, path: tuple, problem: str, fix: str) -> DataError:
        yf = self.cat.bestanden.get(file)
        return DataError(file, yf.line_of(path) if yf else None, field_path(path), problem, fix)

    def region_failed(self, file: str, path: tuple, region: str) -> bool:
        """True (and the place remembered) when `regio` has a region file that failed to load."""
        return self._failed(f"regio:{region}", file, path)

    def _failed(self, key: str, file: str, path: tuple) -> bool:
        if key not in self.failed:
            return False
        yf = self.cat.bestanden.get(file)
        line = yf.line_of(path) if yf and path else None
        self.unchecked.setdefault(self.failed[key], []).append(file + (f" regel {line}" if line else ""))
        return True

    def notes(self) -> Iterator[DataError]:
        for file, places in sorted(self.unchecked.items()):
            places = list(dict.fromkeys(places))
            listing = ", ".join(places[:MAX_PLACES]) + (f" en nog {len(places) - MAX_PLACES}" if len(places) > MAX_PLACES else "")
            yield DataError(file, None, None,
                            f"{NOT_CHECKED}, omdat het zelf fouten bevat: {listing}",
                            "herstel eerst de fouten in dit bestand; de volgende controle kijkt die plekken ook na")

    def ref_error(self, file: str, path: tuple, ref: str) -> DataError | None:
        """An error if `ref` ('regio/id') names no product, with the nearest existing refs as hint.

        None when the product exists, and also when its file (or its region's) failed to load: then the
        reference cannot be checked, which the failed file's note says."""
        if ref in self.cat.producten:
            return None
        region = ref.split("/", 1)[0]
        if self._failed(f"product:{ref}", file, path) or self.region_failed(file, path, region):
            return None
        if region not in self.cat.regios:
            return self.error(file, path, f"verwijst naar regio '{region}', die niet bestaat",
                             f"kies een van: {enumeration(self.cat.regios)}")
        nearest = self.nearest(ref, self.cat.producten, 3)
        hint = f"bedoel je {' of '.join(nearest)}?" if nearest else f"maak data/products/{ref}.yaml aan, of corrigeer de verwijzing"
        return self.error(file, path, f"verwijst naar product '{ref}', dat niet bestaat", hint)



def line_text(m: Reporter, file: str, path: tuple) -> str:
    """The line of a field as text for a message, '?' when it is not known."""
    yf = m.cat.bestanden.get(file)
    return str(yf.line_of(path)) if yf and yf.line_of(path) else "?"
