"""The change report: what the /wijzigingen/ page shows (``report_data``, rendered by
``macros.components.change_report``), text and JSON, and its rows (also used by the comment).

Every form takes a ``Changes`` or the ``NotComparable`` explanation (or a plain Dutch string) that says why
there is no comparison; none of them reads data or git. The pull-request comment and the job summary, GitHub
Markdown built from untrusted values, are in ``macros.changes.markdown``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from macros.changes import CHANGE_KINDS, Changes, FieldChange, NotComparable, ProductChange
from macros.changes.values import one_line

KIND_HEADINGS = {
    "gewijzigd": "Gewijzigd", "hercodeerd": "Nieuwe code of bestandsnaam (was → wordt)",
    "verplaatst": "Verplaatst uit een andere regio", "toegevoegd": "Nieuw", "verwijderd": "Verwijderd",
}
ALL_REGIONS = "alle regio’s"
MAX_ERRORS_TEXT = 10_000  # errors listed in the text report (report.txt: where "all errors" are)


def count_phrase(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary(w: Changes) -> str:
    """'Producten: 2 gewijzigd, 1 toegevoegd (in 2 regio's). Beslisbomen: 1 gewijzigd.'"""
    parts = []
    products = [f"{w.aantal(s)} {s}" for s in CHANGE_KINDS if w.aantal(s)]
    if products:
        regions = len({p.regio for p in w.producten})
        parts.append(f"Producten: {', '.join(products)} (in {count_phrase(regions, 'regio', 'regio’s')}).")
    if w.bomen:
        per = [f"{n} {s}" for s in ("gewijzigd", "toegevoegd", "verwijderd") if (n := sum(b.soort == s for b in w.bomen))]
        parts.append(f"Beslisbomen: {', '.join(per)}.")
    if region_data := [r for r in w.regios if r.velden or r.soort != "gewijzigd"]:
        parts.append(f"Regiogegevens: {count_phrase(len(region_data), 'regio', 'regio’s')}.")
    if w.overig:
        parts.append(f"Andere gegevensbestanden: {len(w.overig)}.")
    return " ".join(parts) or "Geen wijzigingen."


def shorten(a: str, b: str, n: int) -> tuple[str, str]:
    """Shorten two long values to about `n` characters around where they start to differ."""
    if len(a) <= n and len(b) <= n:
        return a, b
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    start = 0
    if min(len(a), len(b)) > n and p > 20:
        start = max(0, a.rfind(" ", 0, p - 15) + 1)

    def clip(x: str) -> str:
        if len(x) <= n:
            return x
        piece = x[start:]
        pre = "…" if start else ""
        return pre + (piece if len(piece) <= n else piece[: n - 1].rstrip() + "…")

    return clip(a), clip(b)


@dataclass
class ReportRow:
    """One changed page (or data file): what the comment shows as a table row."""

    titel: str
    url: str | None
    plaats: str
    wat: str
    velden: list[tuple[str, str, str]] = field(default_factory=list)  # (label, old, new)


def _field_rows(vs, prefix: str = "", without_code: bool = False) -> list[tuple[str, str, str]]:
    return [(prefix + v.label, v.oud, v.nieuw) for v in vs if not (without_code and v.veld == "code")]


def change_label(p: ProductChange, region_names: dict[str, str]) -> str:
    """'gewijzigd', 'was 45F21 → wordt 45F29', 'verplaatst van regio A naar regio B (was 45F21 → wordt 45F29)'."""
    recoded = f"was {p.was} → wordt {p.code or p.id}"
    if p.soort == "verplaatst":
        from_name, to_name = region_names.get(p.was_regio, p.was_regio), region_names.get(p.regio, p.regio)
        code_changed = p.was_code != p.code or (p.was_code is None and p.was_id != p.id)
        return f"verplaatst van regio {from_name} naar regio {to_name}" + (f" ({recoded})" if code_changed else "")
    return {"gewijzigd": "gewijzigd", "toegevoegd": "nieuw", "verwijderd": "verwijderd", "hercodeerd": recoded}[p.soort]


def _product_row(p: ProductChange, region: str, region_names: dict[str, str]) -> ReportRow:
    without_code = p.soort in ("hercodeerd", "verplaatst")  # the code change is in `wat`
    return ReportRow(p.titel, p.url, region, change_label(p, region_names), _field_rows(p.velden, without_code=without_code))


def report_rows(w: Changes) -> list[ReportRow]:
    """Every changed page in report order: products per region, decision trees, region data, other files."""
    rows = [_product_row(p, r.naam, w.regionamen) for r in w.regios for p in r.producten]
    regions = w.regionamen
    for b in w.bomen:
        fields = []
        for u in b.uitkomsten:
            if u.soort == "gewijzigd":
                fields += _field_rows(u.velden, f"uitkomst ‘{u.titel}’ › ")
            else:
                fields.append((f"uitkomst ‘{u.titel}’", "—", u.titel) if u.soort == "toegevoegd" else
                              (f"uitkomst ‘{u.titel}’", u.titel, "—"))
        rows.append(ReportRow(f"Beslisboom: {b.titel}", b.url, regions.get(b.regio, b.regio or ALL_REGIONS),
                       {"gewijzigd": "gewijzigd", "toegevoegd": "nieuw", "verwijderd": "verwijderd"}[b.soort],
                       fields + _field_rows(b.velden)))
    for r in w.regios:
        if r.velden or r.soort != "gewijzigd":
            rows.append(ReportRow(f"Regio {r.naam}", None if r.soort == "verwijderd" else f"{r.regio}/", r.naam,
                           {"gewijzigd": "regiogegevens gewijzigd", "toegevoegd": "nieuwe regio",
                            "verwijderd": "regio verwijderd"}[r.soort], _field_rows(r.velden)))
    for f in w.overig:
        change_label = f.soort + (f": {', '.join(f.velden)}" if f.velden else "")
        rows.append(ReportRow(f.pad, f"{f.regio}/" if f.regio else None, regions.get(f.regio, f.regio or ALL_REGIONS), change_label))
    return rows


