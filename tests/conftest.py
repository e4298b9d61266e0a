"""Shared fixtures: strict builds of the site (each variant once per run, shared by all xdist workers),
a local server, headless Chromium; and the test lanes.

Lanes (markers, set here from the fixtures a test uses, so a new test cannot forget them):
- ``build``: the test needs a site build (``built_site``, ``site_url``, ``preview_site``, ``variant_site``,
  the ``mkdocs_build`` fixture for a build of its own, ``bench`` for a benchmark script);
- ``browser``: it drives Chromium (``browser``, ``watched``, ``bench_in_chromium``);
- ``engines``: a whole-site sweep by axe-core, pa11y, Lighthouse or the Nu checker (``engine_sweep``);
- ``fast``: none of these. A fast test that builds a site or starts a browser anyway fails (the guard below).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

# --- lanes ----------------------------------------------------------------------------------------

# calc_saved (LibreOffice Calc re-saving the exports) and exports_now (tests that import many edited workbooks,
# seconds each) are as slow as a build, so they run in its lane (tests/test_import_calc.py).
BUILD_FIXTURES = {"built_site", "site_url", "preview_site", "variant_site", "mkdocs_build", "bench", "bench_in_chromium",
                  "calc_saved", "exports_now"}
BROWSER_FIXTURES = {"browser", "watched", "bench_in_chromium"}
ENGINE_FIXTURES = {"engine_sweep"}
# Tests that share an expensive module- or session-scoped fixture run on one xdist worker (--dist loadgroup),
# so two workers do not each make it: the build whose address is baked in (SITE_URL with a port), the one
# Lighthouse run (every page type, mobile and desktop) that both form factors' tests read, the two builds of the
# synthetic nation (test_scale.py), the editing bridge with its decap-server (test_bridge.py), the git history
# and its build (test_history.py), the hostile build with a site address (test_meta.py), and LibreOffice's saves.
GROUPS = {"preview_site": "preview-site", "lighthouse_a11y": "lighthouse", "nations": "scale", "bridge": "bridge",
          "history_repo": "history", "hostile_site": "meta-hostile", "calc_saved": "calc", "exports_now": "calc"}


def lanes_of(fixturenames) -> set[str]:
    names = set(fixturenames)
    lanes = {lane for lane, fixtures in (("build", BUILD_FIXTURES), ("browser", BROWSER_FIXTURES),
                                         ("engines", ENGINE_FIXTURES)) if names & fixtures}
    return lanes or {"fast"}


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the xdist_group marks set here
def pytest_collection_modifyitems(config, items):
    for item in items:
        names = getattr(item, "fixturenames", ())
        for lane in sorted(lanes_of(names)):
            item.add_marker(getattr(pytest.mark, lane))
        for fixture, group in GROUPS.items():
            if fixture in names:
                item.add_marker(pytest.mark.xdist_group(group))
    if os.environ.get("PYTEST_XDIST_WORKER"):  # xdist's workers collect; the controller takes their order
        items[:] = longest_first(items, int(os.environ.get("PYTEST_XDIST_WORKER_COUNT") or 1))


# --- scheduling -----------------------------------------------------------------------------------

# xdist hands out work in the order of the collection (scripts/test.sh passes --no-loadscope-reorder, which would
# otherwise put every group first, by its number of tests): so the collection is ordered longest work unit first
# (a group counts as one unit, its tests in their own order), and the workers end together on short tests instead
# of one worker running a 90-second sweep alone at the end. Each test's time comes from tests/durations.json
# (measured: `scripts/test.sh --store-durations`; only tests of a second or more are kept, so a test it does not
# name counts half a second, or a minute for a whole-site engine sweep, as a new one may be). A stale file only
# makes the order less good, never a test different.
DURATIONS = Path(__file__).parent / "durations.json"
STORE_FLOOR = 1.0  # seconds: shorter tests are left out of durations.json
UNMEASURED = {"engines": 60.0}  # seconds, for a test durations.json does not name; STORE_FLOOR / 2 for the others


def _plain_id(nodeid: str) -> str:
    return nodeid.rsplit("@", 1)[0] if nodeid.rfind("@") > nodeid.rfind("]") else nodeid


def _estimate(item, measured: dict[str, float]) -> float:
    if (seconds := measured.get(_plain_id(item.nodeid))) is not None:
        return seconds
    return max(UNMEASURED.get(lane, STORE_FLOOR / 2) for lane in lanes_of(getattr(item, "fixturenames", ())))


def _unit(item) -> str:
    marks = [m.args[0] if m.args else m.kwargs.get("name", "default") for m in item.iter_markers("xdist_group")]
    return f"@{marks[0]}" if marks else item.nodeid


def longest_first(items: list, workers: int, measured: dict[str, float] | None = None) -> list:
    """The items ordered by their work unit's estimated time, longest first (ties in collection order).

    The first unit of each worker starts at once: of those, only one may need the real site's build
    (`built_site`), so the other workers do not wait for it idle while it is made; they start with the longest
    units that do not need it."""
    if measured is None:
        measured = json.loads(DURATIONS.read_text(encoding="utf-8")) if DURATIONS.exists() else {}
    units: dict[str, list] = {}
    for item in items:
        units.setdefault(_unit(item), []).append(item)
    cost = {key: sum(_estimate(i, measured) for i in members) for key, members in units.items()}
    order = sorted(units, key=lambda key: -cost[key])  # stable: equal estimates keep the collection's order
    needs_build = {key for key, members in units.items() if any("built_site" in i.fixturenames for i in members)}
    head: list[str] = []
    for key in order:
        if len(head) == min(workers, len(order)):
            break
        if key not in needs_build or not any(k in needs_build for k in head):
            head.append(key)
    order = head + [key for key in order if key not in head]
    return [item for key in order for item in units[key]]


def pytest_addoption(parser):
    parser.addoption("--store-durations", action="store_true",
                     help=f"write each test's time (setup, call and teardown; {STORE_FLOOR:g} s or more) to "
                          f"tests/durations.json, which orders the next runs longest first")


_measured: dict[str, float] = {}


def pytest_runtest_logreport(report):
    # on xdist's controller too: the workers' reports arrive here
    _measured[_plain_id(report.nodeid)] = _measured.get(_plain_id(report.nodeid), 0.0) + report.duration


def pytest_sessionfinish(session):
    if session.config.getoption("store_durations") and not os.environ.get("PYTEST_XDIST_WORKER"):
        # a run of some tests updates theirs and keeps the others'
        kept = json.loads(DURATIONS.read_text(encoding="utf-8")) if DURATIONS.exists() else {}
        for nodeid, seconds in _measured.items():
            kept.pop(nodeid, None)
            if seconds >= STORE_FLOOR:
                kept[nodeid] = round(seconds, 1)
        DURATIONS.write_text(json.dumps(dict(sorted(kept.items())), indent=0, ensure_ascii=False) + "\n", encoding="utf-8")


class LaneError(AssertionError):
    pass


_lane = {"fast": False, "test": ""}


def _refuse(what: str) -> None:
    raise LaneError(f"{_lane['test']} is in the fast lane but {what}: request the fixture that says so "
                    f"(mkdocs_build / built_site / site_url for a build, browser / watched for Chromium), "
                    f"so that it is marked and runs in its lane")


def _is_site_build(args) -> bool:
    argv = [str(a) for a in (args if isinstance(args, (list, tuple)) else [args])]
    text = " ".join(argv)
    return (("mkdocs" in text or "properdocs" in text) and " build" in f" {text}") or any(Path(a).name == "build_bench.py" for a in argv)


def _launches_a_browser(args) -> bool:
    argv = [str(a) for a in (args if isinstance(args, (list, tuple)) else [args])]
    return any("chrom" in Path(a).name.lower() or a.endswith(("pa11y-site.cjs", "lighthouse-pages.mjs", "vnu.jar"))
               for a in argv)


@pytest.fixture(autouse=True)
def _lane_guard(request, monkeypatch):
    """In the fast lane, a site build (in-process or as a subprocess) or a browser launch fails the test."""
    fast = request.node.get_closest_marker("fast") is not None
    _lane.update(fast=fast, test=request.node.nodeid)
    if fast:
        real_init = subprocess.Popen.__init__

        def guarded_init(self, args, *a, **k):
            if _is_site_build(args):
                _refuse(f"runs a site build ({' '.join(map(str, args))[:120]})")
            if _launches_a_browser(args):
                _refuse(f"starts a browser or engine ({' '.join(map(str, args))[:120]})")
            real_init(self, args, *a, **k)

        monkeypatch.setattr(subprocess.Popen, "__init__", guarded_init)
        import mkdocs.commands.build

        monkeypatch.setattr(mkdocs.commands.build, "build", lambda *a, **k: _refuse("builds the site in-process"))
        try:
            from playwright.sync_api import BrowserType
        except ImportError:  # pragma: no cover - playwright is in the test extra
            pass
        else:
            monkeypatch.setattr(BrowserType, "launch", lambda *a, **k: _refuse("launches Chromium"))
    yield
    _lane.update(fast=False, test="")


# --- builds ---------------------------------------------------------------------------------------


# The engine that builds the site (README, "Two engines"): mkdocs (default) or properdocs.
ENGINES = ("mkdocs", "properdocs")
ENGINE = os.environ.get("PRODUCTENBOEK_ENGINE") or "mkdocs"
if ENGINE not in ENGINES:
    raise pytest.UsageError(f"PRODUCTENBOEK_ENGINE={ENGINE!r}: kies uit {', '.join(ENGINES)}")


def mkdocs_build(dest: Path, data_dir: Path | None = None, extra_env: dict | None = None,
                 cwd: Path | None = None, engine: str | None = None, strict: bool = True) -> subprocess.CompletedProcess:
    """A strict build of the site (the repository's, or the copy at `cwd`) into `dest`. strict=False for a
    synthetic catalogue: the hand-written pages link the real regions, which it lacks."""
    if _lane["fast"]:
        _refuse("calls mkdocs_build()")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    if data_dir is not None:
        env["PRODUCTENBOEK_DATA"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", engine or ENGINE, "build", "--strict" if strict else "--no-strict", "--site-dir", str(dest)],
        cwd=cwd or ROOT, env=env, capture_output=True, text=True, timeout=900,
    )


@pytest.fixture(scope="session", name="mkdocs_build")
def mkdocs_build_fixture() -> Callable[..., subprocess.CompletedProcess]:
    """`mkdocs_build(dest, data_dir=None, extra_env=None, cwd=None)` for a test that builds a site of its own
    (requesting it puts the test in the build lane). Prefer a shared build: built_site, variant_site."""
    return mkdocs_build


@dataclass
class SharedBuild:
    name: str
    site: Path          # the built site
    data: Path          # the data it was built from
    result: subprocess.CompletedProcess
    extra: dict

    def check(self) -> Path:
        assert self.result.returncode == 0, f"strict build '{self.name}' failed:\n{self.result.stdout}\n{self.result.stderr[-4000:]}"
        return self.site


def _shared_root(tmp_path_factory, worker_id: str) -> Path:
    # Under xdist every worker has its own basetemp below one directory per run: the documented place
    # for what the workers share. Without xdist, the run's own basetemp.
    base = tmp_path_factory.getbasetemp()
    return base.parent if worker_id != "master" else base


def shared_build(tmp_path_factory, worker_id: str, name: str, *, prepare: Callable[[Path], dict] | None = None,
                 extra_env: Callable[[dict], dict] | None = None) -> SharedBuild:
    """Build the variant `name` once per test run, whichever xdist worker asks first; the others wait
    for it and reuse it. `prepare(data_dir)` changes a copy of data/ (and returns facts the tests need);
    `extra_env(facts)` gives the build's extra environment."""
    root = _shared_root(tmp_path_factory, worker_id) / f"shared-{name}"
    with FileLock(str(root) + ".lock"):
        record = root / "result.json"
        if not record.exists():
            if root.exists():
                shutil.rmtree(root)
            root.mkdir(parents=True)
            data = ROOT / "data"
            facts: dict = {}
            if prepare is not None:
                data = root / "data"
                shutil.copytree(ROOT / "data", data)
                facts = prepare(data) or {}
            env = extra_env(facts) if extra_env else {}
            r = mkdocs_build(root / "site", data_dir=data if prepare else None, extra_env=env)
            record.write_text(json.dumps({"data": str(data), "extra": facts, "env": env, "returncode": r.returncode,
                                          "stdout": r.stdout, "stderr": r.stderr}), encoding="utf-8")
        saved = json.loads(record.read_text(encoding="utf-8"))
    result = subprocess.CompletedProcess(["mkdocs", "build"], saved["returncode"], saved["stdout"], saved["stderr"])
    return SharedBuild(name, root / "site", Path(saved["data"]), result, {**saved["extra"], "env": saved["env"]})


@pytest.fixture(scope="session")
def worker_id(request) -> str:
    # pytest-xdist provides this fixture; this one serves a run without the plugin.
    return getattr(request.config, "workerinput", {}).get("workerid", "master")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, worker_id, mkdocs_build) -> Path:
    """The real data, no SITE_URL: the site as most tests see it (read-only: never write into it)."""
    return shared_build(tmp_path_factory, worker_id, "real").check()


