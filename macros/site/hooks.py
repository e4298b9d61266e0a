"""MkDocs hooks: load the catalogue once per build, add and render the generated pages, watch data/.

Registered in mkdocs.yml under ``hooks:``. Thin by design: the work is done by
``macros.catalogue`` (load + validate), ``macros.site.pages`` (what to generate) and
``macros.site.page_html`` (finishing a page from its component).
"""

from __future__ import annotations

import gc
import logging
import os

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_build_date, normalize_url

from macros.catalogue.errors import DataErrors
from macros.catalogue.loader import load_catalogue
from macros.changes import changes_for_site
from macros.changes.history import History, product_history
from macros.cms import site as cms_site
from macros.components.history import REPO_URL, atom_feed, feed_paths
from macros.exports import export_paths
from macros.site import csp, pages
from macros.site import history as git_history
from macros.site.export_job import EXPORTS
from macros.site.history import last_changed
from macros.site.incremental import INCREMENTAL
from macros.site.navcache import NAV
from macros.site.page_html import finish
from macros.site.state import ROOT, STATE, data_date, root_of
from macros.site.themecache import bytecode_cache, render_once, translations

log = logging.getLogger("mkdocs.productenboek")


@event_priority(100)  # before every plugin: the macros plugin needs the catalogue in its on_config
def on_config(config):
    INCREMENTAL.begin()  # serve --dirty: the build's time, said when it is done
    EXPORTS.wait()  # mkdocs serve: the last build's open-data files are written before this build starts
    STATE.new_build()
    # Collect young objects less often: a build allocates millions of short-lived objects around a
    # catalogue that lives to the end, and the default threshold (700) made the collector walk it
    # hundreds of times (0.4 s CPU at 500 products; 0.15 s with this threshold).
    gc.set_threshold(50_000, 20, 100)
    INCREMENTAL.before_load(STATE.data_dir)  # serve --dirty: which data files the rebuild finds changed
    try:
        STATE.catalogue = load_catalogue(STATE.data_dir)
    except DataErrors as exc:
        raise PluginError(exc.report()) from None
    cat = STATE.catalogue
    INCREMENTAL.after_load(cat)  # serve --dirty: the unchanged products' views kept
    STATE.data_date = data_date(STATE.data_dir)
    STATE.site_url = config.get("site_url") or ""
    try:  # the open-data files' paths: the files are made beside the pages (on_nav, macros.site.export_job)
        STATE.exports = dict.fromkeys(export_paths(cat))
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    STATE.changes = changes_for_site(ROOT, cat) if _own_data() else (
        "Geen vergelijking: deze build gebruikt gegevens buiten de repository (PRODUCTENBOEK_DATA).")
    STATE.file_dates = last_changed(ROOT, [p.pad for p in cat.producten.values()]) if _own_data() else {}
    repo_url = os.environ.get("PRODUCTENBOEK_REPO_URL", "").strip().rstrip("/")
    STATE.repo_url = repo_url if REPO_URL.fullmatch(repo_url) else None  # no address: no links, never a guess
    STATE.preview = bool(os.environ.get("PRODUCTENBOEK_PREVIEW"))
    STATE.history = _history(cat)
    # Nav titles are HTML in MkDocs and Material: a region name from data is escaped here.
    region_nav = [{str(escape(region.naam)): f"{region_id}/index.md"} for region_id, region in cat.regios.items()]
    nav = config.get("nav") or []
    for i, item in enumerate(nav):
        if isinstance(item, dict) and "Regio's" in item:
            nav[i] = {"Regio's": [*item["Regio's"], *region_nav]} if isinstance(item["Regio's"], list) else {"Regio's": region_nav}
    log.info("Catalogus geladen: %d regio's, %d producten", len(cat.regios), len(cat.producten))
    return config


def _history_root():
    """The repository whose history the data has: this one, or (tests, benchmarks) a repository whose top-level
    folder data/ is the data being built; None otherwise."""
    if _own_data():
        return ROOT
    data = STATE.data_dir.resolve()
    if data.name == "data" and (data.parent / ".git").exists():
        return data.parent
    return None


