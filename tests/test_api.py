"""The Python API: check, check_many, compare and explain, and the examples of docs/api.md."""

import copy
import datetime
import json
import os
import re
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openfisca_core import periods
from openfisca_core.reforms import Reform
from typer.testing import CliRunner

import openfisca_assistance
from openfisca_assistance import api
from openfisca_assistance.api_models import Determination, NativeSituation
from openfisca_assistance.cli import app
from openfisca_assistance.errors import (
    AssistanceError,
    InputError,
    PeriodNotCoveredError,
    UnknownLocalityError,
    UnknownProgramError,
    UnknownVariableError,
)
from openfisca_assistance.situation import Situation
from openfisca_assistance.situation_examples import friendly_example, native_example

REPOSITORY = Path(__file__).resolve().parent.parent
EXAMPLES = REPOSITORY / "examples"
DOCS = REPOSITORY / "docs" / "api.md"
RAISE = 100  # yuan added to the Beijing dibao standard by the test reform


class RaiseBeijingStandard(Reform):
    """Raise the Beijing dibao standard from 2023-07 by RAISE yuan."""

    name = "Raise the Beijing dibao standard"

    def apply(self):
        def modify(parameters):
            standard = parameters.dibao.standard.beijing
            raised = standard("2023-07-01") + RAISE
            standard.update(period=periods.period("month:2023-07:120"), value=raised)
            return parameters

        self.modify_parameters(modifier_function=modify)


@pytest.fixture
def test_reform(monkeypatch):
    """Make `raise_beijing_standard` a reform name that build_system knows."""
    import openfisca_assistance.reforms as reforms

    known = reforms.load

    def load(name):
        return RaiseBeijingStandard if name == "raise_beijing_standard" else known(name)

    monkeypatch.setattr(reforms, "load", load)
    api._named_system.cache_clear()
    yield "raise_beijing_standard"
    api._named_system.cache_clear()


def _wage(native):
    return native["persons"]["applicant"]["wage_income"]["2023-07"]


# check ------------------------------------------------------------------------


def test_check_native_at_month():
    determination = openfisca_assistance.check(native_example(), month="2023-07")
    assert isinstance(determination, Determination)
    dibao = determination.programs["dibao"]
    assert dibao.status == "eligible"
    # Gap method for one person: standard minus income.
    assert dibao.amount == dibao.standard_applied[0].value - _wage(native_example())
    assert dibao.standard_applied[0].path == "dibao.standard.beijing"


def test_check_takes_month_as_date():
    by_text = openfisca_assistance.check(native_example(), "2023-07")
    by_date = openfisca_assistance.check(native_example(), datetime.date(2023, 7, 15))
    assert by_text == by_date


@pytest.mark.parametrize("example", sorted(path.name for path in EXAMPLES.glob("*.*")))
def test_check_matches_cli_json(example):
    path = EXAMPLES / example
    result = CliRunner().invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert openfisca_assistance.check(path).to_dict() == json.loads(result.stdout)


def test_friendly_forms_agree():
    data = friendly_example()
    from_dict = openfisca_assistance.check(data, "2023-07")
    from_model = openfisca_assistance.check(Situation.model_validate(data), "2023-07")
    assert from_dict.to_dict() == from_model.to_dict()


def test_native_model_and_dict_agree():
    data = native_example()
    from_dict = openfisca_assistance.check(data, "2023-07")
    from_model = openfisca_assistance.check(NativeSituation.model_validate(data), "2023-07")
    assert from_dict.to_dict() == from_model.to_dict()


def test_native_null_values_are_ignored():
    data = native_example()
    assert data["households"]["household"]["dibao_amount"] == {"2023-07": None}
    without = copy.deepcopy(data)
    del without["households"]["household"]["dibao_amount"]
    del without["households"]["household"]["dibao_eligible"]
    assert openfisca_assistance.check(data).to_dict() == openfisca_assistance.check(without).to_dict()


def test_check_in_chinese():
    determination = openfisca_assistance.check(friendly_example(), "2023-07", lang="zh")
    assert determination.programs["dibao"].label == "最低生活保障"


def test_reforms_are_listed(test_reform):
    determination = openfisca_assistance.check(native_example(), "2023-07", test_reform)
    assert determination.reforms == [test_reform]
    baseline = openfisca_assistance.check(native_example(), "2023-07")
    assert determination.programs["dibao"].amount == baseline.programs["dibao"].amount + RAISE


# Errors -----------------------------------------------------------------------


