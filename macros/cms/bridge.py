"""What the bridge of the form at /beheer/ answers (``macros.cms.local`` starts it): the built site, and
POST /api/v1 checked and forwarded to decap-server on its Unix socket.

The bridge answers only the page it serves (threat model: README, "Threat model"). Any web page the
editor has open can send requests to 127.0.0.1; decap-server itself checks neither origin nor path
beyond "inside the repository", and ``.git/`` is inside it. So:

- decap-server listens on a Unix socket in a private temporary folder, never on a TCP port: no page
  can reach it except through this bridge (``macros.cms.local``);
- every request whose ``Host`` is not the bound address (``127.0.0.1:PORT`` or ``localhost:PORT``) is
  refused with 403, GET included, so a DNS-rebinding page cannot read anything back;
- POST /api/v1 needs ``Content-Type: application/json`` (a cross-origin page can then only send it
  after a CORS preflight, which this server does not answer), an ``Origin`` equal to the served
  origin, and the per-run token (``secrets.token_urlsafe``) that the server writes into /beheer/ as
  ``<meta name="beheer-token">`` while serving it (the built site never contains it) and that
  ``overrides/assets/cms/init.js`` adds to the page's requests as the header ``X-Beheer-Token``;
- the JSON body is parsed and checked against an allow-list of the decap-server actions the form uses
  (``check_request``): every path is under ``data/`` (reading the media folder is allowed too), plain
  names only (no ``..``, no hidden ``.git``, no absolute path), and no symlink may lead out; the branch is
  the configured one, collections are the configured ones. Only the checked, re-serialised JSON is
  forwarded. Anything else gets 400/403/413 with a short Dutch message and nothing is forwarded.
"""

from __future__ import annotations

import contextlib
import hmac
import http.client
import http.server
import json
import socket
import sys
from pathlib import Path
from urllib.parse import urlsplit

from macros.cms.bridge_rules import Refused, Rules, check_request

TOKEN_HEADER = "X-Beheer-Token"
MAX_BODY = 4 * 1024 * 1024  # far above the largest data file; a save sends one file
BEHEER_PAGES = ("/beheer/", "/beheer/index.html")


