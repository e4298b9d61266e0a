"""The GitHub workflows (issue 24 §3 and §7, issue 25 §1): where each job deploys, that a preview never runs on the
production site's host, the publish guard, the hash-pinned lock, pinned actions, zizmor, and the CI test lanes.

The workflow logic is tested by parsing the YAML and by running the workflows' own shell steps in bash with a fake
`git` on PATH; the preview decision (macros/publishing/preview_target.py) with hostile configuration values."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from conftest import ROOT
from macros.publishing.preview_target import InvalidUrl, decide, main, origin

WORKFLOWS = ROOT / ".github" / "workflows"
REPO = "Voorbeeld/productenboek"
GOOD = {"repository": REPO, "pr": "12", "preview_repository": "voorbeeld-previews/previews", "has_token": True}
SHAS = {  # the action pins of the project (looked up in each action's own repository), version as a comment
    "actions/checkout": ("11d5960a326750d5838078e36cf38b85af677262", "v4.4.0"),
    "actions/setup-python": ("a26af69be951a213d495a4c3e4e4022e16d87065", "v5.6.0"),
    "actions/setup-node": ("49933ea5288caeca8642d1e84afbd3f7d6820020", "v4.4.0"),
    "actions/upload-artifact": ("ea165f8d65b6e75b540449e92b4886f43607fa02", "v4.6.2"),
    "actions/download-artifact": ("d3f86a106a0bac45b974a628896c90dbdf5c8093", "v4.3.0"),
    "actions/github-script": ("f28e40c7f34bde8b3046d885e986cb6290c5673b", "v7.1.0"),
    "actions/cache": ("0057852bfaa89a56745cba8c7296529d2fc39830", "v4.3.0"),
}


def workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def step(job: dict, step_id: str) -> dict:
    [found] = [s for s in job["steps"] if s.get("id") == step_id]
    return found


def preview(url: str, pages: str | None = None, **kw) -> object:
    return decide(**(GOOD | kw), preview_url=url, preview_pages_url=url if pages is None else pages)


# --- the preview target: never the production site's host -----------------------------------------------------


@pytest.mark.parametrize("url", [
    "https://voorbeeld.github.io/andere-repository/",        # same host, other path: ONE origin
    "https://voorbeeld.github.io/productenboek/pr/",
    "https://voorbeeld.github.io",
    "https://VOORBEELD.GitHub.IO/x/",                         # case
    "https://voorbeeld.github.io./x/",                        # trailing dot
    "https://voorbeeld.github.io:443/x/",                     # explicit default port
    "https://voorbeeld.github.io:8443/x/",                    # other port, same host: refused too
    "https://ｖｏｏｒｂｅｅｌｄ．ｇｉｔｈｕｂ．ｉｏ/x/",          # fullwidth letters and dots (IDNA maps them)
    "https://voorbeeld。github。io/x/",                        # ideographic full stop
    "https://pr.voorbeeld.github.io/",                        # under the production host
])
def test_preview_on_the_production_host_is_refused(url):
    d = preview(url)
    assert not d.deploy and d.url == "" and d.repository == ""
    assert "host (`voorbeeld.github.io`) van de gepubliceerde site" in d.reason and "/beheer/" in d.reason


@pytest.mark.parametrize("url", [
    "https://evil@voorbeeld.github.io/",                       # userinfo: the host is the production host
    "https://voorbeeld.github.io@evil.example/",              # userinfo: looks like production, is evil.example
    "https://voorbeeld.github.io:pw@evil.example/",
    "https://evil.example\\@voorbeeld.github.io/",            # a browser reads the backslash as a slash
    "https://voorbeeld%2egithub.io/",                          # percent-encoded host
    "http://previews.example.nl/",                             # not https
    "javascript:alert(1)//previews.example.nl/",
    "https://previews.example.nl/?x=1",
    "https://previews.example.nl/#x",
    "https://previews.example.nl/\nreason=ok",                 # a second GITHUB_OUTPUT line
    "https://previews.example.nl /",
    "https://previews.example.nl/a)b](javascript:alert(1))/",   # a path that would break out of a Markdown link
    "https://previews.example.nl/<b>/",
    "https://voor\u00adbeeld.github.io/",                    # soft hyphen: IDNA would drop it
    "https://voorbeeld\u200d.github.io/",                    # zero-width joiner
    "https://previews.example.nl/%2e%2e/",
    "https://[::1]/",
    "https://127.0.0.1/",
    "https://localhost/",
    "https://previews.example.nl:99999/",
    "https://a..example/",
    "https://" + "a" * 64 + ".example/",
    "",
])
def test_unusual_preview_urls_are_refused(url):
    d = preview(url, pages="https://previews.example.nl/")
    assert not d.deploy and d.url == ""
    assert "\n" not in d.reason and "\r" not in d.reason


def test_every_spelling_of_the_production_host_is_refused():
    """All combinations of case, trailing dot, port, path and fullwidth dots of the production host."""
    hosts = {"".join(c.upper() if i < 3 and mask[i] else c for i, c in enumerate("voorbeeld")) + ".GitHub.io"
             for mask in itertools.product([False, True], repeat=3)} | {"voorbeeld.github.io"}
    count = 0
    for host, dot, port, path, wide in itertools.product(sorted(hosts), ["", "."], ["", ":443", ":1"],
                                                        ["", "/", "/x/", "/productenboek/"], [False, True]):
        h = host.replace(".", "\uff0e") if wide else host
        assert not preview(f"https://{h}{dot}{port}{path}").deploy, (h, dot, port, path)
        count += 1
    assert count == len(hosts) * 2 * 3 * 4 * 2


def test_idn_and_punycode_are_one_host():
    pages = "https://bücher.example/productenboek/"
    for url in ["https://xn--bcher-kva.example/previews/", "https://XN--BCHER-KVA.example/", "https://BÜCHER.example/"]:
        d = preview(url, pages_url=pages)
        assert not d.deploy and "`xn--bcher-kva.example`" in d.reason, url
    assert preview("https://xn--bcher-kva.example/", pages_url="https://buecher.example/").deploy


def test_another_host_is_allowed():
    d = preview("https://voorbeeld-previews.github.io/previews")
    assert d.deploy and d.url == "https://voorbeeld-previews.github.io/previews/pr-12/"
    assert d.repository == "voorbeeld-previews/previews"
    d = preview("https://previews.example.nl:8443/", pages="https://previews.example.nl/")
    assert d.deploy and d.url == "https://previews.example.nl:8443/pr-12/"
    # a custom production domain: previews may then not use it, nor <owner>.github.io (which also serves the site)
    assert preview("https://previews.example.nl/", pages_url="https://productenboek.example.nl/").deploy
    assert not preview("https://productenboek.example.nl/pr/", pages_url="https://productenboek.example.nl/").deploy
    assert not preview("https://voorbeeld.github.io/pr/", pages_url="https://productenboek.example.nl/").deploy


def test_the_production_pages_address_is_protected_too():
    """The host GitHub reports for this repository's Pages (a custom domain nobody put in PAGES_URL) is refused."""
    d = preview("https://productenboek.example.nl/pr/", production_pages_url="https://productenboek.example.nl/")
    assert not d.deploy and "`productenboek.example.nl`" in d.reason
    assert preview("https://previews.example.nl/", production_pages_url="https://productenboek.example.nl/").deploy
    assert not preview("https://previews.example.nl/", production_pages_url="https://x@productenboek.example.nl/").deploy


