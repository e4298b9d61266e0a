"""The product form's sections at /beheer/ (Kern, Bron, Duur en omvang, …): which model fields each holds.

``overrides/assets/cms/groups.js`` is the browser's side: Decap holds an entry's fields per section, the
YAML format flattens them again, so a file keeps its flat keys.
"""

from __future__ import annotations

from macros.cms.schema import Shape, UnknownSchema

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

