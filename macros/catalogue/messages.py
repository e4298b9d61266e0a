"""Pydantic's error types, said in Dutch with a fix the editor can apply.

Each entry maps an error type to (problem, fix); both may use the error's ``ctx`` values and
``{invoer}`` (the value as the editor typed it: for a plain scalar that YAML read as a number,
boolean, null or date, the raw text from the file, with what YAML made of it). An error type without
an entry gets a generic Dutch message: pydantic's English never reaches an editor.
"""

from __future__ import annotations

import difflib
import math
import re

from pydantic import ValidationError

from macros.catalogue.errors import DataError, field_path
from macros.catalogue.yamlerrors import KeyPath, visible
from macros.catalogue.yamlfile import YamlFile
from macros.catalogue.yamlnodes import TAG_KINDS
from macros.model import MAX_TEXT, IjwCategories, Product, ProductTypes, Regio, Sectie
from macros.model.sourced import NULL_FIX, NULL_MESSAGE, NULL_PROBLEM, sourced_field_names
from macros.model.tables import Codetabel, Matrix, Synoniemen
from macros.model.trees import Beslisboom

QUOTE_FIX = "zet de waarde tussen aanhalingstekens: \"{ruw}\""

# Fields that say what the source does (macros.model.sourced): a missing one gets the states as its fix.
SOURCED_FIELDS = sourced_field_names(Product, Regio, Sectie, ProductTypes, IjwCategories, Codetabel, Matrix,
                                     Synoniemen, Beslisboom)
MISSING_SOURCED = ("voeg het veld toe: de waarde zoals de bron hem noemt; zegt de bron er niets over, schrijf dan "
                   "{staat: niet-vermeld}; laat de bron het leeg, schrijf dan {staat: leeg}")

MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("dit verplichte veld ontbreekt", "voeg het veld toe"),
    "staat_onbekend": ("onbekende staat {invoer}", "kies een van: {expected} (zie de handleiding Data bewerken)"),
    "extra_forbidden": ("dit veld bestaat niet in het model", "controleer de spelling{suggestie}, of verwijder het veld"),
    "string_type": ("verwacht tekst, gevonden: {invoer_yaml}", "zet de waarde tussen aanhalingstekens, bv. \"{invoer_kaal}\""),
    "int_type": ("verwacht een geheel getal, gevonden: {invoer_yaml}", "schrijf een geheel getal zonder aanhalingstekens"),
    "float_type": ("verwacht een getal, gevonden: {invoer_yaml}", "schrijf een getal zonder aanhalingstekens, met een punt als decimaalteken"),
    "bool_type": ("verwacht true of false, gevonden: {invoer_yaml}", "schrijf true of false"),
    "list_type": ("verwacht een lijst, gevonden: {invoer_yaml}", "maak er een lijst van: elke waarde op een eigen regel die begint met '- '"),
    "dict_type": ("verwacht een blok met velden, gevonden: {invoer_yaml}", "schrijf de velden ingesprongen onder deze sleutel"),
    "model_type": ("verwacht een blok met velden, gevonden: {invoer_yaml}", "schrijf de velden ingesprongen onder deze sleutel"),
    "model_attributes_type": ("verwacht een blok met velden, gevonden: {invoer_yaml}", "schrijf de velden ingesprongen onder deze sleutel"),
    "literal_error": ("waarde {invoer_yaml} is niet toegestaan", "{keuze}"),
    "string_pattern_mismatch": ("waarde {invoer} heeft niet de juiste vorm", "{patroon_uitleg}"),
    "string_too_short": ("de tekst is leeg", "vul tekst in, of schrijf {{staat: leeg}} als de bron dit leeg laat"),
    "string_too_long": ("de tekst is te lang: {lengte} tekens, maximaal {max_length}", "kort de tekst in"),
    "too_short": ("de lijst heeft te weinig elementen (minimaal {min_length})", "vul de lijst aan"),
    "too_long": ("de lijst heeft te veel elementen (maximaal {max_length})", "kort de lijst in"),
    "greater_than": ("de waarde {invoer} is te klein: die moet groter zijn dan {gt}",
                     "vul een getal groter dan {gt} in; laat de bron het leeg, schrijf dan null"),
    "greater_than_equal": ("de waarde {invoer} mag niet kleiner zijn dan {ge}", "vul een getal van minimaal {ge} in"),
    "less_than_equal": ("de waarde {invoer} is te groot: hoogstens {le}", "vul een getal van hoogstens {le} in"),
    "less_than": ("de waarde {invoer} is te groot: die moet kleiner zijn dan {lt}", "vul een getal kleiner dan {lt} in"),
    "finite_number": ("de waarde {invoer} is geen gewoon getal (oneindig of 'geen getal')",
                      "vul een gewoon getal in, bv. 12 of 2.5; laat de bron het leeg, schrijf dan null"),
    "int_from_float": ("verwacht een geheel getal, gevonden: {invoer}", "schrijf een geheel getal, zonder decimalen"),
    "value_error": ("{msg}", "pas de waarde aan zoals de melding zegt"),
    "assertion_error": ("{msg}", "pas de waarde aan zoals de melding zegt"),
    "union_tag_invalid": ("waarde {invoer} is niet toegestaan", "kies een toegestane waarde"),
    "code_kleine_letters": ("de code {invoer} bevat kleine letters; iJw-productcodes worden in hoofdletters geschreven",
                            "schrijf de code in hoofdletters: \"{hoofdletters}\" (de bestandsnaam blijft in kleine letters)"),
    "gemeente_zonder_slug": ("de gemeentenaam {invoer} geeft geen webadres (er staat geen letter a-z of cijfer in)",
                             "schrijf de naam in het Latijnse schrift, zoals de bron de gemeente noemt"),
    "gemeente_dubbel": ("deze namen staan dubbel in de lijst, of geven hetzelfde webadres: {namen}",
                        "houd per gemeente één schrijfwijze over"),
    "gemeente_slug_index": ("de gemeentenaam {invoer} geeft het webadres gemeenten/index/, dat het overzicht van alle gemeenten al gebruikt",
                            "controleer de naam"),
}
UNKNOWN_VALUE = ("ongeldige waarde: {invoer}", "vergelijk de waarde met het voorbeeld in de handleiding (Data bewerken)")

