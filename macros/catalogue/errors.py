"""Data errors in Dutch: what is wrong, where (file, field, line) and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataError:
    bestand: str
    regel: int | None
    veld: str | None
    probleem: str
    oplossing: str

    def __str__(self) -> str:
        waar = self.bestand + (f":{self.regel}" if self.regel else "")
        veld = f" veld '{self.veld}':" if self.veld else ""
        return f"{waar}:{veld} {self.probleem}. Oplossing: {self.oplossing}"


class DataErrors(Exception):
    """Raised with every error found in one run, sorted by file and line."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(set(errors), key=lambda f: (f.bestand, f.regel or 0, f.veld or "", f.probleem))
        super().__init__(self.report())

    def report(self) -> str:
        n = len(self.errors)
        kop = f"De data bevat {n} {'fout' if n == 1 else 'fouten'}; de site is niet gebouwd."
        return "\n".join([kop, *(f"- {f}" for f in self.errors)])


def field_path(loc: tuple[str | int, ...]) -> str | None:
    """('normenkader', 'max_duur', 'waarde') -> 'normenkader.max_duur.waarde'; indices as [n] (1-based)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out or None
