"""Synthetic catalogues for the benchmarks: N products over several regions, realistic field sizes.

Text is drawn (with a fixed seed) from the words of the real data, so sizes and vocabulary look
like a real productenboek. `write_catalogue(dest, n)` writes a complete data/ folder that passes
validation; `write_plain_docs(dest, data)` writes the same text as plain Markdown pages (the baseline).

`write_nation(dest, n)` is the national shape (issue 32): 42 regions (fewer below 420 products, at least
10 products each) of 10 to 150 products, drawn with a fixed seed and scaled to n; municipality lists of
real Dutch municipality names, neighbouring regions sharing one (a municipality in two regions, as in the
real data); each region's source in one or two editions; editorial notes (``opmerkingen``) and inferences
(``staat: afgeleid`` with a reason) on a share of the products.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GROUPS = ["Begeleiding individueel", "Begeleiding groep", "Behandeling individueel", "Behandeling groep",
           "Jeugd- en opvoedhulp", "Verblijf", "Dyslexie", "Diagnostiek"]
TYPES = ["begeleiding-individueel", "begeleiding-groep", "behandeling-individueel", "behandeling-groep",
         "opvoedhulp", "verblijf", "dyslexie", "diagnostiek"]
UNITS = ["PxQ", "uur", "etmaal", "dagdeel"]
PER_DOCUMENT = 50  # products per synthetic source document (the real ones describe 5 to 51 products)


def document(i: int) -> str:
    return f"synthetisch-{i // PER_DOCUMENT:03d}.txt"


def _vocabulary() -> list[str]:
    words = []
    for p in sorted((ROOT / "data" / "products").rglob("*.yaml")):
        words += re.findall(r"[A-Za-zÀ-ÿ]{3,}", p.read_text(encoding="utf-8"))
    return words


# Real municipality names (CBS 2024), in a rough north-to-south order so that neighbouring regions share one.
_NAMES = """Het-Hogeland Groningen Westerkwartier Midden-Groningen Eemsdelta Oldambt Pekela Veendam Stadskanaal
Westerwolde Leeuwarden Smallingerland Heerenveen Súdwest-Fryslân Waadhoeke Noardeast-Fryslân Dantumadiel Achtkarspelen
Tytsjerksteradiel Opsterland Ooststellingwerf Weststellingwerf De-Fryske-Marren Harlingen Terschelling Vlieland Ameland
Schiermonnikoog Assen Aa-en-Hunze Tynaarlo Noordenveld Midden-Drenthe Borger-Odoorn Emmen Coevorden Hoogeveen De-Wolden
Meppel Westerveld Zwolle Kampen Zwartewaterland Staphorst Steenwijkerland Hardenberg Ommen Dalfsen Raalte Olst-Wijhe
Deventer Rijssen-Holten Hellendoorn Twenterand Tubbergen Dinkelland Almelo Wierden Borne Hengelo Enschede Oldenzaal
Losser Haaksbergen Hof-van-Twente Lelystad Dronten Noordoostpolder Urk Zeewolde Almere Apeldoorn Epe Heerde Hattem
Elburg Oldebroek Nunspeet Harderwijk Ermelo Putten Nijkerk Barneveld Ede Wageningen Renkum Arnhem Rheden Rozendaal
Zevenaar Duiven Westervoort Lingewaard Overbetuwe Nijmegen Berg-en-Dal Heumen Wijchen Druten Beuningen West-Betuwe
Tiel Buren Culemborg Neder-Betuwe Maasdriel Zaltbommel West-Maas-en-Waal Doetinchem Oude-IJsselstreek Aalten
Winterswijk Oost-Gelre Berkelland Bronckhorst Lochem Zutphen Brummen Voorst Montferland Utrecht Amersfoort Veenendaal
Rhenen Wijk-bij-Duurstede Houten Nieuwegein IJsselstein Lopik Montfoort Oudewater Woerden Stichtse-Vecht De-Ronde-Venen
De-Bilt Zeist Bunnik Utrechtse-Heuvelrug Soest Baarn Eemnes Bunschoten Leusden Woudenberg Renswoude Amsterdam Zaanstad
Haarlem Haarlemmermeer Amstelveen Aalsmeer Uithoorn Ouder-Amstel Diemen Purmerend Edam-Volendam Landsmeer Oostzaan
Wormerland Waterland Hilversum Gooise-Meren Huizen Blaricum Laren Wijdemeren Alkmaar Heerhugowaard Bergen Castricum
Heiloo Uitgeest Dijk-en-Waard Den-Helder Schagen Hollands-Kroon Texel Hoorn Enkhuizen Medemblik Koggenland Opmeer
Drechterland Stede-Broec Velsen Beverwijk Heemskerk Bloemendaal Heemstede Zandvoort Leiden Leiderdorp Oegstgeest
Katwijk Noordwijk Teylingen Lisse Hillegom Kaag-en-Braassem Zoeterwoude Alphen-aan-den-Rijn Nieuwkoop Bodegraven-Reeuwijk
Gouda Waddinxveen Zuidplas Krimpenerwaard Den-Haag Delft Rijswijk Westland Wassenaar Leidschendam-Voorburg
Zoetermeer Pijnacker-Nootdorp Midden-Delfland Lansingerland Rotterdam Schiedam Vlaardingen Maassluis Capelle-aan-den-IJssel
Krimpen-aan-den-IJssel Ridderkerk Barendrecht Albrandswaard Nissewaard Voorne-aan-Zee Hoeksche-Waard Goeree-Overflakkee
Dordrecht Zwijndrecht Hendrik-Ido-Ambacht Papendrecht Sliedrecht Alblasserdam Hardinxveld-Giessendam Gorinchem Molenlanden
Vijfheerenlanden Middelburg Vlissingen Veere Goes Kapelle Reimerswaal Borsele Noord-Beveland Schouwen-Duiveland Tholen
Terneuzen Hulst Sluis Bergen-op-Zoom Roosendaal Halderberge Moerdijk Rucphen Zundert Woensdrecht Steenbergen Etten-Leur
Breda Oosterhout Drimmelen Geertruidenberg Altena Gilze-en-Rijen Alphen-Chaam Baarle-Nassau Tilburg Dongen Goirle
Hilvarenbeek Loon-op-Zand Oisterwijk Waalwijk Heusden Vught Den-Bosch Sint-Michielsgestel Boxtel Meierijstad Oss
Bernheze Maashorst Land-van-Cuijk Boxmeer Eindhoven Veldhoven Best Son-en-Breugel Nuenen Geldrop-Mierlo Waalre Valkenswaard
Helmond Deurne Gemert-Bakel Laarbeek Asten Someren Cranendonck Heeze-Leende Bergeijk Eersel Oirschot Bladel Reusel-De-Mierden
Venlo Venray Horst-aan-de-Maas Peel-en-Maas Beesel Bergen-L Gennep Mook-en-Middelaar Roermond Weert Leudal Maasgouw
Roerdalen Echt-Susteren Nederweert Sittard-Geleen Beek Stein Maastricht Eijsden-Margraten Meerssen Valkenburg
Gulpen-Wittem Vaals Heerlen Kerkrade Landgraaf Brunssum Beekdaelen Simpelveld Voerendaal"""  # a hyphen stands for a space
MUNICIPALITIES = [g.replace("-", " ") for g in _NAMES.split()]


def nation_sizes(n: int, seed: int = 7) -> list[int]:
    """Products per region for a nation of n products: 42 regions (n // 10 when that is fewer), each of
    10 to 150 products where n allows (drawn with a fixed seed, scaled to add up to n, then kept in range)."""
    regions = max(1, min(42, n // 10))
    lo, hi = (10, 150) if 10 * regions <= n <= 150 * regions else (1, n)
    rnd = random.Random(seed)
    drawn = [rnd.randint(10, 150) for _ in range(regions)]
    sizes = [min(hi, max(lo, round(d * n / sum(drawn)))) for d in drawn]
    i = 0
    while sum(sizes) != n:  # rounding and clamping: one product at a time to or from a region with room
        k, step = i % regions, (1 if sum(sizes) < n else -1)
        if lo <= sizes[k] + step <= hi:
            sizes[k] += step
        i += 1
    return sizes


def write_nation(dest: Path, n: int, seed: int = 7, sizes: list[int] | None = None) -> Path:
    """The national shape (issue 32): see the module docstring. `sizes` (products per region) instead of the
    drawn ones: a test's nation whose first regions stay the same when regions are added."""
    return write_catalogue(dest, n, seed=seed, sizes=sizes or nation_sizes(n, seed))


def write_catalogue(dest: Path, n: int, regions: int = 10, seed: int = 7, sizes: list[int] | None = None) -> Path:
    """n products over `regions` regions in turn, or (sizes given) sizes[k] products in region k, in blocks."""
    rnd = random.Random(seed)
    nation = sizes is not None
    if nation:
        assert sum(sizes) == n, f"region sizes add up to {sum(sizes)}, not {n}"
        regions = len(sizes)
    words = _vocabulary()
    text = lambda k: " ".join(rnd.choice(words) for _ in range(k)).capitalize() + "."  # noqa: E731
    data = dest / "data"
    if data.exists():
        shutil.rmtree(data)
    (data / "regions").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "producttypen.yaml", data / "producttypen.yaml")
    shutil.copy(ROOT / "data" / "ijw-categorieen.yaml", data / "ijw-categorieen.yaml")
    region_ids = [f"regio-{i:02d}" for i in range(regions)]
    if nation:  # real names, about 8 per region; each region also lists its neighbour's first one
        per = 8  # 42 regions x 8 = 336 of the 342 names; a region's list does not depend on how many regions
        municipalities = {r: MUNICIPALITIES[k * per:(k + 1) * per] + [MUNICIPALITIES[((k + 1) * per) % len(MUNICIPALITIES)]]
                     for k, r in enumerate(region_ids)}
        region_of = [k for k, size in enumerate(sizes) for _ in range(size)]
    else:
        municipalities = {r: [f"Gemeente {r[-2:]}-{j}" for j in range(8)] for r in region_ids}
        region_of = [i % regions for i in range(n)]
    if nation:  # each region its own source documents, as in the real data
        first = {k: sum(sizes[:k]) for k in range(regions)}
        doc_of = [f"synthetisch-{region_of[i]:02d}-{(i - first[region_of[i]]) // PER_DOCUMENT}.txt" for i in range(n)]
    else:
        doc_of = [document(i) for i in range(n)]
    for k, r in enumerate(region_ids):
        documents = sorted({doc_of[i] for i in range(n) if region_of[i] == k}) if nation else sorted(set(doc_of))
        sources = [{"document": d, "titel": f"Synthetisch productenboek {d[12:-4]}", "soort": "productomschrijvingen",
                    "editie": "2026", "status": "vastgesteld"} for d in documents]
        if nation and k % 3 == 0:  # an earlier edition of the region's book, still listed
            sources[0] = {**sources[0], "editie": "2025", "status": "informatief" if k % 2 else "vastgesteld"}
        (data / "regions" / f"{r}.yaml").write_text(yaml.safe_dump({
            "naam": f"Regio {r[-2:]}", "gemeenten": municipalities[r], "codes_volgen_jz020": True, "bronnen": sources,
        }, allow_unicode=True), encoding="utf-8")
    source_texts: dict[str, list[str]] = {}  # synthetic source documents: a section per product, with the words it quotes
    for i in range(n):
        r = region_ids[region_of[i]]
        g = (i // regions) % len(GROUPS)
        code = f"{45 + i // 1000}{chr(65 + (i // 100) % 10)}{i % 100:02d}"  # unique up to 5,000: 45A00 … 49J99
        product = {
            "code": code, "naam": f"{GROUPS[g]} {text(4)[:-1]}", "productgroep": GROUPS[g], "producttype": TYPES[g],
            "status": rnd.choice(["vastgesteld"] * 8 + ["concept", "vervallen"]),
            "gemeenten": "alle" if rnd.random() < 0.7 else rnd.sample(municipalities[r], 4),  # stated, as a plain value
            "omschrijving": "\n\n".join(text(60) for _ in range(4)), "doel": text(40), "doelgroep": text(50),
            "resultaten": [text(14) for _ in range(8)],
            "eenheid": {"soort": rnd.choice(UNITS)},
            "tarief": {"staat": "leeg", "citaat": f"{code} €"} if rnd.random() < 0.5 else {"staat": "niet-vermeld"},
            "normenkader": {"soort": "trajectduur",
                            "max_duur": {"tekst": "maximaal 12 maanden", "waarde": 12, "eenheid": "maanden"},
                            "max_volume": {"staat": "niet-vermeld"}},
            "functiemix": {"niveaus": [{"niveau": "HBO", "registratie": "SKJ", "aandeel": 60},
                                       {"niveau": "MBO 4", "aandeel": 39.5}, {"niveau": "WO", "aandeel": 0.5}],
                           "toelichting": text(30)},
            "eisen": [text(10) for _ in range(3)],
            "bron": {"document": doc_of[i], "sectie": f"Product {i}"},
        }
        if nation and rnd.random() < 0.15:  # an editorial inference, with its reason
            product["gemeenten"] = {"staat": "afgeleid", "waarde": "alle", "reden": text(20)}
        if nation and rnd.random() < 0.1:  # a note about an ambiguity in the source
            product["opmerkingen"] = [text(25)]
        source_texts.setdefault(doc_of[i], []).append(f"Product {i}\n\nCode {code}, duur maximaal 12 maanden.\n{code} €\n")
        folder = data / "products" / r
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{code.lower()}.yaml").write_text(yaml.safe_dump(product, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if nation:  # every third region: its code table as printed in two editions (a product renamed, one dropped)
        (data / "codetabellen").mkdir()
        for r in region_ids[::3]:
            files = sorted((data / "products" / r).glob("*.yaml"))
            rows = []
            for j, pf in enumerate(files):
                prod = yaml.safe_load(pf.read_text(encoding="utf-8"))
                old = {"omschrijving": prod["naam"] if j % 4 else prod["naam"] + " (oud)", "code": prod["code"]}
                rows.append({"product": pf.stem, "edities": {"2025": old, **({} if j % 9 == 8 else {
                    "2026": {"omschrijving": prod["naam"], "code": prod["code"]}})}})
            (data / "codetabellen" / f"{r}.yaml").write_text(yaml.safe_dump({
                "titel": "Productcodetabel jeugd", "bron": yaml.safe_load(files[0].read_text(encoding="utf-8"))["bron"],
                "edities": ["2025", "2026"], "regels": rows}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (data / "bronnen").mkdir()
    for document_name, sections in source_texts.items():
        (data / "bronnen" / document_name).write_text("\n".join(sections), encoding="utf-8")
    written = sum(1 for _ in (data / "products").rglob("*.yaml"))
    assert written == n, f"{written} product files for {n} products: codes collide"
    return data


def _plain(value, key: str | None = None) -> str:
    """A field as plain text for the baseline: a value, or a sourced value ({staat, waarde}) of the real data."""
    if isinstance(value, dict) and "staat" in value:
        value = value.get("waarde", value["staat"])
    if isinstance(value, dict) and key:
        value = value.get(key, "")
    return "" if value is None else str(value)


def write_plain_docs(dest: Path, data: Path, pages: int | None = None) -> Path:
    """The baseline: the same text as plain Markdown, region pages in the nav, product pages outside it.
    ``pages``: as many pages as that (the second baseline of build_bench.py, "the same page count"): the
    product pages again, in turn, as extra pages outside the nav (extra/1.md, …) until there are that many."""
    docs = dest / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Productenboek\n\nSynthetische basislijn.\n", encoding="utf-8")
    nav = [{"Home": "index.md"}]
    region_nav = []
    for region in sorted((data / "regions").glob("*.yaml")):
        r = yaml.safe_load(region.read_text(encoding="utf-8"))
        rid = region.stem
        rows = []
        for pf in sorted((data / "products" / rid).glob("*.yaml")):
            p = yaml.safe_load(pf.read_text(encoding="utf-8"))
            # the real data (a baseline for it too): values with a state ({staat: ...}), optional fields
            unit = _plain(p.get("eenheid"), "soort")
            status = _plain(p.get("status"))
            code = p.get("code") or ""
            rows.append(f"| {code} | [{p['naam']}]({pf.stem}.md) | {unit} | 12 maanden | {status} |")
            fm = p.get("functiemix") or {}
            body = [f"# {code} {p['naam']}", "", "| Code | Regio | Eenheid | Duur | Status |", "|---|---|---|---|---|",
                    f"| {code} | {r['naam']} | {unit} | 12 maanden | {status} |", "",
                    "## Omschrijving", "", p.get("omschrijving", ""), "", "## Doel", "", p.get("doel", ""), "", "## Doelgroep", "",
                    p.get("doelgroep", ""), "", "## Wat moet bereikt zijn?", "", *[f"- {x}" for x in p.get("resultaten", [])], "",
                    "## Functiemix", "", "- HBO (SKJ): 60%", "- MBO 4: 39,5%", "- WO: 0,5%", "", fm.get("toelichting", ""),
                    "", "## Specifieke eisen", "", *[f"- {x}" for x in p.get("eisen", [])], "", "## Bron", "",
                    f"synthetisch.txt, {(p.get('bron') or {}).get('sectie', '')}"]
            (docs / rid).mkdir(exist_ok=True)
            (docs / rid / f"{pf.stem}.md").write_text("\n".join(_plain(x) for x in body) + "\n", encoding="utf-8")
        (docs / rid).mkdir(exist_ok=True)  # a region without products (the real FoodValley) has its page too
        (docs / rid / "index.md").write_text(f"# {r['naam']}\n\n| Code | Product | Eenheid | Duur | Status |\n|---|---|---|---|---|\n"
                                             + "\n".join(rows) + "\n", encoding="utf-8")
        region_nav.append({r["naam"]: f"{rid}/index.md"})
    nav.append({"Regio's": region_nav})
    if pages is not None:
        products = sorted(docs.glob("*/*.md"))
        products = [f for f in products if f.name != "index.md"] or [docs / "index.md"]
        written = sum(1 for _ in docs.rglob("*.md"))
        (docs / "extra").mkdir(exist_ok=True)
        for i in range(max(0, pages - written)):
            (docs / "extra" / f"{i + 1}.md").write_text(products[i % len(products)].read_text(encoding="utf-8"),
                                                        encoding="utf-8")
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
    # instant navigation's page list is rendered with the hooks' pb_instant (macros/site/pages.py): not in a plain build
    config["theme"]["static_templates"] = [t for t in config["theme"].get("static_templates", []) if t != "assets/instant.xml"]
    config["nav"] = nav
    config["extra_javascript"] = []
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest / "mkdocs.yml"
