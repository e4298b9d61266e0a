"""What the source says, said the same way everywhere: the shape of a sourced value, its Dutch messages,
and the real site's pages for the cases the audit found (issue 17)."""

from __future__ import annotations

import csv
import io
import json
import re

import jsonschema
import pytest
from pydantic import BaseModel, ValidationError

from conftest import ROOT
from helpers import PRODUCT, errors_of, minimal_data, write
from macros.catalogue.loader import load_catalogue
from macros.exports import COLUMNS
from macros.model import Tarief
from macros.model.sourced import sourced, state_of, value_of
from macros.view.values import Shown, shown, tariff_text


class M(BaseModel):
    tarief: sourced(Tarief, "Tarief")


@pytest.mark.parametrize("raw, state, plain", [
    ({"bedrag": 85.5, "per": "uur"}, "vermeld", "€ 85,50 per uur"),
    ({"staat": "vermeld", "waarde": {"bedrag": 10, "per": "uur"}, "citaat": "€ 10 per uur"}, "vermeld", "€ 10,00 per uur"),
    ({"staat": "geen", "citaat": "Code zonder tarief"}, "geen", "geen, volgens de bron: “Code zonder tarief”"),
    ({"staat": "nader-te-bepalen", "citaat": "Aantal bijeenkomsten nader te bepalen"}, "nader-te-bepalen",
     "nader te bepalen volgens de bron: “Aantal bijeenkomsten nader te bepalen”"),
    ({"staat": "leeg"}, "leeg", "niet gepubliceerd in de bron"),
    ({"staat": "niet-vermeld"}, "niet-vermeld", "niet vermeld in de bron"),
    ({"staat": "afgeleid", "waarde": {"bedrag": None, "per": "uur"}, "reden": "De kop zegt 'per uur'."}, "afgeleid",
     "niet gepubliceerd in de bron, per uur (afgeleid door de redactie: De kop zegt 'per uur'.)"),
])
def test_every_state_reads_and_is_said(raw, state, plain):
    v = M.model_validate({"tarief": raw}).tarief
    assert state_of(v) == state and shown(v, tariff_text).plain == plain
    assert bool(value_of(v)) == (state in ("vermeld", "afgeleid"))
    assert (not v) == (state in ("geen", "nader-te-bepalen", "leeg", "niet-vermeld"))  # never mistaken for a value


@pytest.mark.parametrize("raw", [None, {"staat": "onbekend"}, {"staat": "afgeleid", "waarde": {"bedrag": 1}},
                                 {"staat": "geen"}, {"staat": "nader-te-bepalen"}, {"staat": "nader-te-bepalen", "citaat": " "},
                                 {"staat": "nader-te-bepalen", "citaat": "x", "waarde": {"bedrag": 1}},
                                 {"staat": "leeg", "bedrag": 3}])
def test_invalid_shapes_are_refused(raw):
    with pytest.raises(ValidationError):
        M.model_validate({"tarief": raw})


def test_json_schema_has_one_branch_per_state():
    schema = json.loads((ROOT / "content/schema/product.schema.json").read_text(encoding="utf-8"))
    tariff = schema["properties"]["tarief"]["oneOf"]
    assert [b.get("$ref", "").rsplit("/", 1)[-1] for b in tariff] == [
        "Tarief", "VermeldTarief", "Geen", "NaderTeBepalen", "Leeg", "NietVermeld", "AfgeleidTarief"]
    assert schema["$defs"]["NaderTeBepalen"]["required"] == ["staat", "citaat"]
    assert "reden" in schema["$defs"]["AfgeleidTarief"]["required"]
    ok = {"staat": "afgeleid", "waarde": "concept", "reden": "x"}
    jsonschema.validate(ok, {"$defs": schema["$defs"], **schema["properties"]["status"]})
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"staat": "afgeleid", "waarde": "concept"}, {"$defs": schema["$defs"], **schema["properties"]["status"]})


@pytest.mark.parametrize("replace, field, problem, fix", [
    ("tarief: null", "tarief", "null zegt niet wat de bron doet", "{staat: niet-vermeld}"),
    ("tarief: {staat: weg}", "tarief", "onbekende staat 'weg'", "vermeld, geen, nader-te-bepalen, leeg, niet-vermeld, afgeleid"),
    ("tarief: {staat: afgeleid, waarde: {bedrag: 10}}", "tarief.reden", "ontbreekt", "voeg het veld toe"),
    ("tarief: {staat: geen}", "tarief.citaat", "ontbreekt", "voeg het veld toe"),
    ("tarief: {staat: nader-te-bepalen}", "tarief.citaat", "ontbreekt", "voeg het veld toe"),
    ("tarief: {staat: vermeld, waarde: {bedrag: tien}}", "tarief.waarde.bedrag", "verwacht een getal", "zonder aanhalingstekens"),
])
def test_dutch_messages_for_sourced_values(tmp_path, replace, field, problem, fix):
    data = minimal_data(tmp_path)
    write(data / "products/testregio/45f21.yaml", PRODUCT.replace("tarief: {staat: leeg}", replace))
    (f,) = [f for f in errors_of(data) if f.file.endswith("45f21.yaml")]
    assert f.field == field and f.line == 10 and problem in f.problem and fix in f.fix


