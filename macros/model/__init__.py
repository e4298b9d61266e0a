"""The one data model of the productenboek (pydantic v2, strict, no unknown keys).

Every YAML file under ``data/`` is validated against one of the root models at
the bottom of this module. Field names are the domain's Dutch terms, so that a
policy editor recognises them in the YAML. ``None`` on a required field means
"the source leaves this blank": the key must still be written (``tarief: null``),
so a blank is always a deliberate, visible statement, never an omission.
The constrained field types and the base class ``Strict`` are in ``base.py``, the building blocks shared by
the root models (``Bron``, ``Hoeveelheid``, ``Tarief``, …) in ``parts.py``; they are named here too, so the
rest of the code reads the model from ``macros.model``. Code tables and matrices are in ``tables.py``, the
decision trees in ``trees.py``.

Cross-file rules (references, duplicate codes, municipalities) live in
``macros.catalogue.checks``; this module only knows single files.
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, StringConstraints, field_validator, model_validator
from pydantic_core import PydanticCustomError

from macros.model.base import (
    CODE_PATTERN,
    MAX_TEXT,
    REF_PATTERN,
    SLUG_PATTERN,
    Amount,
    Code,
    DocumentStatus,
    Gemeenten,
    Gemeentenaam,
    ProductRef,
    Slug,
    Status,
    Strict,
    Text,
    slug_ok,
)
from macros.model.parts import (
    Bron,
    Eenheid,
    Functiemix,
    FunctieNiveau,
    Hoeveelheid,
    Normenkader,
    Opmerking,
    Samenloop,
    Tarief,
)
from macros.model.sourced import NietVermeld, sourced, value_of
from macros.text import slug

__all__ = [
    "CODE_PATTERN", "MAX_TEXT", "REF_PATTERN", "SLUG_PATTERN", "Amount", "Bijlage", "Bron", "Code", "Definitie",
    "DocumentStatus", "Eenheid", "FunctieNiveau", "Functiemix", "Gemeenten", "Gemeentenaam", "Hoeveelheid",
    "IjwCategories", "IjwCategory", "Kader", "Normenkader", "Opmerking", "Product", "ProductRef", "ProductType",
    "ProductTypes", "Regio", "Samenloop", "Sectie", "Slug", "Status", "Strict", "Tarief", "Text", "note_text",
    "notes_about", "slug_ok",
]


def _absent_is_not_stated(value: object) -> object:
    """An optional field written as null (as older files do) says the source gives none: 'niet vermeld'."""
    return {"staat": "niet-vermeld"} if value is None else value



# --- root models: one per kind of YAML file --------------------------------


class Product(Strict):
    """data/products/<regio>/<id>.yaml: one product. The file name is its id."""

    code: Code | None = Field(description="Productcode in het iJw-berichtenverkeer; null als er (nog) geen code is")
    naam: Text
    productgroep: sourced(Text, "Tekst") = Field(
        description="De productgroep zoals de bron hem noemt; noemt de bron geen groep bij dit product, dan "
        "{staat: afgeleid, waarde: …, reden: …}"
    )
    producttype: Slug = Field(description="Id uit data/producttypen.yaml")
    status: sourced(Status, "Status")
    gemeenten: sourced(Gemeenten, "Gemeenten") = Field(
        description="'alle' (alle gemeenten van de regio) of een lijst uit het regiobestand"
    )
    omschrijving: sourced(Text, "Tekst")
    doel: Annotated[sourced(Text, "Tekst"), BeforeValidator(_absent_is_not_stated)] = Field(
        default=NietVermeld(staat="niet-vermeld"), description="Het doel zoals de bron het onder 'Doel' noemt; heeft de bron dat veld niet, "
        "dan {staat: afgeleid, waarde: …, reden: …}")
    doelgroep: sourced(Text, "Tekst")
    resultaten: list[Text] = Field(default_factory=list, description="Wat moet bereikt zijn?")
    eenheid: sourced(Eenheid, "Eenheid")
    tarief: sourced(Tarief, "Tarief")
    normenkader: sourced(Normenkader, "Normenkader")
    functiemix: sourced(Functiemix, "Functiemix")
    voorspelbaarheid: Text | None = None
    inzet: Text | None = Field(default=None, description="Duur/intensiteit zoals de bron die beschrijft")
    groepsgrootte: Text | None = None
    eisen: list[Text] = Field(default_factory=list, description="Specifieke (aanvullende) eisen")
    uitsluitingen: list[Text] = Field(default_factory=list, description="Valt in ieder geval niet onder")
    uitsluitingen_voetnoot: Text | None = None
    samenloop: list[Samenloop] = Field(default_factory=list)
    bron: Bron
    aanvullende_bronnen: list[Bron] = Field(default_factory=list)
    opmerkingen: list[Text | Opmerking] = Field(
        default_factory=list,
        description="Onduidelijkheden in de bron, zichtbaar op de productpagina; met 'velden' ook overal waar "
        "die velden staan",
    )

    @model_validator(mode="after")
    def _group_has_a_name(self) -> Product:
        if value_of(self.productgroep) is None:
            raise ValueError(
                "een product hoort in een productgroep: schrijf de groep zoals de bron hem noemt, of als de bron "
                "geen groep noemt {staat: afgeleid, waarde: …, reden: …} met de reden van de redactie"
            )
        return self

    @model_validator(mode="after")
    def _status_and_code(self) -> Product:
        if value_of(self.status) == "vastgesteld" and self.code is None and not self.opmerkingen:
            raise ValueError(
                "een vastgesteld product zonder code: vul 'code' in, of leg in 'opmerkingen' uit waarom er geen code is"
            )
        return self

    @model_validator(mode="after")
    def _notes_name_fields(self) -> Product:
        fields = set(type(self).model_fields)
        for i, o in enumerate(self.opmerkingen):
            for v in o.velden if isinstance(o, Opmerking) else []:
                if v.split(".", 1)[0] not in fields:
                    raise ValueError(f"opmerking {i + 1} noemt veld '{v}', dat niet bestaat; kies velden van dit product, "
                                     "bv. gemeenten, eenheid, tarief of normenkader")
        return self


class Bijlage(Strict):
    """A source document of a region."""

    document: Text
    titel: Text
    soort: Text = Field(description="productomschrijvingen, presentatie, bijlage contract, webpagina, …")
    editie: Text | None
    status: sourced(DocumentStatus, "Documentstatus")
    datum: Text | None = None
    geldigheid: Text | None = Field(default=None, description="Looptijd zoals de bron die noemt, bv. '1 januari 2020 t/m 31 december 2020'")
    toeschrijving: Text | None = Field(
        default=None,
        description="Als de bron de regio niet noemt: waarom het document aan deze regio is toegeschreven",
    )


class Definitie(Strict):
    term: Text
    tekst: Text
    bron: Bron


class Kader(Strict):
    """A frame for volume and duration that applies to several product groups (Haaglanden)."""

    naam: Text
    soort: Literal["normenkader", "richtinggevend-kader"]
    productgroepen: list[Text] = Field(min_length=1)
    uitgangspunten: list[Text] = Field(default_factory=list)
    bron: Bron
    aanvullende_bronnen: list[Bron] = Field(default_factory=list)


class Regio(Strict):
    """data/regions/<regio>.yaml. The file name is the region id used in URLs."""

    naam: Text
    organisatie: Text | None = None
    gemeenten: list[Gemeentenaam] = Field(description="De gemeenten die de bronnen noemen")
    gemeenten_toelichting: Text | None = None
    codes_volgen_jz020: sourced(bool, "JaNee") = Field(
        description="true als een bron zegt dat de eerste twee cijfers van de productcodes de landelijke "
        "iJw-categorie (JZ020) zijn; false als een bron een eigen, regionale codering noemt; anders "
        "{staat: niet-vermeld} (dan toont de site geen categorie)"
    )
    inleiding: Text | None = None
    bronnen: list[Bijlage] = Field(min_length=1)
    definities: list[Definitie] = Field(default_factory=list)
    kaders: list[Kader] = Field(default_factory=list)

    @field_validator("gemeenten")
    @classmethod
    def _unique_municipalities(cls, names: list[str]) -> list[str]:
        # Two spellings of one name (Súdwest-Fryslân, Sudwest-Fryslan) would share one web address.
        seen = Counter(slug(g) for g in names)
        dupes = sorted({g for g in names if seen[slug(g)] > 1})
        if dupes:
            raise PydanticCustomError("gemeente_dubbel", "gemeente dubbel: {namen}", {"namen": ", ".join(dupes)})
        return names


class Sectie(Strict):
    """data/secties/<regio>/<id>.yaml: a passage of a source that is not a product."""

    titel: Text
    volgorde: int = Field(ge=0, description="Plaats op de regiopagina, laag eerst")
    tekst: Text = Field(description="Markdown")
    bron: Bron
    aanvullende_bronnen: list[Bron] = Field(default_factory=list, description="Als de passage meer secties beslaat")


class ProductType(Strict):
    id: Slug
    naam: Text
    omschrijving: Text | None = None


class ProductTypes(Strict):
    """data/producttypen.yaml: the taxonomy shared by all regions."""

    producttypen: list[ProductType] = Field(min_length=1)


class IjwCategory(Strict):
    code: Annotated[str, StringConstraints(pattern=r"^[0-9]{2}$")]
    naam: Text


class IjwCategories(Strict):
    """data/ijw-categorieen.yaml: the national category list (JZ020)."""

    bron: Text
    categorieen: list[IjwCategory] = Field(min_length=1)


def note_text(o: str | Opmerking) -> str:
    return o.tekst if isinstance(o, Opmerking) else o


def notes_about(p: Product, *fields: str) -> list[str]:
    """The notes (opmerkingen) that concern any of the given fields: shown wherever those fields are.
    'normenkader' also matches a note about 'normenkader.max_duur', and the other way round."""
    def concerns(v: str) -> bool:
        return any(v == w or v.startswith(w + ".") or w.startswith(v + ".") for w in fields)

    return [o.tekst for o in p.opmerkingen if isinstance(o, Opmerking) and any(concerns(v) for v in o.velden)]
