"""The spreadsheet round trip: read a region's workbook in the export's format and write the differences
into data/ (``productenboek-import-xlsx``).

``import_workbook(pad, data_dir, regio, dry_run)`` reads the workbook (``workbook.py``: bounded, formulas
refused), finds the product sheet by the exports' Dutch headers (``macros.exports.COLUMNS``, the one
definition), compares every row with what the export writes for that product (``rows.py``: only a cell that
differs is an edit; ``columns.py``: which columns are read and how), edits the YAML files in place
(``yamledit.py``: ruamel.yaml round trip, only the changed keys), writes new products as new files, and
validates the result with the one loader in a temporary copy of data/. Only when everything validates is
anything written (all files, or none). Every problem is an ``ImportProblem`` naming sheet, row and column.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from macros.catalogue.errors import DataErrors
from macros.catalogue.loader import Catalogue, load_catalogue
from macros.catalogue.yamlerrors import zichtbaar
from macros.editing.yamlstyle import normalise
from macros.exports import COLUMNS, NOTES_SHEET, TABLES, code_table_sheet, product_row
from macros.exports.template import INSTRUCTIONS_SHEET, PRODUCTS_SHEET
from macros.exports.xlsx import sheet_name
from macros.imports import columns
from macros.imports.rows import ProductEditor, SheetRow, changed_columns, norm, product_id, slug_fout
from macros.imports.workbook import Cell, ImportProblem, ImportProblems, read_sheets
from macros.imports.yamledit import dump, edit, load

NAME_BY_HEADER = {k.header: k.name for k in COLUMNS}
# The export's extra sheets (functiemix, eisen, resultaten, …): shown, not read; the editor is told so once.
TABLE_SHEETS = [sheet_name(t.title) for t in TABLES]
HEADER_BY_NAME = {k.name: k.header for k in COLUMNS}


@dataclass
class ImportResult:
    regio: str
    gewijzigd: dict[str, list[str]] = field(default_factory=dict)  # file -> changed fields
    nieuw: list[str] = field(default_factory=list)  # new files
    let_op: list[str] = field(default_factory=list)  # notes on edits that are not errors
    niet_gelezen: list[str] = field(default_factory=list)  # the workbook's extra sheets, which are not read
    geschreven: bool = False

    def _sheets_note(self) -> list[str]:
        if not self.niet_gelezen:
            return []
        return [f"Let op: de werkbladen {', '.join(self.niet_gelezen)} worden niet ingelezen: ze tonen wat de export uit "
                "de gegevens haalt. Wijzig functiemix, eisen, resultaten, uitsluitingen, samenloop, opmerkingen en "
                "bronnen in het YAML-bestand van het product (zie de handleiding, 'Werken met Excel')."]

    def report(self) -> str:
        if not self.gewijzigd and not self.nieuw:
            return "\n".join([f"Regio {self.regio}: geen verschillen met data/; er is niets geschreven.", *self._sheets_note()])
        regels = [f"Regio {self.regio}: {len(self.gewijzigd)} {'bestand' if len(self.gewijzigd) == 1 else 'bestanden'} "
                  f"gewijzigd, {len(self.nieuw)} nieuw."]
        regels += [f"- {f}: {', '.join(v)}" for f, v in sorted(self.gewijzigd.items())]
        regels += [f"- {f}: nieuw product" for f in self.nieuw]
        regels += self._sheets_note()
        regels += [f"Let op: {zichtbaar(m, 400)}" for m in self.let_op]
        regels.append("Geschreven in data/. Controleer met productenboek-validate en productenboek-change-report."
                      if self.geschreven else "Proefdraai (--dry-run): er is niets geschreven.")
        return "\n".join(regels)


def _product_sheet(bladen: dict[str, list[list[Cell]]], cat: Catalogue, regio: str | None) -> str:
    kandidaten = [b for b in bladen if b not in (NOTES_SHEET, INSTRUCTIONS_SHEET, *TABLE_SHEETS) and not b.startswith("Codetabel")]
    if regio and regio in cat.regios:
        eigen = sheet_name(cat.regios[regio].naam)
        if eigen in kandidaten:
            return eigen
    if len(kandidaten) == 1:
        return kandidaten[0]
    raise ImportProblems([ImportProblem("werkboek", f"het werkboek heeft {len(kandidaten)} werkbladen met producten "
                                   f"({', '.join(kandidaten[:10])})", "lees één regio in: gebruik het Excel-bestand van "
                                   "die regio van /open-data/, of geef de regio met --regio")])


def _koppen(rijen: list[list[Cell]], blad: str) -> dict[int, str]:
    if not rijen:
        raise ImportProblems([ImportProblem(f"{blad}!A1", "het werkblad is leeg", "gebruik het sjabloon of een export van /open-data/")])
    if rijen[0][0].rij != 1:
        raise ImportProblems([ImportProblem(Cell(blad, 1, 1, None).adres, "rij 1 is leeg: daar horen de kolomkoppen",
                                            "zet de kolomkoppen van het sjabloon of de export terug in rij 1")])
    fouten, kolommen = [], {}
    for cel in rijen[0]:
        if cel.waarde in (None, ""):
            continue
        naam = NAME_BY_HEADER.get(str(cel.waarde).strip())
        if naam is None:
            fouten.append(ImportProblem(cel.adres, f"onbekende kolomkop '{str(cel.waarde)[:60]}'",
                                     "gebruik de kolomkoppen van het sjabloon of de export (zie het werkblad Toelichting); "
                                     "verwijder een eigen kolom"))
        elif naam in kolommen.values():
            fouten.append(ImportProblem(cel.adres, f"de kolom '{cel.waarde}' staat er twee keer", "verwijder een van beide"))
        else:
            kolommen[cel.kolom] = naam
    if "id" not in kolommen.values() and not fouten:
        fouten.append(ImportProblem(f"{blad}!A1", "de kolom 'Product-id' ontbreekt", "neem de kolomkoppen van het sjabloon over"))
    if fouten:
        raise ImportProblems(fouten)
    return kolommen


def _rij(cellen: list[Cell], kolommen: dict[int, str], blad: str) -> SheetRow:
    """A row that holds data, with a cell (empty where the sheet has none) for every column the sheet has."""
    nummer = cellen[0].rij
    per_kolom = {cel.kolom: cel for cel in cellen}
    return SheetRow(nummer, {naam: per_kolom.get(k) or Cell(blad, nummer, k, None) for k, naam in kolommen.items()})


def _regio(rijen: list[SheetRow], cat: Catalogue, regio: str | None, blad: str) -> str:
    if regio is None:
        ids = {c.waarde.strip() for r in rijen if (c := r.cel("regio_id")) and isinstance(c.waarde, str) and c.waarde.strip()}
        van_blad = {r for r, rec in cat.regios.items() if sheet_name(rec.naam) == blad}
        if not rijen:  # an export of a region without products: its sheet is named after the region
            ids = van_blad
        if len(ids) > 1 and len(van_blad) == 1:  # an export's sheet is named after its region: name the odd cells
            (eigen,) = van_blad
            anders = [c for r in rijen if (c := r.cel("regio_id")) and c.waarde not in (None, "")
                      and (not isinstance(c.waarde, str) or c.waarde.strip() != eigen)]
            raise ImportProblems([ImportProblem(c.adres, f"Regio-id '{zichtbaar(str(c.waarde), 40)}' is niet die van dit "
                                                f"werkblad ({eigen})", f"typ '{eigen}' (de Regio-id wordt niet gewijzigd; een "
                                                "product van een andere regio zet u in het werkboek van die regio)")
                                  for c in anders])
        if len(ids) != 1:
            raise ImportProblems([ImportProblem("werkboek", "de kolom Regio-id noemt " + (f"{len(ids)} regio's" if ids else "geen regio"),
                                           "vul bij elke rij dezelfde Regio-id in, of geef de regio met --regio")])
        regio = ids.pop()
    if regio not in cat.regios:
        raise ImportProblems([ImportProblem("werkboek", f"regio '{regio[:40]}' bestaat niet in data/regions/",
                                       f"maak eerst data/regions/{regio[:40]}.yaml aan (zie 'Een regio beginnen' in de "
                                       "handleiding), of kies een van: " + ", ".join(cat.regios))])
    return regio


def import_workbook(pad: Path, data_dir: Path, regio: str | None = None, dry_run: bool = False) -> ImportResult:
    """Import; raises ImportProblems (nothing written) on any problem."""
    bladen = read_sheets(Path(pad), skip=frozenset(TABLE_SHEETS))
    try:
        cat = load_catalogue(data_dir)
    except DataErrors as e:
        raise ImportProblems([ImportProblem("data/", f"de huidige gegevens zijn zelf ongeldig ({len(e.errors)} fouten), dus de "
                                       "import kan niet vergelijken", "herstel eerst de fouten die productenboek-validate "
                                       "noemt, en lees dan opnieuw in")]) from None
    blad = _product_sheet(bladen, cat, regio)
    kolommen = _koppen(bladen[blad], blad)
    rijen = [_rij(cellen, kolommen, blad) for cellen in bladen[blad][1:]]
    regio = _regio(rijen, cat, regio, blad)
    r = cat.regios[regio]
    bewerker = ProductEditor(list(r.gemeenten), {t: pt.naam for t, pt in cat.producttypen.items()})
    bestaand = {p.id: p for p in cat.products_of(regio)}
    oud = {pid: product_row(cat, p) for pid, p in bestaand.items()}
    gezien: dict[str, SheetRow] = {}
    for rij in rijen:
        waar = rij.cel("id") or Cell(blad, rij.nummer, 1, None)
        try:
            pid = product_id(rij)
        except columns.CellError as e:
            bewerker.fouten.append(columns.fout(rij.cel("code") or waar, e))
            continue
        if pid is None or (f := slug_fout(pid)) is not None:
            bewerker.fouten.append(columns.fout(waar, f if pid else columns.CellError(
                "de rij heeft geen Product-id en geen productcode", "vul de Product-id in (de bestandsnaam, bv. 45f21)")))
            continue
        if pid in gezien:
            bewerker.fouten.append(ImportProblem(waar.adres, f"Product-id '{pid}' staat ook in rij {gezien[pid].nummer}",
                                              "elk product staat één keer in het werkblad"))
            continue
        rij.id, rij.nieuw = pid, pid not in bestaand
        gezien[pid] = rij
        if rij.nieuw:
            continue  # read below, unless it is a retyped Product-id
        elif changed_columns(rij, oud[pid]):  # a file is read (round trip) only when its row has an edit
            rij.doc = load((data_dir.parent / bestaand[pid].pad).read_text(encoding="utf-8"))
            bewerker.bestaand(rij, rij.doc, oud[pid])
    # An export lists every product of the region, so a missing row is a mistake; the template (its sheet
    # "Producten") holds only the products a region adds, and the others stay as they are.
    ontbrekend = sorted(set(bestaand) - set(gezien)) if blad != PRODUCTS_SHEET else []
    for rij in (r for r in gezien.values() if r.nieuw):
        oud_id = next((pid for pid in ontbrekend if _zelfde_product(rij, bestaand[pid])), None)
        if oud_id is None:
            bewerker.nieuw(rij)
        else:  # a row whose Product-id was retyped
            ontbrekend.remove(oud_id)
            bewerker.fouten.append(ImportProblem(
                rij.cel("id").adres, f"de Product-id van product {zichtbaar(bestaand[oud_id].naam, 80)} is gewijzigd van "
                f"'{oud_id}' in '{zichtbaar(rij.id, 40)}'", f"zet '{oud_id}' terug: de Product-id is de bestandsnaam en het "
                "webadres van het product en wordt niet gewijzigd; een nieuw product krijgt een eigen, nieuwe rij"))
    for pid in ontbrekend:
        bewerker.fouten.append(_ontbrekend(blad, bestaand[pid]))
    _dubbele_codes(gezien, bestaand, bewerker)
    bewerker.fouten += _codetabel_gewijzigd(bladen, cat, regio)
    if bewerker.fouten:
        raise ImportProblems(sorted(bewerker.fouten))
    res = _schrijf(gezien, bestaand, cat, data_dir, regio, oud, dry_run)
    res.let_op = bewerker.let_op
    res.niet_gelezen = [b for b in TABLE_SHEETS if b in bladen]
    return res


def _zelfde_product(rij: SheetRow, p) -> bool:
    """A row that still has a product's code or name (its Product-id cell retyped)."""
    def tekst(naam: str) -> str | None:
        cel = rij.cel(naam)
        return cel.waarde.strip() if cel is not None and isinstance(cel.waarde, str) and cel.waarde.strip() else None

    return (p.code is not None and tekst("code") == p.code) or tekst("naam") == p.naam


