"""`mkdocs serve --dirty`: which generated pages a data edit can reach (``macros.site.incremental`` reads only those
again). A page depends on the regions whose data files it can show; ``ALWAYS``: read on every rebuild.

No MkDocs import (the seam).
"""

from __future__ import annotations

from macros.site.kept_exports import named_regions, region_of
from macros.site.state import STATE

ALWAYS = None  # a page read on every rebuild


def changed_keys(old: dict, new: dict) -> set[str | None]:
    """What changed between two data stamps, as the keys a page's dependencies are made of: the region of every
    changed file (None: a file of no region), each changed product file by its path in data/
    ('products/flevoland/45f34.yaml'), and for a changed file of a region outside products/ '~' and the region
    ('~flevoland': its region file, code table, matrices or sections)."""
    out: set[str | None] = set()
    for k in old.keys() | new.keys():
        if old.get(k) != new.get(k):
            region = region_of(k)
            out.add(region)
            if region is not None:
                out.add(k if k.startswith("products/") else f"~{region}")
    return out


def source_regions(cat) -> dict[str, set[str]]:
    """Source document page stem -> what its page can show (``changed_keys``): the files outside products/ of the
    regions that list the document and of those of the products citing it ('~' and the region), and the citing
    products' own files (their titles, links and sections); not another product of those regions. The document's
    own text and the decision trees are files of no region (a change reads every page again)."""
    stem = {doc.name: doc.stem for doc in cat.bronnen.values()}
    out: dict[str, set[str]] = {}
    for r in cat.regios.values():
        for b in r.bronnen:
            if b.document in stem:
                out.setdefault(stem[b.document], set()).add(f"~{r.id}")
    for p in cat.producten.values():
        for b in [p.bron, *p.aanvullende_bronnen]:
            if b.document in stem:
                out.setdefault(stem[b.document], set()).update((f"~{p.regio}", p.pad.split("/", 1)[1]))
    return out


def dependencies(cat, generated) -> dict[str, frozenset[str] | None]:
    """Generated page src_uri -> the regions whose data files it can show, or for a product's page and a source
    document's the files (``changed_keys``; ALWAYS: read it every time).
    What a product page shows of the git history and the change report is compared per page (``extras``)."""
    named = named_regions(cat)
    by_slug = {g.slug: g for g in cat.municipalities}
    citing = source_regions(cat)
    out: dict[str, frozenset[str] | None] = {}
    for src, page in generated.items():
        region = src.split("/", 1)[0]
        if page.kind == "bron":  # a source document's page: its text (bronnen/: every page) and who cites it
            out[src] = frozenset(citing.get(src.removeprefix("bronnen/").removesuffix(".md"), ()))
        elif page.kind == "gemeente":
            slug = src.removeprefix("gemeenten/").removesuffix(".md")
            g = by_slug.get(slug)
            out[src] = ALWAYS if g is None else frozenset(x for r in g.regios for x in named.get(r, {r}))
        elif page.kind == "product" and (p := cat.producten.get(src.removesuffix(".md"))) is not None:
            out[src] = _product_files(cat, p)
        elif region in cat.regios and page.kind != "beslisboom":  # a region's page or one of its products
            out[src] = frozenset(named.get(region, {region}))
        else:
            out[src] = ALWAYS
    return out


def _product_files(cat, p) -> frozenset[str] | None:
    """What a product's page shows (``changed_keys``): its own file, its region's files outside products/ ('~' and
    the region: name, municipalities, sources), and the files of the products it names (samenloop: their titles
    and addresses); not the region's other products (its row in the region's files is compared apart,
    ``extras``). ALWAYS when it names a product the catalogue lacks."""
    named = [cat.producten.get(r) for s in p.samenloop for r in s.producten]
    if any(q is None for q in named):
        return ALWAYS
    return frozenset({f"~{p.regio}", *(q.pad.split("/", 1)[1] for q in [p, *named])})


def extras(cat) -> dict[str, tuple]:
    """Product page src_uri -> what it shows beside its data: its anchor in the change report against main,
    its last change in git (an edit makes a product 'changed' without touching another's page), and its row in
    its region's list (the row its downloads name: another product's new code or name can move it)."""
    w = STATE.changes
    anchor = getattr(w, "anker", None)
    return {f"{p.regio}/{p.id}.md": (anchor(p.ref) if anchor else None, STATE.file_dates.get(p.pad), row)
            for r in cat.regios for row, p in enumerate(cat.products_of(r))}
