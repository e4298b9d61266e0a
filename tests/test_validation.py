"""Every validation rule: a broken file fails with a Dutch message naming file, field and line."""

from __future__ import annotations

import subprocess

import pytest

from conftest import ROOT
from helpers import PRODUCT, cli, errors_of, minimal_data, write
from macros.catalogue.loader import load_catalogue


def errors_in(data, file_end: str):
    found = errors_of(data)
    hits = [f for f in found if f.file.endswith(file_end)]
    assert hits, f"no error for {file_end}: {found}"
    return hits


def test_minimal_data_is_valid(tmp_path):
    cat = load_catalogue(minimal_data(tmp_path))
    assert set(cat.producten) == {"testregio/45f21", "testregio/45f34"}
    assert cat.product("testregio/45f21").url == "testregio/45f21/"


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "products/testregio/45f21.yaml", PRODUCT.replace("naam: Spec", "naam: [Spec"))
    (f,) = errors_in(data, "45f21.yaml")
    assert "YAML is niet leesbaar" in f.problem
    assert f.line is not None and f.line >= 2
    assert "Oplossing" in str(f)


def test_wrong_type_unquoted_numeric_code(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "products/testregio/45f21.yaml", PRODUCT.replace("code: 45F21", "code: 84110"))
    (f,) = errors_in(data, "45f21.yaml")
    assert f.field == "code" and f.line == 1
    assert "verwacht tekst" in f.problem and "aanhalingstekens" in f.fix


def test_missing_required_field(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "products/testregio/45f21.yaml", PRODUCT.replace("tarief: {staat: leeg}\n", ""))
    (f,) = errors_in(data, "45f21.yaml")
    assert f.field == "tarief" and "verplichte veld ontbreekt" in f.problem
    assert "{staat: niet-vermeld}" in f.fix and "{staat: leeg}" in f.fix  # the states, never a guess


def test_unknown_key_typo_suggests_field(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "products/testregio/45f21.yaml", PRODUCT.replace("doelgroep: {staat: niet-vermeld}", "doelgroep: {staat: niet-vermeld}\ndoelgrope: x"))
    (f,) = errors_in(data, "45f21.yaml")
    assert f.field == "doelgrope" and f.line == 9
    assert "bestaat niet" in f.problem and "doelgroep" in f.fix


def test_duplicate_yaml_key_is_an_error(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "products/testregio/45f21.yaml", PRODUCT + "naam: Nog een naam\n")
    (f,) = errors_in(data, "45f21.yaml")
    assert "twee keer" in f.problem and f.line == PRODUCT.count("\n") + 1


def test_duplicate_code_within_region(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "products/testregio/45f21-kopie.yaml", PRODUCT)
    duplicate = [f for f in errors_of(data) if "komt in regio testregio al voor" in f.problem]
    assert len(duplicate) == 1 and duplicate[0].field == "code" and duplicate[0].line == 1
    assert {duplicate[0].file.rsplit("/", 1)[-1], duplicate[0].problem.rsplit("/", 1)[-1]} == {"45f21.yaml", "45f21-kopie.yaml"}


@pytest.mark.parametrize("code", ["45F211", "45-F2", "45 F2"])
def test_code_must_fit_ijw_form(tmp_path, code):
    data = minimal_data(tmp_path)
    write(data / "products/testregio/45f21.yaml", PRODUCT.replace("code: 45F21", f'code: "{code}"'))
    (f,) = errors_in(data, "45f21.yaml")
    assert f.field == "code" and "1 tot 5 letters en cijfers" in f.fix


def test_product_folder_region_must_exist(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "products/onbekend/45f21.yaml", PRODUCT.replace("gemeenten: [Almere, Dronten]", "gemeenten: alle"))
    (f,) = errors_in(data, "onbekend/45f21.yaml")
    assert "geen bestaande regio" in f.problem and "data/regions/onbekend.yaml" in f.fix


def test_reference_to_missing_product(tmp_path):
    data = minimal_data(tmp_path)
    line = "samenloop:\n  - soort: niet-samen\n    regel: Niet samen.\n    producten: [testregio/45f99]\n"
    write(data / "products/testregio/45f21.yaml", PRODUCT + line)
    (f,) = errors_in(data, "45f21.yaml")
    assert f.field == "samenloop[1].producten[1]" and "45f99" in f.problem and "niet bestaat" in f.problem
    assert f.line == PRODUCT.count("\n") + 4