def _ontbrekend(blad: str, p) -> ImportProblem:
    """A product of the region without a row: a deleted row means the editor wants the product gone, which the
    import does not do; the message names the product and the two ways to remove it."""
    wie = f"{p.code} {p.naam}" if p.code else p.naam
    return ImportProblem(blad, f"de rij van product {zichtbaar(wie, 120)} ({p.pad}) ontbreekt: is die rij verwijderd? "
                         "De import verwijdert geen producten",
                         f"wilt u het product van de site halen, verwijder dan het bestand {p.pad}; geldt het niet meer "
                         "maar moet het vindbaar blijven, zet de rij terug en typ in de kolom Status 'vervallen'. Was het "
                         "verwijderen een vergissing, zet de rij dan terug (kopieer hem uit een nieuwe export)")


def _codetabel_gewijzigd(bladen: dict[str, list[list[Cell]]], cat: Catalogue, regio: str) -> list[ImportProblem]:
    """The code-table sheet is not read: an edit in it is refused rather than silently dropped."""
    def gelijk(a: object, b: object) -> bool:
        a, b = ("" if v is None else int(v) if isinstance(v, float) and v.is_integer() else v for v in (a, b))
        return str(a).strip() == str(b).strip()

    for naam, rijen in bladen.items():
        if not naam.startswith("Codetabel"):
            continue
        verwacht = code_table_sheet(cat, regio) if regio in cat.codetabellen else None
        gedrukt = [verwacht.header, *verwacht.rows] if verwacht else []
        for cellen in rijen:
            for cel in cellen:  # column B is the product page's address, which depends on the site's URL
                rij = gedrukt[cel.rij - 1] if cel.rij <= len(gedrukt) else []
                if cel.kolom != 2 and not gelijk(cel.waarde, rij[cel.kolom - 1] if cel.kolom <= len(rij) else None):
                    return [ImportProblem(cel.adres, "de import leest de codetabel niet in, en deze cel wijkt af van de "
                                       "codetabel in data/", f"zet de wijziging in data/codetabellen/{regio}.yaml, of "
                                       "maak de cel weer gelijk aan de export")]
    return []