def test_production_pages_step(tmp_path):
    production = step(workflow("preview.yml")["jobs"]["target"], "production")
    assert production["env"] == {"GH_TOKEN": "${{ github.token }}"}
    assert workflow("preview.yml")["jobs"]["target"]["permissions"] == {"contents": "read", "pages": "read"}
    r, calls = run_step(production["run"], {"GITHUB_REPOSITORY": REPO}, tmp_path, gh_says="https://pb.example.nl/\n")
    assert r.returncode == 0 and outputs(tmp_path) == {"url": "https://pb.example.nl/"}
    assert calls == [f"gh api repos/{REPO}/pages --jq .html_url"]
    (tmp_path / "output").unlink()
    r, _ = run_step(production["run"], {"GITHUB_REPOSITORY": REPO}, tmp_path, gh_says="https://a/\nreason=x")
    assert r.returncode == 0 and outputs(tmp_path) == {}


def test_the_preview_repository_must_serve_the_preview_url():
    """PREVIEW_URL cannot claim another host than the one GitHub serves the preview repository's Pages from."""
    d = preview("https://previews.example.nl/", pages="https://voorbeeld.github.io/previews/")
    assert not d.deploy and "volgens GitHub gepubliceerd op" in d.reason
    d = preview("https://previews.example.nl/", pages="")
    assert not d.deploy and "Pages-adres" in d.reason
    d = preview("https://previews.example.nl/", pages="https://evil@previews.example.nl/")
    assert not d.deploy


