"""What changed in the data between two catalogues, per field, as the pages show it (issue 12).

``vergelijk(oud, nieuw)`` is pure: two validated catalogues in, one ``Wijzigingen`` out. Products are
matched by region and id; a product removed and one added in the same region with the same name (or
mostly the same fields) is one recoded product ("was → wordt"). Field changes come from walking the
models recursively; values are rendered the way the product page renders them (``changes_values``).
``catalogus_op_ref`` loads ``data/`` at a git ref through the same loader and model as the build.
Rendering for the pull-request comment and the /wijzigingen/ page is in ``macros.changes.report``.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import tarfile
import tempfile
from dataclasses import replace
from pathlib import Path

from macros.catalogue.loader import Catalogue, load_catalogue
from macros.changes.values import (  # noqa: F401  (the result types are part of this module's interface)
    SOORTEN, BestandWijziging, BoomWijziging, ProductWijziging, RegioWijzigingen, UitkomstWijziging, Veldwijziging,
    Wijzigingen, similarity, verschillen,
)
from macros.catalogue.errors import DataErrors

MAX_FOUTEN = 5  # errors quoted when the old side does not validate


# --- comparing ---------------------------------------------------------------


def _pw(soort: str, p, velden=(), was=None) -> ProductWijziging:
    return ProductWijziging(soort, p.regio, p.id, p.code, p.naam, tuple(velden),
                            was.id if was is not None else None, was.code if was is not None else None)


def _koppel(weg: list, nieuw: list) -> list[tuple]:
    """Pairs (removed, added) that are one product under a new code or file name."""
    kandidaten = []
    for a in weg:
        for b in nieuw:
            zelfde_naam = a.naam.casefold() == b.naam.casefold()
            score = similarity(a, b)
            if zelfde_naam or score >= 0.8:
                kandidaten.append((zelfde_naam, score, a.id, b.id, a, b))
    paren, gebruikt = [], set()
    for _, _, _, _, a, b in sorted(kandidaten, key=lambda k: (not k[0], -k[1], k[2], k[3])):
        if a.ref not in gebruikt and b.ref not in gebruikt:
            gebruikt |= {a.ref, b.ref}
            paren.append((a, b))
    return paren


def _volgorde(p: ProductWijziging) -> tuple:
    return SOORTEN.index(p.soort), p.code or "~", p.naam, p.id


def _regio(oud: Catalogue, nieuw: Catalogue, rid: str) -> RegioWijzigingen | None:
    a, b = oud.regios.get(rid), nieuw.regios.get(rid)
    pa = {p.id: p for p in oud.products_of(rid)}
    pb = {p.id: p for p in nieuw.products_of(rid)}
    uit: list[ProductWijziging] = []
    for pid in pa.keys() & pb.keys():
        velden = verschillen(pa[pid], pb[pid], oud, nieuw)
        if velden:
            soort = "hercodeerd" if pa[pid].code != pb[pid].code else "gewijzigd"
            uit.append(_pw(soort, pb[pid], velden, pa[pid] if soort == "hercodeerd" else None))
    weg = [pa[i] for i in sorted(pa.keys() - pb.keys())]
    erbij = [pb[i] for i in sorted(pb.keys() - pa.keys())]
    for x, y in _koppel(weg, erbij):
        weg.remove(x)
        erbij.remove(y)
        uit.append(_pw("hercodeerd", y, verschillen(x, y, oud, nieuw), x))
    uit += [_pw("verwijderd", p) for p in weg] + [_pw("toegevoegd", p) for p in erbij]
    velden = verschillen(a, b, oud, nieuw) if a is not None and b is not None else ()
    if not uit and not velden and (a is None) == (b is None):
        return None
    soort = "toegevoegd" if a is None else "verwijderd" if b is None else "gewijzigd"
    return RegioWijzigingen(rid, (b or a).naam, soort, tuple(sorted(uit, key=_volgorde)), tuple(velden))


def _boom(oud: Catalogue, nieuw: Catalogue, bid: str) -> BoomWijziging | None:
    a, b = oud.beslisbomen.get(bid), nieuw.beslisbomen.get(bid)
    if a is None or b is None:
        return BoomWijziging("toegevoegd" if a is None else "verwijderd", bid, (b or a).titel, (b or a).regio)
    ua, ub = {u.id: u for u in a.uitkomsten}, {u.id: u for u in b.uitkomsten}
    uitkomsten = []
    for u in b.uitkomsten:
        if u.id not in ua:
            uitkomsten.append(UitkomstWijziging("toegevoegd", u.id, u.titel))
        elif velden := verschillen(ua[u.id], u, oud, nieuw):
            uitkomsten.append(UitkomstWijziging("gewijzigd", u.id, u.titel, tuple(velden)))
    uitkomsten += [UitkomstWijziging("verwijderd", u.id, u.titel) for u in a.uitkomsten if u.id not in ub]
    velden = verschillen(a, b, oud, nieuw, zonder={"uitkomsten"})
    if not uitkomsten and not velden:
        return None
    return BoomWijziging("gewijzigd", bid, b.titel, b.regio, tuple(uitkomsten), tuple(velden))


def _zonder_map(pad: str) -> str:
    return pad.split("/", 1)[1] if "/" in pad else pad  # 'data/…' -> '…' (the data folder may be named otherwise)


def _regio_van(pad: str) -> str | None:
    """The region of 'matrices/<regio>/x.yaml', 'secties/<regio>/x.yaml' or 'codetabellen/<regio>.yaml'."""
    delen = pad.split("/")
    if delen[0] in ("matrices", "secties") and len(delen) == 3:
        return delen[1]
    if delen[0] == "codetabellen" and len(delen) == 2:
        return delen[1].removesuffix(".yaml")
    return None


def _overig(oud: Catalogue, nieuw: Catalogue) -> list[BestandWijziging]:
    """Files outside products/, regions/ and beslisbomen/, compared as read (every key, every value)."""
    eigen = ("products/", "regions/", "beslisbomen/")
    a = {_zonder_map(k): v.data for k, v in oud.bestanden.items() if not _zonder_map(k).startswith(eigen)}
    b = {_zonder_map(k): v.data for k, v in nieuw.bestanden.items() if not _zonder_map(k).startswith(eigen)}
    uit = []
    for pad in sorted(a.keys() | b.keys()):
        x, y = a.get(pad), b.get(pad)
        if x == y:
            continue
        soort = "toegevoegd" if pad not in a else "verwijderd" if pad not in b else "gewijzigd"
        keys = ()
        if isinstance(x, dict) and isinstance(y, dict):
            keys = tuple(k for k in dict.fromkeys([*x, *y]) if x.get(k) != y.get(k))
        regio = _regio_van(pad)
        uit.append(BestandWijziging(soort, f"data/{pad}", tuple(map(str, keys)), regio if regio in nieuw.regios else None))
    return uit


def compare_catalogues(oud: Catalogue, nieuw: Catalogue) -> Wijzigingen:
    """Everything that changed from `oud` to `nieuw`, per region, per product, per field."""
    volgorde = list(nieuw.regios) + [r for r in oud.regios if r not in nieuw.regios]
    alle = set(volgorde) | {p.regio for p in (*oud.producten.values(), *nieuw.producten.values())}
    volgorde += sorted(alle - set(volgorde))
    regios = [w for rid in volgorde if (w := _regio(oud, nieuw, rid)) is not None]
    bomen = [w for bid in sorted(oud.beslisbomen.keys() | nieuw.beslisbomen.keys())
             if (w := _boom(oud, nieuw, bid)) is not None]
    namen = {rid: r.naam for rid, r in (*oud.regios.items(), *nieuw.regios.items())}
    return Wijzigingen(tuple(regios), tuple(bomen), tuple(_overig(oud, nieuw)), regionamen=namen)


# --- the old side from git ---------------------------------------------------


def empty_catalogue() -> Catalogue:
    """The catalogue of a ref without data/: comparing with it shows everything as added."""
    return Catalogue({}, {}, {}, {}, {}, {}, {}, {}, [], bestanden={})


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, timeout=120)


def default_base(repo_root: Path | str) -> str | None:
    """The default ref to compare with: the merge base with main, else HEAD~1, else None (no base)."""
    repo = Path(repo_root)
    for args in (("merge-base", "HEAD", "main"), ("merge-base", "HEAD", "origin/main"),
                 ("rev-parse", "--verify", "--quiet", "HEAD~1")):
        r = _git(repo, *args)
        if r.returncode == 0 and r.stdout.strip():
            return r.stdout.decode().strip()
    return None


def catalogue_at_ref(repo_root: Path | str, ref: str | None) -> Catalogue | str:
    """The catalogue of data/ at `ref`, loaded and validated like a build; a Dutch explanation if that fails.

    `ref` None (no base) or a ref without data/ gives an empty catalogue.
    """
    repo = Path(repo_root)
    if ref is None:
        return empty_catalogue()
    r = _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if r.returncode != 0:
        return (f"De vergelijkingsbasis '{ref}' bestaat niet in deze git-repository, dus er is niets om mee te "
                "vergelijken. Haal de geschiedenis op (git fetch, of fetch-depth: 0 in de workflow) of kies een "
                "andere basis met --base.")
    sha = r.stdout.decode().strip()
    if not _git(repo, "ls-tree", "-d", "--name-only", sha, "data").stdout.strip():
        return empty_catalogue()
    archief = _git(repo, "archive", "--format=tar", sha, "data")
    if archief.returncode != 0:
        return f"De gegevens op '{ref}' konden niet uit git worden gelezen: {archief.stderr.decode().strip()}"
    with tempfile.TemporaryDirectory(prefix="productenboek-basis-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archief.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        try:
            return load_catalogue(Path(tmp) / "data")
        except DataErrors as exc:
            return uitleg_ongeldig(f"{ref} ({sha[:7]})", exc)


def uitleg_ongeldig(basis: str, exc: DataErrors) -> str:
    n = len(exc.errors)
    regels = [f"- {f}" for f in exc.errors[:MAX_FOUTEN]]
    if n > MAX_FOUTEN:
        regels.append(f"- en nog {n - MAX_FOUTEN} {'fout' if n - MAX_FOUTEN == 1 else 'fouten'}")
    return "\n".join([
        f"De gegevens op {basis} voldoen niet aan het huidige datamodel of de huidige controles ({n} {'fout' if n == 1 else 'fouten'}), "
        "dus ze kunnen niet veld voor veld met de nieuwe gegevens worden vergeleken. Dat gebeurt meestal als deze "
        "wijziging het model zelf aanpast (een veld hernoemd, toegevoegd of verplicht gemaakt). Bekijk de "
        "wijzigingen in de bestanden zelf (de diff van de pull request). De eerste fouten:",
        *regels,
    ])


def basis_label(repo_root: Path | str, ref: str | None) -> str:
    """'origin/main (3f2a9c1)' for a ref, or a phrase when there is no base."""
    if ref is None:
        return "een lege datamap (geen eerdere versie gevonden)"
    r = _git(Path(repo_root), "rev-parse", "--short", f"{ref}^{{commit}}")
    kort = r.stdout.decode().strip() if r.returncode == 0 else ""
    if not kort or re.fullmatch(r"[0-9a-f]{7,40}", ref):
        return kort or ref
    return f"{ref} ({kort})"


def changes_for_site(repo_root: Path | str, nieuw: Catalogue, ref: str | None = None) -> Wijzigingen | str:
    """For the /wijzigingen/ page of a build: `nieuw` compared with `ref`, else $PRODUCTENBOEK_BASIS, else the
    merge base with main. A string explains why there is no comparison."""
    ref = ref or os.environ.get("PRODUCTENBOEK_BASIS") or default_base(repo_root)
    if ref is None:  # on a site, "everything is new" would mislead: say there is nothing to compare with
        return "Er is geen eerdere versie van de gegevens in git gevonden om deze versie mee te vergelijken."
    oud = _oud_in_cache(repo_root, ref)
    if isinstance(oud, str):
        return oud
    return replace(compare_catalogues(oud, nieuw), basis=basis_label(repo_root, ref))


_CACHE: dict[tuple[str, str], Catalogue | str] = {}


def _oud_in_cache(repo_root: Path | str, ref: str) -> Catalogue | str:
    """catalogus_op_ref, loaded once per commit: `mkdocs serve` rebuilds compare with the same base."""
    sha = _git(Path(repo_root), "rev-parse", "--verify", "--quiet", ref + "^{commit}").stdout.decode().strip() or ref
    key = (str(Path(repo_root).resolve()), sha)
    if key not in _CACHE:
        _CACHE[key] = catalogue_at_ref(repo_root, ref)
    return _CACHE[key]


__all__ = [
    "BestandWijziging", "BoomWijziging", "ProductWijziging", "RegioWijzigingen", "UitkomstWijziging",
    "Veldwijziging", "Wijzigingen", "basis_label", "catalogus_op_ref", "leeg_catalogus", "standaard_basis",
    "vergelijk", "wijzigingen_voor_site",
]
