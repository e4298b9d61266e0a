"""MkDocs hooks: load the catalogue once per build, generate pages, watch data/ while serving.

Registered in mkdocs.yml under ``hooks:``. Thin by design: the work is done by
``macros.catalogue`` (load + validate) and ``macros.pages`` (what to generate).
"""

from __future__ import annotations

import logging
from pathlib import Path

import mkdocs

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from macros import pages
from macros.catalogue import laad_catalogus
from macros.errors import DataFouten
from macros.site import STATE, data_datum

log = logging.getLogger("mkdocs.productenboek")
LUNR_JS = Path(mkdocs.__file__).parent / "contrib" / "search" / "templates" / "search" / "lunr.js"


@event_priority(100)  # before every plugin: the macros plugin needs the catalogue in its on_config
def on_config(config):
    try:
        STATE.catalogus = laad_catalogus(STATE.data_dir)
    except DataFouten as exc:
        raise PluginError(exc.rapport()) from None
    cat = STATE.catalogus
    STATE.data_datum = data_datum(STATE.data_dir)
    STATE.site_url = config.get("site_url") or ""
    regio_nav = [{regio.naam: f"{regio_id}/index.md"} for regio_id, regio in cat.regios.items()]
    nav = config.get("nav") or []
    for i, item in enumerate(nav):
        if isinstance(item, dict) and "Regio's" in item:
            nav[i] = {"Regio's": [*item["Regio's"], *regio_nav]} if isinstance(item["Regio's"], list) else {"Regio's": regio_nav}
    log.info("Catalogus geladen: %d regio's, %d producten", len(cat.regios), len(cat.producten))
    return config


def on_files(files, config):
    for src_uri, content in pages.alle_paginas(STATE.cat()):
        files.append(File.generated(config, src_uri, content=content))
    for src_uri, content in pages.data_bestanden(STATE.cat()):
        files.append(File.generated(config, src_uri, content=content))
    # lunr.js for the product finder, from the installed MkDocs package (never copied into the repo).
    files.append(File.generated(config, "assets/vendor/lunr.js", abs_src_path=str(LUNR_JS)))
    return files


def on_serve(server, config, builder):
    server.watch(str(STATE.data_dir))
    return server
