"""The content-security policy is a backstop, not a mirror: only the theme's known inline scripts get a
hash; any other inline script, event-handler attribute or javascript: URL in a finished page stops the
strict build with a Dutch message naming the page (macros/site/csp.py).

A hand-written page is tried in a temporary copy of the project (never in content/ of the repository);
the real site still builds, every page's policy holds exactly the hashes of the allowed scripts, and only
/beheer/ allows 'unsafe-eval'.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import repo_copy
from macros.site import csp

THEME_SCOPE = ('__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
               '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,'
               't=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}')
THEME_TABS = ('var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
              '(target.checked=target.name.startsWith("__tabbed_"))')

# (markup in a hand-written page, a piece of the message that names what is wrong)
HOSTILE = [
    ("<script>alert(1)</script>", "<script>alert(1)</script>"),
    ("<SCRIPT>alert(2)</SCRIPT>", "<SCRIPT>alert(2)"),
    ('<script type="module">alert(3)</script>', '<script type="module">alert(3)'),
    ("<svg><script>alert(4)</script></svg>", "<script>alert(4)"),
    ("<img src=x onerror=alert(5)>", "onerror= op <img>"),
    ('<a href="javascript:alert(6)">klik</a>', "javascript:-adres in href= op <a>"),
    (f"<script>{THEME_TABS};</script>", "__tabbed_"),  # the theme's script plus one character
]
MORE_HOSTILE = [
    "<script\n>alert(1)</script>", "<script/x>alert(1)</script>", "<ScRiPt >alert(1)</sCrIpT >", "<script>alert(1)",
    '<script src="https://evil.example/x.js"></script>', '<script src="//evil.example/x.js"></script>',
    '<script src="data:text/javascript,alert(1)"></script>', '<script src="x.js" onload="alert(1)"></script>',
    '<script type="text/javascript">alert(1)</script>', '<script type="application/json">{}</script>',
    '<script id="__config" type="application/json">alert(1)</script>',
    '<script id="__config" type="application/json">{"base": ".", "x": 1}</script>',
    "<svg><script href=\"/x.js\"></script></svg>", "<svg onload=alert(1)>", "<svg/onload=alert(1)>",
    '<body onpageshow="alert(1)">', '<details open ontoggle=alert(1)>', '<img src="x"onerror="alert(1)">',
    '<a href="&#106;avascript:alert(1)">x</a>', '<a href="&#x6A;avascript&colon;alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>', '<a href=" JAVASCRIPT:alert(1)">x</a>',
    '<form action="javascript:alert(1)"><button>x</button></form>', '<button formaction="javascript:alert(1)">x</button>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<svg><animate attributeName="href" values="x;javascript:alert(1)"/></svg>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', '<iframe srcdoc="&lt;img src=x onerror=alert(1)&gt;">',
    '<svg><set attributeName="onmouseover" to="alert(1)"/></svg>', '<svg><animate attributeName="href" to="x"/></svg>',
    '<!--><img src=x onerror=alert(1)>-->', '<!--><script>alert(1)</script>-->', '<a title="x>" onclick="alert(1)">x</a>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', '<div <img src=x onerror=alert(1)>>',
    '<svg><![CDATA[><img src=x onerror=alert(1)>]]></svg>', '<a href="jav&#x09;ascript&#0000058;alert(1)">x</a>',
    '<a href="javascript&NewLine;:alert(1)">x</a>', '<noscript><!-- </noscript><img src=x onerror=alert(1)> --></noscript>',
    '<!-- <p title=" --><img src=x onerror=alert(1)>"> -->', '<style><p title="</style><img src=x onerror=alert(1)>"></style>',
    '<xmp><p title="</xmp><script>alert(1)</script>"></xmp>', '<embed src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<!-- <script>alert(1)</script> -->', '<template><script>alert(1)</script></template>',
    '<math><mtext><script>alert(1)</script></mtext></math>',
    f"<script>{THEME_SCOPE.replace('../..', 'https://evil.example')}</script>",
    "<script>" + THEME_SCOPE.replace("../..", '../..")+alert(1)+("') + "</script>",
    f"<script> {THEME_TABS}</script>", f"<script>{THEME_TABS}\n</script>",
]


def page(body: str) -> str:
    return f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>"


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.mark.parametrize("markup", [m for m, _ in HOSTILE] + MORE_HOSTILE)
def test_a_script_handler_or_javascript_url_not_on_the_list_stops_the_page(markup):
    with pytest.raises(csp.UnsafePage) as err:
        csp.add_policy(page(f"<p>tekst</p>{markup}<p>meer</p>"), "over/aanval.md")
    message = str(err.value)
    assert message.startswith("De pagina over/aanval.md bevat code") and "Oplossing:" in message


@pytest.mark.parametrize(("markup", "named"), HOSTILE)
def test_the_message_names_what_is_wrong(markup, named):
    with pytest.raises(csp.UnsafePage) as err:
        csp.add_policy(page(markup), "over/aanval.md")
    assert named in str(err.value)


def test_every_one_character_change_to_an_allowed_script_is_refused():
    """Exhaustive: the theme's scripts with one character inserted, removed or replaced at every place."""
    for script in (THEME_TABS, THEME_SCOPE):
        variants = {script[:i] + c + script[i:] for i in range(len(script) + 1) for c in ";x "}
        variants |= {script[:i] + script[i + 1:] for i in range(len(script))}
        variants |= {script[:i] + ("y" if script[i] != "y" else "z") + script[i + 1:] for i in range(len(script))}
        variants.discard(script)
        # the base URL is the one free part of the scope script: another valid base is no change
        variants = {v for v in variants if not re.fullmatch(csp.ALLOWED_INLINE[0], v)} if script == THEME_SCOPE else variants
        for v in variants:
            with pytest.raises(csp.UnsafePage):
                csp.add_policy(page(f"<script>{v}</script>"), "x.md")


