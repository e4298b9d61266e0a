"""The configuration of the CMS at /beheer/ (Decap CMS ``config.yml``), generated at build time.

From the model's JSON Schema (``macros.model.schema.schemas()``, via ``macros.cms.fields``) and the
catalogue: a collection of products per region (with that region's municipalities, source documents
and products to choose from), one of sections per region, and regions, decision trees and synonyms.
Nothing here is written by hand per field, so the form follows the model; a model change the form
cannot express stops the build (``UnknownSchema``). The choices the catalogue gives the fields are in
``macros.cms.overrides``, the product form's sections in ``macros.cms.groups``. ``model_data()`` is what the browser needs
besides: the key order of each kind of file (for the YAML format) and the model's Dutch messages.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass

from macros.catalogue.loader import Catalogue
from macros.catalogue.messages import MESSAGES, PATTERN_EXPLANATIONS
from macros.cms.fields import fields
from macros.cms.groups import group_members, group_path, grouped
from macros.cms.overrides import common_overrides, long_text_paths, product_overrides, single_line
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



def _collection(name: str, label: str, kind: str, folder: str, flds: list[dict], **extra) -> dict:
    return {"name": name, "label": label, "folder": f"data/{folder}", "extension": "yaml", "format": f"pb-{kind}",
            "create": True, "delete": False, "editor": {"preview": False}, "fields": flds, **extra}


def cms_inputs(cat: Catalogue) -> tuple:
    """Everything cms_config reads from the catalogue (keep in step with it and macros.cms.overrides):
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
    common = common_overrides(cat)
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
