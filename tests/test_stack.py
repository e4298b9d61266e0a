"""The stack (issue 31): two engines build the same site, the seam holds, updates are configured.

- MkDocs 1.6 and ProperDocs (its maintained continuation) build the real site; the two sites are the
  same file for file apart from the generator tag and the build date MkDocs writes into the sitemap.
- Only the seam modules import the engine: import-linter's contract (pyproject.toml) holds, covers
  every module of macros/, and breaks on a forbidden import in a temporary copy.
- The Zensical trial's offline plan holds; Dependabot, the upstream workflow and SECURITY.md exist
  as README and SECURITY.md describe them.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from conftest import ENGINE, ROOT, mkdocs_build

SEAM = {"macros.site.hooks", "macros.site.page_html", "macros.theme", "macros.main"}
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

# --- two engines ----------------------------------------------------------------------------------

GENERATOR_RE = re.compile(r'<meta name="generator" content="([^"]*)">')
LASTMOD_RE = re.compile(r"<lastmod>\d{4}-\d{2}-\d{2}</lastmod>")
SITEMAPS = {"sitemap.xml", "sitemap.xml.gz"}


def normalised(rel: str, data: bytes) -> bytes:
    """What may differ between two builds of the same sources by different engines or on different days:

    - the generator tag of every HTML page (it names the engine and its version);
    - the sitemap's <lastmod> dates, which MkDocs sets to the build date for every page (Page.update_date),
      and sitemap.xml.gz, whose gzip header carries that date as its time stamp: compared unpacked.
    Everything else (pages, search index, exports, finder data, schemas, assets) must be byte for byte equal:
    the exports and the "laatst gewijzigd" dates come from git, never from the clock."""
    if rel.endswith(".gz"):
        data = gzip.decompress(data)
    if rel.endswith(".html"):
        data = GENERATOR_RE.sub('<meta name="generator" content="ENGINE">', data.decode("utf-8")).encode("utf-8")
    if Path(rel.removesuffix(".gz")).name in SITEMAPS and rel.count("/") == 0:
        data = LASTMOD_RE.sub("<lastmod>BUILD-DATE</lastmod>", data.decode("utf-8")).encode("utf-8")
    return data


def site_differences(a: Path, b: Path) -> list[str]:
    files_a = {str(p.relative_to(a)) for p in a.rglob("*") if p.is_file()}
    files_b = {str(p.relative_to(b)) for p in b.rglob("*") if p.is_file()}
    out = [f"alleen in {a.name}: {f}" for f in sorted(files_a - files_b)]
    out += [f"alleen in {b.name}: {f}" for f in sorted(files_b - files_a)]
    for rel in sorted(files_a & files_b):
        da, db = (a / rel).read_bytes(), (b / rel).read_bytes()
        if da != db and normalised(rel, da) != normalised(rel, db):
            out.append(f"verschilt: {rel}")
    return out


def test_normalising_hides_only_the_generator_and_the_build_date():
    page = ('<html><head><meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">'
            '<title>45F21 · Flevoland</title></head><body><p>Tarief € 85,50 per uur</p></body></html>')
    other_engine = page.replace("mkdocs-1.6.1", "mkdocs-ProperDocs 1.6.7")
    assert normalised("flevoland/45f21/index.html", page.encode()) == normalised("flevoland/45f21/index.html",
                                                                                  other_engine.encode())
    # Every one-character change outside the generator tag stays a difference (exhaustive over the page).
    tag = GENERATOR_RE.search(page)
    for i, ch in enumerate(page):
        if tag.start() <= i < tag.end():
            continue
        changed = page[:i] + ("X" if ch != "X" else "Y") + page[i + 1:]
        assert normalised("a/index.html", page.encode()) != normalised("a/index.html", changed.encode()), i
    # The build date only counts in the sitemap at the site root, not in a page or an export.
    sitemap = "<url><loc>/flevoland/</loc><lastmod>2026-12-05</lastmod></url>"
    next_day = sitemap.replace("12-05", "12-06")
    assert normalised("sitemap.xml", sitemap.encode()) == normalised("sitemap.xml", next_day.encode())
    assert normalised("over/index.html", sitemap.encode()) != normalised("over/index.html", next_day.encode())
    assert normalised("open-data/a.csv", sitemap.encode()) != normalised("open-data/a.csv", next_day.encode())
    # sitemap.xml.gz: another gzip time stamp is no difference, another content is.
    assert normalised("sitemap.xml.gz", gzip.compress(sitemap.encode(), mtime=1)) == normalised(
        "sitemap.xml.gz", gzip.compress(next_day.encode(), mtime=2))
    assert normalised("sitemap.xml.gz", gzip.compress(sitemap.encode(), mtime=1)) != normalised(
        "sitemap.xml.gz", gzip.compress(sitemap.replace("flevoland", "foodvalley").encode(), mtime=1))


def _generators(site: Path) -> set[str]:
    found: set[str] = set()
    for p in site.rglob("*.html"):
        found.update(GENERATOR_RE.findall(p.read_text(encoding="utf-8")))
    return found


def test_mkdocs_and_properdocs_build_the_same_site(built_site, tmp_path):
    """The session's build (engine: PRODUCTENBOEK_ENGINE, default mkdocs) against the other engine."""
    other = "properdocs" if ENGINE == "mkdocs" else "mkdocs"
    dest = tmp_path / f"site-{other}"
    result = mkdocs_build(dest, engine=other)
    assert result.returncode == 0, f"{other} build failed:\n{result.stdout}\n{result.stderr}"
    # Each site really comes from its engine (else this would compare a build with itself).
    expected = {"mkdocs": re.compile(r"mkdocs-1\.6\.\d+, mkdocs-material-[\d.]+"),
                "properdocs": re.compile(r"mkdocs-ProperDocs 1\.\d+\.\d+, mkdocs-material-[\d.]+")}
    for site, engine in [(built_site, ENGINE), (dest, other)]:
        tags = _generators(site)
        assert len(tags) == 1 and expected[engine].fullmatch(next(iter(tags))), (engine, tags)
    pages = list(built_site.rglob("index.html"))
    assert len(pages) > 50, len(pages)
    assert site_differences(built_site, dest) == []


