"""mkdocs-macros entry point: the components that hand-written pages in content/ call as macros.

Each macro looks up catalogue objects by id and passes ``root`` (the relative path from
the page being rendered to the site root), then delegates to a component in
``macros.components``, handing over what one output needs from another (the finder's manifest, the exports'
columns, the change report's data): outputs never import each other. Macros never read files. Pages generated from the catalogue do not
pass through here: ``macros.site.hooks`` renders them directly (no template source from data).
"""

from __future__ import annotations

import functools

from macros import exports
from macros.changes.report import report_data
from macros.components import change_report as r
from macros.components import compare as v
from macros.components import history as h
from macros.components import opendata as d
from macros.components import products as c
from macros.components import tables as t
from macros.components import trees as b
from macros.search.index import finder_manifest
from macros.site.export_job import EXPORTS
from macros.site.state import STATE, root_of


def define_env(env):
    def root() -> str:
        return root_of(env.page.url) if env.page is not None else ""

    register = env.macro

    def macro(fn):
        """Register a component macro; its HTML bypasses Markdown (see BuildState.stash_html)."""
        @functools.wraps(fn)
        def wrapped(*args, **kwargs):
            return STATE.stash_html(str(fn(*args, **kwargs)))

        return register(wrapped)

    env.macro = macro  # every @env.macro below goes through the stash

    @env.macro
    def product_card(ref: str):
        cat = STATE.cat()
        return c.product_card(cat, cat.product(ref), root())

    @env.macro
    def product_table(region_id: str):
        cat = STATE.cat()
        return c.product_table(cat, cat.products_of(region_id), root(), id_prefix=f"groep-{region_id}")

    @env.macro
    def complexity_matrix(region_id: str, matrix_id: str):
        cat = STATE.cat()
        return t.complexity_matrix(cat, next(m for m in cat.matrices[region_id] if m.id == matrix_id), root())

    @env.macro
    def type_comparisons():
        return v.type_comparisons(STATE.cat(), root())

    @env.macro
    def comparison_picker():
        return v.comparison_picker(STATE.cat(), root())

    @env.macro
    def comparison_table(refs: list[str], caption: str = "Vergelijking"):
        cat = STATE.cat()
        return v.comparison_table(cat, [cat.product(r) for r in refs], root(), caption=caption)

    @env.macro
    def normenkader_table(region_id: str | None = None):
        """One region's table, or (no region) the index of the regions, each linking its table."""
        cat = STATE.cat()
        if not region_id:
            return t.normenkader_index(cat, root())
        return t.normenkader_table(cat, cat.products_of(region_id), root(), caption="Maximale duur en omvang per product")

    @env.macro
    def product_finder():
        return c.product_finder(STATE.cat(), finder_manifest(STATE.cat()), root())

    @env.macro
    def home_search():
        return c.home_search(root())

    @env.macro
    def tree_index():
        return b.tree_index(STATE.cat(), root())

    @env.macro
    def open_data():
        return d.open_data(STATE.cat(), STATE.exports, root(), STATE.data_date, exports.about(), EXPORTS.size_text)

    @env.macro
    def latest_changes():
        """/wijzigingen/: the latest changes across regions from git (issue 30); nothing in a preview, which
        shows the report against main."""
        if STATE.preview or STATE.history is None:
            return ""
        return h.latest_changes(STATE.history, {r: x.naam for r, x in STATE.cat().regios.items()},
                                STATE.repo_url, root())

    @env.macro
    def change_feeds():
        return h.latest_changes(STATE.history, {r: x.naam for r, x in STATE.cat().regios.items()},
                                STATE.repo_url, root(), feeds_only=True)

    @env.macro
    def change_report():
        return r.change_report(report_data(STATE.changes), root())

    @env.macro
    def region_cards():
        return c.region_cards(STATE.cat(), root())

    @env.macro
    def source_overview():
        return c.source_overview(STATE.cat(), root())

    @env.macro
    def data_quality():
        return c.data_quality(STATE.cat(), root())

    # No catalogue among the variables: no page uses it, and mkdocs-macros writes every variable as JSON for its
    # debug log on every build, whether the log is shown or not (each product's repr: 2 % of a build at 500).