def test_the_theme_scripts_are_hashed_and_nothing_else():
    out = csp.add_policy(page(f'<script>{THEME_SCOPE}</script><script>{THEME_TABS}</script>'
                              '<script id="__config" type="application/json">{"base": "../..", "features": []}</script>'
                              '<script src="../../assets/javascripts/bundle.js"></script>'), "x.md")
    policy = re.search(r'content="([^"]*)"', out)[1]
    assert policy.startswith(f"script-src 'self' {' '.join(sorted([sha(THEME_SCOPE), sha(THEME_TABS)]))};")
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy


def test_a_hand_written_page_with_a_script_fails_the_strict_build_naming_the_page(built_site, tmp_path):
    """(built_site: the real site builds in the same run, and this test is in the build lane.)"""
    copy = repo_copy(tmp_path / "repo")
    hostile = "\n\n".join(m for m, _ in HOSTILE)
    (copy / "content" / "over" / "aanval.md").write_text(f"# Aanval\n\nGewone tekst.\n\n{hostile}\n\nEinde.\n",
                                                         encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
                       cwd=copy, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(copy)},
                       capture_output=True, text=True, timeout=600)
    assert r.returncode != 0
    assert "De pagina over/aanval.md bevat code" in r.stderr, r.stderr[-3000:]
    for _, named in HOSTILE:
        assert named in r.stderr, named
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "site" / "over" / "aanval" / "index.html").exists()


def test_the_real_site_has_exactly_the_allowed_scripts_and_only_beheer_allows_eval(built_site):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 50
    for p in pages:
        html = p.read_text(encoding="utf-8")
        if p.relative_to(built_site).as_posix() == "beheer/index.html":
            assert "script-src 'self' 'unsafe-eval'" in html  # Decap CMS's config validator compiles code
            # no inline script and no event-handler attribute in a tag (the page's text may say "onder")
            bare = re.sub(r"<noscript>.*?</noscript>", "", html, flags=re.S)
            assert "<script>" not in html and not re.search(r"<[^>]*\son[a-z]+\s*=", bare)
            continue
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
        assert policy, p
        assert "unsafe" not in policy[1], p
        bodies = re.findall(r"<script>(.*?)</script>", html, re.S)
        assert sorted({sha(b) for b in bodies}) == re.findall(r"'sha256-[^']+'", policy[1]), p
        assert all(any(a.fullmatch(b) for a in csp.ALLOWED_INLINE) for b in bodies), p
        # every real page is plain to the pre-scan: the parser pass is skipped (the check stays cheap)
        assert not csp._parser_pass_needed(html), p


def test_in_chromium_the_theme_scripts_run_and_anything_else_is_blocked(built_site, browser, site_url):
    """The allowed scripts run under the policy (also on 404.html, which the theme builds from a template);
    a script that got past the check anyway would still be blocked by the browser: it has no hash."""
    from conftest import PageWatch

    context = browser.new_context()
    try:
        watch = PageWatch(context.new_page(), site_url)
        for path in ("flevoland/45f34/", "404.html"):
            watch.goto(path)
            assert watch.page.evaluate("typeof __md_scope") == "object", path  # the theme's inline script ran
            assert watch.csp_violations == [], path
        original = (built_site / "flevoland" / "45f34" / "index.html").read_text(encoding="utf-8")
        smuggled = original.replace("</h1>", "</h1><script>window.__pwned = 1</script><img src=x onerror='window.__pwned = 2'>", 1)
        assert smuggled != original
        watch.page.route(site_url + "smokkel/", lambda route: route.fulfill(body=smuggled, content_type="text/html"))
        watch.goto("smokkel/")
        watch.page.wait_for_load_state("load")
        assert watch.page.evaluate("typeof window.__pwned") == "undefined"
        assert watch.page.evaluate("typeof __md_scope") == "object"
        assert any(v.startswith("script-src") for v in watch.csp_violations), watch.csp_violations
    finally:
        context.close()


