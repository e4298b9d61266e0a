"""The configuration of the CMS at /beheer/ (Decap CMS ``config.yml``), generated at build time.

From the model's JSON Schema (``macros.model.schema.schemas()``, via ``macros.cms.fields``) and the
catalogue: a collection of products per region (with that region's municipalities, source documents
and products to choose from), one of sections per region, and regions, decision trees and synonyms.
Nothing here is written by hand per field, so the form follows the model; a model change the form
cannot express stops the build (``UnknownSchema``). ``model_data()`` is what the browser needs
besides: the key order of each kind of file (for the YAML format) and the model's Dutch messages.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass

from macros.catalogue.loader import Catalogue
from macros.catalogue.messages import MESSAGES, PATTERN_EXPLANATIONS
from macros.cms.fields import Overrides, fields
from macros.cms.schema import Shape, UnknownSchema, key_order, shape
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


def _relation(regio: str, code_path: str, name_path: str) -> Callable:
    def apply(f: dict) -> dict:
        keep = {k: v for k, v in f.items() if k in ("name", "label", "hint", "required")}
        return keep | {"widget": "relation", "collection": f"producten-{regio}", "multiple": True,
                       "value_field": f"{regio}/{{{{slug}}}}", "search_fields": [code_path, name_path],
                       "display_fields": [code_path, name_path], "options_length": 100}
    return apply


def _product_refs(cat: Catalogue) -> list[tuple[str, str]]:
    return [(ref, f"{ref} · {p.titel}") for ref, p in sorted(cat.producten.items())]


def product_overrides(cat: Catalogue, regio: str, product: Shape | None = None) -> Overrides:
    r = cat.regios[regio]
    product = product or shape(schemas()["product"], "product")
    code_path, name_path = group_path("code", product), group_path("naam", product)
    types = [(t.id, t.naam) for t in cat.producttypen.values()]
    docs = [(b.document, f"{b.document} · {b.titel}") for b in r.bronnen]
    gemeenten = [(g, g) for g in r.gemeenten]
    return {
        "producttype": _select(types),
        "gemeenten": _in_choice("array", _select(gemeenten, multiple=True)),
        "bron.document": _select(docs),
        "aanvullende_bronnen.document": _select(docs),
        "samenloop.producten": _relation(regio, code_path, name_path),
        # an amount in euros: a euro sign typed with it is its unit (number.js, as the spreadsheet import reads it)
        "tarief.bedrag": _in_choice("number", lambda f: f | {"pb_euro": True}),
        # a new product's code must not be taken (widgets.js); pb_pad: where the code is in an entry's data,
        # pb_zoek: the field every entry has, for Decap's search of the entries there
        "code": lambda f: f | {"pb_uniek": True, "pb_pad": code_path, "pb_zoek": name_path},
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


# The product form's sections (issue 28), in the order the form shows them, each with the model fields it
# starts from. A model field no section names joins the section of the field before it in the model's order,
# so a new field appears next to its neighbour; within a section the fields keep the model's order. A
# section none of whose fields the model requires (only lists and optional texts) starts closed. Decap
# holds an entry's fields per section (``groep_<key>``); the YAML format flattens them again
# (overrides/assets/cms/groups.js), so a file keeps its flat keys and an edit stays a one-line diff.
PRODUCT_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("kern", "Kern", ("code", "naam", "productgroep", "producttype", "status", "gemeenten", "omschrijving", "doel",
                      "doelgroep", "resultaten", "eenheid", "tarief")),
    ("bron", "Bron", ("bron", "aanvullende_bronnen")),
    ("duur", "Duur en omvang", ("normenkader", "voorspelbaarheid", "inzet", "groepsgrootte")),
    ("functiemix", "Functiemix", ("functiemix",)),
    ("eisen", "Eisen", ("eisen", "uitsluitingen", "uitsluitingen_voetnoot")),
    ("samenloop", "Samenloop", ("samenloop",)),
    ("opmerkingen", "Opmerkingen", ("opmerkingen",)),
)
GROUP_PREFIX = "groep_"


def group_members(s: Shape, groups: tuple = PRODUCT_GROUPS) -> dict[str, list[str]]:
    """Per section key (``groep_kern``) the model fields it holds, in model order (see PRODUCT_GROUPS)."""
    model = [name for name, _, _, _ in s.fields]
    named = {f: key for key, _, members in groups for f in members}
    unknown = sorted(set(named) - set(model))
    if unknown:
        raise UnknownSchema("product", f"formuliersectie noemt velden die het model niet heeft: {', '.join(unknown)}")
    clash = sorted({GROUP_PREFIX + key for key, _, _ in groups} & set(model))
    if clash:
        raise UnknownSchema("product", f"een sectie heeft de naam van een veld: {', '.join(clash)}")
    out: dict[str, list[str]] = {GROUP_PREFIX + key: [] for key, _, _ in groups}
    current = GROUP_PREFIX + groups[0][0]
    for name in model:
        current = GROUP_PREFIX + named[name] if name in named else current
        out[current].append(name)
    return out


def grouped(flds: list[dict], s: Shape, groups: tuple = PRODUCT_GROUPS) -> list[dict]:
    """The product form's fields in its sections: one pb-groep (a heading that opens and closes) per section."""
    by_name = {f["name"]: f for f in flds}
    required = {name for name, _, req, _ in s.fields if req}
    labels = {GROUP_PREFIX + key: lab for key, lab, _ in groups}
    return [{"name": key, "label": labels[key], "widget": "pb-groep", "required": False,
             "collapsed": not any(m in required for m in members), "fields": [by_name[m] for m in members]}
            for key, members in group_members(s, groups).items()]


