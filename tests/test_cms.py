"""The CMS at /beheer/ for real: decap-server on a temporary repository, Decap CMS in headless Chromium.

The built site is served together with decap-server's API (same origin, as scripts/beheer.sh does);
the form edits 45F34, saves (editorial workflow: a branch cms/… in the repository, the local form of a
pull request), and the branch must differ from main by exactly that one line, validate, and show in
the change report.
"""

from __future__ import annotations

import functools
import http.client
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import ROOT, PageWatch, _Quiet

DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _SiteAndApi(_Quiet):
    """The built site, plus POST /api/v1 forwarded to decap-server (one origin for the page)."""

    api_port = 0

    def do_POST(self):  # noqa: N802
        if self.path != "/api/v1":
            self.send_error(404)
            return
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        conn = http.client.HTTPConnection("127.0.0.1", self.api_port, timeout=60)
        conn.request("POST", "/api/v1", body, {"Content-Type": "application/json"})
        resp = conn.getresponse()
        data = resp.read()
        self.send_response(resp.status)
        self.send_header("Content-Type", resp.getheader("Content-Type", "application/json"))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except BrokenPipeError:  # the page moved on (Decap polls); nothing to deliver
            pass


@pytest.fixture()
def cms(built_site, tmp_path, browser):
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "data", repo / "data")
    git(repo.parent, "init", "-q", "-b", "main", str(repo))
    git(repo, "-c", "user.name=Test", "-c", "user.email=test@example.org", "add", "-A")
    git(repo, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "data")
    git(repo, "config", "user.name", "Beleidsmedewerker")
    git(repo, "config", "user.email", "beleid@example.org")
    port = free_port()
    env = {**os.environ, "MODE": "git", "PORT": str(port), "BIND_HOST": "127.0.0.1",
           "GIT_REPO_DIRECTORY": str(repo), "LOG_LEVEL": "error"}
    server = subprocess.Popen(["node", str(DECAP_SERVER)], env=env, cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    handler = functools.partial(type("H", (_SiteAndApi,), {"api_port": port}), directory=str(built_site))
    http_server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=http_server.serve_forever, daemon=True).start()
    context = browser.new_context(viewport={"width": 1366, "height": 1000})  # the page's own CSP applies
    watch = PageWatch(context.new_page(), f"http://127.0.0.1:{http_server.server_address[1]}/")
    yield repo, watch
    context.close()
    http_server.shutdown()
    server.terminate()
    server.wait(timeout=10)


def open_entry(watch: PageWatch, collection: str, entry: str):
    page = watch.page
    watch.goto(f"beheer/#/collections/{collection}/entries/{entry}")
    save, login = page.get_by_role("button", name="Opslaan"), page.get_by_role("button", name="Inloggen")
    expect(save.or_(login)).to_be_visible(timeout=60_000)
    if login.is_visible():  # the local backend's login is one click, without credentials
        login.click()
    expect(save).to_be_visible(timeout=60_000)
    expect(duration_input(page)).to_have_value("9", timeout=30_000)
    return page


def duration_input(page):
    group = page.get_by_role("radiogroup", name="Waarde").first
    return group.locator("xpath=..").locator("input[type=number]")


def cms_branches(repo: Path) -> list[str]:
    return [b.strip(" *") for b in git(repo, "branch", "--list", "cms/*").splitlines()]


def test_edit_45f34_in_the_form_gives_a_one_line_pull_request(cms):
    repo, watch = cms
    page = open_entry(watch, "producten-flevoland", "45f34")
    box = duration_input(page)
    expect(box).to_have_value("9")
    box.fill("6")
    page.get_by_role("button", name="Opslaan").click()
    diff = ""
    for _ in range(300):  # decap-server makes the branch, then commits on it
        if (branches := cms_branches(repo)) and (diff := git(repo, "diff", "--unified=0", "main", branches[0])):
            break
        time.sleep(0.1)
    [branch] = cms_branches(repo)
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ["-    waarde: 9", "+    waarde: 6"]
    assert "data/products/flevoland/45f34.yaml" in diff
    pr = repo.parent / "pull-request"  # the branch checked out apart: decap-server keeps using its own tree
    git(repo, "worktree", "add", "-q", "--detach", str(pr), branch)
    valid = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), str(pr / "data")],
                           capture_output=True, text=True)
    assert valid.returncode == 0, valid.stderr
    report = subprocess.run([sys.executable, str(ROOT / "scripts" / "change_report.py"), "--repo", str(pr),
                             "--base", "main"], capture_output=True, text=True)
    assert report.returncode == 0, report.stderr
    line = next((line for line in report.stdout.splitlines() if "maximale duur" in line), report.stdout)
    assert "45F34" in report.stdout and line.strip().startswith("maximale duur: 9 maanden") and "→ 6 maanden" in line
    assert watch.foreign == [] and watch.csp_violations == []


def test_a_value_the_model_refuses_is_refused_in_the_form_with_its_dutch_message(cms):
    repo, watch = cms
    page = open_entry(watch, "producten-flevoland", "45f34")
    duration_input(page).fill("-3")
    page.get_by_role("textbox", name="Productcode: ingevuld").fill("45F-34")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("de waarde mag niet negatief zijn (minimaal 0). Oplossing: corrigeer het getal")).to_be_visible()
    expect(page.get_by_text("waarde '45F-34' heeft niet de juiste vorm. Oplossing: een iJw-productcode heeft 1 tot 5 "
                            "letters en cijfers")).to_be_visible()
    page.wait_for_timeout(1500)
    assert cms_branches(repo) == []  # nothing saved
    assert watch.foreign == [] and watch.csp_violations == []