def test_notes_must_name_existing_fields(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "products/testregio/45f21.yaml", PRODUCT + "opmerkingen:\n  - {velden: [gemeentes], tekst: x}\n")
    (f,) = errors_of(data)
    assert "veld 'gemeentes'" in f.problem and f.file.endswith("45f21.yaml")


def test_hostile_values_in_states_are_escaped(tmp_path):
    from macros.components import products as c

    data = minimal_data(tmp_path)
    write(data / "products/testregio/45f21.yaml", PRODUCT.replace(
        "tarief: {staat: leeg}", 'tarief: {staat: afgeleid, waarde: {bedrag: 1, per: "<b>uur</b>"}, '
        'reden: "<script>alert(1)</script>{{ 7*7 }}"}').replace(
        "doelgroep: {staat: niet-vermeld}", 'doelgroep: {staat: geen, citaat: "<img src=x onerror=alert(2)>"}')
          + "opmerkingen:\n  - {velden: [tarief], tekst: \"<img src=y onerror=alert(3)> [x](javascript:alert(4))\"}\n")
    cat = load_catalogue_lenient(data)
    p = cat.product("testregio/45f21")
    for html in (str(c.product_facts(cat, p)), str(c.product_page(cat, p)), str(c.product_table(cat, [p]))):
        assert "<script>" not in html and "<img" not in html and "<b>uur" not in html and "javascript:" not in html
    html = str(c.product_page(cat, p))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}" in html and "&lt;img src=x onerror=alert(2)&gt;" in html


def load_catalogue_lenient(data):
    """The catalogue even when a quote is not in the source (that check is tested elsewhere): the
    rendering must be safe for whatever passes the model."""
    from macros.catalogue import loader, provenance

    real = provenance.run_checks
    provenance.run_checks = lambda cat, data_map: []
    try:
        return loader.load_catalogue(data)
    finally:
        provenance.run_checks = real


# --- the real site, for the cases the audit found --------------------------------------------------------


def page(built_site, path: str) -> str:
    return (built_site / path / "index.html").read_text(encoding="utf-8")


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#34;", '"').replace("&#39;", "'").split())


def fact(html: str, field: str) -> str:
    return text(html.split(f'data-veld="{field}"', 1)[1].split("</div>", 1)[0].split(">", 1)[1])


def test_stated_absence_is_not_a_blank(built_site):
    tariff = fact(page(built_site, "haaglanden/systeemproducten-dummycode"), "tarief")
    assert tariff.startswith("Tarief geen (volgens de bron:") and "Code zonder tarief" in tariff
    assert "niet gepubliceerd" not in tariff


def test_guideline_is_not_a_maximum(built_site):
    html = page(built_site, "haaglanden/54002")
    facts = html.split('class="pb-facts"', 1)[1].split("</dl>", 1)[0]
    assert "Richtinggevende duur" in facts and "Maximale duur" not in facts
    assert "12 maanden (richtinggevend kader; geen maximum: afgeleid door de redactie)" in text(facts)
    nk = page(built_site, "haaglanden/normenkader")
    maxima, guideline = nk.split('id="normenkader-rgk-caption"', 1)
    assert "54002" not in maxima.split('id="normenkader-max-caption"', 1)[1] and "54002" in guideline
    assert "41C01" in maxima


def test_municipality_pages_keep_the_ambiguity_and_say_what_is_unknown(built_site):
    lelystad = text(page(built_site, "gemeenten/lelystad"))
    elsewhere = lelystad.split("Volgens de bron niet in deze gemeente", 1)[1]
    assert "45F21" in elsewhere and "Onduidelijk in de bron: Bij Gemeenten staat in de bron" in elsewhere and "Alle" in elsewhere
    westland = text(page(built_site, "gemeenten/westland"))
    assert "gelden volgens de gegevens 0 producten" in westland and "Van 10 producten zegt de bron niet in welke gemeenten" in westland
    assert "Bron noemt geen gemeenten" in westland


