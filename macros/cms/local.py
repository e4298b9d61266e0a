"""The form at /beheer/ on this machine: the built site and decap-server (Decap CMS's local git
backend) on one address, so the page's CSP needs no other origin (``connect-src 'self'``).

    .venv/bin/python -m macros.cms.local [PORT]     (scripts/beheer.sh runs this)

builds the site into a temporary folder, starts decap-server for this repository and serves both
on http://127.0.0.1:PORT/ (default 8001): GET the site, POST /api/v1 forwarded to decap-server. Every
save is a branch ``cms/…`` in this repository (editorial workflow), the local form of a pull request.
``productenboek-beheer-screenshots`` uses the same server on a temporary copy of the data.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import http.server
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"


class SiteAndApi(http.server.SimpleHTTPRequestHandler):
    """The built site, plus POST /api/v1 forwarded to decap-server."""

    api_port = 0

    def log_message(self, *args):  # quiet: the editor's terminal shows only what matters
        pass

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
        with contextlib.suppress(BrokenPipeError):  # the page moved on (Decap polls)
            self.wfile.write(data)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_site(dest: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "--site-dir", str(dest)],
                   cwd=ROOT, env=env, check=True)


@contextlib.contextmanager
def serving(site: Path, repo: Path, port: int = 0) -> Iterator[str]:
    """decap-server for `repo` and the site in `site` on one address (yielded, ending in '/')."""
    api_port = free_port()
    env = {**os.environ, "MODE": "git", "PORT": str(api_port), "BIND_HOST": "127.0.0.1",
           "GIT_REPO_DIRECTORY": str(repo), "LOG_LEVEL": "error"}
    server = subprocess.Popen(["node", str(DECAP_SERVER)], cwd=repo, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    handler = functools.partial(type("Handler", (SiteAndApi,), {"api_port": api_port}), directory=str(site))
    http_server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=http_server.serve_forever, daemon=True).start()
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", api_port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{http_server.server_address[1]}/"
    finally:
        http_server.shutdown()
        server.terminate()
        server.wait(timeout=10)


def main(argv: list[str]) -> int:
    port = int(argv[0]) if argv else 8001
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped by its parent: still stop decap-server
    with tempfile.TemporaryDirectory() as tmp:
        print("==> site bouwen (eenmalig; start opnieuw na een wijziging in het model)")
        build_site(Path(tmp) / "site")
        with serving(Path(tmp) / "site", ROOT, port) as url:
            print(f"==> open {url}beheer/ ; opslaan maakt een tak cms/... in deze repository. Stoppen: Ctrl+C")
            with contextlib.suppress(KeyboardInterrupt):
                while True:
                    time.sleep(3600)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
