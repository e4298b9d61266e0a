"""The catalogue of ``data/`` at a git ref, read straight from git's objects.

Not with ``git archive``: that honours ``export-ignore`` (and ``export-subst``) in ``.gitattributes``, so one
merged line such as ``* export-ignore`` in ``data/.gitattributes`` would hide files from every later report.
``git ls-tree -r -z`` lists the tree as committed and ``git cat-file --batch`` gives each file's bytes as
committed; no attribute, filter or checkout setting applies. The files are written to a temporary folder
and loaded by the one loader, like a build. A symbolic link or a submodule in ``data/`` is never followed
or skipped: it is reported (a link could point anywhere on the machine that runs the report).
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path, PurePosixPath

from macros.catalogue.errors import DataErrors
from macros.catalogue.loader import Catalogue, load_catalogue
from macros.catalogue.yamlfile import YamlError, read_yaml_file
from macros.changes.types import NotComparable

_GIT_TIMEOUT = 300


def empty_catalogue() -> Catalogue:
    """The catalogue of a ref without data/: comparing with it shows everything as added."""
    return Catalogue({}, {}, {}, {}, {}, {}, {}, {}, [], bestanden={})


def _git(repo: Path, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, input=input, timeout=_GIT_TIMEOUT)


def default_base(repo_root: Path | str) -> str | None:
    """The default ref to compare with: the merge base with main, else HEAD~1, else None (no base)."""
    repo = Path(repo_root)
    for args in (("merge-base", "HEAD", "main"), ("merge-base", "HEAD", "origin/main"),
                 ("rev-parse", "--verify", "--quiet", "HEAD~1")):
        r = _git(repo, *args)
        if r.returncode == 0 and r.stdout.strip():
            return r.stdout.decode().strip()
    return None


def resolve(repo_root: Path | str, ref: str) -> str | None:
    """The commit a ref names, or None."""
    r = _git(Path(repo_root), "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    return r.stdout.decode().strip() if r.returncode == 0 and r.stdout.strip() else None


def basis_label(repo_root: Path | str, ref: str | None) -> str:
    """'origin/main (3f2a9c1)' for a ref, or a phrase when there is no base."""
    if ref is None:
        return "een lege datamap (geen eerdere versie gevonden)"
    sha = resolve(repo_root, ref)
    kort = sha[:7] if sha else ""
    if not kort or re.fullmatch(r"[0-9a-f]{7,40}", ref):
        return kort or ref
    return f"{ref} ({kort})"


class TreeError(Exception):
    """data/ at a commit cannot be written out as files: the Dutch reason."""


def _veilig(pad: str) -> PurePosixPath:
    """A path from a git tree, checked: relative, below data/, no '.', '..' or '.git' component."""
    p = PurePosixPath(pad)
    if p.is_absolute() or not p.parts or p.parts[0] != "data" or any(
            d in ("", ".", "..") or d.casefold() == ".git" for d in p.parts):
        raise TreeError(f"het pad '{pad}' in git kan niet veilig als bestand worden geschreven")
    return p


def write_tree(repo_root: Path | str, sha: str, dest: Path) -> bool:
    """Write data/ of commit `sha` below `dest` (as dest/data/...), byte for byte as committed.

    False when the commit has no data/. Raises TreeError for a symbolic link, a submodule or an unsafe path."""
    repo = Path(repo_root)
    lijst = _git(repo, "ls-tree", "-r", "-z", "--full-tree", sha, "--", "data")
    if lijst.returncode != 0:
        raise TreeError(f"git ls-tree faalde: {lijst.stderr.decode(errors='replace').strip()[:500]}")
    bestanden: list[tuple[str, PurePosixPath]] = []
    for regel in lijst.stdout.split(b"\0"):
        if not regel:
            continue
        kop, _, naam = regel.partition(b"\t")
        modus, soort, obj = kop.decode().split(" ")
        pad = naam.decode("utf-8", errors="surrogateescape")
        if modus == "120000":
            raise TreeError(f"{pad} is een symbolische koppeling; die worden in data/ niet gevolgd. "
                            "Oplossing: zet het bestand zelf in data/")
        if soort != "blob":
            raise TreeError(f"{pad} is een submodule of iets anders dan een bestand; data/ mag alleen bestanden "
                            "bevatten. Oplossing: verwijder het uit data/")
        bestanden.append((obj, _veilig(pad)))
    if not bestanden:
        return False
    uit = _git(repo, "cat-file", "--batch", input=b"".join(f"{obj}\n".encode() for obj, _ in bestanden))
    if uit.returncode != 0:
        raise TreeError(f"git cat-file faalde: {uit.stderr.decode(errors='replace').strip()[:500]}")
    buf, pos = uit.stdout, 0
    for _obj, pad in bestanden:
        eind = buf.index(b"\n", pos)
        kop = buf[pos:eind].decode().split(" ")
        if len(kop) != 3 or kop[1] != "blob":
            raise TreeError(f"{pad} kon niet uit git worden gelezen ({' '.join(kop)[:100]})")
        grootte = int(kop[2])
        doel = dest.joinpath(*pad.parts)
        doel.parent.mkdir(parents=True, exist_ok=True)
        doel.write_bytes(buf[eind + 1: eind + 1 + grootte])
        pos = eind + 1 + grootte + 1  # content, then a newline
    return True


def _load(data: Path, wat: str, side: str) -> Catalogue | NotComparable:
    try:
        return load_catalogue(data)
    except DataErrors as exc:
        n = len(exc.errors)
        return NotComparable(invalid_reason(wat, n, side), tuple(str(f) for f in exc.errors), side)
    except (Exception, RecursionError, MemoryError) as exc:  # a loader bug must not become a traceback
        bestand = None if isinstance(exc, MemoryError) else _onleesbaar(data)
        waar = f"bij het bestand {bestand}" if bestand else ("in data/" if wat == "data/" else f"in de gegevens op {wat}")
        return NotComparable(
            f"Het inlezen stopte {waar} met een onverwachte fout ({type(exc).__name__}), dus er is geen "
            "vergelijking. Vaak is dat YAML die de controles nog niet herkennen (een verwijzing met & en *, een lijst "
            "als sleutel, extreem diepe nesting): schrijf de waarden voluit. Meld het ook aan de beheerders: de "
            "controles horen dit met een duidelijke melding te weigeren.", side=side)


def _onleesbaar(data: Path) -> str | None:
    """The first YAML file below `data` that makes the YAML reader itself fail (not with a YamlError), or None."""
    for map_, mappen, namen in sorted(os.walk(data, followlinks=False)):
        mappen.sort()
        for naam in sorted(namen):
            pad = Path(map_) / naam
            if pad.suffix != ".yaml" or pad.is_symlink():
                continue
            try:
                read_yaml_file(pad)
            except YamlError:
                continue
            except (Exception, RecursionError):
                return pad.relative_to(data.parent).as_posix()
    return None


def invalid_reason(wat: str, n: int, side: str) -> str:
    fouten = f"{n} {'fout' if n == 1 else 'fouten'}"
    if side == "nieuw":
        return (f"De gewijzigde gegevens zelf zijn ongeldig ({fouten}), dus de site kan niet worden gebouwd en er is "
                "geen preview. Herstel de fouten en push opnieuw.")
    return (f"De gegevens op {wat} voldoen niet aan het huidige datamodel of de huidige controles ({fouten}), "
            "dus ze kunnen niet veld voor veld met de nieuwe gegevens worden vergeleken. Dat gebeurt meestal als deze "
            "wijziging het model zelf aanpast (een veld hernoemd, toegevoegd of verplicht gemaakt). Bekijk de "
            "wijzigingen in de bestanden zelf (de diff van de pull request).")


def catalogue_at_ref(repo_root: Path | str, ref: str | None, side: str = "oud") -> Catalogue | NotComparable:
    """The catalogue of data/ at `ref`, loaded and validated like a build; a Dutch explanation if that fails.

    `ref` None (no base) or a ref without data/ gives an empty catalogue."""
    if ref is None:
        return empty_catalogue()
    sha = resolve(repo_root, ref)
    if sha is None:
        return NotComparable(
            f"De vergelijkingsbasis '{ref}' bestaat niet in deze git-repository, dus er is niets om mee te "
            "vergelijken. Haal de geschiedenis op (git fetch, of fetch-depth: 0 in de workflow) of kies een "
            "andere basis met --base.", side=side)
    wat = f"{ref} ({sha[:7]})" if not ref.startswith(sha[:7]) else sha[:7]
    with tempfile.TemporaryDirectory(prefix="productenboek-git-") as tmp:
        try:
            if not write_tree(repo_root, sha, Path(tmp)):
                return empty_catalogue()
        except TreeError as exc:
            return NotComparable(f"De gegevens op {wat} konden niet uit git worden gelezen: {exc}.", side=side)
        return _load(Path(tmp) / "data", wat, side)


def catalogue_in_folder(data_dir: Path, side: str = "nieuw") -> Catalogue | NotComparable:
    """The working tree's data/, loaded like a build; a Dutch explanation if that fails."""
    return _load(data_dir, "data/", side)
