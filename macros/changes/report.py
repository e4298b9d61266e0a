"""The change report in three forms: the pull-request comment (Markdown), the /wijzigingen/ page (HTML), text/JSON.

Every form takes a ``Wijzigingen`` or the Dutch explanation string that ``catalogus_op_ref`` returns when the
old side cannot be compared; none of them reads data or git.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from markupsafe import Markup

from macros.changes import SOORTEN, ProductWijziging, Veldwijziging, Wijzigingen
from macros.components.render import render

MARKER = "<!-- productenboek-preview -->"  # the workflow finds (and updates) its own comment by this line
KOPPEN = {
    "gewijzigd": "Gewijzigd", "hercodeerd": "Nieuwe code of bestandsnaam (was → wordt)",
    "toegevoegd": "Nieuw", "verwijderd": "Verwijderd",
}
ALLE = "alle regio’s"
MAX_VELDEN_MD = 4  # field changes shown per row of the comment


def _n(n: int, een: str, meer: str) -> str:
    return f"{n} {een if n == 1 else meer}"


def samenvatting(w: Wijzigingen) -> str:
    """'Producten: 2 gewijzigd, 1 toegevoegd (in 2 regio's). Beslisbomen: 1 gewijzigd.'"""
    delen = []
    producten = [f"{w.aantal(s)} {s}" for s in SOORTEN if w.aantal(s)]
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
class Rij:
    """One changed page (or data file): what the comment shows as a table row."""

    titel: str
    url: str | None
    plaats: str
    wat: str
    velden: list[tuple[str, str, str]] = field(default_factory=list)  # (label, old, new)


def _velden(vs, voor: str = "", zonder_code: bool = False) -> list[tuple[str, str, str]]:
    return [(voor + v.label, v.oud, v.nieuw) for v in vs if not (zonder_code and v.veld == "code")]


def _product_rij(p: ProductWijziging, regio: str) -> Rij:
    wat = {"gewijzigd": "gewijzigd", "toegevoegd": "nieuw", "verwijderd": "verwijderd",
           "hercodeerd": f"was {p.was} → wordt {p.code or p.id}"}[p.soort]
    return Rij(p.titel, p.url, regio, wat, _velden(p.velden, zonder_code=p.soort == "hercodeerd"))


def rijen(w: Wijzigingen) -> list[Rij]:
    """Every changed page in report order: products per region, decision trees, region data, other files."""
    uit = [_product_rij(p, r.naam) for r in w.regios for p in r.producten]
    regios = w.regionamen
    for b in w.bomen:
        velden = []
        for u in b.uitkomsten:
            if u.soort == "gewijzigd":
                velden += _velden(u.velden, f"uitkomst ‘{u.titel}’ › ")
            else:
                velden.append((f"uitkomst ‘{u.titel}’", "—", u.titel) if u.soort == "toegevoegd" else
                              (f"uitkomst ‘{u.titel}’", u.titel, "—"))
        uit.append(Rij(f"Beslisboom: {b.titel}", b.url, regios.get(b.regio, b.regio or ALLE),
                       {"gewijzigd": "gewijzigd", "toegevoegd": "nieuw", "verwijderd": "verwijderd"}[b.soort],
                       velden + _velden(b.velden)))
    for r in w.regios:
        if r.velden or r.soort != "gewijzigd":
            uit.append(Rij(f"Regio {r.naam}", None if r.soort == "verwijderd" else f"{r.regio}/", r.naam,
                           {"gewijzigd": "regiogegevens gewijzigd", "toegevoegd": "nieuwe regio",
                            "verwijderd": "regio verwijderd"}[r.soort], _velden(r.velden)))
    for f in w.overig:
        wat = f.soort + (f": {', '.join(f.velden)}" if f.velden else "")
        uit.append(Rij(f.pad, f"{f.regio}/" if f.regio else None, regios.get(f.regio, f.regio or ALLE), wat))
    return uit


# --- Markdown: the pull-request comment ---------------------------------------------------------

_MD_SPECIAAL = re.compile(r"([\\`*_\[\]<>|~])")


def _md(s: str) -> str:
    return _MD_SPECIAAL.sub(r"\\\1", " ".join(str(s).split()))


def _md_rij(rij: Rij, base: str | None) -> str:
    titel = _md(rij.titel)
    pagina = f"[{titel}]({base}{rij.url})" if base and rij.url else (f"~~{titel}~~" if rij.wat == "verwijderd" else titel)
    details = [f"**{_md(rij.wat)}**"]
    for lab, oud, nieuw in rij.velden[:MAX_VELDEN_MD]:
        oud, nieuw = kort(oud, nieuw, 60)
        details.append(f"{_md(lab)}: {_md(oud)} → {_md(nieuw)}")
    if len(rij.velden) > MAX_VELDEN_MD:
        details.append(f"en {_n(len(rij.velden) - MAX_VELDEN_MD, 'ander veld', 'andere velden')}")
    return f"| {pagina} | {_md(rij.plaats)} | {'<br>'.join(details)} |"