@pytest.fixture(scope="session")
def exported(tmp_path_factory) -> Path:
    """The open-data files of the real data as a build writes them, without a build (macros.exports.export_files,
    under a second): `exported / "open-data" / "flevoland.xlsx"`, … For tests that read the workbooks."""
    from macros.catalogue.loader import load_catalogue
    from macros.exports import export_files

    root = tmp_path_factory.mktemp("exported")
    for rel, content in export_files(load_catalogue(ROOT / "data")).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(content)
    return root


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(directory: Path, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `directory` on 127.0.0.1 (a free port unless given) in a thread; returns the server and its URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    server, url = serve(built_site)
    yield url
    server.shutdown()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PREVIEW_PATH = "productenboek/pr-7/"


@pytest.fixture(scope="session")
def preview_site(tmp_path_factory, worker_id, mkdocs_build):
    """The real data built with SITE_URL set, as a pull-request preview below a base path, served at that
    address (so the theme's instant navigation works, which needs the sitemap's origin): one build for
    every test about the site address. Yields (site folder, URL). Its tests run on one xdist worker."""
    def env(facts: dict) -> dict:
        return {"SITE_URL": f"http://127.0.0.1:{facts['port']}/{PREVIEW_PATH}"}

    def build_and_serve(name: str):
        build = shared_build(tmp_path_factory, worker_id, name, prepare=lambda data: {"port": _free_port()},
                             extra_env=env)
        site = build.check()
        root = site.parent / "served"
        target = root / PREVIEW_PATH
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(site, target_is_directory=True)
        return build, site, serve(root, build.extra["port"])[0]

    try:
        build, site, server = build_and_serve("preview")
    except OSError:  # its port is taken (another worker serves it: not run with --dist loadgroup): a build of our own
        build, site, server = build_and_serve(f"preview-{worker_id}")
    yield site, build.extra["env"]["SITE_URL"]
    server.shutdown()


@pytest.fixture(scope="session")
def variant_site(tmp_path_factory, worker_id, mkdocs_build) -> SharedBuild:
    """One build of a copy of the data with every change the variant tests need (tests/helpers.py,
    `variant_data`: hostile values, a municipality in two regions, a spelling variant, a hostile source).
    `.site`, `.data`, `.result` (the tests assert it built), `.extra` (payloads, marker file)."""
    from helpers import variant_data

    return shared_build(tmp_path_factory, worker_id, "variant", prepare=variant_data)


def _run_benchmark(script: str, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *args], cwd=ROOT, timeout=timeout,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "CHROME_PATH": CHROMIUM},
                          capture_output=True, text=True)


