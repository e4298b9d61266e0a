"""Synthetic catalogues for the benchmarks: N products over several regions, realistic field sizes.

Text is drawn (with a fixed seed) from the words of the real data, so sizes and vocabulary look
like a real productenboek. `write_catalogue(dest, n)` writes a complete data/ folder that passes
validation; `write_plain_docs(dest, data)` writes the same text as plain Markdown pages (the baseline).
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GROEPEN = ["Begeleiding individueel", "Begeleiding groep", "Behandeling individueel", "Behandeling groep",
           "Jeugd- en opvoedhulp", "Verblijf", "Dyslexie", "Diagnostiek"]
TYPEN = ["begeleiding-individueel", "begeleiding-groep", "behandeling-individueel", "behandeling-groep",
         "opvoedhulp", "verblijf", "dyslexie", "diagnostiek"]
EENHEDEN = ["PxQ", "uur", "etmaal", "dagdeel"]
PER_DOCUMENT = 50  # products per synthetic source document (the real ones describe 5 to 51 products)


def document(i: int) -> str:
    return f"synthetisch-{i // PER_DOCUMENT:03d}.txt"


def _vocabulary() -> list[str]:
    words = []
    for p in sorted((ROOT / "data" / "products").rglob("*.yaml")):
        words += re.findall(r"[A-Za-zÀ-ÿ]{3,}", p.read_text(encoding="utf-8"))
    return words


def write_catalogue(dest: Path, n: int, regions: int = 10, seed: int = 7) -> Path:
    rnd = random.Random(seed)
    words = _vocabulary()
    text = lambda k: " ".join(rnd.choice(words) for _ in range(k)).capitalize() + "."  # noqa: E731
    data = dest / "data"
    if data.exists():
        shutil.rmtree(data)
    (data / "regions").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "producttypen.yaml", data / "producttypen.yaml")
    shutil.copy(ROOT / "data" / "ijw-categorieen.yaml", data / "ijw-categorieen.yaml")
    regio_ids = [f"regio-{i:02d}" for i in range(regions)]
    gemeenten = {r: [f"Gemeente {r[-2:]}-{j}" for j in range(8)] for r in regio_ids}
    for r in regio_ids:
        (data / "regions" / f"{r}.yaml").write_text(yaml.safe_dump({
            "naam": f"Regio {r[-2:]}", "gemeenten": gemeenten[r], "codes_volgen_jz020": True,
            "bronnen": [{"document": document(j), "titel": f"Synthetisch productenboek {j // PER_DOCUMENT}",
                         "soort": "productomschrijvingen", "editie": "2026", "status": "vastgesteld"}
                        for j in range(0, n, PER_DOCUMENT)],
        }, allow_unicode=True), encoding="utf-8")
    bron: dict[str, list[str]] = {}  # synthetic source documents: a section per product, with the words it quotes
    for i in range(n):
        r = regio_ids[i % regions]
        g = (i // regions) % len(GROEPEN)
        code = f"{45 + i // 1000}{chr(65 + (i // 100) % 10)}{i % 100:02d}"  # unique up to 5,000: 45A00 … 49J99
        product = {
            "code": code, "naam": f"{GROEPEN[g]} {text(4)[:-1]}", "productgroep": GROEPEN[g], "producttype": TYPEN[g],
            "status": rnd.choice(["vastgesteld"] * 8 + ["concept", "vervallen"]),
            "gemeenten": "alle" if rnd.random() < 0.7 else rnd.sample(gemeenten[r], 4),  # stated, as a plain value
            "omschrijving": "\n\n".join(text(60) for _ in range(4)), "doel": text(40), "doelgroep": text(50),
            "resultaten": [text(14) for _ in range(8)],
            "eenheid": {"soort": rnd.choice(EENHEDEN)},
            "tarief": {"staat": "leeg", "citaat": f"{code} €"} if rnd.random() < 0.5 else {"staat": "niet-vermeld"},
            "normenkader": {"soort": "trajectduur",
                            "max_duur": {"tekst": "maximaal 12 maanden", "waarde": 12, "eenheid": "maanden"},
                            "max_volume": {"staat": "niet-vermeld"}},
            "functiemix": {"niveaus": [{"niveau": "HBO", "registratie": "SKJ", "aandeel": 60},
                                       {"niveau": "MBO 4", "aandeel": 39.5}, {"niveau": "WO", "aandeel": 0.5}],
                           "toelichting": text(30)},
            "eisen": [text(10) for _ in range(3)],
            "bron": {"document": document(i), "sectie": f"Product {i}"},
        }
        bron.setdefault(document(i), []).append(f"Product {i}\n\nCode {code}, duur maximaal 12 maanden.\n{code} €\n")
        folder = data / "products" / r
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{code.lower()}.yaml").write_text(yaml.safe_dump(product, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (data / "bronnen").mkdir()
    for naam, secties in bron.items():
        (data / "bronnen" / naam).write_text("\n".join(secties), encoding="utf-8")
    written = sum(1 for _ in (data / "products").rglob("*.yaml"))
    assert written == n, f"{written} product files for {n} products: codes collide"
    return data


def write_plain_docs(dest: Path, data: Path) -> Path:
    """The baseline: the same text as plain Markdown, region pages in the nav, product pages outside it."""
    docs = dest / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Productenboek\n\nSynthetische basislijn.\n", encoding="utf-8")
    nav = [{"Home": "index.md"}]
    regio_nav = []
    for region in sorted((data / "regions").glob("*.yaml")):
        r = yaml.safe_load(region.read_text(encoding="utf-8"))
        rid = region.stem
        rows = []
        for pf in sorted((data / "products" / rid).glob("*.yaml")):
            p = yaml.safe_load(pf.read_text(encoding="utf-8"))
            rows.append(f"| {p['code']} | [{p['naam']}]({pf.stem}.md) | {p['eenheid']['soort']} | 12 maanden | {p['status']} |")
            body = [f"# {p['code']} {p['naam']}", "", "| Code | Regio | Eenheid | Duur | Status |", "|---|---|---|---|---|",
                    f"| {p['code']} | {r['naam']} | {p['eenheid']['soort']} | 12 maanden | {p['status']} |", "",
                    "## Omschrijving", "", p["omschrijving"], "", "## Doel", "", p["doel"], "", "## Doelgroep", "",
                    p["doelgroep"], "", "## Wat moet bereikt zijn?", "", *[f"- {x}" for x in p["resultaten"]], "",
                    "## Functiemix", "", "- HBO (SKJ): 60%", "- MBO 4: 39,5%", "- WO: 0,5%", "", p["functiemix"]["toelichting"],
                    "", "## Specifieke eisen", "", *[f"- {x}" for x in p["eisen"]], "", "## Bron", "", f"synthetisch.txt, {p['bron']['sectie']}"]
            (docs / rid).mkdir(exist_ok=True)
            (docs / rid / f"{pf.stem}.md").write_text("\n".join(body) + "\n", encoding="utf-8")
        (docs / rid / "index.md").write_text(f"# {r['naam']}\n\n| Code | Product | Eenheid | Duur | Status |\n|---|---|---|---|---|\n"
                                             + "\n".join(rows) + "\n", encoding="utf-8")
        regio_nav.append({r["naam"]: f"{rid}/index.md"})
    nav.append({"Regio's": regio_nav})
    # mkdocs.yml read by MkDocs' own loader (its !ENV tags and INHERIT resolved as a build would), so the
    # baseline keeps the real theme and Markdown settings whatever the file's text looks like.
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    config.pop("site_url", None)  # as our build without SITE_URL: relative links
    config.pop("hooks", None)
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "macros" in p)]
    config["docs_dir"] = "docs"
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["nav"] = nav
    config["extra_javascript"] = []
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest / "mkdocs.yml"