# --- the seam -------------------------------------------------------------------------------------


def _contracts() -> list[dict]:
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    assert cfg["include_external_packages"] is True  # else import-linter cannot see mkdocs or material
    return cfg["contracts"]


def _modules(base: Path) -> set[str]:
    out = set()
    for p in (base / "macros").rglob("*.py"):
        parts = p.relative_to(base).with_suffix("").parts
        out.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return out


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_the_seam_contract_holds():
    r = lint_imports(ROOT)
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"Contracts: {len(_contracts())} kept, 0 broken." in r.stdout


def test_every_module_is_in_the_seam_or_held_by_the_contract():
    """A new package under macros/ cannot escape the contract by not being listed."""
    held: list[tuple[str, bool]] = []
    for c in _contracts():
        if c["type"] != "forbidden":  # the layering contracts (below)
            continue
        assert set(c["forbidden_modules"]) == {"mkdocs", "properdocs", "material", "mkdocs_macros"}
        held += [(m, c.get("as_packages", True)) for m in c["source_modules"]]

    def covered(module: str) -> bool:
        return any(module == m or (as_pkg and module.startswith(m + ".")) for m, as_pkg in held)

    modules = _modules(ROOT)
    assert modules >= SEAM
    assert sorted(m for m in modules - SEAM if not covered(m)) == []
    assert not any(covered(m) for m in SEAM)
    # The seam as the README's architecture section lists it.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    seam_section = readme.split("### The seam", 1)[1].split("\n## ", 1)[0]
    for m in SEAM:
        assert m.replace(".", "/") + ".py" in seam_section, m