@pytest.mark.parametrize("kw, expected", [
    ({"preview_url": "", "preview_repository": ""}, "er is geen preview-adres ingesteld"),
    ({"preview_url": "https://p.example.nl/", "has_token": False}, "`PREVIEW_TOKEN` ontbreekt"),
    ({"preview_url": "https://p.example.nl/", "preview_repository": ""}, "`PREVIEW_REPOSITORY` ontbreekt"),
    ({"preview_url": "https://p.example.nl/", "preview_repository": REPO.lower()}, "deze repository zelf"),
    ({"preview_url": "https://p.example.nl/", "preview_repository": "../../x"}, "geen eigenaar/naam"),
    ({"preview_url": "https://p.example.nl/", "pages_url": "https://a@b.example/"}, "`PAGES_URL`"),
    ({"preview_url": "https://p.example.nl/", "fork": True}, "uit een fork"),
    ({"preview_url": "https://p.example.nl/", "pr": "12\nreason=x"}, "onverwachte repository"),
])
def test_configuration_problems_say_why_in_dutch(kw, expected):
    d = decide(**(GOOD | {"preview_pages_url": "https://p.example.nl/"} | kw))
    assert not d.deploy and expected in d.reason, d.reason
    assert d.reason.startswith("Geen preview gepubliceerd") and "\n" not in d.reason


def test_not_configured_says_how_to_set_it_up():
    d = decide(repository=REPO, pr="3")
    for word in ("`PREVIEW_REPOSITORY`", "`PREVIEW_URL`", "`PREVIEW_TOKEN`", "README"):
        assert word in d.reason


def test_configured_values_are_inert_in_the_comment():
    """A variable's value lands in the comment inside a code span: no backticks, no line breaks, bounded."""
    hostile = "https://x`y<img src=x onerror=alert(1)>@voorbeeld.github.io/" + "a" * 500
    d = preview(hostile)
    assert not d.deploy and "\n" not in d.reason and len(d.reason) < 1000
    assert re.search(r"`[^`]*<img src=x onerror=alert\(1\)>[^`]*`", d.reason)  # only inside a code span


def test_origin_parts():
    assert str(origin("https://VOORBEELD.github.io:443/x/")) == "https://voorbeeld.github.io"
    assert str(origin("https://p.example.nl:8443")) == "https://p.example.nl:8443"
    with pytest.raises(InvalidUrl):
        origin("https://p.example.nl:0x1bb/")


def test_main_writes_outputs_and_summary(tmp_path):
    out, summary = tmp_path / "out", tmp_path / "summary"
    env = {"GITHUB_REPOSITORY": REPO, "PR": "7", "FORK": "false", "PREVIEW_URL": "https://voorbeeld.github.io/pr/",
           "PREVIEW_REPOSITORY": "voorbeeld/previews", "HAS_TOKEN": "true",
           "PREVIEW_PAGES_URL": "https://voorbeeld.github.io/previews/",
           "GITHUB_OUTPUT": str(out), "GITHUB_STEP_SUMMARY": str(summary)}
    assert main(env) == 0
    lines = out.read_text().splitlines()
    assert lines[:3] == ["deploy=false", "url=", "repository="] and lines[3].startswith("reason=Geen preview")
    assert len(lines) == 4 and summary.read_text().startswith("### Preview-adres\n\nGeen preview gepubliceerd")
    out.unlink()
    main(env | {"PREVIEW_URL": "https://p.example.nl/", "PREVIEW_PAGES_URL": "https://p.example.nl/"})
    assert out.read_text().splitlines()[:3] == ["deploy=true", "url=https://p.example.nl/pr-7/",
                                                "repository=voorbeeld/previews"]
    out.unlink()
    main(env | {"FORK": ""})   # anything but "false" is a fork: fail closed
    assert out.read_text().startswith("deploy=false")