def report_markdown(w: Wijzigingen | str, base_url: str | None, max_rows: int = 25) -> str:
    """The pull-request comment: summary, then one row per changed page with a link into the preview.

    '' when nothing changed (then no comment is posted). `base_url` is the preview's root
    (https://<owner>.github.io/<repo>/pr-<n>/); None gives the same report without links.
    """
    kop = [MARKER, "### Wijzigingen in de productgegevens", ""]
    if isinstance(w, str):
        return "\n".join([*kop, "De wijzigingen konden niet veld voor veld worden bepaald.", "", w, ""])
    if w.leeg:
        return ""
    base = (base_url.rstrip("/") + "/") if base_url else None
    alle = rijen(w)
    regels = [*kop]
    if w.basis:
        regels.append(f"Vergeleken met `{w.basis}`.")
    regels += [samenvatting(w), ""]
    if base:
        regels += [f"Preview van de site met deze wijzigingen: {base}", ""]
    regels += ["| Pagina | Regio | Wijziging |", "| --- | --- | --- |"]
    regels += [_md_rij(r, base) for r in alle[:max_rows]]
    if len(alle) > max_rows:
        meer = f"en {len(alle) - max_rows} meer"
        regels += ["", f"[{meer}]({base}wijzigingen/)" if base else meer]
    return "\n".join(regels) + "\n"


# --- HTML: the /wijzigingen/ page -------------------------------------------------------------------


def _html_velden(vs, voor: str = "") -> list[dict]:
    uit = []
    for lab, oud, nieuw in _velden(vs, voor):
        oud, nieuw = kort(oud, nieuw, 300)
        uit.append({"label": lab, "oud": oud, "nieuw": nieuw})
    return uit


def report_html(w: Wijzigingen | str, root: str = "") -> Markup:
    """The body of /wijzigingen/: per region a heading, per kind of change a list; each product's entry has
    id="<regio>-<id>" so its page can link to it. `root` is the relative path from the page to the site root."""
    if isinstance(w, str):
        return render("wijzigingen.html", fout=w, w=None, root=root, regios=[], samenvatting="")
    regios = []
    for r in w.regios:
        groepen = []
        for s in SOORTEN:
            items = [{"p": p, "velden": _html_velden(p.velden) if p.soort != "hercodeerd" else
                      _html_velden([v for v in p.velden if v.veld != "code"])} for p in r.van(s)]
            if items:
                groepen.append({"soort": s, "kop": KOPPEN[s], "producten": items})
        regios.append({"r": r, "groepen": groepen, "velden": _html_velden(r.velden)})
    bomen = [{"b": b, "velden": _html_velden(b.velden),
              "uitkomsten": [{"u": u, "velden": _html_velden(u.velden)} for u in b.uitkomsten]} for b in w.bomen]
    return render("wijzigingen.html", fout=None, w=w, root=root, regios=regios, bomen=bomen,
                  samenvatting=samenvatting(w))


# --- text and JSON: the command line ------------------------------------------------------------------


def _tekst_velden(vs: tuple[Veldwijziging, ...] | list, inspring: str) -> list[str]:
    return [f"{inspring}{v.label}: {v.oud} → {v.nieuw}" for v in vs]


def report_text(w: Wijzigingen | str) -> str:
    if isinstance(w, str):
        return w + "\n"
    if w.leeg:
        return "Geen wijzigingen in de productgegevens" + (f" ten opzichte van {w.basis}" if w.basis else "") + ".\n"
    regels = [f"Wijzigingen ten opzichte van {w.basis}" if w.basis else "Wijzigingen", samenvatting(w)]
    for r in w.regios:
        regels.append(f"\n{r.naam}" + ("" if r.soort == "gewijzigd" else f" (regio {r.soort})"))
        regels += _tekst_velden(r.velden, "  regiogegevens › ")
        for p in r.producten:
            was = f" (was {p.was} → wordt {p.code or p.id})" if p.soort == "hercodeerd" else ""
            regels.append(f"  {p.soort}: {p.titel}{was}")
            regels += _tekst_velden([v for v in p.velden if not (was and v.veld == "code")], "    ")
    if w.bomen:
        regels.append("\nBeslisbomen")
        for b in w.bomen:
            regels.append(f"  {b.soort}: {b.titel}")
            for u in b.uitkomsten:
                regels.append(f"    uitkomst {u.id} {u.soort}: {u.titel}")
                regels += _tekst_velden(u.velden, "      ")
            regels += _tekst_velden(b.velden, "    ")
    if w.overig:
        regels.append("\nAndere gegevensbestanden")
        regels += [f"  {f.soort}: {f.pad}" + (f" ({', '.join(f.velden)})" if f.velden else "") for f in w.overig]
    return "\n".join(regels) + "\n"


def report_json(w: Wijzigingen | str) -> dict:
    if isinstance(w, str):
        return {"vergelijkbaar": False, "uitleg": w}
    data = asdict(w)
    for r, rd in zip(w.regios, data["regios"]):
        for p, pd in zip(r.producten, rd["producten"]):
            pd.update(url=p.url, anker=p.anker, titel=p.titel)
    for b, bd in zip(w.bomen, data["bomen"]):
        bd["url"] = b.url
    return {"vergelijkbaar": True, "leeg": w.leeg, "samenvatting": samenvatting(w), **data}
