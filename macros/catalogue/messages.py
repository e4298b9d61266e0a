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
from macros.catalogue.yamlerrors import zichtbaar
from macros.catalogue.yamlfile import SOORTEN, Pad, YamlFile
from macros.model import MAX_TEXT, IjwCategorieen, Product, ProductTypen, Regio, Sectie
from macros.model.sourced import NULL_FIX, NULL_MESSAGE, NULL_PROBLEM, sourced_field_names
from macros.model.tables import Codetabel, Matrix, Synoniemen
from macros.model.trees import Beslisboom

QUOTE_FIX = "zet de waarde tussen aanhalingstekens: \"{ruw}\""

# Fields that say what the source does (macros.model.sourced): a missing one gets the states as its fix.
SOURCED_FIELDS = sourced_field_names(Product, Regio, Sectie, ProductTypen, IjwCategorieen, Codetabel, Matrix,
                                     Synoniemen, Beslisboom)
MISSING_SOURCED = ("voeg het veld toe: de waarde zoals de bron hem noemt; zegt de bron er niets over, schrijf dan "
                   "{staat: niet-vermeld}; laat de bron het leeg, schrijf dan {staat: leeg}")

BERICHTEN: dict[str, tuple[str, str]] = {
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
ONBEKEND = ("ongeldige waarde: {invoer}", "vergelijk de waarde met het voorbeeld in de handleiding (Data bewerken)")

PATROON_UITLEG = {
    r"^[A-Z0-9]{1,5}$": "een iJw-productcode heeft 1 tot 5 letters en cijfers, letters in hoofdletters (bv. 45F21 of 831MC), zonder spaties of streepjes",
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "gebruik kleine letters, cijfers en koppeltekens (bv. begeleiding-individueel)",
    r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$": "verwijs naar een product als 'regio/product-id', bv. flevoland/45f21",
    r"^[0-9]{2}$": "twee cijfers, bv. 45",
}

# Numbers as an editor means them; YAML 1.1 also reads 012 (octal 10), 0x1F, 1_000, 1:30 (90) and 1.0e+3.
GEWOON_GETAL = re.compile(r"[-+]?(0|[1-9][0-9]*)(\.[0-9]*)?|[-+]?\.[0-9]+")
GEWOON_BOOL = {"true", "false", "True", "False", "TRUE", "FALSE"}


def getal(x: object) -> str:
    """A number from pydantic's ctx in Dutch: 0.0 -> '0', 2.5 -> '2,5', 20000 -> '20.000'."""
    if isinstance(x, bool) or not isinstance(x, (int, float)) or (isinstance(x, float) and not math.isfinite(x)):
        return str(x)
    if float(x).is_integer():
        return f"{int(x):,}".replace(",", ".")
    return f"{x:g}".replace(".", ",")


def _toon(waarde: object) -> str:
    if isinstance(waarde, dict):
        return "een blok met velden"
    if isinstance(waarde, list):
        return "een lijst"
    if waarde is None:
        return "null (leeg)"
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, float) and math.isfinite(waarde) and waarde.is_integer():
        waarde = int(waarde)  # 1000.0 -> 1000, as an editor would write it
    return f"'{zichtbaar(str(waarde))}'"


def _als_yaml(ruw: str, tag: str, waarde: object) -> str:
    """'01234' typed, 668 read: "01234 (YAML leest dit als getal: 668)"."""
    gelezen = _toon(waarde).strip("'")
    soort = SOORTEN.get(tag, "iets anders dan tekst")
    zelfde = gelezen == ruw or (tag == "tag:yaml.org,2002:null")
    return f"{zichtbaar(ruw) or 'een lege waarde'} (YAML leest dit als {soort}{'' if zelfde else ': ' + gelezen})"


def _getal_tekst(x: object) -> str:
    return _toon(x).strip("'")


