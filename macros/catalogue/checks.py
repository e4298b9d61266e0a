"""Rules that need more than one file: references, duplicate codes, municipalities, tree graphs.

Each check yields DataError entries in Dutch naming file, field and line. A reference to a file that
itself failed to load (``mislukt``) is not reported as "bestaat niet" (with a "bedoel je" that would
point elsewhere): the failed file gets one note saying which references could not be checked.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from macros.catalogue.errors import NOT_CHECKED, DataError, field_path
from macros.catalogue.invisible import difference, lookalike_keys, name_key
from macros.catalogue.municipalities import by_slug
from macros.catalogue.yamlerrors import visible
from macros.model.sourced import value_of
from macros.text import slug

# File names a product may not have: they are the region's own sub-pages (macros.site.pages).
RESERVED_IDS = {"index", "codetabel", "matrices", "vergelijken", "normenkader", "datakwaliteit"}

if TYPE_CHECKING:
    from macros.catalogue.loader import Catalogue


MAX_PLACES = 5  # places listed in a note about unchecked references
# "bedoel je …?" hints cost a fuzzy comparison with every candidate; a hostile file can hold 50,000 typos
# against 50,000 names, so a run gets a budget of comparisons (enough for 39 hints among 5,000 products,
# or 1,000 hints among 100).
MAX_COMPARISONS = 200_000


def enumeration(items: Collection[str], maximaal: int = 10) -> str:
    """'a, b, c' — at most `maximaal` items, then 'en nog N' (a list from data can be long)."""
    tekst = ", ".join(islice(items, maximaal))
    return tekst + (f" en nog {len(items) - maximaal}" if len(items) > maximaal else "")


class _Melder:
    def __init__(self, cat: Catalogue, mislukt: dict[str, str]):
        self.cat = cat
        self.mislukt = mislukt
        self.niet_gecontroleerd: dict[str, list[str]] = {}  # failed file -> places that refer to it
        self.vergelijkingen = 0

    def bijna(self, naam: str, kandidaten: Collection[str], n: int) -> list[str]:
        """The nearest candidates for a hint, while the run's budget of comparisons lasts."""
        self.vergelijkingen += len(kandidaten) + 100  # a call costs about as much as 100 comparisons
        if self.vergelijkingen > MAX_COMPARISONS:
            return []
        return difflib.get_close_matches(naam, kandidaten, n=n, cutoff=0.6)

    def fout(self, bestand: str, pad: tuple, probleem: str, oplossing: str) -> DataError:
        yf = self.cat.bestanden.get(bestand)
        return DataError(bestand, yf.line_of(pad) if yf else None, field_path(pad), probleem, oplossing)

    def mislukte_regio(self, bestand: str, pad: tuple, regio: str) -> bool:
        """True (and the place remembered) when `regio` has a region file that failed to load."""
        return self._mislukt(f"regio:{regio}", bestand, pad)

    def _mislukt(self, sleutel: str, bestand: str, pad: tuple) -> bool:
        if sleutel not in self.mislukt:
            return False
        yf = self.cat.bestanden.get(bestand)
        regel = yf.line_of(pad) if yf and pad else None
        self.niet_gecontroleerd.setdefault(self.mislukt[sleutel], []).append(bestand + (f" regel {regel}" if regel else ""))
        return True

    def notities(self) -> Iterator[DataError]:
        for bestand, plekken in sorted(self.niet_gecontroleerd.items()):
            plekken = list(dict.fromkeys(plekken))
            lijst = ", ".join(plekken[:MAX_PLACES]) + (f" en nog {len(plekken) - MAX_PLACES}" if len(plekken) > MAX_PLACES else "")
            yield DataError(bestand, None, None,
                            f"{NOT_CHECKED}, omdat het zelf fouten bevat: {lijst}",
                            "herstel eerst de fouten in dit bestand; de volgende controle kijkt die plekken ook na")

    def ref_fout(self, bestand: str, pad: tuple, ref: str) -> DataError | None:
        """An error if `ref` ('regio/id') names no product, with the nearest existing refs as hint.

        None when the product exists, and also when its file (or its region's) failed to load: then the
        reference cannot be checked, which the failed file's note says."""
        if ref in self.cat.producten:
            return None
        regio = ref.split("/", 1)[0]
        if self._mislukt(f"product:{ref}", bestand, pad) or self.mislukte_regio(bestand, pad, regio):
            return None
        if regio not in self.cat.regios:
            return self.fout(bestand, pad, f"verwijst naar regio '{regio}', die niet bestaat",
                             f"kies een van: {enumeration(self.cat.regios)}")
        bijna = self.bijna(ref, self.cat.producten, 3)
        hint = f"bedoel je {' of '.join(bijna)}?" if bijna else f"maak data/products/{ref}.yaml aan, of corrigeer de verwijzing"
        return self.fout(bestand, pad, f"verwijst naar product '{ref}', dat niet bestaat", hint)


