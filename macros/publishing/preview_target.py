"""Where a pull request's preview may be deployed, decided from the repository's configuration.

A preview runs the JavaScript of an unreviewed branch. Decap CMS keeps a signed-in editor's GitHub token in the
localStorage of the origin that serves /beheer/, so a preview must never run on that origin. Note that
https://owner.github.io/repo/ and https://owner.github.io/other-repo/ are ONE origin: another Pages repository of the
same owner does not help; only another host does (a custom domain, or the Pages of another account).

The decision, from the workflow's environment (repository variables, never from the pull request's data):

- no PREVIEW_URL / PREVIEW_REPOSITORY / PREVIEW_TOKEN configured: no deployed preview, and the reason says how to
  set it up;
- PREVIEW_REPOSITORY is this repository: refused (its gh-pages IS the production site);
- the preview URL is not a plain https URL (userinfo, backslashes, percent-encoded or invalid host, …): refused;
- the preview host equals (or lies under) the host of the production site, that is PAGES_URL if set, the address
  GitHub reports for this repository's Pages (PRODUCTION_PAGES_URL, if readable) and <owner>.github.io always (the
  default address of this repository's Pages): refused. Hosts are compared, not whole
  origins, after IDNA/punycode, case and trailing-dot normalisation: a different port or scheme on the same host
  is refused too (cookies ignore ports, and the host is the site's);
- the preview repository's real Pages address (as GitHub reports it, PREVIEW_PAGES_URL) must have the same host as
  PREVIEW_URL: a variable cannot claim another host than the one the files are actually served from.

When in doubt the answer is "no preview". Run as a script by .github/workflows/preview.yml (stdlib only, so it
runs on the runner's python3 from a sparse checkout of the base branch); tested in tests/test_workflows.py.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

SETUP = ("Stel in de repository de variabelen `PREVIEW_REPOSITORY` (eigenaar/naam van een aparte Pages-repository) "
         "en `PREVIEW_URL` (het adres van die Pages-site, op een andere host dan de gepubliceerde site) in, en het "
         "geheim `PREVIEW_TOKEN` (een token voor alleen die repository: Contents lezen en schrijven, Pages lezen); "
         "zie de README, onder Publishing.")
WHY = ("Een preview draait de code van de branch; op de host van de gepubliceerde site, waar /beheer/ het "
       "GitHub-token van redacteuren bewaart, mag die nooit draaien.")

_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_REPOSITORY = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")
_PATH = re.compile(r"[A-Za-z0-9._~/-]*")   # the link lands in Markdown and HTML: nothing to escape
_MAX_SHOWN = 120


class InvalidUrl(ValueError):
    """A URL that is not a plain https address; the message is Dutch."""


@dataclass(frozen=True)
class Origin:
    scheme: str
    host: str   # ASCII (punycode), lower case, without a trailing dot
    port: int

    def __str__(self) -> str:
        default = {"https": 443, "http": 80}.get(self.scheme)
        return f"{self.scheme}://{self.host}" + ("" if self.port == default else f":{self.port}")


@dataclass(frozen=True)
class Decision:
    deploy: bool
    url: str = ""          # the preview of this pull request: <PREVIEW_URL>/pr-<n>/
    repository: str = ""   # where it is pushed (branch gh-pages)
    reason: str = ""       # one line of GitHub Markdown, Dutch; also set when deploying (what and why it is safe)


def shown(value: str) -> str:
    """A configured value as an inert Markdown code span: one line, bounded, no backticks."""
    text = "".join(c if unicodedata.category(c)[0] not in "CZ" or c == " " else "\N{REPLACEMENT CHARACTER}"
                   for c in value)
    text = text.replace("`", "'")
    if len(text) > _MAX_SHOWN:
        text = text[:_MAX_SHOWN] + "…"
    return f"`{text}`" if text.strip() else "`(leeg)`"


def normalise_host(host: str) -> str:
    """The ASCII form of a DNS host name as a browser would resolve it, or InvalidUrl."""
    if not host or "%" in host:
        raise InvalidUrl("de host ontbreekt of is ongeldig")
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()   # IDNA (nameprep: case, width, U+3002 dots)
    except UnicodeError:
        raise InvalidUrl("de host is geen geldige domeinnaam") from None
    ascii_host = ascii_host.removesuffix(".")
    labels = ascii_host.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels) or labels[-1].isdigit():
        raise InvalidUrl("de host is geen geldige domeinnaam (een IP-adres of naam zonder domein wordt niet gebruikt)")
    return ascii_host


def origin(url: str) -> Origin:
    """The origin of a plain https URL; anything unusual (userinfo, backslash, whitespace, query) is refused."""
    if not url or any(unicodedata.category(c)[0] in "CZ" for c in url) or "\\" in url:
        raise InvalidUrl("het adres is leeg of bevat spaties, stuurtekens of een backslash")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise InvalidUrl("het adres is geen geldige URL") from None
    if parts.scheme.lower() != "https":
        raise InvalidUrl("het adres moet met https:// beginnen")
    if "@" in parts.netloc:
        raise InvalidUrl("het adres bevat een gebruikersnaam of wachtwoord (@); gebruik alleen https://host/pad/")
    if parts.query or parts.fragment or "?" in url or "#" in url:
        raise InvalidUrl("het adres bevat een ? of #; gebruik alleen https://host/pad/")
    if not _PATH.fullmatch(parts.path):
        raise InvalidUrl("het pad mag alleen letters, cijfers en . _ ~ - / bevatten")
    host = normalise_host(parts.hostname or "")
    return Origin("https", host, 443 if port is None else port)


def valid(url: str) -> bool:
    try:
        origin(url)
    except InvalidUrl:
        return False
    return True


def same_site(host: str, protected: str) -> bool:
    """The preview host is the protected host or lies under it (a subdomain shares its cookies and site)."""
    return host == protected or host.endswith("." + protected)


def production_origins(repository: str, pages_url: str, production_pages_url: str = "") -> list[Origin]:
    """The origins that serve (or may serve) this repository's site with /beheer/: PAGES_URL, the address GitHub
    reports for this repository's Pages, and <owner>.github.io."""
    owner = repository.split("/", 1)[0]
    origins = [Origin("https", normalise_host(f"{owner}.github.io"), 443)]
    for url in (production_pages_url, pages_url):
        if url and (site := origin(url)) not in origins:
            origins.insert(0, site)
    return origins


