"""Rules that need more than one file: references, duplicate codes, municipalities, tree graphs.

Each check yields DataError entries in Dutch naming file, field and line. A reference to a file that
itself failed to load (``failed``) is not reported as "bestaat niet" (with a "bedoel je" that would
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


def enumeration(items: Collection[str], at_most: int = 10) -> str:
    """'a, b, c' — at most `maximaal` items, then 'en nog N' (a list from data can be long)."""
    text = ", ".join(islice(items, at_most))
    return text + (f" en nog {len(items) - at_most}" if len(items) > at_most else "")


class _Reporter:
    def __init__(self, cat: Catalogue, failed: dict[str, str]):
        self.cat = cat
        self.failed = failed
        self.unchecked: dict[str, list[str]] = {}  # failed file -> places that refer to it
        self.comparisons = 0

    def nearest(self, name: str, candidates: Collection[str], n: int) -> list[str]:
        """The nearest candidates for a hint, while the run's budget of comparisons lasts."""
        self.comparisons += len(candidates) + 100  # a call costs about as much as 100 comparisons
        if self.comparisons > MAX_COMPARISONS:
            return []
        return difflib.get_close_matches(name, candidates, n=n, cutoff=0.6)

    def error(self, file: str, path: tuple, problem: str, fix: str) -> DataError:
        yf = self.cat.bestanden.get(file)
        return DataError(file, yf.line_of(path) if yf else None, field_path(path), problem, fix)

    def region_failed(self, file: str, path: tuple, region: str) -> bool:
        """True (and the place remembered) when `regio` has a region file that failed to load."""
        return self._failed(f"regio:{region}", file, path)

    def _failed(self, key: str, file: str, path: tuple) -> bool:
        if key not in self.failed:
            return False
        yf = self.cat.bestanden.get(file)
        line = yf.line_of(path) if yf and path else None
        self.unchecked.setdefault(self.failed[key], []).append(file + (f" regel {line}" if line else ""))
        return True

    def notes(self) -> Iterator[DataError]:
        for file, places in sorted(self.unchecked.items()):
            places = list(dict.fromkeys(places))
            listing = ", ".join(places[:MAX_PLACES]) + (f" en nog {len(places) - MAX_PLACES}" if len(places) > MAX_PLACES else "")
            yield DataError(file, None, None,
                            f"{NOT_CHECKED}, omdat het zelf fouten bevat: {listing}",
                            "herstel eerst de fouten in dit bestand; de volgende controle kijkt die plekken ook na")

    def ref_error(self, file: str, path: tuple, ref: str) -> DataError | None:
        """An error if `ref` ('regio/id') names no product, with the nearest existing refs as hint.

        None when the product exists, and also when its file (or its region's) failed to load: then the
        reference cannot be checked, which the failed file's note says."""
        if ref in self.cat.producten:
            return None
        region = ref.split("/", 1)[0]
        if self._failed(f"product:{ref}", file, path) or self.region_failed(file, path, region):
            return None
        if region not in self.cat.regios:
            return self.error(file, path, f"verwijst naar regio '{region}', die niet bestaat",
                             f"kies een van: {enumeration(self.cat.regios)}")
        nearest = self.nearest(ref, self.cat.producten, 3)
        hint = f"bedoel je {' of '.join(nearest)}?" if nearest else f"maak data/products/{ref}.yaml aan, of corrigeer de verwijzing"
        return self.error(file, path, f"verwijst naar product '{ref}', dat niet bestaat", hint)


def _check_products(m: _Reporter) -> Iterator[DataError]:
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


def _check_region_files(m: _Reporter, data_folder: str) -> Iterator[DataError]:
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


def _check_synonyms(m: _Reporter, data_folder: str) -> Iterator[DataError]:
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


