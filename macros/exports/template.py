"""The empty workbook template (``open-data/sjabloon.xlsx``): the export's product columns without rows, an
instructions sheet in Dutch and the header mapping. A region fills it and reads it in with
``productenboek-import-xlsx`` (see ``macros.imports``); its headers are the exports' ``COLUMNS``.
"""

from __future__ import annotations

import datetime

from macros.exports import COLUMNS, FOLDER, notes_sheet
from macros.exports.xlsx import Sheet, workbook
from macros.view.words import BLANK, LIMIT_KINDS, NOT_STATED

TEMPLATE = f"{FOLDER}/sjabloon.xlsx"
PRODUCTS_SHEET = "Producten"
INSTRUCTIONS_SHEET = "Instructies"

# Which columns a region fills for a new product, in the instructions' words (machine name -> what to type).
TO_FILL_IN = {
    "regio_id": "De id van de regio: de naam van het regiobestand data/regions/<id>.yaml (bv. zuid-limburg). Verplicht.",
    "id": "De bestandsnaam van het product (kleine letters, cijfers, koppeltekens); leeg: de code in kleine letters.",
    "code": "De productcode zoals in het iJw-berichtenverkeer (hoofdletters en cijfers, bv. 45F21); leeg als er geen is. "
            "Een code van alleen cijfers: typ er een apostrof voor ('84110), anders maakt Excel er een getal van.",
    "naam": "De naam van het product zoals de bron hem noemt. Verplicht.",
    "productgroep": "De productgroep zoals de bron hem noemt. Verplicht.",
    "producttype": "Een producttype uit de lijst op de website (Producttype in de export), bv. Begeleiding individueel. Verplicht.",
    "eenheid": f"De declaratie-eenheid (bv. PxQ, uur, etmaal), '{NOT_STATED}', of leeg (= {NOT_STATED}).",
    "tarief": "Het bedrag in euro, als getal (bv. 85,50).",
    "tarief_per": "Waar het bedrag voor geldt: uur, etmaal, jaar, …",
    "tarief_status": f"'gepubliceerd' (met een bedrag), '{BLANK}' (de bron heeft een leeg bedrag), "
                     f"'{NOT_STATED}', of leeg: met bedrag gepubliceerd, zonder {NOT_STATED}.",
    "soort_kader": f"{', '.join(LIMIT_KINDS[s] for s in ('normenkader', 'trajectduur'))}, of leeg (= {NOT_STATED}). "
                   "Een richtinggevend kader schrijft u in het YAML-bestand.",
    "maximale_duur": "De maximale duur zoals de bron hem drukt, letterlijk (bv. 'Duur van een traject is maximaal 9 maanden').",
    "maximale_duur_waarde": "Het getal van die duur (bv. 9).",
    "maximale_duur_eenheid": "De eenheid van dat getal (bv. maanden).",
    "maximaal_volume": "Het maximale volume zoals de bron het drukt, letterlijk.",
    "maximaal_volume_waarde": "Het getal van dat volume.",
    "maximaal_volume_eenheid": "De eenheid van dat getal (bv. uur).",
    "gemeenten": f"'Alle gemeenten van de regio', of gemeenten uit het regiobestand gescheiden door komma's; "
                 f"leeg = {NOT_STATED}.",
    "status": f"vastgesteld, concept of vervallen als de bron dat zegt; leeg = {NOT_STATED}.",
    "opmerkingen": "Onduidelijkheden in de bron; meer opmerkingen gescheiden door ' | '.",
    "bron_document": "De bestandsnaam van het brondocument in data/bronnen/ (bv. 005_mijn-regio.txt). Verplicht.",
    "bron_sectie": "De kop van de sectie in dat document waar het product staat. Verplicht.",
}

STEPS = [
    "Dit sjabloon is voor een nieuwe regio of voor nieuwe producten. Wijzigt u bestaande producten, "
    "begin dan met het Excel-bestand van uw regio op /open-data/: daarin staan alle producten al.",
    "Eerst, eenmalig voor een nieuwe regio: het regiobestand data/regions/<id>.yaml (naam, gemeenten, brondocumenten) "
    "en de brondocumenten als tekst in data/bronnen/. De handleiding 'Data bewerken' (Werken met Excel) laat zien hoe.",
    "Vul op het werkblad Producten één rij per product in. Welke kolommen u invult, staat hieronder; laat de andere "
    "kolommen leeg (de website vult ze zelf, bijvoorbeeld Webpagina en Bron).",
    "Wat het werkblad niet zegt, komt in het productbestand als 'niet vermeld in de bron' (omschrijving, doelgroep, "
    "functiemix, en elke lege kolom). Vul die velden daarna aan in de YAML-bestanden, met de tekst van de bron.",
    "Geen formules: typ waarden. Een getal typt u als getal (85,50), zonder euroteken of eenheid.",
    "Lees het werkboek in: .venv/bin/productenboek-import-xlsx sjabloon.xlsx --regio <id> --dry-run (controleert alleen), "
    "daarna zonder --dry-run. Een fout noemt werkblad, rij en kolom (bv. Producten!F7); er wordt dan niets geschreven.",
    "Dien de nieuwe bestanden in als pull request: u krijgt een voorbeeldsite en het overzicht van de wijzigingen.",
]


def instructions_sheet() -> Sheet:
    rows = [[f"Stap {i}", text] for i, text in enumerate(STEPS, start=1)]
    rows += [["", ""], ["Kolom", "Wat u invult"]]
    rows += [[k.header, TO_FILL_IN.get(k.name, "Niet invullen: de website vult deze kolom.")] for k in COLUMNS]
    return Sheet(INSTRUCTIONS_SHEET, ["Sjabloon productenboek jeugdhulp", "Zo gebruikt u het"], rows)


def template_workbook(created: datetime.datetime) -> bytes:
    """The template as .xlsx bytes (deterministic, like the exports)."""
    products = Sheet(PRODUCTS_SHEET, [k.header for k in COLUMNS], [],
                     {k.header: k.number_format for k in COLUMNS if k.number_format})
    return workbook([products, instructions_sheet(), notes_sheet(tables=False)], created, "Sjabloon productenboek jeugdhulp")
