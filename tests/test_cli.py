"""The `assistance` command: exit codes, JSON shape and messages."""

import json

import pytest
from typer.testing import CliRunner

from openfisca_assistance.cli import app

runner = CliRunner()
PROGRAM_FIELDS = {
    "status", "eligible", "amount", "unit", "period", "responsible_authority",
    "responsible_locality", "legal_basis", "reasons", "missing",
}
EXAMPLES = ["beijing_urban_dibao.yaml", "chongqing_elderly_full_care.yaml", "shenzhen_sudden_illness.yaml", "native_beijing.json"]


def run(*args):
    return runner.invoke(app, [str(arg) for arg in args])


def write_file(folder, name, text):
    """Write a situation file for one test and return its path."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("example", EXAMPLES)
def test_check_example_exits_zero(examples_dir, example):
    result = run("check", examples_dir / example, "--format", "json")
    assert result.exit_code == 0, result.output
    programs = json.loads(result.stdout)["programs"]
    assert {"dibao", "extreme_poverty", "temporary_assistance"} <= set(programs)
    for program_id, entry in programs.items():
        missing_fields = PROGRAM_FIELDS - set(entry)
        assert not missing_fields, (program_id, missing_fields)
        assert entry["status"] in {"eligible", "not_eligible", "not_determined"}


def test_beijing_example_amount(examples_dir):
    result = run("check", examples_dir / "beijing_urban_dibao.yaml", "--format", "json")
    dibao = json.loads(result.stdout)["programs"]["dibao"]
    # (1320 - 3000 / 3) x 3 = 960 yuan.
    assert dibao["status"] == "eligible"
    assert dibao["amount"] == 960
    assert dibao["responsible_locality"] == "beijing"
    assert dibao["legal_basis"][0]["article"]


def test_chongqing_example_full_care(examples_dir):
    result = run("check", examples_dir / "chongqing_elderly_full_care.yaml", "--format", "json")
    support = json.loads(result.stdout)["programs"]["extreme_poverty"]
    person = support["persons"]["applicant"]
    assert person["eligible"] is True
    # Basic living 1001 (渝民规〔2025〕6号) plus the full-care subsidy of 300.
    assert person["components"]["extreme_poverty_basic_living_allowance"] == 1001
    assert person["components"]["extreme_poverty_care_allowance"] == 300


def test_shenzhen_example_temporary_assistance(examples_dir):
    result = run("check", examples_dir / "shenzhen_sudden_illness.yaml", "--format", "json")
    entry = json.loads(result.stdout)["programs"]["temporary_assistance"]
    assert entry["status"] == "eligible"
    assert entry["amount"] == 30000
    assert entry["details"]["temporary_assistance_range_min"] == 8898
    assert entry["details"]["temporary_assistance_range_max"] == 53388
    assert entry["responsible_locality"] == "shenzhen"


def test_text_output_lists_every_programme(examples_dir):
    result = run("check", examples_dir / "beijing_urban_dibao.yaml")
    assert result.exit_code == 0
    for label in ("Minimum living allowance", "Extreme-poverty support", "Temporary assistance"):
        assert label in result.stdout


def test_chinese_output(examples_dir):
    result = run("check", examples_dir / "beijing_urban_dibao.yaml", "--lang", "zh")
    assert result.exit_code == 0
    assert "最低生活保障" in result.stdout


def test_month_before_baseline_exits_two(examples_dir):
    result = run("check", examples_dir / "beijing_urban_dibao.yaml", "--month", "2014-04")
    assert result.exit_code == 2
    assert "2014-05-01" in result.stderr
    assert "Traceback" not in result.output


def test_invalid_month_exits_two(examples_dir):
    result = run("check", examples_dir / "beijing_urban_dibao.yaml", "--month", "2023-13")
    assert result.exit_code == 2
    assert "YYYY-MM" in result.stderr


def test_unknown_locality_exits_two(tmp_path):
    path = write_file(tmp_path, "bad.yaml", "month: 2023-07\nmembers:\n  - {id: a, relationship: self, age: 40, hukou_locality: beijng}\n")
    result = run("check", path)
    assert result.exit_code == 2
    assert "beijng" in result.stderr
    assert "members.0.hukou_locality" in result.stderr
    assert "beijing" in result.stderr  # the suggestion


def test_unknown_key_suggests_fix(tmp_path):
    path = write_file(tmp_path, "bad.yaml", "month: 2023-07\nmembers:\n  - {id: a, relationship: self, age: 40, hukou_locality: beijing, wage: 3}\n")
    result = run("check", path)
    assert result.exit_code == 2
    assert str(path) in result.stderr
    assert "members.0.wage" in result.stderr
    assert "Traceback" not in result.output


def test_text_in_money_field(tmp_path):
    path = write_file(tmp_path, "bad.yaml", "month: 2023-07\nmembers:\n  - {id: a, relationship: self, age: 40, hukou_locality: beijing, income: {wage_income: lots}}\n")
    result = run("check", path)
    assert result.exit_code == 2
    assert "members.0.income.wage_income" in result.stderr
    assert "lots" in result.stderr


def test_broken_json(tmp_path):
    path = write_file(tmp_path, "bad.json", '{"persons": {')
    result = run("check", path)
    assert result.exit_code == 2
    assert "invalid JSON" in result.stderr


def test_missing_file():
    result = run("check", "no-such-file.yaml")
    assert result.exit_code == 2
    assert "file not found" in result.stderr


def test_missing_local_value_is_not_determined(tmp_path):
    path = write_file(tmp_path, "kashi.yaml", "month: 2023-07\nmembers:\n  - {id: a, relationship: self, age: 40, hukou_locality: kashi}\n")
    result = run("check", path, "--format", "json")
    assert result.exit_code == 0, result.output
    dibao = json.loads(result.stdout)["programs"]["dibao"]
    assert dibao["status"] == "not_determined"
    assert dibao["eligible"] is None
    assert dibao["amount"] is None
    missing = dibao["missing"][0]
    assert missing["locality"] == "kashi"
    assert missing["month"] == "2023-07"
    assert missing["parameter"].startswith("dibao.standard")


def test_schema_prints_json_schema():
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert "members" in schema["properties"]


def test_law_notice_after_july_2026(examples_dir):
    result = run("check", examples_dir / "beijing_urban_dibao.yaml", "--month", "2026-08", "--format", "json")
    assert result.exit_code == 0
    codes = [notice["code"] for notice in json.loads(result.stdout)["notices"]]
    assert "social_assistance_law_in_force" in codes


def test_programs_lists_registry():
    result = run("programs", "--format", "json")
    assert result.exit_code == 0
    programs = json.loads(result.stdout)
    assert list(programs)[:3] == ["dibao", "extreme_poverty", "temporary_assistance"]
    assert programs["dibao"]["legal_basis"]


def test_module_entry_point_has_every_command():
    import subprocess
    import sys

    completed = subprocess.run(
        [sys.executable, "-m", "openfisca_assistance", "--help"], capture_output=True, text=True, check=False,
    )
    assert completed.returncode == 0, completed.stderr
    for command in ("check", "explain", "compare", "serve", "programs"):
        assert command in completed.stdout


def test_duplicate_key_exits_two(tmp_path):
    path = write_file(tmp_path, "twice.yaml", "month: 2023-06\nmembers:\n  - {id: a, relationship: self, age: 41, age: 71, hukou_locality: beijing}\n")
    result = run("check", path)
    assert result.exit_code == 2
    assert "duplicate key 'age'" in result.stderr
    assert "line 3" in result.stderr


def test_native_two_households_exit_two(tmp_path):
    path = tmp_path / "two.json"
    person = {"age": {"2023-07": 40}, "relationship_to_applicant": "self", "hukou_locality": {"2023-07": "beijing"}}
    path.write_text(json.dumps({
        "persons": {"a": person, "b": person},
        "households": {"h1": {"members": ["a"]}, "h2": {"members": ["b"]}},
    }), encoding="utf-8")
    result = run("check", path)
    assert result.exit_code == 2
    assert "one household" in result.stderr
    assert "check_many" in result.stderr


def test_native_result_given_as_input_exit_two(tmp_path):
    path = write_file(tmp_path, "result.json", json.dumps({
        "persons": {"a": {"age": {"2023-07": 40}, "relationship_to_applicant": "self",
                          "hukou_locality": {"2023-07": "beijing"}}},
        "households": {"h1": {"members": ["a"], "dibao_amount": {"2023-07": 99999}}},
    }))
    result = run("check", path)
    assert result.exit_code == 2
    assert "households.h1.dibao_amount" in result.stderr


def test_birth_date_after_month_exits_two(tmp_path):
    path = write_file(tmp_path, "unborn.yaml", "month: 2023-06\nmembers:\n  - {id: a, relationship: self, birth_date: 2030-01-01, hukou_locality: beijing}\n")
    result = run("check", path)
    assert result.exit_code == 2
    assert "members.0.birth_date" in result.stderr


def test_age_contradicting_birth_date_exits_two(tmp_path):
    path = write_file(tmp_path, "both.yaml", "month: 2023-06\nmembers:\n  - {id: a, relationship: self, age: 10, birth_date: 1950-01-01, hukou_locality: beijing}\n")
    result = run("check", path)
    assert result.exit_code == 2
    assert "does not match" in result.stderr


def test_month_beyond_range_exits_two(examples_dir):
    result = run("check", examples_dir / "beijing_urban_dibao.yaml", "--month", "9999-12")
    assert result.exit_code == 2
    assert "2099-12" in result.stderr


def test_deeply_nested_json_exits_two(tmp_path):
    path = write_file(tmp_path, "deep.json", "[" * 5000 + "]" * 5000)
    result = run("check", path)
    assert result.exit_code == 2
    assert "nested too deeply" in result.stderr


def test_variables_lists_inputs():
    result = run("variables", "--inputs", "--entity", "person")
    assert result.exit_code == 0
    names = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert "wage_income" in names
    assert "dibao_amount" not in names


def test_partial_inputs_are_completed_by_formula(tmp_path):
    # Age for two members and a birth date for the third: the third's age
    # comes from the birth date. able_to_work given for one member leaves the
    # 80-year-old without labour capacity, as the formula computes.
    path = write_file(tmp_path, "partial.yaml", "month: 2023-06\nmembers:\n"
        "  - {id: a, relationship: self, age: 40, hukou_locality: beijing, able_to_work: true}\n"
        "  - {id: b, relationship: child, birth_date: 2006-01-01, hukou_locality: beijing}\n"
        "  - {id: c, relationship: parent, age: 80, hukou_locality: beijing}\n")
    result = run("check", path, "--format", "json")
    assert result.exit_code == 0, result.output
    persons = json.loads(result.stdout)["programs"]["extreme_poverty"]["persons"]
    codes_c = [reason["code"] for reason in persons["c"]["reasons"]]
    assert "has_labour_capacity" not in codes_c
    assert codes_c == ["has_able_supporter"]
    assert "has_labour_capacity" in [reason["code"] for reason in persons["b"]["reasons"]]


def test_native_birth_date_after_month_exits_two(tmp_path):
    path = write_file(tmp_path, "unborn.json", json.dumps({
        "persons": {"a": {"birth_date": "2030-01-01", "relationship_to_applicant": "self",
                          "hukou_locality": {"2023-07": "beijing"}}},
        "households": {"h1": {"members": ["a"]}},
    }))
    result = run("check", path)
    assert result.exit_code == 2
    assert "persons.a.birth_date" in result.stderr
