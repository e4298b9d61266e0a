"""The change report's git side (issue 16): the old data read as committed (no .gitattributes can hide a file), a
symbolic link reported instead of followed, --head, and no traceback for bad data on either side."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from test_changes import commit, git, repo  # noqa: F401  (the fixture)

from helpers import cli
from macros.catalogue.loader import load_catalogue
from macros.changes import Changes, NotComparable, catalogue_at_ref, compare_catalogues
from macros.changes.gitref import write_tree
from macros.changes.markdown import WJ


def _cli(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*cli("change_report"), "--repo", str(repo), *args],
                          capture_output=True, text=True, timeout=300)


def _tarief_90(repo: Path) -> None:
    p = repo / "data" / "products" / "testregio" / "45f34.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("bedrag: 85.5", "bedrag: 90"), encoding="utf-8")


@pytest.mark.parametrize("path, line", [(".gitattributes", "data/** export-ignore"),
                                        ("data/.gitattributes", "* export-ignore")])
def test_export_ignore_hides_nothing_from_the_old_side(repo, tmp_path, path, line):
    (repo / path).write_text(line + "\n", encoding="utf-8")
    commit(repo, "export-ignore (merged at the base)", "2026-03-01")
    assert subprocess.run(["git", "archive", "HEAD", "data"], cwd=repo, capture_output=True).stdout.count(b".yaml") \
        < 2  # what `git archive` (the old way) would have read: hardly anything
    out = tmp_path / "boom"
    assert write_tree(repo, git(repo, "rev-parse", "HEAD").strip(), out)
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == sorted(git(repo, "ls-files", "data").split())  # every committed file, as committed
    assert all((out / f).read_bytes() == (repo / f).read_bytes() for f in written)
    _tarief_90(repo)
    w = _cli(repo, "--base", "HEAD", "--format", "text").stdout
    if (repo / "data" / ".gitattributes").exists() and w.startswith("De gewijzigde gegevens zelf zijn ongeldig"):
        assert all(".gitattributes" in r for r in w.splitlines()[1:])  # a loader that refuses dotfiles in data/
    else:
        assert w.splitlines()[2:] == ["", "Testregio", "  gewijzigd: 45F34 Behandeling – Gezin intensief",
                                      "    tarief: € 85,50 per uur → € 90,00 per uur"]


def test_a_symbolic_link_in_the_old_data_is_reported_not_followed(repo, tmp_path):
    secret = tmp_path / "geheim.yaml"
    secret.write_text("naam: GEHEIM-123\n", encoding="utf-8")
    os.symlink(secret, repo / "data" / "products" / "testregio" / "45f99.yaml")
    commit(repo, "een link", "2026-03-01")
    explanation = catalogue_at_ref(repo, "HEAD")
    assert isinstance(explanation, NotComparable) and explanation.side == "oud"
    assert "data/products/testregio/45f99.yaml is een symbolische koppeling" in explanation.reden
    assert "GEHEIM" not in str(explanation)
    r = _cli(repo, "--base", "HEAD~1", "--head", "HEAD", "--format", "markdown")  # the fork job's way
    assert r.returncode == 0 and "symbolische koppeling" in r.stdout and "GEHEIM" not in r.stdout


def test_head_reads_the_new_side_from_a_commit(repo):
    _tarief_90(repo)  # the working tree is not read with --head
    r = _cli(repo, "--base", "HEAD~1", "--head", "HEAD", "--format", "text")
    assert r.returncode == 0 and "  hercodeerd: 45F29 Specialistische Begeleiding – Individueel (was 45F21 → wordt 45F29)" \
        in r.stdout.splitlines() and "€ 90,00" not in r.stdout
    assert "De vergelijkingsbasis 'nergens' bestaat niet" in _cli(repo, "--base", "HEAD", "--head", "nergens").stdout


BAD_YAML = {  # each made the report crash with a traceback (issue 16)
    "een alias naar zichzelf": "resultaten: &r [*r]\n",
    "een lijst als sleutel": "? [a, b]\n: c\n",
    "een formfeed": "opmerkingen: [a]\n\x0c\n",
}


@pytest.mark.parametrize("side", ["nieuw", "oud"])
@pytest.mark.parametrize("kind", BAD_YAML)
def test_bad_data_on_either_side_gives_a_dutch_report_never_a_traceback(repo, tmp_path, side, kind):
    p = repo / "data" / "products" / "testregio" / "45f34.yaml"
    good = p.read_text(encoding="utf-8")
    p.write_text(good + BAD_YAML[kind], encoding="utf-8")
    if side == "oud":
        commit(repo, "slechte data", "2026-03-01")
        p.write_text(good, encoding="utf-8")
    r = _cli(repo, "--base", "HEAD", "--output-dir", str(tmp_path / "uit"))
    assert r.returncode == 0 and not r.stdout and not r.stderr, r.stderr
    for name in ("report.txt", "comment.md", "summary.md", "report.json"):
        text = (tmp_path / "uit" / name).read_text(encoding="utf-8")
        text = text.replace(WJ, "").replace("\\", "")  # (Markdown: escapes and word joiners out)
        assert "data/products/testregio/45f34.yaml" in text, text  # names the file
        assert any(w in text for w in ("ongeldig", "voldoen niet", "onverwachte fout")), text


def test_control_characters_in_values_never_reach_the_report_raw(repo, tmp_path):
    p = repo / "data" / "products" / "testregio" / "45f34.yaml"
    p.write_text(p.read_text(encoding="utf-8") + 'opmerkingen: ["a\\0b\\e[31mrood\\u202egnirts"]\n', encoding="utf-8")
    r = _cli(repo, "--base", "HEAD", "--output-dir", str(tmp_path / "uit"))
    assert r.returncode == 0 and not r.stderr, r.stderr
    text = (tmp_path / "uit" / "report.txt").read_text(encoding="utf-8")
    assert not any(c in text for c in "\0\x1b\u202e")
    assert "a\ufffdb\ufffd[31mrood\ufffdgnirts" in text or "ongeldig" in text  # shown replaced, or refused


def test_json_and_compare_still_work_for_valid_sides(repo):
    w = compare_catalogues(catalogue_at_ref(repo, "HEAD~1"), load_catalogue(repo / "data"))
    assert isinstance(w, Changes) and len(w.producten) == 4
