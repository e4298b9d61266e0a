"""The columns of CSV and Excel, in one place: per column a Dutch header that a spreadsheet user
understands (``header``), a fixed machine name (``name``) and how its value is read from a product.

The mapping between the two names is published on /open-data/ and as the "Toelichting" sheet of every
workbook; the spreadsheet import (``macros.imports``) reads workbooks by the same list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from macros.catalogue.loader import Catalogue
from macros.catalogue.provenance import place_of
from macros.catalogue.records import ProductRecord, RegionRecord
from macros.model import Bijlage, Opmerking
from macros.model.sourced import STATES, state_of, value_of
from macros.text import dutch_number, plain_markdown, quantity_text, slug
from macros.view.product import ProductView, say, view_of
from macros.view.values import shown
from macros.view.words import (
    GUIDELINE_READING,
    LIMIT_KINDS,
    NO_CODE,
    NOT_STATED,
    STATE_WORDS,
    label,
)

FOLDER = "open-data"
PUBLISHED = "gepubliceerd"


def link(site_url: str, path: str) -> str:
    """A site path as the export files write it: absolute under site_url, else relative to open-data/."""
    if site_url:
        return site_url.rstrip("/") + "/" + path
    return path[len(FOLDER) + 1:] if path.startswith(FOLDER + "/") else "../" + path


def source_path(region: RegionRecord, document: str) -> str:
    """Where the site describes a source document: its entry in the region page's list of sources."""
    return f"{region.url}#bron-{slug(document)}"


# --- the columns of CSV and Excel: one place ---------------------------------------------------------


@dataclass(frozen=True)
class ProductRow:
    """One product with what its columns need."""

    cat: Catalogue
    p: ProductRecord
    site_url: str

    @property
    def region(self) -> RegionRecord:
        return self.cat.regios[self.p.regio]

    @property
    def view(self) -> ProductView:
        return view_of(self.cat, self.p)

    @property
    def doc(self) -> Bijlage | None:
        """The region's source document the product comes from."""
        return next((b for b in self.region.bronnen if b.document == self.p.bron.document), None)


@dataclass(frozen=True)
class Column:
    name: str  # machine name: stable, for scripts (the header mapping); never shown as a header
    meaning: str  # what the column holds, in Dutch (the "Toelichting" sheet and /open-data/)
    value: Callable[[ProductRow], str | float | None]
    number_format: str | None = None  # Excel number format: the column holds numbers (float or None)
    header: str = ""  # the column's header in CSV and Excel, in plain Dutch
    fact: str = ""  # the fact of the product's view (macros.view.product) whose state this cell says, if any

    def __post_init__(self):
        if not self.header:
            raise ValueError(f"column {self.name}: give it a Dutch header (header=...)")


def code_cell(x: ProductRow) -> str:
    """The product code, or what the product page says instead (the view's ``NO_CODE``): never a blank cell."""
    return x.view["code"].plain


def _explanation(key: str) -> Callable[[ProductRow], str]:
    """The note the product page prints under a key fact (the unit's or the tariff's toelichting)."""
    return lambda x: x.view[key].toelichting or ""


def _as_printed(key: str) -> Callable[[ProductRow], str]:
    """A duration or volume as the source prints it, where the page shows it under the short form."""
    return lambda x: (x.view[key].gedrukt or {}).get("text") or ""


def _said(key: str) -> Callable[[ProductRow], str]:
    """A sourced text (omschrijving, doel, doelgroep) as the product page says it (the view's fact), in one cell."""
    return lambda x: x.view[key].plain


def staff_mix(x: ProductRow):
    """The staff mix as the view says it (its state, quote, reason), its levels on one line (``functiemix_tekst``)."""
    return say(x.cat, x.p, x.p.functiemix, staff_mix_line)


def _text(key: str) -> Callable[[ProductRow], str]:
    return lambda x: getattr(x.p, key) or ""


def _staff_mix_attr(attr: str) -> Callable[[ProductRow], str]:
    return lambda x: (getattr(mix, attr) or "") if (mix := value_of(x.p.functiemix)) is not None else ""


