"""`mkdocs serve --dirty`: the open-data files made again only where an edit can reach them (``KeptExports``).

The files are made in a second process (``macros.site.export_job``): it works on a copy of this object and
hands back what it made (``Made``), which the build's process takes over (``KeptExports.take``) once the files
are written, so the next rebuild keeps them.

No MkDocs import (the seam).
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field

from macros import exports


def region_of(rel: str) -> str | None:
    """The region a data file belongs to ('products/flevoland/45f34.yaml' -> 'flevoland'), or None."""
    parts = rel.split("/")
    if len(parts) >= 2 and parts[0] in REGION_FOLDERS:
        return parts[1].removesuffix(".yaml") if len(parts) == 2 else parts[1]
    return None


# Folders of data/ whose files belong to one region: <folder>/<region>.yaml or <folder>/<region>/...
REGION_FOLDERS = ("products", "regions", "codetabellen", "matrices", "secties")


def named_regions(cat) -> dict[str, set[str]]:
    """Region -> itself and the regions of the products its products name (samenloop): the regions whose data
    files its pages and export rows can show."""
    named: dict[str, set[str]] = {}
    for p in cat.producten.values():
        refs = {r for s in p.samenloop for r in s.producten}
        named.setdefault(p.regio, {p.regio}).update(cat.producten[r].regio for r in refs if r in cat.producten)
    return named


def changed_regions(old: dict, new: dict) -> set[str | None]:
    """The regions whose data files differ between two data stamps (None: a file of no region)."""
    return {region_of(k) for k in old.keys() | new.keys() if old.get(k) != new.get(k)}


@dataclass
class Made:
    """What one build's exports made that the last build had not: handed back by the export process."""

    regions: list[str]  # every region's parts, in order: made anew (``fresh``) or kept
    fresh: dict[str, object]
    used: list[bytes]  # every writer input of this build: new (``outputs``) or kept
    outputs: dict[bytes, object]
    named: dict[str, set[str]]
    stamp: dict
    context: tuple


@dataclass
class KeptExports:
    """The open-data files under ``serve --dirty``, made again only where an edit can reach them:

    - a region's ``RegionParts`` (its rows, its products' JSON) are kept when none of the regions whose data
      files they can show (``named_regions``, this build's and the last one's) has a changed file, and the site
      address, the data date and every file outside the regions' folders are the same;
    - a writer (workbook, CSV, …) is called again only when its input differs from every input of the last
      build (compared exactly, as pickled bytes): a region whose rows did not change keeps its workbook and
      CSV files. All regions' workbook is written again after any change of a row.
    """

    parts: dict[str, object] = field(default_factory=dict)  # region -> its RegionParts of the last build
    named: dict[str, set[str]] = field(default_factory=dict)
    stamp: dict = field(default_factory=dict)  # data/ as the last build's exports read it
    context: tuple = ()
    written: dict[bytes, object] = field(default_factory=dict)  # a writer and its input, pickled -> its output

    def files(self, cat, site_url: str, date: str | None, stamp: dict) -> tuple[dict[str, bytes], Made]:
        """Every open-data file, and what was made anew (for ``take`` in the build's process)."""
        changed = changed_regions(self.stamp, stamp)
        named, context = named_regions(cat), (site_url, date)
        keep = {} if None in changed or context != self.context else {
            r: x for r, x in self.parts.items() if not ((named.get(r, {r}) | self.named.get(r, {r})) & changed)}
        made: dict[str, object] = {}
        written: dict[bytes, object] = {}

        def parts(cat, r: str, site_url: str):
            made[r] = keep.get(r) or exports.region_parts(cat, r, site_url)
            return made[r]

        def write(fn, *args):
            key = pickle.dumps((fn.__module__, fn.__qualname__, args), protocol=pickle.HIGHEST_PROTOCOL)
            out = self.written.get(key)
            written[key] = out = fn(*args) if out is None else out
            return out

        out = exports.export_files(cat, site_url, date, parts=parts, write=write)
        return out, Made(list(made), {r: x for r, x in made.items() if r not in keep}, list(written),
                         {k: v for k, v in written.items() if k not in self.written}, named, stamp, context)

    def take(self, made: Made) -> None:
        """What the export process made becomes what the next build keeps (the rest from this object, which
        has not changed since the process copied it: a build waits for the last one's exports)."""
        self.parts = {r: made.fresh[r] if r in made.fresh else self.parts[r] for r in made.regions}
        self.written = {k: made.outputs[k] if k in made.outputs else self.written[k] for k in made.used}
        self.named, self.stamp, self.context = made.named, made.stamp, made.context

    def clear(self) -> None:
        self.parts.clear()
        self.written.clear()
        self.stamp, self.context = {}, ()
