"""Validated models plus where they came from (id, region, file): what the catalogue hands out.

A record is the file's model with the identity derived from its path added. It
is built with ``model_construct`` from an already validated model, so nothing is
validated twice. The JSON Schema editors use is generated from the file models,
not from these.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Self

from pydantic import BaseModel

from macros.model import Product, Regio, Sectie
from macros.model.sourced import value_of
from macros.model.tables import Matrix
from macros.model.trees import Beslisboom


class _Record:
    @classmethod
    def make(cls, model: BaseModel, **extra: str) -> Self:
        return cls.model_construct(**dict(model), **extra)  # type: ignore[attr-defined]


class ProductRecord(_Record, Product):
    id: str
    regio: str
    pad: str

    @property
    def ref(self) -> str:
        return f"{self.regio}/{self.id}"

    @property
    def url(self) -> str:
        """Site-relative URL of the product page, e.g. 'flevoland/45f21/'."""
        return f"{self.regio}/{self.id}/"

    @property
    def groep(self) -> str:
        """The name of the product's group (stated or inferred), for sorting and grouping; how the source says
        it is ``productgroep``."""
        return value_of(self.productgroep)

    @property
    def titel(self) -> str:
        return f"{self.code} {self.naam}" if self.code else self.naam

    @property
    def samenvatting(self) -> str:
        """One sentence for the meta description and the search index: the first sentence of the goal or description."""
        text = value_of(self.doel) or value_of(self.omschrijving) or value_of(self.doelgroep) or self.groep
        text = " ".join(re.sub(r"[*_`#>\[\]]|\(http[^)]*\)", "", text).split())
        first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
        return first if len(first) <= 160 else first[:159].rsplit(" ", 1)[0] + "…"


class RegionRecord(_Record, Regio):
    id: str
    pad: str

    @property
    def url(self) -> str:
        return f"{self.id}/"


class MatrixRecord(_Record, Matrix):
    id: str
    regio: str
    pad: str


class SectionRecord(_Record, Sectie):
    id: str
    regio: str
    pad: str


class TreeRecord(_Record, Beslisboom):
    id: str
    pad: str

    @property
    def url(self) -> str:
        return f"beslisbomen/{self.id}/"

    @cached_property
    def product_refs(self) -> set[str]:
        return {ref for u in self.uitkomsten for ref in u.producten}
