"""The local editing bridge (macros/cms/local.py and bridge.py, scripts/beheer.sh) answers only the page it serves.

Tried as the attack works: a page on another loopback origin in Chromium sends decap-server's
``persistEntry`` as a ``no-cors`` text/plain fetch and as a text/plain form (no CORS preflight needed),
for a data file and for ``.git/config`` with a ``core.fsmonitor`` command; a client forges ``Host``
(DNS rebinding); the page's own origin, with the right token, asks for paths outside data/. Afterwards
the repository's files, ``git log --all``, its refs and ``.git/`` are unchanged, and the file the
fsmonitor command would create does not exist, although decap-server ran git since.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.client
import http.server
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT
from macros.cms.bridge import MAX_BODY, TOKEN_HEADER, SiteAndApi
from macros.cms.bridge_rules import Refused, Rules, check_path
from macros.cms.local import serving

BRANCH = "main"
PRODUCT = "data/products/flevoland/45f34.yaml"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def fsmonitor_config(marker: Path) -> str:
    """A .git/config whose fsmonitor command leaves `marker`: what the attacker writes."""
    return f'[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tfsmonitor = "touch {marker}"\n'


class Bridge:
    def __init__(self, tmp: Path, site: Path):
        self.tmp, self.site = tmp, site
        self.repo = tmp / "repo"
        self.outside = tmp / "outside"
        self.marker = tmp / "fsmonitor-ran"
        self.outside.mkdir()
        (self.outside / "geheim.yaml").write_text("geheim: ja\n", encoding="utf-8")
        shutil.copytree(ROOT / "data", self.repo / "data")
        # symlinks in data/ that lead out: a folder and a file
        (self.repo / "data" / "uit").symlink_to(self.outside, target_is_directory=True)
        (self.repo / "data" / "products" / "flevoland" / "uit.yaml").symlink_to(self.outside / "geheim.yaml")
        git(tmp, "init", "-q", "-b", BRANCH, str(self.repo))
        git(self.repo, "-c", "user.name=Test", "-c", "user.email=test@example.org", "add", "-A")
        git(self.repo, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "data")
        git(self.repo, "config", "user.name", "Beleidsmedewerker")
        git(self.repo, "config", "user.email", "beleid@example.org")
        self.url = ""
        self.token = ""

    @property
    def port(self) -> int:
        return int(self.url.rstrip("/").rsplit(":", 1)[1])

    def state(self) -> dict:
        """Everything an attack could change: work tree, refs, history, .git/config and hooks, outside."""
        files = {}
        for p in sorted(self.repo.rglob("*")):
            rel = p.relative_to(self.repo).as_posix()
            if rel.startswith(".git/") and not rel.startswith((".git/config", ".git/hooks", ".git/info")):
                continue
            files[rel] = (p.is_symlink() and os.readlink(p)) or (p.is_file() and hashlib.sha256(p.read_bytes()).hexdigest())
        for p in sorted(self.outside.rglob("*")):
            files["OUTSIDE/" + p.name] = hashlib.sha256(p.read_bytes()).hexdigest()
        return {"files": files, "log": git(self.repo, "log", "--all", "--format=%H %s"),
                "refs": git(self.repo, "for-each-ref", "--format=%(refname) %(objectname)"),
                "config": git(self.repo, "config", "--local", "--list")}

    def request(self, method: str, path: str, body: bytes | str | None = None, headers: dict | None = None,
                host: str | None = None) -> tuple[int, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", host if host is not None else f"127.0.0.1:{self.port}")
        body = body.encode() if isinstance(body, str) else body
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        resp = conn.getresponse()
        data = resp.read().decode("utf-8", "replace")
        conn.close()
        return resp.status, data

    def api(self, body: object, **headers) -> tuple[int, str]:
        """A POST as the served page makes it: same origin, its token, JSON."""
        h = {"Content-Type": "application/json; charset=utf-8", "Origin": f"http://127.0.0.1:{self.port}",
             TOKEN_HEADER: self.token} | {k.replace("_", "-"): v for k, v in headers.items()}
        return self.request("POST", "/api/v1", body if isinstance(body, (str, bytes)) else json.dumps(body), h)

    def run_git_through_decap(self) -> None:
        """A legitimate request that makes decap-server call git (branch, checkout): an fsmonitor would run."""
        status, _ = self.api({"action": "entriesByFolder", "branch": BRANCH, "params": {
            "branch": BRANCH, "folder": "data/regions", "extension": "yaml", "depth": 1}})
        assert status == 200


@contextlib.contextmanager
def running_bridge(site: Path, tmp: Path):
    b = Bridge(tmp, site)
    with serving(site, b.repo) as url:
        b.url = url
        status, html = b.request("GET", "/beheer/")
        assert status == 200
        b.token = re.search(r'<meta name="beheer-token" content="([A-Za-z0-9_-]{40,})">', html)[1]
        yield b


@pytest.fixture(scope="module")
def bridge(built_site, tmp_path_factory):
    """One bridge for the attacks (each test checks that its attacks changed nothing)."""
    with running_bridge(built_site, tmp_path_factory.mktemp("bridge")) as b:
        yield b


@pytest.fixture()
def own_bridge(built_site, tmp_path):
    with running_bridge(built_site, tmp_path) as b:
        yield b


def persist(path: str, raw: str, slug: str = "45f34", collection: str = "producten-flevoland", **options) -> dict:
    return {"action": "persistEntry", "branch": BRANCH, "params": {
        "branch": BRANCH, "assets": [], "dataFiles": [{"slug": slug, "path": path, "raw": raw}],
        "options": {"collectionName": collection, "commitMessage": "aanval", "useWorkflow": True,
                    "status": "draft"} | options}}


def test_the_token_is_only_in_the_page_the_bridge_serves(bridge):
    script = (bridge.site / "assets" / "cms" / "init.js").read_text(encoding="utf-8")
    assert "beheer-token" in script and TOKEN_HEADER in script  # the page's own script sends it
    for built in bridge.site.rglob("*.*"):
        if built.suffix in (".html", ".js", ".json", ".yml"):
            assert bridge.token not in built.read_text(encoding="utf-8", errors="replace"), built
    assert "beheer-token" not in (bridge.site / "beheer" / "index.html").read_text(encoding="utf-8")


def test_a_cross_origin_page_cannot_write_commit_or_run_anything(own_bridge, browser, tmp_path, monkeypatch):
    """Chromium on other loopback origins: no-cors fetch, a CORS fetch, a text/plain form, for a data file
    and for .git/config with core.fsmonitor. Nothing is written, committed or run."""
    bridge = own_bridge
    before = bridge.state()
    refusals: list[tuple[str, str, int]] = []  # what reached the bridge and was refused (the browser may hide it)
    refuse = SiteAndApi._refuse
    monkeypatch.setattr(SiteAndApi, "_refuse", lambda self, err: (
        refusals.append((self.headers.get("Origin", ""), self.headers.get("Content-Type", ""), err.status)), refuse(self, err))[1])
    attacker_dir = tmp_path / "attacker"
    attacker_dir.mkdir()
    (attacker_dir / "index.html").write_text("<!doctype html><title>aanvaller</title><p>hallo</p>", encoding="utf-8")
    handler = functools.partial(type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *a: None}),
                                directory=str(attacker_dir))
    attacker = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=attacker.serve_forever, daemon=True).start()
    payloads = [persist(PRODUCT, "naam: overschreven\n"),
                persist(".git/config", fsmonitor_config(bridge.marker)),
                persist("data/../.git/config", fsmonitor_config(bridge.marker)),
                persist(".git/config", fsmonitor_config(bridge.marker), useWorkflow=False)]
    targets = [bridge.url, f"http://localhost:{bridge.port}/"]
    origins = [f"http://127.0.0.1:{attacker.server_address[1]}/", f"http://localhost:{attacker.server_address[1]}/",
               # the bridge's own site under its other name: a different origin from 127.0.0.1:PORT
               f"http://localhost:{bridge.port}/"]
    context = browser.new_context(bypass_csp=True)  # the attacker's own script is not held by the site's policy
    try:
        page = context.new_page()
        for origin in origins:
            page.goto(origin)
            for target in targets:
                if target == origin:
                    continue
                results = page.evaluate("""async ([url, payloads]) => {
                    const out = [];
                    for (const p of payloads) {
                        const body = JSON.stringify(p);
                        try { await fetch(url, {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'}, body}); out.push('no-cors sent'); }
                        catch (e) { out.push('no-cors failed'); }
                        try { const r = await fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json'}, body}); out.push('cors ' + r.status); }
                        catch (e) { out.push('cors blocked'); }
                    }
                    return out;
                }""", [target + "api/v1", payloads])
                assert not any(r.startswith("cors 2") for r in results), results
                # every no-cors POST reached the bridge and was refused there (Chromium then hides the
                # answer: Cross-Origin-Resource-Policy); the CORS ones stop at the preflight
                sent = [r for r in refusals if r[1] == "text/plain"]
                assert len(sent) == len(payloads) and all(r[0] == origin.rstrip("/") and r[2] == 403 for r in sent), refusals
                refusals.clear()
                for p in payloads:  # the classic form: enctype text/plain makes name=value a JSON body
                    body = json.dumps(p)
                    page.set_content(f'<form method="post" enctype="text/plain" action="{target}api/v1">'
                                     f"<input name='{body[:-1]}, \"x\": \"' value='\"}}'></form>")
                    with page.expect_response(target + "api/v1") as answer:
                        page.evaluate("document.forms[0].submit()")
                    assert answer.value.status == 403 and "Geweigerd" in answer.value.text()
                    assert [r[2] for r in refusals] == [403]
                    refusals.clear()
                    page.goto(origin)
    finally:
        context.close()
        attacker.shutdown()
    bridge.run_git_through_decap()  # had .git/config been written, its fsmonitor would run now
    assert not bridge.marker.exists()
    assert bridge.state() == before
    assert git(bridge.repo, "branch", "--list", "cms/*") == ""


def test_the_fsmonitor_payload_would_run_if_it_reached_git(tmp_path):
    """The marker check above can fail: the same .git/config, written directly, runs on the next git call."""
    repo, marker = tmp_path / "r", tmp_path / "ran"
    git(tmp_path, "init", "-q", "-b", BRANCH, str(repo))
    (repo / ".git" / "config").write_text(fsmonitor_config(marker), encoding="utf-8")
    subprocess.run(["git", "-C", str(repo), "status"], capture_output=True)
    assert marker.exists()


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1", "127.0.0.1:1",
                                  "localhost:{other}", "127.0.0.2:{port}", "[::1]:{port}", "", "127.0.0.1:{port}.evil.example"])
def test_a_forged_host_is_refused_for_reading_and_writing(bridge, host):
    """DNS rebinding: the page's own origin is evil.example, resolved to 127.0.0.1. Nothing comes back."""
    before = bridge.state()
    host = host.format(port=bridge.port, other=bridge.port + 1)
    for path in ("/", "/beheer/", "/beheer/config.yml", "/flevoland/45f34/"):
        status, body = bridge.request("GET", path, host=host)
        assert status == 403 and "Geweigerd" in body and bridge.token not in body, (path, status)
        assert bridge.request("HEAD", path, host=host)[0] == 403
    origin = f"http://{host}"
    for payload in (persist(PRODUCT, "naam: x\n"), {"action": "getEntry", "params": {"branch": BRANCH, "path": PRODUCT}}):
        status, body = bridge.request("POST", "/api/v1", json.dumps(payload), host=host, headers={
            "Content-Type": "application/json", "Origin": origin, TOKEN_HEADER: bridge.token})
        assert status == 403 and "waarde" not in body
    bridge.run_git_through_decap()
    assert bridge.state() == before


def test_two_host_headers_are_refused(bridge):
    conn = http.client.HTTPConnection("127.0.0.1", bridge.port, timeout=30)
    conn.putrequest("GET", "/", skip_host=True)
    conn.putheader("Host", f"127.0.0.1:{bridge.port}")
    conn.putheader("Host", "evil.example")
    conn.endheaders()
    assert conn.getresponse().status == 403


HOSTILE_PATHS = [
    ".git/hooks/pre-commit", ".git/config", "../outside", "../outside/x.yaml", "/etc/passwd", "data/../.git/config",
    "data/./products/flevoland/x.yaml", "data//products/x.yaml", "./data/products/flevoland/x.yaml",
    "data/uit/x.yaml", "data/uit/geheim.yaml", "data/products/flevoland/uit.yaml", "content/index.md",
    "content/over/img/x.png", "data/.git/config", "data/products/.gitattributes", "data\\..\\.git\\config",
    "data/products/flevoland/x.yaml\x00.png", "data/products/flevoland/x.yaml\n", "data/%2e%2e/.git/config",
    "DATA/products/x.yaml", "data/products/flevoland/x.sh", "data/products/flevoland/x.yaml/",
    "data", "data/", "mkdocs.yml", ".github/workflows/publish.yml", "data/products/flevoland/" + "a" * 400 + ".yaml",
]


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_same_origin_with_the_token_cannot_write_outside_data(bridge, path):
    before = bridge.state()
    for payload in (persist(path, fsmonitor_config(bridge.marker) if ".git" in path else "#!/bin/sh\ntouch x\n"),
                    {**persist(PRODUCT, "naam: x\n"), "params": {**persist(PRODUCT, "")["params"], "dataFiles": [
                        {"slug": "45f34", "path": PRODUCT, "raw": "naam: x\n", "newPath": path}]}}):
        status, body = bridge.api(payload)
        assert status in (400, 403) and json.loads(body)["error"].startswith("Geweigerd"), (status, body)
    bridge.run_git_through_decap()
    assert not bridge.marker.exists()
    assert bridge.state() == before


# Reading data/ itself, or a file in it that does not exist, is allowed (decap-server answers "no data").
READ_HOSTILE = [p for p in HOSTILE_PATHS if p not in ("data", "data/products/flevoland/x.sh")
                and not p.startswith("content/over/img")] + ["../../../../etc/passwd"]


@pytest.mark.parametrize("path", READ_HOSTILE)
def test_same_origin_with_the_token_cannot_read_outside_data(bridge, path):
    for payload in ({"action": "getEntry", "params": {"branch": BRANCH, "path": path}},
                    {"action": "getMediaFile", "params": {"branch": BRANCH, "path": path}},
                    {"action": "entriesByFiles", "params": {"branch": BRANCH, "files": [{"path": path}]}},
                    {"action": "entriesByFolder", "params": {"branch": BRANCH, "folder": path, "extension": "yaml", "depth": 1}},
                    {"action": "unpublishedEntryDataFile", "params": {"branch": BRANCH, "collection": "producten-flevoland",
                                                                      "slug": "45f34", "id": "x", "path": path}}):
        status, body = bridge.api(payload)
        assert status in (400, 403), (payload, status, body)
        assert "geheim" not in body and "repositoryformatversion" not in body and "root:" not in body


def refused(bridge, payload, *statuses: int, **headers) -> str:
    before = bridge.state()
    status, body = bridge.api(payload, **headers)
    assert status in (statuses or (400, 403)), (status, body)
    assert bridge.state() == before
    return json.loads(body)["error"]


def test_actions_the_form_does_not_need_are_refused(bridge, capfd):
    media = {"path": "content/over/img/x.png", "content": "aGFsbG8=", "encoding": "base64"}
    for payload in (
        {"action": "persistMedia", "params": {"branch": BRANCH, "asset": media, "options": {"commitMessage": "m"}}},
        {"action": "deleteFile", "params": {"branch": BRANCH, "path": PRODUCT, "options": {"commitMessage": "m"}}},
        {"action": "deleteFiles", "params": {"branch": BRANCH, "paths": [PRODUCT], "options": {"commitMessage": "m"}}},
        {"action": "addNote", "params": {"branch": BRANCH, "collection": "producten-flevoland", "slug": "45f34", "note": "x"}},
        {"action": "__proto__"}, {"action": None}, {"action": ["info"]}, [], "info", None, 1,
        {"action": "info", "extra": 1},
        # the legacy single entry, assets, a commit straight on main, a foreign branch or collection
        {**persist(PRODUCT, "naam: x\n"), "params": {"branch": BRANCH, "assets": [], "options": persist(PRODUCT, "")["params"]["options"],
                                                    "entry": {"slug": "45f34", "path": PRODUCT, "raw": "x"}}},
        {**persist(PRODUCT, "naam: x\n"), "params": {**persist(PRODUCT, "")["params"], "assets": [media]}},
        persist(PRODUCT, "naam: x\n", useWorkflow=False),
        persist(PRODUCT, "naam: x\n", status="published"),
        persist(PRODUCT, "naam: x\n", collection="../../.git"),
        persist(PRODUCT, "naam: x\n", slug="../../../.git/x"),
        persist(PRODUCT, "naam: x\n", slug="x/y"),
        {**persist(PRODUCT, "naam: x\n"), "branch": "--orphan=x"},
        {**persist(PRODUCT, "naam: x\n"), "params": {**persist(PRODUCT, "")["params"], "branch": "cms/x"}},
        {**persist(PRODUCT, "naam: x\n"), "params": {**persist(PRODUCT, "")["params"], "cmsLabelPrefix": "x\n[core]"}},
        {**persist(PRODUCT, "naam: x\n"), "params": {**persist(PRODUCT, "")["params"], "unknown": 1}},
        {**persist(PRODUCT, "naam: x\n"), "params": {**persist(PRODUCT, "")["params"], "dataFiles": []}},
        {**persist(PRODUCT, "naam: x\n"), "params": {**persist(PRODUCT, "")["params"], "dataFiles": [
            {"slug": "45f34", "path": PRODUCT, "raw": "x", "newPath": "data/products/haaglanden/45f34.yaml"}]}},
        {"action": "updateUnpublishedEntryStatus", "params": {"branch": BRANCH, "collection": "producten-flevoland",
                                                              "slug": "45f34", "newStatus": "x\n[core]\nfsmonitor=x"}},
        {"action": "publishUnpublishedEntry", "params": {"branch": BRANCH, "collection": "producten-flevoland", "slug": "-D"}},
        {"action": "deleteUnpublishedEntry", "params": {"branch": BRANCH, "collection": "x", "slug": "45f34"}},
        {"action": "unpublishedEntry", "params": {"branch": BRANCH, "id": "../../x"}},
        {"action": "getMedia", "params": {"branch": BRANCH, "mediaFolder": ".git"}},
        {"action": "entriesByFolder", "params": {"branch": BRANCH, "folder": "data", "extension": "", "depth": 100}},
    ):
        message = refused(bridge, payload)
        assert message.startswith("Geweigerd") and len(message) < 200
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err and "afgebroken" not in err


def test_requests_without_the_pages_credentials_are_refused(bridge):
    good = persist(PRODUCT, "naam: x\n")
    assert refused(bridge, good, 403, X_Beheer_Token="") .startswith("Geweigerd")
    refused(bridge, good, 403, X_Beheer_Token=bridge.token[:-1] + ("A" if bridge.token[-1] != "A" else "B"))
    refused(bridge, good, 403, Origin="null")
    refused(bridge, good, 403, Origin=f"http://localhost:{bridge.port}")  # the Host says 127.0.0.1
    refused(bridge, good, 403, Origin=f"http://127.0.0.1:{bridge.port + 1}")
    refused(bridge, good, 403, Sec_Fetch_Site="cross-site")
    refused(bridge, good, 415, Content_Type="text/plain")
    refused(bridge, good, 415, Content_Type="application/x-www-form-urlencoded")
    refused(bridge, good, 415, Content_Type="application/jsonp")


def test_bodies_that_are_not_the_forms_json_are_refused_without_a_traceback(bridge, capfd):
    before = bridge.state()
    for body in (b"", b"{", b"\xff\xfe", b"[" * 100_000 + b"]" * 100_000, b'{"action": NaN}',
                 b'{"action": "info"} trailing'):
        status, answer = bridge.api(body)
        assert status in (400, 411), (body[:20], status)
        assert "Traceback" not in answer
    for length in ("-1", "abc", str(10**12), str(MAX_BODY + 1)):
        conn = http.client.HTTPConnection("127.0.0.1", bridge.port, timeout=30)
        conn.request("POST", "/api/v1", headers={"Content-Length": length, "Content-Type": "application/json",
                                                 "Origin": f"http://127.0.0.1:{bridge.port}", TOKEN_HEADER: bridge.token})
        assert conn.getresponse().status in (400, 411, 413)
    assert bridge.request("POST", "/beheer/", "{}", headers={"Origin": f"http://127.0.0.1:{bridge.port}"})[0] == 404
    assert bridge.request("PUT", "/api/v1", "{}")[0] in (405, 501)
    assert bridge.request("OPTIONS", "/api/v1")[0] in (403, 405, 501)  # no CORS preflight is ever allowed
    assert bridge.state() == before
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err


def test_decap_server_listens_on_no_tcp_port(bridge):
    """Otherwise a page could skip the bridge: decap-server answers any origin (cors()) on its own port."""
    listening = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A":  # LISTEN
                listening.add(fields[9])
    children = [p for p in Path("/proc").iterdir() if p.name.isdigit() and _parent(p) == os.getpid()]
    decap = [p for p in children if b"DECAP_SOCKET" in (p / "cmdline").read_bytes()]
    assert len(decap) == 1
    inodes = set()
    for fd in (decap[0] / "fd").iterdir():
        with_target = os.readlink(fd)
        if m := re.fullmatch(r"socket:\[(\d+)\]", with_target):
            inodes.add(m[1])
    assert inodes, "decap-server holds no socket at all"
    assert not inodes & listening


def _parent(proc: Path) -> int:
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1


def test_the_legitimate_save_still_goes_through(own_bridge):
    """The control: the page's own request (same origin, token, JSON, a data file) saves on a cms/ branch."""
    bridge = own_bridge
    raw = (bridge.repo / PRODUCT).read_text(encoding="utf-8").replace("waarde: 9", "waarde: 6", 1)
    status, body = bridge.api(persist(PRODUCT, raw))
    assert status == 200, body
    assert git(bridge.repo, "branch", "--list", "cms/*").split() == ["cms/producten-flevoland/45f34"]
    assert "+    waarde: 6" in git(bridge.repo, "diff", BRANCH, "cms/producten-flevoland/45f34")


def test_every_path_the_check_accepts_resolves_under_data_and_names_no_hidden_file(tmp_path):
    """Exhaustive over paths of up to four segments from a hostile alphabet (a property, not examples)."""
    repo = tmp_path / "repo"
    (repo / "data" / "products").mkdir(parents=True)
    (repo / ".git").mkdir()
    (tmp_path / "outside").mkdir()
    (repo / "data" / "uit").symlink_to(tmp_path / "outside", target_is_directory=True)
    (repo / "data" / "binnen").symlink_to(repo / "data" / "products", target_is_directory=True)
    rules = Rules(repo=repo, branch=BRANCH, collections=frozenset({"c"}), media_folder="content/over/img")
    segments = ["data", "..", ".", "", ".git", "uit", "binnen", "products", "x.yaml", "content", "over", "img",
                "~", "%2e%2e", "data\\..", " ", "x\x00"]
    accepted = 0
    for n in range(1, 5):
        for parts in itertools.product(segments, repeat=n):
            path = "/".join(parts)
            for write in (False, True):
                try:
                    check_path(rules, path, write=write)
                except Refused:
                    continue
                accepted += 1
                resolved = (repo / path).resolve()
                roots = [repo / "data"] + ([] if write else [repo / "content/over/img"])
                assert any(resolved == r or r in resolved.parents for r in roots), path
                assert not any(p.startswith(".") or not p for p in path.split("/")), path
                assert ".." not in path.split("/") and "\\" not in path and "\x00" not in path
    assert accepted > 50  # the check is not simply refusing everything


def test_a_bridge_that_cannot_start_says_why_in_dutch(built_site, tmp_path):
    from macros.cms.local import BridgeError

    (tmp_path / "geen-repo").mkdir()
    with pytest.raises(BridgeError, match="decap-server stopte meteen"), serving(built_site, tmp_path / "geen-repo"):
        pass
    r = subprocess.run([sys.executable, "-m", "macros.cms.local", "80a1"], cwd=ROOT, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 1 and "geen poortnummer" in r.stderr and "Traceback" not in r.stderr
