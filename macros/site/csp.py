"""A content-security policy in every page, as a <meta> (GitHub Pages cannot send headers), and a
check at build time that no page holds a script the policy would have to trust blindly.

Scripts run only from this site's own files and from the inline scripts that the theme is known to
emit (``ALLOWED_INLINE``: their exact text, kept here; one of them embeds the page's relative base URL,
so it is a pattern whose only variable part is that URL). Only those get a hash in ``script-src``.
Any other inline ``<script>`` (whatever its case, type or namespace, e.g. inside ``<svg>``), a script
from another origin, an event-handler attribute (``on…=``) or a ``javascript:`` URL in a finished page
stops the build with a Dutch message naming the page (``UnsafePage``, raised through MkDocs; the hooks
run it on every page and on the theme's template pages such as 404.html): a policy
computed from the output would trust whatever reaches the output, so the output is checked against a
list instead. A theme update that changes one of its scripts stops the build the same way; compare the
new text with the theme's templates and update ``ALLOWED_INLINE``.

The check is deliberately coarse, and reads each page twice (HTML parser and a lexical scan: they
differ from browsers in different places, e.g. ``<!-->``): every ``<script`` in the text (also in a
comment) must be the start of an allowed element; URL attributes are read as the browser decodes them
(entities, tabs and new lines inside ``javascript:``); every tag is searched for ``on…=`` outside its
quoted values. Text from data/ is escaped wherever it lands, so it never looks like markup here; a
literal '<' in an attribute value is refused (it can end a <noscript> or comment early). A false alarm
stops the build; it never lets something through. Both attribute passes are skipped on a page whose every
tag has a plain shape with no attribute either pass could flag (``PLAIN_TAG``, one regular expression): the
pre-scan can send a page to the full check, never past it.

/beheer/ has its own, looser policy (``macros/cms/site.py``: Decap CMS needs ``'unsafe-eval'``); that
page is a file the build adds, not a page, so neither this policy nor this check applies to it.

What a <meta> policy cannot do (the host must send these as HTTP headers; GitHub Pages cannot, a
proxy or CDN in front of it can):

- ``frame-ancestors`` is ignored in a <meta>: any site can frame these pages (clickjacking). Header:
  ``Content-Security-Policy: frame-ancestors 'none'`` (and ``X-Frame-Options: DENY`` for old browsers);
- ``report-uri`` / ``report-to`` are ignored: violations are not reported anywhere. Header:
  ``Content-Security-Policy-Report-Only`` or ``report-to`` with a ``Reporting-Endpoints`` header;
- ``sandbox`` is ignored;
- the policy applies only from the point where the <meta> is parsed (it is the first thing in <head>)
  and does not cover responses that are not HTML pages (a JSON or SVG file opened directly).
Other headers the host should add: ``X-Content-Type-Options: nosniff``, ``Referrer-Policy:
strict-origin-when-cross-origin``, ``Cross-Origin-Opener-Policy: same-origin``,
``Strict-Transport-Security`` and the full policy below as a ``Content-Security-Policy`` header.

Not added while ``mkdocs serve`` runs: its live-reload script is inline and changes on every request.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
from html.parser import HTMLParser

serving = False  # set by the hook's on_startup

FIXED = (
    "default-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",  # the theme's icons are data: SVGs in its CSS
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)

# The page's relative base URL as Material writes it: ".", "/", "..", "../..", …
# the relative base of a page ('.', '..', '../..'), or the site's absolute path where the page can be served at
# any depth (404.html with SITE_URL set: '/boek/'): path characters only, no quote or backslash
_BASE = r'(?:\.|/|\.\.(?:/\.\.)*|/(?:[A-Za-z0-9._~%-]+/)+)'
# The inline scripts the theme (Material for MkDocs, templates/base.html and its tabbed extension support)
# emits, by their exact text. A hash is computed per page for each one found, nothing else.
ALLOWED_INLINE = (
    re.compile(re.escape('__md_scope=new URL("') + _BASE + re.escape(
        '",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,'
        't=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>'
        '{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}')),
    re.compile(re.escape('var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
                         '(target.checked=target.name.startsWith("__tabbed_"))')),
)
# The theme's configuration block: data, never run (type application/json), with the theme's keys.
CONFIG_KEYS = frozenset({"annotate", "base", "features", "search", "tags", "translations", "version"})
# Any <script in the text: the tag name ends at white space, '/', '>' or the end of the text.
SCRIPT_START = re.compile(r"<script(?=[\s/>]|\Z)", re.I)
INLINE = re.compile(r"<script>(?P<body>.*?)</script>", re.S)
CONFIG = re.compile(r'<script id="__config" type="application/json">(?P<body>.*?)</script>', re.S)
# A script file of this site: a path without scheme or host ('//'), as the theme and our templates write it.
# (MkDocs writes an extra_javascript module as src first, then type="module".)
EXTERNAL = re.compile(r'<script(?: type="module")? src="(?!//)/?(?:\.\./)*[A-Za-z0-9_][A-Za-z0-9_./-]*\.js"'
                      r'(?: type="module")?(?: defer| async)?></script>')
# Every tag's text, read lexically besides the parser (which differs from browsers on e.g. '<!-->'):
# quoted attribute values are skipped, so escaped text from data/ in a title or data-… is not taken for
# a handler.
TAG = re.compile(r"""<[A-Za-z](?:=\s*"[^"]*"|=\s*'[^']*'|[^>])*>""")
QUOTED_VALUE = re.compile(r"""=\s*(?:"[^"]*"|'[^']*')""")
# Attributes whose value the browser reads as a URL (or, for SVG animation, may set as one).
URL_ATTRIBUTES = frozenset({"href", "xlink:href", "src", "action", "formaction", "data", "background", "lowsrc",
                            "dynsrc", "poster", "ping", "codebase", "cite", "longdesc", "usemap", "manifest", "icon",
                            "srcset", "to", "from", "by", "values"})