def _data_pad(data: object, loc: tuple[str | int, ...]) -> Pad:
    """Drop the parts of a pydantic loc that are not in the data (union branch names)."""
    pad: list[str | int] = []
    huidig = data
    for i, deel in enumerate(loc):
        if isinstance(deel, str) and deel.startswith("staat="):
            continue  # the branch of a sourced value (macros.model.sourced), not a key in the file
        if (isinstance(huidig, dict) and deel in huidig) or (isinstance(huidig, list) and isinstance(deel, int) and 0 <= deel < len(huidig)):
            pad.append(deel)
            huidig = huidig[deel]
        elif isinstance(huidig, dict) and i == len(loc) - 1 and isinstance(deel, str):
            pad.append(deel)  # a missing or unknown key
        elif isinstance(huidig, dict) and isinstance(deel, str) and not deel.startswith(
                ("literal[", "list[", "str", "dict[", "function-", "float", "int", "bool", "constrained-", "staat=")):
            pad.append(deel)
            huidig = None
    return tuple(pad)


MAX_SUGGESTIES = 25  # "bedoel je …?" hints per file: each costs a fuzzy search over every field name


def _ctx(err: dict, pad: Pad, yf: YamlFile, veldnamen: set[str], suggereer: bool = True) -> dict:
    ctx = {k: getal(v) for k, v in (err.get("ctx") or {}).items()}
    invoer = err.get("input")
    ctx["invoer_kaal"] = zichtbaar(str(invoer)) if not isinstance(invoer, (dict, list)) else ""
    if pad in yf.ruw:  # a plain scalar YAML read as number, boolean, null or date: quote what was typed
        ruw, tag = yf.ruw[pad]
        ctx["invoer"] = ctx["invoer_kaal"] = ctx["ruw"] = zichtbaar(ruw) or "een lege waarde"
        ctx["invoer_yaml"] = _als_yaml(ruw, tag, invoer)
    else:
        ctx["invoer"] = ctx["invoer_yaml"] = _toon(invoer)
    if err["type"] == "string_too_long":
        ctx["lengte"] = getal(len(invoer)) if isinstance(invoer, str) else "?"
        ctx["max_length"] = getal(err.get("ctx", {}).get("max_length", MAX_TEXT))
    if "expected" in ctx:  # "'a', 'b' or 'c'" -> "a, b of c"
        ctx["expected"] = re.sub(r" or (?!.* or )", " of ", str(ctx["expected"]).replace("'", ""))
        ctx["keuze"] = f"kies een van: {ctx['expected']}" if " of " in ctx["expected"] else f"schrijf {ctx['expected']}"
    if "pattern" in ctx:
        ctx["patroon_uitleg"] = PATROON_UITLEG.get(ctx["pattern"], f"volg het patroon {ctx['pattern']}")
    if err["type"] in ("value_error", "assertion_error"):
        ctx["msg"] = str((err.get("ctx") or {}).get("error", err["msg"])).removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        naam = str(pad[-1]) if pad else ""
        gelijk = difflib.get_close_matches(naam, veldnamen, n=1, cutoff=0.75) if suggereer else []
        ctx["suggestie"] = f" (bedoel je '{gelijk[0]}'?)" if gelijk else ""
    return ctx


def _melding(err: dict, ctx: dict, pad: Pad, yf: YamlFile) -> tuple[str, str]:
    probleem, oplossing = BERICHTEN.get(err["type"], ONBEKEND)
    if err["type"] == "string_type" and pad in yf.ruw:
        oplossing = QUOTE_FIX
    elif err["type"] in ("float_type", "int_type") and isinstance(err.get("input"), str) \
            and re.fullmatch(r"[-+]?[0-9.]+[eE][-+]?[0-9]+", err["input"].strip()):
        oplossing = "schrijf het getal voluit, zonder e-notatie (bv. 1000 in plaats van 1e3)"
    try:
        return probleem.format(**ctx), oplossing.format(**ctx)
    except (KeyError, IndexError, ValueError):
        return ONBEKEND[0].format(invoer=ctx.get("invoer", "")), ONBEKEND[1]


