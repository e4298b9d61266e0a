"""What the form may ask of decap-server through the local bridge (macros/cms/bridge.py): an allow-list of
actions and their parameters, and every path a plain name under data/ (the media folder may be read). The
served configuration (beheer/config.yml of the built site) says which branch and collections exist.
A request outside these rules is ``Refused`` with an HTTP status and a short Dutch message, and never
forwarded. Plain Python: tests/test_bridge.py calls ``check_request`` and ``check_path`` directly too."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

MAX_TEXT = 300  # a path, slug, branch, message…
MAX_FILES = 2000  # entriesByFiles: the form asks for the files of one collection


class Refused(Exception):
    """A request the bridge does not forward: HTTP status and a short Dutch message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


# -- what the form may ask of decap-server -------------------------------------------------------------

NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*")  # a path segment or slug: no "/", no leading dot or dash
STATUSES = frozenset({"draft", "pending_review", "pending_publish"})  # the editorial workflow's columns
# Per action the keys of `params` it may carry (besides 'branch'). Not here, so refused: persistMedia,
# deleteFile, deleteFiles (the form has no images, and its collections have `delete: false`), the
# legacy persistEntry `entry`, and everything decap-server does not know.
ACTIONS: dict[str, frozenset[str]] = {
    "info": frozenset(),
    "entriesByFolder": frozenset({"folder", "extension", "depth"}),
    "entriesByFiles": frozenset({"files"}),
    "getEntry": frozenset({"path"}),
    "unpublishedEntries": frozenset(),
    "unpublishedEntry": frozenset({"id", "collection", "slug", "cmsLabelPrefix"}),
    "unpublishedEntryDataFile": frozenset({"collection", "slug", "id", "path"}),
    "unpublishedEntryMediaFile": frozenset({"collection", "slug", "id", "path"}),
    "deleteUnpublishedEntry": frozenset({"collection", "slug"}),
    "persistEntry": frozenset({"dataFiles", "assets", "options", "cmsLabelPrefix"}),
    "updateUnpublishedEntryStatus": frozenset({"collection", "slug", "newStatus", "cmsLabelPrefix"}),
    "publishUnpublishedEntry": frozenset({"collection", "slug"}),
    "getMedia": frozenset({"mediaFolder"}),
    "getMediaFile": frozenset({"path"}),
    "getDeployPreview": frozenset({"collection", "slug"}),
}


@dataclass(frozen=True)
class Rules:
    """What the served configuration (beheer/config.yml of the built site) allows."""

    repo: Path
    branch: str
    collections: frozenset[str]
    media_folder: str | None  # read only: the form has no images to write

    @classmethod
    def from_site(cls, site: Path, repo: Path) -> Rules:
        path = site / "beheer" / "config.yml"
        if not path.is_file():  # a build without the form (no npm packages): nothing may be asked
            return cls(repo=repo, branch="", collections=frozenset(), media_folder=None)
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
        media = config.get("media_folder")
        return cls(repo=repo, branch=str(config["backend"].get("branch", "main")),
                   collections=frozenset(c["name"] for c in config["collections"]),
                   media_folder=str(media).strip("/") if media else None)