def _dubbele_codes(gezien: dict[str, SheetRow], bestaand: dict, bewerker: ProductEditor) -> None:
    per_code: dict[str, SheetRow] = {}
    for rij in gezien.values():
        code = rij.product.get("code") if rij.nieuw else rij.wijzigingen.get(("code",), bestaand[rij.id].code)
        if not code:
            continue
        if code in per_code:  # named at the row whose code was typed (a new row, or an edited code)
            eerder = per_code[code]
            getypt = [r for r in (rij, eerder) if r.nieuw or ("code",) in r.wijzigingen] or [rij]
            hier, daar = getypt[0], (eerder if getypt[0] is rij else rij)
            waar = hier.cel("code") or Cell("", hier.nummer, 1, None)
            bewerker.fouten.append(ImportProblem(waar.adres, f"productcode {code} staat ook in rij {daar.nummer}",
                                              "elke code hoort bij één product: corrigeer een van beide"))
        else:
            per_code[code] = rij


def _teksten(gezien, bestaand, data_dir: Path, regio: str) -> tuple[dict[str, str], dict[str, list[str]], list[str]]:
    """New file texts by path relative to data_dir's parent ('data/products/…')."""
    teksten, velden, nieuw = {}, {}, []
    for rij in gezien.values():
        if rij.nieuw:
            rel = f"{data_dir.name}/products/{regio}/{rij.id}.yaml"
            teksten[rel] = normalise(dump(rij.product))  # in the house style, like every data file
            nieuw.append(rel)
        elif rij.wijzigingen:
            rel = bestaand[rij.id].pad
            oud = (data_dir.parent / rel).read_text(encoding="utf-8")
            tekst = edit(oud, rij.wijzigingen, rij.doc)
            if tekst != oud:
                teksten[rel] = tekst
                velden[rel] = [".".join(p).replace(".waarde.", ".") for p in rij.wijzigingen]
    return teksten, velden, nieuw