@pytest.fixture(scope="session")
def bench():
    """`bench(script, *args)`: run benchmarks/<script> (which builds sites) and return the finished process."""
    return _run_benchmark


@pytest.fixture(scope="session")
def bench_in_chromium():
    """As `bench`, for a benchmark that also drives Chromium or Lighthouse (marks the test `browser` too)."""
    return _run_benchmark


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/bootstrap.sh test")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM)
        yield b
        b.close()


@pytest.fixture(scope="session")
def engine_sweep(built_site, site_url) -> dict:
    """For the whole-site engine sweeps (axe, pa11y, Lighthouse, Nu): requesting it marks a test `engines`.
    Gives the sitemap's paths and the environment the Node tools need to find Chromium."""
    import re

    xml = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    paths = [urlparse(loc).path.lstrip("/") for loc in re.findall(r"<loc>([^<]+)</loc>", xml)]
    return {"paths": paths, "env": {**os.environ, "CHROMIUM": CHROMIUM, "CHROME_PATH": CHROMIUM}}


_IN_FLIGHT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
# The end state of every finite animation and transition: what a reader sees once the page has settled.
FINISH_ANIMATIONS = """() => document.getAnimations().forEach(a => {
  if (a.effect && a.effect.getComputedTiming().endTime !== Infinity) a.finish();
})"""