def test_the_script_runs_on_a_bare_python_without_the_project(tmp_path):
    """The target job runs it from a sparse checkout with the runner's python3: stdlib only, no package imports."""
    copy = tmp_path / "preview_target.py"
    shutil.copy(ROOT / "macros" / "publishing" / "preview_target.py", copy)
    out = tmp_path / "out"
    r = subprocess.run([shutil.which("python3") or "python3", "-I", str(copy)], cwd=tmp_path, capture_output=True,
                       text=True, timeout=60, env={"PATH": os.environ["PATH"], "GITHUB_REPOSITORY": REPO, "PR": "5",
                                                   "FORK": "false", "GITHUB_OUTPUT": str(out)})
    assert r.returncode == 0, r.stderr
    assert out.read_text().startswith("deploy=false\n") and "geen preview-adres ingesteld" in r.stdout


# --- where each job deploys -----------------------------------------------------------------------------------


def pushing_jobs() -> dict[str, dict]:
    found = {}
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for job_id, job in workflow(path.name)["jobs"].items():
            if any("git push" in (s.get("run") or "") for s in job.get("steps", [])):
                found[f"{path.name}:{job_id}"] = job
    return found


def test_where_each_job_deploys():
    """Only publish.yml pushes to this repository (with its own token); preview.yml pushes only to the preview
    repository, with PREVIEW_TOKEN, and only when the target job said so."""
    jobs = pushing_jobs()
    assert set(jobs) == {"publish.yml:publish", "preview.yml:deploy", "preview.yml:cleanup"}
    [push] = [s for s in jobs["publish.yml:publish"]["steps"] if "git push" in (s.get("run") or "")]
    assert push["env"]["GH_TOKEN"] == "${{ github.token }}" and "${GITHUB_REPOSITORY}.git" in push["run"]
    assert jobs["publish.yml:publish"]["permissions"] == {"contents": "write"}
    for key in ("preview.yml:deploy", "preview.yml:cleanup"):
        job = jobs[key]
        [push] = [s for s in job["steps"] if "git push" in (s.get("run") or "")]
        assert push["env"]["GH_TOKEN"] == "${{ secrets.PREVIEW_TOKEN }}", key
        assert push["env"]["PREVIEW_REPOSITORY"] == "${{ needs.target.outputs.repository }}", key
        assert "${PREVIEW_REPOSITORY}.git" in push["run"] and "GITHUB_REPOSITORY}.git" not in push["run"], key
        assert "github.token" not in str(job), key
        assert job["permissions"] == {}, key          # nothing of this repository, certainly not contents: write
        assert "target" in job["needs"] and "needs.target.outputs.deploy == 'true'" in job["if"], key
        assert "head.repo.full_name == github.repository" in job["if"], key


def test_no_preview_job_can_write_this_repository():
    wf = workflow("preview.yml")
    assert wf["permissions"] == {}
    for job_id, job in wf["jobs"].items():
        assert "write" not in {v for k, v in job["permissions"].items() if k == "contents"}, job_id
        text = yaml.safe_dump(job)
        assert "gh-pages" not in text or job_id in ("deploy", "cleanup", "target"), job_id
    # the preview token is only handed to the steps that need it
    users = [(job_id, st.get("name")) for job_id, job in wf["jobs"].items() for st in job.get("steps", [])
             if "PREVIEW_TOKEN" in str(st.get("env", {}))]
    assert users == [("target", "Pages address of the preview repository (as GitHub reports it)"),
                     ("target", "Preview target (never the production site's host)"),
                     ("deploy", "Deploy to the preview repository's gh-pages/pr-<number>/"),
                     ("cleanup", "Remove pr-<number>/ from the preview repository")]
    target_env = step(wf["jobs"]["target"], "target")["env"]
    assert target_env["HAS_TOKEN"] == "${{ secrets.PREVIEW_TOKEN != '' }}"   # a boolean, never the token