def group_path(field_name: str, s: Shape) -> str:
    """Where a product field sits in the form's data (``groep_kern.code``), for Decap's templates and searches."""
    return next(f"{key}.{field_name}" for key, members in group_members(s).items() if field_name in members)


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
        product = shapes["product"]
        code_path, name_path = group_path("code", product), group_path("naam", product)
        collections.append(_collection(
            f"producten-{rid}", f"Producten {r.naam}", "product", f"products/{rid}",
            grouped(single_line(fields(product, "", product_overrides(cat, rid, product)), long_products), product),
            # The file name of a new product: its code, or its name when it has none (set by cms.js before
            # saving, in a key the YAML format does not write: overrides/assets/cms/yaml_file.js).
            label_singular=f"product ({r.naam})", identifier_field=name_path, slug="{{" + FILE_NAME_KEY + "}}",
            summary=f"{{{{{code_path}}}}} {{{{{name_path}}}}}", sortable_fields=[code_path, name_path]))
    collections.append(_collection("regios", "Regio's", "regio", "regions", fields(shapes["regio"]),
                                   label_singular="regio", identifier_field="naam", slug="{{naam}}"))
    for rid, r in cat.regios.items():
        collections.append(_collection(f"secties-{rid}", f"Secties {r.naam}", "sectie", f"secties/{rid}",
                                       fields(shapes["sectie"], "", {"bron.document": product_overrides(cat, rid, shapes["product"])["bron.document"]}),
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
            "# Do not edit: change the model or the data instead. Written as JSON, which is YAML.\n")
    # JSON (YAML 1.2, and read alike by PyYAML) instead of block YAML: the same meaning, written by the C
    # encoder, and read by the form with JSON.parse (overrides/assets/cms/cms.js). The configuration
    # repeats every product reference per field and region (4 MB of block YAML at 500 products): PyYAML's
    # pure-Python representer took a tenth of a build, and the YAML parser 5 s of the form's start.
    text = json.dumps(config, ensure_ascii=False, separators=(", ", ": "))
    return head + _NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


# What JSON leaves raw but YAML does not read as itself: DEL and the C1 controls (not printable to YAML),
# U+0085, U+2028 and U+2029 (line breaks to YAML 1.1, folded inside a quoted string), the byte-order mark,
# U+FFFE, U+FFFF and lone surrogates. All lie in the BMP, so a \u escape is both JSON and YAML; JSON's own
# escapes cover the C0 controls, and every other character is written as itself (UTF-8).
_NOT_YAML_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


# The model's messages where they tell whoever edits the YAML what to write (null, quotes, a decimal point,
# {staat: leeg}): in the form the same problem, and the fix in the form's own terms. The rest as the model says.
FORM_MESSAGES = {
    "float_type": ("verwacht een getal, gevonden: {invoer}", "typ een getal, bv. 12 of 2,5"),
    "int_type": ("verwacht een geheel getal, gevonden: {invoer}", "typ een geheel getal zonder komma, bv. 12"),
    "string_type": ("verwacht tekst, gevonden: {invoer}", "typ de tekst in het veld"),
    "string_too_short": ("de tekst is leeg", "vul tekst in; laat de bron dit leeg, kies dan erboven '"
                         + STATE_LABELS["leeg"] + "'"),
    "greater_than": ("de waarde {invoer} is te klein: die moet groter zijn dan {gt}", "vul een getal groter dan {gt} in"),
    "missing": ("dit veld is niet ingevuld", "vul het in of maak een keuze"),
}


def model_data() -> dict:
    """Per kind of file its key order, and the model's Dutch messages (problem, fix) by error type."""
    all_schemas = schemas()
    return {
        "volgorde": {k: key_order(shape(all_schemas[k], k)) for k in FILE_KINDS},
        "berichten": {k: list(v) for k, v in (MESSAGES | FORM_MESSAGES).items()} | {
            # A sourced field with no state chosen: the form's way of saying the model's refusal of null.
            "sourced_geen_staat": [NULL_PROBLEM.replace("null", "een leeg veld", 1),
                                   "kies wat de bron zegt: " + ", ".join(STATE_LABELS.values())]},
        "patronen": PATTERN_EXPLANATIONS,
        "ref_patroon": REF_PATTERN,
        "noemt_getal": MENTION_PATTERN,  # the stale-quote warning's rule (macros/model/mentions.py)
        # The product form's sections: which fields Decap holds under each (the format flattens them again).
        "groepen": {"product": group_members(shape(all_schemas["product"], "product"))},
    }