def test_municipality_not_in_region(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "products/testregio/45f21.yaml", PRODUCT.replace("[Almere, Dronten]", "[Almere, Dronte]"))
    (f,) = errors_in(data, "45f21.yaml")
    assert f.field == "gemeenten[2]" and "Dronte" in f.problem and "Dronten" in f.fix


def test_staff_mix_shares_must_add_up(tmp_path):
    data = minimal_data(tmp_path)
    mix = "functiemix:\n  niveaus:\n    - {niveau: HBO, aandeel: 50}\n    - {niveau: MBO, aandeel: 40}\n"
    write(data / "products/testregio/45f21.yaml", PRODUCT.replace("functiemix: {staat: niet-vermeld}\n", mix))
    (f,) = errors_in(data, "45f21.yaml")
    assert f.field == "functiemix" and "90%" in f.problem


def test_file_name_must_follow_code(tmp_path):
    data = minimal_data(tmp_path)
    (data / "products/testregio/45f21.yaml").rename(data / "products/testregio/begeleiding.yaml")
    (f,) = errors_in(data, "begeleiding.yaml")
    assert f.field == "code" and "45f21.yaml" in f.fix


def test_unknown_file_is_not_skipped(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "products/testregio/notities.txt", "x")
    (f,) = errors_in(data, "notities.txt")
    assert "onbekend bestand" in f.problem


def test_unknown_file_at_the_top_of_data_names_what_belongs_there(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "notities.txt", "x")
    (f,) = errors_in(data, "notities.txt")
    assert "onbekend bestand" in f.problem and "products" in f.fix and "synoniemen.yaml" in f.fix


def test_all_errors_in_one_run(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "products/testregio/45f21.yaml", PRODUCT.replace("tarief: {staat: leeg}\n", ""))
    write(data / "products/testregio/45f34.yaml", PRODUCT.replace("45F21", "45F34").replace("Dronten]", "Urk]"))
    listing = errors_of(data)
    assert {f.file.rsplit("/", 1)[-1] for f in listing} == {"45f21.yaml", "45f34.yaml"}


def test_validate_script_exit_status(tmp_path):
    data = minimal_data(tmp_path)
    ok = subprocess.run([*cli("validate"), str(data)], cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0 and "Data in orde" in ok.stdout
    write(data / "products/testregio/45f21.yaml", PRODUCT.replace("naam: ", "nam: "))
    bad = subprocess.run([*cli("validate"), str(data)], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 1
    assert "products/testregio/45f21.yaml:2: veld 'nam'" in bad.stderr


def test_real_data_is_valid():
    cat = load_catalogue(ROOT / "data")
    assert {"flevoland", "zuid-limburg", "haaglanden", "foodvalley"} <= set(cat.regios)


def test_json_schema_is_current():
    result = subprocess.run([*cli("schema"), "--check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_json_schema_accepts_real_products_and_rejects_typos():
    import json

    import jsonschema
    import yaml

    schema = json.loads((ROOT / "content/schema/product.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)  # one validator: jsonschema.validate() checks the schema again on every call (0.2 s)
    for path in sorted((ROOT / "data/products").rglob("*.yaml")):
        validator.validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    broken = yaml.safe_load(PRODUCT) | {"doelgrope": "x"}
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(broken)


def test_source_document_must_be_listed_by_the_region(tmp_path):
    data = minimal_data(tmp_path)
    write(data / "products/testregio/45f21.yaml", PRODUCT.replace("bron: {document: 002_b4979bd38850de40.txt", "bron: {document: 002.txt"))
    errors = errors_in(data, "45f21.yaml")
    (f,) = [f for f in errors if "bij de bronnen van regio" in f.problem]
    assert f.field == "bron.document" and "002.txt" in f.problem and "002_b4979bd38850de40.txt" in f.fix
    (g,) = [f for f in errors if "staat niet in data/bronnen/" in f.problem]  # and it is not a known document
    assert g.field == "bron.document" and g.line == f.line