def decide(*, repository: str, pr: str, pages_url: str = "", preview_url: str = "", preview_repository: str = "",
           has_token: bool = False, preview_pages_url: str = "", production_pages_url: str = "",
           fork: bool = False) -> Decision:
    """May pull request `pr` of `repository` be deployed as a preview, where, and why (not)."""
    if fork:
        return Decision(False, reason="Geen preview gepubliceerd: deze pull request komt uit een fork, en om "
                                      "veiligheidsredenen wordt een preview alleen gepubliceerd voor branches in deze "
                                      "repository.")
    if not _REPOSITORY.fullmatch(repository) or not pr.isascii() or not pr.isdigit():
        return Decision(False, reason=f"Geen preview gepubliceerd: onverwachte repository of pull-requestnummer "
                                      f"({shown(repository)}, {shown(pr)}).")
    if not (preview_url or preview_repository):
        return Decision(False, reason=f"Geen preview gepubliceerd: er is geen preview-adres ingesteld. {WHY} "
                                      f"{SETUP}")
    if not (preview_url and preview_repository and has_token):
        missing = [name for name, value in (("PREVIEW_URL", preview_url), ("PREVIEW_REPOSITORY", preview_repository),
                                            ("PREVIEW_TOKEN", has_token)) if not value]
        return Decision(False, reason=f"Geen preview gepubliceerd: de instelling is onvolledig, "
                                      f"{' en '.join(f'`{m}`' for m in missing)} {'ontbreekt' if len(missing) == 1 else 'ontbreken'}. "
                                      f"{SETUP}")
    if not _REPOSITORY.fullmatch(preview_repository):
        return Decision(False, reason=f"Geen preview gepubliceerd: `PREVIEW_REPOSITORY` {shown(preview_repository)} "
                                      f"is geen eigenaar/naam van een GitHub-repository.")
    if preview_repository.lower() == repository.lower():
        return Decision(False, reason=f"Geen preview gepubliceerd: `PREVIEW_REPOSITORY` is deze repository zelf; "
                                      f"haar gh-pages is de gepubliceerde site. {WHY} {SETUP}")
    try:
        protected = production_origins(repository, pages_url, production_pages_url)
    except InvalidUrl as error:
        culprit = (f"`PAGES_URL` {shown(pages_url)}" if pages_url and not valid(pages_url)
                   else f"het Pages-adres van deze repository {shown(production_pages_url)}")
        return Decision(False, reason=f"Geen preview gepubliceerd: {culprit} is ongeldig: "
                                      f"{error}. Zonder het adres van de gepubliceerde site is niet na te gaan of "
                                      f"een preview ervan gescheiden is.")
    try:
        preview = origin(preview_url)
    except InvalidUrl as error:
        return Decision(False, reason=f"Geen preview gepubliceerd: `PREVIEW_URL` {shown(preview_url)} is ongeldig: "
                                      f"{error}.")
    for site in protected:
        if same_site(preview.host, site.host):
            return Decision(False, reason=(
                f"Geen preview gepubliceerd: het preview-adres {shown(preview_url)} heeft "
                f"{'dezelfde host' if preview.host == site.host else 'een host onder de host'} "
                f"(`{site.host}`) van de gepubliceerde site ({shown(str(site))}). Andere paden of poorten op één host "
                f"scheiden niets. {WHY} Kies voor `PREVIEW_URL` een andere host: een eigen domein (niet onder deze "
                f"host) of de Pages van een ander GitHub-account."))
    if not preview_pages_url:
        return Decision(False, reason=f"Geen preview gepubliceerd: GitHub gaf het Pages-adres van "
                                      f"{shown(preview_repository)} niet. Zet daar Pages aan (branch `gh-pages`) en "
                                      f"geef `PREVIEW_TOKEN` leesrecht op Pages.")
    try:
        served = origin(preview_pages_url)
    except InvalidUrl as error:
        served = None
        problem = str(error)
    if served is None or served.host != preview.host:
        return Decision(False, reason=(
            f"Geen preview gepubliceerd: {shown(preview_repository)} wordt volgens GitHub gepubliceerd op "
            f"{shown(preview_pages_url)}, niet op de host van `PREVIEW_URL` {shown(preview_url)}"
            f"{'' if served else f' ({problem})'}. Maak ze gelijk (een eigen domein in de Pages-instelling van die "
            f"repository)."))
    base = preview_url if preview_url.endswith("/") else preview_url + "/"
    return Decision(True, url=f"{base}pr-{pr}/", repository=preview_repository, reason=(
        f"Preview op {shown(base + f'pr-{pr}/')}: host `{preview.host}`, gescheiden van de gepubliceerde site "
        f"({', '.join(f'`{site.host}`' for site in protected)})."))