def test_tree_outcomes_show_notes_and_editorial_aids(built_site):
    low_short = text(page(built_site, "beslisbomen/zl-begeleiding-individueel").split('id="begeleiding-laag-kort"', 1)[1].split("</section>", 1)[0])
    assert "Eenheid: niet vermeld in de bron" in low_short and "Onduidelijk in de bron: De matrixcel drukt alleen" in low_short
    assert "Bron: “84110 €”" in low_short.replace("“ ", "“").replace(" ”", "”")
    hl = text(page(built_site, "beslisbomen/haaglanden-systeemproducten"))
    assert "Hulpmiddel van de redactie: De bron noemt de regel voor systeemproducten alleen" in hl
    assert "concept (afgeleid door de redactie" in hl


def test_no_ijw_category_without_a_source_saying_so(built_site):
    html = page(built_site, "flevoland/45f21")
    assert "Jeugdhulp ambulant" not in html and fact(html, "ijw").startswith("iJw-categorie niet vermeld in de bron")


def machine_rows(path) -> list[dict]:
    """A CSV export's rows keyed by the columns' machine names (the documented header mapping)."""
    name = {k.header: k.name for k in COLUMNS}
    rows = csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";")
    header = [name[k] for k in next(rows)]
    return [dict(zip(header, r, strict=True)) for r in rows]


def test_comparisons_and_exports_carry_the_notes(built_site):
    compare = text(page(built_site, "flevoland/vergelijken"))
    assert "[onduidelijk in de bron: Bij Gemeenten staat in de bron" in compare
    picker = json.loads((built_site / "vergelijken/flevoland.json").read_text(encoding="utf-8"))  # per region
    w = next(p for p in picker["producten"] if p["ref"] == "flevoland/45f22")["waarden"]
    assert "UrkAlle" in w["gemeenten"] and "niet vermeld in de bron" in picker["leeg"]
    rows = machine_rows(built_site / "open-data/flevoland.csv")
    r21 = next(r for r in rows if r["code"] == "45F21")
    assert r21["opmerkingen"].startswith("[gemeenten] Bij Gemeenten staat in de bron: \"Almere , Dronten , Noordoostpolder en Urk Alle\"")
    assert r21["status"] == "niet vermeld in de bron" and r21["tarief_status"] == "niet gepubliceerd in de bron"
    assert r21["bron_url"].endswith("bronnen/002_b4979bd38850de40/#7-multidisciplinaire-specialistische-jeugdhulp-specialistische-begeleiding-individueel")
    rgk = next(r for r in machine_rows(built_site / "open-data/haaglanden.csv") if r["code"] == "54002")
    assert rgk["maximale_duur"].startswith("geen maximum") and rgk["maximale_duur_waarde"] == ""
    assert rgk["richtinggevende_duur"].startswith("12 maanden") and rgk["soort_kader"] == "richtinggevend kader"


def test_shown_is_plain_text():
    s = Shown("afgeleid", "alle", reason="r")
    assert s.plain == "alle (afgeleid door de redactie: r)" and s.has_value


def test_a_fact_refers_to_its_note_once_shown_in_full(built_site):
    """54002's note about the guideline concerns status, duration and volume: the 'Let op' list has it in
    full once, each of those facts refers to it by number with a working link."""
    html = page(built_site, "haaglanden/54002")
    box = html.split('class="admonition warning pb-opmerkingen"', 1)[1].split("</div>", 1)[0]
    numbers = re.findall(r'<li id="opmerking-(\d+)">', box)
    assert numbers == [str(i) for i in range(1, len(numbers) + 1)]
    full = text(box.split('id="opmerking-1">', 1)[1].split("</li>", 1)[0])
    assert text(html).count(full) == 1  # not repeated under each fact
    for field in ("status", "duur", "volume"):
        assert "Onduidelijk in de bron: zie opmerking 1 bij “Let op”" in fact(html, field), field
    assert html.count('href="#opmerking-1"') == 3


# --- issue 26: a state means what it says, an inference is one on every surface, no machine words ---------


def test_a_deferral_is_said_as_a_deferral_on_the_page_and_in_the_export(built_site):
    cat = load_catalogue(ROOT / "data")
    deferred = [p for p in cat.producten.values()
                if value_of(p.normenkader) and state_of(value_of(p.normenkader).max_duur) == "nader-te-bepalen"]
    assert {"45F22", "45F32"} <= {p.code for p in deferred}
    for p in deferred:
        quote = value_of(p.normenkader).max_duur.citaat
        duration = fact(page(built_site, p.url), "duur")
        assert f"nader te bepalen (volgens de bron: “{quote}”)" in re.sub(r"\s+([”)])", r"\1", duration), p.ref
        assert "geen" not in duration.split("(")[0]
        rows = {r["id"]: r for r in machine_rows(built_site / f"open-data/{p.regio}.csv")}
        assert rows[p.id]["maximale_duur"] == f"nader te bepalen volgens de bron: “{quote}”"