def test_the_target_job_decides_with_the_base_branch_code():
    wf = workflow("preview.yml")
    target = wf["jobs"]["target"]
    checkout = target["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["ref"] == "${{ github.event.pull_request.base.sha }}"
    assert checkout["with"]["sparse-checkout"] == "macros/publishing"
    assert checkout["with"]["persist-credentials"] is False
    decide_step = step(target, "target")
    assert decide_step["id"] == "target" and "python3 macros/publishing/preview_target.py" in decide_step["run"]
    assert {"PAGES_URL": "${{ vars.PAGES_URL }}", "PREVIEW_URL": "${{ vars.PREVIEW_URL }}",
            "PREVIEW_REPOSITORY": "${{ vars.PREVIEW_REPOSITORY }}"}.items() <= decide_step["env"].items()
    assert target["outputs"] == {k: f"${{{{ steps.target.outputs.{k} }}}}" for k in ("deploy", "url", "repository",
                                                                                        "reason")}
    build = wf["jobs"]["build"]
    assert build["needs"] == "target" and "secrets." not in yaml.safe_dump(build)
    comment = wf["jobs"]["comment"]
    assert comment["needs"] == ["target", "build", "deploy"]
    env = comment["steps"][1]["env"]
    assert env["REASON"] == "${{ needs.target.outputs.reason }}" and "process.env.REASON" in comment["steps"][1]["with"]["script"]


def run_step(script: str, env: dict, tmp_path: Path, gh_says: str = "", cwd: Path | None = None
             ) -> tuple[subprocess.CompletedProcess, list[str]]:
    """Run a workflow's shell step in bash (as GitHub does: -e, -o pipefail) with fake git and gh that log their
    calls; the fake gh prints `gh_says`."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    log = tmp_path / "calls.log"
    (tmp_path / "gh-says").write_text(gh_says)
    for tool in ("git", "gh"):
        fake = bin_dir / tool
        fake.write_text(f'#!/bin/sh\necho "{tool} $*" >> "{log}"\n'
                        + (f'cat "{tmp_path / "gh-says"}"\n' if tool == "gh" else "") + "exit 0\n")
        fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    summary = tmp_path / "summary.md"
    full_env = {"PATH": f"{bin_dir}:{os.environ['PATH']}", "RUNNER_TEMP": str(tmp_path), "HOME": str(tmp_path),
                "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(tmp_path / "output"), **env}
    r = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], env=full_env,
                       capture_output=True, text=True, timeout=60, cwd=cwd or tmp_path)
    return r, (log.read_text().splitlines() if log.exists() else [])


def outputs(tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "output"
    return dict(ln.split("=", 1) for ln in path.read_text().splitlines()) if path.exists() else {}


@pytest.mark.parametrize("token, repo, says, expected", [
    ("t", "voorbeeld-previews/previews", "https://previews.example.nl/\n", "https://previews.example.nl/"),
    ("t", "voorbeeld-previews/previews", "https://p.example.nl/\nreason=x\n", None),   # never a second output
    ("t", "voorbeeld-previews/previews", "", None),                                    # no Pages / no access
    ("", "voorbeeld-previews/previews", "https://p.example.nl/", None),                 # no token: no call
    ("t", "x/y; rm -rf /", "https://p.example.nl/", None),                             # not owner/name: no call
])
def test_pages_address_step(tmp_path, token, repo, says, expected):
    pages = step(workflow("preview.yml")["jobs"]["target"], "pages")
    r, calls = run_step(pages["run"], {"GH_TOKEN": token, "PREVIEW_REPOSITORY": repo}, tmp_path, gh_says=says)
    assert r.returncode == 0, r.stderr
    assert outputs(tmp_path) == ({"url": expected} if expected else {})
    assert bool(calls) == (bool(token) and "/" in repo and ";" not in repo)
    assert all(c == f"gh api repos/{repo}/pages --jq .html_url" for c in calls)


def test_target_step_fails_closed_without_the_check_on_the_base_branch(tmp_path):
    target = step(workflow("preview.yml")["jobs"]["target"], "target")
    env = {"GITHUB_REPOSITORY": REPO, "PR": "4", "FORK": "false", "PREVIEW_URL": "https://p.example.nl/",
           "PREVIEW_REPOSITORY": "v/previews", "HAS_TOKEN": "true", "PREVIEW_PAGES_URL": "https://p.example.nl/",
           "PAGES_URL": ""}
    r, _ = run_step(target["run"], env, tmp_path)        # a base branch from before this check: no module
    assert r.returncode == 0 and outputs(tmp_path)["deploy"] == "false"
    assert "basisbranch" in outputs(tmp_path)["reason"] and "basisbranch" in (tmp_path / "summary.md").read_text()
    (tmp_path / "output").unlink()
    (tmp_path / "macros" / "publishing").mkdir(parents=True)
    shutil.copy(ROOT / "macros" / "publishing" / "preview_target.py", tmp_path / "macros" / "publishing")
    r, _ = run_step(target["run"], env, tmp_path)
    assert r.returncode == 0 and outputs(tmp_path) == {"deploy": "true", "url": "https://p.example.nl/pr-4/",
                                                       "repository": "v/previews",
                                                       "reason": outputs(tmp_path)["reason"]}
    (tmp_path / "output").unlink()
    run_step(target["run"], env | {"PREVIEW_URL": "https://voorbeeld.github.io/pr/"}, tmp_path)
    assert outputs(tmp_path)["deploy"] == "false"


@pytest.mark.parametrize("job_id", ["deploy", "cleanup"])
@pytest.mark.parametrize("target_repo", ["voorbeeld/productenboek", "VOORBEELD/ProductenBoek", ""])
def test_preview_push_refuses_this_repository(tmp_path, job_id, target_repo):
    """The deploy and cleanup steps themselves refuse this repository (the production site), before any git call."""
    job = workflow("preview.yml")["jobs"][job_id]
    [step] = [s for s in job["steps"] if "git push" in (s.get("run") or "")]
    r, calls = run_step(step["run"], {"PREVIEW_REPOSITORY": target_repo, "GITHUB_REPOSITORY": "Voorbeeld/productenboek",
                                      "GH_TOKEN": "t", "PR": "3", "SITE_DIR": str(tmp_path), "MESSAGE": "m"}, tmp_path)
    assert r.returncode == 1 and calls == []
    assert "de gepubliceerde site" in r.stdout


def test_preview_push_goes_to_the_preview_repository(tmp_path):
    job = workflow("preview.yml")["jobs"]["deploy"]
    [step] = [s for s in job["steps"] if "git push" in (s.get("run") or "")]
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>preview</p>")
    _r, calls = run_step(step["run"], {"PREVIEW_REPOSITORY": "voorbeeld-previews/previews", "GH_TOKEN": "t",
                                      "GITHUB_REPOSITORY": "Voorbeeld/productenboek", "PR": "3",
                                      "SITE_DIR": str(site), "MESSAGE": "m"}, tmp_path)
    remote = [c for c in calls if "github.com/" in c]
    assert remote and all("github.com/voorbeeld-previews/previews.git" in c for c in remote), calls
    assert not any("productenboek.git" in c for c in calls)


def test_publish_only_from_the_default_branch(tmp_path):
    """The guard is the publish job's first step; a manual run on another branch stops with a Dutch message."""
    job = workflow("publish.yml")["jobs"]["publish"]
    guard = job["steps"][0]
    assert guard["name"] == "Only from the default branch"
    assert guard["env"] == {"REF": "${{ github.ref }}",
                            "DEFAULT_REF": "refs/heads/${{ github.event.repository.default_branch }}"}
    for ref, default, ok in [("refs/heads/main", "refs/heads/main", True),
                             ("refs/heads/feature", "refs/heads/main", False),
                             ("refs/heads/main-x", "refs/heads/main", False),
                             ("refs/tags/main", "refs/heads/main", False),
                             ("refs/heads/trunk", "refs/heads/trunk", True),
                             ("refs/heads/", "refs/heads/", False)]:
        summary = tmp_path / "summary.md"
        summary.unlink(missing_ok=True)
        r, _ = run_step(guard["run"], {"REF": ref, "DEFAULT_REF": default}, tmp_path)
        assert (r.returncode == 0) is ok, (ref, default, r.stdout)
        if not ok:
            assert "::error::Niet gepubliceerd: publiceren kan alleen vanaf de standaardbranch" in r.stdout
            assert "Niet gepubliceerd" in summary.read_text()


def test_publish_removes_old_previews_from_the_production_origin():
    job = workflow("publish.yml")["jobs"]["publish"]
    [deploy] = [s for s in job["steps"] if "git push" in (s.get("run") or "")]
    assert "! -name .git ! -name CNAME -exec rm -rf" in deploy["run"] and "pr-*" not in deploy["run"]
    wf = workflow("publish.yml")
    assert (wf.get("on") or wf[True])["push"]["branches"] == ["main"]  # PyYAML reads the key on as True


# --- supply chain ---------------------------------------------------------------------------------------------


def test_every_action_is_pinned_to_a_full_sha_with_its_version():
    count = 0
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            m = re.search(r"uses: (\S+)", line)
            if not m:
                continue
            count += 1
            action, _, ref = m.group(1).partition("@")
            assert action in SHAS, line
            sha, version = SHAS[action]
            assert ref == sha, f"{path.name}: {line.strip()}"
            assert re.search(rf"@{sha} # {re.escape(version)}\b", line), f"{path.name}: {line.strip()}"
    assert count >= 16


def test_jobs_with_tokens_install_from_the_hash_pinned_lock():
    for name in ("publish.yml", "preview.yml"):
        for job_id, job in workflow(name)["jobs"].items():
            for step in job.get("steps", []):
                run = step.get("run") or ""
                assert "pip install" not in run, (name, job_id)
                if "scripts/bootstrap.sh" in run:
                    assert re.search(r"scripts/bootstrap\.sh publish$", run.strip()), (name, job_id)
    bootstrap = (ROOT / "scripts" / "bootstrap.sh").read_text(encoding="utf-8")
    assert "--require-hashes --only-binary=:all:" in bootstrap and "-r requirements/publish.txt" in bootstrap
    assert "--no-deps --no-build-isolation -e ." in bootstrap


def read_lock(path: Path = ROOT / "requirements" / "publish.txt") -> dict[str, tuple[Version, list[str]]]:
    text = path.read_text(encoding="utf-8")
    entries: dict[str, tuple[Version, list[str]]] = {}
    for block in re.split(r"\n(?=\S)", text):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip() and not ln.strip().startswith("#")]
        if not lines:
            continue
        m = re.fullmatch(r"([A-Za-z0-9._-]+)==([^\s\\;]+) \\", lines[0])
        assert m, f"not pinned with ==: {lines[0]!r}"
        hashes = [re.fullmatch(r"--hash=sha256:([0-9a-f]{64})( \\)?", ln).group(1) for ln in lines[1:]]
        assert hashes, f"no hashes for {lines[0]}"
        entries[canonicalize_name(m.group(1))] = (Version(m.group(2)), hashes)
    return entries


