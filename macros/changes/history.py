"""Each product's history (issue 30): from one walk over git's history, the field-level changes per commit.

Input is the walk of ``macros.site.history`` (per commit: the paths it changed with their blob ids before and
after) and a reader of blobs; nothing here runs git itself. Only the product files a commit changed are read,
each version once (by blob id), parsed with the loader's YAML reader and validated with the model, and compared
with ``macros.changes.values.verschillen``: the same field walk, labels and values as the change report and the
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
from macros.catalogue.yamlfile import YamlError, decode, parse_yaml
from macros.changes.types import FieldChange
from macros.changes.values import one_line, verschillen
from macros.model import Product

PRODUCTS = "data/products/"
NIET_VERGELIJKBAAR = ("Deze wijziging is niet veld voor veld te tonen: een van beide versies voldoet niet aan het "
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


GEEN_GIT = "De geschiedenis van de gegevens is niet beschikbaar: deze site is niet gebouwd vanuit een git-repository."
ONDIEP = ("De geschiedenis van dit product is niet beschikbaar: deze site is gebouwd uit een kopie zonder de "
          "volledige git-geschiedenis (een ondiepe kloon).")


def _ref(pad: str) -> tuple[str, str] | None:
    """('regio', 'id') of 'data/products/<regio>/<id>.yaml', else None."""
    if not pad.startswith(PRODUCTS) or not pad.endswith(".yaml"):
        return None
    delen = pad[len(PRODUCTS):-len(".yaml")].split("/")
    return (delen[0], delen[1]) if len(delen) == 2 and all(delen) else None


def _product(data: bytes | None, pad: str) -> ProductRecord | None:
    """A version of a product file, validated like the loader does; None when it does not validate."""
    regio_id = _ref(pad)
    if data is None or regio_id is None:
        return None
    try:
        yf = parse_yaml(decode(data))
        if not isinstance(yf.data, dict):
            return None
        m = Product.model_validate(yf.data)
    except (YamlError, ValueError, TypeError, RecursionError):
        return None
    return ProductRecord.make(m, id=regio_id[1], regio=regio_id[0], pad=pad)


def product_history(commits, shallow: bool, available: bool, read_blobs: Callable[[list[str]], dict[str, bytes]],
                    cat: Catalogue) -> History:
    """Every product's changes, newest first, from the walk's commits (``macros.site.history.Walk``)."""
    if not available:
        return History(reden=GEEN_GIT)
    if shallow:
        return History(reden=ONDIEP)
    # Which product each path is, going back in time: today's files are today's products; a rename moves the
    # product to its old path for older commits; an addition ends it (an older file there was another product).
    volg: dict[str, str] = {p.pad: p.ref for p in cat.producten.values()}
    taken: list[tuple[object, object, str]] = []  # (commit, path change, ref)
    nodig: list[str] = []
    for commit in commits:
        for ch in commit.paths:
            pad = ch.new_path or ch.old_path
            if not ((ch.new_path or "").startswith(PRODUCTS) or (ch.old_path or "").startswith(PRODUCTS)):
                continue
            if ch.status == "D":
                if ch.old_path in volg:  # deleted, then a new file at the same path later: not this product
                    continue
                r = _ref(ch.old_path or "")
                if r is None:
                    continue
                ref = f"{r[0]}/{r[1]}"
                volg[ch.old_path] = f"weg:{ref}"  # older changes of a removed product are not followed
            else:
                ref = volg.pop(ch.new_path, None) if ch.status in ("A", "R") else volg.get(pad)
                if ref is None:
                    continue
                if ch.status == "R" and ch.old_path:
                    volg[ch.old_path] = ref
                if ref.startswith("weg:"):
                    continue
            taken.append((commit, ch, ref))
            if ch.status != "A":  # an addition is not read (see below): half of all versions in a young history
                nodig += [b for b in (ch.old_blob, ch.new_blob) if b]
    blobs = read_blobs(nodig)
    versies: dict[tuple[str | None, str | None], ProductRecord | None] = {}

    def versie(blob: str | None, pad: str | None) -> ProductRecord | None:
        if blob is None or pad is None:
            return None
        if (blob, pad) not in versies:
            versies[(blob, pad)] = _product(blobs.get(blob), pad)
        return versies[(blob, pad)]

    uit = History(available=True)
    for commit, ch, ref in taken:
        oud, nieuw = versie(ch.old_blob, ch.old_path), versie(ch.new_blob, ch.new_path)
        regio = ref.split("/", 1)[0]
        if ch.status == "A":
            # Not parsed: the file name is the code (the loader ties them), the name is today's.
            soort, velden, ok, p = "toegevoegd", (), True, None
        elif ch.status == "D":
            soort, velden, ok, p = "verwijderd", (), oud is not None, oud
        elif oud is None or nieuw is None:
            soort, velden, ok, p = "gewijzigd", (), False, nieuw or oud
        else:
            velden = tuple(verschillen(oud, nieuw, cat, cat))
            if oud.regio != nieuw.regio:
                velden = (FieldChange("regio", "regio", oud.regio, nieuw.regio), *velden)
            if oud.id != nieuw.id and not any(v.veld == "code" for v in velden):
                velden = (FieldChange("id", "adres van de pagina", oud.id, nieuw.id), *velden)
            if not velden:
                continue  # only style: whitespace, key order, the style pass, re-wrapped text
            soort, ok, p = "gewijzigd", True, nieuw
        huidig = cat.producten.get(ref)
        stam = (ch.new_path or ch.old_path or "").rsplit("/", 1)[-1].removesuffix(".yaml")
        code = p.code if p is not None else stam.upper() if huidig is not None and huidig.code else None
        naam = p.naam if p is not None else huidig.naam if huidig is not None else ref.split("/", 1)[1]
        e = HistoryEntry(commit.sha, commit.date, commit.time, commit.pr, ref, regio, code, one_line(naam), soort,
                         velden, ok)
        uit.entries.append(e)
        uit.per_product.setdefault(ref, []).append(e)
    return uit