def _write(path: str | None, text: str) -> None:
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(text)


def main(environ: dict[str, str] | None = None) -> int:
    """Read the workflow's environment, write step outputs and the job summary. Always exits 0: "no preview"
    is an answer, not a failure of the pull request."""
    env = os.environ if environ is None else environ
    decision = decide(
        repository=env.get("GITHUB_REPOSITORY", ""), pr=env.get("PR", ""),
        pages_url=env.get("PAGES_URL", "").strip(), preview_url=env.get("PREVIEW_URL", "").strip(),
        preview_repository=env.get("PREVIEW_REPOSITORY", "").strip(), has_token=env.get("HAS_TOKEN") == "true",
        preview_pages_url=env.get("PREVIEW_PAGES_URL", "").strip(),
        production_pages_url=env.get("PRODUCTION_PAGES_URL", "").strip(), fork=env.get("FORK") != "false")
    outputs = {"deploy": str(decision.deploy).lower(), "url": decision.url, "repository": decision.repository,
               "reason": decision.reason}
    for name, value in outputs.items():
        if "\n" in value or "\r" in value:   # cannot happen (validated above); never write a second output line
            raise SystemExit(f"interne fout: {name} bevat een regeleinde")
    _write(env.get("GITHUB_OUTPUT"), "".join(f"{name}={value}\n" for name, value in outputs.items()))
    _write(env.get("GITHUB_STEP_SUMMARY"), f"### Preview-adres\n\n{decision.reason}\n")
    print(decision.reason)
    return 0


if __name__ == "__main__":
    sys.exit(main())
