"""The export's extra tables: what a product page shows as a list (staff levels, results, requirements,
exclusions, combination rules, notes, sources, search words) and how every fact is said (state, shown text,
quote and its link, notes), one row per item, keyed by region, product id and code.

In the workbook each table is a sheet after the region's product sheet; as CSV each is a file
``open-data/tabellen/<regio>/<tabel>.csv``; in JSON the rows are nested under each product (``weergave``).
Each column has a Dutch header and a fixed machine name, like the product sheet's (``columns.py``).
How a value is said, and every label and state word, comes from the view (``macros.view``), never from here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from macros.catalogue.records import ProductRecord
from macros.exports.columns import ProductRow, code_cell, link, staff_mix
from macros.model import note_text, notes_about
from macros.model.sourced import value_of
from macros.view.product import kind_label, source_line, sources_of
from macros.view.words import COMBINATION_LABELS, STATE_WORDS

Row = dict[str, str | float | int | None]


@dataclass(frozen=True)
class TableColumn:
    name: str  # machine name, stable for scripts
    header: str  # Dutch header in CSV and Excel
    meaning: str  # what the column holds, in Dutch (/open-data/ and the "Toelichting" sheet)
    number_format: str | None = None  # Excel number format when the column holds numbers


@dataclass(frozen=True)
class Table:
    name: str  # machine name: the CSV file's stem and the JSON key
    title: str  # the sheet's name, in Dutch
    meaning: str  # what one row is, in Dutch
    columns: tuple[TableColumn, ...]
    rows: Callable[[ProductRow], list[Row]]

    @property
    def all_columns(self) -> tuple[TableColumn, ...]:
        return KEY + self.columns


KEY = (
    TableColumn("regio_id", "Regio-id", "Id van de regio (als op het werkblad met de producten)"),
    TableColumn("id", "Product-id", "Id van het product binnen de regio (als op het werkblad met de producten)"),
    TableColumn("code", "Productcode", "Productcode; zonder code zegt de cel dat, zoals de productpagina"),
    TableColumn("nr", "Nr.", "Volgnummer binnen het product, in de volgorde van de productpagina", "0"),
)
NOTES = TableColumn("opmerkingen", "Opmerkingen (nummers)",
                    "Nummers van de opmerkingen (werkblad Opmerkingen) die over dit veld gaan, zoals 'zie opmerking 1' op de productpagina")


def note_numbers(p: ProductRecord, *fields: str) -> str:
    """'1, 3': the numbers the product page gives the notes that concern these fields."""
    box = [note_text(o) for o in p.opmerkingen]
    return ", ".join(str(box.index(t) + 1) for t in notes_about(p, *fields))


def _keyed(x: ProductRow, items: list[Row]) -> list[Row]:
    key = {"regio_id": x.p.regio, "id": x.p.id, "code": code_cell(x)}
    return [{**key, "nr": i, **item} for i, item in enumerate(items, start=1)]


LONG_TEXTS = ("omschrijving", "doel", "doelgroep", "functiemix")  # sourced texts below the key facts, each a product-sheet column


def _facts(x: ProductRow) -> list[Row]:
    """Every fact of the page's key-facts list, then the sourced texts below it, as the page says them."""
    p, view = x.p, x.view
    rows = [(f.veld, f.label, f.s, f.toelichting, f.gedrukt, f.notes) for f in view.rows]
    for key in LONG_TEXTS:
        f = view[key]
        rows.append((key, f.label, staff_mix(x) if key == "functiemix" else f.s, None, None, f.notes))
    box = [note_text(o) for o in p.opmerkingen]
    # a fact the source states plainly (no quote, no note) is all in the product sheet: no row of its own
    rows = [r for r in rows if r[2].state != "vermeld" or r[2].quote or r[2].reason or r[5]]
    return _keyed(x, [{
        "veld": key, "label": label, "staat": STATE_WORDS[s.state],
        # a long text the source states is in its own column of the product sheet, not written twice
        "getoond": "" if key in LONG_TEXTS and s.has_value else s.plain,
        "citaat": s.quote or "", "citaat_url": link(x.site_url, s.link) if s.link else "",
        "reden": s.reason or "", "gedrukt": (printed or {}).get("text") or "",
        "toelichting": explanation or "",
        "opmerkingen": ", ".join(str(box.index(n) + 1) for n in notes if n in box),
    } for key, label, s, explanation, printed, notes in rows])


