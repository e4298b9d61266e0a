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
from macros.catalogue.municipalities import Municipality, collect_municipalities
from macros.catalogue.reader import Reader
from macros.catalogue.records import MatrixRecord, ProductRecord, RegionRecord, SectionRecord, TreeRecord
from macros.catalogue.sources import SourceDocument, parse_document
from macros.catalogue.yamlerrors import YamlError
from macros.catalogue.yamlfile import YamlFile, check_characters, decode, read_bytes
from macros.model import IjwCategories, Product, ProductType, ProductTypes, Regio, Sectie
from macros.model.sourced import value_of
from macros.model.tables import Codetabel, GemeenteSchrijfwijze, Matrix, Synoniem, Synoniemen
from macros.model.trees import Beslisboom

ALL_MODELS: tuple[type[BaseModel], ...] = (
    Product, Regio, Sectie, ProductTypes, IjwCategories, Codetabel, Matrix, Synoniemen, Beslisboom,
)


def _field_names() -> set[str]:
    names: set[str] = set()
    stack = list(ALL_MODELS)
    while stack:
        model = stack.pop()
        for name, info in model.model_fields.items():
            names.add(name)
            for sub in getattr(info.annotation, "__args__", ()) + (info.annotation,):
                if isinstance(sub, type) and issubclass(sub, BaseModel) and sub not in stack:
                    stack.append(sub)
    return names


@dataclass(frozen=True)
class Catalogue:
    regios: dict[str, RegionRecord]
    producten: dict[str, ProductRecord]
    producttypen: dict[str, ProductType]
    ijw_categorieen: dict[str, str]
    codetabellen: dict[str, Codetabel]
    matrices: dict[str, list[MatrixRecord]]
    secties: dict[str, list[SectionRecord]]
    beslisbomen: dict[str, TreeRecord]
    synoniemen: list[Synoniem]
    bronnen: dict[str, SourceDocument] = field(default_factory=dict, repr=False)  # data/bronnen/<name>.txt
    bestanden: dict[str, YamlFile] = field(default_factory=dict, repr=False, compare=False)
    gemeente_schrijfwijzen: list[GemeenteSchrijfwijze] = field(default_factory=list)  # synoniemen.yaml 'gemeenten'

    def product(self, ref: str) -> ProductRecord:
        return self.producten[ref]

    def products_of(self, region: str) -> list[ProductRecord]:
        return self._by_region.get(region, [])

    @cached_property
    def _by_region(self) -> dict[str, list[ProductRecord]]:
        out: dict[str, list[ProductRecord]] = {}
        for p in sorted(self.producten.values(), key=lambda p: (p.groep, p.code or "~", p.naam)):
            out.setdefault(p.regio, []).append(p)
        return out

    def municipalities_of(self, product: ProductRecord) -> list[str]:
        """The municipalities where a product applies ('alle' expanded to the region's list); empty when the
        source does not say (see ``scope_stated``)."""
        listed = value_of(product.gemeenten)
        if listed == "alle":
            return list(self.regios[product.regio].gemeenten)
        return list(listed or [])

    @staticmethod
    def scope_stated(product: ProductRecord) -> bool:
        """False when the source does not say where the product applies (blank or not mentioned)."""
        return value_of(product.gemeenten) is not None

    def products_in_municipality(self, region: str, municipality: str) -> list[ProductRecord]:
        """The region's products that apply in the municipality (those for 'alle' included), in products_of order."""
        everywhere, listed = self._by_municipality
        return [p for p in self.products_of(region) if p.ref in everywhere or (region, municipality, p.ref) in listed]

    @cached_property
    def _by_municipality(self) -> tuple[set[str], set[tuple[str, str, str]]]:
        """Products for every municipality of their region, and (region, municipality, product) named in a list."""
        everywhere = {p.ref for p in self.producten.values() if value_of(p.gemeenten) == "alle"}
        listed = {(p.regio, g, p.ref) for p in self.producten.values()
                   if isinstance(value_of(p.gemeenten), list) for g in value_of(p.gemeenten)}
        return everywhere, listed

    @cached_property
    def municipalities(self) -> list[Municipality]:
        """Every municipality the regions list, once, sorted by slug; one listed by two regions has both."""
        return collect_municipalities(self.regios)

    @cached_property
    def _municipality_by_slug(self) -> dict[str, Municipality]:
        return {g.slug: g for g in self.municipalities}

    def municipality(self, slug: str) -> Municipality:
        """The municipality with this slug (KeyError if there is none)."""
        return self._municipality_by_slug[slug]

    def products_in(self, municipality: Municipality) -> list[tuple[RegionRecord, list[ProductRecord]]]:
        """Per region that lists the municipality (in catalogue order), the products that apply there."""
        return [(self.regios[r], self.products_in_municipality(r, municipality.naam)) for r in municipality.regios]

    def synonyms_of(self, product: ProductRecord) -> list[Synoniem]:
        return [s for s in self.synoniemen if product.ref in s.producten]

    def trees_to(self, product: ProductRecord) -> list[TreeRecord]:
        return [b for b in self.beslisbomen.values() if product.ref in b.product_refs]

    def ijw_category(self, product: ProductRecord) -> str | None:
        """The national category name when a source says the region's codes follow JZ020 (or the editors
        infer it, with a reason); see ``macros.text.ijw_text`` for how the page says which."""
        if value_of(self.regios[product.regio].codes_volgen_jz020) and product.code and product.code[:2].isdigit():
            return self.ijw_categorieen.get(product.code[:2])
        return None