def staff_mix_line(mix) -> str:
    """The staff mix on one line: 'MBO 4 (SKJ): 30%; HBO (SKJ): 70%', the levels as the page lists them."""
    def level_line(n) -> str:
        return (n.niveau + (f" ({n.registratie})" if n.registratie else "")
                + (f": {dutch_number(n.aandeel)}%" if n.aandeel is not None else "")
                + (f" — {n.functies}" if n.functies else ""))
    return "; ".join(level_line(n) for n in mix.niveaus)


def _ijw(x: ProductRow) -> str:
    return x.view["ijw"].plain if x.p.code else ""


def _maximum_limit(x: ProductRow):
    """The product's limit when it is a maximum (normenkader, trajectduur); None for a guideline or none."""
    limit_frame = value_of(x.p.normenkader)
    return limit_frame if limit_frame is not None and limit_frame.soort != "richtinggevend-kader" else None


def _maximum(x: ProductRow, key: str) -> str:
    limit_frame = value_of(x.p.normenkader)
    if limit_frame is not None and limit_frame.soort == "richtinggevend-kader":
        return f"geen maximum ({GUIDELINE_READING}; zie {label('richtduur' if key == 'max_duur' else 'richtvolume')})"
    return x.view["duur" if key == "max_duur" else "volume"].plain


def _maximum_number(x: ProductRow, key: str) -> object:
    """The number of a maximum the source states (not of a guideline, not of an inference)."""
    limit_frame = _maximum_limit(x)
    return value_of(getattr(limit_frame, key)) if limit_frame is not None and state_of(getattr(limit_frame, key)) == "vermeld" else None


def _guideline_value(x: ProductRow, key: str) -> str:
    limit_frame = value_of(x.p.normenkader)
    if limit_frame is None or limit_frame.soort != "richtinggevend-kader":
        return ""
    said = x.view["duur" if key == "max_duur" else "volume"].s  # the view's state; the header says "guideline"
    return replace(shown(getattr(limit_frame, key), quantity_text), state=said.state, reason=said.reason).plain


def _municipalities(x: ProductRow) -> str:
    return x.view["gemeenten"].plain


def _tariff_amount(x: ProductRow) -> float | None:
    t = x.p.tarief
    return value_of(t).bedrag if state_of(t) == "vermeld" else None


def _tariff_state(x: ProductRow) -> str:
    """The tariff's state as the product page shows it (a blank amount is a blank): 'gepubliceerd' or its words."""
    state = x.view["tarief"].state
    return PUBLISHED if state == "vermeld" else STATE_WORDS[state]


def _notes(x: ProductRow) -> str:
    """Every note on the product (ambiguities of the source); a note about particular fields names them."""
    return " | ".join((f"[{', '.join(o.velden)}] " if isinstance(o, Opmerking) else "")
                      + plain_markdown(o.tekst if isinstance(o, Opmerking) else o) for o in x.p.opmerkingen)


def _source_url(x: ProductRow) -> str:
    place = place_of(x.cat, x.p.bron)
    return link(x.site_url, place.url) if place else ""


def _source_section(x: ProductRow) -> str:
    place = place_of(x.cat, x.p.bron)
    return place.section.title if place else x.p.bron.sectie


def _validity(x: ProductRow) -> str:
    """The period of validity of the product's source document, where the source gives one."""
    return (x.doc.geldigheid or "") if x.doc else ""