def _schrijf(gezien, bestaand, cat: Catalogue, data_dir: Path, regio: str, oud: dict, dry_run: bool) -> ImportResult:
    teksten, velden, nieuw = _teksten(gezien, bestaand, data_dir, regio)
    res = ImportResult(regio, velden, nieuw)
    if not teksten:
        _alleen_tonen(gezien, cat, regio, oud)
        return res
    with tempfile.TemporaryDirectory(prefix="productenboek-import-") as tmp:
        kopie = Path(tmp) / data_dir.name
        shutil.copytree(data_dir, kopie, symlinks=True)
        for rel, tekst in teksten.items():
            doel = Path(tmp) / rel
            doel.parent.mkdir(parents=True, exist_ok=True)
            doel.write_text(tekst, encoding="utf-8")
        try:
            nieuw_cat = load_catalogue(kopie)
        except DataErrors as e:
            raise ImportProblems(_als_cellen(e, gezien, regio, oud)) from None
    _alleen_tonen(gezien, nieuw_cat, regio, oud)
    if not dry_run:
        _schrijf_alles(data_dir.parent, teksten)
        res.geschreven = True
    return res


def _als_cellen(e: DataErrors, gezien: dict[str, SheetRow], regio: str, oud: dict) -> list[ImportProblem]:
    """The loader's messages about the edited files, pointed at the cells they come from: of the columns that
    make the field, the one that was edited (an emptied unit, not the number beside it)."""
    per_pad = {f"products/{regio}/{rij.id}.yaml": rij for rij in gezien.values()}
    uit = []
    for f in e.errors:
        rij = next((r for p, r in per_pad.items() if f.bestand.endswith(p)), None)
        if rij is None:
            uit.append(ImportProblem(f.bestand + (f":{f.regel}" if f.regel else ""), f.probleem, f.oplossing))
            continue
        veld = (f.veld or "").replace("[", ".").split(".")
        kol = columns.VELD_KOLOM.get(".".join(veld[:2])) or columns.VELD_KOLOM.get(veld[0])
        if kol and not rij.nieuw and rij.id in oud:
            gewijzigd = changed_columns(rij, oud[rij.id])
            kol = next((k for k in columns.SAMEN.get(kol, (kol,)) if k in gewijzigd), kol)
        cel = rij.cel(kol) if kol else None
        waar = cel.adres if cel else f"rij {rij.nummer}"
        uit.append(ImportProblem(f"{waar} ({f.bestand}{', veld ' + f.veld if f.veld else ''})", f.probleem, f.oplossing))
    return sorted(uit)