HANDLER_IN_TAG = re.compile(r"""[\s/"']on[a-z0-9_-]+\s*=""", re.I)
_URL_NOISE = re.compile(r"[\t\n\r]")  # removed from URLs by the browser before reading the scheme


# A pre-scan that proves cheaply (one regular expression, in C) that the parser pass and the lexical tag pass
# below would find nothing, so that they run only on a page where they might (they were two thirds of a build's
# check, a third of the whole build at 500 products). It accepts a page only if every '<' followed by a letter starts
# a tag of a strict, plain shape that Python's HTMLParser reads the same way (the same tag extent, the same
# attributes): a tag name, attributes separated by white space, each without a value or with one quoted or bare
# value containing no '<', '>' or (for a bare value) quote or '='; and none of those attributes is one the
# parser pass flags: no name starting with "on", no srcdoc or attributeName, and the value of every attribute
# that can be a URL holds no '&' (no entity can spell a scheme), no tab or new line, and no "javascript:"; an
# http-equiv= holds no '&' and no "refresh" (so no content= is a refresh URL). Anything else (a handler, an entity in a URL, a stray quote, a '<' inside
# a tag, an unterminated tag) fails the pre-scan and the page gets the full parse: the pre-scan can only send
# a page to the parser, never let one past it (tests/test_csp.py checks this on generated hostile markup).
# The lexical pass (TAG) finds nothing in such a page either: each of its matches is then one of these tags,
# with no '<' in a value and no name after white space, '/' or a quote that starts with "on".
# The <script> scan above always runs: a script element is not an attribute.
_URL_NAMES = "|".join(re.escape(n) for n in sorted(URL_ATTRIBUTES, key=len, reverse=True))
_NAME_END = r"(?![-a-z0-9_:.])"
_NOT_JS = r"(?!javascript:)"
PLAIN_TAG = re.compile(
    r"<[a-z][a-z0-9-]*(?:\s+(?:"
    + rf"(?:{_URL_NAMES}){_NAME_END}"  # an attribute that can hold a URL: its value checked
    + rf"""(?:="(?:{_NOT_JS}[^"<>&\t\n\r])*"|='(?:{_NOT_JS}[^'<>&\t\n\r])*'|=(?:{_NOT_JS}[^\s"'=<>`&])+)?"""
    # http-equiv, unless it can say refresh (then content= is a URL): no '&', no "refresh"
    + r"""|http-equiv(?:="(?:(?!refresh)[^"<>&])*"|='(?:(?!refresh)[^'<>&])*'|=(?:(?!refresh)[^\s"'=<>`&])+)?"""
    + rf"|(?!on|srcdoc{_NAME_END}|attributename{_NAME_END}|http-equiv{_NAME_END}|(?:{_URL_NAMES}){_NAME_END})"  # any other
    + r"""[a-z_:][-a-z0-9_:.]*(?:="[^"<>]*"|='[^'<>]*'|=[^\s"'=<>`]+)?"""
    + r"))*\s*/?>", re.I)
# Every '<' followed by a letter, up to the next '>' (included) or the next '<' or the end of the text (then
# not a tag PLAIN_TAG accepts). A PLAIN_TAG match holds no '<' after its first character and no '>' before its
# last, so it is exactly such a candidate: the page passes if every candidate is a PLAIN_TAG. Most of a page's
# tags are the theme's and the site's constant ones (header, menu, footer: 11,000 distinct tags in the 1,100
# pages of a 500-product site), so each distinct tag is matched once (at 500 products: 0.2–0.4 s instead of 1 s).
TAG_CANDIDATE = re.compile(r"<[a-z][^<>]*>?", re.I)


@functools.lru_cache(maxsize=1 << 16)
def _plain_tag(tag: str) -> bool:
    return tag[-1] == ">" and PLAIN_TAG.fullmatch(tag) is not None


def _parser_pass_needed(page_html: str) -> bool:
    """False only if every tag of the page has the plain shape of PLAIN_TAG (the attribute passes would find
    nothing)."""
    return not all(map(_plain_tag, set(TAG_CANDIDATE.findall(page_html))))