def test_text_in_numeric_field_friendly():
    data = friendly_example()
    data["members"][1]["income"]["wage_income"] = "abc"
    with pytest.raises(InputError) as raised:
        openfisca_assistance.check(data, "2023-07")
    assert raised.value.location == "members.1.income.wage_income"
    assert raised.value.value == "abc"
    assert raised.value.fix


def test_text_in_numeric_field_native():
    data = native_example()
    data["persons"]["applicant"]["wage_income"] = {"2023-07": "abc"}
    with pytest.raises(InputError) as raised:
        openfisca_assistance.check(data, "2023-07")
    assert raised.value.location == "persons.applicant.wage_income.2023-07"
    assert raised.value.fix


def test_unknown_variable():
    data = native_example()
    data["households"]["household"]["financial_asets"] = {"2023-07": 0}
    with pytest.raises(UnknownVariableError) as raised:
        openfisca_assistance.check(data, "2023-07")
    assert raised.value.location == "households.household.financial_asets"
    assert "financial_assets" in raised.value.fix


def test_unknown_variable_is_an_input_error():
    assert issubclass(UnknownVariableError, InputError)
    assert issubclass(UnknownProgramError, InputError)


def test_unknown_locality():
    data = friendly_example()
    data["members"][0]["hukou_locality"] = "atlantis"
    with pytest.raises(UnknownLocalityError) as raised:
        openfisca_assistance.check(data, "2023-07")
    assert raised.value.location == "members.0.hukou_locality"


@pytest.mark.parametrize(("month", "error_type"), [
    ("2014-04", PeriodNotCoveredError),
    ("2023-13", InputError),
    ("July 2023", InputError),
])
def test_bad_month(month, error_type):
    with pytest.raises(error_type) as raised:
        openfisca_assistance.check(friendly_example(), month)
    assert raised.value.location == "month"


def test_unknown_reform():
    with pytest.raises(InputError) as raised:
        openfisca_assistance.check(friendly_example(), "2023-07", ["no_such_reform"])
    assert raised.value.location == "reforms"


def test_reform_name_as_text(test_reform):
    determination = openfisca_assistance.check(native_example(), "2023-07", test_reform)
    assert determination.reforms == [test_reform]


def test_situation_of_wrong_type():
    with pytest.raises(InputError) as raised:
        openfisca_assistance.check(["not", "a", "situation"], "2023-07")
    assert raised.value.fix


@pytest.mark.parametrize("situation", [
    {"households": True, "members": None},
    {"persons": [], "households": {}},
    {"persons": {"a": {"age": {"2023-07": 40}}}, "households": "a"},
])
def test_malformed_native_without_month(situation, test_reform):
    # Without a month the engine looks for the month in the situation first.
    with pytest.raises(InputError):
        openfisca_assistance.check(situation)
    with pytest.raises(InputError):
        openfisca_assistance.compare(situation, None, [test_reform])
    with pytest.raises(InputError):
        openfisca_assistance.explain(situation)


def test_unknown_language():
    with pytest.raises(InputError) as raised:
        openfisca_assistance.check(friendly_example(), "2023-07", lang="fr")
    assert raised.value.location == "lang"


# check_many -------------------------------------------------------------------


def _bad_row(kind: str):
    data = friendly_example()
    if kind == "negative_age":
        data["members"][0]["age"] = -1
    elif kind == "text_income":
        data["members"][0]["income"]["wage_income"] = "a lot"
    elif kind == "unknown_locality":
        data["members"][0]["hukou_locality"] = "atlantis"
    elif kind == "not_a_mapping":
        return ["members"]
    elif kind == "unknown_variable":
        data = native_example()
        data["persons"]["applicant"]["salary"] = {"2023-07": 1}
    return data


BAD_KINDS = ["negative_age", "text_income", "unknown_locality", "not_a_mapping", "unknown_variable"]


def test_check_many_keeps_every_row():
    rows = [friendly_example(), _bad_row("negative_age"), native_example(), _bad_row("not_a_mapping")]
    result = openfisca_assistance.check_many(rows, "2023-07")
    assert result.total == len(rows)
    assert [row.index for row in result.checked] == [0, 2]
    assert [row.index for row in result.rejected] == [1, 3]
    assert result.rejected[0].error.location == "members.0.age"
    assert result.rejected[1].error.code == "invalid_input"


def test_check_many_rows_match_check():
    result = openfisca_assistance.check_many([friendly_example(), native_example()], "2023-07")
    assert result.checked[0].determination == openfisca_assistance.check(friendly_example(), "2023-07")
    assert result.checked[1].determination == openfisca_assistance.check(native_example(), "2023-07")