def _producten(m: _Melder) -> Iterator[DataError]:
    cat = m.cat
    codes: dict[tuple[str, str], str] = {}
    for p in sorted(cat.producten.values(), key=lambda p: p.pad):
        if p.id in RESERVED_IDS:
            yield m.fout(p.pad, (), f"de bestandsnaam '{p.id}.yaml' is gereserveerd voor een regiopagina",
                         "kies een andere naam voor het bestand")
        if p.regio not in cat.regios and not m.mislukte_regio(p.pad, (), p.regio):
            yield m.fout(p.pad, (), f"de map '{p.regio}' is geen bestaande regio",
                         f"maak data/regions/{p.regio}.yaml aan, of verplaats het product naar een van: {enumeration(cat.regios)}")
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
                                 f"kies een van: {enumeration(sorted(documenten))}, of voeg het document toe aan {cat.regios[p.regio].pad}")
        gemeenten = value_of(p.gemeenten)
        if p.regio in cat.regios and isinstance(gemeenten, list):
            bekend = cat.regios[p.regio].gemeenten
            bekend_set = set(bekend)
            lijst_pad = ("gemeenten",) if gemeenten is p.gemeenten else ("gemeenten", "waarde")
            for i, g in enumerate(gemeenten):
                if g not in bekend_set:
                    bijna = m.bijna(g, bekend, 1)
                    hint = f"bedoel je '{bijna[0]}'?" if bijna else f"voeg de gemeente toe aan {cat.regios[p.regio].pad}, of kies een van: {enumeration(bekend)}"
                    yield m.fout(p.pad, (*lijst_pad, i), f"gemeente '{g}' staat niet in de lijst van regio {p.regio}", hint)
        for i, regel in enumerate(p.samenloop):
            for j, ref in enumerate(regel.producten):
                if f := m.ref_fout(p.pad, ("samenloop", i, "producten", j), ref):
                    yield f


def _regio_bestanden(m: _Melder, data_map: str) -> Iterator[DataError]:
    cat = m.cat
    for regio, tabel in cat.codetabellen.items():
        pad = f"{data_map}/codetabellen/{regio}.yaml"
        if regio not in cat.regios:
            if not m.mislukte_regio(pad, (), regio):
                yield m.fout(pad, (), f"codetabel voor regio '{regio}', die niet bestaat", "hernoem het bestand naar een bestaande regio-id")
            continue
        laatste = tabel.edities[-1]
        for i, regel in enumerate(tabel.regels):
            ref = f"{regio}/{regel.product}"
            if f := m.ref_fout(pad, ("regels", i, "product"), ref):
                yield f
            if ref not in cat.producten:
                continue
            huidig = regel.edities.get(laatste)
            product = cat.producten[ref]
            if huidig is not None and huidig.code != product.code:
                yield m.fout(pad, ("regels", i, "edities", laatste, "code"),
                             f"code {huidig.code} in editie {laatste} wijkt af van de code in {product.pad} ({product.code})",
                             "maak de codetabel en het productbestand gelijk")
    for regio, lijst in list(cat.matrices.items()) + list(cat.secties.items()):
        for item in lijst:
            if regio not in cat.regios and not m.mislukte_regio(item.pad, (), regio):
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
    # Spelling variants of municipalities: of a municipality some region lists, never another one's name
    # (names compared by their web address, as municipalities are).
    namen = {g.slug: g.naam for g in m.cat.municipalities}
    gezien: dict[str, str] = {}
    for i, sw in enumerate(m.cat.gemeente_schrijfwijzen):
        eigen = slug(sw.gemeente)
        if eigen not in namen:
            bijna = m.bijna(sw.gemeente, list(namen.values()), 1)
            hint = f"bedoel je '{bijna[0]}'?" if bijna else "noem een gemeente uit een regiobestand (data/regions/)"
            yield m.fout(pad, ("gemeenten", i, "gemeente"), f"gemeente '{sw.gemeente}' staat in geen enkele regio", hint)
        for j, ook in enumerate(sw.ook):
            if slug(ook) in namen:
                yield m.fout(pad, ("gemeenten", i, "ook", j), f"'{ook}' is de naam van de gemeente {namen[slug(ook)]}",
                             "een schrijfwijze mag geen naam van een (andere) gemeente zijn; verwijder haar")
            elif slug(gezien.setdefault(slug(ook), sw.gemeente)) != eigen:
                yield m.fout(pad, ("gemeenten", i, "ook", j), f"'{ook}' staat ook als schrijfwijze van {gezien[slug(ook)]}",
                             "geef elke schrijfwijze bij één gemeente")