class UnsafePage(ValueError):
    """A finished page with a script, handler or javascript: URL that is not on the allow-list (the hooks turn
    it into MkDocs' PluginError: this module stays outside the engine seam)."""


@functools.lru_cache(maxsize=64)  # a handful of distinct scripts (the theme's, with each page depth's base)
def _hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return (text[:60] + " … " + text[-40:]) if len(text) > 110 else text


class _Attributes(HTMLParser):
    """Collects what the browser would run from attributes: on… handlers and javascript: URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = [(name, value or "") for name, value in attrs]
        refresh = tag == "meta" and any(n == "http-equiv" and v.strip().lower() == "refresh" for n, v in attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"een gebeurtenisattribuut {name}= op <{tag}>")
            elif name == "srcdoc":  # a whole document in an attribute, out of sight of this check
                self.found.append(f"een srcdoc= op <{tag}>")
            elif name == "attributename" and re.match(r"\s*(on|href|xlink:href)", value, re.I):
                self.found.append(f"een SVG-animatie van {value}= op <{tag}>")
            elif name in URL_ATTRIBUTES or (refresh and name == "content"):
                # Only where the value is a URL: elsewhere (title, data-…) escaped text from data/ is inert.
                if "javascript:" in _URL_NOISE.sub("", value).lower():
                    self.found.append(f"een javascript:-adres in {name}= op <{tag}>")
                elif SCRIPT_START.search(value):  # a data: URL: a document of its own
                    self.found.append(f"een script in de waarde van {name}= op <{tag}>")

    handle_startendtag = handle_starttag


def unsafe_parts(page_html: str) -> tuple[list[str], list[str]]:
    """(problems, hashes): what in the page is not allowed, and the hashes of its allowed inline scripts."""
    problems: list[str] = []
    hashes: list[str] = []
    pos = 0
    while m := SCRIPT_START.search(page_html, pos):
        start = m.start()
        if (inline := INLINE.match(page_html, start)) and any(p.fullmatch(inline["body"]) for p in ALLOWED_INLINE):
            hashes.append(_hash(inline["body"]))
            pos = inline.end()
        elif (config := CONFIG.match(page_html, start)) and _is_theme_config(config["body"]):
            pos = config.end()
        elif external := EXTERNAL.match(page_html, start):
            pos = external.end()
        else:
            end = page_html.find("</script", start)
            problems.append("een script dat niet op de lijst van toegestane scripts staat: "
                            + _snippet(page_html[start:end + 9 if end >= 0 else start + 120]))
            pos = start + 7
    if _parser_pass_needed(page_html):  # else neither pass below could find anything (see PLAIN_TAG)
        problems += _parser_problems(page_html) + _lexical_tag_problems(page_html)
    return problems, sorted(set(hashes))


def _parser_problems(page_html: str) -> list[str]:
    parser = _Attributes()
    parser.feed(page_html)
    parser.close()
    return parser.found


def _lexical_tag_problems(page_html: str) -> list[str]:
    problems = []
    for tag in TAG.findall(page_html):
        if HANDLER_IN_TAG.search(QUOTED_VALUE.sub('=""', tag)):
            problems.append(f"een gebeurtenisattribuut in {_snippet(tag)}")
        # Text from data/ is escaped in attributes, so a literal '<' there is hand-written markup; inside
        # <noscript>, <style> or a comment the browser ends the element at it ('</noscript><img …>').
        if any("<" in v for v in QUOTED_VALUE.findall(tag)):
            problems.append(f"een '<' in een attribuutwaarde in {_snippet(tag)}")
    return problems


@functools.lru_cache(maxsize=64)  # one configuration block per page depth
def _is_theme_config(body: str) -> bool:
    try:
        data = json.loads(body)
    except ValueError:
        return False
    return isinstance(data, dict) and set(data) <= CONFIG_KEYS and "base" in data


def policy(hashes: list[str]) -> str:
    return "; ".join(["script-src 'self' " + " ".join(hashes), *FIXED]).replace("  ", " ")


def add_policy(page_html: str, page_name: str = "") -> str:
    """The page with its policy; UnsafePage if it holds a script or handler not on the allow-list."""
    if "<head>" not in page_html:
        return page_html
    problems, hashes = unsafe_parts(page_html)
    if problems:
        listed = "\n".join(f"  - {p}" for p in dict.fromkeys(problems))
        raise UnsafePage(
            f"De pagina {page_name or '(onbekend)'} bevat code die de browser zou uitvoeren en die niet van het "
            f"thema of de eigen sjablonen komt:\n{listed}\nOplossing: haal dit script of attribuut weg. Een "
            "pagina mag geen eigen JavaScript bevatten; zet gedrag in een bestand onder overrides/assets/ en "
            "voeg het toe met extra_javascript. Komt het van een nieuwe versie van het thema, neem de nieuwe "
            "tekst dan op in ALLOWED_INLINE in macros/site/csp.py.")
    if serving:
        return page_html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    return page_html.replace("<head>", "<head>\n    " + meta, 1)
