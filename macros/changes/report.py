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

KOPPEN = {
    "gewijzigd": "Gewijzigd", "hercodeerd": "Nieuwe code of bestandsnaam (was → wordt)",
    "verplaatst": "Verplaatst uit een andere regio", "toegevoegd": "Nieuw", "verwijderd": "Verwijderd",
}
ALL_REGIONS = "alle regio’s"
MAX_FOUTEN_TEKST = 10_000  # errors listed in the text report (report.txt: where "all errors" are)


def _n(n: int, een: str, meer: str) -> str:
    return f"{n} {een if n == 1 else meer}"


def samenvatting(w: Changes) -> str:
    """'Producten: 2 gewijzigd, 1 toegevoegd (in 2 regio's). Beslisbomen: 1 gewijzigd.'"""
    delen = []
    producten = [f"{w.aantal(s)} {s}" for s in CHANGE_KINDS if w.aantal(s)]
    if producten:
        regios = len({p.regio for p in w.producten})
        delen.append(f"Producten: {', '.join(producten)} (in {_n(regios, 'regio', 'regio’s')}).")
    if w.bomen:
        per = [f"{n} {s}" for s in ("gewijzigd", "toegevoegd", "verwijderd") if (n := sum(b.soort == s for b in w.bomen))]
        delen.append(f"Beslisbomen: {', '.join(per)}.")
    if regiogegevens := [r for r in w.regios if r.velden or r.soort != "gewijzigd"]:
        delen.append(f"Regiogegevens: {_n(len(regiogegevens), 'regio', 'regio’s')}.")
    if w.overig:
        delen.append(f"Andere gegevensbestanden: {len(w.overig)}.")
    return " ".join(delen) or "Geen wijzigingen."


def kort(a: str, b: str, n: int) -> tuple[str, str]:
    """Shorten two long values to about `n` characters around where they start to differ."""
    if len(a) <= n and len(b) <= n:
        return a, b
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    start = 0
    if min(len(a), len(b)) > n and p > 20:
        start = max(0, a.rfind(" ", 0, p - 15) + 1)

    def knip(x: str) -> str:
        if len(x) <= n:
            return x
        stuk = x[start:]
        pre = "…" if start else ""
        return pre + (stuk if len(stuk) <= n else stuk[: n - 1].rstrip() + "…")

    return knip(a), knip(b)


@dataclass
class ReportRow:
    """One changed page (or data file): what the comment shows as a table row."""

    titel: str
    url: str | None
    plaats: str
    wat: str
    velden: list[tuple[str, str, str]] = field(default_factory=list)  # (label, old, new)


def _velden(vs, voor: str = "", zonder_code: bool = False) -> list[tuple[str, str, str]]:
    return [(voor + v.label, v.oud, v.nieuw) for v in vs if not (zonder_code and v.veld == "code")]


def wat(p: ProductChange, regionamen: dict[str, str]) -> str:
    """'gewijzigd', 'was 45F21 → wordt 45F29', 'verplaatst van regio A naar regio B (was 45F21 → wordt 45F29)'."""
    hercodeerd = f"was {p.was} → wordt {p.code or p.id}"
    if p.soort == "verplaatst":
        van, naar = regionamen.get(p.was_regio, p.was_regio), regionamen.get(p.regio, p.regio)
        anders = p.was_code != p.code or (p.was_code is None and p.was_id != p.id)
        return f"verplaatst van regio {van} naar regio {naar}" + (f" ({hercodeerd})" if anders else "")
    return {"gewijzigd": "gewijzigd", "toegevoegd": "nieuw", "verwijderd": "verwijderd", "hercodeerd": hercodeerd}[p.soort]


def _product_row(p: ProductChange, regio: str, regionamen: dict[str, str]) -> ReportRow:
    zonder_code = p.soort in ("hercodeerd", "verplaatst")  # the code change is in `wat`
    return ReportRow(p.titel, p.url, regio, wat(p, regionamen), _velden(p.velden, zonder_code=zonder_code))


def report_rows(w: Changes) -> list[ReportRow]:
    """Every changed page in report order: products per region, decision trees, region data, other files."""
    uit = [_product_row(p, r.naam, w.regionamen) for r in w.regios for p in r.producten]
    regios = w.regionamen
    for b in w.bomen:
        velden = []
        for u in b.uitkomsten:
            if u.soort == "gewijzigd":
                velden += _velden(u.velden, f"uitkomst ‘{u.titel}’ › ")
            else:
                velden.append((f"uitkomst ‘{u.titel}’", "—", u.titel) if u.soort == "toegevoegd" else
                              (f"uitkomst ‘{u.titel}’", u.titel, "—"))
        uit.append(ReportRow(f"Beslisboom: {b.titel}", b.url, regios.get(b.regio, b.regio or ALL_REGIONS),
                       {"gewijzigd": "gewijzigd", "toegevoegd": "nieuw", "verwijderd": "verwijderd"}[b.soort],
                       velden + _velden(b.velden)))
    for r in w.regios:
        if r.velden or r.soort != "gewijzigd":
            uit.append(ReportRow(f"Regio {r.naam}", None if r.soort == "verwijderd" else f"{r.regio}/", r.naam,
                           {"gewijzigd": "regiogegevens gewijzigd", "toegevoegd": "nieuwe regio",
                            "verwijderd": "regio verwijderd"}[r.soort], _velden(r.velden)))
    for f in w.overig:
        wat = f.soort + (f": {', '.join(f.velden)}" if f.velden else "")
        uit.append(ReportRow(f.pad, f"{f.regio}/" if f.regio else None, regios.get(f.regio, f.regio or ALL_REGIONS), wat))
    return uit