def _text(value: object, what: str, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str) or not value or len(value) > limit or any(
            ord(ch) < 32 or ord(ch) == 127 or 0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise Refused(400, f"Geweigerd: {what} ontbreekt of is geen geldige tekst.")
    return value


def _under(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def check_path(rules: Rules, value: object, *, write: bool = False) -> str:
    """A path relative to the repository, under data/ (or, to read, the media folder): plain names
    only, and no symlink on the way that leads outside that folder."""
    value = _text(value, "een pad")
    parts = value.split("/")
    if value.startswith("/") or any(not NAME.fullmatch(p) for p in parts):
        raise Refused(403, "Geweigerd: alleen gewone bestandsnamen onder data/ (geen '..', geen verborgen "
                           "map zoals .git, geen absoluut pad).")
    roots = ["data"] + ([rules.media_folder] if rules.media_folder and not write else [])
    root = next((r for r in roots if parts[:len(r.split("/"))] == r.split("/")), None)
    if root is None:
        raise Refused(403, "Geweigerd: het formulier leest en schrijft alleen onder data/.")
    real_root = (rules.repo / root).resolve()
    if not _under((rules.repo / value).resolve(), real_root):  # resolve() follows every symlink that exists
        raise Refused(403, "Geweigerd: dit pad leidt via een symbolische link buiten data/.")
    return value


def _one_of(value: object, allowed) -> bool:
    return isinstance(value, str) and value in allowed


def _collection(rules: Rules, value: object) -> str:
    if not _one_of(value, rules.collections):
        raise Refused(403, "Geweigerd: onbekende collectie.")
    return value


def _slug(value: object) -> str:
    if not isinstance(value, str) or not NAME.fullmatch(value) or len(value) > MAX_TEXT or ".." in value:
        raise Refused(403, "Geweigerd: ongeldige naam van het item.")
    return value


def check_request(rules: Rules, body: object) -> dict:
    """The request if the form may make it (else Refused): only the actions and parameters it uses."""
    if not isinstance(body, dict) or not set(body) <= {"action", "params", "branch"}:
        raise Refused(400, "Geweigerd: geen verzoek van het formulier.")
    action = body.get("action")
    if not _one_of(action, ACTIONS):
        raise Refused(403, "Geweigerd: deze handeling is in het formulier niet nodig.")
    if "branch" in body and body["branch"] != rules.branch:
        raise Refused(403, f"Geweigerd: het formulier werkt alleen op de tak {rules.branch}.")
    params = body.get("params")
    if action == "info":
        if params not in (None, {}) and not (isinstance(params, dict) and set(params) <= {"branch"}):
            raise Refused(400, "Geweigerd: onverwachte parameters.")
        return body
    if not isinstance(params, dict) or not set(params) <= ACTIONS[action] | {"branch"}:
        raise Refused(400, "Geweigerd: onverwachte parameters.")
    if params.get("branch") != rules.branch:
        raise Refused(403, f"Geweigerd: het formulier werkt alleen op de tak {rules.branch}.")
    if params.get("cmsLabelPrefix") not in (None, ""):
        raise Refused(403, "Geweigerd: een ander label-voorvoegsel dan dat van de configuratie.")
    names_an_entry = action in ("unpublishedEntryDataFile", "unpublishedEntryMediaFile", "deleteUnpublishedEntry",
                                "updateUnpublishedEntryStatus", "publishUnpublishedEntry", "getDeployPreview")
    if names_an_entry or "collection" in params:
        _collection(rules, params.get("collection"))
    if names_an_entry or "slug" in params:
        _slug(params.get("slug"))
    if "id" in params:
        _text(params["id"], "het kenmerk")
    if action == "unpublishedEntry":
        if "id" in params:
            collection, _, slug = _text(params["id"], "het kenmerk").partition("/")
            _collection(rules, collection), _slug(slug)
        elif not ("collection" in params and "slug" in params):
            raise Refused(400, "Geweigerd: collectie en naam ontbreken.")
    if action == "entriesByFolder":
        check_path(rules, params.get("folder"))
        depth = params.get("depth")
        if params.get("extension") != "yaml" or type(depth) is not int or not 1 <= depth <= 10:
            raise Refused(403, "Geweigerd: het formulier leest alleen YAML-bestanden.")
    elif action == "entriesByFiles":
        files = params.get("files")
        if not isinstance(files, list) or not 1 <= len(files) <= MAX_FILES:
            raise Refused(400, "Geweigerd: ongeldige lijst van bestanden.")
        for f in files:
            if not isinstance(f, dict) or not set(f) <= {"path", "label"}:
                raise Refused(400, "Geweigerd: ongeldige lijst van bestanden.")
            check_path(rules, f.get("path"))
            if "label" in f:
                _text(f["label"], "het label")
    elif action in ("getEntry", "unpublishedEntryDataFile", "unpublishedEntryMediaFile", "getMediaFile"):
        check_path(rules, params.get("path"))
    elif action == "getMedia":
        if rules.media_folder is None or params.get("mediaFolder") != rules.media_folder:
            raise Refused(403, "Geweigerd: alleen de mediamap van de configuratie.")
    elif action == "updateUnpublishedEntryStatus":
        if not _one_of(params.get("newStatus"), STATUSES):
            raise Refused(403, "Geweigerd: onbekende status.")
    elif action == "persistEntry":
        _check_persist(rules, params)
    return body


def _check_persist(rules: Rules, params: dict) -> None:
    if params.get("assets") != []:
        raise Refused(403, "Geweigerd: het formulier slaat geen afbeeldingen of andere bestanden op.")
    options = params.get("options")
    if not isinstance(options, dict) or options.get("useWorkflow") is not True:
        raise Refused(403, "Geweigerd: opslaan gaat altijd via een tak cms/… (redactionele workflow), "
                           "nooit rechtstreeks op de hoofdtak.")
    _collection(rules, options.get("collectionName"))
    _text(options.get("commitMessage"), "de commitboodschap", 1000)
    if not _one_of(options.get("status"), STATUSES):
        raise Refused(403, "Geweigerd: onbekende status.")
    if "hasSubfolders" in options and not isinstance(options["hasSubfolders"], bool):
        raise Refused(400, "Geweigerd: onverwachte parameters.")
    files = params.get("dataFiles")
    if not isinstance(files, list) or not 1 <= len(files) <= 10:
        raise Refused(400, "Geweigerd: geen gegevensbestand om op te slaan.")
    for f in files:
        if not isinstance(f, dict) or not set(f) <= {"slug", "path", "raw", "newPath"} \
                or not isinstance(f.get("raw"), str):
            raise Refused(400, "Geweigerd: ongeldig gegevensbestand.")
        _slug(f.get("slug"))
        paths = [check_path(rules, f.get("path"), write=True)]
        if "newPath" in f:  # a rename; decap-server moves the whole folder when it changes: same folder only
            paths.append(check_path(rules, f["newPath"], write=True))
            if paths[0].rsplit("/", 1)[0] != paths[1].rsplit("/", 1)[0]:
                raise Refused(403, "Geweigerd: een item verplaatsen naar een andere map kan niet.")
        if not all(p.endswith(".yaml") for p in paths):
            raise Refused(403, "Geweigerd: het formulier schrijft alleen YAML-bestanden.")


# -- the server ----------------------------------------------------------------------------------------