PATTERN_EXPLANATIONS = {
    r"^[A-Z0-9]{1,5}$": "een iJw-productcode heeft 1 tot 5 letters en cijfers, letters in hoofdletters (bv. 45F21 of 831MC), zonder spaties of streepjes",
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "gebruik kleine letters, cijfers en koppeltekens (bv. begeleiding-individueel)",
    r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$": "verwijs naar een product als 'regio/product-id', bv. flevoland/45f21",
    r"^[0-9]{2}$": "twee cijfers, bv. 45",
}

# Numbers as an editor means them; YAML 1.1 also reads 012 (octal 10), 0x1F, 1_000, 1:30 (90) and 1.0e+3.
PLAIN_NUMBER = re.compile(r"[-+]?(0|[1-9][0-9]*)(\.[0-9]*)?|[-+]?\.[0-9]+")
PLAIN_BOOL = {"true", "false", "True", "False", "TRUE", "FALSE"}


def number_text(x: object) -> str:
    """A number from pydantic's ctx in Dutch: 0.0 -> '0', 2.5 -> '2,5', 20000 -> '20.000'."""
    if isinstance(x, bool) or not isinstance(x, (int, float)) or (isinstance(x, float) and not math.isfinite(x)):
        return str(x)
    if float(x).is_integer():
        return f"{int(x):,}".replace(",", ".")
    return f"{x:g}".replace(".", ",")


def _shown_as(value: object) -> str:
    if isinstance(value, dict):
        return "een blok met velden"
    if isinstance(value, list):
        return "een lijst"
    if value is None:
        return "null (leeg)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)  # 1000.0 -> 1000, as an editor would write it
    return f"'{visible(str(value))}'"