@pytest.mark.parametrize("text", ['<img src=x onerror=alert(7)> "quoted"', "<script>alert(1)</script>",
                                  "javascript:alert(1)", "x' onclick='alert(1)", 'x" onmouseover="alert(1)'])
def test_escaped_text_from_data_in_an_attribute_or_text_is_no_false_alarm(text):
    """Untrusted text, escaped where it lands (title, data-…, content of a description), does not run and
    must not stop the build (tests/test_hostile_data.py builds a whole site from such data)."""
    from markupsafe import escape

    e = escape(text)
    out = csp.add_policy(page(f'<meta name="description" content="{e}"><li title="{e}" data-zoek="{e}">{e}</li>'
                              f"<a href=\"../x/\" aria-label='{e}'>{e}</a>"), "x.md")
    assert 'http-equiv="Content-Security-Policy"' in out


# A page as the theme and our components write it (a product page, shortened): the pre-scan must take it as
# plain, or the parser pass would run on every page after all.
REAL_PAGE = f"""<!doctype html>
<html lang="nl" class="no-js">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width,initial-scale=1">
    <meta name="description" content="80120 Behandeling Groep: regio&#39;s &amp; &quot;zorg&quot; &lt;b&gt;">
    <link rel="canonical" href="https://example.org/boek/flevoland/45f34/">
    <link rel="icon" href="../../assets/images/favicon.png">
    <title>Behandeling - Productenboek</title>
    <link rel="stylesheet" href="../../assets/stylesheets/main.css">
    <script>{THEME_SCOPE}</script>
  </head>
  <body dir="ltr">
    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
    <label class="md-overlay" for="__drawer"></label>
    <div data-md-component="skip"><a href="#behandeling" class="md-skip">Naar inhoud</a></div>
    <header class="md-header" data-md-component="header">
      <nav class="md-header__inner md-grid" aria-label="Koptekst">
        <a href="../.." title="Productenboek" class="md-header__button md-logo" aria-label="Productenboek" data-md-component="logo">
          <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M12 8a3 3 0 0 0 3-3 3 3 0 0 0-3-3"/></svg>
        </a>
      </nav>
    </header>
    <main class="md-main" data-md-component="main">
      <article class="md-content__inner md-typeset">
        <h1 id="behandeling">Behandeling &lt;script&gt;alert(1)&lt;/script&gt; onderzoek, ondersteuning, on=1</h1>
        <table><tr><th scope="col">Code</th><td data-zoek="javascript:alert(1) &#39; onclick=&#34;x&#34;">45F34</td></tr></table>
        <p>Tekst met een <a href="../../gemeenten/almere/">gemeente</a> en <abbr title="Jeugdwet">JW</abbr>.</p>
        <img src="../../assets/logo.svg" alt="" width="24" height="24" loading="lazy">
        <details class="note" open><summary>Meer</summary><p>ontvangen</p></details>
      </article>
    </main>
    <script id="__config" type="application/json">{{"base": "../..", "features": []}}</script>
    <script src="../../assets/javascripts/bundle.js"></script>
    <script>{THEME_TABS}</script>
  </body>
</html>
"""


def _parser_finds(html: str) -> list[str]:
    """What the two attribute passes find, which the pre-scan lets the check skip."""
    return csp._parser_problems(html) + csp._lexical_tag_problems(html)


def test_a_plain_page_skips_the_parser_pass_and_is_accepted():
    assert not csp._parser_pass_needed(REAL_PAGE)
    assert 'http-equiv="Content-Security-Policy"' in csp.add_policy(REAL_PAGE, "x.md")


@pytest.mark.parametrize("markup", [m for m, _ in HOSTILE] + MORE_HOSTILE)
def test_every_known_attack_is_sent_to_the_parser_or_caught_without_it(markup):
    """Each hostile example either fails the pre-scan (the attribute passes run) or is one they would not
    report anyway (a script element, caught by the <script> scan, which always runs)."""
    html = REAL_PAGE.replace("</h1>", "</h1>" + markup, 1)
    assert csp._parser_pass_needed(html) or not _parser_finds(html)


