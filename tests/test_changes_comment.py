"""The pull-request comment and job summary as untrusted output (issue 16): hostile data, rendered with GitHub's own
Markdown parser (cmark-gfm) and with markdown-it-py + linkify (which links even more than GitHub), must give no
link, image, mention, issue reference, autolink or HTML from data, keep tables intact, and stay under the caps."""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import cmarkgfm
import pytest
import yaml
from cmarkgfm.cmark import Options
from markdown_it import MarkdownIt
from test_changes import commit, git

from conftest import ROOT
from helpers import PRODUCT, cli, minimal_data, write
from macros.changes import Changes, FieldChange, NotComparable, ProductChange, RegionChanges
from macros.changes.markdown import COMMENT_MAX, MARKER, SUMMARY_MAX, WJ, md, report_markdown, report_summary, utf16
from macros.changes.values import one_line

BASE = "https://voorbeeld.github.io/productenboek/pr-12/"
RUN = "https://github.com/voorbeeld/productenboek/actions/runs/42"
BAD_KEY = "@octocat [Klik hier](https://evil.example/login) ![x](https://evil.example/t.png)"
NAME = BAD_KEY + " #123 GH-42 <script>alert(1)</script> a|b"
NAME2 = "owner/repo#7 www.evil.com mail@evil.com &#64;admin <https://evil.example/z> **vet** `code` $x$ ~~weg~~ \\| ok"
HOSTILE = {  # every free-text field of a product, each a different attack
    "naam": NAME,
    "omschrijving": "Eerste regel | met pijp\n\n| a | b |\n|---|---|\n| c | d |\n<img src=x onerror=alert(1)>\n"
                    "https://evil.example/pad?x=1 en //evil.example/y en evil.com/login\n[a]: https://evil.example",
    "doel": "- lijst\n1. genummerd\n> citaat\n# kop\n<details><summary>x</summary>y</details>",
    "resultaten": ["@team/reviewers kijk", "zie #1 en GH-2", "<a href='https://evil.example'>klik</a>", "&lt;b&gt; &amp;"],
}
ALLOWED = {"p", "h3", "table", "thead", "tbody", "tr", "th", "td", "a", "strong", "del", "br", "ul", "li", "em"}
# ^ what the comment's own Markdown produces; anything else would come from data


def _cmark(text: str) -> str:  # GitHub's parser, raw HTML let through so that any would show up
    return cmarkgfm.markdown_to_html_with_extensions(text, Options.CMARK_OPT_UNSAFE, ["table", "autolink", "strikethrough"])


def _markdown_it(text: str) -> str:  # stricter: linkify also links bare domains and //host
    return MarkdownIt("gfm-like", {"html": True}).render(text)