def _staff_levels(x: ProductRow) -> list[Row]:
    """One row per staff level; a product whose source gives no staff mix gets one row that says so."""
    s = staff_mix(x)
    mix, notes = value_of(x.p.functiemix), note_numbers(x.p, "functiemix")
    state = s.plain if not s.has_value else STATE_WORDS[s.state] + (f": {s.reason}" if s.reason else "")
    if mix is None:
        return _keyed(x, [{"niveau": "", "registratie": "", "aandeel": None, "functies": "", "staat": state,
                           "opmerkingen": notes}])
    return _keyed(x, [{"niveau": n.niveau, "registratie": n.registratie or "", "aandeel": n.aandeel,
                       "functies": n.functies or "", "staat": state, "opmerkingen": notes} for n in mix.niveaus])


def _list(key: str, column: str) -> Callable[[ProductRow], list[Row]]:
    def rows(x: ProductRow) -> list[Row]:
        notes = note_numbers(x.p, key)
        return _keyed(x, [{column: item, "opmerkingen": notes} for item in getattr(x.p, key)])
    return rows


def _exception_grounds(x: ProductRow) -> list[Row]:
    limit_frame = value_of(x.p.normenkader)
    notes = note_numbers(x.p, "normenkader")
    return _keyed(x, [{"grond": u, "soort_kader": kind_label(x.p) or "", "opmerkingen": notes}
                      for u in (limit_frame.uitzonderingsgronden if limit_frame else [])])


def _combinations(x: ProductRow) -> list[Row]:
    notes = note_numbers(x.p, "samenloop")
    return _keyed(x, [{
        "soort": COMBINATION_LABELS[s.soort], "regel": s.regel, "producten": ", ".join(s.producten),
        "productnamen": ", ".join(x.cat.product(r).titel for r in s.producten if r in x.cat.producten),
        "opmerkingen": notes,
    } for s in x.p.samenloop])


def _notes(x: ProductRow) -> list[Row]:
    return _keyed(x, [{"velden": ", ".join(getattr(o, "velden", [])), "tekst": note_text(o)} for o in x.p.opmerkingen])


def _sources(x: ProductRow) -> list[Row]:
    docs = {b.document: b for b in x.region.bronnen}
    out = []
    for i, b in enumerate(sources_of(x.p)):
        line = source_line(x.cat, b)
        out.append({"soort": "bron" if i == 0 else "aanvullende bron", "titel": docs[b.document].titel if b.document in docs else "",
                    "document": b.document, "sectie": b.sectie, "sectie_titel": line["titel"],
                    "url": link(x.site_url, line["url"]) if line["url"] else "", "velden": ", ".join(b.velden or []),
                    "citaat": b.citaat or ""})
    return _keyed(x, out)


def _search_terms(x: ProductRow) -> list[Row]:
    return _keyed(x, [{"term": s.term, "betekenis": s.betekenis,
                       "herkomst": "staat in de bron" if s.bron else "toegevoegd door de redactie",
                       "toelichting": (s.bron.citaat or "") if s.bron else (s.redactie or "")}
                      for s in x.cat.synonyms_of(x.p)])


def _c(name: str, header: str, meaning: str, number_format: str | None = None) -> TableColumn:
    return TableColumn(name, header, meaning, number_format)