def _as_yaml_read(raw: str, tag: str, value: object) -> str:
    """'01234' typed, 668 read: "01234 (YAML leest dit als getal: 668)"."""
    read_as = _shown_as(value).strip("'")
    kind = TAG_KINDS.get(tag, "iets anders dan tekst")
    same = read_as == raw or (tag == "tag:yaml.org,2002:null")
    return f"{visible(raw) or 'een lege waarde'} (YAML leest dit als {kind}{'' if same else ': ' + read_as})"


def _number_text(x: object) -> str:
    return _shown_as(x).strip("'")


def _data_path(data: object, loc: tuple[str | int, ...]) -> KeyPath:
    """Drop the parts of a pydantic loc that are not in the data (union branch names)."""
    path: list[str | int] = []
    current = data
    for i, part in enumerate(loc):
        if isinstance(part, str) and part.startswith("staat="):
            continue  # the branch of a sourced value (macros.model.sourced), not a key in the file
        if (isinstance(current, dict) and part in current) or (isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)):
            path.append(part)
            current = current[part]
        elif isinstance(current, dict) and i == len(loc) - 1 and isinstance(part, str):
            path.append(part)  # a missing or unknown key
        elif isinstance(current, dict) and isinstance(part, str) and not part.startswith(
                ("literal[", "list[", "str", "dict[", "function-", "float", "int", "bool", "constrained-", "staat=")):
            path.append(part)
            current = None
    return tuple(path)


MAX_SUGGESTIONS = 25  # "bedoel je …?" hints per file: each costs a fuzzy search over every field name


def _context(err: dict, path: KeyPath, yf: YamlFile, field_names: set[str], suggest: bool = True) -> dict:
    ctx = {k: number_text(v) for k, v in (err.get("ctx") or {}).items()}
    input_value = err.get("input")
    ctx["invoer_kaal"] = visible(str(input_value)) if not isinstance(input_value, (dict, list)) else ""
    if path in yf.raw:  # a plain scalar YAML read as number, boolean, null or date: quote what was typed
        raw, tag = yf.raw[path]
        ctx["invoer"] = ctx["invoer_kaal"] = ctx["ruw"] = visible(raw) or "een lege waarde"
        ctx["invoer_yaml"] = _as_yaml_read(raw, tag, input_value)
    else:
        ctx["invoer"] = ctx["invoer_yaml"] = _shown_as(input_value)
    if err["type"] == "string_too_long":
        ctx["lengte"] = number_text(len(input_value)) if isinstance(input_value, str) else "?"
        ctx["max_length"] = number_text(err.get("ctx", {}).get("max_length", MAX_TEXT))
    if "expected" in ctx:  # "'a', 'b' or 'c'" -> "a, b of c"
        ctx["expected"] = re.sub(r" or (?!.* or )", " of ", str(ctx["expected"]).replace("'", ""))
        ctx["keuze"] = f"kies een van: {ctx['expected']}" if " of " in ctx["expected"] else f"schrijf {ctx['expected']}"
    if "pattern" in ctx:
        ctx["patroon_uitleg"] = PATTERN_EXPLANATIONS.get(ctx["pattern"], f"volg het patroon {ctx['pattern']}")
    if err["type"] in ("value_error", "assertion_error"):
        ctx["msg"] = str((err.get("ctx") or {}).get("error", err["msg"])).removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        name = str(path[-1]) if path else ""
        close = difflib.get_close_matches(name, field_names, n=1, cutoff=0.75) if suggest else []
        ctx["suggestie"] = f" (bedoel je '{close[0]}'?)" if close else ""
    return ctx


def _message(err: dict, ctx: dict, path: KeyPath, yf: YamlFile) -> tuple[str, str]:
    problem, fix = MESSAGES.get(err["type"], UNKNOWN_VALUE)
    if err["type"] == "string_type" and path in yf.raw:
        fix = QUOTE_FIX
    elif err["type"] in ("float_type", "int_type") and isinstance(err.get("input"), str) \
            and re.fullmatch(r"[-+]?[0-9.]+[eE][-+]?[0-9]+", err["input"].strip()):
        fix = "schrijf het getal voluit, zonder e-notatie (bv. 1000 in plaats van 1e3)"
    try:
        return problem.format(**ctx), fix.format(**ctx)
    except (KeyError, IndexError, ValueError):
        return UNKNOWN_VALUE[0].format(invoer=ctx.get("invoer", "")), UNKNOWN_VALUE[1]


