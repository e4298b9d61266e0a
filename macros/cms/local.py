"""The form at /beheer/ on this machine: the built site and decap-server (Decap CMS's local git
backend) on one address, so the page's CSP needs no other origin (``connect-src 'self'``).

    .venv/bin/python -m macros.cms.local [PORT]     (scripts/beheer.sh runs this)

builds the site into a temporary folder, starts decap-server for this repository and serves both
on http://127.0.0.1:PORT/ (default 8001): GET the site, POST /api/v1 forwarded to decap-server. Every
save is a branch ``cms/…`` in this repository (editorial workflow), the local form of a pull request.
``productenboek-beheer-screenshots`` uses the same server on a temporary copy of the data.

The bridge answers only the page it serves (threat model: README, "Threat model"); what it answers,
and why, is in ``macros.cms.bridge``. decap-server listens on a Unix socket in a private temporary folder,
never on a TCP port: no page can reach it except through the bridge.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from macros.cms.bridge import QuietServer, SiteAndApi, UnixHTTPConnection
from macros.cms.bridge_rules import Rules

ROOT = Path(__file__).resolve().parent.parent.parent
DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"

# decap-server's app.listen(port, host) goes to a Unix socket instead (DECAP_SOCKET): then no web page
# can send it anything except through this bridge. Run with `node -e`.
NODE_ON_SOCKET = """
const http = require('http');
const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function (...args) {
  return listen.call(this, process.env.DECAP_SOCKET, args.find(a => typeof a === 'function'));
};
require(process.env.DECAP_SERVER_JS);
"""


class BridgeError(Exception):
    """The bridge cannot start; the message (Dutch) says why."""


def _answers(sock: str) -> bool:
    conn = UnixHTTPConnection(sock, timeout=5)
    try:
        conn.request("POST", "/api/v1", b'{"action":"info"}', {"Content-Type": "application/json"})
        resp = conn.getresponse()
        resp.read()
        return resp.status == 200
    except (OSError, http.client.HTTPException):
        return False
    finally:
        conn.close()


def build_site(dest: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "--site-dir", str(dest)],
                   cwd=ROOT, env=env, check=True)


@contextlib.contextmanager
def serving(site: Path, repo: Path, port: int = 0) -> Iterator[str]:
    """decap-server for `repo` and the site in `site` on one address (yielded, ending in '/')."""
    rules = Rules.from_site(site, repo)
    if not DECAP_SERVER.is_file() or not shutil.which("node"):
        raise BridgeError("decap-server of Node.js ontbreekt: draai scripts/bootstrap.sh")
    private = Path(tempfile.mkdtemp(prefix="pb-beheer-"))  # mode 0700: only this user reaches the socket
    sock = str(private / "decap.sock")
    env = {**os.environ, "MODE": "git", "DECAP_SOCKET": sock, "DECAP_SERVER_JS": str(DECAP_SERVER),
           "GIT_REPO_DIRECTORY": str(repo), "LOG_LEVEL": "error"}
    env.pop("PORT", None)
    server = subprocess.Popen(["node", "-e", NODE_ON_SOCKET], cwd=repo, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        http_server = QuietServer(("127.0.0.1", port), SiteAndApi)
    except OSError as exc:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(private, ignore_errors=True)
        raise BridgeError(f"poort {port} is niet vrij ({exc.strerror}); kies een andere met BEHEER_PORT") from None
    bound = http_server.server_address[1]
    handler = type("Handler", (SiteAndApi,), {
        "socket_path": sock, "rules": rules, "token": secrets.token_urlsafe(32),
        "hosts": frozenset({f"127.0.0.1:{bound}", f"localhost:{bound}"})})
    http_server.RequestHandlerClass = functools.partial(handler, directory=str(site))
    threading.Thread(target=http_server.serve_forever, daemon=True).start()
    try:
        for _ in range(300):  # ready when its routes answer: they come after its check of the repository
            if _answers(sock) or server.poll() is not None:
                break
            time.sleep(0.1)
        else:
            raise BridgeError("decap-server start niet (30 s gewacht)")
        if server.poll() is not None:
            raise BridgeError(f"decap-server stopte meteen; is {repo} een git-repository met een tak {rules.branch}?")
        yield f"http://127.0.0.1:{bound}/"
    finally:
        http_server.shutdown()
        http_server.server_close()
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(private, ignore_errors=True)


def main(argv: list[str]) -> int:
    if argv and not (argv[0].isascii() and argv[0].isdigit() and 0 < int(argv[0]) < 65536):
        print(f"Het beheer start niet: {argv[0][:20]!r} is geen poortnummer (BEHEER_PORT).", file=sys.stderr)
        return 1
    port = int(argv[0]) if argv else 8001
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped by its parent: still stop decap-server
    with tempfile.TemporaryDirectory() as tmp:
        print("==> site bouwen (eenmalig; start opnieuw na een wijziging in het model)")
        try:
            build_site(Path(tmp) / "site")
        except subprocess.CalledProcessError:
            print("De site bouwt niet (de melding staat hierboven); het beheer start niet.", file=sys.stderr)
            return 1
        try:
            with serving(Path(tmp) / "site", ROOT, port) as url:
                print(f"==> open {url}beheer/ ; opslaan maakt een tak cms/... in deze repository. Stoppen: Ctrl+C")
                with contextlib.suppress(KeyboardInterrupt):
                    while True:
                        time.sleep(3600)
        except BridgeError as exc:
            print(f"Het beheer start niet: {exc}.", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