# Hostile markup from pieces: tag openings, attribute names (handlers in any case, URL attributes, srcdoc,
# attributeName, http-equiv), separators, '=' forms, quotes, values spelling javascript: or <script with
# entities, tabs and case, and the comment, CDATA and raw-text openings where the parser and a scan differ.
_TAG_OPEN = st.sampled_from(["<a", "<A", "<img", "<svg", "<meta", "<iframe", "<animate", "<set", "<div", "<x-y",
                             "<p", "<form", "<button", "<embed", "<noscript", "<style", "<textarea", "<title", "<b"])
_ATTR_NAME = st.sampled_from(["onclick", "OnLoad", "onerror", "on", "ON", "onmouseover", "href", "HREF", "src",
                              "xlink:href", "srcdoc", "SrcDoc", "attributeName", "attributename", "content",
                              "http-equiv", "HTTP-EQUIV", "title", "class", "data-x", "values", "to", "from", "by",
                              "formaction", "action", "srcset", "ping", "data", "poster", "x", "ontology", "hrefx"])
_SEP = st.sampled_from([" ", "  ", "\t", "\n", "/", "", "\f", "\xa0", " / ", "\x0b", "\r"])
_EQ = st.sampled_from(["=", "==", " = ", "", "=\n", "= "])
_QUOTE = st.sampled_from(['"', "'", "", "`"])
_VALUE_PIECE = st.sampled_from([
    "javascript:", "JaVaScRiPt:", "java\tscript:", "java\nscript:", "&#106;avascript:", "jav&#x09;ascript&colon;",
    "javascript&NewLine;:", "&#0000106avascript:", "&lt;script&gt;", "&LT;SCRIPT", "<script>", "refresh", "Refresh",
    "&#114;efresh", "0;url=", "alert(1)", "x", ">", "<", '"', "'", "=", "on", "&amp;", " ", "/", "data:text/html,",
    "&#x3C;script", "\t", "%6A"])
_ATTRIBUTE = st.tuples(_SEP, _ATTR_NAME, _EQ, _QUOTE, st.lists(_VALUE_PIECE, max_size=4).map("".join), _QUOTE)
# and well-formed attributes (one space, '=', matching quotes), so that a tag is often plain but for its value
_PLAIN_PIECE = _VALUE_PIECE.filter(lambda p: not set(p) & set("<>\"'"))
_WELL_FORMED = st.tuples(st.just(" "), _ATTR_NAME, st.just("="), st.sampled_from(['"', "'", ""]),
                         st.lists(_PLAIN_PIECE, min_size=1, max_size=3).map("".join)).map(
    lambda t: (*t, t[3]))
_TAG = st.tuples(_TAG_OPEN, st.lists(st.one_of(_ATTRIBUTE, _WELL_FORMED, _WELL_FORMED), max_size=4), st.sampled_from([">", "/>", "", " >", "\n>", "/ >"])).map(
    lambda t: t[0] + "".join(s + n + (e + q1 + v + q2 if e else "") for s, n, e, q1, v, q2 in t[1]) + t[2])
_OTHER = st.sampled_from(["<!--", "-->", "--!>", "<!-->", "<!", "<![CDATA[", "]]>", "</", "<?", "</script>", "</style>",
                          "</noscript>", "</textarea>", "</title>", "<script>", "<style>", "tekst", " on", "&amp;",
                          ">", "<", '"', "'", "=", " ", "\n"])
_HOSTILE_MARKUP = st.lists(st.one_of(_TAG, _OTHER), min_size=1, max_size=8).map("".join)
_PLACES = ["</h1>", "<head>", "</title>", "<body dir=\"ltr\">", "</article>", "</html>\n", "<tr>"]


@settings(derandomize=True, max_examples=1000, deadline=None)
@given(markup=_HOSTILE_MARKUP, place=st.sampled_from(_PLACES))
@example(markup='<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', place="</h1>")
@example(markup="<svg><set attributeName='onclick' to='alert(1)'/></svg>", place="</h1>")
def test_the_pre_scan_never_lets_past_what_the_parser_would_find(markup, place):
    """The property behind skipping the attribute passes: a page the pre-scan takes as plain is one where the
    parser pass and the lexical tag pass find nothing (so the check's verdict is the same with or without the
    pre-scan)."""
    html = REAL_PAGE.replace(place, place + markup, 1)
    # the per-tag, cached pre-scan says what one PLAIN_TAG scan over the whole page says: every '<' + letter
    # starts a plain tag
    assert csp._parser_pass_needed(html) == (len(csp.PLAIN_TAG.findall(html)) != len(re.findall(r"<[a-z]", html, re.I))), markup
    if not csp._parser_pass_needed(html):
        assert _parser_finds(html) == [], markup
