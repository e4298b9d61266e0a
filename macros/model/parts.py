"""The shared building blocks of the one data model: a source (``Bron``), an amount of time or volume, a unit,
a tariff, a function mix, a limit (``Normenkader``), a combination rule and a note that names fields.
The root models that use them are in ``macros.model``."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from macros.model.base import Amount, ProductRef, Strict, Text
from macros.model.sourced import sourced


class Bron(Strict):
    """Where a value comes from: a document in data/bronnen/ and one of its sections."""

    document: Text = Field(description="Bestandsnaam van het brondocument in data/bronnen/, bv. 002_b4979bd38850de40.txt")
    sectie: Text = Field(
        description="Kop van de sectie zoals het document hem drukt, of het anker ervan op /bronnen/<document>/ "
        "(bv. 'Normenkader' of 'begeleiding-2' als de kop vaker voorkomt)"
    )
    velden: list[Text] | None = Field(
        default=None, description="Alleen bij aanvullende bronnen: welke velden hieruit komen"
    )
    citaat: Text | None = Field(default=None, description="De woorden van de bron, letterlijk (bv. bij een synoniem)")


class Hoeveelheid(Strict):
    """A duration or volume as printed, with the numbers pulled out where the text gives them."""

    tekst: Text = Field(description="Letterlijk zoals de bron het schrijft, bv. 'Duur van een traject is maximaal 9 maanden'")
    waarde: Amount | None = Field(default=None, description="Het maximum (of enige getal), groter dan 0")
    minimum: Amount | None = Field(default=None, description="Ondergrens, bv. 7 in '7 t/m 12 maanden'")
    eenheid: Text | None = Field(default=None, description="maanden, weken, uur, dagdelen, etmalen, …")

    @model_validator(mode="after")
    def _unit_with_number(self) -> Hoeveelheid:
        if (self.waarde is not None or self.minimum is not None) and self.eenheid is None:
            raise ValueError("een getal zonder eenheid: vul ook 'eenheid' in (bv. maanden)")
        if self.minimum is not None and self.waarde is not None and self.minimum > self.waarde:
            raise ValueError("'minimum' is groter dan 'waarde'")
        return self


class Eenheid(Strict):
    soort: Text = Field(description="Declaratie-eenheid zoals de bron die noemt: PxQ, uur, etmaal, dagdeel, …")
    toelichting: Text | None = None


class Tarief(Strict):
    bedrag: Amount | None = Field(description="Bedrag in euro, groter dan 0; null als de bron het bedrag leeg laat (bv. '€ per uur')")
    per: Text | None = Field(default=None, description="uur, etmaal, jaar, …")
    toelichting: Text | None = None


class FunctieNiveau(Strict):
    niveau: Text = Field(description="Opleidingsniveau: MBO, MBO 3, MBO 4, HBO, HBO+, WO, WO+")
    registratie: Text | None = Field(default=None, description="Bv. SKJ")
    aandeel: float | None = Field(default=None, gt=0, le=100, allow_inf_nan=False, description="Percentage van de inzet, als de bron het noemt")
    functies: Text | None = Field(default=None, description="Voorbeeldfuncties op dit niveau")


class Functiemix(Strict):
    niveaus: list[FunctieNiveau] = Field(min_length=1)
    toelichting: Text | None = Field(default=None, description="Functieprofiel zoals de bron het beschrijft")
    regiebehandelaar: Text | None = None

    @model_validator(mode="after")
    def _shares_add_up(self) -> Functiemix:
        shares = [n.aandeel for n in self.niveaus]
        given = [s for s in shares if s is not None]
        if given and len(given) != len(shares):
            raise ValueError("geef bij alle niveaus een 'aandeel', of bij geen enkel niveau")
        if given and abs(sum(given) - 100) > 0.01:
            raise ValueError(f"de aandelen tellen op tot {sum(given):g}% in plaats van 100%")
        return self


class Normenkader(Strict):
    """A limit on duration and volume. A normenkader and a trajectduur are maxima; a richtinggevend
    kader is a guideline with exception grounds, not a maximum (the pages and exports say which)."""

    soort: Literal["normenkader", "richtinggevend-kader", "trajectduur"] = Field(
        description="normenkader / richtinggevend-kader (Haaglanden) of trajectduur (productomschrijving)"
    )
    max_duur: sourced(Hoeveelheid, "Hoeveelheid") = Field(
        description="Duur volgens het kader: een maximum, of bij een richtinggevend kader de richtwaarde")
    max_volume: sourced(Hoeveelheid, "Hoeveelheid") = Field(
        description="Volume (omvang) volgens het kader: een maximum, of bij een richtinggevend kader de richtwaarde")
    basis: Text | None = Field(default=None, description="Bv. '80% van de casussen, pilot gemeente Westland'")
    uitzonderingsgronden: list[Text] = Field(default_factory=list)


class Samenloop(Strict):
    """A combination rule: with which products this one may or may not run."""

    soort: Literal["niet-samen", "eerst-andere", "zelfde-aanbieder", "alleen-samen", "overig"]
    regel: Text = Field(description="De regel zoals de bron hem formuleert")
    producten: list[ProductRef] = Field(default_factory=list, description="Verwijzingen 'regio/product-id'")


class Opmerking(Strict):
    """An ambiguity of the source that concerns particular fields: it is shown wherever they are."""

    tekst: Text
    velden: list[Text] = Field(
        min_length=1, description="De velden waar de onduidelijkheid over gaat, bv. [gemeenten]; de opmerking "
        "staat overal waar die velden getoond worden (productpagina, gemeentepagina, vergelijking, beslisboom, export)"
    )