class _Html(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.rows: list[int] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href", ""))
        if tag == "tr":
            self.rows.append(0)
        if tag in ("td", "th"):
            self.rows[-1] += 1

    def handle_data(self, data):
        self.text.append(data)


def _parse(rendered: str) -> _Html:
    p = _Html()
    p.feed(rendered)
    return p


# What GitHub links in text after Markdown (html-pipeline's filters) and GFM's autolink extension.
GITHUB_LINKS = {
    "mention": re.compile(r"(?:^|[^\w`])@[a-z0-9]", re.I),
    "issue": re.compile(r"(?:^|[^\w&])#\d"),
    "gh-issue": re.compile(r"\bGH-\d", re.I),
    "url": re.compile(r"\b(?:https?|ftp)://", re.I),
    "www": re.compile(r"\bwww\.", re.I),
    "e-mail": re.compile(r"[\w.+-]@[a-z0-9-]+\.[a-z]", re.I),
}


def assert_inert(markdown: str, allowed_links: set[str] | None = None) -> str:
    """No link but ours, no image, no HTML from data, no text GitHub would turn into a link; every table row has
    3 cells. Returns the rendered text with the word joiners taken out (to check it still reads the same)."""
    for render in (_cmark, _markdown_it):
        p = _parse(render(markdown))
        assert set(p.tags) <= ALLOWED, (render.__name__, set(p.tags) - ALLOWED)
        assert "img" not in p.tags and "script" not in p.tags
        for href in p.hrefs:
            assert href in (allowed_links or set()) or (href.startswith(BASE) and re.fullmatch(
                r"[a-z0-9/-]*", href[len(BASE):])), (render.__name__, href)
        assert set(p.rows) <= {3}, (render.__name__, p.rows)
        text = "".join(p.text)
        for kind, pattern in GITHUB_LINKS.items():
            assert not pattern.search(text), (render.__name__, kind, pattern.search(text))
    return "".join(_parse(_cmark(markdown)).text).replace(WJ, "")


@pytest.mark.parametrize("value", [NAME, *filter(None, HOSTILE["omschrijving"].splitlines()), HOSTILE["doel"],
                                    *HOSTILE["resultaten"], "1. begin", "- begin", "+ x", "= x", "\\", "x\\", "a\u202eb\x1b[31m"])
def test_md_is_inert_and_reads_the_same(value):
    text = assert_inert(f"| {md(value)} | x | y |\n| --- | --- | --- |\n\n- {md(value)}\n\n**{md(value)}**")
    assert one_line(value) in text  # every character of the value is still there, in order, visibly


def _repo_with_hostile_product(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    data = minimal_data(repo)
    commit(repo, "basis", "2026-01-05")
    product = {**yaml.safe_load(PRODUCT), "code": "45F22", **HOSTILE}
    write(data / "products" / "testregio" / "45f22.yaml", yaml.safe_dump(product, allow_unicode=True))
    product.update(code="45F23", naam=NAME2)
    write(data / "products" / "testregio" / "45f23.yaml", yaml.safe_dump(product, allow_unicode=True))
    p = data / "products" / "testregio" / "45f34.yaml"  # and a changed product, with hostile old → new values
    p.write_text(p.read_text(encoding="utf-8").replace("omschrijving: Begeleiding van de jeugdige.",
                 f"omschrijving: {json.dumps(HOSTILE['omschrijving'])}"), encoding="utf-8")
    return repo


def _cli(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*cli("change_report"), "--repo", str(repo), *args],
                          capture_output=True, text=True, timeout=300)


def test_comment_with_hostile_values_is_inert_and_complete(tmp_path):
    repo = _repo_with_hostile_product(tmp_path)
    out = tmp_path / "uit"
    r = _cli(repo, "--base", "HEAD", "--output-dir", str(out), "--preview-url", BASE, "--details-url", RUN)
    assert r.returncode == 0 and not r.stderr, r.stderr
    comment = (out / "comment.md").read_text(encoding="utf-8")
    assert comment.startswith(MARKER + "\n### Wijzigingen in de productgegevens")
    text = assert_inert(comment)
    assert one_line(NAME) in text and one_line(NAME2) in text  # the hostile names read exactly as typed
    hrefs = _parse(_cmark(comment)).hrefs
    assert hrefs == [BASE, f"{BASE}testregio/45f34/", f"{BASE}testregio/45f22/", f"{BASE}testregio/45f23/"]
    without = (out / "comment-zonder-preview.md").read_text(encoding="utf-8")
    assert _parse(_cmark(without)).hrefs == [] and one_line(NAME) in assert_inert(without)
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert one_line(NAME) in assert_inert(summary)
    assert "Eerste regel \\| met pijp" in comment  # the pipe escaped: the row keeps its 3 cells (checked above)


def test_invalid_new_data_comment_names_the_errors_escaped_and_where_to_see_all(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    data = minimal_data(repo)
    commit(repo, "basis", "2026-01-05")
    for i in range(500):  # 500 invalid products, each with a hostile key
        code = f"{45 + i // 100}B{i % 100:02d}"
        write(data / "products" / "testregio" / f"{code.lower()}.yaml",
              PRODUCT.replace("45F21", code) + f"{json.dumps(BAD_KEY)}: 1\n")
    write(data / "products" / "testregio" / "@octocat #123 <img src=x>.yaml", PRODUCT)  # a hostile file name
    out = tmp_path / "uit"
    r = _cli(repo, "--base", "HEAD", "--output-dir", str(out), "--preview-url", BASE, "--details-url", RUN)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    comment = (out / "comment.md").read_text(encoding="utf-8")
    assert utf16(comment) <= COMMENT_MAX
    text = assert_inert(comment, {RUN})
    assert "De gewijzigde gegevens zijn ongeldig." in text and "de site kan niet worden gebouwd" in text
    assert "De eerste 5 van de 501 fouten:" in text
    assert f"veld '{BAD_KEY}': dit veld bestaat niet" in text  # the key, as typed, as text
    assert "en nog 496 fouten: alle fouten staan in de samenvatting van de controle" in text
    assert _parse(_cmark(comment)).hrefs == [RUN]
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert len(summary.encode()) <= SUMMARY_MAX
    everything = assert_inert(summary, {RUN})
    assert everything.count("dit veld bestaat niet") == 500 and "@octocat #123 <img src=x>.yaml" in everything
    full = (out / "report.txt").read_text(encoding="utf-8")
    assert full.count("\n- data/products/") == 501
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["kant"] == "nieuw"


LANG = ("|@#<>[]*_`~!&$\\ 😀 www.x.nl " * 40)[:400]  # every character that expands when escaped, and astral ones


def _full_row(i: int) -> ProductChange:  # a row as long as the bounds allow: moved between two long-named regions
    return ProductChange("verplaatst", "r", f"p{i}", "45A01", LANG, tuple(
        FieldChange(f"veld{k}", LANG, LANG, LANG[::-1]) for k in range(6)), f"q{i}", "45A00", "q")


@pytest.mark.parametrize("n", [25, 500])
def test_comment_and_summary_stay_under_their_caps(n):
    w = Changes((RegionChanges("r", LANG, "gewijzigd", tuple(_full_row(i) for i in range(n))),),
                    regionamen={"r": LANG, "q": LANG[::-1]})
    comment = report_markdown(w, BASE, details_url=RUN)
    assert utf16(comment) <= COMMENT_MAX < 65_536
    taken = comment.count(f"]({BASE}r/p")
    assert 0 < taken < 25  # rows cut first, to fit the cap
    assert comment.rstrip().endswith(f"[en {n - taken} meer (op de preview)]({BASE}wijzigingen/)")
    assert_inert(comment, {f"{BASE}wijzigingen/"})
    summary = report_summary(w, None, RUN)
    assert len(summary.encode()) <= SUMMARY_MAX and "en " in summary.splitlines()[-1]
    without = report_markdown(w, None, details_url=RUN)
    assert without.rstrip().endswith(f"(in de samenvatting van de controle)]({RUN})")


def test_not_comparable_comment_bounds_its_errors():
    w = NotComparable("Uitleg met @iemand en https://evil.example.", tuple(f"fout {i} #{i} " + "x" * 5000 for i in range(50)))
    comment = report_markdown(w, BASE)
    assert utf16(comment) < 10_000 and "De eerste 5 van de 50 fouten:" in comment
    text = assert_inert(comment)
    assert "Uitleg met @iemand en https://evil.example." in text
    assert "alle fouten staan in de samenvatting van de controle Preview bij deze pull request" in text


def test_workflows_never_interpolate_expressions_into_scripts():
    """Values reach a shell or github-script only through env: or files; `${{ }}` inside run:/script: would put
    whatever the expression holds (a branch name, a title, a file name) into the script's source."""
    found = []
    for path in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        wf = yaml.safe_load(path.read_text(encoding="utf-8"))
        for job_id, job in wf["jobs"].items():
            for i, step in enumerate(job.get("steps", [])):
                for source in (step.get("run"), (step.get("with") or {}).get("script")):
                    if source and "${{" in source:
                        found.append(f"{path.name}:{job_id}:{step.get('name', i)}")
    assert found == []
    preview = yaml.safe_load((ROOT / ".github" / "workflows" / "preview.yml").read_text(encoding="utf-8"))
    names = [s.get("name") or s.get("uses") for s in preview["jobs"]["build"]["steps"]]
    assert names.index("Build (strict)") > names.index("Change report (before the build, so that invalid data is reported too)")
    assert "always()" in preview["jobs"]["comment"]["if"]  # a failed build (invalid data) still gets its comment


def test_workflow_scripts_are_valid_javascript(tmp_path):
    """actionlint does not parse the JavaScript of actions/github-script; node does (as the action wraps it)."""
    scripts = []
    for path in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values():
            scripts += [s["with"]["script"] for s in job.get("steps", []) if "github-script" in s.get("uses", "")]
    assert len(scripts) == 2
    for i, script in enumerate(scripts):
        js = tmp_path / f"script{i}.js"
        js.write_text(f"(async function (github, context, core, require) {{\n{script}\n}});\n", encoding="utf-8")
        r = subprocess.run(["node", "--check", str(js)], capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
