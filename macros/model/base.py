"""The base of the one data model: ``Strict`` (strict types, no unknown keys) and the constrained field types
every model uses (a text, an iJw code, an amount, a slug, a product reference, a municipality name)."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

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



def slug_ok(value: str) -> bool:
    return re.fullmatch(SLUG_PATTERN, value) is not None
