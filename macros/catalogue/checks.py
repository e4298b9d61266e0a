"""Rules that need more than one file: references, duplicate codes, municipalities, tree graphs.

Each check yields DataFout entries in Dutch naming file, field and line.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from macros.catalogue.errors import DataError, field_path

# File names a product may not have: they are the region's own sub-pages (macros.site.pages).
RESERVED_IDS = {"index", "codetabel", "matrices", "vergelijken"}

if TYPE_CHECKING:
    from macros.catalogue.loader import Catalogue


class _Melder:
    def __init__(self, cat: Catalogue):
        self.cat = cat

    def fout(self, bestand: str, pad: tuple, probleem: str, oplossing: str) -> DataError:
        yf = self.cat.bestanden.get(bestand)
        return DataError(bestand, yf.regel(pad) if yf else None, field_path(pad), probleem, oplossing)

    def ref_fout(self, bestand: str, pad: tuple, ref: str, eigen_regio: str | None = None) -> DataError | None:
        """An error if `ref` ('regio/id') names no product, with the nearest existing refs as hint."""
        if ref in self.cat.producten:
            return None
        regio = ref.split("/", 1)[0]
        if regio not in self.cat.regios:
            return self.fout(bestand, pad, f"verwijst naar regio '{regio}', die niet bestaat",
                             f"kies een van: {', '.join(self.cat.regios)}")
        bijna = difflib.get_close_matches(ref, list(self.cat.producten), n=3, cutoff=0.6)
        hint = f"bedoel je {' of '.join(bijna)}?" if bijna else f"maak data/products/{ref}.yaml aan, of corrigeer de verwijzing"
        return self.fout(bestand, pad, f"verwijst naar product '{ref}', dat niet bestaat", hint)


def _producten(m: _Melder) -> Iterator[DataError]:
    cat = m.cat
    codes: dict[tuple[str, str], str] = {}
    for p in sorted(cat.producten.values(), key=lambda p: p.pad):
        if p.id in RESERVED_IDS:
            yield m.fout(p.pad, (), f"de bestandsnaam '{p.id}.yaml' is gereserveerd voor een regiopagina",
                         "kies een andere naam voor het bestand")
        if p.regio not in cat.regios:
            yield m.fout(p.pad, (), f"de map '{p.regio}' is geen bestaande regio",
                         f"maak data/regions/{p.regio}.yaml aan, of verplaats het product naar een van: {', '.join(cat.regios)}")
        if cat.producttypen and p.producttype not in cat.producttypen:
            yield m.fout(p.pad, ("producttype",), f"producttype '{p.producttype}' bestaat niet",
                         f"kies een id uit data/producttypen.yaml, bv. {', '.join(list(cat.producttypen)[:4])}")
        if p.code:
            if p.id != p.code.lower():
                yield m.fout(p.pad, ("code",), f"de bestandsnaam '{p.id}.yaml' past niet bij code {p.code}",
                             f"hernoem het bestand naar {p.code.lower()}.yaml (de URL van de pagina volgt de code)")
            sleutel = (p.regio, p.code.upper())
            if sleutel in codes:
                yield m.fout(p.pad, ("code",), f"productcode {p.code} komt in regio {p.regio} al voor in {codes[sleutel]}",
                             "geef elk product in een regio een eigen code")
            else:
                codes[sleutel] = p.pad
        if p.regio in cat.regios:
            documenten = {b.document for b in cat.regios[p.regio].bronnen}
            for i, bron in enumerate([p.bron, *p.aanvullende_bronnen]):
                if bron.document not in documenten:
                    pad = ("bron", "document") if i == 0 else ("aanvullende_bronnen", i - 1, "document")
                    yield m.fout(p.pad, pad, f"brondocument '{bron.document}' staat niet bij de bronnen van regio {p.regio}",
                                 f"kies een van: {', '.join(sorted(documenten))}, of voeg het document toe aan {cat.regios[p.regio].pad}")
        if p.regio in cat.regios and p.gemeenten != "alle":
            bekend = cat.regios[p.regio].gemeenten
            for i, g in enumerate(p.gemeenten):
                if g not in bekend:
                    bijna = difflib.get_close_matches(g, bekend, n=1, cutoff=0.6)
                    hint = f"bedoel je '{bijna[0]}'?" if bijna else f"voeg de gemeente toe aan {cat.regios[p.regio].pad}, of kies een van: {', '.join(bekend)}"
                    yield m.fout(p.pad, ("gemeenten", i), f"gemeente '{g}' staat niet in de lijst van regio {p.regio}", hint)
        for i, regel in enumerate(p.samenloop):
            for j, ref in enumerate(regel.producten):
                if f := m.ref_fout(p.pad, ("samenloop", i, "producten", j), ref):
                    yield f


def _regio_bestanden(m: _Melder, data_map: str) -> Iterator[DataError]:
    cat = m.cat
    for regio, tabel in cat.codetabellen.items():
        pad = f"{data_map}/codetabellen/{regio}.yaml"
        if regio not in cat.regios:
            yield m.fout(pad, (), f"codetabel voor regio '{regio}', die niet bestaat", "hernoem het bestand naar een bestaande regio-id")
            continue
        laatste = tabel.edities[-1]
        for i, regel in enumerate(tabel.regels):
            ref = f"{regio}/{regel.product}"
            if f := m.ref_fout(pad, ("regels", i, "product"), ref):
                yield f
                continue
            huidig = regel.edities.get(laatste)
            product = cat.producten[ref]
            if huidig is not None and huidig.code != product.code:
                yield m.fout(pad, ("regels", i, "edities", laatste, "code"),
                             f"code {huidig.code} in editie {laatste} wijkt af van de code in {product.pad} ({product.code})",
                             "maak de codetabel en het productbestand gelijk")
    for regio, lijst in list(cat.matrices.items()) + list(cat.secties.items()):
        for item in lijst:
            if regio not in cat.regios:
                yield m.fout(item.pad, (), f"de map '{regio}' is geen bestaande regio", "verplaats het bestand naar de map van een bestaande regio")
    for regio, lijst in cat.matrices.items():
        for mat in lijst:
            for i, cel in enumerate(mat.cellen):
                if f := m.ref_fout(mat.pad, ("cellen", i, "product"), f"{regio}/{cel.product}"):
                    yield f


def _synoniemen(m: _Melder, data_map: str) -> Iterator[DataError]:
    pad = f"{data_map}/synoniemen.yaml"
    for i, syn in enumerate(m.cat.synoniemen):
        for j, ref in enumerate(syn.producten):
            if f := m.ref_fout(pad, ("synoniemen", i, "producten", j), ref):
                yield f
    # Spelling variants of municipalities: of a municipality some region lists, never another one's name.
    namen = {g.casefold(): g for r in m.cat.regios.values() for g in r.gemeenten}
    gezien: dict[str, str] = {}
    for i, sw in enumerate(m.cat.gemeente_schrijfwijzen):
        if sw.gemeente.casefold() not in namen:
            bijna = difflib.get_close_matches(sw.gemeente, list(namen.values()), n=1, cutoff=0.6)
            hint = f"bedoel je '{bijna[0]}'?" if bijna else "noem een gemeente uit een regiobestand (data/regions/)"
            yield m.fout(pad, ("gemeenten", i, "gemeente"), f"gemeente '{sw.gemeente}' staat in geen enkele regio", hint)
        for j, ook in enumerate(sw.ook):
            if ook.casefold() in namen:
                yield m.fout(pad, ("gemeenten", i, "ook", j), f"'{ook}' is de naam van de gemeente {namen[ook.casefold()]}",
                             "een schrijfwijze mag geen naam van een (andere) gemeente zijn; verwijder haar")
            elif gezien.setdefault(ook.casefold(), sw.gemeente).casefold() != sw.gemeente.casefold():
                yield m.fout(pad, ("gemeenten", i, "ook", j), f"'{ook}' staat ook als schrijfwijze van {gezien[ook.casefold()]}",
                             "geef elke schrijfwijze bij één gemeente")


def _bomen(m: _Melder) -> Iterator[DataError]:
    cat = m.cat
    for boom in cat.beslisbomen.values():
        vragen = {v.id: (i, v) for i, v in enumerate(boom.vragen)}
        uitkomsten = {u.id: (i, u) for i, u in enumerate(boom.uitkomsten)}
        if boom.regio is not None and boom.regio not in cat.regios:
            yield m.fout(boom.pad, ("regio",), f"regio '{boom.regio}' bestaat niet", f"kies een van: {', '.join(cat.regios)}")
        if boom.start not in vragen:
            yield m.fout(boom.pad, ("start",), f"startvraag '{boom.start}' bestaat niet", "noem de id van een vraag uit 'vragen'")
            continue
        for vid, (i, vraag) in vragen.items():
            for j, antw in enumerate(vraag.antwoorden):
                if antw.naar not in vragen and antw.naar not in uitkomsten:
                    yield m.fout(boom.pad, ("vragen", i, "antwoorden", j, "naar"),
                                 f"vraag '{vid}', antwoord '{antw.label}' leidt naar '{antw.naar}', die niet bestaat",
                                 "noem de id van een vraag of uitkomst uit dit bestand")
        # Reachability and cycles by depth-first search from the root.
        bereikt: set[str] = set()
        kleur: dict[str, int] = {}

        def dfs(vid: str, pad: list[str]) -> Iterator[DataError]:
            kleur[vid] = 1
            bereikt.add(vid)
            i, vraag = vragen[vid]
            for antw in vraag.antwoorden:
                nxt = antw.naar
                if nxt in uitkomsten:
                    bereikt.add(nxt)
                elif nxt in vragen:
                    if kleur.get(nxt) == 1:
                        kring = " → ".join(pad + [vid, nxt])
                        yield m.fout(boom.pad, ("vragen", i, "antwoorden"), f"de boom loopt in een kring: {kring}",
                                     "laat het antwoord naar een latere vraag of een uitkomst leiden")
                    elif nxt not in kleur:
                        yield from dfs(nxt, pad + [vid])
            kleur[vid] = 2

        yield from dfs(boom.start, [])
        for vid, (i, _) in vragen.items():
            if vid not in bereikt:
                yield m.fout(boom.pad, ("vragen", i, "id"), f"vraag '{vid}' is vanaf de start niet bereikbaar",
                             "laat een antwoord naar deze vraag leiden, of verwijder haar")
        for uid, (i, uitkomst) in uitkomsten.items():
            if uid not in bereikt:
                yield m.fout(boom.pad, ("uitkomsten", i, "id"), f"uitkomst '{uid}' is vanaf de start niet bereikbaar",
                             "laat een antwoord naar deze uitkomst leiden, of verwijder haar")
            for j, ref in enumerate(uitkomst.producten):
                if f := m.ref_fout(boom.pad, ("uitkomsten", i, "producten", j), ref):
                    yield f
                elif cat.producten[ref].status == "vervallen":
                    yield m.fout(boom.pad, ("uitkomsten", i, "producten", j), f"uitkomst '{uid}' wijst naar vervallen product {ref}",
                                 "verwijs naar het product dat ervoor in de plaats kwam")


def run_checks(cat: Catalogue, data_map: str) -> list[DataError]:
    m = _Melder(cat)
    return [*_producten(m), *_regio_bestanden(m, data_map), *_synoniemen(m, data_map), *_bomen(m)]
