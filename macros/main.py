"""mkdocs-macros entry point: registers the components as macros.

Each macro looks up catalogue objects by id and passes ``root`` (the relative path
from the page being rendered to the site root), then delegates to
``macros.components``. Macros never read files.
"""

from __future__ import annotations

from macros import components as c
from macros.site import STATE, root_of


def define_env(env):
    def root() -> str:
        return root_of(env.page.url) if env.page is not None else ""

    @env.macro
    def product_card(ref: str):
        cat = STATE.cat()
        return c.product_card(cat, cat.product(ref), root())

    @env.macro
    def product_table(regio: str):
        cat = STATE.cat()
        return c.product_table(cat, cat.producten_van(regio), root(), id_prefix=f"groep-{regio}")

    @env.macro
    def product_page(ref: str):
        cat = STATE.cat()
        return c.product_page(cat, cat.product(ref), root())

    @env.macro
    def region_overview(regio: str):
        cat = STATE.cat()
        return c.region_overview(cat, cat.regios[regio], root())

    @env.macro
    def municipality_products(regio: str, gemeente: str):
        cat = STATE.cat()
        return c.municipality_products(cat, regio, gemeente, root())

    @env.macro
    def region_cards():
        return c.region_cards(STATE.cat(), root())

    @env.macro
    def source_overview():
        return c.source_overview(STATE.cat())

    @env.macro
    def data_quality():
        return c.data_quality(STATE.cat(), root())

    env.variables["catalogus"] = STATE.cat()
