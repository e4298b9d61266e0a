"""The model's JSON Schema read as a small tree of shapes, for the CMS configuration and its YAML format.

``shape(schema)`` turns a root schema (``macros.model.schema.schemas()``) into ``Shape`` objects:
an object with its fields in model order, a list, a map with free keys, a choice between
alternatives (``X | None``, ``'alle' | list``, and whatever union the model grows), a constant, an
enumeration or a scalar with its constraints. Anything the JSON Schema says that this module does
not know raises ``UnknownSchema`` naming where, so a model change the CMS cannot express fails the
build and the tests instead of silently giving a form without it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Keywords that only document or that pydantic adds without meaning for the form.
_IGNORED = {"title", "description", "default", "$schema", "$defs", "examples"}
_SCALAR_KEYWORDS = {"type", "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum",
                    "exclusiveMaximum", "format"}


class UnknownSchema(ValueError):
    def __init__(self, where: str, what: str):
        super().__init__(f"{where}: het CMS kent dit deel van het JSON-schema niet: {what}")


@dataclass(frozen=True)
class Shape:
    kind: str  # object | list | map | choice | const | enum | scalar
    title: str = ""
    description: str = ""
    fields: tuple[tuple[str, Shape, bool, bool], ...] = ()  # object: (name, shape, required, has_default)
    item: Shape | None = None  # list items, map values
    alternatives: tuple[Shape, ...] = ()  # choice
    value: object = None  # const
    options: tuple = ()  # enum
    type: str = ""  # scalar: string | number | integer | boolean | null
    constraints: dict = field(default_factory=dict)  # scalar / list / map constraints, JSON Schema keywords

    def field(self, name: str) -> Shape:
        return next(s for n, s, _, _ in self.fields if n == name)


def _resolve(node: dict, defs: dict, where: str) -> dict:
    if "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/$defs/") or ref.split("/")[-1] not in defs:
            raise UnknownSchema(where, f"verwijzing {ref}")
        rest = {k: v for k, v in node.items() if k != "$ref"}
        target = {k: v for k, v in defs[ref.split("/")[-1]].items() if k not in ("title", "description")}
        return {**target, **rest}
    return node


def _check_keys(node: dict, allowed: set[str], where: str) -> None:
    unknown = set(node) - allowed - _IGNORED
    if unknown:
        raise UnknownSchema(where, ", ".join(sorted(unknown)))


def _shape(node: dict, defs: dict, where: str) -> Shape:
    node = _resolve(node, defs, where)
    doc = {"title": node.get("title", ""), "description": node.get("description", "")}
    if "anyOf" in node or "oneOf" in node:
        _check_keys(node, {"anyOf", "oneOf", "discriminator"}, where)
        alts = node.get("anyOf") or node.get("oneOf")
        return Shape("choice", alternatives=tuple(_shape(a, defs, f"{where}|{i}") for i, a in enumerate(alts)), **doc)
    if "const" in node:
        _check_keys(node, {"const", "type"}, where)
        return Shape("const", value=node["const"], **doc)
    if "enum" in node:
        _check_keys(node, {"enum", "type"}, where)
        return Shape("enum", options=tuple(node["enum"]), **doc)
    kind = node.get("type")
    if kind == "object" and "properties" in node:
        _check_keys(node, {"type", "properties", "required", "additionalProperties"}, where)
        if node.get("additionalProperties", False) is not False:
            raise UnknownSchema(where, "een blok met vaste velden én vrije sleutels")
        required = set(node.get("required", []))
        fields = tuple((name, _shape(sub, defs, f"{where}.{name}"), name in required, "default" in sub)
                       for name, sub in node["properties"].items())
        return Shape("object", fields=fields, **doc)
    if kind == "object":
        _check_keys(node, {"type", "additionalProperties", "minProperties", "maxProperties", "propertyNames", "patternProperties"}, where)
        values = node.get("additionalProperties")
        if values is None and len(node.get("patternProperties", {})) == 1:
            values = next(iter(node["patternProperties"].values()))
        if not isinstance(values, dict):
            raise UnknownSchema(where, "een blok zonder velden")
        limits = {k: node[k] for k in ("minProperties", "maxProperties", "propertyNames", "patternProperties") if k in node}
        return Shape("map", item=_shape(values, defs, f"{where}.*"), constraints=limits, **doc)
    if kind == "array":
        _check_keys(node, {"type", "items", "minItems", "maxItems"}, where)
        limits = {k: node[k] for k in ("minItems", "maxItems") if k in node}
        return Shape("list", item=_shape(node.get("items", {}), defs, f"{where}[]"), constraints=limits, **doc)
    if kind in ("string", "number", "integer", "boolean", "null"):
        _check_keys(node, _SCALAR_KEYWORDS, where)
        return Shape("scalar", type=kind, constraints={k: v for k, v in node.items() if k in _SCALAR_KEYWORDS - {"type"}}, **doc)
    raise UnknownSchema(where, f"type {kind!r}")


def shape(schema: dict, name: str = "") -> Shape:
    """The root schema of one kind of data file as a Shape (an object)."""
    return _shape(schema, schema.get("$defs", {}), name or schema.get("title", "schema"))


def key_order(s: Shape) -> dict | None:
    """The model's key order as nested JSON for the CMS's YAML format: {field: subtree or null};
    a list or map's subtree describes its items ('*' marks a map); a choice merges its alternatives."""
    if s.kind == "object":
        return {name: key_order(sub) for name, sub, _, _ in s.fields}
    if s.kind == "list":
        return key_order(s.item)
    if s.kind == "map":
        sub = key_order(s.item)
        return {"*": sub} if sub is not None else None
    if s.kind == "choice":
        merged: dict = {}
        for alt in s.alternatives:
            sub = key_order(alt)
            if sub:
                merged.update({k: v for k, v in sub.items() if k not in merged})
        return merged or None
    return None
