"""When each data file last changed, from git: for "laatst gewijzigd" on product pages.

One ``git log`` for all files (not one call per file): it walks the history once, newest first, and the
first date a path appears with is its last change. Only the first-parent line of history is followed,
with a merge counted as changing what it brought in, so a file's date is the day its change reached
the branch being built (main, or a pull request's merge commit), not the day it was first written on a
side branch. A shallow clone knows only part of the history: its oldest commit then seems to touch every
file (the workflows fetch the whole history).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

_KOP = "\x00"  # git prints it (%x00) before each commit's date; a path never contains NUL


def last_changed(repo_root: Path | str, paths: list[str]) -> dict[str, str]:
    """{path: 'YYYY-MM-DD'} of the last commit that changed each path; a path git does not know has no entry.

    `paths` are relative to `repo_root` ('data/products/flevoland/45f21.yaml', as ``ProductRecord.pad``)
    or absolute; the keys of the result are the paths as given.
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
    mappen = sorted({r.split("/", 1)[0] for r in gevraagd})  # usually just 'data'
    try:
        uit = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", "--first-parent", "--diff-merges=first-parent",
             "--format=%x00%cs", "--name-only", "--", *mappen],
            cwd=root, capture_output=True, text=True, timeout=120,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if uit.returncode != 0:
        return {}
    datums: dict[str, str] = {}
    datum = ""
    for regel in uit.stdout.splitlines():
        if regel.startswith(_KOP):
            datum = regel[1:].strip()
        elif regel and datum and regel in gevraagd and gevraagd[regel] not in datums:
            datums[gevraagd[regel]] = datum
            if len(datums) == len(gevraagd):
                break
    return datums
