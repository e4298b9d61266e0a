"""The CMS at /beheer/ for real: decap-server on a temporary repository, Decap CMS in headless Chromium.

The built site is served together with decap-server's API (same origin, as scripts/beheer.sh does);
the form edits 45F34, saves (editorial workflow: a branch cms/… in the repository, the local form of a
pull request), and the branch must differ from main by exactly the edited lines, validate, and show in
the change report.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT, PageWatch
from helpers import cli
from macros.cms.local import serving
from macros.model.sourced import STATES
from macros.view.words import STATE_WORDS


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout



@pytest.fixture()
def cms(built_site, tmp_path, browser):
    """decap-server on a temporary git copy of data/, served with the built site on one address by
    macros.cms.local (what scripts/beheer.sh runs)."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "data", repo / "data")
    git(repo.parent, "init", "-q", "-b", "main", str(repo))
    git(repo, "-c", "user.name=Test", "-c", "user.email=test@example.org", "add", "-A")
    git(repo, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "data")
    git(repo, "config", "user.name", "Beleidsmedewerker")
    git(repo, "config", "user.email", "beleid@example.org")
    with serving(built_site, repo) as url:
        context = browser.new_context(viewport={"width": 1366, "height": 1000})  # the page's own CSP applies
        watch = PageWatch(context.new_page(), url)
        yield repo, watch
        context.close()


def open_entry(watch: PageWatch, collection: str, entry: str):
    page = watch.page
    watch.goto(f"beheer/#/collections/{collection}/entries/{entry}")
    save, login = page.get_by_role("button", name="Opslaan"), page.get_by_role("button", name="Inloggen")
    expect(save.or_(login)).to_be_visible(timeout=60_000)
    if login.is_visible():  # the local backend's login is one click, without credentials
        login.click()
    expect(save).to_be_visible(timeout=60_000)
    expect(duration_input(page)).to_have_value("9", timeout=30_000)
    return page


def duration_input(page):
    # 45F34's maximum duration: the only number under "Maximale duur: waarde" (its other volume is not stated)
    return page.get_by_role("spinbutton", name="Waarde: ingevuld", exact=True)


def cms_branches(repo: Path) -> list[str]:
    return [b.strip(" *") for b in git(repo, "branch", "--list", "cms/*").splitlines()]


def saved_diff(repo: Path) -> tuple[str, str]:
    """The branch the form saved (editorial workflow: the local form of a pull request) and its diff."""
    diff = ""
    for _ in range(300):  # decap-server makes the branch, then commits on it
        if (branches := cms_branches(repo)) and (diff := git(repo, "diff", "--unified=0", "main", branches[0])):
            break
        time.sleep(0.1)
    [branch] = cms_branches(repo)
    return branch, diff


