"""Zensical trial: build the hand-written pages (content/) with Zensical and record what works and what breaks.

    .venv/bin/python benchmarks/zensical_trial.py [--venv DIR] [--zensical SPEC] [--keep]
    .venv/bin/python benchmarks/zensical_trial.py --check        (offline, seconds: the plan only)

Not a move: a measurement of the gap (issue 31). The script

1. makes a throwaway virtualenv (or uses --venv DIR) with `zensical` from PyPI and the project's plain
   dependencies (not MkDocs, ProperDocs, Material or mkdocs-macros: Zensical replaces all four);
2. run A, "as is": `zensical build` on the real mkdocs.yml (in a temporary copy of the project),
   which shows what happens to a site whose pages come from MkDocs event hooks;
3. run B, "hand-written pages": a trial project with the same content/, overrides/ and settings but
   no `hooks:` and a macros entry (trial_main.py, written by this script) that does in `define_env`
   what the hook `on_config` does today (load and validate the catalogue, exports, change report)
   and then registers the project's own macros (macros.main.define_env) unchanged;
4. builds the same trial project with MkDocs from this virtualenv (the same pages, the same macros
   entry, no hooks) for the time ratio, and the whole real site with MkDocs for scale;
5. inspects Zensical's output: pages built, macro output present, the placeholders our hook would
   put back, the theme-markup fixes and the content-security policy (both hooks), the overrides.

It prints figures and findings; benchmarks/README.md ("Zensical trial") keeps them. --check builds
the plan without installing or building anything: it writes the trial project into a temporary
folder, checks it (no hooks, the macros entry and every page present, requirements free of the
engine packages) and runs the trial macros entry in this process against a stand-in for the macros
plugin's env, proving the catalogue loads and every macro of macros.main registers without MkDocs.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ENGINE_PACKAGES = {"mkdocs", "properdocs", "mkdocs-material", "mkdocs-macros-plugin"}
ENV = {**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(ROOT)}
STASH = 'data-pb-stash="'
HOOK_MESSAGE = "hook on_config is niet gedraaid"

# The macros entry of the trial project: what the hook on_config does, then the project's own macros.
# A component's HTML goes straight into the Markdown (no stash: putting it back is a hook's job).
TRIAL_MAIN = '''\
"""Zensical trial macros entry (written by benchmarks/zensical_trial.py): on_config's work in define_env."""
from macros.catalogue.loader import load_catalogue
from macros.changes import changes_for_site
from macros.exports import export_files
from macros.main import define_env as project_macros
from macros.site.state import ROOT, STATE, data_date

STATE.stash_html = lambda html: html  # no hook puts placeholders back: the HTML goes into the Markdown


def _load():
    if STATE.catalogue is None:  # Zensical runs define_env for every page: load once per process
        STATE.catalogue = load_catalogue(STATE.data_dir)
        STATE.data_date = data_date(STATE.data_dir)
        STATE.exports = export_files(STATE.catalogue, "", STATE.data_date)
        STATE.changes = changes_for_site(ROOT, STATE.catalogue)


def define_env(env):
    _load()
    project_macros(env)