def test_lock_is_in_sync_with_pyproject():
    """Every runtime dependency and the build backend is in requirements/publish.txt, pinned to a version its
    specifier allows, with hashes (no network: run scripts/lock.sh after changing pyproject.toml)."""
    lock = read_lock()
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extra = [ln.split("#")[0].strip() for ln in (ROOT / "requirements" / "publish.in").read_text().splitlines()]
    wanted = [Requirement(r) for r in pyproject["project"]["dependencies"] + pyproject["build-system"]["requires"]
              + [e for e in extra if e]]
    assert len(wanted) >= 12
    for req in wanted:
        name = canonicalize_name(req.name)
        assert name in lock, f"{req.name} ontbreekt in requirements/publish.txt: draai scripts/lock.sh"
        assert req.specifier.contains(lock[name][0], prereleases=True), \
            f"{req.name}: {lock[name][0]} past niet bij {req.specifier}: draai scripts/lock.sh"
    text = (ROOT / "requirements" / "publish.txt").read_text(encoding="utf-8")
    assert "#    scripts/lock.sh\n" in text and "with Python 3.11" in text
    code = [ln for ln in text.splitlines() if not ln.lstrip().startswith("#")]
    assert not [ln for ln in code if re.search(r"^-e |git\+|file:|https?://", ln)]