# --- the /wijzigingen/ page ---------------------------------------------------------------------------


def _html_velden(vs, voor: str = "") -> list[dict]:
    uit = []
    for lab, oud, nieuw in _velden(vs, voor):
        oud, nieuw = kort(oud, nieuw, 300)
        uit.append({"label": lab, "oud": oud, "nieuw": nieuw})
    return uit


def report_data(w: Changes | NotComparable | str) -> dict:
    """What the /wijzigingen/ page shows (``macros.components.change_report`` renders it): per region a
    heading, per kind of change a list; or why there is no comparison (``fout``)."""
    if isinstance(w, (str, NotComparable)):
        return {"fout": str(w), "w": None, "regios": [], "bomen": [], "samenvatting": ""}
    regios = []
    for r in w.regios:
        groepen = []
        for s in CHANGE_KINDS:
            items = [{"p": p, "wat": wat(p, w.regionamen),
                      "velden": _html_velden(p.velden) if p.soort not in ("hercodeerd", "verplaatst") else
                      _html_velden([v for v in p.velden if v.veld != "code"])} for p in r.van(s)]
            if items:
                groepen.append({"soort": s, "kop": KOPPEN[s], "producten": items})
        regios.append({"r": r, "groepen": groepen, "velden": _html_velden(r.velden)})
    bomen = [{"b": b, "velden": _html_velden(b.velden),
              "uitkomsten": [{"u": u, "velden": _html_velden(u.velden)} for u in b.uitkomsten]} for b in w.bomen]
    return {"fout": None, "w": w, "regios": regios, "bomen": bomen, "samenvatting": samenvatting(w)}


# --- text and JSON: the command line ------------------------------------------------------------------


def _tekst_velden(vs: tuple[FieldChange, ...] | list, inspring: str) -> list[str]:
    return [f"{inspring}{one_line(v.label)}: {one_line(v.oud)} → {one_line(v.nieuw)}" for v in vs]


def _tekst_onvergelijkbaar(w: NotComparable) -> str:
    regels = [one_line(w.reden), *(f"- {one_line(f)}" for f in w.fouten[:MAX_FOUTEN_TEKST])]
    if len(w.fouten) > MAX_FOUTEN_TEKST:
        regels.append(f"- en nog {len(w.fouten) - MAX_FOUTEN_TEKST} fouten")
    return "\n".join(regels) + "\n"


def report_text(w: Changes | NotComparable | str) -> str:
    """The report as plain text, every value on one line without control characters (safe in a terminal or a
    CI log, where a line could otherwise pass for a command)."""
    if isinstance(w, (str, NotComparable)):
        return _tekst_onvergelijkbaar(w if isinstance(w, NotComparable) else NotComparable(w))
    if w.leeg:
        return "Geen wijzigingen in de productgegevens" + (f" ten opzichte van {one_line(w.basis)}" if w.basis else "") + ".\n"
    regels = [f"Wijzigingen ten opzichte van {one_line(w.basis)}" if w.basis else "Wijzigingen", samenvatting(w)]
    for r in w.regios:
        regels.append(f"\n{one_line(r.naam)}" + ("" if r.soort == "gewijzigd" else f" (regio {r.soort})"))
        regels += _tekst_velden(r.velden, "  regiogegevens › ")
        for p in r.producten:
            extra = f" ({wat(p, w.regionamen)})" if p.soort in ("hercodeerd", "verplaatst") else ""
            regels.append("  " + one_line(f"{p.soort}: {p.titel}{extra}"))
            regels += _tekst_velden([v for v in p.velden if not (extra and v.veld == "code")], "    ")
    if w.bomen:
        regels.append("\nBeslisbomen")
        for b in w.bomen:
            regels.append(f"  {b.soort}: {one_line(b.titel)}")
            for u in b.uitkomsten:
                regels.append(f"    uitkomst {one_line(u.id)} {u.soort}: {one_line(u.titel)}")
                regels += _tekst_velden(u.velden, "      ")
            regels += _tekst_velden(b.velden, "    ")
    if w.overig:
        regels.append("\nAndere gegevensbestanden")
        regels += [f"  {f.soort}: {one_line(f.pad)}" + (f" ({one_line(', '.join(f.velden))})" if f.velden else "")
                   for f in w.overig]
    return "\n".join(regels) + "\n"


def report_json(w: Changes | NotComparable | str) -> dict:
    if isinstance(w, str):
        w = NotComparable(w)
    if isinstance(w, NotComparable):
        return {"vergelijkbaar": False, "uitleg": w.reden, "fouten": list(w.fouten), "kant": w.side}
    data = asdict(w)
    for r, rd in zip(w.regios, data["regios"], strict=True):
        for p, pd in zip(r.producten, rd["producten"], strict=True):
            pd.update(url=p.url, anker=p.anker, titel=p.titel, wat=wat(p, w.regionamen))
    for b, bd in zip(w.bomen, data["bomen"], strict=True):
        bd["url"] = b.url
    return {"vergelijkbaar": True, "leeg": w.leeg, "samenvatting": samenvatting(w), **data}