def translate_errors(exc: ValidationError, file: str, yf: YamlFile, field_names: set[str]) -> list[DataError]:
    """Turn a pydantic ValidationError into Dutch DataError entries, one per field."""
    by_path: dict[KeyPath, list[tuple[str, str]]] = {}
    for n, err in enumerate(exc.errors(include_url=False)):
        in_key = "[key]" in err["loc"]  # the error is about a name before a colon, not about its value
        path = _data_path(yf.data, tuple(d for d in err["loc"] if d != "[key]"))
        ctx = _context(err, path, yf, field_names, n < MAX_SUGGESTIONS)
        if err["type"] == "staat_onbekend" and isinstance(err.get("input"), dict):
            ctx["invoer"] = _shown_as(err["input"].get("staat"))
        problem, fix = _message(err, ctx, path, yf)
        if err["type"] == "missing" and path and path[-1] in SOURCED_FIELDS:
            fix = MISSING_SOURCED  # a field that says what the source does: name the states
        if err["type"] == "value_error" and ctx.get("msg") == NULL_MESSAGE:
            problem, fix = NULL_PROBLEM, NULL_FIX
        if in_key and err["type"] == "string_too_short":
            problem, fix = "de naam vóór de dubbele punt is leeg", "schrijf een naam vóór de dubbele punt"
        elif in_key:
            problem = f"de naam vóór de dubbele punt: {problem}"
        by_path.setdefault(path, []).append((problem, fix))
    errors = []
    for path, messages in by_path.items():
        unique = list(dict.fromkeys(messages))
        problem = " óf ".join(p for p, _ in unique)
        fix = "; of ".join(dict.fromkeys(o for _, o in unique))
        errors.append(DataError(file, yf.line_of(path), field_path(path), problem, fix))
    return errors


def _number_form(raw: str) -> str:
    bare = raw.lstrip("+-")
    if ":" in bare:
        return "een zestigtallig getal (de dubbele punt)"
    if "_" in bare:
        return "een getal met liggende streepjes"
    if bare[:2] in ("0x", "0X"):
        return "een hexadecimaal getal"
    if bare[:2] in ("0b", "0B"):
        return "een binair getal"
    if bare[:2] in ("0o", "0O") or re.fullmatch(r"0[0-7]+", bare):
        return "een octaal getal (de voorloopnul)"
    if "e" in bare.lower() and "inf" not in bare.lower():
        return "een getal met exponent"
    return "een bijzonder getal"


def typed_values(yf: YamlFile, file: str, already_reported: set[str | None]) -> list[DataError]:
    """Values the model accepted but that YAML read differently from how they read: 012 is 10, yes is true.

    A field that already has an error is left alone (its message quotes the raw text already)."""
    errors = []
    for path, (raw, tag) in yf.raw.items():
        number_differs = tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and not PLAIN_NUMBER.fullmatch(raw) \
            and raw.lstrip("+-").lower() not in (".inf", ".nan")
        bool_differs = tag == "tag:yaml.org,2002:bool" and raw not in PLAIN_BOOL
        if not (number_differs or bool_differs) or field_path(path) in already_reported:
            continue
        if number_differs:
            errors.append(DataError(
                file, yf.line_of(path), field_path(path),
                f"YAML leest {visible(raw)} als {_number_form(raw)}, met de waarde {_number_text(_value_at(yf.data, path))}",
                "schrijf een gewoon getal (bv. 12 of 2.5); is het tekst of een code, zet de waarde dan tussen aanhalingstekens"))
        else:
            errors.append(DataError(
                file, yf.line_of(path), field_path(path),
                f"YAML leest {visible(raw)} als de ja/nee-waarde {_shown_as(_value_at(yf.data, path))}",
                "schrijf true of false; is het tekst, zet de waarde dan tussen aanhalingstekens"))
    return errors


def _value_at(data: object, path: KeyPath) -> object:
    for part in path:
        data = data[part]  # type: ignore[index]
    return data