def changed(diff: str) -> list[str]:
    return [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def checked_out(repo: Path, branch: str) -> Path:
    pr = repo.parent / "pull-request"  # the branch checked out apart: decap-server keeps using its own tree
    git(repo, "worktree", "add", "-q", "--detach", str(pr), branch)
    valid = subprocess.run([*cli("validate"), str(pr / "data")],
                           capture_output=True, text=True)
    assert valid.returncode == 0, valid.stdout + valid.stderr
    return pr


def state_select(page, label: str):
    return page.get_by_role("combobox", name=label, exact=True)


def test_edit_45f34_in_the_form_gives_a_one_line_pull_request(cms):
    repo, watch = cms
    page = open_entry(watch, "producten-flevoland", "45f34")
    expect(state_select(page, "Maximale duur")).to_have_value("vermeld")
    box = duration_input(page)
    expect(box).to_have_value("9")
    box.fill("6")
    page.get_by_role("button", name="Opslaan").click()
    branch, diff = saved_diff(repo)
    assert changed(diff) == ["-    waarde: 9", "+    waarde: 6"]
    assert "data/products/flevoland/45f34.yaml" in diff
    pr = checked_out(repo, branch)
    report = subprocess.run([*cli("change_report"), "--repo", str(pr),
                             "--base", "main"], capture_output=True, text=True)
    assert report.returncode == 0, report.stderr
    line = next((line for line in report.stdout.splitlines() if "maximale duur" in line), report.stdout)
    assert "45F34" in report.stdout and line.strip().startswith("maximale duur: 9 maanden") and "→ 6 maanden" in line
    assert watch.foreign == [] and watch.csp_violations == []


def test_not_mentioned_in_the_source_is_one_choice_and_writes_the_house_form(cms):
    repo, watch = cms
    page = open_entry(watch, "producten-flevoland", "45f34")
    select = state_select(page, "Maximale duur")
    # Every state the model distinguishes is offered, as the site says it.
    assert select.locator("option").all_inner_texts() == [STATE_WORDS[s] for s in STATES]  # the view's words
    select.select_option("niet-vermeld")
    expect(duration_input(page)).to_have_count(0)  # the value's fields go with the state
    page.get_by_role("button", name="Opslaan").click()
    branch, diff = saved_diff(repo)
    assert changed(diff) == ["-  max_duur:", "-    tekst: Duur van een traject is maximaal 9 maanden", "-    waarde: 9",
                             "-    eenheid: maanden", "+  max_duur: {staat: niet-vermeld}"]
    pr = checked_out(repo, branch)
    data = yaml.safe_load((pr / "data/products/flevoland/45f34.yaml").read_text(encoding="utf-8"))
    assert data["normenkader"]["max_duur"] == {"staat": "niet-vermeld"}
    assert watch.foreign == [] and watch.csp_violations == []


@pytest.mark.parametrize("keep_quote", [True, False])
def test_a_blank_becomes_a_stated_value_in_its_long_form_with_a_quote_and_its_short_form_without(cms, keep_quote):
    repo, watch = cms
    page = open_entry(watch, "producten-flevoland", "45f34")
    state_select(page, "Tarief").select_option("vermeld")
    quote = page.get_by_role("textbox", name="Tarief: citaat", exact=False)
    expect(quote).to_have_value("Eenheid & tarief PxQ")  # the quote stays across the change of state
    if not keep_quote:
        quote.fill("")
    page.get_by_role("radiogroup", name="Bedrag").get_by_role("radio", name="Ingevuld").check()
    page.get_by_role("spinbutton", name="Bedrag: ingevuld", exact=True).fill("123.45")
    page.get_by_role("button", name="Opslaan").click()
    branch, diff = saved_diff(repo)
    if keep_quote:
        assert changed(diff) == ["-tarief: {staat: leeg, citaat: Eenheid & tarief PxQ}", "+tarief:", "+  staat: vermeld",
                                 "+  waarde:", "+    bedrag: 123.45", "+  citaat: Eenheid & tarief PxQ"]
    else:
        assert changed(diff) == ["-tarief: {staat: leeg, citaat: Eenheid & tarief PxQ}", "+tarief:", "+  bedrag: 123.45"]
    checked_out(repo, branch)  # the model and the provenance checks accept it
    assert watch.foreign == [] and watch.csp_violations == []


HOSTILE = '{{ 7*7 }} <script>alert(1)</script> ": x\n- y" {% raw %} &a *a !!python/object:os.system'


def test_hostile_text_typed_into_the_form_is_saved_as_an_inert_string(cms):
    repo, watch = cms
    page = open_entry(watch, "producten-flevoland", "45f34")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    state_select(page, "Status").select_option("afgeleid")
    page.get_by_role("combobox", name="Status: waarde", exact=True).click()  # Decap's select (react-select)
    page.get_by_role("option", name="concept", exact=True).click()
    page.get_by_role("textbox", name="Status: reden", exact=True).fill(HOSTILE)
    page.get_by_role("button", name="Opslaan").click()
    branch, diff = saved_diff(repo)
    lines = changed(diff)  # only the status block: the text is a literal block, its lines indented under reden
    assert lines[:5] == ["-status: {staat: niet-vermeld}", "+status:", "+  staat: afgeleid", "+  waarde: concept", "+  reden: |-"]
    assert all(line.startswith("+    ") for line in lines[5:])
    pr = checked_out(repo, branch)  # the model accepts it
    data = yaml.safe_load((pr / "data/products/flevoland/45f34.yaml").read_text(encoding="utf-8"))
    assert data["status"] == {"staat": "afgeleid", "waarde": "concept", "reden": HOSTILE}
    assert dialogs == [] and watch.foreign == [] and watch.csp_violations == []


def test_a_value_the_model_refuses_is_refused_in_the_form_with_its_dutch_message(cms):
    repo, watch = cms
    page = open_entry(watch, "producten-flevoland", "45f34")
    duration_input(page).fill("-3")
    page.get_by_role("textbox", name="Productcode: ingevuld").fill("45F-34")
    state_select(page, "Status").select_option("geen")  # 'geen' needs the source's words
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("de waarde '-3' is te klein: die moet groter zijn dan 0. Oplossing: vul een getal groter dan 0 in")).to_be_visible()
    expect(page.get_by_text("waarde '45F-34' heeft niet de juiste vorm. Oplossing: een iJw-productcode heeft 1 tot 5 "
                            "letters en cijfers")).to_be_visible()
    expect(page.get_by_text("Status: citaat is vereist")).to_be_visible()
    page.wait_for_timeout(1500)
    assert cms_branches(repo) == []  # nothing saved
    assert watch.foreign == [] and watch.csp_violations == []