# Under `mkdocs serve --dirty` (macros/site/incremental.py sets a dict here): each source document's text and
# sections kept between rebuilds, keyed by its path and checked against its bytes. None outside serve.
DOCUMENTS: dict[str, tuple[bytes, str, SourceDocument]] | None = None


def read_sources(reader: Reader, folder: Path) -> dict[str, SourceDocument]:
    """Every source document in data/bronnen/: plain UTF-8 text, one .txt file each (from the reader's scan,
    so hidden files and links are already reported there), read by the YAML files' rules: at most
    ``MAX_BYTES``, never through a link, no control or invisible characters (each refusal with line and
    column), a name that gives its own page and file under /bronnen/ and collides with nothing there."""
    docs: dict[str, SourceDocument] = {}
    if folder not in reader.dirs:
        reader.error(folder, "de map met brondocumenten ontbreekt",
                "maak data/bronnen/ aan en zet daarin de brondocumenten als .txt-bestanden")
        return docs
    seen: dict[str, str] = {}  # name case-folded -> name (a case-insensitive disk would merge the two)
    for path in sorted(p for p in reader.files if str(p).startswith(str(folder) + os.sep)):
        if path.parent != folder or path.suffix != ".txt":
            reader.error(path, "onbekend bestand in data/bronnen/ (daar staan alleen brondocumenten als platte tekst)",
                    "verwijder het, of sla het document op als .txt direct in data/bronnen/")
            continue
        if not SOURCE_NAME.fullmatch(path.name):
            reader.error(path, "de bestandsnaam van het brondocument bevat andere tekens dan letters, cijfers, '_' en '-' "
                    "(met '.txt' erachter)",
                    "hernoem het bestand, bv. 005_regio-document.txt (de naam wordt het webadres /bronnen/<naam>/)")
            continue
        if path.stem.casefold() in RESERVED_SOURCE_NAMES:
            reader.error(path, f"de naam '{path.name}' is gereserveerd: /bronnen/{path.stem}/ zou de overzichtspagina "
                    "van de brondocumenten vervangen", "hernoem het bestand, bv. 005_regio-document.txt")
            continue
        if (other := seen.setdefault(path.name.casefold(), path.name)) != path.name:
            reader.error(path, f"de naam verschilt alleen in hoofdletters van brondocument {other}; op Windows en macOS "
                    "zijn dat hetzelfde bestand en hetzelfde webadres", "geef een van beide een andere naam")
            continue
        try:
            data = read_bytes(path)
            if DOCUMENTS is not None and (hit := DOCUMENTS.get(str(path))) is not None and hit[0] == data:
                text, doc = hit[1], hit[2]
            else:
                text, doc = decode(data), None
                check_characters(text, locate_field=False)
        except YamlError as exc:
            reader.errors.append(DataError(reader.rel(path), exc.line, None, exc.problem, exc.fix, exc.column))
            continue
        if not text.strip():
            reader.error(path, "het brondocument is leeg", "zet de tekst van het document in het bestand, of verwijder het")
            continue
        if doc is None:
            doc = parse_document(path.name, text)
            if DOCUMENTS is not None:
                DOCUMENTS[str(path)] = (data, text, doc)
        if len(doc.sections) > MAX_SECTIONS:
            reader.error(path, f"het brondocument heeft {len(doc.sections):,} koppen; de grens is {MAX_SECTIONS:,}"
                    .replace(",", "."), "zet het document als platte tekst neer zoals het origineel is; regels die "
                    "los staan en niet op een leesteken eindigen worden als kop gelezen", doc.sections[MAX_SECTIONS].line)
            continue
        docs[path.name] = doc
    return docs


# No dots in the stem: 'a.txt.txt' would get the page /bronnen/a.txt/, where the file of 'a.txt' is published.
SOURCE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\.txt")
# /bronnen/index.md is the overview page; MkDocs reads a README.md as the index page of its folder too.
RESERVED_SOURCE_NAMES = {"index", "readme"}
MAX_SECTIONS = 2_000  # headings of one source document: the real ones have up to 42
FIXED_FILES = {"producttypen.yaml", "ijw-categorieen.yaml", "synoniemen.yaml"}
FOLDERS = {"regions": 1, "products": 2, "codetabellen": 1, "matrices": 2, "secties": 2, "beslisbomen": 1, "bronnen": 1}


# Under `mkdocs serve --dirty` (macros/site/incremental.py sets a dict here): each product's record kept between
# rebuilds while its validated model is the same object (``reader.VALIDATED``), so what is made from a record once
# (its view, macros.view.product) can be kept for an unchanged product. None outside serve.
RECORDS: dict[str, tuple[Product, ProductRecord]] | None = None