def test_check_many_mapping_keeps_ids():
    result = openfisca_assistance.check_many({"a-1": friendly_example(), "b-2": _bad_row("text_income")}, "2023-07")
    assert [row.id for row in result.checked] == ["a-1"]
    assert [row.id for row in result.rejected] == ["b-2"]


def test_check_many_json_lines(tmp_path):
    path = tmp_path / "households.jsonl"
    lines = [json.dumps(friendly_example()), "{broken", "", json.dumps(_bad_row("unknown_locality")), "[1]"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = openfisca_assistance.check_many(path, "2023-07")
    assert result.total == 4
    assert [row.line for row in result.checked] == [1]
    assert [row.line for row in result.rejected] == [2, 4, 5]
    assert result.rejected[0].error.message.startswith("invalid JSON")
    assert result.rejected[1].error.code == "unknown_locality"


def test_check_many_yaml_file(tmp_path):
    path = tmp_path / "households.yaml"
    path.write_text(json.dumps({"first": friendly_example()}), encoding="utf-8")
    result = openfisca_assistance.check_many(path, "2023-07")
    assert [row.id for row in result.checked] == ["first"]


def test_check_many_rejects_one_situation():
    with pytest.raises(InputError):
        openfisca_assistance.check_many(friendly_example(), "2023-07")


def test_check_many_bad_month_raises():
    with pytest.raises(InputError):
        openfisca_assistance.check_many([friendly_example()], "2023-13")


@given(st.lists(st.sampled_from(["good", "native", *BAD_KINDS]), max_size=8))
def test_check_many_loses_no_row(kinds):
    rows = [friendly_example() if kind == "good" else native_example() if kind == "native" else _bad_row(kind)
            for kind in kinds]
    result = openfisca_assistance.check_many(rows, "2023-07")
    assert result.total == len(rows)
    checked = [row.index for row in result.checked]
    rejected = [row.index for row in result.rejected]
    assert sorted(checked + rejected) == list(range(len(rows)))
    assert checked == [index for index, kind in enumerate(kinds) if kind in {"good", "native"}]
    assert all(row.error.code != "internal_error" for row in result.rejected)


# compare ----------------------------------------------------------------------


def test_compare_reports_difference(test_reform):
    comparison = openfisca_assistance.compare(native_example(), "2023-07", [test_reform])
    assert [column.id for column in comparison.columns] == ["baseline", test_reform]
    dibao = comparison.programs["dibao"]
    change = dibao.changes[test_reform]
    assert change.changed is True
    assert change.amount_difference == RAISE
    assert dibao.results[test_reform].amount == dibao.results["baseline"].amount + RAISE
    support = comparison.programs["extreme_poverty"]
    assert support.changes[test_reform].changed is False


def test_compare_baseline_matches_check(test_reform):
    comparison = openfisca_assistance.compare(friendly_example(), "2023-07", [test_reform])
    determination = openfisca_assistance.check(friendly_example(), "2023-07")
    for program_id, program in comparison.programs.items():
        assert program.results["baseline"].amount == determination.programs[program_id].amount
        assert program.results["baseline"].status == determination.programs[program_id].status


def test_compare_columns_and_stacking(test_reform):
    stacked = f"{test_reform}+{test_reform}"
    comparison = openfisca_assistance.compare(native_example(), "2023-07", [test_reform, stacked])
    changes = comparison.programs["dibao"].changes
    assert changes[test_reform].amount_difference == RAISE
    assert changes[stacked].amount_difference == 2 * RAISE


def test_compare_matches_comparison_module(test_reform):
    from openfisca_assistance import comparison

    expected = comparison.compare(api.without_requests(native_example()), "2023-07", specs=[test_reform])
    assert openfisca_assistance.compare(native_example(), "2023-07", [test_reform]).to_dict() == expected


def test_compare_needs_a_reform():
    with pytest.raises(InputError) as raised:
        openfisca_assistance.compare(native_example(), "2023-07")
    assert raised.value.location == "reforms"


def test_compare_unknown_reform():
    with pytest.raises(InputError) as raised:
        openfisca_assistance.compare(native_example(), "2023-07", ["no_such_reform"])
    assert raised.value.location == "reforms"


@pytest.mark.parametrize("example", sorted(path.name for path in EXAMPLES.glob("*.*")))
def test_compare_each_bundled_reform(example):
    from openfisca_assistance.reforms import available

    names = sorted(available())
    if not names:
        pytest.skip("no reform is bundled")
    comparison = openfisca_assistance.compare(EXAMPLES / example, None, names)
    assert [column.id for column in comparison.columns] == ["baseline", *names]
    for program in comparison.programs.values():
        assert set(program.results) == {"baseline", *names}
        for change in program.changes.values():
            assert change.changed or not change.provisions


# explain ----------------------------------------------------------------------


def test_explain_native_cites_articles():
    explanation = openfisca_assistance.explain(native_example(), "2023-07")
    dibao = explanation.programs["dibao"]
    assert dibao.status == openfisca_assistance.check(native_example(), "2023-07").programs["dibao"].status
    assert all(basis.article for basis in dibao.legal_basis)
    assert dibao.trees
    assert explanation.to_dict()["schema"] == "openfisca-assistance/trace"


def test_explain_failed_conditions_first():
    data = native_example()
    data["persons"]["applicant"]["wage_income"] = {"2023-07": 5000}
    explanation = openfisca_assistance.explain(data, "2023-07", program="dibao")
    assert list(explanation.programs) == ["dibao"]
    failed = explanation.programs["dibao"].failed_conditions
    assert [condition.code for condition in failed] == ["income_not_below_standard"]
    assert explanation.programs["dibao"].trees[0].variable == failed[0].variable


def test_explain_variable_depth():
    explanation = openfisca_assistance.explain(native_example(), "2023-07", variable="dibao_amount", depth=0)
    root = explanation.variable.trees[0]
    assert root.variable == "dibao_amount"
    assert root.children == []
    assert root.children_omitted


def test_explain_unknown_names():
    with pytest.raises(UnknownProgramError):
        openfisca_assistance.explain(native_example(), "2023-07", program="pension")
    with pytest.raises(UnknownVariableError) as raised:
        openfisca_assistance.explain(native_example(), "2023-07", variable="dibao_amout")
    assert "dibao_amount" in raised.value.fix


def test_explain_matches_explanations_module():
    from openfisca_assistance import explanations

    expected = explanations.explain(api.without_requests(native_example()), "2023-07")
    assert openfisca_assistance.explain(native_example(), "2023-07").to_dict() == expected


# docs/api.md ------------------------------------------------------------------


def python_blocks(text: str) -> list[tuple[str | None, str]]:
    """Return (reform the block needs or None, code) for each Python block of a Markdown text."""
    pattern = r"(?:<!-- needs reform: ([a-z0-9_]+) -->\n)?```python\n(.*?)```"
    return [(needs or None, code) for needs, code in re.findall(pattern, text, flags=re.DOTALL)]


def test_docs_library_examples_run(monkeypatch):
    from openfisca_assistance.reforms import available

    blocks = [(needs, code) for needs, code in python_blocks(DOCS.read_text(encoding="utf-8")) if "urllib" not in code]
    assert len(blocks) >= 5
    monkeypatch.chdir(REPOSITORY)
    for needs, code in blocks:
        if needs is not None and needs not in available():
            continue  # NOTE: runs once the reform it names is bundled.
        exec(compile(code, str(DOCS), "exec"), {})  # noqa: S102 - the documented examples


def test_error_types_are_assistance_errors():
    for error_type in (InputError, UnknownVariableError, UnknownProgramError, UnknownLocalityError,
                       PeriodNotCoveredError):
        assert issubclass(error_type, AssistanceError)


# A fresh install ----------------------------------------------------------------


def test_fresh_install_checks_native_situation(tmp_path):
    """Build the wheel, install it into a new virtual environment and call check() there."""
    out = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(REPOSITORY)],
                   check=True, capture_output=True, text=True)
    wheel = next(out.glob("*.whl"))
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    # Install the wheel alone; its dependencies come from this test
    # environment through a .pth file, so the test needs no network.
    subprocess.run([python, "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)], check=True)
    purelib = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    situation = tmp_path / "native.json"
    situation.write_text(json.dumps(native_example()), encoding="utf-8")
    script = (
        "import json, sys, openfisca_assistance\n"
        "determination = openfisca_assistance.check(json.load(open(sys.argv[1])), month='2023-07')\n"
        "print(json.dumps({'file': openfisca_assistance.__file__, 'amount': determination.programs['dibao'].amount}))\n"
    )
    completed = subprocess.run(
        [python, "-c", script, str(situation)], capture_output=True, text=True, cwd=tmp_path,
        env={key: value for key, value in os.environ.items() if key != "PYTHONPATH"},
    )
    assert completed.returncode == 0, completed.stderr
    output = json.loads(completed.stdout)
    assert str(environment) in output["file"]
    assert output["amount"] == openfisca_assistance.check(native_example(), "2023-07").programs["dibao"].amount
