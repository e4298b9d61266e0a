"""Each product's history (issue 30): from one walk over git's history, the field-level changes per commit.

Input is the walk of ``macros.site.history`` (per commit: the paths it changed with their blob ids before and
after) and a reader of blobs; nothing here runs git itself. Only the product files a commit changed are read,
each version once (by blob id), parsed with the loader's YAML reader and validated with the model, and compared
with ``macros.changes.values.field_changes``: the same field walk, labels and values as the change report and the
pages. A commit that changes no field (whitespace, the YAML style pass, a re-wrapped text) is left out.

A product is followed back through renames (a recoded file), by the path git reports. An addition is not read:
its code is its file name then (the loader ties file name and code), its name today's. A version that does not
validate under today's model (an older model, a broken commit) is not guessed at: the entry says the change
cannot be shown field by field. Labels and product references are rendered with today's catalogue.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from macros.catalogue.loader import Catalogue
from macros.catalogue.records import ProductRecord
from macros.catalogue.yamlerrors import YamlError
from macros.catalogue.yamlfile import decode, parse_yaml
from macros.changes.types import FieldChange
from macros.changes.values import field_changes, one_line
from macros.model import Product

PRODUCTS = "data/products/"
NOT_COMPARABLE = ("Deze wijziging is niet veld voor veld te tonen: een van beide versies voldoet niet aan het "
                      "huidige datamodel.")


@dataclass(frozen=True)
class HistoryEntry:
    """One commit's change to one product."""

    sha: str
    date: str  # 'YYYY-MM-DD'
    time: str  # ISO 8601 with offset
    pr: int | None
    ref: str  # the product's 'regio/id' today (for a removed product: the one it had)
    regio: str
    code: str | None  # the product's code in this version (the old one for a removal)
    naam: str
    soort: str  # 'gewijzigd', 'toegevoegd' or 'verwijderd'
    velden: tuple[FieldChange, ...] = ()
    vergelijkbaar: bool = True  # False: a version did not validate, no field lines

    @property
    def wie(self) -> str:
        """'45F34' (or the name when there is no code): what a feed title calls the product."""
        return self.code or self.naam

    @property
    def bestaat(self) -> bool:
        return self.soort != "verwijderd"


@dataclass
class History:
    available: bool = False
    reden: str | None = None  # Dutch: why there is no history (shallow clone, no git)
    entries: list[HistoryEntry] = field(default_factory=list)  # newest first, across all products
    per_product: dict[str, list[HistoryEntry]] = field(default_factory=dict)  # ref -> newest first

    def of(self, ref: str) -> list[HistoryEntry]:
        return self.per_product.get(ref, [])


NO_GIT = "De geschiedenis van de gegevens is niet beschikbaar: deze site is niet gebouwd vanuit een git-repository."
SHALLOW = ("De geschiedenis van dit product is niet beschikbaar: deze site is gebouwd uit een kopie zonder de "
          "volledige git-geschiedenis (een ondiepe kloon).")


def _ref(path: str) -> tuple[str, str] | None:
    """('regio', 'id') of 'data/products/<regio>/<id>.yaml', else None."""
    if not path.startswith(PRODUCTS) or not path.endswith(".yaml"):
        return None
    parts = path[len(PRODUCTS):-len(".yaml")].split("/")
    return (parts[0], parts[1]) if len(parts) == 2 and all(parts) else None


def _product_version(data: bytes | None, path: str) -> ProductRecord | None:
    """A version of a product file, validated like the loader does; None when it does not validate."""
    region_and_id = _ref(path)
    if data is None or region_and_id is None:
        return None
    try:
        yf = parse_yaml(decode(data))
        if not isinstance(yf.data, dict):
            return None
        m = Product.model_validate(yf.data)
    except (YamlError, ValueError, TypeError, RecursionError):
        return None
    return ProductRecord.make(m, id=region_and_id[1], regio=region_and_id[0], pad=path)


def product_history(commits, shallow: bool, available: bool, read_blobs: Callable[[list[str]], dict[str, bytes]],
                    cat: Catalogue) -> History:
    """Every product's changes, newest first, from the walk's commits (``macros.site.history.Walk``)."""
    if not available:
        return History(reden=NO_GIT)
    if shallow:
        return History(reden=SHALLOW)
    # Which product each path is, going back in time: today's files are today's products; a rename moves the
    # product to its old path for older commits; an addition ends it (an older file there was another product).
    ref_at_path: dict[str, str] = {p.pad: p.ref for p in cat.producten.values()}
    taken: list[tuple[object, object, str]] = []  # (commit, path change, ref)
    needed: list[str] = []
    for commit in commits:
        for ch in commit.paths:
            path = ch.new_path or ch.old_path
            if not ((ch.new_path or "").startswith(PRODUCTS) or (ch.old_path or "").startswith(PRODUCTS)):
                continue
            if ch.status == "D":
                if ch.old_path in ref_at_path:  # deleted, then a new file at the same path later: not this product
                    continue
                r = _ref(ch.old_path or "")
                if r is None:
                    continue
                ref = f"{r[0]}/{r[1]}"
                ref_at_path[ch.old_path] = f"weg:{ref}"  # older changes of a removed product are not followed
            else:
                ref = ref_at_path.pop(ch.new_path, None) if ch.status in ("A", "R") else ref_at_path.get(path)
                if ref is None:
                    continue
                if ch.status == "R" and ch.old_path:
                    ref_at_path[ch.old_path] = ref
                if ref.startswith("weg:"):
                    continue
            taken.append((commit, ch, ref))
            if ch.status != "A":  # an addition is not read (see below): half of all versions in a young history
                needed += [b for b in (ch.old_blob, ch.new_blob) if b]
    blobs = read_blobs(needed)
    versions: dict[tuple[str | None, str | None], ProductRecord | None] = {}

    def version(blob: str | None, path: str | None) -> ProductRecord | None:
        if blob is None or path is None:
            return None
        if (blob, path) not in versions:
            versions[(blob, path)] = _product_version(blobs.get(blob), path)
        return versions[(blob, path)]

    history = History(available=True)
    for commit, ch, ref in taken:
        old, new = version(ch.old_blob, ch.old_path), version(ch.new_blob, ch.new_path)
        region = ref.split("/", 1)[0]
        if ch.status == "A":
            # Not parsed: the file name is the code (the loader ties them), the name is today's.
            kind, fields, ok, p = "toegevoegd", (), True, None
        elif ch.status == "D":
            kind, fields, ok, p = "verwijderd", (), old is not None, old
        elif old is None or new is None:
            kind, fields, ok, p = "gewijzigd", (), False, new or old
        else:
            fields = tuple(field_changes(old, new, cat, cat))
            if old.regio != new.regio:
                fields = (FieldChange("regio", "regio", old.regio, new.regio), *fields)
            if old.id != new.id and not any(v.veld == "code" for v in fields):
                fields = (FieldChange("id", "adres van de pagina", old.id, new.id), *fields)
            if not fields:
                continue  # only style: whitespace, key order, the style pass, re-wrapped text
            kind, ok, p = "gewijzigd", True, new
        current = cat.producten.get(ref)
        stem = (ch.new_path or ch.old_path or "").rsplit("/", 1)[-1].removesuffix(".yaml")
        code = p.code if p is not None else stem.upper() if current is not None and current.code else None
        name = p.naam if p is not None else current.naam if current is not None else ref.split("/", 1)[1]
        e = HistoryEntry(commit.sha, commit.date, commit.time, commit.pr, ref, region, code, one_line(name), kind,
                         fields, ok)
        history.entries.append(e)
        history.per_product.setdefault(ref, []).append(e)
    return history