def _history(cat) -> History:
    """Every product's history: one git log walk, then only the product versions that changed (issue 30)."""
    root = _history_root()
    if root is None:
        return History(reden="De geschiedenis van de gegevens is niet beschikbaar: deze build gebruikt gegevens "
                             "buiten een git-repository.")
    walk = git_history.walk(root)
    return product_history(walk.commits, walk.shallow, walk.available,
                           lambda blobs: git_history.read_blobs(root, blobs), cat)


def _own_data() -> bool:
    """True when building the repository's own data/ (not a test or benchmark copy elsewhere)."""
    return STATE.data_dir.resolve() == (ROOT / "data").resolve()


def on_files(files, config):
    # serve --dirty: the last build's files and pages of generated pages, when their addresses are made the same way
    kept = INCREMENTAL.page_files((config["site_url"], config["site_dir"], config["docs_dir"], config["use_directory_urls"],
                                   config["repo_url"], config["edit_uri"], config["edit_uri_template"], get_build_date()))
    for page in pages.all_pages(STATE.cat()):
        STATE.generated[page.src_uri] = page
        if (f := kept.get(page.src_uri)) is None:
            f = File.generated(config, page.src_uri, content="")  # an empty page: nothing to parse
        else:
            f.page.active = False
        files.append(f)
    for src_uri, content in [*pages.data_files(STATE.cat()), *_feeds()]:  # the open-data files: macros.site.export_job
        files.append(File.generated(config, src_uri, content=content))
    # The CMS at /beheer/: its page and generated configuration, and Decap CMS from node_modules/.
    # Without the npm packages (a build from the Python set-up alone) the productenboek is still built,
    # and /beheer/ says why the form is missing; scripts/bootstrap.sh installs them for serve and CI.
    try:
        cms_files = [File.generated(config, src_uri, abs_src_path=str(path)) for src_uri, path in cms_site.vendor_files()]
        cms_pages = cms_site.page_files(STATE.cat(), STATE.site_url, config["site_name"])
    except cms_site.MissingCms as exc:
        log.info("%s; /beheer/ zonder formulier", exc)
        cms_files, cms_pages = [], cms_site.missing_page(str(exc), config["site_name"])
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    for f in cms_files:
        files.append(f)
    for src_uri, content in cms_pages:
        files.append(File.generated(config, src_uri, content=content))
    return files


def _feeds():
    """The Atom feeds: one for all regions, one per region (issue 30)."""
    cat = STATE.cat()
    for region_id, path in feed_paths(list(cat.regios)).items():
        name = cat.regios[region_id].naam if region_id else ""
        yield path, atom_feed(STATE.history, region_id, name, STATE.site_url, STATE.data_date)


def on_serve(server, config, builder):
    server.watch(str(STATE.data_dir))
    return server


@event_priority(100)  # before the macros plugin, which must leave generated pages alone
def on_page_markdown(markdown, page, config, files):
    """A generated page's metadata, set on the page object: title and description are HTML in the
    theme's templates (which do not escape), so the data's plain text is escaped here."""
    gen = STATE.generated.get(page.file.src_uri)
    if gen is None:
        return markdown
    page.meta = {
        "title": str(escape(gen.title)),
        "description": str(escape(gen.describe())),
        "tags": [str(escape(t)) for t in gen.tags],
        "render_macros": False,  # the macros plugin skips the page (and its title) entirely
        "productenboek": {"soort": gen.kind},
    }
    region = STATE.cat().regios.get(page.file.src_uri.split("/", 1)[0])
    if region is not None:  # a region's page or one of its products: its feed in <head> (overrides/main.html)
        page.meta["productenboek"].update(feed=f"wijzigingen-{region.id}.xml", regio_naam=region.naam)
    if gen.kind == "product":  # above overview pages in the header search (benchmarks/search_quality.py)
        page.meta["search"] = {"boost": 10}
    page.render = _empty_render(page)
    return ""


