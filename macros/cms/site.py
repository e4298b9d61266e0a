"""The files the build adds to the site for the CMS at /beheer/ (called from the hook's ``on_files``).

- ``beheer/index.html``: the page that loads Decap CMS, with its own content-security policy (below);
- ``beheer/config.yml`` and ``beheer/model.json``: generated from the model and the catalogue
  (``macros.cms.config``);
- ``assets/vendor/decap-cms/``: Decap CMS's browser bundle, and ``assets/vendor/yaml/``: the yaml
  package's browser modules, both from ``node_modules/`` (installed from npm by ``scripts/bootstrap.sh``,
  never committed); nothing is loaded from another host.
The page's own scripts are static files in ``overrides/assets/cms/``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from markupsafe import escape

from macros.catalogue.loader import Catalogue
from macros.cms.config import Backend, cms_config, cms_inputs, config_yaml, model_data

ROOT = Path(__file__).resolve().parent.parent.parent
DECAP = ROOT / "node_modules" / "decap-cms" / "dist"
YAML_JS = ROOT / "node_modules" / "yaml" / "browser" / "dist"
DECAP_FILE = re.compile(r"^(decap-cms\.js|\d+\.decap-cms\.js|[0-9a-f]+\.wasm|decap-cms\.js\.LICENSE\.txt)$")

# The policy of /beheer/ only. It differs from every other page's (macros/site/csp.py) where Decap CMS
# needs it: the form's styles are inserted at run time (emotion: 'unsafe-inline' styles), its config
# validator compiles code at run time ('unsafe-eval'), previews use blob: URLs, and it talks to its
# backend: the GitHub API on the published site; on this machine decap-server is served on the page's
# own address (macros/cms/local.py, scripts/beheer.sh), so 'self'. Scripts still come only from this site.
# The exception stays on this one page: it is written only into beheer/index.html (page_files below), a file
# the build adds and not a page, so macros/site/csp.py neither adds its policy to it nor checks it, and no
# other page is ever given 'unsafe-eval' ('unsafe-eval' lets a string become code: a page that shows data
# must not have it; tests/test_csp.py checks that only /beheer/ has it). The page has no inline script
# either: no hash, no 'unsafe-inline' for scripts. On this machine the bridge adds a per-run token to it as
# a <meta> while serving it (macros/cms/bridge.py); the built file never contains one.
POLICY = (
    "default-src 'self'",
    "script-src 'self' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' https://api.github.com",
    "worker-src 'self' blob:",
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)

# One head for both forms of /beheer/ (with the form, and without it when the npm packages are missing).
HEAD = """<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Beheer - {site_name}</title>
"""

# The page around the form: a heading and, before signing in, what this is and who may use it; on a
# narrow screen (a phone) a page that says to use a larger screen and why, instead of the form (cms.css).
# Decap CMS renders into the <main id="nc-root"> it finds.
PAGE = HEAD + """<link rel="stylesheet" href="../assets/cms/cms.css">
<script src="../assets/cms/init.js"></script>
</head>
<body>
<header class="pb-kop">
<h1>Beheer van het productenboek</h1>
<div class="pb-aanmelden">
<p>Hier wijzigen beleidsmedewerkers van de regio's de gegevens van het productenboek: producten, tarieven,
duur en omvang, eisen en bronnen. Alleen wie van de regio toegang heeft gekregen tot de gegevens kan
inloggen. Elke wijziging wordt eerst opgeslagen als voorstel; pas na controle wordt ze gepubliceerd.</p>
<p>Lees eerst de handleiding <a href="../over/data-bewerken/beheer/">Data bewerken: Bewerken in de browser</a>.</p>
</div>
</header>
<div class="pb-klein" role="region" aria-label="Te klein scherm">
<h1>Gebruik een groter scherm</h1>
<p>Het beheerformulier werkt niet op een scherm zo smal als een telefoon. Het formulier is 800 pixels
breed en een product heeft zo'n 150 velden; de knoppen om op te slaan en te publiceren vallen op een
telefoon buiten beeld, en een fout onder een veld zie je er niet.</p>
<p>Open deze pagina op een computer, laptop of tablet (liggend; minstens 768 pixels breed).
Bekijken kan wel op een telefoon: het <a href="../">productenboek</a> zelf werkt op elk scherm.</p>
</div>
<noscript><p>Het beheer van het productenboek werkt alleen met JavaScript. Zonder JavaScript kun je de
gegevens bewerken in de YAML-bestanden of met de spreadsheet-import: zie <a href="../over/data-bewerken/">Data bewerken</a>.</p></noscript>
<main id="nc-root"></main>
<script src="../assets/vendor/decap-cms/decap-cms.js"></script>
<script type="module" src="../assets/cms/cms.js"></script>
</body>
</html>
"""


class MissingCms(RuntimeError):
    pass


def vendor_files() -> list[tuple[str, Path]]:
    """(site path, file) of Decap CMS's bundle and the yaml package's browser modules."""
    if not (DECAP / "decap-cms.js").is_file() or not (YAML_JS / "index.js").is_file():
        raise MissingCms("Decap CMS of het yaml-pakket ontbreekt in node_modules/: draai scripts/bootstrap.sh "
                         "(installeert de npm-pakketten uit package-lock.json)")
    out = [(f"assets/vendor/decap-cms/{p.name}", p) for p in sorted(DECAP.iterdir()) if DECAP_FILE.match(p.name)]
    out += [(f"assets/vendor/yaml/{p.relative_to(YAML_JS).as_posix()}", p)
            for p in sorted(YAML_JS.rglob("*")) if p.is_file() and p.suffix == ".js"]
    return out


# Under `mkdocs serve --dirty` (macros/site/incremental.py sets a dict here) the last pages are kept,
# keyed by all they are made from (config.cms_inputs): most edits do not change them. None otherwise.
KEPT: dict | None = None


def page_files(cat: Catalogue, site_url: str, site_name: str) -> list[tuple[str, str]]:
    """(site path, text) of the page, its configuration and the model data."""
    key = (cms_inputs(cat), site_url, site_name, Backend.from_env()) if KEPT is not None else None
    if KEPT is not None and key in KEPT:
        return KEPT[key]
    html = PAGE.format(policy="; ".join(POLICY), site_name=escape(site_name))
    out = [
        ("beheer/index.html", html),
        ("beheer/config.yml", config_yaml(cms_config(cat, site_url))),
        ("beheer/model.json", json.dumps(model_data(), ensure_ascii=False, indent=1) + "\n"),
    ]
    if KEPT is not None:
        KEPT.clear()  # only the last one
        KEPT[key] = out
    return out


MISSING = HEAD + """</head>
<body>
<h1>Beheer</h1>
<p>Het beheerformulier zit niet in deze build: {reason}.</p>
<p>Zonder formulier bewerk je de gegevens in de YAML-bestanden of met de spreadsheet-import: zie
<a href="../over/data-bewerken/">Data bewerken</a>.</p>
</body>
</html>
"""


def missing_page(reason: str, site_name: str) -> list[tuple[str, str]]:
    """/beheer/ for a build without the npm packages: it says why there is no form, and what else works."""
    policy = "default-src 'none'; base-uri 'none'; form-action 'none'"  # a page of text: nothing to load
    return [("beheer/index.html", MISSING.format(policy=policy, reason=escape(reason), site_name=escape(site_name)))]
