"""MkDocs hooks: load the catalogue once per build, generate pages, watch data/ while serving.

Registered in mkdocs.yml under ``hooks:``. Thin by design: the work is done by
``macros.catalogue.loader`` (load + validate) and ``macros.site.pages`` (what to generate).
"""

from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File

from macros.site import pages
from macros.catalogue.loader import load_catalogue
from macros.catalogue.errors import DataErrors
from macros.changes import changes_for_site
from macros.exports import export_files
from macros.site.history import last_changed
from macros.components.render import LEAN_END
from macros.site.state import ROOT, STATE, data_date

log = logging.getLogger("mkdocs.productenboek")


@event_priority(100)  # before every plugin: the macros plugin needs the catalogue in its on_config
def on_config(config):
    STATE.new_build()
    try:
        STATE.catalogus = load_catalogue(STATE.data_dir)
    except DataErrors as exc:
        raise PluginError(exc.report()) from None
    cat = STATE.catalogus
    STATE.data_date = data_date(STATE.data_dir)
    STATE.site_url = config.get("site_url") or ""
    STATE.exports = export_files(cat, STATE.site_url, STATE.data_date)
    STATE.wijzigingen = changes_for_site(ROOT, cat) if _own_data() else (
        "Geen vergelijking: deze build gebruikt gegevens buiten de repository (PRODUCTENBOEK_DATA).")
    STATE.laatst = last_changed(ROOT, [p.pad for p in cat.producten.values()]) if _own_data() else {}
    regio_nav = [{regio.naam: f"{regio_id}/index.md"} for regio_id, regio in cat.regios.items()]
    nav = config.get("nav") or []
    for i, item in enumerate(nav):
        if isinstance(item, dict) and "Regio's" in item:
            nav[i] = {"Regio's": [*item["Regio's"], *regio_nav]} if isinstance(item["Regio's"], list) else {"Regio's": regio_nav}
    log.info("Catalogus geladen: %d regio's, %d producten", len(cat.regios), len(cat.producten))
    return config


def _own_data() -> bool:
    """True when building the repository's own data/ (not a test or benchmark copy elsewhere)."""
    return STATE.data_dir.resolve() == (ROOT / "data").resolve()


def on_files(files, config):
    for src_uri, content in pages.alle_paginas(STATE.cat()):
        files.append(File.generated(config, src_uri, content=content))
    for src_uri, content in [*pages.data_bestanden(STATE.cat()), *STATE.exports.items()]:
        files.append(File.generated(config, src_uri, content=content))
    return files


def on_serve(server, config, builder):
    server.watch(str(STATE.data_dir))
    return server


def on_page_content(html, page, config, files):
    """Put the components' HTML back where the macros left placeholders."""
    try:
        return STATE.zet_terug(html, page.file.src_uri)
    except ValueError as exc:
        raise PluginError(str(exc)) from None


@event_priority(50)  # before Material's search plugin indexes the page
def _lean_for_search(context, page, config, nav):
    """Give the search index only the lean part of a generated page (title, summary, tags): what
    follows the marker is a listing the finder and the page itself carry."""
    if LEAN_END in page.content:
        page.pb_full_content = page.content
        page.content = page.content.split(LEAN_END, 1)[0]
    return context


@event_priority(-50)  # after the search plugin: the page itself is rendered in full
def _restore_after_search(context, page, config, nav):
    if hasattr(page, "pb_full_content"):
        page.content = page.pb_full_content
        del page.pb_full_content
    return context


on_page_context = CombinedEvent(_lean_for_search, _restore_after_search)