def test_every_inference_is_said_as_one_on_the_page_and_in_the_export(built_site):
    """Derived from the data: each inferred fact is marked inferred on its product page (with its reason) and
    in the region's CSV; the product type, always the editors' classification, is marked on every page."""
    cat = load_catalogue(ROOT / "data")
    facts = {"productgroep": "productgroep", "status": "status", "gemeenten": "gemeenten", "eenheid": "eenheid",
             "tarief": "tarief"}
    texts = ("omschrijving", "doelgroep")
    seen = set()
    for region in cat.regios:
        rows = {r["id"]: r for r in machine_rows(built_site / f"open-data/{region}.csv")}
        for p in cat.products_of(region):
            html = page(built_site, p.url)
            assert 'data-veld="producttype" data-staat="afgeleid"' in html, p.ref
            for field, column in facts.items():
                if state_of(getattr(p, field)) == "afgeleid":
                    seen.add(field)
                    assert f'data-veld="{field}" data-staat="afgeleid"' in html, f"{p.ref}: {field}"
                    assert "afgeleid door de redactie" in rows[p.id][column], f"{p.ref}: {column}"
            for field in texts:
                if state_of(getattr(p, field)) == "afgeleid":
                    seen.add(field)
                    section = text(html.split(f'id="{field}"', 1)[1].split("<h2", 1)[0])
                    assert "Afgeleid door de redactie:" in section and " ".join(getattr(p, field).reden.split())[:60] \
                        in section.replace("&#39;", "'"), f"{p.ref}: {field}"
    assert {"productgroep", "status", "gemeenten", "omschrijving", "doelgroep"} <= seen


MACHINE_WORDS = re.compile(r"\b(null|None|undefined|NaN)\b|\[object Object\]|\(kolom null\)")


def reader_text(html: str) -> str:
    """What a reader sees of a page: no scripts, styles or code examples (the editing guide shows YAML's
    `null` as code), no attributes."""
    html = re.sub(r"<(script|style|code|pre|kbd|samp)\b.*?</\1>", " ", html, flags=re.DOTALL | re.IGNORECASE)
    return text(html)


def test_no_page_shows_a_reader_machine_words(built_site):
    problems, pages = [], 0
    for path in sorted(built_site.rglob("*.html")):
        pages += 1
        for m in MACHINE_WORDS.finditer(t := reader_text(path.read_text(encoding="utf-8"))):
            problems.append(f"{path.relative_to(built_site)}: …{t[max(0, m.start() - 50):m.end() + 30]}…")
    for path in sorted((built_site / "zoeken").rglob("*.json")):  # the finder builds its cards from these
        def strings(v):
            if isinstance(v, str):
                yield v
            elif isinstance(v, dict):
                for x in v.values():
                    yield from strings(x)
            elif isinstance(v, list):
                for x in v:
                    yield from strings(x)
        problems += [f"{path.relative_to(built_site)}: {s[:80]!r}" for s in strings(json.loads(path.read_text(encoding="utf-8")))
                     if MACHINE_WORDS.search(s)]
    assert pages > 100
    assert not problems, "machine words a reader sees:\n" + "\n".join(problems[:40])


def test_the_machine_word_check_sees_what_a_reader_sees():
    assert MACHINE_WORDS.search(reader_text("<p>Kort/Lang-indeling (kolom null).</p>"))
    assert MACHINE_WORDS.search(reader_text("<td>None</td>")) and MACHINE_WORDS.search(reader_text("<td>undefined</td>"))
    assert not MACHINE_WORDS.search(reader_text('<p>schrijf <code>null</code></p><div data-x="null"></div><script>null</script>'))
    assert not MACHINE_WORDS.search(reader_text("<p>nullijn, Nullen</p>"))


def test_the_editing_guide_documents_every_state():
    from macros.model.sourced import STATE_LABELS, STATES

    # the guide: an overview (content/over/data-bewerken.md) and its parts (content/over/data-bewerken/)
    parts = [ROOT / "content/over/data-bewerken.md", *sorted((ROOT / "content/over/data-bewerken").glob("*.md"))]
    assert len(parts) > 1
    guide = "\n".join(p.read_text(encoding="utf-8") for p in parts)
    for state in STATES[1:]:
        assert f"{{staat: {state}" in guide, state
    for label in STATE_LABELS.values():
        assert f"*{label}*" in guide, label