def _bomen(m: _Melder) -> Iterator[DataError]:
    cat = m.cat
    for boom in cat.beslisbomen.values():
        vragen = {v.id: (i, v) for i, v in enumerate(boom.vragen)}
        uitkomsten = {u.id: (i, u) for i, u in enumerate(boom.uitkomsten)}
        if boom.regio is not None and boom.regio not in cat.regios and not m.mislukte_regio(boom.pad, ("regio",), boom.regio):
            yield m.fout(boom.pad, ("regio",), f"regio '{boom.regio}' bestaat niet", f"kies een van: {enumeration(cat.regios)}")
        if boom.start not in vragen:
            yield m.fout(boom.pad, ("start",), f"startvraag '{boom.start}' bestaat niet", "noem de id van een vraag uit 'vragen'")
            continue
        for vid, (i, vraag) in vragen.items():
            for j, antw in enumerate(vraag.antwoorden):
                if antw.naar not in vragen and antw.naar not in uitkomsten:
                    yield m.fout(boom.pad, ("vragen", i, "antwoorden", j, "naar"),
                                 f"vraag '{vid}', antwoord '{antw.label}' leidt naar '{antw.naar}', die niet bestaat",
                                 "noem de id van een vraag of uitkomst uit dit bestand")
        bereikt, kringen = _doorloop(m, boom, vragen, uitkomsten)
        yield from kringen
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
                elif ref in cat.producten and value_of(cat.producten[ref].status) == "vervallen":
                    yield m.fout(boom.pad, ("uitkomsten", i, "producten", j), f"uitkomst '{uid}' wijst naar vervallen product {ref}",
                                 "verwijs naar het product dat ervoor in de plaats kwam")


def _doorloop(m: _Melder, boom, vragen: dict, uitkomsten: dict) -> tuple[set[str], list[DataError]]:
    """Reachability and cycles by depth-first search from the root; iterative, so a long chain cannot overflow."""
    bereikt, kleur, kringen = {boom.start}, {boom.start: 1}, []
    pad, positie = [boom.start], {boom.start: 0}  # the current path, and where each question on it is
    stack = [(boom.start, iter(vragen[boom.start][1].antwoorden))]
    while stack:
        vid, antwoorden = stack[-1]
        antw = next(antwoorden, None)
        if antw is None:
            kleur[vid] = 2
            stack.pop()
            del positie[pad.pop()]
            continue
        nxt = antw.naar
        if nxt in uitkomsten:
            bereikt.add(nxt)
        elif nxt in vragen:
            if kleur.get(nxt) == 1:
                kring = pad[positie[nxt]:] + [nxt]
                if len(kring) > 11:
                    kring = kring[:5] + ["…"] + kring[-5:]
                kringen.append(m.fout(boom.pad, ("vragen", vragen[vid][0], "antwoorden"),
                                      f"de boom loopt in een kring: {' → '.join(kring)}",
                                      "laat het antwoord naar een latere vraag of een uitkomst leiden"))
            elif nxt not in kleur:
                kleur[nxt] = 1
                bereikt.add(nxt)
                positie[nxt] = len(pad)
                pad.append(nxt)
                stack.append((nxt, iter(vragen[nxt][1].antwoorden)))
    return bereikt, kringen


def _gemeenten(m: _Melder) -> Iterator[DataError]:
    """Two different names with one web address (gemeenten/<slug>/) in two regions: one would hide the other."""
    for s, vermeldingen in by_slug(m.cat.regios).items():
        eerste = vermeldingen[0]
        for v in vermeldingen[1:]:
            if v.naam != eerste.naam:
                andere = m.cat.regios[eerste.regio].pad
                yield m.fout(m.cat.regios[v.regio].pad, ("gemeenten", v.index),
                             f"gemeente '{v.naam}' krijgt hetzelfde webadres (gemeenten/{s}/) als '{eerste.naam}' in {andere}",
                             "schrijf dezelfde gemeente in elk regiobestand precies hetzelfde; "
                             "zijn het verschillende gemeenten, maak de namen dan duidelijk verschillend")


