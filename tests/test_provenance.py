"""Provenance, checked by machine in every clone: the data says only what its sources say.

- every number in a product's data (and in a region's passages, definitions and frames) occurs in the
  source sections it names;
- every quote recorded in the data (``citaat``, the printed text of a duration or volume) is an exact
  substring of its source, whitespace folded;
- every editorial inference has a reason, and every tree question or outcome is grounded in a quote or
  marked as an editorial aid.

The checks read the raw YAML and the text files in data/bronnen/ themselves (not through the loader's own
quote check), so a fault in one is caught by the other.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from macros.catalogue.errors import DataErrors
from macros.catalogue.loader import load_catalogue
from macros.catalogue.sources import fold, parse_document

DATA = ROOT / "data"
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# Number words a source writes out ("maximaal twee jaar", "een half jaar").
WORDS = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
         "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "half": 0.5, "halve": 0.5}
# Keys whose values are not statements of the source: references to files, sections and other products,
# the shared taxonomy, and the editors' own words (notes on ambiguities, reasons for an inference).
NOT_FROM_SOURCE = {"bron", "aanvullende_bronnen", "producttype", "producten", "opmerkingen", "reden", "redactie",
                   "velden", "staat", "volgorde"}
DOCUMENT_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")  # a reference to a source document, not a number from it


def canonical(token: str) -> str:
    value = float(token.replace(",", "."))
    return str(int(value)) if value == int(value) else repr(value)


def numbers_in_text(text: str) -> set[str]:
    found = {canonical(t) for t in NUMBER.findall(text)}
    words = re.findall(r"[a-zé]+", text.lower())
    return found | {canonical(str(WORDS[w])) for w in words if w in WORDS}


def numbers_in_data(value, path: str = "") -> list[tuple[str, str]]:
    """(field path, canonical number) of every number in a YAML value, outside the keys above."""
    out: list[tuple[str, str]] = []
    if isinstance(value, dict):
        for k, v in value.items():
            if k not in NOT_FROM_SOURCE:
                out += numbers_in_data(v, f"{path}.{k}" if path else k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += numbers_in_data(v, f"{path}[{i + 1}]")
    elif isinstance(value, bool) or value is None:
        pass
    elif isinstance(value, (int, float)):
        out.append((path, canonical(str(value))))
    elif isinstance(value, str):
        out += [(path, n) for n in {canonical(t) for t in NUMBER.findall(DOCUMENT_NAME.sub("", value))}]
    return out


@pytest.fixture(scope="module")
def docs():
    return {p.name: parse_document(p.name, p.read_text(encoding="utf-8")) for p in sorted((DATA / "bronnen").glob("*.txt"))}


def section_text(docs, source: dict) -> str:
    doc = docs[source["document"]]
    section = doc.section(source["sectie"])
    assert section is not None, f"section {source['sectie']!r} not in {source['document']}"
    return doc.text_of(section)


def sources_text(docs, data: dict) -> str:
    return "\n".join(section_text(docs, b) for b in [data["bron"], *data.get("aanvullende_bronnen", [])])


def unsupported_numbers(docs, data: dict) -> list[tuple[str, str]]:
    allowed = numbers_in_text(sources_text(docs, data))
    return [(path, n) for path, n in numbers_in_data(data) if n not in allowed]


def yaml_files(*parts: str) -> list[Path]:
    return sorted((DATA.joinpath(*parts)).rglob("*.yaml"))


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_sources_are_in_the_repository_and_the_loader_reads_them():
    names = sorted(p.name for p in (DATA / "bronnen").iterdir())
    assert names == ["000_c7da5c9d9344e4e9.txt", "001_ae7840420ca7dfdc.txt", "002_b4979bd38850de40.txt",
                     "003_b0355b3287057254.txt", "004_35aa2718b7894292.txt"]
    cat = load_catalogue(DATA)
    assert set(cat.bronnen) == set(names)
    assert len(cat.bronnen["003_b0355b3287057254.txt"].sections) > 30


def test_every_number_in_a_product_occurs_in_its_source_sections(docs):
    problems, checked = [], 0
    for path in yaml_files("products"):
        checked += len(numbers_in_data(load(path)))
        problems += [f"{path.relative_to(ROOT)}: {field} = {n}" for field, n in unsupported_numbers(docs, load(path))]
    assert checked > 300  # the products do carry numbers: this test checks something
    assert not problems, "numbers not in the source sections the product names:\n" + "\n".join(problems)


def test_every_number_in_region_passages_definitions_and_frames_occurs_in_its_source(docs):
    problems = []
    for path in yaml_files("secties"):
        problems += [f"{path.relative_to(ROOT)}: {v} = {n}" for v, n in unsupported_numbers(docs, load(path))]
    for path in yaml_files("regions"):
        region = load(path)
        for kind in ("definities", "kaders"):
            for i, item in enumerate(region.get(kind, [])):
                problems += [f"{path.relative_to(ROOT)}: {kind}[{i + 1}].{v} = {n}"
                             for v, n in unsupported_numbers(docs, item)]
    assert not problems, "numbers not in the source sections named:\n" + "\n".join(problems)


def quotes(value, path: str = "") -> list[tuple[str, str]]:
    """(path, quote) of every 'citaat' and of the printed text of a duration or volume, in raw YAML."""
    out = []
    if isinstance(value, dict):
        for k, v in value.items():
            here = f"{path}.{k}" if path else k
            if k == "citaat" and isinstance(v, str):
                out.append((here, v))
            elif k in ("max_duur", "max_volume", "duur") and isinstance(v, dict) and isinstance(v.get("tekst"), str):
                out.append((here + ".tekst", v["tekst"]))
                out += quotes({kk: vv for kk, vv in v.items() if kk != "tekst"}, here)
            else:
                out += quotes(v, here)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += quotes(v, f"{path}[{i + 1}]")
    return out


def test_every_quote_is_an_exact_substring_of_its_source(docs):
    problems, checked = [], 0
    for path in [*yaml_files("products"), *yaml_files("beslisbomen"), *yaml_files("matrices")]:
        data = load(path)
        text = fold(sources_text(docs, data))
        for field, quote in quotes({k: v for k, v in data.items() if k not in ("bron", "aanvullende_bronnen")}):
            checked += 1
            if fold(quote) not in text:
                problems.append(f"{path.relative_to(ROOT)}: {field}: {quote!r}")
    for i, syn in enumerate(load(DATA / "synoniemen.yaml")["synoniemen"]):
        if "bron" in syn:
            checked += 1
            if fold(syn["bron"]["citaat"]) not in fold(section_text(docs, syn["bron"])):
                problems.append(f"synoniemen[{i + 1}]: {syn['bron']['citaat']!r}")
    assert checked > 150  # the data records its quotes: this test checks something
    assert not problems, "quotes that are not word for word in their source:\n" + "\n".join(problems)


def walk(value, path=""):
    if isinstance(value, dict):
        yield path, value
        for k, v in value.items():
            yield from walk(v, f"{path}.{k}" if path else k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from walk(v, f"{path}[{i + 1}]")


def test_every_inference_has_a_reason_and_every_tree_node_a_grounding():
    inferred, problems = 0, []
    for path in sorted(DATA.rglob("*.yaml")):
        for field, d in walk(load(path)):
            if d.get("staat") == "afgeleid":
                inferred += 1
                if not str(d.get("reden") or "").strip():
                    problems.append(f"{path.relative_to(ROOT)}: {field}: afgeleid zonder reden")
    for path in yaml_files("beslisbomen"):
        tree = load(path)
        for kind in ("vragen", "uitkomsten"):
            for node in tree[kind]:
                h = node.get("herkomst") or {}
                if bool(h.get("citaat")) == bool(h.get("redactie")):
                    problems.append(f"{path.relative_to(ROOT)}: {kind} {node['id']}: geen citaat of redactie")
    for i, syn in enumerate(load(DATA / "synoniemen.yaml")["synoniemen"]):
        if bool(syn.get("bron")) == bool(syn.get("redactie")):
            problems.append(f"synoniemen[{i + 1}] {syn['term']}: geen bron of redactie")
    assert inferred >= 10  # the data does record inferences
    assert not problems, "\n".join(problems)


# --- the checks catch what they should: hostile data -------------------------------------------------


def test_an_invented_number_is_caught(docs):
    data = load(DATA / "products/flevoland/45f34.yaml")
    assert unsupported_numbers(docs, data) == []
    data["groepsgrootte"] = "Maximaal 17 jeugdigen"  # 17 appears nowhere in the section of 45F34
    data["normenkader"]["max_duur"]["waarde"] = 10
    assert sorted(unsupported_numbers(docs, data)) == [("groepsgrootte", "17"), ("normenkader.max_duur.waarde", "10")]


@pytest.fixture()
def data_dir(tmp_path) -> Path:
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    return dest


def errors_for(data: Path, file_name: str) -> list:
    with pytest.raises(DataErrors) as exc:
        load_catalogue(data)
    return [f for f in exc.value.errors if f.file.endswith(file_name)]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_quote_not_in_the_source_fails_with_file_field_and_line(data_dir):
    edit(data_dir / "products/haaglanden/systeemproducten-dummycode.yaml",
         "tarief: {staat: geen, citaat: Code zonder tarief}", "tarief: {staat: geen, citaat: Code zonder uurtarief}")
    (f,) = errors_for(data_dir, "systeemproducten-dummycode.yaml")
    rule_line = next(i for i, line in enumerate((data_dir / "products/haaglanden/systeemproducten-dummycode.yaml")
                                            .read_text(encoding="utf-8").splitlines(), 1) if line.startswith("tarief:"))
    assert f.field == "tarief.citaat" and f.line == rule_line and "Code zonder uurtarief" in f.problem
    assert "letterlijk" in f.problem and "Jeugd en opvoedhulp" in f.problem


def test_a_printed_duration_must_be_the_sources_words(data_dir):
    edit(data_dir / "products/flevoland/45f34.yaml", "tekst: Duur van een traject is maximaal 9 maanden",
         "tekst: Duur van een traject is hooguit 9 maanden")
    (f,) = errors_for(data_dir, "45f34.yaml")
    assert f.field == "normenkader.max_duur.tekst" and "hooguit" in f.problem


def test_a_tree_quote_and_a_synonym_quote_are_checked(data_dir):
    edit(data_dir / "beslisbomen/haaglanden-systeemproducten.yaml", '{citaat: "Afgeven op oudste jeugdigen in een gezin"}',
         '{citaat: "Afgeven op alle jeugdigen in een gezin"}')
    edit(data_dir / "synoniemen.yaml", "citaat: Regie GI}", "citaat: Regie Gecertificeerde Instelling}")
    tree = errors_for(data_dir, "haaglanden-systeemproducten.yaml")
    assert tree and all(f.field.endswith("herkomst.citaat") and "alle jeugdigen" in f.problem for f in tree)
    (syn,) = errors_for(data_dir, "synoniemen.yaml")
    assert syn.field == "synoniemen[12].bron.citaat" and "Gecertificeerde" in syn.problem


def test_an_inference_without_reason_fails(data_dir):
    edit(data_dir / "products/haaglanden/groepsbegeleiding.yaml", "status: {staat: afgeleid, waarde: concept, reden:",
         "status: {staat: afgeleid, waarde: concept, uitleg:")
    errors = errors_for(data_dir, "groepsbegeleiding.yaml")
    assert any(f.field == "status.reden" and "ontbreekt" in f.problem for f in errors)


def test_a_tree_node_without_grounding_fails(data_dir):
    edit(data_dir / "beslisbomen/foodvalley-clientroute.yaml",
         '    herkomst: {citaat: "Het ondersteuningsplan kan ook een familiegroepsplan zijn."}\n', "", )
    (f,) = errors_for(data_dir, "foodvalley-clientroute.yaml")
    assert f.field == "vragen[4].herkomst" and "ontbreekt" in f.problem


# --- a quote supports the value it is attached to (issue 26) -------------------------------------------
# Not only "the quote occurs in the source": a quote attached to a number says that number, a quote attached
# to "geen" says the absence, a deferral's quote says the deferral, a list of municipalities is in its quote.
# Derived from every data file; each failure names file and field.

ABSENCE = re.compile(r"\b(geen|zonder|niet|nooit|vervalt|vervallen|n\.?v\.?t\.?)\b", re.IGNORECASE)
DEFERRAL = re.compile(r"\b(te bepalen|n\.?t\.?b\.?|volgt later|later vast te stellen|"
                      r"nog niet (?:bepaald|vastgesteld|bekend))\b", re.IGNORECASE)
STATUS_WORDS = {"vervallen": r"\bverv(?:alt|allen)\b", "concept": r"\bconcept\b", "vastgesteld": r"\bvastgesteld"}


def amounts(value, path: str = "") -> list[tuple[str, str]]:
    """(path, canonical number) of every number-valued key in a value (not numbers inside free text)."""
    out = []
    if isinstance(value, dict):
        for k, v in value.items():
            out += amounts(v, f"{path}.{k}" if path else k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += amounts(v, f"{path}[{i + 1}]")
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        out.append((path, canonical(str(value))))
    return out


def unsupported_quotes(data) -> list[tuple[str, str]]:
    """(field path, what is wrong) for every quote in a data file that does not support its value."""
    problems = []
    for field, d in walk(data):
        state, quote_text = d.get("staat"), d.get("citaat")
        if state == "geen" and not ABSENCE.search(str(quote_text or "")):
            problems.append((field, f"'geen' met een citaat zonder afwezigheid: {quote_text!r}"))
        if state == "nader-te-bepalen" and not DEFERRAL.search(str(quote_text or "")):
            problems.append((field, f"'nader te bepalen' met een citaat dat niets uitstelt: {quote_text!r}"))
        if state == "vermeld" and isinstance(quote_text, str):
            said = numbers_in_text(quote_text)
            problems += [(f"{field}.waarde.{p}".rstrip("."), f"getal {n} staat niet in het citaat {quote_text!r}")
                         for p, n in amounts(d.get("waarde")) if n not in said]
            value = d.get("waarde")
            if isinstance(value, list):
                problems += [(field, f"gemeente {g!r} staat niet in het citaat {quote_text!r}")
                             for g in value if fold(g).lower() not in fold(quote_text).lower()]
            elif value == "alle" and "alle" not in quote_text.lower():
                problems.append((field, f"'alle' staat niet in het citaat {quote_text!r}"))
            elif isinstance(value, str) and value in STATUS_WORDS and not re.search(STATUS_WORDS[value], quote_text, re.IGNORECASE):
                problems.append((field, f"status {value!r} staat niet in het citaat {quote_text!r}"))
        if isinstance(d.get("tekst"), str) and ("waarde" in d or "minimum" in d) and "staat" not in d:
            said = numbers_in_text(d["tekst"])  # a duration or volume: its numbers are in its printed text
            problems += [(f"{field}.{k}", f"getal {canonical(str(d[k]))} staat niet in de tekst {d['tekst']!r}")
                         for k in ("waarde", "minimum") if isinstance(d.get(k), (int, float))
                         and canonical(str(d[k])) not in said]
    return problems


def test_every_quote_supports_the_value_it_is_attached_to():
    problems, checked = [], 0
    for path in sorted(DATA.rglob("*.yaml")):
        data = load(path)
        checked += sum(1 for _, d in walk(data) if d.get("citaat") or "tekst" in d)
        problems += [f"{path.relative_to(ROOT)}: {field}: {what}" for field, what in unsupported_quotes(data)]
    assert checked > 100
    assert not problems, "quotes that do not support their value:\n" + "\n".join(problems)


@pytest.mark.parametrize("value, wrong", [
    ({"tarief": {"staat": "vermeld", "waarde": {"bedrag": 85.5, "per": "uur"}, "citaat": "€ 85,50 per uur"}}, False),
    ({"tarief": {"staat": "vermeld", "waarde": {"bedrag": 85.5, "per": "uur"}, "citaat": "85,5 per uur"}}, False),
    ({"tarief": {"staat": "vermeld", "waarde": {"bedrag": 90.5, "per": "uur"}, "citaat": "€ 85,50 per uur"}}, True),
    ({"max_duur": {"tekst": "maximaal negen maanden", "waarde": 9, "eenheid": "maanden"}}, False),
    ({"max_duur": {"tekst": "maximaal negen maanden", "waarde": 12, "eenheid": "maanden"}}, True),
    ({"max_duur": {"tekst": "7 t/m 12 maanden", "minimum": 6, "waarde": 12, "eenheid": "maanden"}}, True),
    ({"tarief": {"staat": "geen", "citaat": "Code zonder tarief"}}, False),
    ({"tarief": {"staat": "geen", "citaat": "Eenheid & tarief PxQ"}}, True),
    ({"max_duur": {"staat": "geen", "citaat": "Aantal bijeenkomsten nader te bepalen"}}, True),
    ({"max_duur": {"staat": "nader-te-bepalen", "citaat": "Aantal bijeenkomsten nader te bepalen"}}, False),
    ({"max_duur": {"staat": "nader-te-bepalen", "citaat": "Aantal bijeenkomsten"}}, True),
    ({"gemeenten": {"staat": "vermeld", "waarde": ["Almere", "Lelystad"], "citaat": "Almere en Urk"}}, True),
    ({"status": {"staat": "vermeld", "waarde": "vervallen", "citaat": "Vervalt"}}, False),
    ({"status": {"staat": "vermeld", "waarde": "concept", "citaat": "Vervalt"}}, True),
])
def test_the_support_check_tells_a_supporting_quote_from_one_that_is_not(value, wrong):
    assert bool(unsupported_quotes(value)) == wrong


# --- a field appears under a source's field name only when the source has that field (issue 26) --------
# A product page shows "Doelgroep" and "Omschrijving" as the source's. Where the product's source sections
# have no such field (Flevoland's product tables have no "Doelgroep"; slides have no fields at all), text
# taken from elsewhere in the source is the editors' reading: an inference with its reason, or absent.

SOURCE_FIELD_NAMES = {"doelgroep": ("Doelgroep", "Voor wie"), "omschrijving": ("Omschrijving", "Beschrijving"), "doel": ("Doel",)}


def field_label(name: str) -> re.Pattern:
    """A field name as a source prints it as a label: at the start of a line or table cell, maybe bold or a
    heading ('| <p><b>Doelgroep</b></p>', '**Doelgroep**', '### Doelgroep', 'Omschrijving<TAB>')."""
    return re.compile(r"(?:^|\|)[ \t]*(?:<p>)?[ \t]*(?:<b>|\*\*|#+[ \t]+)?[ \t]*" + re.escape(name) + r"\b",
                      re.MULTILINE | re.IGNORECASE)


def sources_text_for(docs, data: dict, field: str) -> str:
    """The sections a field can come from: the product's own, and the further ones that name this field (or
    no field at all)."""
    extra = [b for b in data.get("aanvullende_bronnen", []) if not b.get("velden") or field in b["velden"]]
    return "\n".join(section_text(docs, b) for b in [data["bron"], *extra])


def fields_the_source_lacks(docs, data: dict) -> list[str]:
    out = []
    for field, names in SOURCE_FIELD_NAMES.items():
        text = sources_text_for(docs, data, field)
        v = data.get(field)
        stated = isinstance(v, str) or (isinstance(v, dict) and v.get("staat") == "vermeld")
        value = v if isinstance(v, str) else (v or {}).get("waarde") if isinstance(v, dict) else None
        if not stated:
            continue
        if any(field_label(n).search(text) for n in names):
            continue
        if isinstance(value, str) and any(n.lower() in value.lower() for n in names):
            continue  # the source names it so in the very words taken over ('Voornamelijk LVB en ASS doelgroep')
        out.append(field)
    return out


def test_a_field_shown_as_the_sources_is_a_field_of_the_source(docs):
    problems, checked = [], 0
    for path in yaml_files("products"):
        data = load(path)
        checked += 1
        problems += [f"{path.relative_to(ROOT)}: {field}: de bron heeft hier geen veld '{SOURCE_FIELD_NAMES[field][0]}'; "
                     "schrijf {staat: afgeleid, waarde: …, reden: …} of {staat: niet-vermeld}"
                     for field in fields_the_source_lacks(docs, data)]
    assert checked == 69
    assert not problems, "\n".join(problems)


def test_the_field_check_finds_a_lifted_target_group(docs):
    data = load(DATA / "products/flevoland/45f22.yaml")
    assert fields_the_source_lacks(docs, data) == []
    data["doelgroep"] = data["doelgroep"]["waarde"]  # the same text, presented as the source's field
    assert fields_the_source_lacks(docs, data) == ["doelgroep"]
    zl = load(DATA / "products/zuid-limburg/40100.yaml")
    assert isinstance(zl["doelgroep"], str) and fields_the_source_lacks(docs, zl) == []  # its table has Doelgroep


# --- a search word is "from the source" only where the source ties it to that product (issue 26) -------

def product_sources(docs, ref: str) -> str:
    region, pid = ref.split("/")
    return sources_text(docs, load(DATA / "products" / region / f"{pid}.yaml"))


def untied_synonyms(docs, synonyms: list[dict]) -> list[str]:
    """'term -> product' for every synonym said to be from a source whose word is not in that product's sections."""
    out = []
    for syn in synonyms:
        if "bron" not in syn:
            continue
        # 'basis-GGZ' is the source's 'basis GGZ'; the source's own expansion ('ernstige enkelvoudige dyslexie'
        # for EED) ties the word as well as the abbreviation does
        word = re.compile(r"(?<![\w-])" + r"[\s-]".join(map(re.escape, re.split(r"[\s-]", syn["term"])))
                          + r"(?![\w-])", re.IGNORECASE)
        out += [f"{syn['term']} -> {ref}" for ref in syn["producten"]
                if not word.search(product_sources(docs, ref))
                and fold(syn["betekenis"]).lower() not in fold(product_sources(docs, ref)).lower()]
    return out