def settle(page, quiet: float = 0.15, limit: float = 15.0) -> None:
    """Wait until the page has loaded and no request has been in flight for `quiet` seconds, then finish the
    theme's transitions (its fade-ins: axe would measure contrast mid-fade). That is what Playwright's
    "networkidle" says (500 ms without a request) in a third of the time, which the whole-site sweeps repeat
    on every page. A page seen for the first time waits for "networkidle" once, while its counter starts."""
    if page not in _IN_FLIGHT:
        counter = _IN_FLIGHT[page] = [0]

        def done(_request) -> None:
            counter[0] = max(0, counter[0] - 1)

        page.on("request", lambda _request: counter.__setitem__(0, counter[0] + 1))
        page.on("requestfinished", done)
        page.on("requestfailed", done)
        page.wait_for_load_state("networkidle")
        counter[0] = 0  # requests of the navigation itself were sent before the counter existed
    page.wait_for_load_state("load")
    counter = _IN_FLIGHT[page]
    start = quiet_since = time.monotonic()
    while (now := time.monotonic()) - quiet_since < quiet:
        if counter[0]:
            quiet_since = now
        if now - start > limit:
            raise AssertionError(f"{page.url}: a request still in flight after {limit} s")
        page.wait_for_timeout(25)
    page.evaluate(FINISH_ANIMATIONS)