def _gelijkende_gemeenten(m: _Melder) -> Iterator[DataError]:
    """Two different municipality names that look the same (UTS #39 skeleton: 'Almere' and 'Almеre' with a
    Cyrillic е). Names with one slug are already reported by ``_gemeenten``."""
    eerste: dict[str, tuple[str, str, int]] = {}  # lookalike key -> (name, region, index) first seen
    for regio_id, regio in m.cat.regios.items():
        for i, naam in enumerate(regio.gemeenten):
            for sleutel in dict.fromkeys(lookalike_keys(naam)):
                ander = eerste.setdefault(sleutel, (naam, regio_id, i))
                if ander[0] != naam and slug(ander[0]) != slug(naam):
                    yield m.fout(regio.pad, ("gemeenten", i),
                                 f"gemeente '{visible(naam)}' lijkt sprekend op gemeente '{visible(ander[0])}' in "
                                 f"{m.cat.regios[ander[1]].pad} (regel {_regel(m, m.cat.regios[ander[1]].pad, ('gemeenten', ander[2]))}), "
                                 f"maar is een andere tekst{difference(naam, ander[0])}: tekens uit een ander schrift of die op "
                                 "elkaar lijken, zoals een Cyrillische а of een I voor een l",
                                 "typ de naam opnieuw met gewone letters; is het dezelfde gemeente, schrijf haar dan in elk "
                                 "regiobestand precies hetzelfde")
                    break


def _name_clashes(items) -> Iterator[tuple[object, object, bool]]:
    """(item, earlier item, same) for every item whose name equals (same=True) or looks like (same=False) the name
    of an earlier one: one report per item, by the name key and the UTS #39 skeleton keys."""
    zelfde: dict[str, object] = {}
    gelijkend: dict[str, object] = {}
    for item in items:
        if (ander := zelfde.setdefault(name_key(item.naam), item)) is not item:
            yield item, ander, True
            continue
        for sleutel in dict.fromkeys(lookalike_keys(item.naam)):
            if (ander := gelijkend.setdefault(sleutel, item)) is not item:
                yield item, ander, False
                break


def _regionamen(m: _Melder) -> Iterator[DataError]:
    """Two regions with the same name, or names that look the same, cannot be told apart on the site."""
    for r, ander, same in _name_clashes(sorted(m.cat.regios.values(), key=lambda r: r.pad)):
        if same:
            yield m.fout(r.pad, ("naam",), f"de regio heeft dezelfde naam '{visible(r.naam)}' als {ander.pad}",
                         "geef elke regio een eigen naam")
        else:
            yield m.fout(r.pad, ("naam",), f"de naam '{visible(r.naam)}' lijkt sprekend op de naam "
                         f"'{visible(ander.naam)}' van {ander.pad}, maar is een andere tekst"
                         f"{difference(r.naam, ander.naam)}", "typ de naam opnieuw met gewone letters")


def _regel(m: _Melder, bestand: str, pad: tuple) -> str:
    yf = m.cat.bestanden.get(bestand)
    return str(yf.line_of(pad)) if yf and yf.line_of(pad) else "?"


def _productnamen(m: _Melder) -> Iterator[DataError]:
    """Two products of one region may not share a name, nor have names that look the same."""
    for regio, producten in _per_regio(m.cat).items():
        for p, ander, same in _name_clashes(producten):
            if same:
                yield m.fout(p.pad, ("naam",), f"het product heeft dezelfde naam '{visible(p.naam)}' als {ander.pad} "
                             f"(regel {_regel(m, ander.pad, ('naam',))}); twee producten van regio {regio} mogen niet "
                             "dezelfde naam hebben", "geef elk product een eigen naam, bv. met de doelgroep of de vorm "
                             "erbij; is het hetzelfde product, verwijder dan een van de twee bestanden")
            else:
                yield m.fout(p.pad, ("naam",), f"de naam '{visible(p.naam)}' lijkt sprekend op de naam "
                             f"'{visible(ander.naam)}' van {ander.pad}, maar is een andere tekst{difference(p.naam, ander.naam)}: "
                             "tekens uit een ander schrift of die op elkaar lijken, zoals een Cyrillische а of een I voor een l",
                             "typ de naam opnieuw met gewone letters, of maak de namen duidelijk verschillend")


def _per_regio(cat: Catalogue) -> dict[str, list]:
    uit: dict[str, list] = {}
    for p in sorted(cat.producten.values(), key=lambda p: p.pad):
        uit.setdefault(p.regio, []).append(p)
    return uit


def run_checks(cat: Catalogue, data_map: str, mislukt: dict[str, str] | None = None) -> list[DataError]:
    m = _Melder(cat, mislukt or {})
    fouten = [*_producten(m), *_regio_bestanden(m, data_map), *_synoniemen(m, data_map), *_bomen(m), *_gemeenten(m),
              *_gelijkende_gemeenten(m), *_productnamen(m), *_regionamen(m)]
    return fouten + list(m.notities())
