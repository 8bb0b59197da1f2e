"""Determination records: `check --record` writes them, `verify` recomputes them."""

import json
import logging
import stat

import pytest
from openfisca_core.reforms import Reform
from typer.testing import CliRunner

from openfisca_assistance import engine, records, reforming
from openfisca_assistance.cli import app

runner = CliRunner()
SECRET_ID = "zhang_wei_7731"
SECRET_WAGE = 2468.13
PERSONAL_SITUATION = f"""month: 2023-06
members:
  - id: {SECRET_ID}
    relationship: self
    age: 47
    hukou_locality: beijing
    income: {{wage_income: {SECRET_WAGE}}}
"""


def run(*args):
    return runner.invoke(app, [str(arg) for arg in args])


@pytest.fixture
def personal_file(tmp_path):
    path = tmp_path / "household.yaml"
    path.write_text(PERSONAL_SITUATION, encoding="utf-8")
    return path


def write_record(situation_file, record_path, *extra):
    result = run("check", situation_file, "--record", record_path, "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


class RaiseBeijingStandard(Reform):
    """Beijing's dibao standard of 2023-07-01 a year earlier, as if the data had been corrected."""

    name = "Beijing standard corrected"

    def apply(self):
        def modify(parameters):
            parameters.dibao.standard.beijing.update(period="year:2022-07:12", value=1400)
            return parameters

        self.modify_parameters(modifier_function=modify)


def test_record_verifies_identical(examples_dir, tmp_path):
    record = tmp_path / "record.json"
    write_record(examples_dir / "beijing_urban_dibao.yaml", record)
    result = run("verify", record)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "identical"


def test_native_record_verifies_identical(examples_dir, tmp_path):
    record = tmp_path / "record.json"
    write_record(examples_dir / "native_beijing.json", record)
    result = run("verify", record)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "identical"


def test_chinese_record_verifies_identical(examples_dir, tmp_path):
    record = tmp_path / "record.json"
    write_record(examples_dir / "shenzhen_sudden_illness.yaml", record, "--lang", "zh")
    assert json.loads(record.read_text(encoding="utf-8"))["lang"] == "zh"
    result = run("verify", record)
    assert result.exit_code == 0, result.output


def test_record_contents(examples_dir, tmp_path):
    path = tmp_path / "record.json"
    output = write_record(examples_dir / "beijing_urban_dibao.yaml", path)
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["schema"] == records.RECORD_SCHEMA
    assert record["engine"]["version"] == engine.engine_version()
    assert record["engine"]["openfisca_core"]
    assert record["parameters_fingerprint"] == records.parameter_fingerprint(engine.baseline_system())
    assert record["month"] == "2023-06"
    assert record["reforms"] == []
    assert record["input"]["format"] == "friendly"
    assert record["input"]["situation"]["members"][0]["id"] == "applicant"
    assert "persons" in record["input"]["openfisca_situation"]
    assert record["outputs"] == output
    assert record["explanations"]["schema"] == "openfisca-assistance/trace"
    assert record["checksum"] == records.checksum(record)


def test_record_readable_by_owner_only(personal_file, tmp_path):
    path = tmp_path / "record.json"
    write_record(personal_file, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_parameter_update_reported(examples_dir, tmp_path, monkeypatch):
    path = tmp_path / "record.json"
    write_record(examples_dir / "beijing_urban_dibao.yaml", path)
    corrected = RaiseBeijingStandard(engine.baseline_system())
    monkeypatch.setattr(reforming, "build_system", lambda reforms, files: corrected)
    result = run("verify", path)
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert "parameter dibao.standard.beijing: 1320 from 2022-07-01 -> 1400 from 2022-07-01" in lines
    # (1400 - 1000) x 3 members, against (1320 - 1000) x 3 before.
    assert "outputs.programs.dibao.amount: 960.0 -> 1200.0" in lines
    assert any(line.startswith("parameters_fingerprint: ") for line in lines)


def test_edited_record_detected(examples_dir, tmp_path):
    path = tmp_path / "record.json"
    write_record(examples_dir / "beijing_urban_dibao.yaml", path)
    record = json.loads(path.read_text(encoding="utf-8"))
    record["outputs"]["programs"]["dibao"]["amount"] = 9600.0
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    result = run("verify", path)
    assert result.exit_code == 1
    assert "checksum does not match" in result.stdout
    assert "outputs.programs.dibao.amount: 9600.0 -> 960.0" in result.stdout


def test_verify_json_report(examples_dir, tmp_path):
    path = tmp_path / "record.json"
    write_record(examples_dir / "beijing_urban_dibao.yaml", path)
    result = run("verify", path, "--format", "json")
    report = json.loads(result.stdout)
    assert report["identical"] is True
    assert report["differences"] == []
    fingerprint = report["parameters_fingerprint"]
    assert fingerprint["recorded"] == fingerprint["recomputed"]


def test_verify_rejects_non_record(examples_dir):
    result = run("verify", examples_dir / "native_beijing.json")
    assert result.exit_code == 2
    assert "not a determination record" in result.stderr


def test_verify_rejects_broken_json(tmp_path):
    path = tmp_path / "record.json"
    path.write_text("{\"schema\": ", encoding="utf-8")
    result = run("verify", path)
    assert result.exit_code == 2
    assert "invalid JSON" in result.stderr
    assert "Traceback" not in result.output


def test_verify_rejects_other_version(examples_dir, tmp_path):
    path = tmp_path / "record.json"
    write_record(examples_dir / "beijing_urban_dibao.yaml", path)
    record = json.loads(path.read_text(encoding="utf-8"))
    record["schema_version"] = "2.0"
    path.write_text(json.dumps(record), encoding="utf-8")
    result = run("verify", path)
    assert result.exit_code == 2
    assert "unsupported record version" in result.stderr


def test_no_personal_data_in_logs(personal_file, tmp_path, caplog):
    path = tmp_path / "record.json"
    with caplog.at_level(logging.DEBUG):
        write_record(personal_file, path)
        assert run("verify", path).exit_code == 0
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "wrote determination record" in logged
    assert SECRET_ID not in logged
    assert str(SECRET_WAGE) not in logged


def test_fingerprint_tracks_parameter_values():
    baseline = engine.baseline_system()
    corrected = RaiseBeijingStandard(baseline)
    assert records.parameter_fingerprint(baseline) == records.parameter_fingerprint(baseline)
    assert records.parameter_fingerprint(baseline) != records.parameter_fingerprint(corrected)


def test_differences_name_paths():
    found = records.differences(
        {"a": {"b": [1, 2]}, "c": "x"},
        {"a": {"b": [1, 3]}, "c": "x", "d": True},
    )
    assert found == [
        {"path": "a.b[1]", "recorded": 2, "recomputed": 3},
        {"path": "d", "recorded": "(absent)", "recomputed": True},
    ]


def test_differences_key_trees_by_variable():
    recorded = [{"variable": "x", "value": 1}, {"variable": "y", "value": 2}]
    recomputed = [{"variable": "y", "value": 2}, {"variable": "x", "value": 5}]
    assert records.differences(recorded, recomputed, "trees") == [
        {"path": "trees.x.value", "recorded": 1, "recomputed": 5},
    ]


def test_not_determined_record_verifies(tmp_path):
    situation_file = tmp_path / "kashi.yaml"
    situation_file.write_text(
        "month: 2023-07\nmembers:\n  - {id: a, relationship: self, age: 40, hukou_locality: kashi}\n",
        encoding="utf-8",
    )
    record = tmp_path / "record.json"
    output = write_record(situation_file, record)
    assert output["programs"]["dibao"]["status"] == "not_determined"
    result = run("verify", record)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "identical"


def test_reform_file_record_verifies(examples_dir, tmp_path):
    reform_file = tmp_path / "beijing_1500.yaml"
    source = examples_dir.parent / "reforms" / "files" / "beijing_dibao_standard_1500.yaml"
    reform_file.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    record = tmp_path / "record.json"
    write_record(examples_dir / "beijing_urban_dibao.yaml", record, "--month", "2024-08", "--reform-file", reform_file)
    saved = json.loads(record.read_text(encoding="utf-8"))
    assert saved["reform_files"][0]["name"] == "beijing_1500.yaml"
    assert saved["reform_files"][0]["content"] == reform_file.read_text(encoding="utf-8")
    assert run("verify", record).stdout.strip() == "identical"
    # The record keeps the file's content, so it verifies after the file is gone.
    reform_file.unlink()
    result = run("verify", record)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"reform file {reform_file} is missing since the record; the recorded content was used",
        "identical",
    ]
