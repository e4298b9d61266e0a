"""Change report speed: every product recoded (issue 16), against the old quadratic matcher and a plain load.

    .venv/bin/python benchmarks/change_bench.py [SIZES...]      # default 500 2000 5000; old matcher up to --old-max

For each size: a synthetic catalogue (``synthetic.py``, 2 regions by default) and a copy in which every product has a new code and
file name, half of them also one edited field (so content hashing alone cannot pair them), 5 % moved to
another region, and 2 % replaced by an unrelated product. Measured in the same run:

- **load**: loading and validating both catalogues (what any report must do first): the baseline;
- **compare**: ``compare_catalogues`` with the current matcher;
- **old**: ``compare_catalogues`` with the matcher it replaced (every removed product scored against every
  added one in its region), only up to ``--old-max`` products because it is quadratic.

Figures are ratios against the load in the same run; see benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

import yaml
from synthetic import write_catalogue

import macros.changes as changes
from macros.catalogue.loader import load_catalogue


def recode(data: Path, seed: int = 3) -> dict[str, int]:
    """Every product a new code (45A00 -> 45K00) and file; some edited, moved or replaced."""
    rnd = random.Random(seed)
    regios = sorted(p.name for p in (data / "products").iterdir())
    tel = {"hercodeerd": 0, "bewerkt": 0, "verplaatst": 0, "vervangen": 0}
    for pad in sorted((data / "products").rglob("*.yaml")):
        p = yaml.safe_load(pad.read_text(encoding="utf-8"))
        code = p["code"]
        p["code"] = code[:2] + chr(ord(code[2]) + 10) + code[3:]
        regio = pad.parent.name
        kans = rnd.random()
        if kans < 0.02:
            p["naam"], p["omschrijving"], p["doel"] = f"Vervangen {code}", f"Iets anders {code}.", f"Ander doel {code}."
            p["resultaten"], p["doelgroep"] = [f"Nieuw resultaat {code}"], f"Andere doelgroep {code}."
            tel["vervangen"] += 1
        elif kans < 0.07:
            regio = regios[(regios.index(regio) + 1) % len(regios)]
            p["gemeenten"] = "alle"  # the other region's municipalities
            tel["verplaatst"] += 1
        elif kans < 0.57:
            p["doel"] = p["doel"] + " Aangepast."
            tel["bewerkt"] += 1
        tel["hercodeerd"] += 1
        pad.unlink()
        doel = data / "products" / regio / f"{p['code'].lower()}.yaml"
        doel.write_text(yaml.safe_dump(p, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return tel


def old_match(removed: list, added: list) -> list[tuple]:
    """The matcher before issue 16, per region: score every pair, same name or >= 80 % equal fields."""
    def similarity(a, b) -> float:
        namen = [n for n in type(a).model_fields if n not in ("code", "id", "regio", "pad")]
        tel = [n for n in namen if getattr(a, n) not in (None, "", []) or getattr(b, n) not in (None, "", [])]
        return sum(getattr(a, n) == getattr(b, n) for n in tel) / len(tel) if tel else 0.0

    paren = []
    for regio in sorted({p.regio for p in removed}):
        weg = sorted((p for p in removed if p.regio == regio), key=lambda p: p.id)
        nieuw = sorted((p for p in added if p.regio == regio), key=lambda p: p.id)
        kandidaten = []
        for a in weg:
            for b in nieuw:
                zelfde = a.naam.casefold() == b.naam.casefold()
                score = similarity(a, b)
                if zelfde or score >= 0.8:
                    kandidaten.append((not zelfde, -score, a.id, b.id, a, b))
        gebruikt = set()
        for *_, a, b in sorted(kandidaten, key=lambda k: k[:4]):
            if a.ref not in gebruikt and b.ref not in gebruikt:
                gebruikt |= {a.ref, b.ref}
                paren.append((a, b))
    return paren


def _timed(f, *args):
    t = time.perf_counter()
    uit = f(*args)
    return time.perf_counter() - t, uit


def run(n: int, old_max: int, regions: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="change-bench-") as tmp:
        a = write_catalogue(Path(tmp) / "a", n, regions=regions)
        b = Path(tmp) / "b" / "data"
        shutil.copytree(a, b)
        tel = recode(b)
        t_a, oud = _timed(load_catalogue, a)
        t_b, nieuw = _timed(load_catalogue, b)
        t_new, w = _timed(changes.compare_catalogues, oud, nieuw)
        rij = {"n": n, "load": t_a + t_b, "compare": t_new, **tel,
               "soorten": {s: w.aantal(s) for s in ("hercodeerd", "verplaatst", "toegevoegd", "verwijderd")}}
        if n <= old_max:
            echte = changes.match_products
            changes.match_products = old_match
            try:
                rij["old"], w_oud = _timed(changes.compare_catalogues, oud, nieuw)
            finally:
                changes.match_products = echte
            rij["soorten_old"] = {s: w_oud.aantal(s) for s in ("hercodeerd", "verplaatst", "toegevoegd", "verwijderd")}
        return rij


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("sizes", nargs="*", type=int, default=[500, 2000, 5000])
    ap.add_argument("--old-max", type=int, default=500, help="run the old quadratic matcher up to this size")
    ap.add_argument("--regions", type=int, default=2, help="regions (the old matcher is quadratic per region)")
    args = ap.parse_args()
    print("| products | load both s | compare s | compare / load | old compare s | old / new | found (new) | found (old) |")
    print("|---:|---:|---:|---:|---:|---:|---|---|")
    for n in args.sizes:
        r = run(n, args.old_max, args.regions)
        old = f"{r['old']:.1f} | {r['old'] / r['compare']:.0f}x" if "old" in r else "– | –"
        found_old = ", ".join(f"{v} {k}" for k, v in r.get("soorten_old", {}).items()) or "–"
        print(f"| {n} | {r['load']:.2f} | {r['compare']:.2f} | {r['compare'] / r['load']:.2f} | {old} | "
              f"{', '.join(f'{v} {k}' for k, v in r['soorten'].items())} | {found_old} |", flush=True)
        print(f"<!-- {n}: made {r['hercodeerd']} recoded, {r['bewerkt']} of them edited, {r['verplaatst']} moved, "
              f"{r['vervangen']} replaced -->", flush=True)


if __name__ == "__main__":
    main()
