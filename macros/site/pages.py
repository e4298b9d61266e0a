"""The pages generated from the catalogue: path, front matter and a body of macro calls.

Pure functions from the catalogue to (src_uri, markdown) pairs; the hook turns them
into MkDocs files. Bodies only call macros, so every page is rendered by the same
components that the hand-written pages use.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from macros.catalogue.loader import Catalogue
from macros.catalogue.checks import RESERVED_IDS
from macros.components.compare import picker_data
from macros.search.index import search_files
from macros.catalogue.records import ProductRecord
from macros.text import slug


def _page(front: dict, body: str) -> str:
    # JSON is valid YAML front matter and ten times faster to write than yaml.safe_dump.
    return "---\n" + json.dumps(front, ensure_ascii=False) + "\n---\n\n" + body + "\n"


def product_pagina(cat: Catalogue, p: ProductRecord) -> tuple[str, str]:
    tags = [t for t in (p.code, cat.regios[p.regio].naam, *(s.term for s in cat.synonyms_of(p))) if t]
    front = {
        "title": p.titel,
        "description": p.samenvatting,
        "tags": tags,  # indexed by Material's search with a high boost: a code finds its product first
        "search": {"boost": 10},  # product pages above overview pages in the header search (benchmarks/README.md)
        "productenboek": {"soort": "product", "ref": p.ref},
    }
    return f"{p.regio}/{p.id}.md", _page(front, f'{{{{ product_page("{p.ref}") }}}}')


def regio_pagina(cat: Catalogue, regio_id: str) -> tuple[str, str]:
    regio = cat.regios[regio_id]
    front = {
        "title": f"Productenboek {regio.naam}",
        "description": f"Alle jeugdhulpproducten van regio {regio.naam}: codes, eenheden, duur, gemeenten en bronnen.",
        "productenboek": {"soort": "regio", "regio": regio_id},
    }
    return f"{regio_id}/index.md", _page(front, f'{{{{ region_overview("{regio_id}") }}}}')


def gemeente_pagina(cat: Catalogue, regio_id: str, gemeente: str) -> tuple[str, str]:
    front = {
        "title": f"Gemeente {gemeente}",
        "description": f"Jeugdhulpproducten die gelden in de gemeente {gemeente} (regio {cat.regios[regio_id].naam}).",
        "productenboek": {"soort": "gemeente", "regio": regio_id},
    }
    return f"gemeenten/{slug(gemeente)}.md", _page(front, f'{{{{ municipality_products("{regio_id}", "{gemeente}") }}}}')


# Sub-pages of a region: (file name, title, macro call, shown when).
REGIO_SUBPAGINAS = [
    ("codetabel", "Productcodetabel", "code_table", lambda cat, r: bool(cat.products_of(r))),
    ("matrices", "Complexiteitsmatrices", "region_matrices", lambda cat, r: bool(cat.matrices.get(r))),
    ("vergelijken", "Varianten vergelijken", "group_comparisons", lambda cat, r: bool(cat.products_of(r))),
]
assert {naam for naam, *_ in REGIO_SUBPAGINAS} | {"index"} <= RESERVED_IDS  # keep checks.py in step


def regio_subpaginas(cat: Catalogue, regio_id: str) -> list[tuple[str, str, str]]:
    """(slug, title, macro) of the sub-pages a region has."""
    return [(naam, titel, macro) for naam, titel, macro, toon in REGIO_SUBPAGINAS if toon(cat, regio_id)]


def regio_subpagina(cat: Catalogue, regio_id: str, naam: str, titel: str, macro: str) -> tuple[str, str]:
    regio = cat.regios[regio_id]
    front = {
        "title": f"{titel} {regio.naam}",
        "description": f"{titel} van de jeugdhulpproducten van regio {regio.naam}.",
        "productenboek": {"soort": naam, "regio": regio_id},
        "hide": ["toc"],  # wide tables need the room
    }
    return f"{regio_id}/{naam}.md", _page(front, f'{{{{ {macro}("{regio_id}") }}}}')


def alle_paginas(cat: Catalogue) -> Iterator[tuple[str, str]]:
    for regio_id, regio in cat.regios.items():
        yield regio_pagina(cat, regio_id)
        for naam, titel, macro in regio_subpaginas(cat, regio_id):
            yield regio_subpagina(cat, regio_id, naam, titel, macro)
        for gemeente in regio.gemeenten:
            yield gemeente_pagina(cat, regio_id, gemeente)
    yield "gemeenten/index.md", _page(
        {"title": "Gemeenten", "description": "Per gemeente de jeugdhulpproducten die er gelden."},
        "# Gemeenten\n\n{{ municipality_index() }}")
    for p in cat.producten.values():
        yield product_pagina(cat, p)
    for boom_id, boom in cat.beslisbomen.items():
        front = {"title": boom.titel, "description": f"Beslisboom: {boom.titel}.",
                 "productenboek": {"soort": "beslisboom"}}
        yield f"beslisbomen/{boom_id}.md", _page(front, f'{{{{ decision_tree("{boom_id}") }}}}')


def data_bestanden(cat: Catalogue) -> Iterator[tuple[str, str]]:
    """Static data files of the site (not pages): JSON read by the site's own scripts."""
    yield "vergelijken/producten.json", json.dumps(picker_data(cat), ensure_ascii=False, separators=(",", ":"))
    yield from search_files(cat).items()
