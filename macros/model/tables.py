"""Models for the region-level tables of a source: code tables, complexity matrices, synonyms.

Part of the one data model (see ``macros.model``); split off only to keep each
module readable.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from macros.model.base import Code, ProductRef, Slug, Strict, Text
from macros.model.parts import Bron, Hoeveelheid

# The class names below are the $defs of schema/codetabel, matrix and synoniemen.schema.json: Dutch on purpose
# (see macros.model.Strict).

class CodeRegelEditie(Strict):
    omschrijving: Text
    extra_omschrijving: Text | None = None
    code: Code | None = Field(description="null als de tabel geen code geeft")
    vervalt: bool = Field(default=False, description="true als de tabel 'Vervalt' vermeldt")


class CodeRegel(Strict):
    product: Slug = Field(description="Product-id binnen de regio (bestandsnaam zonder .yaml)")
    edities: dict[Text, CodeRegelEditie] = Field(min_length=1, description="Per editie, zoals gedrukt")


class Codetabel(Strict):
    """data/codetabellen/<regio>.yaml: a product-code table as printed, per edition."""

    titel: Text
    bron: Bron
    edities: list[Text] = Field(min_length=1, description="Oudste eerst")
    regels: list[CodeRegel] = Field(min_length=1)

    @model_validator(mode="after")
    def _editions_known(self) -> Codetabel:
        for i, row in enumerate(self.regels):
            unknown = sorted(set(row.edities) - set(self.edities))
            if unknown:
                raise ValueError(
                    f"regel {i + 1} ({row.product}) noemt editie {', '.join(unknown)}, "
                    f"die niet in 'edities' staat ({', '.join(self.edities)})"
                )
        return self


class MatrixRij(Strict):
    id: Slug
    label: Text


class MatrixKolom(Strict):
    id: Slug
    label: Text
    duur: Hoeveelheid | None = None


class MatrixCel(Strict):
    rij: Slug
    kolom: Slug | None = Field(description="null als de cel de hele rij beslaat (bv. maatwerk)")
    product: Slug = Field(description="Product-id binnen de regio")
    profiel: Text = Field(description="Korte typering zoals in de cel gedrukt")


class Criterium(Strict):
    criterium: Text
    waarden: dict[Slug, Text] = Field(description="Per rij-id de tekst uit de bron")


class Matrix(Strict):
    """data/matrices/<regio>/<id>.yaml: a complexity × duration matrix mapping to codes."""

    titel: Text
    productgroep: Text
    volgorde: int = Field(default=0, ge=0)
    toelichting: Text | None = None
    rijen: list[MatrixRij] = Field(min_length=1, description="Complexiteit, laag eerst")
    kolommen: list[MatrixKolom] = Field(min_length=1, description="Duur, kort eerst")
    cellen: list[MatrixCel] = Field(min_length=1)
    criteria: list[Criterium] = Field(default_factory=list)
    opmerkingen: list[Text] = Field(default_factory=list)
    bron: Bron

    @model_validator(mode="after")
    def _cells_fit(self) -> Matrix:
        rows = {r.id for r in self.rijen}
        cols = {k.id for k in self.kolommen}
        for cell in self.cellen:
            if cell.rij not in rows:
                raise ValueError(f"cel voor {cell.product} noemt rij '{cell.rij}', die niet in 'rijen' staat")
            if cell.kolom is not None and cell.kolom not in cols:
                raise ValueError(f"cel voor {cell.product} noemt kolom '{cell.kolom}', die niet in 'kolommen' staat")
        for crit in self.criteria:
            unknown = sorted(set(crit.waarden) - rows)
            if unknown:
                raise ValueError(f"criterium '{crit.criterium}' noemt onbekende rij(en): {', '.join(unknown)}")
        return self


SynoniemTerm = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=60)]


class Synoniem(Strict):
    term: SynoniemTerm = Field(description="Wat iemand intypt, bv. 'respijtzorg' of 'BOR'")
    betekenis: Text = Field(description="Uitleg van de redactie, bv. 'begeleide omgangsregeling'")
    producten: list[ProductRef] = Field(min_length=1, description="Producten die bij deze term horen")
    bron: Bron | None = Field(
        default=None, description="Waar de term in een bron staat (met 'citaat': de woorden waarin hij staat)"
    )
    redactie: Text | None = Field(default=None, description="Als de term in geen bron staat: waarom de redactie hem toevoegt")

    @model_validator(mode="after")
    def _one_origin(self) -> Synoniem:
        if (self.bron is None) == (self.redactie is None):
            raise ValueError(f"zoekwoord '{self.term}': vul precies één van 'bron' (waar de term in een bron staat) "
                             "en 'redactie' (waarom de redactie hem toevoegt) in")
        return self


class GemeenteSchrijfwijze(Strict):
    gemeente: Text = Field(description="Een gemeente zoals ze in een regiobestand staat, bv. 'Den Haag'")
    ook: list[SynoniemTerm] = Field(
        min_length=1, description="Andere schrijfwijzen die een bron of de gemeente zelf gebruikt, bv. ['s-Gravenhage']"
    )


class Synoniemen(Strict):
    """data/synoniemen.yaml: search synonyms and abbreviations, maintained by editors."""

    synoniemen: list[Synoniem] = Field(min_length=1)
    gemeenten: list[GemeenteSchrijfwijze] = Field(
        default_factory=list,
        description="Andere schrijfwijzen van gemeenten: zoeken op een schrijfwijze vindt de gemeente. Alleen waar de data "
        "of de gemeente die schrijfwijze gebruikt.",
    )
