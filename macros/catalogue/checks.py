"""Rules that need more than one file: references, duplicate codes, municipalities, tree graphs.

``run_checks`` runs them all. Here: a product's file name, code, region, source documents, municipalities
and references; the code tables, matrices and sections against their region; the synonyms. The decision
trees are in ``tree_checks``, the names that cannot be told apart in ``name_checks``, and what they share
(the errors, hints and notes) in ``check_reporter``.

Each check yields DataError entries in Dutch naming file, field and line. A reference to a file that
itself failed to load (``failed``) is not reported as "bestaat niet" (with a "bedoel je" that would
point elsewhere): the failed file gets one note saying which references could not be checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from macros.catalogue.check_reporter import Reporter, enumeration
from macros.catalogue.errors import DataError
from macros.catalogue.name_checks import (
    check_lookalike_municipalities,
    check_municipalities,
    check_product_names,
    check_region_names,
)
from macros.catalogue.tree_checks import check_trees
from macros.model.sourced import value_of
from macros.text import slug

# File names a product may not have: they are the region's own sub-pages (macros.site.pages).
RESERVED_IDS = {"index", "codetabel", "matrices", "vergelijken", "normenkader", "datakwaliteit"}

if TYPE_CHECKING:
    from macros.catalogue.loader import Catalogue


def _check_products(m: Reporter) -> Iterator[DataError]:
    cat = m.cat
    codes: dict[tuple[str, str], str] = {}
    for p in sorted(cat.producten.values(), key=lambda p: p.pad):
        if p.id in RESERVED_IDS:
            yield m.error(p.pad, (), f"de bestandsnaam '{p.id}.yaml' is gereserveerd voor een regiopagina",
                         "kies een andere naam voor het bestand")
        if p.regio not in cat.regios and not m.region_failed(p.pad, (), p.regio):
            yield m.error(p.pad, (), f"de map '{p.regio}' is geen bestaande regio",
                         f"maak data/regions/{p.regio}.yaml aan, of verplaats het product naar een van: {enumeration(cat.regios)}")
        if cat.producttypen and p.producttype not in cat.producttypen:
            yield m.error(p.pad, ("producttype",), f"producttype '{p.producttype}' bestaat niet",
                         f"kies een id uit data/producttypen.yaml, bv. {', '.join(list(cat.producttypen)[:4])}")
        if p.code:
            if p.id != p.code.lower():
                yield m.error(p.pad, ("code",), f"de bestandsnaam '{p.id}.yaml' past niet bij code {p.code}",
                             f"hernoem het bestand naar {p.code.lower()}.yaml (de URL van de pagina volgt de code)")
            key = (p.regio, p.code.upper())
            if key in codes:
                yield m.error(p.pad, ("code",), f"productcode {p.code} komt in regio {p.regio} al voor in {codes[key]}",
                             "geef elk product in een regio een eigen code")
            else:
                codes[key] = p.pad
        if p.regio in cat.regios:
            documents = {b.document for b in cat.regios[p.regio].bronnen}
            for i, source in enumerate([p.bron, *p.aanvullende_bronnen]):
                if source.document not in documents:
                    path = ("bron", "document") if i == 0 else ("aanvullende_bronnen", i - 1, "document")
                    yield m.error(p.pad, path, f"brondocument '{source.document}' staat niet bij de bronnen van regio {p.regio}",
                                 f"kies een van: {enumeration(sorted(documents))}, of voeg het document toe aan {cat.regios[p.regio].pad}")
        municipalities = value_of(p.gemeenten)
        if p.regio in cat.regios and isinstance(municipalities, list):
            known = cat.regios[p.regio].gemeenten
            known_set = set(known)
            list_path = ("gemeenten",) if municipalities is p.gemeenten else ("gemeenten", "waarde")
            for i, g in enumerate(municipalities):
                if g not in known_set:
                    nearest = m.nearest(g, known, 1)
                    hint = f"bedoel je '{nearest[0]}'?" if nearest else f"voeg de gemeente toe aan {cat.regios[p.regio].pad}, of kies een van: {enumeration(known)}"
                    yield m.error(p.pad, (*list_path, i), f"gemeente '{g}' staat niet in de lijst van regio {p.regio}", hint)
        for i, line in enumerate(p.samenloop):
            for j, ref in enumerate(line.producten):
                if f := m.ref_error(p.pad, ("samenloop", i, "producten", j), ref):
                    yield f


def _check_region_files(m: Reporter, data_folder: str) -> Iterator[DataError]:
    cat = m.cat
    for region, table in cat.codetabellen.items():
        path = f"{data_folder}/codetabellen/{region}.yaml"
        if region not in cat.regios:
            if not m.region_failed(path, (), region):
                yield m.error(path, (), f"codetabel voor regio '{region}', die niet bestaat", "hernoem het bestand naar een bestaande regio-id")
            continue
        last = table.edities[-1]
        for i, line in enumerate(table.regels):
            ref = f"{region}/{line.product}"
            if f := m.ref_error(path, ("regels", i, "product"), ref):
                yield f
            if ref not in cat.producten:
                continue
            current = line.edities.get(last)
            product = cat.producten[ref]
            if current is not None and current.code != product.code:
                yield m.error(path, ("regels", i, "edities", last, "code"),
                             f"code {current.code} in editie {last} wijkt af van de code in {product.pad} ({product.code})",
                             "maak de codetabel en het productbestand gelijk")
    for region, listing in list(cat.matrices.items()) + list(cat.secties.items()):
        for item in listing:
            if region not in cat.regios and not m.region_failed(item.pad, (), region):
                yield m.error(item.pad, (), f"de map '{region}' is geen bestaande regio", "verplaats het bestand naar de map van een bestaande regio")
    for region, listing in cat.matrices.items():
        for matrix in listing:
            for i, cell in enumerate(matrix.cellen):
                if f := m.ref_error(matrix.pad, ("cellen", i, "product"), f"{region}/{cell.product}"):
                    yield f


def _check_synonyms(m: Reporter, data_folder: str) -> Iterator[DataError]:
    path = f"{data_folder}/synoniemen.yaml"
    for i, synonym in enumerate(m.cat.synoniemen):
        for j, ref in enumerate(synonym.producten):
            if f := m.ref_error(path, ("synoniemen", i, "producten", j), ref):
                yield f
    # Spelling variants of municipalities: of a municipality some region lists, never another one's name
    # (names compared by their web address, as municipalities are).
    names = {g.slug: g.naam for g in m.cat.municipalities}
    seen: dict[str, str] = {}
    for i, sw in enumerate(m.cat.gemeente_schrijfwijzen):
        own = slug(sw.gemeente)
        if own not in names:
            nearest = m.nearest(sw.gemeente, list(names.values()), 1)
            hint = f"bedoel je '{nearest[0]}'?" if nearest else "noem een gemeente uit een regiobestand (data/regions/)"
            yield m.error(path, ("gemeenten", i, "gemeente"), f"gemeente '{sw.gemeente}' staat in geen enkele regio", hint)
        for j, also in enumerate(sw.ook):
            if slug(also) in names:
                yield m.error(path, ("gemeenten", i, "ook", j), f"'{also}' is de naam van de gemeente {names[slug(also)]}",
                             "een schrijfwijze mag geen naam van een (andere) gemeente zijn; verwijder haar")
            elif slug(seen.setdefault(slug(also), sw.gemeente)) != own:
                yield m.error(path, ("gemeenten", i, "ook", j), f"'{also}' staat ook als schrijfwijze van {seen[slug(also)]}",
                             "geef elke schrijfwijze bij één gemeente")


def run_checks(cat: Catalogue, data_folder: str, failed: dict[str, str] | None = None) -> list[DataError]:
    m = Reporter(cat, failed or {})
    errors = [*_check_products(m), *_check_region_files(m, data_folder), *_check_synonyms(m, data_folder), *check_trees(m), *check_municipalities(m),
              *check_lookalike_municipalities(m), *check_product_names(m), *check_region_names(m)]
    return errors + list(m.notes())