def test_every_sourced_field_offers_every_state_of_the_model_and_the_served_config_is_current(built_site):
    """The configuration is generated from the JSON Schema at build time (never written by hand): the
    served config.yml is exactly what the current model and data give, and every field the model
    declares with sourced(...) is a pb-bron with all its states and, per state, the model's fields."""
    from macros.catalogue.loader import load_catalogue
    from macros.cms.config import cms_config, config_yaml
    from macros.model import Product
    from macros.model.sourced import STATES, sourced_field_names

    config = cms_config(load_catalogue(ROOT / "data"))
    assert (built_site / "beheer" / "config.yml").read_text(encoding="utf-8") == config_yaml(config)
    found: dict[str, list] = {}

    def walk(fields):
        for f in fields:
            if f.get("widget") == "pb-bron":
                found[f["name"]] = [(s["staat"], [v["name"] for v in s["velden"]]) for s in f["staten"]]
            for s in f.get("staten", []):
                walk(s["velden"])
            walk(f.get("fields", []))

    walk(config["collections"][0]["fields"])
    assert set(found) == sourced_field_names(Product)
    for name, states in found.items():
        assert states == [("vermeld", ["waarde", "citaat"]), ("geen", ["citaat"]), ("nader-te-bepalen", ["citaat"]),
                          ("leeg", ["citaat"]),
                          ("niet-vermeld", []), ("afgeleid", ["waarde", "reden", "citaat"])], name
        assert [s for s, _ in states] == list(STATES)


def test_without_the_npm_packages_the_site_still_builds_and_beheer_says_why(tmp_path, mkdocs_build):
    """A build from the Python set-up alone (no node_modules/): the productenboek is built strictly, and
    /beheer/ explains that the form is missing and what else works, instead of the whole build failing."""
    copy = tmp_path / "repo"
    tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-co", "--exclude-standard", "-z"],
                             check=True, capture_output=True).stdout.decode().split("\0")
    for rel in filter(None, tracked):
        if (ROOT / rel).is_file():
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, copy / rel)
    assert not (copy / "node_modules").exists()
    site = tmp_path / "site"
    r = mkdocs_build(site, cwd=copy, extra_env={"PYTHONPATH": str(copy)})
    assert r.returncode == 0, r.stderr[-2000:]
    html = (site / "beheer" / "index.html").read_text(encoding="utf-8")
    assert "Het beheerformulier zit niet in deze build" in html and "scripts/bootstrap.sh" in html
    assert "decap-cms.js" not in html and not (site / "assets" / "vendor").exists()
    assert (site / "flevoland" / "45f34" / "index.html").is_file()
