"""The words of the site for what a source does with a value, and the labels of the fields: one place.

The state words are the model's (``macros.model.sourced.STATE_LABELS``, which the editing guide names);
the field labels are the reader's names of the model's fields, lower case as they run in a sentence (the
change report, the form) and ``title(...)`` at the start of a row or header.
"""

from __future__ import annotations

from macros.model.sourced import STATE_LABELS, STATES

STATE_WORDS: dict[str, str] = STATE_LABELS  # state -> how the site says it ("niet vermeld in de bron")
BLANK = STATE_WORDS["leeg"]
NOT_STATED = STATE_WORDS["niet-vermeld"]
INFERRED = STATE_WORDS["afgeleid"]
NONE_STATED = STATE_WORDS["geen"]
DEFERRED = STATE_WORDS["nader-te-bepalen"]
NO_VALUE_STATES = tuple(s for s in STATES if s not in ("vermeld", "afgeleid"))  # the source gives no value

NO_CODE = "geen code in de bron"
ALL_MUNICIPALITIES = "Alle gemeenten van de regio"
# The source calls 54002's values a "richtinggevend kader" with exception grounds; that they are not a maximum
# is the editors' reading, and every surface says so.
GUIDELINE_READING = ("de bron noemt het een richtinggevend kader met uitzonderingsgronden; dat het geen maximum is, "
                     f"is {INFERRED}")
GUIDELINE_NOTE = f"richtinggevend kader; geen maximum: {INFERRED}"
INFERRED_SEE_PAGE = f"{INFERRED}; de reden staat op de productpagina"
EDITORIAL_TYPE = "indeling van de redactie, om producten van regio's te vergelijken"

# Kinds of limit: a normenkader and a trajectduur are maxima; a richtinggevend kader is a guideline.
LIMIT_KINDS = {
    "normenkader": "normenkader",
    "trajectduur": "trajectduur (productomschrijving)",
    "richtinggevend-kader": "richtinggevend kader",
}

# The reader's name of each field (paths into the model: 'normenkader.max_duur') ...
FIELD_LABELS = {
    "code": "productcode", "naam": "naam", "productgroep": "productgroep", "producttype": "producttype",
    "status": "status", "gemeenten": "gemeenten", "omschrijving": "omschrijving", "doel": "doel",
    "doelgroep": "doelgroep", "resultaten": "resultaten", "eenheid": "eenheid", "tarief": "tarief",
    "normenkader": "normenkader", "normenkader.soort": "soort kader", "normenkader.max_duur": "maximale duur",
    "normenkader.max_volume": "maximaal volume", "normenkader.basis": "basis van het normenkader",
    "normenkader.uitzonderingsgronden": "uitzonderingsgronden", "functiemix": "functiemix",
    "functiemix.niveaus": "functieniveaus", "functiemix.toelichting": "functieprofiel",
    "functiemix.regiebehandelaar": "regiebehandelaar", "voorspelbaarheid": "voorspelbaarheid van de aanpak",
    "inzet": "duur en intensiteit", "groepsgrootte": "groepsgrootte", "eisen": "specifieke eisen",
    "uitsluitingen": "uitsluitingen", "uitsluitingen_voetnoot": "voetnoot bij de uitsluitingen",
    "samenloop": "samenloop", "bron": "bron", "aanvullende_bronnen": "aanvullende bronnen",
    "opmerkingen": "opmerkingen bij de bron",
    # regions
    "organisatie": "organisatie", "gemeenten_toelichting": "toelichting bij de gemeenten",
    "codes_volgen_jz020": "codes volgen de iJw-categorieën", "inleiding": "inleiding", "bronnen": "brondocumenten",
    "definities": "definities", "kaders": "kaders",
    # decision trees and their outcomes
    "titel": "titel", "regio": "regio", "start": "startvraag", "vragen": "vragen", "vragen.antwoorden": "antwoorden",
    "advies": "advies", "producten": "producten",
}
# ... and of the facts the view derives from them (not field names: the form and the change report never see them)
FACT_LABELS = {
    "duur": "maximale duur", "volume": "maximaal volume", "ijw": "iJw-categorie", "functieniveau": "functieniveau",
    "richtduur": "richtinggevende duur", "richtvolume": "richtinggevende omvang",
}
ITEM_LABELS = {  # the label of one item of a list field
    "resultaten": "resultaat", "eisen": "eis", "uitsluitingen": "uitsluiting", "opmerkingen": "opmerking",
    "normenkader.uitzonderingsgronden": "uitzonderingsgrond", "functiemix.niveaus": "functieniveau",
    "samenloop": "samenloopregel", "aanvullende_bronnen": "aanvullende bron", "bronnen": "brondocument",
    "definities": "definitie", "kaders": "kader", "vragen": "vraag", "vragen.antwoorden": "antwoord",
}
COMBINATION_LABELS = {
    "niet-samen": "Niet samen met",
    "eerst-andere": "Eerst",
    "zelfde-aanbieder": "Zelfde aanbieder",
    "alleen-samen": "Altijd samen met",
    "overig": "Regel",
}


def title(text: str) -> str:
    """'maximale duur' -> 'Maximale duur'; 'iJw-categorie' stays as it is."""
    return text if not text or text.startswith("iJw") else text[0].upper() + text[1:]


def label(key: str) -> str:
    """The label of a field or fact at the start of a row: 'duur' -> 'Maximale duur'."""
    return title(FACT_LABELS.get(key) or FIELD_LABELS[key])


def state_said(text: str) -> str:
    """The state that a one-line text (``Shown.plain``: an export cell, a comparison cell) says: the inverse
    of how the view writes it. An empty text, and the code cell of a product without a code, is a blank."""
    t = text.strip()
    if not t or t == NO_CODE:  # a product without a code: the view's code fact is a blank, said as NO_CODE
        return "leeg"
    if t.startswith(INFERRED) or f"({INFERRED}" in t:  # first: an inferred blank amount is an inference
        return "afgeleid"
    for state in STATES:
        if state != "vermeld" and t.startswith(STATE_WORDS[state]):
            return state
    return "vermeld"


def browser_words() -> dict:
    """The words a browser script needs to say a value (the finder's cards): from here, not its own copy."""
    return {"staat": dict(STATE_WORDS), "velden": {k: label(k) for k in ("eenheid", "duur", "gemeenten", "status")},
            "richtduur": label("richtduur"), "richtlijn": GUIDELINE_NOTE, "vastgesteld": "vastgesteld"}
