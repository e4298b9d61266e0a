"""Following changes (issue 30): each product's history from git, the Atom feeds, the edition summary,
shallow clones. On a temporary repository with a scripted history: edits, a rename, a style-only change,
a deletion and a hostile name."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from macros.catalogue.loader import load_catalogue
from macros.changes.history import SHALLOW, product_history
from macros.components import history as h
from macros.components import tables
from macros.site import history as git_history
from macros.view import tables as code_table_rows

ROOT = Path(__file__).resolve().parents[1]
ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = '<script>alert("x")</script> & ]]> <![CDATA[ zorg'
REPO_URL = "https://github.com/voorbeeld/productenboek"


def _git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Redactie", "GIT_AUTHOR_EMAIL": "r@example.invalid",
           "GIT_COMMITTER_NAME": "Redactie", "GIT_COMMITTER_EMAIL": "r@example.invalid"}
    if date:
        env |= {"GIT_AUTHOR_DATE": f"{date}T12:00:00+01:00", "GIT_COMMITTER_DATE": f"{date}T12:00:00+01:00"}
    return subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=repo, env=env, check=True,
                          capture_output=True, text=True).stdout


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_history(repo: Path) -> Path:
    """A repository with data/ and six commits, from 2026-01-01 to 2026-06-01."""
    repo.mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    shutil.copytree(ROOT / "data", repo / "data")
    prod = repo / "data" / "products"
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Begin", date="2026-01-01")
    # 1. edits: a maximum duration and a name
    _edit(prod / "flevoland" / "45f34.yaml", "    waarde: 9\n", "    waarde: 6\n")
    _edit(prod / "flevoland" / "45f23.yaml", "naam: Multidisciplinaire Specialistische Jeugdhulp Specialistische Begeleiding – Gezin",
          "naam: Multidisciplinaire Specialistische Jeugdhulp Specialistische Begeleiding – Gezin (MSJ)")
    # and the code table: one code in the 2019 edition differs, so one row changed between the editions
    _edit(repo / "data" / "codetabellen" / "zuid-limburg.yaml",
          "      '2019':\n        omschrijving: Dyslexie Diagnose\n        extra_omschrijving: null\n        code: '34100'",
          "      '2019':\n        omschrijving: Dyslexie Diagnose\n        extra_omschrijving: null\n        code: '34000'")
    _git(repo, "commit", "-q", "-am", "Maximale duur 45F34 en naam 45F23", date="2026-02-01")
    # 2. style only: a blank line and a flow mapping written as a block
    p = prod / "flevoland" / "45f21.yaml"
    text = p.read_text(encoding="utf-8")
    text = text.replace("{staat: niet-vermeld}", "\n    staat: niet-vermeld", 1) if "  max_volume: {staat: niet-vermeld}" in text else text
    p.write_text(text + "\n", encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "Opmaak", date="2026-03-01")
    # 3. a rename: the product is recoded, its file follows the code (and the decision tree the file)
    _git(repo, "mv", "data/products/flevoland/45f23.yaml", "data/products/flevoland/45f29.yaml")
    _edit(prod / "flevoland" / "45f29.yaml", "code: 45F23\n", "code: 45F29\n")
    _edit(repo / "data" / "beslisbomen" / "flevoland-multidisciplinair.yaml", "- flevoland/45f23\n", "- flevoland/45f29\n")
    _git(repo, "commit", "-q", "-am", "45F23 wordt 45F29", date="2026-04-01")
    # 4. a deletion
    _git(repo, "rm", "-q", "data/products/haaglanden/41c01.yaml")
    _git(repo, "commit", "-q", "-m", "41C01 vervalt", date="2026-05-01")
    # 5. a hostile name, through a squashed pull request
    _edit(prod / "flevoland" / "45f31.yaml", "\nnaam: ", f"\nnaam: '{HOSTILE.replace(chr(39), chr(39) * 2)}' # ")
    _git(repo, "commit", "-q", "-am", "Naam 45F31 (#12)", date="2026-06-01")
    return repo


@pytest.fixture(scope="module")
def history_repo(tmp_path_factory) -> Path:
    return make_history(tmp_path_factory.mktemp("history") / "repo")


@pytest.fixture(scope="module")
def history(history_repo):
    cat = load_catalogue(history_repo / "data")
    walk = git_history.walk(history_repo)
    return cat, product_history(walk.commits, walk.shallow, walk.available,
                                lambda blobs: git_history.read_blobs(history_repo, blobs), cat)


def test_edit_is_one_entry_with_the_field_line(history):
    _cat, hist = history
    e, begin = hist.of("flevoland/45f34")
    assert (begin.date, begin.soort, h.title(begin)) == ("2026-01-01", "toegevoegd", "45F34: nieuw product")
    assert (e.date, e.soort, e.code) == ("2026-02-01", "gewijzigd", "45F34")
    assert [v.label for v in e.velden] == ["maximale duur"]
    assert e.velden[0].oud.startswith("9 maanden") and e.velden[0].nieuw.startswith("6 maanden")
    assert h.title(e) == "45F34: maximale duur 9 → 6 maanden"


def test_style_only_change_is_left_out(history, history_repo):
    _, hist = history
    assert [e.soort for e in hist.of("flevoland/45f21")] == ["toegevoegd"]
    # the commit did change the file: git saw it, the history left it out
    log = _git(history_repo, "log", "--format=%s", "--", "data/products/flevoland/45f21.yaml")
    assert "Opmaak" in log


def test_rename_is_followed_back(history):
    _, hist = history
    entries = hist.of("flevoland/45f29")
    assert [e.date for e in entries] == ["2026-04-01", "2026-02-01", "2026-01-01"]  # newest first, through the rename
    assert [(v.label, v.oud, v.nieuw) for v in entries[0].velden] == [("productcode", "45F23", "45F29")]
    assert h.title(entries[0]) == "45F29: productcode 45F23 → 45F29"
    assert entries[1].velden[0].label == "naam" and entries[1].velden[0].nieuw.endswith("(MSJ)")
    assert hist.of("flevoland/45f23") == []


def test_deletion_is_in_the_feed_not_on_a_page(history):
    cat, hist = history
    removed = [e for e in hist.entries if e.soort == "verwijderd"]
    assert [(e.ref, e.code, e.date) for e in removed] == [("haaglanden/41c01", "41C01", "2026-05-01")]
    assert "haaglanden/41c01" not in cat.producten
    assert h.title(removed[0]) == "41C01: verwijderd uit het productenboek"


def test_pull_request_and_commit_links_only_with_an_address(history):
    _, hist = history
    e = hist.of("flevoland/45f31")[0]
    assert e.pr == 12 and hist.of("flevoland/45f31")[1].pr is None
    links = h.commit_links(e, REPO_URL)
    assert links == [("pull request #12", f"{REPO_URL}/pull/12"), (f"commit {e.sha[:7]}", f"{REPO_URL}/commit/{e.sha}")]
    assert h.commit_links(e, None) == []  # no address: no link, never a guess
    assert h.commit_links(e, "javascript:alert(1)//a/b") == []


def test_history_section_escapes_and_orders(history):
    _cat, hist = history
    html = str(h.history_section(hist, "flevoland/45f31", REPO_URL, "../../"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<time datetime="2026-06-01">1 juni 2026</time>' in html
    assert f'href="{REPO_URL}/pull/12"' in html


def _feeds(hist, cat, site_url=""):
    return {region: h.atom_feed(hist, region, cat.regios[region].naam if region else "", site_url, "2026-06-01")
            for region in [None, *cat.regios]}


def test_feeds_are_valid_atom(history):
    cat, hist = history
    for region, xml in _feeds(hist, cat, "https://voorbeeld.nl/boek/").items():
        root = ET.fromstring(xml)  # well-formed
        assert root.tag == f"{ATOM}feed"
        for entry in root.iter(f"{ATOM}entry"):  # RFC 4287 4.1.2: id, title, updated once each
            assert [len(entry.findall(f"{ATOM}{t}")) for t in ("id", "title", "updated")] == [1, 1, 1]
        parsed = feedparser.parse(xml)
        assert not parsed.bozo, (region, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        for entry in parsed.entries:
            assert entry.link.startswith("https://voorbeeld.nl/boek/")
            assert entry.updated_parsed is not None
    all_titles = [e.title for e in feedparser.parse(_feeds(hist, cat)[None]).entries]
    assert "45F34: maximale duur 9 → 6 maanden" in all_titles
    flevoland = feedparser.parse(_feeds(hist, cat)["flevoland"])
    assert {e.link for e in flevoland.entries} >= {"flevoland/45f34/"}
    assert not any("41C01" in e.title for e in flevoland.entries)  # a Haaglanden change is not in Flevoland's feed


def test_hostile_values_are_text_in_the_feed(history):
    cat, hist = history
    xml = _feeds(hist, cat)["flevoland"]
    assert b"<script>" not in xml and b"<![CDATA[" not in xml
    parsed = feedparser.parse(xml)
    (entry,) = [e for e in parsed.entries if e.title.startswith("45F31: naam")]
    assert HOSTILE in entry.summary  # the name as text, exactly as written
    assert HOSTILE in entry.summary.split("\n", 1)[1]  # also in the field line "naam: … → …"
    region = feedparser.parse(h.atom_feed(hist, "flevoland", HOSTILE, "", "2026-06-01"))
    assert not region.bozo and region.feed.title.endswith(HOSTILE)


def test_characters_xml_cannot_carry_do_not_break_the_feed(history):
    from dataclasses import replace

    from macros.changes.history import History

    _cat, hist = history
    e = replace(hist.entries[0], naam="a\x00b\ufffe\ud800c", code="X\x1bY")
    xml = h.atom_feed(History(available=True, entries=[e]), None, "", "", "2026-06-01")
    ET.fromstring(xml)
    assert not feedparser.parse(xml).bozo


def test_shallow_clone_has_a_dutch_note(history_repo, tmp_path):
    clone = tmp_path / "ondiep"
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{history_repo}", str(clone))
    walk = git_history.walk(clone)
    assert walk.shallow and walk.available
    cat = load_catalogue(clone / "data")
    hist = product_history(walk.commits, walk.shallow, walk.available, lambda b: git_history.read_blobs(clone, b), cat)
    assert hist.reden == SHALLOW and not hist.entries
    assert "niet beschikbaar" in str(h.history_section(hist, "flevoland/45f34", None))


def test_last_changed_from_the_same_walk(history_repo):
    dates = git_history.last_changed(history_repo, ["data/products/flevoland/45f34.yaml",
                                                    "data/products/flevoland/45f21.yaml", "data/nergens.yaml"])
    assert dates == {"data/products/flevoland/45f34.yaml": "2026-02-01", "data/products/flevoland/45f21.yaml": "2026-03-01"}


def test_edition_summary_of_zuid_limburg():
    cat = load_catalogue(ROOT / "data")
    table = cat.codetabellen["zuid-limburg"]
    editions = list(table.edities)
    rows = tables.code_rows(list(table.regels), editions)
    (s,) = tables.edition_summary(rows, editions)
    n = len([r for r in rows if r["wijzigingen"][0] == "ongewijzigd"])
    assert s["regel"] == f"2020 t.o.v. 2019: {n} codes ongewijzigd, 0 nieuw, 0 vervallen"
    # a changed row: a new code, a new row and a dropped one are counted and listed
    from macros.model.tables import CodeRegelEditie
    a = rows[0]["cellen"][0]
    changed = [{"product": "x", "cellen": [a, CodeRegelEditie.model_construct(**{**dict(a), "code": "ZZ999"})]},
                 {"product": "y", "cellen": [None, a]}, {"product": "z", "cellen": [a, None]}]
    for r in changed:
        r["wijzigingen"] = [code_table_rows._edition_change(*r["cellen"])]
    (s,) = tables.edition_summary(rows + changed, editions)
    assert s["regel"] == f"2020 t.o.v. 2019: {n} codes ongewijzigd, 1 gewijzigd, 1 nieuw, 1 vervallen"
    assert [r["product"] for r in s["rows"]] == ["x", "y", "z"]
    html = str(tables.code_table(cat, "zuid-limburg"))
    assert re.search(r"2020 t\.o\.v\. 2019: \d+ codes ongewijzigd, 0 nieuw, 0 vervallen\.", html)


# --- the built site -----------------------------------------------------------------------------------------


def test_built_site_from_a_history(history_repo, tmp_path, mkdocs_build):
    site = tmp_path / "site"
    r = mkdocs_build(site, data_dir=history_repo / "data",
                     extra_env={"PRODUCTENBOEK_REPO_URL": REPO_URL, "SITE_URL": "https://voorbeeld.nl/"})
    assert r.returncode == 0, r.stderr[-3000:]
    page = (site / "flevoland" / "45f34" / "index.html").read_text(encoding="utf-8")
    section = page.split('id="geschiedenis"', 1)[1].split("</ol>", 1)[0]
    assert "maximale duur: 9 maanden" in section and "→ 6 maanden" in section
    assert f'{REPO_URL}/commit/' in section
    assert 'type="application/atom+xml"' in page and "wijzigingen-flevoland.xml" in page.split("</head>")[0]
    # Material's instant navigation fetches sitemap.xml next to every <link rel="alternate">: it must exist there
    feeds = re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', page.split("</head>")[0])
    assert len(feeds) == 2
    for href in feeds:
        assert ((site / "flevoland" / "45f34" / href).resolve().parent / "sitemap.xml").is_file(), href
    family = (site / "flevoland" / "45f29" / "index.html").read_text(encoding="utf-8")
    assert family.count("<time datetime=") == 3
    for path in ("wijzigingen.xml", "wijzigingen-flevoland.xml", "wijzigingen-haaglanden.xml"):
        parsed = feedparser.parse((site / path).read_bytes())
        assert not parsed.bozo and parsed.version == "atom10", path
    # "laatst gewijzigd" is the last data change: the style-only commit of 2026-03-01 does not count
    assert "laatst gewijzigd op 2026-01-01" in (site / "flevoland" / "45f21" / "index.html").read_text(encoding="utf-8")
    code_table = (site / "zuid-limburg" / "codetabel" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"2020 t\.o\.v\. 2019: \d+ codes ongewijzigd, 1 gewijzigd, 0 nieuw, 0 vervallen\.", code_table)
    changed_rows = code_table.split('<details class="pb-changed-rows"', 1)[1].split("</details>", 1)[0]
    assert "Toon alleen de 1 gewijzigde rij" in changed_rows and changed_rows.count("<tr>") == 1 + 1  # head + row
    assert "34000" in changed_rows and "34100" in changed_rows
    html_validate = ROOT / "node_modules" / ".bin" / "html-validate"
    if html_validate.exists():
        pages = [site / "zuid-limburg" / "codetabel" / "index.html", site / "flevoland" / "45f29" / "index.html",
                 site / "wijzigingen" / "index.html"]
        v = subprocess.run([str(html_validate), "--config", str(ROOT / ".htmlvalidate.cjs"), "--formatter", "text",
                            *map(str, pages)], capture_output=True, text=True)
        assert v.returncode == 0, v.stdout[-3000:] + v.stderr[-2000:]
    changes = (site / "wijzigingen" / "index.html").read_text(encoding="utf-8")
    assert 'id="laatste-wijzigingen"' in changes and "45F34: maximale duur 9 → 6 maanden" in changes
    assert "&lt;script&gt;" in changes and "<script>alert" not in changes
    assert 'href="../wijzigingen.xml"' in changes and 'href="../wijzigingen-zuid-limburg.xml"' in changes


def test_built_site_from_a_shallow_clone(history_repo, tmp_path, mkdocs_build):
    clone = tmp_path / "ondiep"
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{history_repo}", str(clone))
    site = tmp_path / "site"
    r = mkdocs_build(site, data_dir=clone / "data", extra_env={"PRODUCTENBOEK_PREVIEW": "1"})
    assert r.returncode == 0, r.stderr[-3000:]
    page = (site / "flevoland" / "45f34" / "index.html").read_text(encoding="utf-8")
    assert SHALLOW in page.replace("\n", " ")
    # a preview's /wijzigingen/ keeps the report (against a base) and has no list of latest changes
    changes = (site / "wijzigingen" / "index.html").read_text(encoding="utf-8")
    assert 'id="laatste-wijzigingen"' not in changes and 'id="feeds"' in changes
    assert "Geen vergelijking: deze build gebruikt gegevens buiten de repository" in changes  # the report's own words
    assert not feedparser.parse((site / "wijzigingen.xml").read_bytes()).entries


def test_sitemap_lastmod_is_the_last_data_change(history, monkeypatch):
    from macros.site import lastmod
    from macros.site.state import STATE

    _cat, hist = history
    monkeypatch.setattr(STATE, "history", hist)
    path21, path34, region = ("data/products/flevoland/45f21.yaml", "data/products/flevoland/45f34.yaml",
                           "data/regions/flevoland.yaml")
    monkeypatch.setattr(lastmod, "_dates", {path21: "2026-03-01", path34: "2026-02-01", region: "2026-01-01"})
    monkeypatch.setattr(lastmod, "_page_files", {"flevoland/45f21.md": [path21, region], "flevoland/45f34.md": [path34, region]})
    monkeypatch.setattr(lastmod, "_product_refs", {"flevoland/45f21.md": ("flevoland/45f21", path21),
                                                   "flevoland/45f34.md": ("flevoland/45f34", path34)})
    assert lastmod.page_lastmod("flevoland/45f21.md", True, None) == "2026-01-01"  # the style-only commit does not count
    assert lastmod.page_lastmod("flevoland/45f34.md", True, None) == "2026-02-01"
