"""ESLint over the site's browser code and the Node test helpers (eslint.config.js): clean, in the fast lane.

No build and no browser: ESLint reads the source files only. Its rules are chosen and explained in
eslint.config.js (among them: data never lands as HTML, nothing the content policy forbids).
"""

from __future__ import annotations

import json
import subprocess

from conftest import ROOT

ESLINT = ROOT / "node_modules" / "eslint" / "bin" / "eslint.js"


def eslint(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["node", str(ESLINT), "--format", "json", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_the_javascript_is_lint_free():
    result = eslint(".")
    assert result.returncode in (0, 1), result.stderr
    reports = json.loads(result.stdout)
    linted = {str(r["filePath"]).removeprefix(str(ROOT) + "/") for r in reports}
    # Every script of the site and of the tests is linted (the config's file patterns match them).
    assert {"overrides/assets/util.js", "overrides/assets/finder.js", "overrides/assets/cms/yaml_file.js",
            "overrides/assets/header_search.js", "overrides/assets/search_data.js", "tests/js/yaml_file_property.mjs",
            "tests/tools/pa11y-site.cjs"} <= linted
    problems = [f"{r['filePath']}:{m.get('line')}:{m.get('column')} {m.get('ruleId')}: {m['message']}"
                for r in reports for m in r["messages"]]
    assert problems == [] and result.returncode == 0


def test_the_lint_rules_catch_data_written_as_html():
    """The threat model's rule as a lint rule: a script that puts text in the page as HTML fails (linted from
    stdin under a name in overrides/assets/, so no file is written into the repository)."""
    probe = "export function show(box, text) { box.innerHTML = text; box.insertAdjacentHTML('beforeend', text); }\n"
    result = subprocess.run(["node", str(ESLINT), "--format", "json", "--stdin", "--stdin-filename", "overrides/assets/probe.js"],
                            cwd=ROOT, input=probe, capture_output=True, text=True, timeout=300)
    rules = [m.get("ruleId") for r in json.loads(result.stdout) for m in r["messages"]]
    assert result.returncode == 1 and rules == ["no-restricted-syntax", "no-restricted-properties"]
