"""MkDocs hook: each page's ``lastmod`` for the sitemap (issue 29), the day what the page shows last
changed in git, not the day of the build.

- A generated page: the last change among the data files it is made from. A product page: its file and
  its region's, where the file's date is its last data change in the product's history (issue 30): a commit
  that only changed style (whitespace, the YAML style pass) does not count. A region page and its sub-pages (code table, matrices, variants): the region's file, its
  products, matrices, sections and code table. A municipality: the files of every region that names it.
  A decision tree: its file. A source document: its text. Any other generated page (an index over
  everything): the last change anywhere in data/.
- A hand-written page: the last change of its source file in content/; when it calls macros ("{{" in
  the source, so it shows data) the later of that and the last change in data/.
- Without a date (a file git does not know, a build of data outside the repository, no git) the page
  has no ``lastmod``: the sitemap protocol makes it optional, and a guessed date would be wrong.

One ``git log`` for data/ and content/ together (macros.site.history). overrides/sitemap.xml writes
``page.pb_lastmod``.
"""

from __future__ import annotations

from pathlib import Path

from macros.site.history import last_changed
from macros.site.state import ROOT, STATE

_dates: dict[str, str] = {}
_page_files: dict[str, list[str]] = {}  # generated page src_uri -> the data files it is made from
_product_refs: dict[str, tuple[str, str]] = {}  # product page src_uri -> (product ref, its file)
_data_latest: str | None = None


def _rel(path: Path) -> str:
    return path.resolve().relative_to(ROOT).as_posix()


def on_config(config):
    global _data_latest
    _dates.clear()
    _page_files.clear()
    _product_refs.clear()
    _data_latest = None
    own_data = STATE.data_dir.resolve() == (ROOT / "data").resolve()
    files = [_rel(p) for p in (ROOT / "content").rglob("*") if p.is_file()]
    if own_data:
        files += [_rel(p) for p in (ROOT / "data").rglob("*") if p.is_file()]
    _dates.update(last_changed(ROOT, files))
    if not own_data:
        return config
    _data_latest = max((d for f, d in _dates.items() if f.startswith("data/")), default=None)
    cat = STATE.cat()
    region_files: dict[str, list[str]] = {}
    for region_id, region in cat.regios.items():
        region_files[region_id] = [
            region.pad, *(p.pad for p in cat.products_of(region_id)),
            *(m.pad for m in cat.matrices.get(region_id, [])), *(s.pad for s in cat.secties.get(region_id, [])),
            f"data/codetabellen/{region_id}.yaml"]
        for sub in ("index", "codetabel", "matrices", "vergelijken"):
            _page_files[f"{region_id}/{sub}.md"] = region_files[region_id]
    for p in cat.producten.values():
        _page_files[f"{p.regio}/{p.id}.md"] = [p.pad, cat.regios[p.regio].pad]
        _product_refs[f"{p.regio}/{p.id}.md"] = (p.ref, p.pad)
    for municipality in cat.municipalities:
        _page_files[f"gemeenten/{municipality.slug}.md"] = [f for r in municipality.regios for f in region_files.get(r, [])]
    for tree_id, tree in cat.beslisbomen.items():
        _page_files[f"beslisbomen/{tree_id}.md"] = [tree.pad]
    for doc in cat.bronnen.values():
        _page_files[f"bronnen/{doc.stem}.md"] = [f"data/bronnen/{doc.name}"]
    return config


def page_lastmod(src_uri: str, generated: bool, source: str | None) -> str | None:
    """The 'YYYY-MM-DD' for a page, or None when git gives none."""
    if generated:
        files = _page_files.get(src_uri)
        if files is None:
            return _data_latest
        dates = {f: _dates[f] for f in files if f in _dates}
        if src_uri in _product_refs:  # a product: its last data change, not a commit that only changed style
            ref, path = _product_refs[src_uri]
            history = STATE.history
            if getattr(history, "available", False) and history.of(ref):
                dates[path] = history.of(ref)[0].date
        return max(dates.values(), default=None)
    own = _dates.get(f"content/{src_uri}")
    if source is not None and "{{" in source and _data_latest:
        return max(filter(None, (own, _data_latest)))
    return own


def on_page_markdown(markdown, page, config, files):
    generated = page.file.src_uri in STATE.generated
    source = None if generated else page.file.content_string  # the source as written, before the macros run
    page.pb_lastmod = page_lastmod(page.file.src_uri, generated, source)
    return markdown
