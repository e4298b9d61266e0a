"""Shared fixtures: a strict build of the real site, a local server, headless Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
sys.path.insert(0, str(ROOT))


# The engine that builds the site (README, "Two engines"): mkdocs (default) or properdocs.
ENGINES = ("mkdocs", "properdocs")
ENGINE = os.environ.get("PRODUCTENBOEK_ENGINE") or "mkdocs"
if ENGINE not in ENGINES:
    raise pytest.UsageError(f"PRODUCTENBOEK_ENGINE={ENGINE!r}: kies uit {', '.join(ENGINES)}")


def mkdocs_build(dest: Path, data_dir: Path | None = None, extra_env: dict | None = None,
                 engine: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    if data_dir is not None:
        env["PRODUCTENBOEK_DATA"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", engine or ENGINE, "build", "--strict", "--site-dir", str(dest)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("site")
    result = mkdocs_build(dest)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return dest


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    handler = functools.partial(_Quiet, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/bootstrap.sh test")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM)
        yield b
        b.close()


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


def open_header_search(page):
    """Open Material's search box and wait until its worker is ready (typing earlier can be lost).

    Type into it with real key presses (press_sequentially): once ready, the box reacts to keys."""
    from playwright.sync_api import expect

    page.locator("label.md-search__icon, .md-search__input").first.click()
    expect(page.locator(".md-search-result__meta")).to_contain_text("Typ om te beginnen", timeout=15_000)
    return page.locator('input[data-md-component="search-query"]')
