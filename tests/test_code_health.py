"""Code health: references, labels, parameter metadata, no magic numbers, strict loaders."""

import ast
import textwrap
from pathlib import Path

import pytest
import yaml

from openfisca_assistance import engine, explanations, rules, yaml_tests
from openfisca_assistance.errors import NotDetermined, ParameterFileError, RuleNotInForce
from openfisca_assistance.paths import VARIABLES_DIR
from openfisca_assistance.system import iter_parameters, load_parameters

REPOSITORY = Path(__file__).resolve().parent.parent
ALLOWED_LITERALS = {0, 1}


@pytest.fixture(scope="module")
def variables(system):
    return system.variables


def test_computed_variables_have_reference(variables):
    missing = sorted(name for name, variable in variables.items() if variable.formulas and not variable.reference)
    assert missing == []


def test_every_variable_has_english_label(variables):
    missing = sorted(name for name, variable in variables.items() if not (variable.label or "").strip())
    assert missing == []


def test_every_variable_has_chinese_label(variables):
    labels = explanations.chinese_labels()
    missing = sorted(name for name in variables if not (labels.get(name) or "").strip())
    assert missing == [], "add these to openfisca_assistance/data/labels_zh.yaml"


def test_chinese_labels_name_real_variables(variables):
    stale = sorted(set(explanations.chinese_labels()) - set(variables))
    assert stale == []


def test_chinese_labels_are_chinese():
    for name, label in explanations.chinese_labels().items():
        assert any("\u4e00" <= char <= "\u9fff" for char in label), name


def test_every_parameter_has_description_unit_reference(system):
    problems = []
    for parameter in iter_parameters(system.parameters):
        metadata = parameter.metadata or {}
        if not (parameter.description or "").strip():
            problems.append((parameter.name, "description"))
        if not metadata.get("unit"):
            problems.append((parameter.name, "unit"))
        if not metadata.get("reference"):
            problems.append((parameter.name, "reference"))
    assert problems == []


def _documented_constants(tree: ast.Module, lines: list[str]) -> set[int]:
    """Return the ids of literals assigned to a module-level UPPER_CASE name with a comment on its line.

    Such a constant is technical (a rounding step, a storage precision); its
    comment says why it is not a dated parameter.
    """
    allowed = set()
    for statement in tree.body:
        if not isinstance(statement, ast.Assign) or not isinstance(statement.value, ast.Constant):
            continue
        names = [target.id for target in statement.targets if isinstance(target, ast.Name)]
        if names and all(name.isupper() for name in names) and "#" in lines[statement.lineno - 1]:
            allowed.add(id(statement.value))
    return allowed


