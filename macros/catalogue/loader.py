"""The catalogue: the only code that reads ``data/``.

``laad_catalogus(data_dir)`` reads every YAML file once, validates each against
the model, runs the cross-file checks and returns one immutable ``Catalogus``,
or raises ``DataFouten`` listing every error found (not just the first).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ValidationError

from macros.catalogue import checks
from macros.catalogue.errors import DataError, DataErrors
from macros.catalogue.messages import translate_errors
from macros.model import IjwCategorieen, Product, ProductType, ProductTypen, Regio, Sectie, slug_ok
from macros.model.tables import Codetabel, GemeenteSchrijfwijze, Matrix, Synoniem, Synoniemen
from macros.model.trees import Beslisboom
from macros.catalogue.records import BoomRecord, MatrixRecord, ProductRecord, RegioRecord, SectieRecord
from macros.catalogue.yamlfile import YamlFile, YamlError, read_yaml_file

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
    bestanden: dict[str, YamlFile] = field(repr=False, compare=False)
    gemeente_schrijfwijzen: list[GemeenteSchrijfwijze] = field(default_factory=list)  # synoniemen.yaml 'gemeenten'

    def product(self, ref: str) -> ProductRecord:
        return self.producten[ref]

    def products_of(self, regio: str) -> list[ProductRecord]:
        return self._per_regio.get(regio, [])

    @cached_property
    def _per_regio(self) -> dict[str, list[ProductRecord]]:
        out: dict[str, list[ProductRecord]] = {}
        for p in sorted(self.producten.values(), key=lambda p: (p.productgroep, p.code or "~", p.naam)):
            out.setdefault(p.regio, []).append(p)
        return out

    def municipalities_of(self, product: ProductRecord) -> list[str]:
        """The municipalities where a product applies ('alle' expanded to the region's list)."""
        if product.gemeenten == "alle":
            return list(self.regios[product.regio].gemeenten)
        return list(product.gemeenten)

    def products_in_municipality(self, regio: str, gemeente: str) -> list[ProductRecord]:
        return [p for p in self.products_of(regio) if gemeente in self.municipalities_of(p)]

    def synonyms_of(self, product: ProductRecord) -> list[Synoniem]:
        return [s for s in self.synoniemen if product.ref in s.producten]

    def trees_to(self, product: ProductRecord) -> list[BoomRecord]:
        return [b for b in self.beslisbomen.values() if product.ref in b.product_refs]

    def ijw_category(self, product: ProductRecord) -> str | None:
        if self.regios[product.regio].codes_volgen_jz020 and product.code and product.code[:2].isdigit():
            return self.ijw_categorieen.get(product.code[:2])
        return None


class _Reader:
    """Collects errors while reading; each file is read and validated exactly once."""

    def __init__(self, data_dir: Path):
        self.root = data_dir
        self.errors: list[DataError] = []
        self.bestanden: dict[str, YamlFile] = {}
        self.veldnamen = _veldnamen()

    def rel(self, pad: Path) -> str:
        return pad.relative_to(self.root.parent).as_posix()

    def fout(self, pad: Path, probleem: str, oplossing: str, regel: int | None = None, veld: str | None = None) -> None:
        self.errors.append(DataError(self.rel(pad), regel, veld, probleem, oplossing))

    def lees(self, pad: Path, model: type[BaseModel]):
        naam = self.rel(pad)
        try:
            yf = read_yaml_file(pad)
        except YamlError as exc:
            self.errors.append(DataError(naam, exc.regel, None, exc.probleem, exc.oplossing))
            return None
        self.bestanden[naam] = yf
        if not isinstance(yf.data, dict):
            self.fout(pad, "het bestand bevat geen blok met velden", "begin het bestand met 'veld: waarde'-regels", 1)
            return None
        try:
            return model.model_validate(yf.data)
        except ValidationError as exc:
            self.errors.extend(translate_errors(exc, naam, yf, self.veldnamen))
            return None

    def yaml_files_in(self, map_: Path, diepte: int) -> list[Path]:
        """YAML files exactly `diepte` levels below `map_`; anything else there is an error, never skipped."""
        if not map_.is_dir():
            return []
        gevonden = []
        for pad in sorted(map_.rglob("*")):
            if pad.is_dir() or pad.name.startswith("."):
                continue
            niveau = len(pad.relative_to(map_).parts)
            if pad.suffix == ".yml":
                self.fout(pad, "bestand eindigt op .yml", "hernoem het naar .yaml")
            elif pad.suffix != ".yaml":
                self.fout(pad, "onbekend bestand in de datamap", "verwijder het, of maak er een .yaml-bestand van")
            elif niveau != diepte:
                verwacht = "direct in de map" if diepte == 1 else "in een submap per regio"
                self.fout(pad, f"bestand staat op de verkeerde plek (hoort {verwacht} {self.rel(map_)})", "verplaats het bestand")
            elif not slug_ok(pad.stem) or (diepte == 2 and not slug_ok(pad.parent.name)):
                self.fout(pad, "de bestands- of mapnaam is geen geldige id", "gebruik kleine letters, cijfers en koppeltekens, bv. 45f21.yaml")
            else:
                gevonden.append(pad)
        return gevonden


VASTE_BESTANDEN = {"producttypen.yaml", "ijw-categorieen.yaml", "synoniemen.yaml"}
MAPPEN = {"regions": 1, "products": 2, "codetabellen": 1, "matrices": 2, "secties": 2, "beslisbomen": 1}


def load_catalogue(data_dir: Path) -> Catalogue:
    data_dir = Path(data_dir).resolve()
    lz = _Reader(data_dir)
    for pad in sorted(data_dir.iterdir()) if data_dir.is_dir() else []:
        if pad.name.startswith(".") or pad.name in VASTE_BESTANDEN or (pad.is_dir() and pad.name in MAPPEN):
            continue
        lz.fout(pad, "onbekend bestand of onbekende map in data/", f"gebruik een van: {', '.join(sorted(MAPPEN | VASTE_BESTANDEN))}")

    regios = {}
    for pad in lz.yaml_files_in(data_dir / "regions", 1):
        if (m := lz.lees(pad, Regio)) is not None:
            regios[pad.stem] = RegioRecord.make(m, id=pad.stem, pad=lz.rel(pad))
    if not regios:
        lz.fout(data_dir / "regions", "er is geen enkele regio", "maak data/regions/<regio>.yaml aan")

    producten = {}
    for pad in lz.yaml_files_in(data_dir / "products", 2):
        if (m := lz.lees(pad, Product)) is not None:
            rec = ProductRecord.make(m, id=pad.stem, regio=pad.parent.name, pad=lz.rel(pad))
            producten[rec.ref] = rec

    typen_bestand = lz.lees(data_dir / "producttypen.yaml", ProductTypen) if (data_dir / "producttypen.yaml").exists() else None
    if not (data_dir / "producttypen.yaml").exists():
        lz.fout(data_dir / "producttypen.yaml", "het bestand met producttypen ontbreekt", "maak data/producttypen.yaml aan")
    producttypen = {t.id: t for t in typen_bestand.producttypen} if typen_bestand else {}

    ijw_pad = data_dir / "ijw-categorieen.yaml"
    ijw = lz.lees(ijw_pad, IjwCategorieen) if ijw_pad.exists() else None
    syn_pad = data_dir / "synoniemen.yaml"
    syn = lz.lees(syn_pad, Synoniemen) if syn_pad.exists() else None

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
        bestanden=lz.bestanden,
        gemeente_schrijfwijzen=list(syn.gemeenten) if syn else [],
    )
    lz.errors.extend(checks.run_checks(cat, data_dir.name))
    if lz.errors:
        raise DataErrors(lz.errors)
    return cat
