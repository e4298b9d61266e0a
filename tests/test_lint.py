"""ruff over all Python of the project (rules in pyproject.toml, [tool.ruff]): clean, in the fast lane.

No build and no browser: ruff reads the source files only. A `noqa` is kept only where a configured rule
needs it (RUF100 reports any other)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

RUFF = Path(sys.executable).parent / "ruff"


def ruff(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(RUFF), "check", "--output-format", "json", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=300)


def test_the_python_is_lint_free():
    result = ruff(".")
    problems = [f"{p['filename'].removeprefix(str(ROOT) + '/')}:{p['location']['row']} {p['code']}: {p['message']}"
                for p in json.loads(result.stdout or "[]")]
    assert problems == [] and result.returncode == 0, "\n".join(problems) or result.stderr


def test_the_configuration_is_the_one_in_use():
    """The rules are really applied (a probe with an unused import, a closure over a loop variable and an
    unused noqa fails), so a broken configuration cannot pass the test above by checking nothing."""
    probe = ("import os\n\n\ndef f(xs):\n    out = []\n    for x in xs:\n        out.append(lambda: x)\n"
             "    return out  # noqa: E501\n")
    result = ruff("--stdin-filename", "macros/probe.py", "-", stdin=probe)
    codes = {p["code"] for p in json.loads(result.stdout)}
    assert {"F401", "B023", "RUF100"} <= codes and result.returncode == 1, result.stdout + result.stderr