COLUMNS: tuple[Column, ...] = (
    Column("regio", "Naam van de regio", lambda x: x.region.naam, header=label("regio")),
    Column("regio_id", "Id van de regio (ook in de webadressen)", lambda x: x.p.regio, header="Regio-id"),
    Column("id", "Id van het product binnen de regio (bestandsnaam; vast, ook zonder code)", lambda x: x.p.id,
          header="Product-id"),
    Column("code", "Productcode in het iJw-berichtenverkeer; zonder code wat de productpagina zegt "
          f"('{NO_CODE}')", code_cell, header=label("code"), fact="code"),
    Column("naam", "Naam van het product", lambda x: x.p.naam, header="Productnaam"),
    Column("productgroep", "Productgroep zoals de bron die noemt; een afleiding van de redactie zegt dat, met de reden",
           lambda x: x.view["productgroep"].plain, header=label("productgroep"), fact="productgroep"),
    Column("producttype", "Producttype: een indeling van de redactie (geen veld van de bron), gedeeld door alle regio's",
          lambda x: x.view["producttype"].s.compact, header=label("producttype"), fact="producttype"),
    Column("ijw_categorie", "Landelijke iJw-categorie (JZ020) als een bron zegt dat de codes van de regio die "
          f"volgen; anders wat de bron erover zegt ('{NOT_STATED}'); leeg zonder code", _ijw, header=label("ijw"), fact="ijw"),
    Column("eenheid", "Declaratie-eenheid, of wat de bron doet als zij er geen noemt",
          lambda x: x.view["eenheid"].plain, header=label("eenheid"), fact="eenheid"),
    Column("tarief", "Tarief in euro (getal); leeg als de bron geen bedrag publiceert (zie de kolom over het tarief in de bron)",
          _tariff_amount, '"€" #,##0.00', header="Tarief (euro)"),
    Column("tarief_per", "Waar het tarief voor geldt: uur, etmaal, jaar, …",
          lambda x: (value_of(x.p.tarief).per or "") if value_of(x.p.tarief) else "", header="Tarief per"),
    Column("tarief_status", f"'{PUBLISHED}' of wat de bron doet: " + ", ".join(f"'{STATE_WORDS[s]}'" for s in STATES if s != "vermeld"),
          _tariff_state, header="Tarief in de bron", fact="tarief"),
    Column("soort_kader", "Soort grens voor duur en volume: " + ", ".join(LIMIT_KINDS.values())
          + "; een richtinggevend kader is geen maximum",
          lambda x: LIMIT_KINDS[value_of(x.p.normenkader).soort] if value_of(x.p.normenkader) else shown(x.p.normenkader).plain,
          header=label("normenkader.soort")),
    Column("maximale_duur", "Maximale duur (normenkader of trajectduur) zoals de productpagina die toont",
          lambda x: _maximum(x, "max_duur"), header=label("duur"), fact="duur"),
    Column("maximale_duur_waarde", "Maximale duur als getal, in de eenheid van de volgende kolom",
          lambda x: getattr(_maximum_number(x, "max_duur"), "waarde", None), "General", header="Maximale duur (getal)"),
    Column("maximale_duur_eenheid", "Eenheid van het getal in de vorige kolom",
          lambda x: getattr(_maximum_number(x, "max_duur"), "eenheid", None) or "", header="Maximale duur (eenheid)"),
    Column("maximaal_volume", "Maximaal volume (normenkader of trajectduur) zoals de productpagina dat toont",
          lambda x: _maximum(x, "max_volume"), header=label("volume"), fact="volume"),
    Column("maximaal_volume_waarde", "Maximaal volume als getal, in de eenheid van de volgende kolom",
          lambda x: getattr(_maximum_number(x, "max_volume"), "waarde", None), "General", header="Maximaal volume (getal)"),
    Column("maximaal_volume_eenheid", "Eenheid van het getal in de vorige kolom",
          lambda x: getattr(_maximum_number(x, "max_volume"), "eenheid", None) or "", header="Maximaal volume (eenheid)"),
    Column("richtinggevende_duur", "Duur volgens een richtinggevend kader (een richtwaarde, geen maximum)",
          lambda x: _guideline_value(x, "max_duur"), header=label("richtduur"), fact="duur"),
    Column("richtinggevend_volume", "Omvang volgens een richtinggevend kader (een richtwaarde, geen maximum)",
          lambda x: _guideline_value(x, "max_volume"), header=label("richtvolume"), fact="volume"),
    Column("gemeenten", "Gemeenten waar het product geldt, zoals de productpagina ze noemt", _municipalities,
          header=label("gemeenten"), fact="gemeenten"),
    Column("status", "vastgesteld, concept of vervallen; of wat de bron doet als zij geen status noemt",
          lambda x: x.view["status"].plain, header=label("status"), fact="status"),
    Column("opmerkingen", "Onduidelijkheden in de bron, gescheiden door ' | '; [velden] noemt de velden waar een "
          "opmerking over gaat", _notes, header="Opmerkingen (onduidelijk in de bron)"),
    Column("omschrijving", "Omschrijving zoals de productpagina die toont (Markdown), of wat de bron doet als zij er geen geeft",
          _said("omschrijving"), header=label("omschrijving"), fact="omschrijving"),
    Column("doel", "Doel zoals de productpagina het toont, of wat de bron doet als zij er geen noemt", _said("doel"),
          header=label("doel"), fact="doel"),
    Column("doelgroep", "Doelgroep zoals de productpagina die toont, of wat de bron doet als zij er geen noemt",
          _said("doelgroep"), header=label("doelgroep"), fact="doelgroep"),
    Column("functiemix", "Functiemix op één regel: niveau (registratie, bv. SKJ): aandeel — functies; per niveau een rij "
          "op het werkblad Functiemix", lambda x: staff_mix(x).plain, header=label("functiemix"), fact="functiemix"),
    Column("functiemix_toelichting", "Functieprofiel zoals de bron het bij de functiemix beschrijft",
          _staff_mix_attr("toelichting"), header="Toelichting functiemix"),
    Column("regiebehandelaar", "Regiebehandelaar of regie, als de bron die bij de functiemix noemt",
          _staff_mix_attr("regiebehandelaar"), header=label("functiemix.regiebehandelaar")),
    Column("inzet", "Duur en intensiteit zoals de bron die beschrijft", _text("inzet"), header=label("inzet")),
    Column("voorspelbaarheid", "Voorspelbaarheid van de aanpak", _text("voorspelbaarheid"),
          header=label("voorspelbaarheid")),
    Column("groepsgrootte", "Groepsgrootte", _text("groepsgrootte"), header=label("groepsgrootte")),
    Column("eenheid_toelichting", "Toelichting bij de eenheid, als op de productpagina", _explanation("eenheid"),
          header="Toelichting eenheid"),
    Column("tarief_toelichting", "Toelichting bij het tarief, als op de productpagina", _explanation("tarief"),
          header="Toelichting tarief"),
    Column("duur_gedrukt", "De duur zoals de bron hem letterlijk drukt, als die afwijkt van de korte vorm",
          _as_printed("duur"), header="Duur zoals de bron hem drukt"),
    Column("volume_gedrukt", "Het volume zoals de bron het letterlijk drukt, als dat afwijkt van de korte vorm",
          _as_printed("volume"), header="Volume zoals de bron het drukt"),
    Column("kader_basis", "Basis van het kader voor duur en volume (bv. een percentage van de casussen)",
          lambda x: (limit_frame.basis or "") if (limit_frame := value_of(x.p.normenkader)) is not None else "", header="Basis kader"),
    Column("uitsluitingen_voetnoot", "Voetnoot bij de uitsluitingen", _text("uitsluitingen_voetnoot"),
          header="Voetnoot uitsluitingen"),
    Column("url", "Adres van de productpagina", lambda x: link(x.site_url, x.p.url), header="Webpagina"),
    Column("bron_titel", "Titel van het brondocument", lambda x: x.doc.titel if x.doc else "", header="Bron"),
    Column("bron_sectie", "Hoofdstuk, paragraaf of dia in het brondocument", _source_section,
          header="Onderdeel van de bron"),
    Column("bron_url", "Adres van dat onderdeel op de pagina van het brondocument (/bronnen/<document>/)",
          _source_url, header="Bron op de website"),
    Column("bron_datum", "Datum van het brondocument zoals de bron die noemt",
          lambda x: (x.doc.datum or "") if x.doc else "", header="Datum bron"),
    Column("editie", "Editie van het brondocument", lambda x: (x.doc.editie or "") if x.doc else "", header="Editie bron"),
    Column("geldigheid", "Looptijd van het brondocument, als de bron die noemt", _validity, header="Looptijd bron"),
    Column("bron_document", "Bestandsnaam van het brondocument in de gegevens van het productenboek",
          lambda x: x.p.bron.document, header="Bestandsnaam bron"),
)


def product_row(cat: Catalogue, p: ProductRecord, site_url: str = "") -> dict[str, str | float | None]:
    """One product as a row of CSV and Excel: column name -> value (float or None in number columns)."""
    x = ProductRow(cat, p, site_url)
    return {k.name: k.value(x) for k in COLUMNS}
