"""The site's own scripts and style sheet, minified in the built site (macros/site/minify.py, issue 29 §4).

A minified script must be the same program as its source: espree (ESLint's parser) reads both and their syntax
trees must be equal (tests/js/same_program.mjs), on every script of the site, in the fast lane; a second test
shows the comparison fails on a changed program. The built site must carry exactly the minified copies, smaller
than their sources; and the style sheet must hold the same rules when Chromium parses both. That the minified
scripts run is what every browser test of the site drives.
"""

from __future__ import annotations

import json
import re
import subprocess

from conftest import ROOT
from macros.site.minify import ASSETS, minified

SOURCES = sorted(p for p in ASSETS.iterdir() if p.suffix in (".js", ".css"))
SCRIPTS = [p for p in SOURCES if p.suffix == ".js"]
# Chromium keeps a var() fallback's tokens as written, white space included ("var(--x, monospace)"); the space
# after its comma means nothing (it is trimmed when the fallback is used), and rcssmin drops it.
VAR_FALLBACK = re.compile(r"(var\(--[\w-]+,) ")


def same_program(items: list[dict]) -> dict[str, str]:
    result = subprocess.run(["node", str(ROOT / "tests" / "js" / "same_program.mjs")], input=json.dumps(items),
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_every_minified_script_is_the_same_program():
    assert len(SCRIPTS) >= 10 and ASSETS / "finder.js" in SCRIPTS
    items = [{"name": p.name, "source": (text := p.read_text(encoding="utf-8")), "minified": minified(".js", text)}
             for p in SCRIPTS]
    assert same_program(items) == {p.name: "same" for p in SCRIPTS}
    assert all(len(i["minified"]) < len(i["source"]) for i in items)


def test_the_comparison_sees_a_changed_program():
    """What a whitespace minifier can get wrong: a line break that ended a statement, the spaces of a template
    literal nested in another's substitution (rjsmin 1.3 did that to overrides/assets/cms/cms.js), a regular
    expression read as division."""
    nested = "const s = `${n > 3 ? ` (en nog ${n - 3})` : ''}.`;\n"
    items = [
        {"name": "kept", "source": "// a comment\nconst a = b\n(c)\n", "minified": "const a=b\n(c)"},
        {"name": "statement end", "source": "let d = 1\nd\n++e\n", "minified": "let d=1\nd++\ne"},
        {"name": "nested template", "source": nested, "minified": nested.replace("` (en", "`(en")},
        {"name": "regex", "source": "x = a\n/b/g.test(c)\n", "minified": "x=a/b/g.test(c)"},
        {"name": "broken", "source": "f(1)\n", "minified": "f(1"},
    ]
    verdicts = same_program(items)
    assert verdicts["kept"] == "same" and verdicts["regex"] == "same"  # a/b/g is division in both: same tree
    assert verdicts["statement end"].startswith("other tree") and verdicts["nested template"].startswith("other tree")
    assert verdicts["broken"].startswith("parse error")


def test_the_built_site_carries_the_minified_copies(built_site):
    for source in SOURCES:
        built = built_site / "assets" / source.name
        text = source.read_text(encoding="utf-8")
        assert built.read_text(encoding="utf-8") == minified(source.suffix, text), source.name
        assert built.stat().st_size < source.stat().st_size * 0.8, source.name
    # The form's own scripts (/beheer/) are left as written (macros/site/minify.py says why).
    for source in (ASSETS / "cms").glob("*.js"):
        assert (built_site / "assets" / "cms" / source.name).read_bytes() == source.read_bytes(), source.name


def test_the_minified_style_sheet_holds_the_same_rules(built_site, browser):
    """Chromium parses the source and the built style sheet into the same rules (its own serialisation of each)."""
    source = (ASSETS / "productenboek.css").read_text(encoding="utf-8")
    built = (built_site / "assets" / "productenboek.css").read_text(encoding="utf-8")
    page = browser.new_page()
    try:
        rules = page.evaluate("""(texts) => texts.map((text) => {
            const sheet = new CSSStyleSheet();
            sheet.replaceSync(text);
            return [...sheet.cssRules].map((rule) => rule.cssText);
        })""", [source, built])
    finally:
        page.close()
    same = [[VAR_FALLBACK.sub(r"\1", rule) for rule in sheet] for sheet in rules]
    assert len(rules[0]) > 100 and same[0] == same[1]
    assert len(built) < len(source) * 0.8