def _product_record(m: Product, id: str, regio: str, pad: str) -> ProductRecord:
    if RECORDS is None:
        return ProductRecord.make(m, id=id, regio=regio, pad=pad)
    hit = RECORDS.get(pad)
    if hit is None or hit[0] is not m:
        hit = RECORDS[pad] = (m, ProductRecord.make(m, id=id, regio=regio, pad=pad))
    return hit[1]


def load_catalogue(data_dir: Path) -> Catalogue:
    """Read and validate every file under data_dir once; raise DataErrors listing every error found."""
    data_dir = Path(data_dir).resolve()
    reader = Reader(data_dir, _field_names())
    for path in sorted(p for p in reader.files | reader.dirs if p.parent == data_dir):
        if (path.name in FIXED_FILES and path in reader.files) or (path.name in FOLDERS and path in reader.dirs):
            continue
        reader.error(path, "onbekend bestand of onbekende map in data/", f"gebruik een van: {', '.join(sorted(set(FOLDERS) | FIXED_FILES))}")

    sources = read_sources(reader, data_dir / "bronnen")
    regions = {}
    for path in reader.yaml_files_in(data_dir / "regions", 1):
        if (m := reader.read(path, Regio, f"regio:{path.stem}")) is not None:
            regions[path.stem] = RegionRecord.make(m, id=path.stem, pad=reader.rel(path))
    if not regions and not any(k.startswith("regio:") for k in reader.failed):
        reader.error(data_dir / "regions", "er is geen enkele regio", "maak data/regions/<regio>.yaml aan")

    products = {}
    for path in reader.yaml_files_in(data_dir / "products", 2):
        if (m := reader.read(path, Product, f"product:{path.parent.name}/{path.stem}")) is not None:
            rec = _product_record(m, path.stem, path.parent.name, reader.rel(path))
            products[rec.ref] = rec

    def fixed_file(name: str, model, required: str | None = None):
        path = data_dir / name
        if path in reader.files:
            return reader.read(path, model, f"bestand:{name}")
        if required:
            reader.error(path, required, f"maak data/{name} aan")
        return None

    types_file = fixed_file("producttypen.yaml", ProductTypes, "het bestand met producttypen ontbreekt")
    producttypen = {t.id: t for t in types_file.producttypen} if types_file else {}
    ijw = fixed_file("ijw-categorieen.yaml", IjwCategories)
    synonyms = fixed_file("synoniemen.yaml", Synoniemen)

    codetabellen = {}
    for path in reader.yaml_files_in(data_dir / "codetabellen", 1):
        if (m := reader.read(path, Codetabel)) is not None:
            codetabellen[path.stem] = m
    matrices: dict[str, list[MatrixRecord]] = {}
    for path in reader.yaml_files_in(data_dir / "matrices", 2):
        if (m := reader.read(path, Matrix)) is not None:
            matrices.setdefault(path.parent.name, []).append(MatrixRecord.make(m, id=path.stem, regio=path.parent.name, pad=reader.rel(path)))
    secties: dict[str, list[SectionRecord]] = {}
    for path in reader.yaml_files_in(data_dir / "secties", 2):
        if (m := reader.read(path, Sectie)) is not None:
            secties.setdefault(path.parent.name, []).append(SectionRecord.make(m, id=path.stem, regio=path.parent.name, pad=reader.rel(path)))
    trees = {}
    for path in reader.yaml_files_in(data_dir / "beslisbomen", 1):
        if (m := reader.read(path, Beslisboom)) is not None:
            trees[path.stem] = TreeRecord.make(m, id=path.stem, pad=reader.rel(path))

    cat = Catalogue(
        regios=dict(sorted(regions.items(), key=lambda kv: kv[1].naam)),
        producten=products,
        producttypen=producttypen,
        ijw_categorieen={c.code: c.naam for c in ijw.categorieen} if ijw else {},
        codetabellen=codetabellen,
        matrices={k: sorted(v, key=lambda m: (m.volgorde, m.titel)) for k, v in matrices.items()},
        secties={k: sorted(v, key=lambda s: (s.volgorde, s.titel)) for k, v in secties.items()},
        beslisbomen=dict(sorted(trees.items())),
        synoniemen=list(synonyms.synoniemen) if synonyms else [],
        bronnen=sources,
        bestanden=reader.yaml_files,
        gemeente_schrijfwijzen=list(synonyms.gemeenten) if synonyms else [],
    )
    try:
        reader.errors.extend(checks.run_checks(cat, data_dir.name, reader.failed))
        reader.errors.extend(provenance.run_checks(cat, data_dir.name))
    except Exception as exc:  # last resort: data must never produce a traceback
        reader.errors.append(DataError(data_dir.name, None, None, f"de controle over de bestanden heen liep vast (interne fout: "
                                   f"{type(exc).__name__})", "meld dit bij de beheerders van het productenboek"))
    if reader.errors:
        raise DataErrors(reader.errors)
    return cat
