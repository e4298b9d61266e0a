"""Pydantic's error types, said in Dutch with a fix the editor can apply.

Each entry maps an error type to (problem, fix); both may use the error's
``ctx`` values and ``{invoer}`` (the value found in the file).
"""

from __future__ import annotations

import difflib

from pydantic import ValidationError

from macros.catalogue.errors import DataError, field_path
from macros.catalogue.yamlfile import Pad, YamlFile
from macros.model import IjwCategorieen, Product, ProductTypen, Regio, Sectie
from macros.model.sourced import NULL_FIX, NULL_MESSAGE, NULL_PROBLEM, sourced_field_names
from macros.model.tables import Codetabel, Matrix, Synoniemen
from macros.model.trees import Beslisboom

# Fields that say what the source does (macros.model.sourced): a missing one gets the states as its fix.
SOURCED_FIELDS = sourced_field_names(Product, Regio, Sectie, ProductTypen, IjwCategorieen, Codetabel, Matrix,
                                     Synoniemen, Beslisboom)
MISSING_SOURCED = ("voeg het veld toe: de waarde zoals de bron hem noemt; zegt de bron er niets over, schrijf dan "
                   "{staat: niet-vermeld}; laat de bron het leeg, schrijf dan {staat: leeg}")

BERICHTEN: dict[str, tuple[str, str]] = {
    "missing": ("dit verplichte veld ontbreekt", "voeg het veld toe"),
    "staat_onbekend": ("onbekende staat {invoer}", "kies een van: {expected} (zie de handleiding Data bewerken)"),
    "extra_forbidden": ("dit veld bestaat niet in het model", "controleer de spelling{suggestie}, of verwijder het veld"),
    "string_type": ("verwacht tekst, gevonden: {invoer}", "zet de waarde tussen aanhalingstekens, bv. \"{invoer}\""),
    "int_type": ("verwacht een geheel getal, gevonden: {invoer}", "schrijf een getal zonder aanhalingstekens"),
    "float_type": ("verwacht een getal, gevonden: {invoer}", "schrijf een getal zonder aanhalingstekens, met een punt als decimaalteken"),
    "bool_type": ("verwacht true of false, gevonden: {invoer}", "schrijf true of false"),
    "list_type": ("verwacht een lijst, gevonden: {invoer}", "maak er een lijst van: elke waarde op een eigen regel die begint met '- '"),
    "dict_type": ("verwacht een blok met velden, gevonden: {invoer}", "schrijf de velden ingesprongen onder deze sleutel"),
    "model_type": ("verwacht een blok met velden, gevonden: {invoer}", "schrijf de velden ingesprongen onder deze sleutel"),
    "model_attributes_type": ("verwacht een blok met velden, gevonden: {invoer}", "schrijf de velden ingesprongen onder deze sleutel"),
    "literal_error": ("waarde {invoer} is niet toegestaan", "kies een van: {expected}"),
    "string_pattern_mismatch": ("waarde {invoer} heeft niet de juiste vorm", "{patroon_uitleg}"),
    "string_too_short": ("de tekst is leeg", "vul tekst in, of schrijf {{staat: leeg}} als de bron dit leeg laat"),
    "string_too_long": ("de tekst is te lang (maximaal {max_length} tekens)", "kort de tekst in"),
    "too_short": ("de lijst heeft te weinig elementen (minimaal {min_length})", "vul de lijst aan"),
    "too_long": ("de lijst heeft te veel elementen (maximaal {max_length})", "kort de lijst in"),
    "greater_than": ("de waarde moet groter zijn dan {gt}", "corrigeer het getal"),
    "greater_than_equal": ("de waarde mag niet negatief zijn (minimaal {ge})", "corrigeer het getal"),
    "less_than_equal": ("de waarde mag hoogstens {le} zijn", "corrigeer het getal"),
    "value_error": ("{msg}", "pas de waarde aan zoals de melding zegt"),
    "union_tag_invalid": ("waarde {invoer} is niet toegestaan", "kies een toegestane waarde"),
}

