"""The configuration of the CMS at /beheer/ (Decap CMS ``config.yml``), generated at build time.

From the model's JSON Schema (``macros.model.schema.schemas()``, via ``macros.cms.fields``) and the
catalogue: a collection of products per region (with that region's municipalities, source documents
and products to choose from), one of sections per region, and regions, decision trees and synonyms.
Nothing here is written by hand per field, so the form follows the model; a model change the form
cannot express stops the build (``UnknownSchema``). ``model_data()`` is what the browser needs
besides: the key order of each kind of file (for the YAML format) and the model's Dutch messages.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from macros.catalogue.loader import Catalogue
from macros.catalogue.messages import MESSAGES, PATTERN_EXPLANATIONS
from macros.cms.fields import Overrides, fields
from macros.cms.schema import key_order, shape
from macros.model import REF_PATTERN
from macros.model.mentions import MENTION_PATTERN
from macros.model.schema import schemas
from macros.model.sourced import NULL_PROBLEM
from macros.view.words import STATE_WORDS as STATE_LABELS

FILE_NAME_KEY = "_pb_bestand"  # the form's own key for a new product's file name; never written to a file
# The kinds of data file the CMS edits: schema name -> (format name, folder or file under data/).
FILE_KINDS = {"product": "products", "sectie": "secties", "regio": "regions", "beslisboom": "beslisbomen",
           "synoniemen": "synoniemen.yaml"}


@dataclass(frozen=True)
class Backend:
    """Where the CMS commits on the published site: a GitHub repository, via an OAuth proxy."""

    repo: str = ""  # 'owner/name'
    branch: str = "main"
    base_url: str = ""  # the OAuth proxy's address (see the editing guide)

    @classmethod
    def from_env(cls) -> Backend:
        return cls(os.environ.get("BEHEER_REPO", ""), os.environ.get("BEHEER_BRANCH", "main"),
                   os.environ.get("BEHEER_OAUTH_URL", ""))


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
        keuzes = [k | {"veld": replace(k["veld"])} if k.get("soort") == alt_kind else k for k in f["keuzes"]]
        return f | {"keuzes": keuzes}
    return apply


def _relation(regio: str) -> Callable:
    def apply(f: dict) -> dict:
        keep = {k: v for k, v in f.items() if k in ("name", "label", "hint", "required")}
        return keep | {"widget": "relation", "collection": f"producten-{regio}", "multiple": True,
                       "value_field": f"{regio}/{{{{slug}}}}", "search_fields": ["code", "naam"],
                       "display_fields": ["code", "naam"], "options_length": 100}
    return apply


def _product_refs(cat: Catalogue) -> list[tuple[str, str]]:
    return [(ref, f"{ref} · {p.titel}") for ref, p in sorted(cat.producten.items())]


def product_overrides(cat: Catalogue, regio: str) -> Overrides:
    r = cat.regios[regio]
    types = [(t.id, t.naam) for t in cat.producttypen.values()]
    docs = [(b.document, f"{b.document} · {b.titel}") for b in r.bronnen]
    gemeenten = [(g, g) for g in r.gemeenten]
    return {
        "producttype": _select(types),
        "gemeenten": _in_choice("array", _select(gemeenten, multiple=True)),
        "bron.document": _select(docs),
        "aanvullende_bronnen.document": _select(docs),
        "samenloop.producten": _relation(regio),
        "code": lambda f: f | {"pb_uniek": True},  # a new product's code must not be taken (widgets.js)
    }


def _common_overrides(cat: Catalogue) -> Overrides:
    regios = [(rid, r.naam) for rid, r in cat.regios.items()]
    return {
        "producten": _select(_product_refs(cat), multiple=True),
        "uitkomsten.producten": _select(_product_refs(cat), multiple=True),
        "synoniemen.producten": _select(_product_refs(cat), multiple=True),
        "regio": _in_choice("string", _select(regios)),
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


def _collection(name: str, label: str, kind: str, folder: str, flds: list[dict], **extra) -> dict:
    return {"name": name, "label": label, "folder": f"data/{folder}", "extension": "yaml", "format": f"pb-{kind}",
            "create": True, "delete": False, "editor": {"preview": False}, "fields": flds, **extra}


def cms_inputs(cat: Catalogue) -> tuple:
    """Everything cms_config reads from the catalogue (keep in step with it and the overrides above):
    the key under which `mkdocs serve --dirty` keeps the generated configuration between rebuilds
    (macros.cms.site.page_files), so an edit of a product's text does not write 1 MB of YAML again."""
    return (tuple((ref, p.titel) for ref, p in sorted(cat.producten.items())),
            tuple((rid, r.naam, tuple((b.document, b.titel) for b in r.bronnen), tuple(r.gemeenten))
                  for rid, r in cat.regios.items()),
            tuple((t.id, t.naam) for t in cat.producttypen.values()))


