"""The one list of municipalities: every name the regions list, with one stable web address (slug) each.

A municipality listed by two regions is one municipality with two regions (one page listing both
regions' products). Two different names with the same slug (``Súdwest-Fryslân`` and
``Sudwest-Fryslan``) would share one address: ``checks`` reports that as an error, so a valid
catalogue has exactly one name per slug. A name without a slug is refused by the model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from macros.text import slug


@dataclass(frozen=True)
class Municipality:
    naam: str
    slug: str
    regios: tuple[str, ...]  # ids of the regions that list it, in the catalogue's order of regions

    @property
    def url(self) -> str:
        """Site-relative URL of its page, e.g. 'gemeenten/s-gravenhage/'."""
        return f"gemeenten/{self.slug}/"


@dataclass(frozen=True)
class Listing:
    """One name in one region file: where a municipality is listed."""

    naam: str
    regio: str
    index: int  # position in the region's 'gemeenten' list (0-based)


def by_slug(regions: Mapping[str, object]) -> dict[str, list[Listing]]:
    """Every listing of a municipality, grouped by slug (regions in the given order)."""
    out: dict[str, list[Listing]] = {}
    for region_id, region in regions.items():
        for i, name in enumerate(region.gemeenten):  # type: ignore[attr-defined]
            if s := slug(name):
                out.setdefault(s, []).append(Listing(name, region_id, i))
    return out


def collect_municipalities(regions: Mapping[str, object]) -> list[Municipality]:
    """The canonical list, sorted by slug. On a catalogue with a slug collision the first name is used."""
    return [
        Municipality(listings[0].naam, s, tuple(dict.fromkeys(v.regio for v in listings)))
        for s, listings in sorted(by_slug(regions).items())
    ]
