"""The one data model of the productenboek (pydantic v2, strict, no unknown keys).

Every YAML file under ``data/`` is validated against one of the root models at
the bottom of this module. Field names are the domain's Dutch terms, so that a
policy editor recognises them in the YAML. ``None`` on a required field means
"the source leaves this blank": the key must still be written (``tarief: null``),
so a blank is always a deliberate, visible statement, never an omission.

Cross-file rules (references, duplicate codes, municipalities) live in
``macros.catalogue.checks``; this module only knows single files.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from macros.model.sourced import NietVermeld, sourced, value_of
from macros.text import slug

# iJw product codes: at most 5 characters, upper-case letters and digits, as the iJw standard writes them
# (e.g. 45F21, 831MC).
CODE_PATTERN = r"^[A-Z0-9]{1,5}$"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# A product reference: "<regio>/<product-id>", e.g. "flevoland/45f21".
REF_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$"

MAX_TEXT = 20_000  # characters in one text field; the longest real one is about 2,000


def _upper_case_code(value: object) -> object:
    """A code in lower case is refused with the upper-case form to write (never silently normalised)."""
    if isinstance(value, str) and re.fullmatch(r"[A-Za-z0-9]{1,5}", value) and value != value.upper():
        raise PydanticCustomError("code_kleine_letters", "code {code} in kleine letters", {"code": value, "hoofdletters": value.upper()})
    return value


def _has_slug(value: str) -> str:
    """A municipality name must give a web address (gemeenten/<slug>/): at least one Latin letter or digit."""
    if not slug(value):
        raise PydanticCustomError("gemeente_zonder_slug", "geen webadres voor {naam}", {"naam": value})
    if slug(value) == "index":  # gemeenten/index/ is the list of all municipalities
        raise PydanticCustomError("gemeente_slug_index", "webadres van {naam} is al in gebruik", {"naam": value})
    return value


def _absent_is_not_stated(value: object) -> object:
    """An optional field written as null (as older files do) says the source gives none: 'niet vermeld'."""
    return {"staat": "niet-vermeld"} if value is None else value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT)]
Code = Annotated[str, StringConstraints(pattern=CODE_PATTERN), BeforeValidator(_upper_case_code)]
Amount = Annotated[float, Field(gt=0, allow_inf_nan=False)]  # a duration, volume or amount: finite and > 0
Gemeentenaam = Annotated[Text, AfterValidator(_has_slug)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
ProductRef = Annotated[str, StringConstraints(pattern=REF_PATTERN)]
Status = Literal["vastgesteld", "concept", "vervallen"]
DocumentStatus = Literal["vastgesteld", "concept", "informatief"]
Gemeenten = Literal["alle"] | list[Text]


# Class names of the models stay Dutch, named after the data they hold (issue 25 §4): pydantic makes them the
# titles and $defs of the published JSON Schemas (schema/*.schema.json, open-data/productenboek.schema.json), which
# editors, the CMS form (beheer/model.json) and users' validators read. Renamed only where none shows in the output
# (ProductTypes, IjwCategory, IjwCategories; the catalogue's RegionRecord, SectionRecord, TreeRecord).
class Strict(BaseModel):
    """Base for every model: strict types, unknown keys are errors."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


# --- shared building blocks -------------------------------------------------


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
        velden = set(type(self).model_fields)
        for i, o in enumerate(self.opmerkingen):
            for v in o.velden if isinstance(o, Opmerking) else []:
                if v.split(".", 1)[0] not in velden:
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
    def _unique_municipalities(cls, gemeenten: list[str]) -> list[str]:
        # Two spellings of one name (Súdwest-Fryslân, Sudwest-Fryslan) would share one web address.
        seen = Counter(slug(g) for g in gemeenten)
        dupes = sorted({g for g in gemeenten if seen[slug(g)] > 1})
        if dupes:
            raise PydanticCustomError("gemeente_dubbel", "gemeente dubbel: {namen}", {"namen": ", ".join(dupes)})
        return gemeenten


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


def slug_ok(value: str) -> bool:
    return re.fullmatch(SLUG_PATTERN, value) is not None


def note_text(o: str | Opmerking) -> str:
    return o.tekst if isinstance(o, Opmerking) else o


def notes_about(p: Product, *velden: str) -> list[str]:
    """The notes (opmerkingen) that concern any of the given fields: shown wherever those fields are.
    'normenkader' also matches a note about 'normenkader.max_duur', and the other way round."""
    def raakt(v: str) -> bool:
        return any(v == w or v.startswith(w + ".") or w.startswith(v + ".") for w in velden)

    return [o.tekst for o in p.opmerkingen if isinstance(o, Opmerking) and any(raakt(v) for v in o.velden)]
