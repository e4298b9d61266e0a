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
from macros.catalogue.yamlerrors import YamlError
from macros.catalogue.yamlfile import read_yaml_file
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


def base_label(repo_root: Path | str, ref: str | None) -> str:
    """'origin/main (3f2a9c1)' for a ref, or a phrase when there is no base."""
    if ref is None:
        return "een lege datamap (geen eerdere versie gevonden)"
    sha = resolve(repo_root, ref)
    short = sha[:7] if sha else ""
    if not short or re.fullmatch(r"[0-9a-f]{7,40}", ref):
        return short or ref
    return f"{ref} ({short})"


class TreeError(Exception):
    """data/ at a commit cannot be written out as files: the Dutch reason."""


def _safe_path(path: str) -> PurePosixPath:
    """A path from a git tree, checked: relative, below data/, no '.', '..' or '.git' component."""
    p = PurePosixPath(path)
    if p.is_absolute() or not p.parts or p.parts[0] != "data" or any(
            d in ("", ".", "..") or d.casefold() == ".git" for d in p.parts):
        raise TreeError(f"het pad '{path}' in git kan niet veilig als bestand worden geschreven")
    return p


def write_tree(repo_root: Path | str, sha: str, dest: Path) -> bool:
    """Write data/ of commit `sha` below `dest` (as dest/data/...), byte for byte as committed.

    False when the commit has no data/. Raises TreeError for a symbolic link, a submodule or an unsafe path."""
    repo = Path(repo_root)
    listing = _git(repo, "ls-tree", "-r", "-z", "--full-tree", sha, "--", "data")
    if listing.returncode != 0:
        raise TreeError(f"git ls-tree faalde: {listing.stderr.decode(errors='replace').strip()[:500]}")
    files: list[tuple[str, PurePosixPath]] = []
    for entry in listing.stdout.split(b"\0"):
        if not entry:
            continue
        header, _, name = entry.partition(b"\t")
        mode, kind, obj = header.decode().split(" ")
        path = name.decode("utf-8", errors="surrogateescape")
        if mode == "120000":
            raise TreeError(f"{path} is een symbolische koppeling; die worden in data/ niet gevolgd. "
                            "Oplossing: zet het bestand zelf in data/")
        if kind != "blob":
            raise TreeError(f"{path} is een submodule of iets anders dan een bestand; data/ mag alleen bestanden "
                            "bevatten. Oplossing: verwijder het uit data/")
        files.append((obj, _safe_path(path)))
    if not files:
        return False
    out = _git(repo, "cat-file", "--batch", input=b"".join(f"{obj}\n".encode() for obj, _ in files))
    if out.returncode != 0:
        raise TreeError(f"git cat-file faalde: {out.stderr.decode(errors='replace').strip()[:500]}")
    buf, pos = out.stdout, 0
    for _obj, path in files:
        end = buf.index(b"\n", pos)
        header = buf[pos:end].decode().split(" ")
        if len(header) != 3 or header[1] != "blob":
            raise TreeError(f"{path} kon niet uit git worden gelezen ({' '.join(header)[:100]})")
        size = int(header[2])
        target = dest.joinpath(*path.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(buf[end + 1: end + 1 + size])
        pos = end + 1 + size + 1  # content, then a newline
    return True


def _load(data: Path, what: str, side: str) -> Catalogue | NotComparable:
    try:
        return load_catalogue(data)
    except DataErrors as exc:
        n = len(exc.errors)
        return NotComparable(invalid_reason(what, n, side), tuple(str(f) for f in exc.errors), side)
    except (Exception, RecursionError, MemoryError) as exc:  # a loader bug must not become a traceback
        culprit = None if isinstance(exc, MemoryError) else _unreadable_file(data)
        where = f"bij het bestand {culprit}" if culprit else ("in data/" if what == "data/" else f"in de gegevens op {what}")
        return NotComparable(
            f"Het inlezen stopte {where} met een onverwachte fout ({type(exc).__name__}), dus er is geen "
            "vergelijking. Vaak is dat YAML die de controles nog niet herkennen (een verwijzing met & en *, een lijst "
            "als sleutel, extreem diepe nesting): schrijf de waarden voluit. Meld het ook aan de beheerders: de "
            "controles horen dit met een duidelijke melding te weigeren.", side=side)


def _unreadable_file(data: Path) -> str | None:
    """The first YAML file below `data` that makes the YAML reader itself fail (not with a YamlError), or None."""
    for folder, folders, names in sorted(os.walk(data, followlinks=False)):
        folders.sort()
        for name in sorted(names):
            path = Path(folder) / name
            if path.suffix != ".yaml" or path.is_symlink():
                continue
            try:
                read_yaml_file(path)
            except YamlError:
                continue
            except (Exception, RecursionError):
                return path.relative_to(data.parent).as_posix()
    return None


def invalid_reason(what: str, n: int, side: str) -> str:
    errors = f"{n} {'fout' if n == 1 else 'fouten'}"
    if side == "nieuw":
        return (f"De gewijzigde gegevens zelf zijn ongeldig ({errors}), dus de site kan niet worden gebouwd en er is "
                "geen preview. Herstel de fouten en push opnieuw.")
    return (f"De gegevens op {what} voldoen niet aan het huidige datamodel of de huidige controles ({errors}), "
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
    what = f"{ref} ({sha[:7]})" if not ref.startswith(sha[:7]) else sha[:7]
    with tempfile.TemporaryDirectory(prefix="productenboek-git-") as tmp:
        try:
            if not write_tree(repo_root, sha, Path(tmp)):
                return empty_catalogue()
        except TreeError as exc:
            return NotComparable(f"De gegevens op {what} konden niet uit git worden gelezen: {exc}.", side=side)
        return _load(Path(tmp) / "data", what, side)


def catalogue_in_folder(data_dir: Path, side: str = "nieuw") -> Catalogue | NotComparable:
    """The working tree's data/, loaded like a build; a Dutch explanation if that fails."""
    return _load(data_dir, "data/", side)