PATROON_UITLEG = {
    r"^[A-Za-z0-9]{1,5}$": "een iJw-productcode heeft 1 tot 5 letters en cijfers (bv. 45F21 of 831MC), zonder spaties of streepjes",
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "gebruik kleine letters, cijfers en koppeltekens (bv. begeleiding-individueel)",
    r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$": "verwijs naar een product als 'regio/product-id', bv. flevoland/45f21",
    r"^[0-9]{2}$": "twee cijfers, bv. 45",
}


def _toon(waarde: object) -> str:
    if isinstance(waarde, dict):
        return "een blok met velden"
    if isinstance(waarde, list):
        return "een lijst"
    if waarde is None:
        return "null (leeg)"
    tekst = str(waarde)
    return f"'{tekst[:60]}…'" if len(tekst) > 60 else f"'{tekst}'"


def _data_pad(data: object, loc: tuple[str | int, ...]) -> Pad:
    """Drop the parts of a pydantic loc that are not in the data (union branch names)."""
    pad: list[str | int] = []
    huidig = data
    for i, deel in enumerate(loc):
        if isinstance(deel, str) and deel.startswith("staat="):
            continue  # the branch of a sourced value (macros.model.sourced), not a key in the file
        if isinstance(huidig, dict) and deel in huidig:
            pad.append(deel)
            huidig = huidig[deel]
        elif isinstance(huidig, list) and isinstance(deel, int) and 0 <= deel < len(huidig):
            pad.append(deel)
            huidig = huidig[deel]
        elif isinstance(huidig, dict) and i == len(loc) - 1 and isinstance(deel, str):
            pad.append(deel)  # a missing or unknown key
        elif isinstance(huidig, dict) and isinstance(deel, str) and not deel.startswith(("literal[", "list[", "str", "dict[", "function-", "staat=")):
            pad.append(deel)
            huidig = None
    return tuple(pad)


def translate_errors(exc: ValidationError, bestand: str, yf: YamlFile, veldnamen: set[str]) -> list[DataError]:
    """Turn a pydantic ValidationError into Dutch DataFout entries, one per field."""
    per_veld: dict[Pad, list[tuple[str, str]]] = {}
    for err in exc.errors(include_url=False):
        pad = _data_pad(yf.data, err["loc"])
        ctx = dict(err.get("ctx") or {})
        ctx.setdefault("invoer", _toon(err.get("input")))
        if "expected" in ctx:
            ctx["expected"] = str(ctx["expected"]).replace("'", "")
        if "pattern" in ctx:
            ctx["patroon_uitleg"] = PATROON_UITLEG.get(ctx["pattern"], f"volg het patroon {ctx['pattern']}")
        if err["type"] == "staat_onbekend" and isinstance(err.get("input"), dict):
            ctx["invoer"] = _toon(err["input"].get("staat"))
        if err["type"] == "value_error":
            ctx["msg"] = str(ctx.get("error", err["msg"])).removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            naam = str(pad[-1]) if pad else ""
            gelijk = difflib.get_close_matches(naam, veldnamen, n=1, cutoff=0.75)
            ctx["suggestie"] = f" (bedoel je '{gelijk[0]}'?)" if gelijk else ""
        probleem, oplossing = BERICHTEN.get(err["type"], ("ongeldige waarde ({type}): {invoer}", "corrigeer de waarde"))
        if err["type"] == "missing" and pad and pad[-1] in SOURCED_FIELDS:
            oplossing = MISSING_SOURCED.replace("{", "{{").replace("}", "}}")
        if err["type"] == "value_error" and ctx["msg"] == NULL_MESSAGE:
            probleem, oplossing = NULL_PROBLEM, NULL_FIX.replace("{", "{{").replace("}", "}}")
        ctx.setdefault("type", err["type"])
        try:
            per_veld.setdefault(pad, []).append((probleem.format(**ctx), oplossing.format(**ctx)))
        except (KeyError, IndexError):
            per_veld.setdefault(pad, []).append((f"{err['msg']} ({err['type']})", "corrigeer de waarde"))
    errors = []
    for pad, meldingen in per_veld.items():
        uniek = list(dict.fromkeys(meldingen))
        probleem = " óf ".join(p for p, _ in uniek)
        oplossing = "; of ".join(dict.fromkeys(o for _, o in uniek))
        errors.append(DataError(bestand, yf.regel(pad), field_path(pad), probleem, oplossing))
    return errors