def _check_trees(m: _Reporter) -> Iterator[DataError]:
    cat = m.cat
    for tree in cat.beslisbomen.values():
        questions = {v.id: (i, v) for i, v in enumerate(tree.vragen)}
        outcomes = {u.id: (i, u) for i, u in enumerate(tree.uitkomsten)}
        if tree.regio is not None and tree.regio not in cat.regios and not m.region_failed(tree.pad, ("regio",), tree.regio):
            yield m.error(tree.pad, ("regio",), f"regio '{tree.regio}' bestaat niet", f"kies een van: {enumeration(cat.regios)}")
        if tree.start not in questions:
            yield m.error(tree.pad, ("start",), f"startvraag '{tree.start}' bestaat niet", "noem de id van een vraag uit 'vragen'")
            continue
        for vid, (i, question) in questions.items():
            for j, answer in enumerate(question.antwoorden):
                if answer.naar not in questions and answer.naar not in outcomes:
                    yield m.error(tree.pad, ("vragen", i, "antwoorden", j, "naar"),
                                 f"vraag '{vid}', antwoord '{answer.label}' leidt naar '{answer.naar}', die niet bestaat",
                                 "noem de id van een vraag of uitkomst uit dit bestand")
        reached, cycles = _walk_tree(m, tree, questions, outcomes)
        yield from cycles
        for vid, (i, _) in questions.items():
            if vid not in reached:
                yield m.error(tree.pad, ("vragen", i, "id"), f"vraag '{vid}' is vanaf de start niet bereikbaar",
                             "laat een antwoord naar deze vraag leiden, of verwijder haar")
        for uid, (i, outcome) in outcomes.items():
            if uid not in reached:
                yield m.error(tree.pad, ("uitkomsten", i, "id"), f"uitkomst '{uid}' is vanaf de start niet bereikbaar",
                             "laat een antwoord naar deze uitkomst leiden, of verwijder haar")
            for j, ref in enumerate(outcome.producten):
                if f := m.ref_error(tree.pad, ("uitkomsten", i, "producten", j), ref):
                    yield f
                elif ref in cat.producten and value_of(cat.producten[ref].status) == "vervallen":
                    yield m.error(tree.pad, ("uitkomsten", i, "producten", j), f"uitkomst '{uid}' wijst naar vervallen product {ref}",
                                 "verwijs naar het product dat ervoor in de plaats kwam")


def _walk_tree(m: _Reporter, tree, questions: dict, outcomes: dict) -> tuple[set[str], list[DataError]]:
    """Reachability and cycles by depth-first search from the root; iterative, so a long chain cannot overflow."""
    reached, colour, cycles = {tree.start}, {tree.start: 1}, []
    path, position = [tree.start], {tree.start: 0}  # the current path, and where each question on it is
    stack = [(tree.start, iter(questions[tree.start][1].antwoorden))]
    while stack:
        vid, answers = stack[-1]
        answer = next(answers, None)
        if answer is None:
            colour[vid] = 2
            stack.pop()
            del position[path.pop()]
            continue
        nxt = answer.naar
        if nxt in outcomes:
            reached.add(nxt)
        elif nxt in questions:
            if colour.get(nxt) == 1:
                cycle = path[position[nxt]:] + [nxt]
                if len(cycle) > 11:
                    cycle = cycle[:5] + ["…"] + cycle[-5:]
                cycles.append(m.error(tree.pad, ("vragen", questions[vid][0], "antwoorden"),
                                      f"de boom loopt in een kring: {' → '.join(cycle)}",
                                      "laat het antwoord naar een latere vraag of een uitkomst leiden"))
            elif nxt not in colour:
                colour[nxt] = 1
                reached.add(nxt)
                position[nxt] = len(path)
                path.append(nxt)
                stack.append((nxt, iter(questions[nxt][1].antwoorden)))
    return reached, cycles


def _check_municipalities(m: _Reporter) -> Iterator[DataError]:
    """Two different names with one web address (gemeenten/<slug>/) in two regions: one would hide the other."""
    for s, listings in by_slug(m.cat.regios).items():
        first = listings[0]
        for v in listings[1:]:
            if v.naam != first.naam:
                others = m.cat.regios[first.regio].pad
                yield m.error(m.cat.regios[v.regio].pad, ("gemeenten", v.index),
                             f"gemeente '{v.naam}' krijgt hetzelfde webadres (gemeenten/{s}/) als '{first.naam}' in {others}",
                             "schrijf dezelfde gemeente in elk regiobestand precies hetzelfde; "
                             "zijn het verschillende gemeenten, maak de namen dan duidelijk verschillend")