'''


# Template lines Zensical's MiniJinja cannot run, each replaced in the trial's copy of overrides/ by what it
# computes without a site URL (the trial sets none); a move would compute these in Python instead.
TEMPLATE_PATCHES = [
    ("partials/search.html", '{%- set parts = (config.site_url or "").split("/", 3) -%}', "{%- set parts = [] -%}",
     "Python's str.split in a template: MiniJinja has no string methods"),
]
# Overrides the trial leaves out, and why (Zensical then uses its own).
TEMPLATE_REMOVALS = [
    ("sitemap.xml", "reads MkDocs' File and Page objects (file.page.canonical_url, update_date): "
                    "undefined in Zensical's template context"),
]
ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")


class _EnvLoader:
    """mkdocs.yml as data: !ENV [NAME, default] gives the default (the trial sets no SITE_URL)."""

    @staticmethod
    def load(text: str) -> dict:
        import yaml

        class Loader(yaml.SafeLoader):
            pass

        def env_tag(loader, node):
            items = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
            for name in items[:-1] if len(items) > 1 else items:
                if isinstance(name, str) and name in os.environ:
                    return os.environ[name]
            return items[-1] if len(items) > 1 else None

        Loader.add_constructor("!ENV", env_tag)
        return yaml.load(text, Loader=Loader)


def plain_requirements() -> list[str]:
    """The project's runtime dependencies without the engine packages (Zensical replaces those)."""
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    return [d for d in deps if re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0].lower() not in ENGINE_PACKAGES]


def trial_config() -> dict:
    """Run B's configuration: ours without hooks, with the trial macros entry and absolute folders."""
    cfg = _EnvLoader.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg.pop("hooks", None)
    cfg["site_url"] = None
    # Generated pages (regions, municipalities) are not there without the hook: the nav keeps the
    # hand-written pages.
    docs = ROOT / cfg["docs_dir"]

    def keep(item) -> bool:
        target = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(target, list):
            return bool([i for i in target if keep(i)])
        return (docs / target).is_file()

    cfg["nav"] = [item for item in cfg["nav"] if keep(item)]
    for plugin in cfg["plugins"]:
        if isinstance(plugin, dict) and "macros" in plugin:
            plugin["macros"]["module_name"] = "trial_main"
    # Links into generated pages cannot resolve without them: report, do not stop (run B measures the rest).
    cfg["strict"] = False
    return cfg


def hand_written_pages() -> list[str]:
    docs = ROOT / "content"
    return sorted(str(p.relative_to(docs)) for p in docs.rglob("*.md"))


def write_trial_project(dest: Path) -> Path:
    import yaml

    dest.mkdir(parents=True, exist_ok=True)
    cfg = trial_config()
    # Zensical wants docs_dir and custom_dir inside the project: copies (the pages are few and small).
    for folder in (cfg["docs_dir"], cfg["theme"]["custom_dir"]):
        shutil.copytree(ROOT / folder, dest / folder, dirs_exist_ok=True)
    for name, old, new, _why in TEMPLATE_PATCHES:
        target = dest / cfg["theme"]["custom_dir"] / name
        text = target.read_text(encoding="utf-8")
        if old not in text:
            raise SystemExit(f"{name}: the line the trial replaces is gone ({old}); update TEMPLATE_PATCHES")
        target.write_text(text.replace(old, new), encoding="utf-8")
    for name, _why in TEMPLATE_REMOVALS:
        (dest / cfg["theme"]["custom_dir"] / name).unlink()  # a missing file fails here: update the list
    (dest / "trial_main.py").write_text(TRIAL_MAIN, encoding="utf-8")
    config = dest / "mkdocs.yml"
    config.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config


def check() -> int:
    """Offline: the plan and the trial macros entry, without installing or building."""
    import importlib.util

    import yaml

    problems: list[str] = []
    reqs = plain_requirements()
    if any(re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].lower() in ENGINE_PACKAGES for r in reqs) or not reqs:
        problems.append(f"requirements of the trial venv: {reqs}")
    pages = hand_written_pages()
    with tempfile.TemporaryDirectory(prefix="zensical-trial-check-") as tmp:
        config = write_trial_project(Path(tmp))
        cfg = yaml.safe_load(config.read_text(encoding="utf-8"))
        if "hooks" in cfg:
            problems.append("the trial config still has hooks")
        macros_cfg = next(p["macros"] for p in cfg["plugins"] if isinstance(p, dict) and "macros" in p)
        if macros_cfg["module_name"] != "trial_main" or not (Path(tmp) / "trial_main.py").is_file():
            problems.append("the trial macros entry is missing")
        if not Path(tmp, cfg["docs_dir"], "index.md").is_file() or not pages:
            problems.append(f"no hand-written pages under {cfg['docs_dir']}")
        if "Regio's" in str(cfg["nav"]):
            problems.append("the nav still names the generated region pages")
        # Run the entry here, against a stand-in for the macros plugin's env: the catalogue loads and
        # every macro of macros.main registers, with no MkDocs involved.
        spec = importlib.util.spec_from_file_location("trial_main", Path(tmp) / "trial_main.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)

        class Env:
            def __init__(self):
                self.macros: dict = {}
                self.variables: dict = {}
                self.page = None

            def macro(self, fn):
                self.macros[fn.__name__] = fn
                return fn

        env = Env()
        module.define_env(env)
        used = set(re.findall(r"\{\{\s*(\w+)\(", "".join(
            (ROOT / "content" / p).read_text(encoding="utf-8") for p in pages)))
        if missing := sorted(used - set(env.macros)):
            problems.append(f"macros the pages call but the entry does not register: {missing}")
        from macros.site.state import STATE  # the entry's catalogue (the macros no longer get it as a variable)

        if not env.macros or STATE.catalogue is None:
            problems.append("the entry registered no macros or no catalogue")
    if "mkdocs" in sys.modules or "material" in sys.modules:
        problems.append("the plan imported MkDocs or Material")
    print(f"plan: {len(pages)} hand-written pages, {len(env.macros)} macros registered, "
          f"{len(used)} called by the pages; venv requirements: zensical + {len(reqs)} plain packages")
    for p in problems:
        print(f"PROBLEM: {p}")
    return 1 if problems else 0


def run(cmd: list[str], cwd: Path, timeout: int = 900) -> tuple[int, float, str]:
    start = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=timeout)
    return r.returncode, time.perf_counter() - start, ANSI_RE.sub("", r.stdout + r.stderr)


def make_venv(venv: Path, spec: str) -> str:
    if not (venv / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    spec, *plain_requirements()], check=True)
    out = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "show", "zensical"],
                         capture_output=True, text=True, check=True).stdout
    return re.search(r"^Version: (.+)$", out, re.M).group(1)


def count_in(site: Path, needle: str) -> int:
    return sum(p.read_text(encoding="utf-8").count(needle) for p in site.rglob("*.html"))


def inspect(site: Path) -> dict:
    html = {p: p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*.html")}
    pages = [p for p in html if p.name == "index.html"]
    joined = "".join(html.values())
    return {
        "pages": len(pages),
        "placeholders": joined.count(STASH),
        "product_tables": joined.count('class="pb-table'),
        "csp": sum('http-equiv="Content-Security-Policy"' in t for t in html.values()),
        "autocomplete_off": sum('autocomplete="off"' in t for t in html.values()),
        "search_submit": sum("md-search__submit" in t or 'type="submit"' in t for t in html.values()),
        "generator": sorted(set(re.findall(r'<meta name="generator" content="([^"]*)"', joined))),
    }


def article_differences(site_a: Path, site_b: Path) -> dict[str, int]:
    """Per page: lines of the page's <article> (the content, without the theme around it) that differ,
    whitespace-only lines and Zensical's skip-link anchor left out."""
    import difflib

    def article(p: Path) -> list[str]:
        m = re.search(r"<article.*?</article>", p.read_text(encoding="utf-8"), re.S)
        lines = (m.group(0) if m else "").splitlines()
        return [line.strip() for line in lines if line.strip() and 'id="__skip"' not in line]

    out = {}
    for p in sorted(site_a.rglob("index.html")):
        rel = p.relative_to(site_a)
        if (site_b / rel).is_file():
            diff = difflib.unified_diff(article(p), article(site_b / rel), lineterm="", n=0)
            out[str(rel.parent)] = sum(1 for d in diff if d[:1] in "+-" and d[:3] not in ("+++", "---"))
    return out


def first_error(output: str) -> str:
    """The exception line of a traceback, else the first line that says error."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    if any(line.startswith("Traceback") for line in lines):
        return lines[-1][:300]
    return next((line[:300] for line in lines if re.search(r"error|Error|failed", line)), "")


def trial(venv: Path, spec: str, keep: bool, repeat: int = 3) -> int:
    work = Path(tempfile.mkdtemp(prefix="zensical-trial-"))
    try:
        version = make_venv(venv, spec)
        zensical = str(venv / "bin" / "zensical")
        print(f"Zensical {version}; MkDocs from {sys.executable}")

        # Run A: the real configuration, as is (a copy of the project, so nothing lands in the repository).
        copy = work / "as-is"
        shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv*", "node_modules", ".git", "site", "__pycache__"))
        rc, secs, out = run([zensical, "build", "--clean", "-f", "mkdocs.yml"], copy)
        print(f"A as is: exit {rc} after {secs:.1f} s; {HOOK_MESSAGE in out=}; first error: {first_error(out)}")

        # Run B: the hand-written pages with the trial macros entry, in Zensical and in MkDocs.
        project = work / "trial"
        config = write_trial_project(project)
        rc_z, secs_z, out_z = run([zensical, "build", "--clean", "-f", str(config)], project)
        site_z = project / "site"
        found_z = inspect(site_z) if site_z.is_dir() else {}
        print(f"B Zensical: exit {rc_z} after {secs_z:.1f} s; {found_z}")
        if rc_z:
            print(f"  error: {first_error(out_z)}")
        issues = re.findall(r"^\s*╭─\[ (.+?) \]", out_z, re.M)
        print(f"  Zensical's link report: {len(issues)} issues: {', '.join(issues)}")
        rc_m, secs_m, out_m = run([sys.executable, "-m", "mkdocs", "build", "-f", str(config),
                                   "--site-dir", str(work / "site-mkdocs")], project)
        found_m = inspect(work / "site-mkdocs") if rc_m == 0 else {}
        print(f"B MkDocs: exit {rc_m} after {secs_m:.1f} s; {found_m}")
        if rc_m:
            print(out_m[-3000:])
        warnings_m = sorted({line for line in out_m.splitlines() if "WARNING" in line})
        print(f"B MkDocs warnings ({len(warnings_m)}): " + " | ".join(w[:140] for w in warnings_m[:5]))
        if rc_z == 0 and rc_m == 0:
            # Timing: the two builds alternate `repeat` times (a shared machine's load hits both alike);
            # medians and the median of the per-pair ratios.
            times_z, times_m = [secs_z], [secs_m]
            for _ in range(repeat - 1):
                times_z.append(run([zensical, "build", "--clean", "-f", str(config)], project)[1])
                times_m.append(run([sys.executable, "-m", "mkdocs", "build", "-f", str(config),
                                    "--site-dir", str(work / "site-mkdocs")], project)[1])
            ratios = [z / m for z, m in zip(times_z, times_m, strict=False)]
            print(f"same pages, {repeat} alternating builds each: Zensical median {statistics.median(times_z):.2f} s, "
                  f"MkDocs median {statistics.median(times_m):.2f} s; ratio Zensical / MkDocs median "
                  f"{statistics.median(ratios):.2f} (range {min(ratios):.2f}–{max(ratios):.2f})")
            diffs = article_differences(work / "site-mkdocs", site_z)
            print(f"content (<article>) identical on {sum(1 for n in diffs.values() if n == 0)} of {len(diffs)} pages; "
                  "changed lines: " + ", ".join(f"{k} {n}" for k, n in diffs.items() if n))
            for needle in ("data-search-exclude", 'src="../../beheer-staat'):
                print(f"  {needle!r}: MkDocs {count_in(work / 'site-mkdocs', needle)}, Zensical {count_in(site_z, needle)}")
        print(f"run B, uptime: {os.getloadavg()[0]:.1f} load (1 min)")
        rc_f, secs_f, _ = run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(work / "site-full")], ROOT)
        print(f"whole site, MkDocs with hooks: exit {rc_f} after {secs_f:.1f} s; "
              f"{inspect(work / 'site-full')['pages'] if rc_f == 0 else '-'} pages")
        return 0
    finally:
        if keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="offline: check the plan and the macros entry, install nothing")
    ap.add_argument("--venv", type=Path, help="use (or make) this virtualenv instead of a throwaway one")
    ap.add_argument("--zensical", default="zensical", help="pip requirement for Zensical (default: the newest that installs)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary projects and sites")
    ap.add_argument("--repeat", type=int, default=5, help="alternating timed builds of the same pages (default 5)")
    args = ap.parse_args()
    if args.check:
        return check()
    if args.venv:
        return trial(args.venv, args.zensical, args.keep, args.repeat)
    with tempfile.TemporaryDirectory(prefix="zensical-venv-") as tmp:
        return trial(Path(tmp) / "venv", args.zensical, args.keep, args.repeat)


if __name__ == "__main__":
    sys.exit(main())
