"""The catalogue: the only code that reads ``data/``.

``load_catalogue(data_dir)`` reads every YAML file and source document once, validates
each against the model, runs the cross-file checks and returns one immutable ``Catalogue``,
or raises ``DataErrors`` listing every error found (not just the first).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel

from macros.catalogue import checks, provenance
from macros.catalogue.errors import DataError, DataErrors
from macros.catalogue.municipalities import Gemeente, municipalities
from macros.catalogue.reader import Reader
from macros.catalogue.records import BoomRecord, MatrixRecord, ProductRecord, RegioRecord, SectieRecord
from macros.catalogue.sources import SourceDocument, parse_document
from macros.catalogue.yamlfile import YamlError, YamlFile, check_characters, decode, read_bytes
from macros.model import IjwCategorieen, Product, ProductType, ProductTypen, Regio, Sectie
from macros.model.sourced import value_of
from macros.model.tables import Codetabel, GemeenteSchrijfwijze, Matrix, Synoniem, Synoniemen
from macros.model.trees import Beslisboom

ALLE_MODELLEN: tuple[type[BaseModel], ...] = (
    Product, Regio, Sectie, ProductTypen, IjwCategorieen, Codetabel, Matrix, Synoniemen, Beslisboom,
)


def _veldnamen() -> set[str]:
    namen: set[str] = set()
    stack = list(ALLE_MODELLEN)
    while stack:
        model = stack.pop()
        for naam, info in model.model_fields.items():
            namen.add(naam)
            for sub in getattr(info.annotation, "__args__", ()) + (info.annotation,):
                if isinstance(sub, type) and issubclass(sub, BaseModel) and sub not in stack:
                    stack.append(sub)
    return namen


@dataclass(frozen=True)
class Catalogue:
    regios: dict[str, RegioRecord]
    producten: dict[str, ProductRecord]
    producttypen: dict[str, ProductType]
    ijw_categorieen: dict[str, str]
    codetabellen: dict[str, Codetabel]
    matrices: dict[str, list[MatrixRecord]]
    secties: dict[str, list[SectieRecord]]
    beslisbomen: dict[str, BoomRecord]
    synoniemen: list[Synoniem]
    bronnen: dict[str, SourceDocument] = field(default_factory=dict, repr=False)  # data/bronnen/<name>.txt
    bestanden: dict[str, YamlFile] = field(default_factory=dict, repr=False, compare=False)
    gemeente_schrijfwijzen: list[GemeenteSchrijfwijze] = field(default_factory=list)  # synoniemen.yaml 'gemeenten'

    def product(self, ref: str) -> ProductRecord:
        return self.producten[ref]

    def products_of(self, regio: str) -> list[ProductRecord]:
        return self._per_regio.get(regio, [])

    @cached_property
    def _per_regio(self) -> dict[str, list[ProductRecord]]:
        out: dict[str, list[ProductRecord]] = {}
        for p in sorted(self.producten.values(), key=lambda p: (p.groep, p.code or "~", p.naam)):
            out.setdefault(p.regio, []).append(p)
        return out

    def municipalities_of(self, product: ProductRecord) -> list[str]:
        """The municipalities where a product applies ('alle' expanded to the region's list); empty when the
        source does not say (see ``scope_stated``)."""
        gemeenten = value_of(product.gemeenten)
        if gemeenten == "alle":
            return list(self.regios[product.regio].gemeenten)
        return list(gemeenten or [])

    @staticmethod
    def scope_stated(product: ProductRecord) -> bool:
        """False when the source does not say where the product applies (blank or not mentioned)."""
        return value_of(product.gemeenten) is not None

    def products_in_municipality(self, regio: str, gemeente: str) -> list[ProductRecord]:
        """The region's products that apply in the municipality (those for 'alle' included), in products_of order."""
        alle, genoemd = self._per_gemeente
        return [p for p in self.products_of(regio) if p.ref in alle or (regio, gemeente, p.ref) in genoemd]

    @cached_property
    def _per_gemeente(self) -> tuple[set[str], set[tuple[str, str, str]]]:
        """Products for every municipality of their region, and (region, municipality, product) named in a list."""
        alle = {p.ref for p in self.producten.values() if value_of(p.gemeenten) == "alle"}
        genoemd = {(p.regio, g, p.ref) for p in self.producten.values()
                   if isinstance(value_of(p.gemeenten), list) for g in value_of(p.gemeenten)}
        return alle, genoemd

    @cached_property
    def gemeenten(self) -> list[Gemeente]:
        """Every municipality the regions list, once, sorted by slug; one listed by two regions has both."""
        return municipalities(self.regios)

    @cached_property
    def _gemeente_per_slug(self) -> dict[str, Gemeente]:
        return {g.slug: g for g in self.gemeenten}

    def gemeente(self, slug: str) -> Gemeente:
        """The municipality with this slug (KeyError if there is none)."""
        return self._gemeente_per_slug[slug]

    def products_in(self, gemeente: Gemeente) -> list[tuple[RegioRecord, list[ProductRecord]]]:
        """Per region that lists the municipality (in catalogue order), the products that apply there."""
        return [(self.regios[r], self.products_in_municipality(r, gemeente.naam)) for r in gemeente.regios]

    def synonyms_of(self, product: ProductRecord) -> list[Synoniem]:
        return [s for s in self.synoniemen if product.ref in s.producten]

    def trees_to(self, product: ProductRecord) -> list[BoomRecord]:
        return [b for b in self.beslisbomen.values() if product.ref in b.product_refs]

    def ijw_category(self, product: ProductRecord) -> str | None:
        """The national category name when a source says the region's codes follow JZ020 (or the editors
        infer it, with a reason); see ``macros.text.ijw_text`` for how the page says which."""
        if value_of(self.regios[product.regio].codes_volgen_jz020) and product.code and product.code[:2].isdigit():
            return self.ijw_categorieen.get(product.code[:2])
        return None


def read_sources(lz: Reader, map_: Path) -> dict[str, SourceDocument]:
    """Every source document in data/bronnen/: plain UTF-8 text, one .txt file each (from the reader's scan,
    so hidden files and links are already reported there), read by the YAML files' rules: at most
    ``MAX_BYTES``, never through a link, no control or invisible characters (each refusal with line and
    column), a name that gives its own page and file under /bronnen/ and collides with nothing there."""
    docs: dict[str, SourceDocument] = {}
    if map_ not in lz.dirs:
        lz.fout(map_, "de map met brondocumenten ontbreekt",
                "maak data/bronnen/ aan en zet daarin de brondocumenten als .txt-bestanden")
        return docs
    gezien: dict[str, str] = {}  # name case-folded -> name (a case-insensitive disk would merge the two)
    for pad in sorted(p for p in lz.files if str(p).startswith(str(map_) + os.sep)):
        if pad.parent != map_ or pad.suffix != ".txt":
            lz.fout(pad, "onbekend bestand in data/bronnen/ (daar staan alleen brondocumenten als platte tekst)",
                    "verwijder het, of sla het document op als .txt direct in data/bronnen/")
            continue
        if not SOURCE_NAME.fullmatch(pad.name):
            lz.fout(pad, "de bestandsnaam van het brondocument bevat andere tekens dan letters, cijfers, '_' en '-' "
                    "(met '.txt' erachter)",
                    "hernoem het bestand, bv. 005_regio-document.txt (de naam wordt het webadres /bronnen/<naam>/)")
            continue
        if pad.stem.casefold() in RESERVED_SOURCE_NAMES:
            lz.fout(pad, f"de naam '{pad.name}' is gereserveerd: /bronnen/{pad.stem}/ zou de overzichtspagina "
                    "van de brondocumenten vervangen", "hernoem het bestand, bv. 005_regio-document.txt")
            continue
        if (ander := gezien.setdefault(pad.name.casefold(), pad.name)) != pad.name:
            lz.fout(pad, f"de naam verschilt alleen in hoofdletters van brondocument {ander}; op Windows en macOS "
                    "zijn dat hetzelfde bestand en hetzelfde webadres", "geef een van beide een andere naam")
            continue
        try:
            tekst = decode(read_bytes(pad))
            check_characters(tekst, velden=False)
        except YamlError as exc:
            lz.errors.append(DataError(lz.rel(pad), exc.regel, None, exc.probleem, exc.oplossing, exc.kolom))
            continue
        if not tekst.strip():
            lz.fout(pad, "het brondocument is leeg", "zet de tekst van het document in het bestand, of verwijder het")
            continue
        doc = parse_document(pad.name, tekst)
        if len(doc.sections) > MAX_SECTIONS:
            lz.fout(pad, f"het brondocument heeft {len(doc.sections):,} koppen; de grens is {MAX_SECTIONS:,}"
                    .replace(",", "."), "zet het document als platte tekst neer zoals het origineel is; regels die "
                    "los staan en niet op een leesteken eindigen worden als kop gelezen", doc.sections[MAX_SECTIONS].line)
            continue
        docs[pad.name] = doc
    return docs


# No dots in the stem: 'a.txt.txt' would get the page /bronnen/a.txt/, where the file of 'a.txt' is published.
SOURCE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\.txt")
# /bronnen/index.md is the overview page; MkDocs reads a README.md as the index page of its folder too.
RESERVED_SOURCE_NAMES = {"index", "readme"}
MAX_SECTIONS = 2_000  # headings of one source document: the real ones have up to 42
VASTE_BESTANDEN = {"producttypen.yaml", "ijw-categorieen.yaml", "synoniemen.yaml"}
MAPPEN = {"regions": 1, "products": 2, "codetabellen": 1, "matrices": 2, "secties": 2, "beslisbomen": 1, "bronnen": 1}


def load_catalogue(data_dir: Path) -> Catalogue:
    """Read and validate every file under data_dir once; raise DataErrors listing every error found."""
    data_dir = Path(data_dir).resolve()
    lz = Reader(data_dir, _veldnamen())
    for pad in sorted(p for p in lz.files | lz.dirs if p.parent == data_dir):
        if (pad.name in VASTE_BESTANDEN and pad in lz.files) or (pad.name in MAPPEN and pad in lz.dirs):
            continue
        lz.fout(pad, "onbekend bestand of onbekende map in data/", f"gebruik een van: {', '.join(sorted(MAPPEN | VASTE_BESTANDEN))}")

    bronnen = read_sources(lz, data_dir / "bronnen")
    regios = {}
    for pad in lz.yaml_files_in(data_dir / "regions", 1):
        if (m := lz.lees(pad, Regio, f"regio:{pad.stem}")) is not None:
            regios[pad.stem] = RegioRecord.make(m, id=pad.stem, pad=lz.rel(pad))
    if not regios and not any(k.startswith("regio:") for k in lz.mislukt):
        lz.fout(data_dir / "regions", "er is geen enkele regio", "maak data/regions/<regio>.yaml aan")

    producten = {}
    for pad in lz.yaml_files_in(data_dir / "products", 2):
        if (m := lz.lees(pad, Product, f"product:{pad.parent.name}/{pad.stem}")) is not None:
            rec = ProductRecord.make(m, id=pad.stem, regio=pad.parent.name, pad=lz.rel(pad))
            producten[rec.ref] = rec

    def vast(naam: str, model, verplicht: str | None = None):
        pad = data_dir / naam
        if pad in lz.files:
            return lz.lees(pad, model, f"bestand:{naam}")
        if verplicht:
            lz.fout(pad, verplicht, f"maak data/{naam} aan")
        return None

    typen_bestand = vast("producttypen.yaml", ProductTypen, "het bestand met producttypen ontbreekt")
    producttypen = {t.id: t for t in typen_bestand.producttypen} if typen_bestand else {}
    ijw = vast("ijw-categorieen.yaml", IjwCategorieen)
    syn = vast("synoniemen.yaml", Synoniemen)

    codetabellen = {}
    for pad in lz.yaml_files_in(data_dir / "codetabellen", 1):
        if (m := lz.lees(pad, Codetabel)) is not None:
            codetabellen[pad.stem] = m
    matrices: dict[str, list[MatrixRecord]] = {}
    for pad in lz.yaml_files_in(data_dir / "matrices", 2):
        if (m := lz.lees(pad, Matrix)) is not None:
            matrices.setdefault(pad.parent.name, []).append(MatrixRecord.make(m, id=pad.stem, regio=pad.parent.name, pad=lz.rel(pad)))
    secties: dict[str, list[SectieRecord]] = {}
    for pad in lz.yaml_files_in(data_dir / "secties", 2):
        if (m := lz.lees(pad, Sectie)) is not None:
            secties.setdefault(pad.parent.name, []).append(SectieRecord.make(m, id=pad.stem, regio=pad.parent.name, pad=lz.rel(pad)))
    bomen = {}
    for pad in lz.yaml_files_in(data_dir / "beslisbomen", 1):
        if (m := lz.lees(pad, Beslisboom)) is not None:
            bomen[pad.stem] = BoomRecord.make(m, id=pad.stem, pad=lz.rel(pad))

    cat = Catalogue(
        regios=dict(sorted(regios.items(), key=lambda kv: kv[1].naam)),
        producten=producten,
        producttypen=producttypen,
        ijw_categorieen={c.code: c.naam for c in ijw.categorieen} if ijw else {},
        codetabellen=codetabellen,
        matrices={k: sorted(v, key=lambda m: (m.volgorde, m.titel)) for k, v in matrices.items()},
        secties={k: sorted(v, key=lambda s: (s.volgorde, s.titel)) for k, v in secties.items()},
        beslisbomen=dict(sorted(bomen.items())),
        synoniemen=list(syn.synoniemen) if syn else [],
        bronnen=bronnen,
        bestanden=lz.bestanden,
        gemeente_schrijfwijzen=list(syn.gemeenten) if syn else [],
    )
    try:
        lz.errors.extend(checks.run_checks(cat, data_dir.name, lz.mislukt))
        lz.errors.extend(provenance.run_checks(cat, data_dir.name))
    except Exception as exc:  # last resort: data must never produce a traceback
        lz.errors.append(DataError(data_dir.name, None, None, f"de controle over de bestanden heen liep vast (interne fout: "
                                   f"{type(exc).__name__})", "meld dit bij de beheerders van het productenboek"))
    if lz.errors:
        raise DataErrors(lz.errors)
    return cat