TABLES: tuple[Table, ...] = (
    Table("velden", "Velden", "Elk kerngegeven van de productpagina en de teksten eronder (omschrijving, doel, doelgroep, "
          f"functiemix) dat meer zegt dan zijn waarde: een andere staat dan '{STATE_WORDS['vermeld']}', een citaat met link, "
          f"een reden van een afleiding of een opmerking. Een gegeven zonder rij is {STATE_WORDS['vermeld']}, zonder citaat "
          "of opmerking: zijn waarde staat op het productwerkblad", (
        _c("veld", "Veld", "Machinenaam van het gegeven (code, status, eenheid, tarief, duur, volume, gemeenten, …)"),
        _c("label", "Gegeven", "Het gegeven zoals de productpagina het noemt"),
        _c("staat", "Staat in de bron", "; ".join(STATE_WORDS.values())),
        _c("getoond", "Zoals getoond", "De waarde of de staat, zoals de productpagina en de kolommen van het productwerkblad die "
           "zeggen; bij omschrijving, doel, doelgroep en functiemix met een waarde leeg: de tekst staat in die kolom van het productwerkblad"),
        _c("citaat", "Citaat", "De woorden van de bron, letterlijk"),
        _c("citaat_url", "Citaat op de website", "Adres van de sectie van de bron waar het citaat staat"),
        _c("reden", "Reden van de redactie", f"Bij '{STATE_WORDS['afgeleid']}': waarom"),
        _c("gedrukt", "Zoals de bron het drukt", "Duur of volume zoals de bron het letterlijk drukt, als dat afwijkt van de korte vorm"),
        _c("toelichting", "Toelichting", "De toelichting onder het gegeven op de productpagina"),
        NOTES), _facts),
    Table("functiemix", "Functiemix", "Eén rij per niveau van de functiemix, met registratie (bv. SKJ) en aandeel", (
        _c("niveau", "Niveau", "Opleidingsniveau zoals de bron het noemt; leeg als de bron geen functiemix geeft (zie Staat)"),
        _c("registratie", "Registratie", "Registratie die de bron bij dit niveau noemt (bv. SKJ); leeg als de bron er geen noemt"),
        _c("aandeel", "Aandeel (%)", "Percentage van de inzet, als de bron het noemt", "General"),
        _c("functies", "Functies", "Voorbeeldfuncties op dit niveau"),
        _c("staat", "Functiemix in de bron", f"{STATE_WORDS['vermeld']}, {STATE_WORDS['afgeleid']} (met de reden), of "
           "wat de bron doet als zij geen functiemix geeft"),
        NOTES), _staff_levels),
    Table("resultaten", "Resultaten", "Eén rij per resultaat ('Wat moet bereikt zijn?')",
          (_c("resultaat", "Resultaat", "Het resultaat zoals de bron het noemt"), NOTES), _list("resultaten", "resultaat")),
    Table("eisen", "Eisen", "Eén rij per specifieke eis",
          (_c("eis", "Eis", "De eis zoals de bron hem noemt"), NOTES), _list("eisen", "eis")),
    Table("uitsluitingen", "Uitsluitingen", "Eén rij per uitsluiting ('Valt in ieder geval niet onder dit product')",
          (_c("uitsluiting", "Uitsluiting", "Wat volgens de bron niet onder dit product valt"), NOTES), _list("uitsluitingen", "uitsluiting")),
    Table("uitzonderingsgronden", "Uitzonderingsgronden", "Eén rij per uitzonderingsgrond van het kader voor duur en volume", (
        _c("grond", "Uitzonderingsgrond", "De grond zoals de bron hem noemt"),
        _c("soort_kader", "Soort kader", "normenkader, trajectduur of richtinggevend kader"), NOTES), _exception_grounds),
    Table("samenloop", "Samenloop", "Eén rij per samenloopregel (met welke producten wel of niet samen)", (
        _c("soort", "Soort regel", ", ".join(COMBINATION_LABELS.values())),
        _c("regel", "Regel", "De regel zoals de bron hem formuleert"),
        _c("producten", "Producten", "De producten waar de regel over gaat, als 'regio/product-id'"),
        _c("productnamen", "Productnamen", "Code en naam van die producten"), NOTES), _combinations),
    Table("opmerkingen", "Opmerkingen", "Eén rij per opmerking (onduidelijk in de bron), genummerd als op de productpagina", (
        _c("velden", "Velden", "De velden waar de opmerking over gaat; leeg: het product als geheel"),
        _c("tekst", "Opmerking", "De opmerking")), _notes),
    Table("bronnen", "Bronnen", "Eén rij per bron van het product: de bron en de aanvullende bronnen", (
        _c("soort", "Soort", "bron of aanvullende bron"),
        _c("titel", "Titel", "Titel van het brondocument"),
        _c("document", "Bestandsnaam", "Bestandsnaam van het brondocument"),
        _c("sectie", "Sectie (gegevens)", "De sectie zoals de gegevens haar noemen (kop of anker)"),
        _c("sectie_titel", "Onderdeel van de bron", "De kop van die sectie in het brondocument"),
        _c("url", "Bron op de website", "Adres van die sectie op de pagina van het brondocument"),
        _c("velden", "Velden", "Bij een aanvullende bron: welke velden eruit komen"),
        _c("citaat", "Citaat", "De woorden van de bron, letterlijk, als de gegevens ze noemen")), _sources),
    Table("zoekwoorden", "Zoekwoorden", "Eén rij per zoekwoord dat naar het product leidt", (
        _c("term", "Zoekwoord", "Wat iemand intypt"),
        _c("betekenis", "Betekenis", "Uitleg van de redactie"),
        _c("herkomst", "Herkomst", "staat in de bron, of toegevoegd door de redactie"),
        _c("toelichting", "Citaat of reden", "De woorden van de bron waarin de term staat, of waarom de redactie hem toevoegt")), _search_terms),
)


def table_rows(x: ProductRow) -> dict[str, list[Row]]:
    """Every extra table's rows for one product: table name -> rows (column name -> value)."""
    return {t.name: t.rows(x) for t in TABLES}
