"""Data errors in Dutch: what is wrong, where (file, field, line, column) and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from macros.catalogue.yamlerrors import visible

MAX_FIELD_PATH = 120  # characters of a field path in a message (a key from data can be long)
MAX_MESSAGE = 1_000  # characters of a problem or a fix
MAX_PER_FILE = 25  # errors listed per file in a report; the rest is counted
# The start of the one note on a file that failed to load (checks.py): listed after that file's own errors.
NOT_CHECKED = "wat naar dit bestand verwijst of ervan afhangt, is niet gecontroleerd"


def _clip(text: str | None, n: int) -> str | None:
    return text if text is None or len(text) <= n else text[: n - 1] + "…"


@dataclass(frozen=True, order=True)
class DataError:
    file: str
    line: int | None
    field: str | None
    problem: str
    fix: str
    column: int | None = None

    def __post_init__(self) -> None:
        # Messages are output: bound what data can put into them.
        object.__setattr__(self, "file", visible(self.file, MAX_FIELD_PATH * 2))
        object.__setattr__(self, "field", _clip(self.field, MAX_FIELD_PATH))
        object.__setattr__(self, "problem", _clip(self.problem, MAX_MESSAGE))
        object.__setattr__(self, "fix", _clip(self.fix, MAX_MESSAGE))

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "") + (f":{self.column}" if self.line and self.column else "")
        field = f" veld '{self.field}':" if self.field else ""
        return f"{where}:{field} {self.problem}. Oplossing: {self.fix}"


class DataErrors(Exception):
    """Raised with every error found in one run, sorted by file and line."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(set(errors), key=lambda f: (f.file, f.problem.startswith(NOT_CHECKED), f.line or 0,
                                                         f.column or 0, f.field or "", f.problem))
        super().__init__(self.report())

    def report(self) -> str:
        n = len(self.errors)
        lines = [f"De data bevat {n} {'fout' if n == 1 else 'fouten'}; de site is niet gebouwd."]
        for file, group in groupby(self.errors, key=lambda f: f.file):
            file_errors = list(group)
            lines += [f"- {f}" for f in file_errors[:MAX_PER_FILE]]
            if len(file_errors) > MAX_PER_FILE:
                lines.append(f"- {file}: en nog {len(file_errors) - MAX_PER_FILE} fouten in dit bestand "
                              "(herstel eerst de bovenstaande en controleer opnieuw)")
        return "\n".join(lines)


def field_path(loc: tuple[str | int, ...]) -> str | None:
    """('normenkader', 'max_duur', 'waarde') -> 'normenkader.max_duur.waarde'; indices as [n] (1-based)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + (visible(part, MAX_FIELD_PATH) or "''")
    return out or None