def test_a_search_word_from_the_source_is_tied_to_each_of_its_products_by_the_source(docs):
    synonyms = load(DATA / "synoniemen.yaml")["synoniemen"]
    assert sum(1 for s in synonyms if "bron" in s) >= 5
    problems = untied_synonyms(docs, synonyms)
    assert not problems, ("data/synoniemen.yaml: zoekwoorden 'uit de bron' die de bron niet bij dit product noemt "
                          "(geef ze een reden bij 'redactie', of verwijder het product):\n" + "\n".join(problems))


def test_the_tie_check_finds_a_word_the_source_gives_another_product(docs):
    syn = {"term": "MST", "betekenis": "multisysteemtherapie", "bron": {}, "producten": ["zuid-limburg/83400", "zuid-limburg/84110"]}
    assert untied_synonyms(docs, [syn]) == ["MST -> zuid-limburg/84110"]


# --- a product group is the source's only where the source prints it as a group (issue 26) -------------

def group_label(group: str) -> re.Pattern:
    """A group as a source prints it on its own: a heading, a slide title, a table cell or a field value
    ('Zorgvormen<TAB>Multidisciplinaire Specialistische Jeugdhulp'), not only as the start of a product's name."""
    return re.compile(r"(?:^|\||\t)[ \t]*(?:<[^>]+>|\*\*|#+[ \t]*|-[ \t]+)*[ \t]*" + re.escape(group)
                      + r"[ \t]*(?:</[^>]+>|\*\*)*[ \t]*(?:\||$|,|\t)", re.MULTILINE | re.IGNORECASE)


def test_a_stated_product_group_is_one_the_source_prints(docs):
    problems = []
    for path in yaml_files("products"):
        data = load(path)
        g = data["productgroep"]
        if isinstance(g, str) and not group_label(g).search(sources_text_for(docs, data, "productgroep")):
            problems.append(f"{path.relative_to(ROOT)}: productgroep: '{g}' staat niet als groep in de bron; schrijf "
                            "{staat: afgeleid, waarde: …, reden: …}, of noem de sectie waar de groep staat")
    assert not problems, "\n".join(problems)


def test_the_group_check_tells_a_group_from_the_start_of_a_name():
    assert group_label("Verblijf").search("| <b>Verblijf</b>   |")
    assert group_label("Begeleiding").search("\nBegeleiding\n\n- Groepsbegeleiding")
    assert not group_label("Dyslexie").search("## Dyslexie Diagnose\n| <b>Dyslexie Behandeling</b>  |")
