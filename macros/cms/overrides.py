"""What the catalogue changes in the form's fields: choices from the data, and one-line inputs.

``product_overrides`` and ``common_overrides`` give ``macros.cms.fields`` a select of the region's
municipalities, source documents, product types or products where the model only says "text", a relation
to the region's products for ``samenloop``, the euro unit of a tariff and the unique-code check of a new
product. ``single_line`` gives a one-line input to every text the data never holds on more than one line.
"""

from __future__ import annotations

from collections.abc import Callable

from macros.catalogue.loader import Catalogue
from macros.cms.fields import Overrides
from macros.cms.groups import group_path
from macros.cms.schema import Shape, shape
from macros.model.schema import schemas


def _select(options: list[tuple[str, str]], multiple: bool = False) -> Callable:
    def apply(f: dict) -> dict:
        keep = {k: v for k, v in f.items() if k in ("name", "label", "hint", "required")}
        return keep | {"widget": "select", "multiple": multiple, "options": [{"label": lab, "value": val} for val, lab in options]}
    return apply


def _in_choice(alt_kind: str, replace: Callable) -> Callable:
    """Apply `replace` to the alternative of a pb-keuze that holds `alt_kind` ('array', 'string')."""
    def apply(f: dict) -> dict:
        if f.get("widget") != "pb-keuze":
            return replace(f)
        choices = [k | {"veld": replace(k["veld"])} if k.get("soort") == alt_kind else k for k in f["keuzes"]]
        return f | {"keuzes": choices}
    return apply


def _relation(region: str, code_path: str, name_path: str) -> Callable:
    def apply(f: dict) -> dict:
        keep = {k: v for k, v in f.items() if k in ("name", "label", "hint", "required")}
        return keep | {"widget": "relation", "collection": f"producten-{region}", "multiple": True,
                       "value_field": f"{region}/{{{{slug}}}}", "search_fields": [code_path, name_path],
                       "display_fields": [code_path, name_path], "options_length": 100}
    return apply


def _product_refs(cat: Catalogue) -> list[tuple[str, str]]:
    return [(ref, f"{ref} · {p.titel}") for ref, p in sorted(cat.producten.items())]


def product_overrides(cat: Catalogue, region: str, product: Shape | None = None) -> Overrides:
    r = cat.regios[region]
    product = product or shape(schemas()["product"], "product")
    code_path, name_path = group_path("code", product), group_path("naam", product)
    types = [(t.id, t.naam) for t in cat.producttypen.values()]
    docs = [(b.document, f"{b.document} · {b.titel}") for b in r.bronnen]
    municipalities = [(g, g) for g in r.gemeenten]
    return {
        "producttype": _select(types),
        "gemeenten": _in_choice("array", _select(municipalities, multiple=True)),
        "bron.document": _select(docs),
        "aanvullende_bronnen.document": _select(docs),
        "samenloop.producten": _relation(region, code_path, name_path),
        # an amount in euros: a euro sign typed with it is its unit (number.js, as the spreadsheet import reads it)
        "tarief.bedrag": _in_choice("number", lambda f: f | {"pb_euro": True}),
        # a new product's code must not be taken (widgets.js); pb_pad: where the code is in an entry's data,
        # pb_zoek: the field every entry has, for Decap's search of the entries there
        "code": lambda f: f | {"pb_uniek": True, "pb_pad": code_path, "pb_zoek": name_path},
    }


def common_overrides(cat: Catalogue) -> Overrides:
    regions = [(rid, r.naam) for rid, r in cat.regios.items()]
    return {
        "producten": _select(_product_refs(cat), multiple=True),
        "uitkomsten.producten": _select(_product_refs(cat), multiple=True),
        "synoniemen.producten": _select(_product_refs(cat), multiple=True),
        "regio": _in_choice("string", _select(regions)),
    }


LONG_TEXT = 100  # a text longer than this in the data, or with a line break, gets a text area


def long_text_paths(cat: Catalogue, folder: str) -> set[str]:
    """Field paths (as macros.cms.fields names them: no list marks, a sourced value's waarde is the field
    itself) where some file under data/<folder>/ holds a text with a line break or longer than LONG_TEXT."""
    out: set[str] = set()

    def walk(v: object, path: str) -> None:
        if isinstance(v, str):
            if "\n" in v or len(v) > LONG_TEXT:
                out.add(path)
        elif isinstance(v, list):
            for item in v:
                walk(item, path)
        elif isinstance(v, dict):
            sourced = isinstance(v.get("staat"), str)
            for k, w in v.items():
                walk(w, path if sourced and k == "waarde" else f"{path}.{k}" if path else str(k))

    for name, f in cat.bestanden.items():
        if name.startswith(f"data/{folder}/"):
            walk(f.data, "")
    return out


def single_line(flds: list[dict], long: set[str], path: str = "") -> list[dict]:
    """The form's fields with a one-line input for every text the data never holds on more than one line."""
    def one(f: dict, here: str) -> dict:
        f = dict(f)
        if f.get("widget") == "pb-tekst" and f.get("pb_basis") == "text" and here not in long:
            f["pb_basis"] = "string"
        if "fields" in f:
            f["fields"] = [one(g, f"{here}.{g['name']}") for g in f["fields"]]
        if "field" in f:
            f["field"] = one(f["field"], here)
        if "pb_velden" in f:
            f["pb_velden"] = [one(g, here) for g in f["pb_velden"]]
        if "keuzes" in f:
            f["keuzes"] = [k | ({"veld": one(k["veld"], here)} if "veld" in k else {}) for k in f["keuzes"]]
        if "staten" in f:
            f["staten"] = [s | {"velden": [one(v, here if v["name"] == "waarde" else f"{here}.{v['name']}")
                                           for v in s["velden"]]} for s in f["staten"]]
        return f
    return [one(f, f"{path}.{f['name']}" if path else f["name"]) for f in flds]

