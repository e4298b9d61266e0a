"""The git history of data/ and content/, read once per build: one ``git log`` walk for everything.

``walk()`` runs one ``git log --raw`` over data/ and content/ (not one call per file) and keeps, per commit,
its date and the paths it changed with their blob ids before and after; the result is cached per HEAD, so the
"laatst gewijzigd" dates (``last_changed``), the sitemap's lastmod (``macros.site.lastmod``) and each product's
history (``macros.changes.history``) share the one walk. ``read_blobs()`` reads file versions from git's
objects (``git cat-file --batch``, never a checkout).

Only the first-parent line of history is followed, with a merge counted as changing what it brought in, so a
file's date is the day its change reached the branch being built (main, or a pull request's merge commit), not
the day it was first written on a side branch. A shallow clone knows only part of the history: its oldest
commit then seems to touch every file (``Walk.shallow`` says so; the workflows fetch the whole history).
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

_KOP = "\x00"  # git prints it (%x00) before each commit's line; a path never contains NUL
_DIRS = ("content", "data")
_PR = re.compile(r"^Merge pull request #(\d{1,9}) |\(#(\d{1,9})\)$")  # GitHub's merge and squash subjects
_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
_NUL_BLOB = re.compile(r"0+")
MAX_BLOB = 1_000_000  # as the loader: a version larger than 1 MB is not read


@dataclass(frozen=True)
class PathChange:
    status: str  # 'A' added, 'M' modified, 'D' deleted, 'R' renamed (git's letter; 'T' counts as 'M')
    old_path: str | None
    new_path: str | None
    old_blob: str | None
    new_blob: str | None


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str  # committer date, 'YYYY-MM-DD'
    time: str  # committer date, strict ISO 8601 with offset (for feeds)
    pr: int | None  # the pull request the subject names (GitHub's merge or squash subject), else None
    paths: tuple[PathChange, ...]


@dataclass
class Walk:
    commits: list[Commit] = field(default_factory=list)  # newest first
    available: bool = False  # git ran and knows this folder
    shallow: bool = False  # a shallow clone: the oldest commit is not the real beginning


def _git(root: Path, *args: str, input: bytes | None = None, timeout: int = 300) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, input=input, timeout=timeout)
    except (OSError, subprocess.SubprocessError):
        return None


def _head(root: Path) -> tuple[str, bool] | None:
    """(HEAD's commit, whether the clone is shallow) in one call; None outside git or before the first commit."""
    r = _git(root, "rev-parse", "--is-shallow-repository", "HEAD")
    if r is None or r.returncode != 0:
        return None
    regels = r.stdout.decode().split()
    return (regels[1], regels[0] == "true") if len(regels) == 2 else None


_CACHE: dict[tuple[str, str], Walk] = {}


def cached_heads() -> tuple:
    """The (repository, HEAD) whose history the last walk read: a new commit makes another."""
    return tuple(_CACHE)


def walk(repo_root: Path | str) -> Walk:
    """The history of data/ and content/ at HEAD, newest first; cached per (repository, HEAD)."""
    root = Path(repo_root).resolve()
    head = _head(root)
    if head is None:
        return Walk()
    key = (str(root), head[0])
    if key not in _CACHE:
        _CACHE.clear()  # one build, one HEAD: keep only the newest
        _CACHE[key] = _read_walk(root, head[1])
    return _CACHE[key]


def _status(s: str) -> str:
    return {"T": "M", "C": "A"}.get(s[:1], s[:1])


def _path(p: str) -> str | None:
    return None if p.startswith('"') else p  # git quotes a path with a tab, newline or quote: no data file has one


def _read_walk(root: Path, shallow: bool) -> Walk:
    r = _git(root, "-c", "core.quotepath=off", "log", "--first-parent", "--diff-merges=first-parent", "-M",
             "--no-abbrev", "--raw", "--no-color", "--format=%x00%H %cs %cI %s", "--", *_DIRS)
    if r is None or r.returncode != 0:
        return Walk()
    uit = Walk(available=True, shallow=shallow)
    kop: tuple[str, str, str, int | None] | None = None
    paden: list[PathChange] = []

    def klaar():
        if kop is not None:
            uit.commits.append(Commit(*kop, tuple(paden)))

    for regel in r.stdout.decode("utf-8", errors="replace").splitlines():
        if regel.startswith(_KOP):
            klaar()
            sha, date, time, *onderwerp = regel[1:].split(" ", 3)
            m = _PR.search(onderwerp[0] if onderwerp else "")
            kop, paden = (sha, date, time, int(m.group(1) or m.group(2)) if m else None), []
        elif regel.startswith(":") and kop is not None:
            meta, _, namen = regel.partition("\t")
            delen = meta.split()
            if len(delen) < 5:
                continue
            oud, nieuw, status = delen[2], delen[3], _status(delen[4])
            namen_ = [_path(n) for n in namen.split("\t")]
            if None in namen_:
                continue
            oud_blob = None if _NUL_BLOB.fullmatch(oud) else oud
            nieuw_blob = None if _NUL_BLOB.fullmatch(nieuw) else nieuw
            if status == "R" and len(namen_) == 2:
                paden.append(PathChange("R", namen_[0], namen_[1], oud_blob, nieuw_blob))
            elif status in ("A", "M", "D") and len(namen_) == 1:
                pad = namen_[0]
                paden.append(PathChange(status, pad if status != "A" else None, pad if status != "D" else None,
                                        oud_blob, nieuw_blob))
    klaar()
    return uit


def read_blobs(repo_root: Path | str, blobs: list[str]) -> dict[str, bytes]:
    """{blob id: bytes} for the given blob ids, from git's objects in one ``git cat-file --batch``; an id git does
    not have (a shallow clone) or a version over MAX_BLOB bytes has no entry."""
    ids = [b for b in dict.fromkeys(blobs) if _SHA.fullmatch(b)]
    if not ids:
        return {}
    r = _git(Path(repo_root), "cat-file", "--batch", input="".join(f"{b}\n" for b in ids).encode())
    if r is None or r.returncode != 0:
        return {}
    buf, pos, uit = r.stdout, 0, {}
    for b in ids:
        eind = buf.index(b"\n", pos)
        kop = buf[pos:eind].decode(errors="replace").split(" ")
        if len(kop) != 3 or kop[1] != "blob":
            pos = eind + 1  # '<id> missing'
            continue
        grootte = int(kop[2])
        if grootte <= MAX_BLOB:
            uit[b] = buf[eind + 1: eind + 1 + grootte]
        pos = eind + 1 + grootte + 1
    return uit


def last_changed(repo_root: Path | str, paths: list[str]) -> dict[str, str]:
    """{path: 'YYYY-MM-DD'} of the last commit that changed each path; a path git does not know has no entry.

    `paths` are relative to `repo_root` ('data/products/flevoland/45f21.yaml', as ``ProductRecord.pad``)
    or absolute; the keys of the result are the paths as given. Paths outside data/ and content/ have no entry.
    """
    root = Path(repo_root).resolve()
    gevraagd: dict[str, str] = {}
    for p in paths:
        pad = Path(p)
        if pad.is_absolute():
            try:
                pad = pad.resolve().relative_to(root)
            except ValueError:
                continue  # outside the repository: git has no date for it
        gevraagd.setdefault(pad.as_posix(), p)
    if not gevraagd:
        return {}
    datums: dict[str, str] = {}
    for commit in walk(root).commits:
        for ch in commit.paths:
            for pad in (ch.new_path, ch.old_path):
                if pad is not None and pad in gevraagd and gevraagd[pad] not in datums:
                    datums[gevraagd[pad]] = commit.date
        if len(datums) == len(gevraagd):
            break
    return datums
