"""Small builders for validation tests: a minimal valid data folder to break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path
from textwrap import dedent

SOURCES = Path(__file__).resolve().parent.parent / "data" / "bronnen"

REGIO = """\
naam: Testregio
gemeenten: [Almere, Dronten, Lelystad]
codes_volgen_jz020: true
bronnen:
  - document: 002_b4979bd38850de40.txt
    titel: Productomschrijvingen
    soort: productomschrijvingen
    editie: null
    status: vastgesteld
"""

TYPEN = """\
producttypen:
  - id: begeleiding-individueel
    naam: Begeleiding individueel
  - id: behandeling-gezin
    naam: Behandeling gezin
"""

PRODUCT = """\
code: 45F21
naam: Specialistische Begeleiding – Individueel
productgroep: Multidisciplinaire Specialistische Jeugdhulp
producttype: begeleiding-individueel
status: vastgesteld
gemeenten: [Almere, Dronten]
omschrijving: Begeleiding van de jeugdige.
doelgroep: {staat: niet-vermeld}
eenheid: {soort: PxQ}
tarief: {staat: leeg}
normenkader:
  soort: trajectduur
  max_duur: {tekst: "Duur van een traject is maximaal 12 maanden", waarde: 12, eenheid: maanden}
  max_volume: {staat: niet-vermeld}
functiemix: {staat: niet-vermeld}
bron: {document: 002_b4979bd38850de40.txt, sectie: "7. Multidisciplinaire Specialistische Jeugdhulp Specialistische Begeleiding – Individueel"}
aanvullende_bronnen:
  - {document: 002_b4979bd38850de40.txt, sectie: "3. Multidisciplinaire Specialistische Jeugdhulp Behandeling - Gezin intensief"}
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dedent(text), encoding="utf-8")
    return path


def minimal_data(root: Path) -> Path:
    data = root / "data"
    shutil.copytree(SOURCES, data / "bronnen")
    write(data / "regions" / "testregio.yaml", REGIO)
    write(data / "producttypen.yaml", TYPEN)
    write(data / "products" / "testregio" / "45f21.yaml", PRODUCT)
    write(data / "products" / "testregio" / "45f34.yaml",
          PRODUCT.replace("45F21", "45F34").replace("begeleiding-individueel", "behandeling-gezin")
          .replace("naam: Specialistische Begeleiding – Individueel", "naam: Behandeling – Gezin intensief"))
    return data