def _check_lookalike_municipalities(m: _Reporter) -> Iterator[DataError]:
    """Two different municipality names that look the same (UTS #39 skeleton: 'Almere' and 'Almеre' with a
    Cyrillic е). Names with one slug are already reported by ``_gemeenten``."""
    first: dict[str, tuple[str, str, int]] = {}  # lookalike key -> (name, region, index) first seen
    for regio_id, region in m.cat.regios.items():
        for i, name in enumerate(region.gemeenten):
            for key in dict.fromkeys(lookalike_keys(name)):
                other = first.setdefault(key, (name, regio_id, i))
                if other[0] != name and slug(other[0]) != slug(name):
                    yield m.error(region.pad, ("gemeenten", i),
                                 f"gemeente '{visible(name)}' lijkt sprekend op gemeente '{visible(other[0])}' in "
                                 f"{m.cat.regios[other[1]].pad} (regel {_line_text(m, m.cat.regios[other[1]].pad, ('gemeenten', other[2]))}), "
                                 f"maar is een andere tekst{difference(name, other[0])}: tekens uit een ander schrift of die op "
                                 "elkaar lijken, zoals een Cyrillische а of een I voor een l",
                                 "typ de naam opnieuw met gewone letters; is het dezelfde gemeente, schrijf haar dan in elk "
                                 "regiobestand precies hetzelfde")
                    break


def _name_clashes(items) -> Iterator[tuple[object, object, bool]]:
    """(item, earlier item, same) for every item whose name equals (same=True) or looks like (same=False) the name
    of an earlier one: one report per item, by the name key and the UTS #39 skeleton keys."""
    same_name: dict[str, object] = {}
    lookalike: dict[str, object] = {}
    for item in items:
        if (other := same_name.setdefault(name_key(item.naam), item)) is not item:
            yield item, other, True
            continue
        for key in dict.fromkeys(lookalike_keys(item.naam)):
            if (other := lookalike.setdefault(key, item)) is not item:
                yield item, other, False
                break


def _check_region_names(m: _Reporter) -> Iterator[DataError]:
    """Two regions with the same name, or names that look the same, cannot be told apart on the site."""
    for r, other, same in _name_clashes(sorted(m.cat.regios.values(), key=lambda r: r.pad)):
        if same:
            yield m.error(r.pad, ("naam",), f"de regio heeft dezelfde naam '{visible(r.naam)}' als {other.pad}",
                         "geef elke regio een eigen naam")
        else:
            yield m.error(r.pad, ("naam",), f"de naam '{visible(r.naam)}' lijkt sprekend op de naam "
                         f"'{visible(other.naam)}' van {other.pad}, maar is een andere tekst"
                         f"{difference(r.naam, other.naam)}", "typ de naam opnieuw met gewone letters")


def _line_text(m: _Reporter, file: str, path: tuple) -> str:
    yf = m.cat.bestanden.get(file)
    return str(yf.line_of(path)) if yf and yf.line_of(path) else "?"


def _check_product_names(m: _Reporter) -> Iterator[DataError]:
    """Two products of one region may not share a name, nor have names that look the same."""
    for region, products in _by_region(m.cat).items():
        for p, other, same in _name_clashes(products):
            if same:
                yield m.error(p.pad, ("naam",), f"het product heeft dezelfde naam '{visible(p.naam)}' als {other.pad} "
                             f"(regel {_line_text(m, other.pad, ('naam',))}); twee producten van regio {region} mogen niet "
                             "dezelfde naam hebben", "geef elk product een eigen naam, bv. met de doelgroep of de vorm "
                             "erbij; is het hetzelfde product, verwijder dan een van de twee bestanden")
            else:
                yield m.error(p.pad, ("naam",), f"de naam '{visible(p.naam)}' lijkt sprekend op de naam "
                             f"'{visible(other.naam)}' van {other.pad}, maar is een andere tekst{difference(p.naam, other.naam)}: "
                             "tekens uit een ander schrift of die op elkaar lijken, zoals een Cyrillische а of een I voor een l",
                             "typ de naam opnieuw met gewone letters, of maak de namen duidelijk verschillend")


def _by_region(cat: Catalogue) -> dict[str, list]:
    out: dict[str, list] = {}
    for p in sorted(cat.producten.values(), key=lambda p: p.pad):
        out.setdefault(p.regio, []).append(p)
    return out


def run_checks(cat: Catalogue, data_folder: str, failed: dict[str, str] | None = None) -> list[DataError]:
    m = _Reporter(cat, failed or {})
    errors = [*_check_products(m), *_check_region_files(m, data_folder), *_check_synonyms(m, data_folder), *_check_trees(m), *_check_municipalities(m),
              *_check_lookalike_municipalities(m), *_check_product_names(m), *_check_region_names(m)]
    return errors + list(m.notes())