@pytest.mark.parametrize(("module", "line", "reason"), [
    ("macros/catalogue/loader.py", "import mkdocs.plugins", "macros.catalogue is not allowed to import mkdocs"),
    ("macros/components/page.py", "from material.plugins.search import plugin",
     "macros.components is not allowed to import material"),
    ("macros/search/index.py", "from macros.site import page_html",  # through a seam module
     "macros.search is not allowed to import mkdocs"),
    ("macros/site/pages.py", "import properdocs", "macros.site.pages is not allowed to import properdocs"),
    ("macros/site/__init__.py", "import mkdocs_macros", "macros.site is not allowed to import mkdocs_macros"),
])
def test_a_forbidden_import_breaks_the_contract(tmp_path, module, line, reason):
    shutil.copytree(ROOT / "macros", tmp_path / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    assert lint_imports(tmp_path).returncode == 0  # the copy itself is clean (and is what gets checked)
    target = tmp_path / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    r = lint_imports(tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    assert reason in r.stdout, r.stdout
    assert "BROKEN" in r.stdout


# --- the layering (issue 26): model -> catalogue -> view -> outputs -> site ------------------------

OUTPUTS = {"components", "exports", "search", "changes", "cms", "editing", "publishing"}


def _contract(cid: str) -> dict:
    return next(c for c in _contracts() if c["id"] == cid)


def _layer_of() -> dict[str, int]:
    """Package or module directly under macros/ -> its layer's index (0: top)."""
    return {name.strip(): i for i, layer in enumerate(_contract("layers")["layers"]) for name in layer.split("|")}


def test_the_layers_name_every_package_and_the_outputs_are_one_independent_layer():
    """A new package under macros/ cannot escape the layering by not being listed (exhaustive = true makes
    import-linter say so too), and the outputs are one layer whose members are independent."""
    layers = _contract("layers")
    assert layers["type"] == "layers" and layers["exhaustive"] is True and layers["containers"] == ["macros"]
    top = {p.stem if p.is_file() else p.name for p in (ROOT / "macros").iterdir()
           if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").exists()}
    layer_of = _layer_of()
    assert set(layer_of) == top
    outputs = [i for i, layer in enumerate(layers["layers"]) if set(map(str.strip, layer.split("|"))) == OUTPUTS]
    assert len(outputs) == 1 and "|" in layers["layers"][outputs[0]]  # '|': independent siblings
    # the order the README gives: text, model, catalogue, view below the outputs; the site above them
    assert layer_of["text"] > layer_of["model"] > layer_of["catalogue"] > layer_of["view"] > outputs[0] > layer_of["site"]
    assert set(_contract("outputs-independent")["modules"]) == {f"macros.{m}" for m in OUTPUTS}


# Forbidden edges: one output importing another, a lower layer importing a higher one, a cycle.
@pytest.mark.parametrize(("module", "line", "broken"), [
    ("macros/exports/columns.py", "from macros.components import products", "Outputs never import each other"),
    ("macros/components/opendata.py", "import macros.exports", "Outputs never import each other"),
    ("macros/search/index.py", "from macros.changes import values", "Outputs never import each other"),
    ("macros/view/product.py", "from macros.components import render", "Data flows one way"),
    ("macros/model/sourced.py", "from macros.view import words", "Data flows one way"),  # model <-> view: a cycle
    ("macros/text.py", "import macros.model", "Data flows one way"),  # the old model <-> text cycle
    ("macros/catalogue/loader.py", "from macros.site import state", "Data flows one way"),
])
def test_a_forbidden_edge_breaks_the_layering(tmp_path, module, line, broken):
    shutil.copytree(ROOT / "macros", tmp_path / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    r = lint_imports(tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    assert re.search(re.escape(broken) + r"[^\n]*(\n[^\n]*)?BROKEN", r.stdout), r.stdout


def test_a_type_only_import_is_no_edge(tmp_path):
    """The history component names the changes' types under TYPE_CHECKING; the same import at run time breaks
    the contract (so the exception is exactly that, and no more)."""
    shutil.copytree(ROOT / "macros", tmp_path / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "macros" / "components" / "history.py"
    text = target.read_text(encoding="utf-8")
    assert "if TYPE_CHECKING:" in text
    target.write_text(text.replace("if TYPE_CHECKING:", "if True:"), encoding="utf-8")
    r = lint_imports(tmp_path)
    assert r.returncode == 1 and "macros.components.history -> macros.changes.history" in r.stdout, r.stdout


# --- the Zensical trial, Dependabot, the upstream workflow, SECURITY.md ---------------------------


def test_dependabot_covers_pip_npm_and_actions_weekly():
    cfg = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert cfg["version"] == 2
    by_kind = {u["package-ecosystem"]: u for u in cfg["updates"]}
    assert set(by_kind) == {"pip", "npm", "github-actions"}
    for u in by_kind.values():
        assert u["schedule"]["interval"] == "weekly"
        assert u.get("groups"), u["package-ecosystem"]  # grouped: one pull request per kind, not one per package
    assert "/" in by_kind["pip"]["directories"] and "/requirements" in by_kind["pip"]["directories"]


def test_upstream_workflow_tries_the_newest_versions_with_least_privilege():
    text = (ROOT / ".github" / "workflows" / "upstream.yml").read_text(encoding="utf-8")
    wf = yaml.safe_load(text)
    on = wf[True] if True in wf else wf["on"]  # YAML 1.1 reads the key `on` as true
    assert "schedule" in on and "workflow_dispatch" in on
    assert wf["permissions"] == {}
    for job in wf["jobs"].values():
        assert job["permissions"] == {"contents": "read"}
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
            assert "${{" not in step.get("run", ""), step
    assert 'scripts/test.sh -m "fast or build"' in text
    assert "GITHUB_STEP_SUMMARY" in text


def test_security_policy_says_how_to_report_and_what_is_promised():
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    for needed in ("Report a vulnerability", "private", "main", "dependabot.yml", "requirements/"):
        assert needed in text, needed


def test_upstream_summary_names_every_engine_package(tmp_path):
    before = [{"name": "mkdocs", "version": "1.6.1"}, {"name": "mkdocs-material", "version": "9.8.2"},
              {"name": "properdocs", "version": "1.6.7"}, {"name": "mkdocs-macros-plugin", "version": "1.5.0"}]
    after = [dict(p, version="9.9.0") if p["name"] == "mkdocs-material" else p for p in before]
    (tmp_path / "b.json").write_text(json.dumps(before))
    (tmp_path / "a.json").write_text(json.dumps(after))
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "upstream_versions.py"), str(tmp_path / "b.json"),
                        str(tmp_path / "a.json")], capture_output=True, text=True, timeout=60,
                       env={"PATH": "/usr/bin:/bin", "PRODUCTENBOEK_ENGINE": "properdocs"})
    assert r.returncode == 0, r.stderr
    assert "| mkdocs-material | 9.8.2 | 9.9.0 | ja |" in r.stdout
    assert "| mkdocs | 1.6.1 | 1.6.1 |  |" in r.stdout
    assert "(engine: properdocs)" in r.stdout


@pytest.mark.parametrize(("value", "expected"), [("", "mkdocs"), ("mkdocs", "mkdocs"), ("properdocs", "properdocs")])
def test_one_setting_chooses_the_engine(value, expected):
    r = subprocess.run([str(ROOT / "scripts" / "engine.sh")], capture_output=True, text=True, timeout=30,
                       env={"PATH": "/usr/bin:/bin", "PRODUCTENBOEK_ENGINE": value})
    assert r.returncode == 0, r.stderr
    assert Path(r.stdout.strip()) == ROOT / ".venv" / "bin" / expected
    assert Path(r.stdout.strip()).exists(), "run scripts/bootstrap.sh: both engines are project dependencies"


def test_an_unknown_engine_is_refused():
    r = subprocess.run([str(ROOT / "scripts" / "engine.sh")], capture_output=True, text=True, timeout=30,
                       env={"PATH": "/usr/bin:/bin", "PRODUCTENBOEK_ENGINE": "zensical"})
    assert r.returncode == 2 and r.stdout == ""
    assert "PRODUCTENBOEK_ENGINE moet 'mkdocs' of 'properdocs' zijn" in r.stderr