def _alleen_tonen(gezien: dict[str, SheetRow], cat: Catalogue, regio: str, oud: dict) -> None:
    """A column the import does not read must still say what the export says, before or after the edit."""
    fouten = []
    for rij in gezien.values():
        nieuw = product_row(cat, cat.producten[f"{regio}/{rij.id}"])
        for naam, cel in rij.cellen.items():
            tekstkolom = naam in ("maximale_duur", "maximaal_volume")  # shown for an existing product
            if naam == "id" or (rij.nieuw and (naam in columns.EDITABLE or naam == "opmerkingen")) \
                    or (not rij.nieuw and naam in columns.EDITABLE and not tekstkolom):
                continue
            waarden = {norm(nieuw[naam])} | ({norm(oud[rij.id][naam])} if rij.id in oud else {None})
            if norm(cel.waarde) not in waarden and not _zelfde_adres(naam, cel.waarde, waarden):
                fouten.append(ImportProblem(cel.adres, f"de kolom '{HEADER_BY_NAME[naam]}' wordt niet ingelezen: zij toont "
                                         "wat uit andere gegevens volgt", "zet de cel terug zoals de export hem schreef; "
                                         "wijzig de gegevens zelf in de kolommen die de handleiding noemt, of in het YAML-bestand"))
    if fouten:
        raise ImportProblems(sorted(fouten))


def _zelfde_adres(naam: str, cel: object, waarden: set) -> bool:
    """An address column of an export built with a site address (SITE_URL) ends in the path a build without
    one writes relative to open-data/ ('../flevoland/45f21/')."""
    if naam not in ("url", "bron_url") or not isinstance(cel, str) or not cel.startswith(("http://", "https://")):
        return False
    return any(isinstance(w, str) and w and cel.endswith("/" + w.removeprefix("../")) for w in waarden)


def _schrijf_alles(root: Path, teksten: dict[str, str]) -> None:
    """Every file, or none: each written beside its target first, then moved into place."""
    klaar = []
    try:
        for rel, tekst in teksten.items():
            doel = root / rel
            doel.parent.mkdir(parents=True, exist_ok=True)
            tmp = doel.with_name(doel.name + ".import-tmp")
            tmp.write_text(tekst, encoding="utf-8")
            klaar.append((tmp, doel))
        for tmp, doel in klaar:
            os.replace(tmp, doel)
    finally:
        for tmp, _ in klaar:
            tmp.unlink(missing_ok=True)
