"""The change report's result types: what changed, per region, product, decision tree and file, per field.

Plain frozen dataclasses, built by ``macros.changes.compare_catalogues`` and rendered by ``macros.changes.report``
and ``macros.changes.markdown``; ``NotComparable`` says why there is no comparison.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

CHANGE_KINDS = ("gewijzigd", "hercodeerd", "verplaatst", "toegevoegd", "verwijderd")  # order of product changes in every report
MAX_ERRORS = 5  # errors quoted when a side does not validate (all of them: the job summary and report.txt)


@dataclass(frozen=True)
class FieldChange:
    veld: str  # the field path, e.g. 'normenkader.max_duur' or 'resultaten[3]' (1-based)
    label: str  # what a reader calls it, e.g. 'maximale duur' or 'resultaat 3'
    oud: str  # rendered as the page shows it
    nieuw: str


@dataclass(frozen=True)
class ProductChange:
    soort: str  # one of CHANGE_KINDS ("verplaatst": from region `was_regio` to `regio`)
    regio: str
    id: str  # the id now; for a removed product the id it had
    code: str | None
    naam: str
    velden: tuple[FieldChange, ...] = ()
    was_id: str | None = None  # recoded or moved: the id and code before
    was_code: str | None = None
    was_regio: str | None = None  # moved: the region before

    @property
    def ref(self) -> str:
        return f"{self.regio}/{self.id}"

    @property
    def url(self) -> str | None:
        """Site-relative URL of the product page; None for a removed product (it has no page)."""
        return None if self.soort == "verwijderd" else f"{self.regio}/{self.id}/"

    @property
    def anker(self) -> str:
        """Anchor of this product's entry on /wijzigingen/."""
        return f"{self.regio}-{self.id}"

    @property
    def titel(self) -> str:
        return f"{self.code} {self.naam}" if self.code else self.naam

    @property
    def was(self) -> str:
        """'45F21' (or the old id when there was no code): what the product was called before."""
        return self.was_code or self.was_id or ""


@dataclass(frozen=True)
class RegionChanges:
    regio: str
    naam: str
    soort: str  # "gewijzigd", "toegevoegd" (new region file) or "verwijderd"
    producten: tuple[ProductChange, ...] = ()
    velden: tuple[FieldChange, ...] = ()  # changes to the region file itself

    def van(self, kind: str) -> list[ProductChange]:
        return [p for p in self.producten if p.soort == kind]


@dataclass(frozen=True)
class OutcomeChange:
    soort: str  # "gewijzigd", "toegevoegd", "verwijderd"
    id: str
    titel: str
    velden: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class TreeChange:
    soort: str
    id: str
    titel: str
    regio: str | None = None  # None: a tree for more than one region
    uitkomsten: tuple[OutcomeChange, ...] = ()
    velden: tuple[FieldChange, ...] = ()  # other changes: title, questions, answers, sources

    @property
    def url(self) -> str | None:
        return None if self.soort == "verwijderd" else f"beslisbomen/{self.id}/"


@dataclass(frozen=True)
class FileChange:
    """Any other data file (code table, matrix, section, taxonomy, synonyms): which top-level keys changed."""

    soort: str
    pad: str  # e.g. 'data/codetabellen/zuid-limburg.yaml'
    velden: tuple[str, ...] = ()
    regio: str | None = None  # the region whose page shows it, when there is one


@dataclass(frozen=True)
class Changes:
    regios: tuple[RegionChanges, ...] = ()
    bomen: tuple[TreeChange, ...] = ()
    overig: tuple[FileChange, ...] = ()
    basis: str | None = None  # what the old side was, e.g. "origin/main (3f2a9c1)"
    regionamen: dict[str, str] = field(default_factory=dict, compare=False)  # id -> name, every region of both sides

    @property
    def leeg(self) -> bool:
        return not (self.regios or self.bomen or self.overig)

    @property
    def producten(self) -> list[ProductChange]:
        return [p for r in self.regios for p in r.producten]

    def aantal(self, kind: str) -> int:
        return sum(p.soort == kind for p in self.producten)

    def anker(self, ref: str) -> str | None:
        """The anchor on /wijzigingen/ of a product (by its current 'regio/id'), or None if it did not change."""
        return self._anchors.get(ref)

    @cached_property
    def _anchors(self) -> dict[str, str]:  # one lookup per product page: a dict, not a scan of every change
        return {p.ref: p.anker for p in self.producten if p.url}


@dataclass(frozen=True)
class NotComparable:
    """Why there is no field-level comparison: a Dutch explanation and, when a side does not validate, its errors.

    `side` is "nieuw" when the proposed data itself is invalid (then the site cannot be built), "oud" when the
    base is, None otherwise (no base, unreadable git ref). str() gives the explanation with the first errors.
    """

    reden: str
    fouten: tuple[str, ...] = ()
    side: str | None = None

    def __str__(self) -> str:
        lines = [self.reden, *(f"- {f}" for f in self.fouten[:MAX_ERRORS])]
        if len(self.fouten) > MAX_ERRORS:
            rest = len(self.fouten) - MAX_ERRORS
            lines.append(f"- en nog {rest} {'fout' if rest == 1 else 'fouten'}")
        return "\n".join(lines)