def test_lock_is_complete_for_what_is_installed():
    """The dependencies of each locked package, as its installed metadata declares them (same version only), are
    locked too: pip --require-hashes would refuse an incomplete lock in the workflow, this says so before."""
    from importlib import metadata

    from packaging.markers import default_environment
    lock = read_lock()
    checked = 0
    for name, (version, _) in lock.items():
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        if Version(dist.version) != version:
            continue
        for spec in dist.requires or []:
            req = Requirement(spec)
            if req.marker and not req.marker.evaluate(default_environment() | {"extra": ""}):
                continue
            assert canonicalize_name(req.name) in lock, f"{name} heeft {req.name} nodig: draai scripts/lock.sh"
            checked += 1
    assert checked >= 10


@pytest.mark.parametrize("bad", [
    "mkdocs>=1.6 \\\n    --hash=sha256:" + "0" * 64 + "\n",            # not pinned
    "mkdocs==1.6.1\n",                                                  # no hashes
    "mkdocs==1.6.1 \\\n    --hash=md5:0123\n",                          # not sha256
    "-e git+https://example.org/x.git#egg=x\n",
])
def test_lock_parser_rejects_unpinned_or_unhashed(tmp_path, bad):
    """The lock checks can fail: an entry without == or without sha256 hashes is refused."""
    lock = tmp_path / "publish.txt"
    lock.write_text("# header\n" + bad)
    with pytest.raises((AssertionError, AttributeError)):
        read_lock(lock)
    lock.write_text("# header\nmkdocs==1.6.1 \\\n    --hash=sha256:" + "0" * 64 + "\n")
    assert read_lock(lock) == {"mkdocs": (Version("1.6.1"), ["0" * 64])}


