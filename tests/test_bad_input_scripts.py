"""productenboek-validate and productenboek-change-report on every kind of hostile data file (issue 16):
a Dutch report naming each file, the documented exit status, and never a Python traceback."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from test_bad_input import BOMB
from test_changes import commit, git

from helpers import PRODUCT, REGION, cli, minimal_data, write


def _product(code: str, extra: str = "", replace: tuple[str, str] = ("", "")) -> str:
    return PRODUCT.replace("45F21", code).replace(*replace) + extra


# file under data/ -> content (bytes for anything that is not UTF-8 text); one file per kind of hostile input
HOSTILE: dict[str, str | bytes] = {
    "products/testregio/45f40.yaml": BOMB,
    "products/testregio/45f41.yaml": _product("45F41", "resultaten: &r [*r]\n"),
    "products/testregio/45f42.yaml": _product("45F42", "? [a, b]\n: x\n"),
    "products/testregio/45f43.yaml": _product("45F43", "resultaten: " + "[" * 5000 + "]" * 5000 + "\n"),
    "products/testregio/45f44.yaml": _product("45F44", replace=("naam: Spec", "naam: Sp\0ec")),
    "products/testregio/45f45.yaml": _product("45F45", replace=("naam: Specialistische", 'naam: "Spec\\v"\nx:')),
    "products/testregio/45f46.yaml": _product("45F46", replace=("naam: Spec", "naam: Sp\x0cec")),
    "products/testregio/45f47.yaml": _product("45F47").encode().replace(b"jeugdige", b"jeugdig\xe9"),  # Latin-1 é
    "products/testregio/45f48.yaml": _product("45F48", replace=("  max_volume", "\tmax_volume")),
    "products/testregio/45f49.yaml": _product("45F49", replace=("Begeleiding van de jeugdige.", "x" * 1_100_000)),
    "products/testregio/45f50.yaml": _product("45F50", "2: x\n"),
    "products/testregio/45f51.yaml": _product("45F51", replace=("waarde: 12", "waarde: .inf")),
    "products/testregio/45f52.yaml": _product("45F52", replace=("code: 45F52", "code: 01234")),
    "products/testregio/45f53.yaml": _product("45F53", replace=("naam: Specialistische Begeleiding – Individueel", "naam: 2020-13-45")),
    "products/testregio/45f54.yaml": _product("45F54", replace=("waarde: 12", "waarde: " + "9" * 5000)),
    "regions/andere.yaml": REGION.replace("Lelystad", "Ωμέγα"),
}


def hostile_data(root: Path, links: bool = True) -> Path:
    """The minimal valid data plus every hostile file (and, with `links`, a symlink, a pipe and a dotfile)."""
    data = minimal_data(root) if not (root / "data").exists() else root / "data"
    for name, content in HOSTILE.items():
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    if links:
        os.symlink("/etc/passwd", data / "products/testregio/45f60.yaml")
        os.mkfifo(data / "products/testregio/45f61.yaml")
        write(data / ".gitattributes", "* export-ignore\n")
    return data


def run(script: str, *args: str) -> subprocess.CompletedProcess:
    r = subprocess.run([*cli(script.removesuffix(".py")), *args], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in r.stdout + r.stderr and "Error:" not in r.stdout + r.stderr, r.stderr[-3000:]
    return r


def assert_every_file_named(text: str, links: bool = True) -> None:
    names = [*HOSTILE, *(["products/testregio/45f60.yaml", "products/testregio/45f61.yaml", ".gitattributes"] if links else [])]
    for name in names:
        assert f"data/{name}" in text, name


def test_validate_script_reports_every_hostile_file(tmp_path):
    data = hostile_data(tmp_path)
    r = run("validate.py", str(data))
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.startswith("De data bevat ") and "de site is niet gebouwd" in r.stderr
    assert_every_file_named(r.stderr)
    assert len(r.stderr) < 20_000  # bounded: the 1.1 MB file and the 5,000-digit number are not echoed


@pytest.fixture()
def repo(tmp_path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    minimal_data(repo)
    commit(repo, "Geldige data", "2026-01-05")
    return repo


@pytest.mark.parametrize("output_format", ["text", "markdown", "json"])
def test_change_report_with_hostile_working_tree(repo, output_format):
    hostile_data(repo)
    r = run("change_report.py", "--repo", str(repo), "--base", "HEAD", "--format", output_format)
    assert r.returncode == 0 and r.stdout.strip()  # documented: the report explains, whatever it says
    if output_format == "text":  # the comment and JSON may quote only the first errors (their format is issue 16, part B)
        assert "De gewijzigde gegevens zelf zijn ongeldig" in r.stdout
        assert_every_file_named(r.stdout)


def test_change_report_with_hostile_old_side(repo):
    hostile_data(repo, links=False)  # git stores neither a pipe nor (usefully) a link; the dotfile would hide the rest
    commit(repo, "Kapotte data", "2026-02-01")
    git(repo, "revert", "--no-edit", "HEAD")
    r = run("change_report.py", "--repo", str(repo), "--base", "HEAD~1", "--format", "text")
    assert r.returncode == 0
    assert "voldoen niet aan het huidige datamodel of de huidige controles" in r.stdout


def test_strict_build_with_hostile_files_fails_with_the_dutch_report(data_copy, tmp_path, mkdocs_build):

    (data_copy / "products/flevoland/45f21.yaml").write_text(BOMB, encoding="utf-8")
    os.symlink("/etc/passwd", data_copy / "products/flevoland/45f99.yaml")
    write(data_copy / ".gitattributes", "* export-ignore\n")
    r = mkdocs_build(tmp_path / "site", data_copy)
    out = r.stdout + r.stderr
    assert r.returncode != 0 and "Traceback" not in out
    assert "De data bevat 4 fouten; de site is niet gebouwd." in out
    for name in ("products/flevoland/45f21.yaml:1:4: een anker '&a'", "products/flevoland/45f99.yaml: een symbolische koppeling",
                 "data/.gitattributes: een verborgen bestand"):
        assert name in out
    # the product is referred to from the real synonyms and a tree: one note, no "bestaat niet"
    assert re.search(r"45f21\.yaml: wat naar dit bestand verwijst of ervan afhangt, is niet gecontroleerd, omdat het zelf "
                     r"fouten bevat: data/synoniemen\.yaml regel \d+, data/beslisbomen/flevoland-multidisciplinair\.yaml regel \d+", out)
    assert "bestaat niet" not in out