# --- the /wijzigingen/ page ---------------------------------------------------------------------------


def _html_fields(vs, prefix: str = "") -> list[dict]:
    rows = []
    for lab, old, new in _field_rows(vs, prefix):
        old, new = shorten(old, new, 300)
        rows.append({"label": lab, "oud": old, "nieuw": new})
    return rows


def report_data(w: Changes | NotComparable | str) -> dict:
    """What the /wijzigingen/ page shows (``macros.components.change_report`` renders it): per region a
    heading, per kind of change a list; or why there is no comparison (``fout``)."""
    if isinstance(w, (str, NotComparable)):
        return {"fout": str(w), "w": None, "regios": [], "bomen": [], "samenvatting": ""}
    regions = []
    for r in w.regios:
        groups = []
        for s in CHANGE_KINDS:
            items = [{"p": p, "wat": change_label(p, w.regionamen),
                      "velden": _html_fields(p.velden) if p.soort not in ("hercodeerd", "verplaatst") else
                      _html_fields([v for v in p.velden if v.veld != "code"])} for p in r.van(s)]
            if items:
                groups.append({"soort": s, "kop": KIND_HEADINGS[s], "producten": items})
        regions.append({"r": r, "groepen": groups, "velden": _html_fields(r.velden)})
    trees = [{"b": b, "velden": _html_fields(b.velden),
              "uitkomsten": [{"u": u, "velden": _html_fields(u.velden)} for u in b.uitkomsten]} for b in w.bomen]
    return {"fout": None, "w": w, "regios": regions, "bomen": trees, "samenvatting": summary(w)}


# --- text and JSON: the command line ------------------------------------------------------------------


def _text_fields(vs: tuple[FieldChange, ...] | list, indent: str) -> list[str]:
    return [f"{indent}{one_line(v.label)}: {one_line(v.oud)} → {one_line(v.nieuw)}" for v in vs]


def _text_not_comparable(w: NotComparable) -> str:
    lines = [one_line(w.reden), *(f"- {one_line(f)}" for f in w.fouten[:MAX_ERRORS_TEXT])]
    if len(w.fouten) > MAX_ERRORS_TEXT:
        lines.append(f"- en nog {len(w.fouten) - MAX_ERRORS_TEXT} fouten")
    return "\n".join(lines) + "\n"


def report_text(w: Changes | NotComparable | str) -> str:
    """The report as plain text, every value on one line without control characters (safe in a terminal or a
    CI log, where a line could otherwise pass for a command)."""
    if isinstance(w, (str, NotComparable)):
        return _text_not_comparable(w if isinstance(w, NotComparable) else NotComparable(w))
    if w.leeg:
        return "Geen wijzigingen in de productgegevens" + (f" ten opzichte van {one_line(w.basis)}" if w.basis else "") + ".\n"
    lines = [f"Wijzigingen ten opzichte van {one_line(w.basis)}" if w.basis else "Wijzigingen", summary(w)]
    for r in w.regios:
        lines.append(f"\n{one_line(r.naam)}" + ("" if r.soort == "gewijzigd" else f" (regio {r.soort})"))
        lines += _text_fields(r.velden, "  regiogegevens › ")
        for p in r.producten:
            extra = f" ({change_label(p, w.regionamen)})" if p.soort in ("hercodeerd", "verplaatst") else ""
            lines.append("  " + one_line(f"{p.soort}: {p.titel}{extra}"))
            lines += _text_fields([v for v in p.velden if not (extra and v.veld == "code")], "    ")
    if w.bomen:
        lines.append("\nBeslisbomen")
        for b in w.bomen:
            lines.append(f"  {b.soort}: {one_line(b.titel)}")
            for u in b.uitkomsten:
                lines.append(f"    uitkomst {one_line(u.id)} {u.soort}: {one_line(u.titel)}")
                lines += _text_fields(u.velden, "      ")
            lines += _text_fields(b.velden, "    ")
    if w.overig:
        lines.append("\nAndere gegevensbestanden")
        lines += [f"  {f.soort}: {one_line(f.pad)}" + (f" ({one_line(', '.join(f.velden))})" if f.velden else "")
                   for f in w.overig]
    return "\n".join(lines) + "\n"


def report_json(w: Changes | NotComparable | str) -> dict:
    if isinstance(w, str):
        w = NotComparable(w)
    if isinstance(w, NotComparable):
        return {"vergelijkbaar": False, "uitleg": w.reden, "fouten": list(w.fouten), "kant": w.side}
    data = asdict(w)
    for r, rd in zip(w.regios, data["regios"], strict=True):
        for p, pd in zip(r.producten, rd["producten"], strict=True):
            pd.update(url=p.url, anker=p.anker, titel=p.titel, wat=change_label(p, w.regionamen))
    for b, bd in zip(w.bomen, data["bomen"], strict=True):
        bd["url"] = b.url
    return {"vergelijkbaar": True, "leeg": w.leeg, "samenvatting": summary(w), **data}
