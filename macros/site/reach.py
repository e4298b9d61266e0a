"""`mkdocs serve --dirty`: which generated pages a data edit can reach (``macros.site.incremental`` reads only those
again). A page depends on the regions whose data files it can show; ``ALWAYS``: read on every rebuild.

No MkDocs import (the seam).
"""

from __future__ import annotations

from macros.site.kept_exports import named_regions
from macros.site.state import STATE

ALWAYS = None  # a page read on every rebuild


def source_regions(cat) -> dict[str, set[str]]:
    """Source document page stem -> the regions that list the document and those of the products citing it: the
    regions whose data files its page can show (titles, links and sections of the citing products). The document's
    own text and the decision trees are files of no region (a change reads every page again)."""
    stem = {doc.name: doc.stem for doc in cat.bronnen.values()}
    out: dict[str, set[str]] = {}
    for r in cat.regios.values():
        for b in r.bronnen:
            if b.document in stem:
                out.setdefault(stem[b.document], set()).add(r.id)
    for p in cat.producten.values():
        for b in [p.bron, *p.aanvullende_bronnen]:
            if b.document in stem:
                out.setdefault(stem[b.document], set()).add(p.regio)
    return out


def dependencies(cat, generated) -> dict[str, frozenset[str] | None]:
    """Generated page src_uri -> the regions whose data files it can show (ALWAYS: read it every time).
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
        elif region in cat.regios and page.kind != "beslisboom":  # a region's page or one of its products
            out[src] = frozenset(named.get(region, {region}))
        else:
            out[src] = ALWAYS
    return out


def extras(cat) -> dict[str, tuple]:
    """Product page src_uri -> what it shows beside its data: its anchor in the change report against main
    and its last change in git (an edit makes a product 'changed' without touching another's page)."""
    w = STATE.wijzigingen
    anchor = getattr(w, "anker", None)
    return {f"{p.regio}/{p.id}.md": (anchor(p.ref) if anchor else None, STATE.laatst.get(p.pad)) for p in cat.producten.values()}
