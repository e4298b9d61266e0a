"""JSON Schemas for editors, generated from the one model."""

from __future__ import annotations

from pydantic import BaseModel

from macros.model import Product, Regio, Sectie
from macros.model.tables import Codetabel, Matrix, Synoniemen
from macros.model.trees import Beslisboom

SCHEMAS: dict[str, type[BaseModel]] = {
    "product": Product,
    "regio": Regio,
    "sectie": Sectie,
    "codetabel": Codetabel,
    "matrix": Matrix,
    "beslisboom": Beslisboom,
    "synoniemen": Synoniemen,
}


def schemas() -> dict[str, dict]:
    out = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[name] = schema
    return out