def cms_config(cat: Catalogue, site_url: str = "", backend: Backend | None = None) -> dict:
    backend = backend or Backend.from_env()
    all_schemas = schemas()  # once: pydantic generates every kind's schema on each call
    shapes = {k: shape(all_schemas[k], k) for k in FILE_KINDS}
    common = _common_overrides(cat)
    collections = []
    long_products = long_text_paths(cat, "products")
    for rid, r in cat.regios.items():
        collections.append(_collection(
            f"producten-{rid}", f"Producten {r.naam}", "product", f"products/{rid}",
            single_line(fields(shapes["product"], "", product_overrides(cat, rid)), long_products),
            # The file name of a new product: its code, or its name when it has none (set by cms.js before
            # saving, in a key the YAML format does not write: overrides/assets/cms/yaml_file.js).
            label_singular=f"product ({r.naam})", identifier_field="naam", slug="{{" + FILE_NAME_KEY + "}}",
            summary="{{code}} {{naam}}", sortable_fields=["code", "naam"]))
    collections.append(_collection("regios", "Regio's", "regio", "regions", fields(shapes["regio"]),
                                   label_singular="regio", identifier_field="naam", slug="{{naam}}"))
    for rid, r in cat.regios.items():
        collections.append(_collection(f"secties-{rid}", f"Secties {r.naam}", "sectie", f"secties/{rid}",
                                       fields(shapes["sectie"], "", {"bron.document": product_overrides(cat, rid)["bron.document"]}),
                                       label_singular=f"sectie ({r.naam})", identifier_field="titel", slug="{{titel}}"))
    collections.append(_collection("beslisbomen", "Beslisbomen", "beslisboom", "beslisbomen",
                                   fields(shapes["beslisboom"], "", common), label_singular="beslisboom",
                                   identifier_field="titel", slug="{{titel}}"))
    collections.append({"name": "synoniemen", "label": "Synoniemen", "format": "pb-synoniemen", "extension": "yaml",
                        "files": [{"name": "synoniemen", "label": "Synoniemen en afkortingen", "file": "data/synoniemen.yaml",
                                   "fields": fields(shapes["synoniemen"], "", common)}]})
    config = {
        "backend": {"name": "github", "repo": backend.repo or "OWNER/REPOSITORY", "branch": backend.branch,
                    **({"base_url": backend.base_url} if backend.base_url else {}),
                    "commit_messages": {"create": "Nieuw via /beheer/: {{collection}} {{slug}}",
                                        "update": "Gewijzigd via /beheer/: {{collection}} {{slug}}"}},
        "publish_mode": "editorial_workflow",
        "local_backend": {"allowed_hosts": ["localhost", "127.0.0.1"]},
        "locale": "nl",
        "media_folder": "content/over/img",
        "public_folder": "/over/img",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }
    if site_url:
        config["site_url"] = config["display_url"] = site_url
    return config


def config_yaml(config: dict) -> str:
    head = ("# Generated at build time from the model's JSON Schema and the catalogue (macros/cms/config.py).\n"
            "# Do not edit: change the model or the data instead.\n")
    # libyaml's emitter (CSafeDumper) writes the same text as PyYAML's pure-Python one, about four times
    # faster: the configuration repeats every product reference per field and region (about 1 MB at 500
    # products), and the pure-Python emitter was the largest single cost of a build.
    return head + yaml.dump(config, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True,
                            sort_keys=False, width=10_000)


def model_data() -> dict:
    """Per kind of file its key order, and the model's Dutch messages (problem, fix) by error type."""
    all_schemas = schemas()
    return {
        "volgorde": {k: key_order(shape(all_schemas[k], k)) for k in FILE_KINDS},
        "berichten": {k: list(v) for k, v in MESSAGES.items()} | {
            # A sourced field with no state chosen: the form's way of saying the model's refusal of null.
            "sourced_geen_staat": [NULL_PROBLEM.replace("null", "een leeg veld", 1),
                                   "kies wat de bron zegt: " + ", ".join(STATE_LABELS.values())]},
        "patronen": PATTERN_EXPLANATIONS,
        "ref_patroon": REF_PATTERN,
        "noemt_getal": MENTION_PATTERN,  # the stale-quote warning's rule (macros/model/mentions.py)
    }