def translate_errors(exc: ValidationError, bestand: str, yf: YamlFile, veldnamen: set[str]) -> list[DataError]:
    """Turn a pydantic ValidationError into Dutch DataError entries, one per field."""
    per_veld: dict[Pad, list[tuple[str, str]]] = {}
    for n, err in enumerate(exc.errors(include_url=False)):
        sleutel = "[key]" in err["loc"]  # the error is about a name before a colon, not about its value
        pad = _data_pad(yf.data, tuple(d for d in err["loc"] if d != "[key]"))
        ctx = _ctx(err, pad, yf, veldnamen, n < MAX_SUGGESTIES)
        if err["type"] == "staat_onbekend" and isinstance(err.get("input"), dict):
            ctx["invoer"] = _toon(err["input"].get("staat"))
        probleem, oplossing = _melding(err, ctx, pad, yf)
        if err["type"] == "missing" and pad and pad[-1] in SOURCED_FIELDS:
            oplossing = MISSING_SOURCED  # a field that says what the source does: name the states
        if err["type"] == "value_error" and ctx.get("msg") == NULL_MESSAGE:
            probleem, oplossing = NULL_PROBLEM, NULL_FIX
        if sleutel and err["type"] == "string_too_short":
            probleem, oplossing = "de naam vóór de dubbele punt is leeg", "schrijf een naam vóór de dubbele punt"
        elif sleutel:
            probleem = f"de naam vóór de dubbele punt: {probleem}"
        per_veld.setdefault(pad, []).append((probleem, oplossing))
    errors = []
    for pad, meldingen in per_veld.items():
        uniek = list(dict.fromkeys(meldingen))
        probleem = " óf ".join(p for p, _ in uniek)
        oplossing = "; of ".join(dict.fromkeys(o for _, o in uniek))
        errors.append(DataError(bestand, yf.regel(pad), field_path(pad), probleem, oplossing))
    return errors


def _getalvorm(ruw: str) -> str:
    kaal = ruw.lstrip("+-")
    if ":" in kaal:
        return "een zestigtallig getal (de dubbele punt)"
    if "_" in kaal:
        return "een getal met liggende streepjes"
    if kaal[:2] in ("0x", "0X"):
        return "een hexadecimaal getal"
    if kaal[:2] in ("0b", "0B"):
        return "een binair getal"
    if kaal[:2] in ("0o", "0O") or re.fullmatch(r"0[0-7]+", kaal):
        return "een octaal getal (de voorloopnul)"
    if "e" in kaal.lower() and "inf" not in kaal.lower():
        return "een getal met exponent"
    return "een bijzonder getal"


def typed_values(yf: YamlFile, bestand: str, al_gemeld: set[str | None]) -> list[DataError]:
    """Values the model accepted but that YAML read differently from how they read: 012 is 10, yes is true.

    A field that already has an error is left alone (its message quotes the raw text already)."""
    errors = []
    for pad, (ruw, tag) in yf.ruw.items():
        getal_anders = tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and not GEWOON_GETAL.fullmatch(ruw) \
            and ruw.lstrip("+-").lower() not in (".inf", ".nan")
        bool_anders = tag == "tag:yaml.org,2002:bool" and ruw not in GEWOON_BOOL
        if not (getal_anders or bool_anders) or field_path(pad) in al_gemeld:
            continue
        if getal_anders:
            errors.append(DataError(
                bestand, yf.regel(pad), field_path(pad),
                f"YAML leest {zichtbaar(ruw)} als {_getalvorm(ruw)}, met de waarde {_getal_tekst(_waarde(yf.data, pad))}",
                "schrijf een gewoon getal (bv. 12 of 2.5); is het tekst of een code, zet de waarde dan tussen aanhalingstekens"))
        else:
            errors.append(DataError(
                bestand, yf.regel(pad), field_path(pad),
                f"YAML leest {zichtbaar(ruw)} als de ja/nee-waarde {_toon(_waarde(yf.data, pad))}",
                "schrijf true of false; is het tekst, zet de waarde dan tussen aanhalingstekens"))
    return errors


def _waarde(data: object, pad: Pad) -> object:
    for deel in pad:
        data = data[deel]  # type: ignore[index]
    return data
