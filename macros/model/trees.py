"""Model of a decision tree (beslisboom): questions, answers, outcomes.

Part of the one data model (see ``macros.model``). Node ids share one namespace:
an answer's ``naar`` names either a question or an outcome. Graph rules that need
the whole tree (reachability, cycles) and the catalogue (product references)
live in ``macros.catalogue.checks``.
"""

from __future__ import annotations

from collections import Counter

from pydantic import Field, model_validator

from macros.model.base import ProductRef, Slug, Strict, Text
from macros.model.parts import Bron

# The class names below are the $defs of schema/beslisboom.schema.json: Dutch on purpose (see macros.model.Strict).

class Herkomst(Strict):
    """Where a question or outcome comes from: a quote from the tree's sources, or an editorial aid with its reason."""

    citaat: Text | None = Field(default=None, description="De woorden van de bron waarop de vraag of uitkomst steunt, letterlijk")
    redactie: Text | None = Field(
        default=None, description="Als de bron dit niet zegt: waarom de redactie deze vraag of uitkomst toevoegt "
        "(op de pagina: 'hulpmiddel van de redactie: …')"
    )

    @model_validator(mode="after")
    def _one(self) -> Herkomst:
        if (self.citaat is None) == (self.redactie is None):
            raise ValueError("vul precies één van 'citaat' (de woorden van de bron) en 'redactie' (waarom de redactie dit toevoegt) in")
        return self


class Antwoord(Strict):
    label: Text
    naar: Slug = Field(description="Id van de volgende vraag of van een uitkomst")


class Vraag(Strict):
    id: Slug
    vraag: Text
    toelichting: Text | None = None
    herkomst: Herkomst
    antwoorden: list[Antwoord] = Field(min_length=2)


class Uitkomst(Strict):
    id: Slug
    titel: Text
    advies: Text = Field(description="Wat de professional nu doet (Markdown)")
    producten: list[ProductRef] = Field(default_factory=list, description="Leeg bij advies zonder product")
    herkomst: Herkomst


class Beslisboom(Strict):
    """data/beslisbomen/<id>.yaml. The file name is the tree id used in URLs."""

    titel: Text
    regio: Slug | None = Field(description="Regio-id, of null voor een boom die voor meer regio's geldt")
    inleiding: Text
    start: Slug
    vragen: list[Vraag] = Field(min_length=1)
    uitkomsten: list[Uitkomst] = Field(min_length=1)
    bron: Bron
    aanvullende_bronnen: list[Bron] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ids_unique(self) -> Beslisboom:
        ids = [v.id for v in self.vragen] + [u.id for u in self.uitkomsten]
        seen = Counter(ids)
        dupes = sorted({i for i in ids if seen[i] > 1})
        if dupes:
            raise ValueError(f"id komt meer dan eens voor: {', '.join(dupes)}; geef elke vraag en uitkomst een eigen id")
        return self