def numeric_literals(path: Path) -> list[tuple[int, object]]:
    """Return (line, value) of each number literal other than 0 and 1 in a Python file."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=str(path))
    documented = _documented_constants(tree, source.splitlines())
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and type(node.value) in (int, float, complex):
            if node.value not in ALLOWED_LITERALS and id(node) not in documented:
                found.append((node.lineno, node.value))
    return found


def test_no_numeric_literals_in_variables():
    offenders = {}
    for path in sorted(VARIABLES_DIR.rglob("*.py")):
        literals = numeric_literals(path)
        if literals:
            offenders[str(path.relative_to(VARIABLES_DIR))] = literals
    assert offenders == {}, "move these numbers to dated parameters"


def test_literal_scan_finds_numbers(tmp_path):
    path = tmp_path / "formula.py"
    path.write_text("def formula(person, period, parameters):\n    return person('age', period) >= 18 * 2.5\n",
                    encoding="utf-8")
    assert numeric_literals(path) == [(2, 18), (2, 2.5)]


def test_literal_scan_constants_need_comment(tmp_path):
    path = tmp_path / "formula.py"
    path.write_text("STEP = 0.5  # Half-up rounding adds half a unit.\nAGE = 60\n", encoding="utf-8")
    assert numeric_literals(path) == [(2, 60)]


def test_yaml_rule_tests_pass_strict_checks(system):
    count, errors = yaml_tests.validate_paths(system, [REPOSITORY / "tests" / "rules"])
    assert [error.render() for error in errors] == []
    assert count >= 0


# Parameter files are validated when they load.


def write_parameter(folder: Path, text: str) -> Path:
    path = folder / "family" / "value.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


GOOD_PARAMETER = """\
    description: A test value.
    metadata:
      unit: /1
      reference:
        - {title: A source, href: https://example.org/source}
    values:
      2020-01-01:
        value: 1
        metadata:
          confidence: A
          reference:
            - {title: A source, href: https://example.org/source}
    """


def test_good_parameter_file_loads(tmp_path):
    write_parameter(tmp_path, GOOD_PARAMETER)
    assert load_parameters(tmp_path).family.value.values_list[0].value == 1


@pytest.mark.parametrize(("change", "location", "message"), [
    (("description: A test value.\n", ""), "family.value", "missing description"),
    (("unit: /1", "unit: percent"), "family.value.metadata.unit", "unknown metadata.unit"),
    (("unit: /1", "unit: /1\n  lable: x"), "family.value.metadata.lable", "unknown key 'lable'"),
    (("2020-01-01:", "2020-02-30:"), "family.value.values.2020-02-30", "invalid date"),
    (("confidence: A", "confidence: high"), "family.value.values.2020-01-01.metadata.confidence",
     "unknown metadata.confidence"),
    (("confidence: A", "confidence: A\n      notes: x"), "family.value.values.2020-01-01.metadata.notes",
     "unknown key 'notes'"),
    (("description:", "descripton:"), "family.value", "unknown key 'descripton'"),
])
def test_bad_parameter_file_names_file_and_key(tmp_path, change, location, message):
    old, new = change
    text = textwrap.dedent(GOOD_PARAMETER).replace(old, new, 1)
    path = tmp_path / "family" / "value.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParameterFileError) as raised:
        load_parameters(tmp_path)
    assert raised.value.file == str(path)
    assert raised.value.location == location
    assert message in raised.value.message


def test_unknown_parameter_key_suggests_fix(tmp_path):
    text = textwrap.dedent(GOOD_PARAMETER).replace("unit: /1", "unit: /1\n  lable: x", 1)
    (tmp_path / "family").mkdir()
    (tmp_path / "family" / "value.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ParameterFileError) as raised:
        load_parameters(tmp_path)
    assert raised.value.fix == "did you mean 'label'?"


def test_invalid_parameter_yaml_names_line(tmp_path):
    (tmp_path / "family").mkdir()
    path = tmp_path / "family" / "value.yaml"
    path.write_text("description: x\nmetadata: [\n", encoding="utf-8")
    with pytest.raises(ParameterFileError) as raised:
        load_parameters(tmp_path)
    assert raised.value.file == str(path)
    assert raised.value.location.startswith("line ")
    assert raised.value.message.startswith("invalid YAML")


# A parameter asked for before its first value gives the same error everywhere.


class _Population:
    def __init__(self, system):
        self.simulation = type("Simulation", (), {"tax_benefit_system": system})()


def test_rule_before_first_value_same_error(system):
    from openfisca_core import periods

    with pytest.raises(RuleNotInForce) as through_rules:
        rules.national(_Population(system), periods.period("2010-01"), "baseline.interim_measures_in_force")
    with pytest.raises(RuleNotInForce) as through_tree:
        system.get_parameters_at_instant("2010-01-01").baseline.interim_measures_in_force
    assert str(through_rules.value) == str(through_tree.value)
    assert "its first value takes effect on 2014-05-01" in str(through_tree.value)
    assert isinstance(through_tree.value, NotDetermined)


def test_missing_parameter_in_tree_is_not_determined(system):
    parameters = system.get_parameters_at_instant("2023-01-01")
    with pytest.raises(RuleNotInForce, match="does not exist in this rule set"):
        parameters.baseline.no_such_rule
    assert not hasattr(parameters.baseline, "no_such_rule")


def test_local_value_before_first_value(system):
    parameters = system.get_parameters_at_instant("2015-01-01")
    with pytest.raises(RuleNotInForce, match="'dibao.standard.beijing' is not modelled for 2015-01"):
        parameters.dibao.standard.beijing
    with pytest.raises(RuleNotInForce, match="'dibao.standard.beijing' is not modelled for 2015-01"):
        parameters.dibao.standard["beijing"]


def test_programmes_file_conditions_name_variables(system):
    registry = yaml.safe_load((REPOSITORY / "openfisca_assistance" / "data" / "programs.yaml").read_text(
        encoding="utf-8"))
    for program_id, program in registry.items():
        for condition in program.get("conditions", []):
            assert condition["variable"] in system.variables, (program_id, condition["variable"])


def test_engine_baseline_loads():
    assert engine.baseline_system().parameters is not None
