"""The CMS at /beheer/ for real: decap-server on a temporary repository, Decap CMS in headless Chromium.

The built site is served together with decap-server's API (same origin, as scripts/beheer.sh does);
the form edits 45F34, saves (editorial workflow: a branch cms/… in the repository, the local form of a
pull request), and the branch must differ from main by exactly the edited lines, validate, and show in
the change report.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from playwright.sync_api import expect

from conftest import ROOT, PageWatch, repo_copy
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
    return page.get_by_role("textbox", name="Waarde: ingevuld", exact=True)


def cms_branches(repo: Path) -> list[str]:
    # for-each-ref, not `git branch`: that marks a branch checked out in another worktree with "+ "
    return git(repo, "for-each-ref", "--format=%(refname:short)", "refs/heads/cms/").split()


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
    page.get_by_role("textbox", name="Bedrag: ingevuld", exact=True).fill("123.45")
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
    requirements = page.get_by_role("button", name="Eisen", exact=True)  # a requirement emptied, its section closed again
    requirements.click()
    page.get_by_role("textbox", name="Eis", exact=True).first.fill("")
    requirements.click()
    expect(requirements).to_have_attribute("aria-expanded", "false")
    page.get_by_role("button", name="Opslaan").click()
    expect(requirements).to_have_attribute("aria-expanded", "true")  # a closed section with a refused field opens
    expect(page.get_by_text("de tekst is leeg. Oplossing: vul tekst in")).to_be_visible()
    expect(page.get_by_text("de waarde '-3' is te klein: die moet groter zijn dan 0. Oplossing: vul een getal groter dan 0 in")).to_be_visible()
    expect(page.get_by_text("waarde '45F-34' heeft niet de juiste vorm. Oplossing: een iJw-productcode heeft 1 tot 5 "
                            "letters en cijfers")).to_be_visible()
    expect(page.get_by_text("Status: citaat: vul dit veld in.")).to_be_visible()
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


def test_the_served_config_is_json_that_yaml_and_json_readers_read_as_the_same_values():
    """config.yml is written as JSON (fast to write, read by the form with JSON.parse) and stays YAML:
    text a YAML reader would not read as itself (U+0085/U+2028/U+2029 are line breaks to YAML 1.1, DEL
    and C1 controls are not printable, a BOM) is escaped, so PyYAML and json read the same values."""
    import json

    from macros.cms.config import config_yaml

    hostile = {"naam": "é\u0085x\u2028y\u2029z\x7f\x9f\ufeff😀\t\n\"\\'# : - {x}",
               "waarden": [True, None, 12, 2.5, "yes", "no", "~", "null", "0x10", "1e3", "- x", ": y", "'", ""],
               "leeg": {}, "lijst": []}
    text = config_yaml(hostile)
    assert yaml.safe_load(text) == hostile
    assert json.loads("\n".join(line for line in text.split("\n") if not line.startswith("#"))) == hostile
    assert "é" in text and "😀" in text and not any(c in text for c in "\u0085\u2028\u2029\x7f\x9f\ufeff")


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(min_value=1e-4, max_value=1e15) | st.text(st.characters(codec="utf-8")),
    # numbers as the model holds them (finite, > 0) and as Python writes them without an exponent: PyYAML reads
    # "5e-324" or "1e+16" (no decimal point) as text, json.dumps writes them so; the form reads JSON
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(st.characters(codec="utf-8"), max_size=8), inner, max_size=4),
    max_leaves=12)


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(_VALUES)
def test_any_value_in_the_config_reads_back_the_same_as_yaml_and_as_json(value):
    """The property behind the hand-picked case above: whatever text the data holds (any character), the
    configuration written as JSON reads back as the same value through PyYAML and through json."""
    import json

    from macros.cms.config import config_yaml

    text = config_yaml({"x": value})
    assert yaml.safe_load(text) == {"x": value}
    assert json.loads("\n".join(line for line in text.split("\n") if not line.startswith("#"))) == {"x": value}


def test_without_the_npm_packages_the_site_still_builds_and_beheer_says_why(tmp_path, mkdocs_build):
    """A build from the Python set-up alone (no node_modules/): the productenboek is built strictly, and
    /beheer/ explains that the form is missing and what else works, instead of the whole build failing."""
    copy = repo_copy(tmp_path / "repo")
    assert not (copy / "node_modules").exists()
    site = tmp_path / "site"
    r = mkdocs_build(site, cwd=copy, extra_env={"PYTHONPATH": str(copy)})
    assert r.returncode == 0, r.stderr[-2000:]
    html = (site / "beheer" / "index.html").read_text(encoding="utf-8")
    assert "Het beheerformulier zit niet in deze build" in html and "scripts/bootstrap.sh" in html
    assert "decap-cms.js" not in html and not (site / "assets" / "vendor").exists()
    assert (site / "flevoland" / "45f34" / "index.html").is_file()


def open_form(watch: PageWatch, hash_path: str):
    page = watch.page
    already = page.url.startswith(watch.base)
    watch.goto(f"beheer/#/{hash_path}")
    if already:  # only the hash changed: load the page afresh, so the form shown is this entry's
        page.reload()
    save, login = page.get_by_role("button", name="Opslaan"), page.get_by_role("button", name="Inloggen")
    expect(save.or_(login)).to_be_visible(timeout=60_000)
    if login.is_visible():
        login.click()
    expect(save).to_be_visible(timeout=60_000)
    return page


def save_and_diff(page, repo: Path, before: set[str]) -> tuple[str, list[str]]:
    """Save, wait for the one new cms/ branch, and return it with its changed lines."""
    page.get_by_role("button", name="Opslaan").click()
    for _ in range(300):
        new = [b for b in cms_branches(repo) if b not in before]
        if new and (diff := git(repo, "diff", "--unified=0", "main", new[0])):
            # The form has finished saving (else leaving the page asks whether to drop the changes).
            expect(page.get_by_text("Wijzigingen opgeslagen", exact=True)).to_be_visible(timeout=30_000)
            return new[0], changed(diff)
        time.sleep(0.1)
    raise AssertionError("niets opgeslagen")


def fill_new_product(page, code: str | None, name: str) -> None:
    """A new product as an editor fills it in: code (or none), name, group and type, and for every part the
    source is silent on, 'niet vermeld in de bron'; the source document and section chosen."""
    codes = page.get_by_role("radiogroup", name="Productcode")
    if code is None:
        codes.get_by_role("radio", name="Geen").check()
    else:
        codes.get_by_role("radio", name="Ingevuld").check()
        page.get_by_role("textbox", name="Productcode: ingevuld").press_sequentially(code)
    page.get_by_role("textbox", name="Naam", exact=True).press_sequentially(name)
    state_select(page, "Productgroep").select_option(label="vermeld in de bron")  # a sourced value (issue 26)
    page.get_by_role("textbox", name="Productgroep: waarde", exact=True).press_sequentially("Multidisciplinaire Specialistische Jeugdhulp")
    page.get_by_role("combobox", name="Producttype", exact=True).click()
    page.get_by_role("option", name="Behandeling gezin", exact=True).click()
    for label in ["Status", "Gemeenten", "Omschrijving", "Doelgroep", "Eenheid", "Tarief", "Normenkader", "Functiemix"]:
        state_select(page, label).select_option(label="niet vermeld in de bron")
    page.get_by_role("combobox", name="Document", exact=True).click()
    page.get_by_role("option", name="002_b4979bd38850de40.txt", exact=False).click()
    page.get_by_role("textbox", name="Sectie", exact=True).press_sequentially(
        "3. Multidisciplinaire Specialistische Jeugdhulp Behandeling - Gezin intensief")


def test_a_policy_editors_tasks_typed_into_the_real_form_give_the_intended_diffs_and_change_report(cms):
    """A policy editor's five tasks typed as a person types them (keys, not values set by script), each saved
    as its own proposal (the local form of a pull request); together they validate and read in the change
    report as the editor meant them."""
    repo, watch = cms
    # 1. A tariff typed with a decimal comma.
    page = open_form(watch, "collections/producten-zuid-limburg/entries/51400")
    page.get_by_role("radiogroup", name="Bedrag").get_by_role("radio", name="Ingevuld").check()
    page.get_by_role("textbox", name="Bedrag: ingevuld", exact=True).press_sequentially("85,50")
    _, lines = save_and_diff(page, repo, set())
    assert lines == ["-  bedrag: null", "+  bedrag: 85.5"]
    # 2. A duration the source does not mention.
    page = open_form(watch, "collections/producten-flevoland/entries/45f21")
    state_select(page, "Maximale duur").select_option(label="niet vermeld in de bron")
    _, lines = save_and_diff(page, repo, set(cms_branches(repo)))
    assert lines[-1] == "+  max_duur: {staat: niet-vermeld}" and all(x.startswith("-") for x in lines[:-1])
    # 3. A product added: a code that is taken is refused, then a new one; every state chosen as the source says.
    page = open_form(watch, "collections/producten-flevoland/new")
    fill_new_product(page, "45F34", "Proefproduct gezinsbegeleiding")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("de code 45F34 bestaat al in deze regio (bestand 45f34.yaml)")).to_be_visible()
    code = page.get_by_role("textbox", name="Productcode: ingevuld")
    code.press("Control+a")  # select the code and type over it
    code.press_sequentially("45F99")
    _, lines = save_and_diff(page, repo, set(cms_branches(repo)))
    assert lines[:3] == ["+code: 45F99", "+naam: Proefproduct gezinsbegeleiding",
                         "+productgroep: Multidisciplinaire Specialistische Jeugdhulp"]
    assert "+status: {staat: niet-vermeld}" in lines and all(x.startswith("+") for x in lines)
    assert (repo / ".git").exists() and "cms/producten-flevoland/45f99" in cms_branches(repo)
    # 3b. A product without a code: its file is named after it, not 'null'.
    page = open_form(watch, "collections/producten-flevoland/new")
    fill_new_product(page, None, "Ambulante gezinsbegeleiding (proef)")
    branch, lines = save_and_diff(page, repo, set(cms_branches(repo)))
    assert branch == "cms/producten-flevoland/ambulante-gezinsbegeleiding-proef" and lines[0] == "+code: null"
    # 4. A product retired: the editors' inference, with their reason. (One no decision tree or other product
    # points to: retiring 45F22 is refused by the validation, as a tree still sends readers there.)
    page = open_form(watch, "collections/producten-zuid-limburg/entries/35100")
    state_select(page, "Status").select_option(label="afgeleid door de redactie")
    page.get_by_role("combobox", name="Status: waarde", exact=True).click()
    page.get_by_role("option", name="vervallen", exact=True).click()
    page.get_by_role("textbox", name="Status: reden", exact=True).press_sequentially("Vervalt per 1 januari volgens het besluit van de regio")
    _, lines = save_and_diff(page, repo, set(cms_branches(repo)))
    assert lines == ["-status: {staat: niet-vermeld}",
                     "+status: {staat: afgeleid, waarde: vervallen, reden: Vervalt per 1 januari volgens het besluit van de regio}"]
    # 5. A typo fixed in a requirement: one word retyped inside the text.
    page = open_form(watch, "collections/producten-flevoland/entries/45f34")
    requirements = page.get_by_role("button", name="Eisen", exact=True)  # an optional section: closed until opened
    expect(requirements).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("textbox", name="Eis", exact=True)).to_have_count(0)
    requirements.click()
    requirement = page.get_by_role("textbox", name="Eis", exact=True).first
    old = requirement.input_value()
    requirement.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Backspace")  # the final full stop, retyped as a person corrects a typo
    page.keyboard.type(".")
    page.keyboard.press("Control+Home")
    page.keyboard.press("Delete")
    page.keyboard.type("v")  # "Voor" -> "voor" -> "Voor": no change yet
    page.keyboard.press("Control+Home")
    page.keyboard.press("Delete")
    page.keyboard.type("V")
    assert requirement.input_value() == old
    words = old.split(" ")
    fixed = " ".join([*words[:-1], words[-1].replace("behandeling", "behandelingen")])
    requirement.fill(fixed[:-1])
    requirement.press("End")
    page.keyboard.type(fixed[-1])
    _branch, lines = save_and_diff(page, repo, set(cms_branches(repo)))
    assert len(lines) == 2 and lines[0].endswith(old) and lines[1].endswith(fixed)
    # Together: valid, and in the change report as meant.
    pr = repo.parent / "merged"
    git(repo, "worktree", "add", "-q", "-b", "merged", str(pr), "main")
    for b in cms_branches(repo):
        git(pr, "-c", "user.name=T", "-c", "user.email=t@example.org", "merge", "-q", "--no-edit", b)
    valid = subprocess.run([*cli("validate"), str(pr / "data")], capture_output=True, text=True)
    assert valid.returncode == 0, valid.stdout + valid.stderr
    report = subprocess.run([*cli("change_report"), "--repo", str(pr), "--base", "main"], capture_output=True, text=True)
    assert report.returncode == 0, report.stderr
    text = report.stdout
    assert "85,50" in text or "85,5" in text, text
    assert "45F99" in text and "Ambulante gezinsbegeleiding (proef)" in text
    assert "niet vermeld in de bron" in text and "vervallen" in text and "behandelingen" in text, text
    assert watch.foreign == [] and watch.csp_violations == []


@pytest.mark.parametrize(("typed", "meant"), [("2,5", "2.5"), (" 7 ", "7"), ("1.5", "1.5")])
def test_a_duration_typed_with_a_comma_or_point_is_saved_as_the_number_meant(cms, typed, meant):
    repo, watch = cms
    page = open_entry(watch, "producten-flevoland", "45f34")
    box = duration_input(page)
    box.fill("")
    box.press_sequentially(typed)
    page.get_by_role("button", name="Opslaan").click()
    _, diff = saved_diff(repo)
    assert changed(diff) == ["-    waarde: 9", f"+    waarde: {meant}"]


def test_a_number_that_is_empty_or_unclear_is_refused_in_lower_case_and_nothing_is_saved(cms):
    """One page, each value typed in turn (a form start per case cost the suite 20 s each)."""
    repo, watch = cms
    page = open_entry(watch, "producten-flevoland", "45f34")
    box = duration_input(page)
    for typed, reason in [("1e3", "'1e3' is geen getal"), ("1.250", "kan twee getallen zijn"),
                          ("9 maanden", "is geen getal"), ("", "het veld is leeg")]:
        box.fill("")
        if typed:
            box.press_sequentially(typed)
        page.get_by_role("button", name="Opslaan").click()
        message = page.locator("li", has_text=reason).first
        expect(message).to_be_visible()
        assert message.evaluate("e => getComputedStyle(e).textTransform") == "none", typed
        assert reason in message.inner_text(), typed  # shown as written, not in capitals
    page.wait_for_timeout(1000)
    assert cms_branches(repo) == []


def test_a_changed_duration_whose_source_text_still_says_the_old_one_is_flagged(cms):
    _repo, watch = cms
    page = open_entry(watch, "producten-flevoland", "45f34")
    duration_input(page).fill("6")
    expect(page.get_by_role("status").filter(has_text="noemt 6 niet")).to_be_visible()
    duration_input(page).fill("9")
    expect(page.get_by_role("status").filter(has_text="noemt")).to_have_count(0)


def test_the_form_page_has_a_dutch_sign_in_text_a_main_landmark_and_a_phone_page(cms):
    _repo, watch = cms
    page = watch.page
    watch.goto("beheer/")
    expect(page.get_by_role("button", name="Inloggen")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Alleen wie van de regio toegang heeft gekregen")).to_be_visible()
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator("main#nc-root")).to_be_visible(timeout=60_000)
    assert page.get_by_role("heading", level=1).count() >= 1
    # axe-core (evaluated through the browser's debugger, which the page's policy does not govern)
    page.evaluate((ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8"))
    found = page.evaluate("() => axe.run(document, {runOnly: {type: 'rule', values: ['landmark-one-main', "
                          "'page-has-heading-one', 'html-has-lang', 'document-title']}})"
                          ".then(r => r.violations.map(v => v.id))")
    assert found == []
    # In the editor: buttons named in Dutch (react-select's "Remove Almere", list items' × and drag handles).
    page.goto(watch.base + "beheer/#/collections/producten-flevoland/entries/45f34")
    page.reload()
    expect(duration_input(page)).to_have_value("9", timeout=60_000)
    expect(page.get_by_role("button", name="Verwijder Almere")).to_have_count(1)
    # The sections: a heading each, whose button says whether it is open; opened from the keyboard.
    assert page.get_by_role("heading", level=2).all_inner_texts() == ["Kern", "Bron", "Duur en omvang", "Functiemix",
                                                                      "Eisen", "Samenloop", "Opmerkingen"]
    overlap = page.get_by_role("button", name="Samenloop", exact=True)
    expect(overlap).to_have_attribute("aria-expanded", "false")
    overlap.focus()
    page.keyboard.press("Enter")
    expect(overlap).to_have_attribute("aria-expanded", "true")
    page.evaluate((ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8"))
    # WCAG 2.1 A and AA (the whole editor, with a section opened), and the landmark and heading rules the issue names.
    found = page.evaluate("() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', "
                          "'wcag21aa']}}).then(r => r.violations.map(v => v.id + ' ' + v.nodes.map(n => n.html.slice(0, 120))))")
    found += page.evaluate("() => axe.run(document, {runOnly: {type: 'rule', values: ['button-name', 'aria-command-name', "
                           "'landmark-one-main', 'page-has-heading-one', 'heading-order', 'empty-heading']}})"
                           ".then(r => r.violations.map(v => v.id))")
    assert found == []
    assert page.locator('[aria-label^="Remove "]').count() == 0
    page.set_viewport_size({"width": 375, "height": 800})
    expect(page.get_by_role("heading", name="Gebruik een groter scherm")).to_be_visible()
    expect(page.get_by_role("button", name="Opslaan").or_(page.get_by_role("link", name="Gegevens"))).to_have_count(0)


def test_numbers_typed_in_any_habit_read_as_meant_or_are_refused_property():
    """fast-check (fixed seed): every habit of writing a number reads as that number; any string of digits,
    commas, points, spaces, signs and e is refused with a Dutch reason or reads as exactly its digits."""
    script = ROOT / "tests" / "js" / "number_property.mjs"
    result = subprocess.run(["node", "--no-warnings", str(script), "20261206", "1500"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.startswith("ok: 1500 runs")


def test_the_form_speaks_a_policy_editors_words_not_the_data_files():
    """Derived from the generated configuration: no label, help text or choice anywhere in the form says null,
    a file path, an id, 'item', a list mark or a quoted constant; and states read as the site shows them."""
    import re

    from macros.catalogue.loader import load_catalogue
    from macros.cms.config import cms_config
    from macros.model.sourced import STATE_LABELS

    config = cms_config(load_catalogue(ROOT / "data"))
    technical = re.compile(r"\{staat\b|\bnull\b|data/|\.ya?ml\b|\.txt\b|\[\]|\bid\b|\bitem\b|'alle'|schrijf dan", re.I)
    found, states = [], set()

    def walk(fields, where):
        for f in fields:
            here = f"{where}.{f['name']}"
            for key in ("label", "hint", "label_singular"):
                if technical.search(str(f.get(key, ""))):
                    found.append((here, f[key]))
            for k in f.get("keuzes", []):
                if technical.search(k["label"]):
                    found.append((here, k["label"]))
                if "veld" in k:
                    walk([k["veld"]], here)
            for s in f.get("staten", []):
                states.add((s["staat"], s["label"]))
                walk(s["velden"], here)
            walk(f.get("fields", []) + f.get("pb_velden", []) + ([f["field"]] if "field" in f else []), here)

    for c in config["collections"]:
        walk(c.get("fields", []), c["name"])
        for fl in c.get("files", []):
            walk(fl["fields"], c["name"])
    assert found == []
    assert states == set(STATE_LABELS.items())  # every state, in the site's words, from the model (never hard-coded)
    # The messages the widgets show (every message('kind') in widgets.js): no YAML advice, no placeholder they do not fill.
    from macros.cms.config import model_data

    messages = model_data()["berichten"]
    kinds = set(re.findall(r"message\('(\w+)'", (ROOT / "overrides/assets/cms/widgets.js").read_text(encoding="utf-8")))
    assert len(kinds) >= 10
    for kind in kinds:
        text = " ".join(messages[kind])
        assert not technical.search(text) and not re.search(r"aanhalingstekens|decimaalteken|\{invoer_|\{\{", text), (kind, text)


def test_every_product_passes_the_forms_whole_entry_check_and_any_number_left_wrong_is_refused(tmp_path):
    """entry_check.js (what preSave and prePublish run) on every product file as it is: accepted; with any one
    number replaced by what a person might leave in it ('', '2,5' as text, '1e3'): refused. So an entry that
    fails validation is neither saved nor published, whatever state it was loaded in."""
    import json

    from macros.catalogue.loader import load_catalogue
    from macros.cms.config import cms_config, model_data

    (tmp_path / "config.json").write_text(json.dumps(cms_config(load_catalogue(ROOT / "data"))), encoding="utf-8")
    (tmp_path / "model.json").write_text(json.dumps(model_data()), encoding="utf-8")
    result = subprocess.run(["node", "--no-warnings", str(ROOT / "tests" / "js" / "entry_check.mjs"),
                             str(tmp_path / "config.json"), str(tmp_path / "model.json"), str(ROOT / "data")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    files, refused = (int(w) for w in re.findall(r"\d+", result.stdout)[:2])
    assert files >= 60 and refused >= 3 * 50


def test_the_product_form_is_in_sections_with_the_optional_ones_closed_and_files_keep_their_flat_keys(built_site, tmp_path):
    """The served configuration has the product form in its sections (Kern, Bron, Duur en omvang, Functiemix, Eisen,
    Samenloop, Opmerkingen), every model field in exactly one, in the model's order, and a section closed exactly when
    the model requires none of its fields. The YAML format flattens the sections again: on every product file the
    round trip is exact and a one-field edit is a one-line diff (tests/js/groups.mjs)."""
    import json

    from macros.model import Product

    config = yaml.safe_load((built_site / "beheer" / "config.yml").read_text(encoding="utf-8"))
    model = json.loads((built_site / "beheer" / "model.json").read_text(encoding="utf-8"))
    products = [c for c in config["collections"] if c["name"].startswith("producten-")]
    assert len(products) >= 4
    for c in products:
        sections = c["fields"]
        assert [s["label"] for s in sections] == ["Kern", "Bron", "Duur en omvang", "Functiemix", "Eisen", "Samenloop",
                                                  "Opmerkingen"]
        assert all(s["widget"] == "pb-groep" for s in sections)
        names = [f["name"] for s in sections for f in s["fields"]]
        assert sorted(names) == sorted(Product.model_fields)  # each field once
        order = list(Product.model_fields)
        for s in sections:
            inside = [f["name"] for f in s["fields"]]
            assert inside == sorted(inside, key=order.index)  # the model's order within a section
            required = [n for n in inside if Product.model_fields[n].is_required()]
            assert s["collapsed"] == (not required), s["label"]
        assert {s["name"]: [f["name"] for f in s["fields"]] for s in sections} == model["groepen"]["product"]
        # Decap's templates and searches reach the code and the name inside their section
        assert c["identifier_field"] == "groep_kern.naam" and c["summary"] == "{{groep_kern.code}} {{groep_kern.naam}}"
    assert [s["collapsed"] for s in products[0]["fields"]] == [False, False, False, False, True, True, True]
    result = subprocess.run(["node", "--no-warnings", str(ROOT / "tests" / "js" / "groups.mjs"),
                             str(built_site / "beheer" / "model.json"), str(ROOT / "data")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    files, edits = (int(w) for w in re.findall(r"\d+", result.stdout)[:2])
    assert files >= 60 and edits >= files


def commit_elsewhere(repo: Path, branch: str, path: str, old: str, new: str) -> None:
    """A commit on `branch` made outside the form (a push to the pull request's branch), without touching a work
    tree: the file with `old` replaced by `new`."""
    import os

    text = git(repo, "show", f"{branch}:{path}")
    assert old in text
    blob = subprocess.run(["git", "-C", str(repo), "hash-object", "-w", "--stdin"], input=text.replace(old, new, 1),
                          check=True, capture_output=True, text=True).stdout.strip()
    env = {**os.environ, "GIT_INDEX_FILE": str(repo.parent / "elsewhere.index")}
    run = lambda *a: subprocess.run(["git", "-C", str(repo), *a], env=env, check=True, capture_output=True,  # noqa: E731
                                    text=True).stdout.strip()
    run("read-tree", branch)
    run("update-index", "--cacheinfo", f"100644,{blob},{path}")
    commit = run("-c", "user.name=Elders", "-c", "user.email=elders@example.org", "commit-tree", run("write-tree"),
                 "-p", branch, "-m", "elders gewijzigd")
    run("update-ref", f"refs/heads/{branch}", commit)


def test_publishing_goes_concept_review_ready_and_an_entry_that_fails_validation_cannot_be_published(cms):
    """The publish controls as an editor uses them: the status menu offers Concept / Wordt beoordeeld / Klaar, and
    every dialog names those statuses; an entry whose saved version fails validation (here an emptied number,
    committed on its branch outside the form) is refused at publishing with a Dutch message naming the field, and
    main is untouched; corrected in the form and saved, the same entry is published to main as one line."""
    repo, watch = cms
    page = open_form(watch, "collections/producten-flevoland/entries/45f21")
    dialogs: list[tuple[str, str]] = []
    page.on("dialog", lambda d: (dialogs.append((d.type, d.message)), d.accept()))
    name_box = page.get_by_role("textbox", name="Naam", exact=True)
    name_box.press("End")
    name_box.press_sequentially(" (proef)")
    branch, _ = save_and_diff(page, repo, set())
    commit_elsewhere(repo, branch, "data/products/flevoland/45f21.yaml", "    waarde: 12\n", "    waarde: ''\n")
    page = open_form(watch, "collections/producten-flevoland/entries/45f21")
    status = lambda: git(repo, "config", f"branch.{branch}.description").strip()  # noqa: E731
    publish = page.get_by_role("button", name="Publiceer", exact=True)
    # Publishing a draft: the dialog names the status the menu offers.
    publish.click()
    page.get_by_role("menuitem", name="Publiceer nu").click()
    expect(page.get_by_role("button", name="Status: Concept")).to_be_visible()
    assert dialogs == [("alert", 'Zet de status op "Klaar" voordat je publiceert.')]
    page.get_by_role("button", name="Status: Concept").click()
    assert page.get_by_role("menuitem").all_inner_texts() == ["Concept", "Wordt beoordeeld", "Klaar"]
    page.get_by_role("menuitem", name="Wordt beoordeeld").click()
    expect(page.get_by_role("button", name="Status: Wordt beoordeeld")).to_be_visible()
    assert status().endswith("/pending_review")
    page.get_by_role("button", name="Status: Wordt beoordeeld").click()
    page.get_by_role("menuitem", name="Klaar").click()
    expect(page.get_by_role("button", name="Status: Klaar")).to_be_visible()
    assert status().endswith("/pending_publish")
    main_before = git(repo, "rev-parse", "main").strip()
    publish.click()
    page.get_by_role("menuitem", name="Publiceer nu").click()
    expect(page.get_by_text("Niet gepubliceerd: Duur en omvang › Normenkader: waarde › Maximale duur: waarde › Waarde: "
                            "het veld is leeg. Oplossing: typ een getal").first).to_be_visible()
    assert dialogs[1] == ("confirm", "Weet je zeker dat je deze wijziging wilt publiceren? Daarna staat ze in het productenboek.")
    page.wait_for_timeout(1000)
    assert git(repo, "rev-parse", "main").strip() == main_before and branch in cms_branches(repo)
    for _, text in dialogs:
        assert "Voltooid" not in text and all(w in ("Concept", "Wordt beoordeeld", "Klaar")
                                              for w in re.findall(r'"([^"]+)"', text))
    # Corrected in the form, saved: now it can be published, and main gets exactly the intended line.
    duration = duration_input(page)
    expect(duration).to_have_value("")
    duration.press_sequentially("12")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Wijzigingen opgeslagen", exact=True)).to_be_visible(timeout=30_000)
    if not page.get_by_role("button", name="Status: Klaar").is_visible():
        page.get_by_role("button", name=re.compile("^Status: ")).click()
        page.get_by_role("menuitem", name="Klaar").click()
        expect(page.get_by_role("button", name="Status: Klaar")).to_be_visible()
    publish.click()
    page.get_by_role("menuitem", name="Publiceer nu").click()
    for _ in range(300):
        if git(repo, "rev-parse", "main").strip() != main_before:
            break
        time.sleep(0.1)
    assert changed(git(repo, "diff", "--unified=0", main_before, "main")) == [
        "-naam: Multidisciplinaire Specialistische Jeugdhulp Specialistische Begeleiding – Individueel",
        "+naam: Multidisciplinaire Specialistische Jeugdhulp Specialistische Begeleiding – Individueel (proef)"]
    assert watch.foreign == [] and watch.csp_violations == []


def test_form_inputs_the_issue_does_not_list_are_read_as_meant_or_refused_with_their_fix(cms):
    """Held-out inputs typed into the real form, one page: each unclear one is refused in Dutch with its reason and fix
    (nothing saved); then a grouped number with blanks, a euro sign before an amount and text pasted with line breaks
    into a one-line field are saved as meant, in exactly their lines."""
    repo, watch = cms
    watch.page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=watch.base.rstrip("/"))
    page = open_form(watch, "collections/producten-zuid-limburg/entries/51400")
    page.get_by_role("radiogroup", name="Bedrag").get_by_role("radio", name="Ingevuld").check()
    amount = page.get_by_role("textbox", name="Bedrag: ingevuld", exact=True)
    for typed, reason in [("1.000", "'1.000' kan twee getallen zijn (1000 of 1,000). Oplossing: typ 1000 zonder punt"),
                          ("twee", "'twee' is geen getal. Oplossing: typ alleen cijfers"),
                          ("85 €/uur", "'85 €/uur' is geen getal"),
                          ("-2", "de waarde '-2' is te klein: die moet groter zijn dan 0. Oplossing: vul een getal groter dan 0 in"),
                          ("85,5,0", "'85,5,0' heeft meer dan één decimaalteken. Oplossing: typ één komma")]:
        amount.fill("")
        amount.press_sequentially(typed)
        page.get_by_role("button", name="Opslaan").click()
        expect(page.locator("li", has_text=reason).first).to_be_visible()
    page.wait_for_timeout(500)
    assert cms_branches(repo) == []  # nothing saved
    amount.fill("")
    amount.press_sequentially("€ 1 250,5")
    name_box = page.get_by_role("textbox", name="Naam", exact=True)
    page.evaluate("t => navigator.clipboard.writeText(t)", "Ambulante hulp\nmet een nacht\r\nlogeren")
    name_box.fill("")
    name_box.focus()
    page.keyboard.press("Control+V")  # a one-line field: the line breaks become spaces, as the person saw them
    expect(name_box).to_have_value("Ambulante hulp met een nacht logeren")
    _, lines = save_and_diff(page, repo, set())
    assert [x for x in lines if x.startswith("+")] == ["+naam: Ambulante hulp met een nacht logeren", "+  bedrag: 1250.5"]
    assert len(lines) == 4
