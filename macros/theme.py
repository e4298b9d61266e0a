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
- The menu's section toggles ("Regio's", "Over") are ``label[tabindex=0]`` with no role or state: they
  become native buttons with ``aria-expanded`` from their checkbox; overrides/assets/nav_toggles.js
  toggles the checkbox when one is pressed and keeps the state in sync (issue 29).
- The header's menu and search buttons are labels no keyboard reaches: tab stops with a name.
- One label per toggle (IBM Equal Access): the menu's overlay and title are no labels (a phone menu panel's title
  with its back arrow stays the label that names its section's checkbox). The toggles themselves are rendered unseen
  instead of display:none, so the labels point at a control (productenboek.css).
- The search results' ``md-search__scrollwrap`` is focusable while 0 px high when search is closed: an
  invisible tab stop on every page. Its results are links, which reach and scroll it; it loses its
  ``tabindex`` (issue 29).
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

# The header's menu and search buttons (below 1220 and 960 px) are labels no keyboard reaches: with the
# closed drawer out of the tab order (productenboek.css) the menu would be out of reach. They become tab
# stops named by a hidden text (a label of a checkbox may not carry a role or aria-label: Nu HTML
# Checker); Enter is the theme's, Space is nav_toggles.js's.
HEADER_BUTTONS = [
    ('<label class="md-header__button md-icon" for="__drawer">',
     '<label class="md-header__button md-icon" for="__drawer" tabindex="0"><span class="pb-visually-hidden">Menu</span>'),
    ('<label class="md-header__button md-icon" for="__search">',
     '<label class="md-header__button md-icon" for="__search" tabindex="0"><span class="pb-visually-hidden">Zoeken</span>'),
]
TOGGLES = [
    ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" tabindex="-1" aria-hidden="true">'),
    ('<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" tabindex="-1" aria-hidden="true">'),
    # The menu's checkbox had three labels (IBM Equal Access: one control, one label): the header's menu button
    # stays its label. The overlay behind the open menu, which closes it when clicked, becomes a plain element
    # that nav_toggles.js makes close it (keyboard users close the menu with the menu button).
    ('<label class="md-overlay" for="__drawer"></label>',
     '<div class="md-overlay" data-pb-toggle="__drawer" aria-hidden="true"></div>'),
]
# The open menu's title (the site's logo and name, at the top of the phone menu): a title, not a second label.
DRAWER_TITLE = re.compile(r'<label class="md-nav__title" for="__drawer">(.*?)</label>', re.S)
TOC_TOGGLE = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
TOC_TOGGLE_HIDDEN = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc" tabindex="-1" aria-hidden="true">'
TOC_TITLE = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.S)
SCROLLWRAP = ('<div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix>',
              '<div class="md-search__scrollwrap" data-md-scrollfix>')
# A section toggle: the checkbox, then its label (the theme writes `checked` on the active section). The
# label becomes a native button: a label of a checkbox may not carry a role or state (Nu HTML Checker), so it
# is a <button aria-expanded> that nav_toggles.js makes toggle the checkbox (the theme's CSS follows it).
NAV_TOGGLE = re.compile(
    r'(<input class="md-nav__toggle md-toggle [^"]*" type="checkbox" id="(__nav_[0-9_]+)" ?(checked)?>\s*)'
    r'<label class="md-nav__link([^"]*)" for="\2" id="\2_label" tabindex="0">(.*?)</label>', re.S)
ANY_NAV_LABEL = re.compile(r'<label class="md-nav__link[^"]*" for="__nav_[0-9_]+" id="__nav_[0-9_]+_label" tabindex="0">')


def _nav_toggle(m: re.Match) -> str:
    expanded = "true" if m.group(3) else "false"
    return (f'{m.group(1)}<button type="button" class="md-nav__link{m.group(4)} pb-nav-toggle" id="{m.group(2)}_label" '
            f'aria-expanded="{expanded}" data-pb-toggle="{m.group(2)}">{m.group(5)}</button>')


# The header buttons' icons are decoration beside their hidden name (IBM Equal Access: an SVG without a name).
HEADER_ICON = re.compile(r'(<label class="md-header__button md-icon" for="__(?:drawer|search)" tabindex="0">'
                         r'<span class="pb-visually-hidden">[^<]*</span>\s*)<svg ')


def fix_theme_markup(html: str, name: str) -> str:
    for old, new in TOGGLES + HEADER_BUTTONS:
        if old not in html:
            raise PluginError(f"{name}: de thema-opmaak is veranderd ({old[:60]}… niet gevonden); "
                              "werk macros/theme.py bij voor deze versie van Material")
        html = html.replace(old, new, 1)
    if TOC_TOGGLE in html and 'for="__toc"' not in html:
        html = html.replace(TOC_TOGGLE, "", 1)
    if TOC_TOGGLE not in html:
        html = TOC_TITLE.sub(r'<div class="md-nav__title">\1</div>', html)
    html = html.replace(TOC_TOGGLE, TOC_TOGGLE_HIDDEN, 1)
    if SCROLLWRAP[0] not in html:
        raise PluginError(f"{name}: de thema-opmaak is veranderd (md-search__scrollwrap niet gevonden); "
                          "werk macros/theme.py bij voor deze versie van Material")
    html = html.replace(*SCROLLWRAP)
    html = HEADER_ICON.sub(r'\1<svg aria-hidden="true" ', html)
    html = DRAWER_TITLE.sub(r'<div class="md-nav__title pb-drawer-title">\1</div>', html, count=1)
    html = NAV_TOGGLE.sub(_nav_toggle, html)
    if ANY_NAV_LABEL.search(html):  # a toggle the pattern missed: the theme's markup changed
        raise PluginError(f"{name}: de thema-opmaak van de menuknoppen is veranderd; "
                          "werk NAV_TOGGLE in macros/theme.py bij voor deze versie van Material")
    return html


def on_post_page(output, page, config):
    return fix_theme_markup(output, page.file.src_uri)


def on_post_template(output_content, template_name, config):
    # 404.html and other static templates of the theme; sitemap.xml has no toggles.
    return fix_theme_markup(output_content, template_name) if template_name.endswith(".html") else output_content