class SiteAndApi(http.server.SimpleHTTPRequestHandler):
    """The built site, plus POST /api/v1 checked and forwarded to decap-server."""

    socket_path = ""
    hosts: frozenset[str] = frozenset()  # 'host:port' as bound
    token = ""
    rules: Rules | None = None
    timeout = 60  # a client that stops sending mid-request does not hold a thread for ever

    def log_message(self, *args):  # quiet: the editor's terminal shows only what matters
        pass

    def end_headers(self):
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "SAMEORIGIN")
        self.send_header("Content-Security-Policy", "frame-ancestors 'self'")  # cannot be said in a <meta>
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        super().end_headers()

    def _answer(self, status: int, data: bytes, content_type: str = "application/json; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the page moved on (Decap polls)
                self.wfile.write(data)

    def _refuse(self, err: Refused) -> None:
        self.close_connection = True
        self._answer(err.status, json.dumps({"error": err.message}, ensure_ascii=False).encode())

    def _check_host(self) -> str:
        host = self.headers.get("Host", "")
        if len(self.headers.get_all("Host") or []) != 1 or host.lower() not in self.hosts:
            raise Refused(403, "Geweigerd: deze server antwoordt alleen op het adres waarop hij draait.")
        return host.lower()

    def _host_refused(self) -> bool:
        """True (and the refusal sent) when the request is not for the bound address."""
        try:
            self._check_host()
        except Refused as err:
            self._refuse(err)
            return True
        return False

    def do_GET(self):
        if self._host_refused():
            return
        if urlsplit(self.path).path in BEHEER_PAGES:
            self._beheer_page()
        else:
            super().do_GET()

    def do_HEAD(self):
        if self._host_refused():
            return
        super().do_HEAD()

    def _beheer_page(self) -> None:
        """/beheer/ with this run's token in a <meta> (the page's script sends it with each API request)."""
        html = (Path(self.directory) / "beheer" / "index.html").read_text(encoding="utf-8")
        meta = f'<meta name="beheer-token" content="{self.token}">'  # token_urlsafe: nothing to escape
        html = html.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n' + meta, 1)
        self._answer(200, html.encode("utf-8"), "text/html; charset=utf-8")

    def do_POST(self):
        self._body_read = False
        try:
            body = self._checked_body()
        except Refused as err:
            self._drain()
            self._refuse(err)
            return
        try:
            data, status, content_type = self._forward(body)
        except (OSError, http.client.HTTPException):
            self._refuse(Refused(502, "decap-server antwoordt niet; start scripts/beheer.sh opnieuw."))
            return
        self._answer(status, data, content_type)

    def _checked_body(self) -> bytes:
        host = self._check_host()
        if urlsplit(self.path).path != "/api/v1" or urlsplit(self.path).query:
            raise Refused(404, "Niet gevonden.")
        same_site = self.headers.get("Sec-Fetch-Site", "same-origin") == "same-origin"  # absent: not a browser
        if self.headers.get("Origin") != f"http://{host}" or not same_site:
            raise Refused(403, "Geweigerd: alleen de pagina /beheer/ van deze server mag gegevens opslaan.")
        token = self.headers.get(TOKEN_HEADER, "")
        if not token or not hmac.compare_digest(token.encode(), self.token.encode()):
            raise Refused(403, "Geweigerd: de sleutel van deze sessie ontbreekt; herlaad /beheer/.")
        if self.headers.get("Content-Type", "").split(";")[0].strip().lower() != "application/json":
            raise Refused(415, "Geweigerd: alleen JSON.")
        if self.headers.get("Transfer-Encoding"):
            raise Refused(411, "Geweigerd: de lengte van het verzoek ontbreekt.")
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            raise Refused(411, "Geweigerd: de lengte van het verzoek ontbreekt.") from None
        if length <= 0:
            raise Refused(400, "Geweigerd: een leeg verzoek.")
        if length > MAX_BODY:
            raise Refused(413, f"Geweigerd: een verzoek mag hoogstens {MAX_BODY // (1024 * 1024)} MB zijn.")
        raw = self.rfile.read(length)
        self._body_read = True
        try:
            parsed = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
        except (ValueError, RecursionError):
            raise Refused(400, "Geweigerd: geen geldige JSON.") from None
        try:
            return json.dumps(check_request(self.rules, parsed)).encode()
        except Refused:
            raise
        except Exception:  # a shape check_request did not foresee: refused all the same, never forwarded
            raise Refused(400, "Geweigerd: geen verzoek van het formulier.") from None

    def _drain(self) -> None:
        """Read a refused request's body (within bounds), so the client gets the answer, not a reset."""
        with contextlib.suppress(ValueError, OSError):
            length = int(self.headers.get("Content-Length", "0"))
            if not self._body_read and 0 < length <= MAX_BODY:
                self.rfile.read(length)

    def _forward(self, body: bytes) -> tuple[bytes, int, str]:
        conn = UnixHTTPConnection(self.socket_path, timeout=60)
        try:
            conn.request("POST", "/api/v1", body, {"Content-Type": "application/json"})
            resp = conn.getresponse()
            return resp.read(), resp.status, resp.getheader("Content-Type", "application/json")
        finally:
            conn.close()


def _no_constant(name: str):
    raise ValueError(name)  # NaN, Infinity: not JSON


class UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float):
        super().__init__("localhost", timeout=timeout)
        self.socket_path = path

    def connect(self):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        sock.connect(self.socket_path)
        self.sock = sock


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # never a traceback in the editor's terminal
        print(f"beheer: verzoek afgebroken ({sys.exc_info()[0].__name__})", file=sys.stderr)