def test_zizmor_finds_nothing():
    """zizmor's audits of .github/ (offline): zero findings; accepted ones only in .github/zizmor.yml, with why."""
    binary = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    if binary is None:
        pytest.fail("zizmor ontbreekt: draai scripts/bootstrap.sh test")
    r = subprocess.run([binary, "--offline", "--no-progress", ".github/"], cwd=ROOT, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "No findings to report" in r.stdout + r.stderr
    config = (ROOT / ".github" / "zizmor.yml").read_text(encoding="utf-8")
    ignores = re.findall(r"^ +- (\S+)$", config, re.M)
    assert ignores == ["preview.yml"]           # each accepted finding is explained in a comment above it
    # what the justification of pull_request_target says about the one job it runs
    fork = workflow("preview.yml")["jobs"]["fork-report"]
    assert "pull_request_target" in fork["if"]
    assert fork["permissions"] == {"contents": "read", "pull-requests": "write"}
    checkouts = [s for s in fork["steps"] if s.get("uses", "").startswith("actions/checkout@")]
    assert "ref" not in checkouts[0]["with"]                       # first: the base branch's code, which runs
    assert checkouts[1]["with"]["path"] == ".pr-head"              # then the pull request's, only as git objects
    runs = [s.get("run") or "" for s in fork["steps"]]
    assert "rm -rf .pr-head" in runs[runs.index(next(r for r in runs if "./.pr-head" in r))]
    assert not any(re.search(r"\.pr-head/|cd \.pr-head", r) for r in runs)


# --- CI lanes -------------------------------------------------------------------------------------------------

MARKERS = ("fast", "build", "browser", "engines")


def lanes() -> dict[str, str]:
    found = {}
    for job_id, job in workflow("ci.yml")["jobs"].items():
        for step in job["steps"]:
            m = re.fullmatch(r'scripts/test\.sh -m (?:"([^"]+)"|(\w+))', (step.get("run") or "").strip())
            if m:
                found[job_id] = m.group(1) or m.group(2)
    return found


def test_each_test_runs_in_exactly_one_lane():
    """For every combination of markers a test can carry (none included), exactly one lane's -m expression selects
    it, evaluated by pytest's own expression parser."""
    from _pytest.mark.expression import Expression
    expressions = {lane: Expression.compile(expr) for lane, expr in lanes().items()}
    assert set(expressions) == set(MARKERS)
    for n in range(len(MARKERS) + 1):
        for carried in itertools.combinations(MARKERS, n):
            chosen = [lane for lane, e in expressions.items() if e.evaluate(lambda name, carried=carried, **_: name in carried)]
            assert len(chosen) == 1, (carried, chosen)
    assert expressions["fast"].evaluate(lambda name, **_: name == "fast")


def test_ci_lanes_are_parallel_cached_and_gated_by_fast():
    jobs = workflow("ci.yml")["jobs"]
    assert "needs" not in jobs["fast"]
    for lane in ("build", "browser", "engines"):
        assert jobs[lane]["needs"] == "fast", lane
    for job_id, job in jobs.items():
        steps = {s["uses"].split("@")[0]: s for s in job["steps"] if "uses" in s}
        assert steps["actions/setup-python"]["with"]["cache"] == "pip", job_id
        assert steps["actions/setup-node"]["with"]["cache"] == "npm", job_id
        assert job["permissions"] == {"contents": "read"}, job_id
