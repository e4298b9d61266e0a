"""MkDocs hook: three fixes to Material's own markup that no template block or partial reaches.

Each is an exact replacement of what Material 9.8's ``base.html`` and ``partials/nav-item.html``
write; when the theme changes that markup the build fails here instead of shipping the old fault.

- The drawer and search toggles are checkboxes with ``autocomplete="off"``, which HTML allows only on
  text-like inputs (Nu HTML Checker, 2 errors a page). Material sets it so Firefox does not restore a
  ticked toggle on reload; with instant navigation a page is not reloaded on back, and the theme
  closes both toggles on every navigation.
- The active page's table-of-contents toggle ``#__toc`` is written even when the page has no contents
  list, and then has no label (HTML_CodeSniffer H91.InputCheckbox.Name and F68).
- The other way round, a page outside the navigation (product, region, tree) has a contents list whose
  title is a ``<label for="__toc">`` with no toggle to label (Nu HTML Checker); it becomes a plain title.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

TOGGLES = [
    ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'),
    ('<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'),
]
TOC_TOGGLE = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
TOC_TITLE = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.S)


def fix_theme_markup(html: str, name: str) -> str:
    for old, new in TOGGLES:
        if old not in html:
            raise PluginError(f"{name}: de thema-opmaak is veranderd ({old[:60]}… niet gevonden); "
                              "werk macros/theme.py bij voor deze versie van Material")
        html = html.replace(old, new, 1)
    if TOC_TOGGLE in html and 'for="__toc"' not in html:
        html = html.replace(TOC_TOGGLE, "", 1)
    if TOC_TOGGLE not in html:
        html = TOC_TITLE.sub(r'<div class="md-nav__title">\1</div>', html)
    return html


def on_post_page(output, page, config):
    return fix_theme_markup(output, page.file.src_uri)


def on_post_template(output_content, template_name, config):
    # 404.html and other static templates of the theme; sitemap.xml has no toggles.
    return fix_theme_markup(output_content, template_name) if template_name.endswith(".html") else output_content