def _empty_render(page):
    """What MkDocs' Page.render leaves on a page whose Markdown is empty, without building a Python-Markdown
    instance with every extension for it (one per page: 3 % of a build at 500 products, where nearly every page
    is generated). on_page_content then puts the component's HTML, TOC and anchors in."""
    def render(config, files) -> None:
        page.content, page.toc, page._title_from_render = "", get_toc([]), None
        page.present_anchor_ids, page.links_to_anchors = set(), {}
    return render


def on_page_content(html, page, config, files):
    """Generated pages: the component's HTML with its TOC and anchors. Hand-written pages: put the
    macros' HTML back where they left placeholders."""
    try:
        gen = STATE.generated.get(page.file.src_uri)
        if gen is None:
            return STATE.put_back(html, page.file.src_uri)
        done = finish(gen, pages.Where(url=page.url, root=root_of(page.url)))
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    page.toc = done.toc
    page.present_anchor_ids = done.anchors
    return done.html


def on_startup(command, dirty):
    csp.serving = command == "serve"
    INCREMENTAL.start(command, dirty)  # `mkdocs serve --dirty`: write only the pages that changed


# `mkdocs serve --dirty` (macros.site.incremental): which pages a rebuild writes.
@event_priority(-100)  # after anything else changed the files or the navigation
def on_nav(nav, config, files):
    INCREMENTAL.on_nav(config, files, nav)
    if not csp.serving:  # mkdocs build: the open-data files made beside the pages, waited for at the end
        _start_exports(config)
    NAV.start(nav, normalize_url, (config.get("extra") or {}).get("homepage"))
    return nav


@event_priority(-100)
def on_env(env, config, files):
    INCREMENTAL.on_env(env, config)
    bytecode_cache(env)  # the theme's templates compiled once, not every build (macros/site/themecache.py)
    NAV.install(env)  # the menu once per distinct output (macros/site/navcache.py)
    # the theme's words and the header's search box once per build (macros/site/themecache.py)
    env.globals["pb_translations"] = translations(env, config["theme"]["language"])
    render_once(env, "partials/search.html")
    env.globals["pb_instant"] = pages.opens_in_place  # overrides/assets/instant.xml
    return env


def _start_exports(config) -> None:
    """The open-data files, made by a second process (after on_nav: the site folder is emptied where it must be)."""
    EXPORTS.start(INCREMENTAL.exports_work(STATE.cat(), STATE.site_url, STATE.data_date), config["site_dir"],
                  INCREMENTAL.take_exports)


def on_post_build(config):
    # mkdocs serve: the files are made after the pages, so the rebuild a browser waits for has the machine to
    # itself (beside the pages, the second process took the other core and the pages' process copied the memory
    # pages it wrote after the fork); /open-data/ says the last sizes until they are done
    if csp.serving:
        _start_exports(config)
    # mkdocs build waits for the open-data files and fails on their error; mkdocs serve serves the pages now
    if (error := EXPORTS.finish_build(wait=not csp.serving)) is not None:
        raise PluginError(error)
    INCREMENTAL.on_post_build()


def on_build_error(error):
    EXPORTS.finish_build(wait=True)  # no process left writing into the site folder
    INCREMENTAL.failed()


def _with_policy(html: str, name: str) -> str:
    try:
        return csp.add_policy(html, name)
    except csp.UnsafePage as exc:
        raise PluginError(str(exc)) from None


@event_priority(-100)  # after the theme's markup fixes (macros/theme.py): the page as it is written
def on_post_page(output, page, config):
    """A content-security policy for every page (GitHub Pages sets no headers); the open-data files' sizes."""
    return EXPORTS.page(_with_policy(output, page.file.src_uri), page.file.dest_uri)


def on_post_template(output_content, template_name, config):
    """The same policy and check for the pages the theme builds from a template alone (404.html)."""
    return _with_policy(output_content, template_name) if template_name.endswith(".html") else output_content
