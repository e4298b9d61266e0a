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

_COMMIT_START = "\x00"  # git prints it (%x00) before each commit's line; a path never contains NUL
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
    parts = r.stdout.decode().split()
    return (parts[1], parts[0] == "true") if len(parts) == 2 else None


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
    out = Walk(available=True, shallow=shallow)
    header: tuple[str, str, str, int | None] | None = None
    paths: list[PathChange] = []

    def finish_commit():
        if header is not None:
            out.commits.append(Commit(*header, tuple(paths)))

    for line in r.stdout.decode("utf-8", errors="replace").splitlines():
        if line.startswith(_COMMIT_START):
            finish_commit()
            sha, date, time, *subject = line[1:].split(" ", 3)
            m = _PR.search(subject[0] if subject else "")
            header, paths = (sha, date, time, int(m.group(1) or m.group(2)) if m else None), []
        elif line.startswith(":") and header is not None:
            meta, _, names_text = line.partition("\t")
            parts = meta.split()
            if len(parts) < 5:
                continue
            old, new, status = parts[2], parts[3], _status(parts[4])
            names = [_path(n) for n in names_text.split("\t")]
            if None in names:
                continue
            old_blob = None if _NUL_BLOB.fullmatch(old) else old
            new_blob = None if _NUL_BLOB.fullmatch(new) else new
            if status == "R" and len(names) == 2:
                paths.append(PathChange("R", names[0], names[1], old_blob, new_blob))
            elif status in ("A", "M", "D") and len(names) == 1:
                path = names[0]
                paths.append(PathChange(status, path if status != "A" else None, path if status != "D" else None,
                                        old_blob, new_blob))
    finish_commit()
    return out


def read_blobs(repo_root: Path | str, blobs: list[str]) -> dict[str, bytes]:
    """{blob id: bytes} for the given blob ids, from git's objects in one ``git cat-file --batch``; an id git does
    not have (a shallow clone) or a version over MAX_BLOB bytes has no entry."""
    ids = [b for b in dict.fromkeys(blobs) if _SHA.fullmatch(b)]
    if not ids:
        return {}
    r = _git(Path(repo_root), "cat-file", "--batch", input="".join(f"{b}\n" for b in ids).encode())
    if r is None or r.returncode != 0:
        return {}
    buf, pos, out = r.stdout, 0, {}
    for b in ids:
        end = buf.index(b"\n", pos)
        header = buf[pos:end].decode(errors="replace").split(" ")
        if len(header) != 3 or header[1] != "blob":
            pos = end + 1  # '<id> missing'
            continue
        size = int(header[2])
        if size <= MAX_BLOB:
            out[b] = buf[end + 1: end + 1 + size]
        pos = end + 1 + size + 1
    return out


def last_changed(repo_root: Path | str, paths: list[str]) -> dict[str, str]:
    """{path: 'YYYY-MM-DD'} of the last commit that changed each path; a path git does not know has no entry.

    `paths` are relative to `repo_root` ('data/products/flevoland/45f21.yaml', as ``ProductRecord.pad``)
    or absolute; the keys of the result are the paths as given. Paths outside data/ and content/ have no entry.
    """
    root = Path(repo_root).resolve()
    asked: dict[str, str] = {}
    for p in paths:
        path = Path(p)
        if path.is_absolute():
            try:
                path = path.resolve().relative_to(root)
            except ValueError:
                continue  # outside the repository: git has no date for it
        asked.setdefault(path.as_posix(), p)
    if not asked:
        return {}
    dates: dict[str, str] = {}
    for commit in walk(root).commits:
        for ch in commit.paths:
            for path in (ch.new_path, ch.old_path):
                if path is not None and path in asked and asked[path] not in dates:
                    dates[asked[path]] = commit.date
        if len(dates) == len(asked):
            break
    return dates