class PageWatch:
    """A browser page that records console errors and requests to other hosts."""

    def __init__(self, page, site_url: str):
        self.page = page
        self.base = site_url
        self.console_errors: list[str] = []
        self.foreign: list[str] = []
        own = urlparse(site_url).netloc
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))

        def on_request(req):
            u = urlparse(req.url)
            if u.scheme in ("http", "https", "ws", "wss") and u.netloc != own:
                self.foreign.append(req.url)

        page.on("request", on_request)
        page.add_init_script("window.__pbCsp = []; document.addEventListener('securitypolicyviolation',"
                             " e => window.__pbCsp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')))")

    @property
    def csp_violations(self) -> list[str]:
        """Content-security-policy violations reported on the current page."""
        return self.page.evaluate("window.__pbCsp || []")

    def goto(self, path: str):
        return self.page.goto(self.base + path.lstrip("/"))


@pytest.fixture()
def watched(browser, site_url):
    # The tests inject tools (axe-core) and use Playwright's string predicates, which the site's
    # content-security policy rightly refuses; tests/test_browser.py checks the policy itself in
    # contexts that enforce it.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    yield PageWatch(page, site_url)
    context.close()


@pytest.fixture()
def data_copy(tmp_path) -> Path:
    """A writable copy of the real data/ folder."""
    dest = tmp_path / "data"
    shutil.copytree(ROOT / "data", dest)
    return dest


def repo_copy(dest: Path, *, without: tuple[str, ...] = ()) -> Path:
    """A copy of the repository's tracked and new files (not node_modules/, .venv/, site/) to build from,
    so a test can add pages to content/ without touching the repository. `without`: paths to leave out."""
    tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-co", "--exclude-standard", "-z"],
                             capture_output=True, text=True, check=True).stdout.split("\0")
    for rel in filter(None, tracked):
        if any(rel == w or rel.startswith(w.rstrip("/") + "/") for w in without):
            continue
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


def open_header_search(page):
    """Open the header search (overrides/partials/search.html, assets/header_search.js) and return its box.

    Type into it with real key presses (press_sequentially) or fill(): each input event searches."""
    from playwright.sync_api import expect

    page.locator("label.md-search__icon, .md-search__input").first.click()
    expect(page.locator(".md-search-result__meta")).to_contain_text("Typ om te beginnen", timeout=15_000)
    return page.locator("input[data-pb-kopzoeken-q]")
