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
    regions = sorted(p.name for p in (data / "products").iterdir())
    counts = {"recoded": 0, "edited": 0, "moved": 0, "replaced": 0}
    for path in sorted((data / "products").rglob("*.yaml")):
        p = yaml.safe_load(path.read_text(encoding="utf-8"))
        code = p["code"]
        p["code"] = code[:2] + chr(ord(code[2]) + 10) + code[3:]
        region = path.parent.name
        chance = rnd.random()
        if chance < 0.02:
            p["naam"], p["omschrijving"], p["doel"] = f"Vervangen {code}", f"Iets anders {code}.", f"Ander doel {code}."
            p["resultaten"], p["doelgroep"] = [f"Nieuw resultaat {code}"], f"Andere doelgroep {code}."
            counts["replaced"] += 1
        elif chance < 0.07:
            region = regions[(regions.index(region) + 1) % len(regions)]
            p["gemeenten"] = "alle"  # the other region's municipalities
            counts["moved"] += 1
        elif chance < 0.57:
            p["doel"] = p["doel"] + " Aangepast."
            counts["edited"] += 1
        counts["recoded"] += 1
        path.unlink()
        target = data / "products" / region / f"{p['code'].lower()}.yaml"
        target.write_text(yaml.safe_dump(p, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return counts


def old_match(removed: list, added: list) -> list[tuple]:
    """The matcher before issue 16, per region: score every pair, same name or >= 80 % equal fields."""
    def similarity(a, b) -> float:
        names = [n for n in type(a).model_fields if n not in ("code", "id", "regio", "pad")]
        compared = [n for n in names if getattr(a, n) not in (None, "", []) or getattr(b, n) not in (None, "", [])]
        return sum(getattr(a, n) == getattr(b, n) for n in compared) / len(compared) if compared else 0.0

    pairs = []
    for region in sorted({p.regio for p in removed}):
        gone = sorted((p for p in removed if p.regio == region), key=lambda p: p.id)
        arrived = sorted((p for p in added if p.regio == region), key=lambda p: p.id)
        candidates = []
        for a in gone:
            for b in arrived:
                same_name = a.naam.casefold() == b.naam.casefold()
                score = similarity(a, b)
                if same_name or score >= 0.8:
                    candidates.append((not same_name, -score, a.id, b.id, a, b))
        used = set()
        for *_, a, b in sorted(candidates, key=lambda k: k[:4]):
            if a.ref not in used and b.ref not in used:
                used |= {a.ref, b.ref}
                pairs.append((a, b))
    return pairs


def _timed(f, *args):
    t = time.perf_counter()
    result = f(*args)
    return time.perf_counter() - t, result


def run(n: int, old_max: int, regions: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="change-bench-") as tmp:
        a = write_catalogue(Path(tmp) / "a", n, regions=regions)
        b = Path(tmp) / "b" / "data"
        shutil.copytree(a, b)
        counts = recode(b)
        t_a, old_cat = _timed(load_catalogue, a)
        t_b, new_cat = _timed(load_catalogue, b)
        t_new, report = _timed(changes.compare_catalogues, old_cat, new_cat)
        row = {"n": n, "load": t_a + t_b, "compare": t_new, **counts,
               "kinds": {s: report.aantal(s) for s in ("hercodeerd", "verplaatst", "toegevoegd", "verwijderd")}}
        if n <= old_max:
            real_matcher = changes.match_products
            changes.match_products = old_match
            try:
                row["old"], report_old = _timed(changes.compare_catalogues, old_cat, new_cat)
            finally:
                changes.match_products = real_matcher
            row["kinds_old"] = {s: report_old.aantal(s) for s in ("hercodeerd", "verplaatst", "toegevoegd", "verwijderd")}
        return row


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
        found_old = ", ".join(f"{v} {k}" for k, v in r.get("kinds_old", {}).items()) or "–"
        print(f"| {n} | {r['load']:.2f} | {r['compare']:.2f} | {r['compare'] / r['load']:.2f} | {old} | "
              f"{', '.join(f'{v} {k}' for k, v in r['kinds'].items())} | {found_old} |", flush=True)
        print(f"<!-- {n}: made {r['recoded']} recoded, {r['edited']} of them edited, {r['moved']} moved, "
              f"{r['replaced']} replaced -->", flush=True)


if __name__ == "__main__":
    main()
