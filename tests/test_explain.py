"""`assistance explain` and the trace schema: trees, references, parameters, failed conditions."""

import json

import jsonschema
import pytest
from openfisca_core.periods import MONTH
from openfisca_core.reforms import Reform
from openfisca_core.variables import Variable
from typer.testing import CliRunner

from openfisca_assistance import engine, explanations, situation
from openfisca_assistance.entities import Household
from openfisca_assistance.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(arg) for arg in args])


@pytest.fixture(scope="module")
def native_trace():
    data = situation.read_file("examples/native_beijing.json")
    return explanations.explain(data, "2023-07")


def nodes_of(section):
    found = []

    def walk(node):
        found.append(node)
        for child in node.get("children", []):
            walk(child)

    for tree in section["trees"]:
        walk(tree)
    return found


def first_node(section, variable):
    return next(node for node in nodes_of(section) if node["variable"] == variable and not node.get("repeated"))


def test_trace_matches_json_schema(native_trace):
    jsonschema.validate(native_trace, explanations.trace_json_schema())
    assert native_trace["schema"] == explanations.TRACE_SCHEMA
    assert native_trace["schema_version"] == explanations.TRACE_SCHEMA_VERSION


def test_native_explain_cites_articles(native_trace):
    dibao = native_trace["programs"]["dibao"]
    articles = [basis["article"] for basis in dibao["legal_basis"]]
    assert "Arts. 9-13" in articles
    # The parameter sources name the article that sets each value.
    sources = [
        source["title"]
        for node in nodes_of(dibao)
        for entry in node.get("parameters", [])
        for source in entry["source"]
    ]
    assert any("Art." in title for title in sources)


def test_formula_nodes_carry_references(native_trace):
    for section in native_trace["programs"].values():
        for node in nodes_of(section):
            if node["kind"] == "formula" and not node.get("repeated"):
                assert node["reference"], node["variable"]


def test_amount_node_matches_check(native_trace):
    dibao = native_trace["programs"]["dibao"]
    amount = first_node(dibao, "dibao_amount")
    # Beijing standard 1395 from 2023-07-01 minus income 1100.
    assert amount["value"] == {"household": 295.0}
    assert dibao["amount"] == 295.0


def test_standard_node_lists_parameter_read(native_trace):
    standard = first_node(native_trace["programs"]["dibao"], "dibao_standard")
    reads = {entry["path"]: entry for entry in standard["parameters"]}
    beijing = reads["dibao.standard.beijing"]
    assert beijing["value"] == 1395
    assert beijing["effective_from"] == "2023-07-01"
    assert beijing["confidence"] == "A"
    assert beijing["source"][0]["href"].startswith("http")


def test_reads_attributed_to_reading_formula(native_trace):
    dibao = native_trace["programs"]["dibao"]
    amount = first_node(dibao, "dibao_amount")
    paths = {entry["path"] for entry in amount["parameters"]}
    # The standard is read by dibao_standard's formula, not by the amount's.
    assert "dibao.standard.beijing" not in paths


def test_each_variable_expanded_once(native_trace):
    for section in native_trace["programs"].values():
        expanded = [(node["variable"], node["period"]) for node in nodes_of(section) if not node.get("repeated")]
        assert len(expanded) == len(set(expanded))


def test_inputs_marked_given_or_default(native_trace):
    dibao = native_trace["programs"]["dibao"]
    assert first_node(dibao, "wage_income")["kind"] == "input"
    assert first_node(dibao, "employment_costs")["kind"] == "default"


def test_failed_conditions_come_first(native_trace):
    support = native_trace["programs"]["extreme_poverty"]
    assert support["status"] == "not_eligible"
    codes = [condition["code"] for condition in support["failed_conditions"]]
    assert codes[0] == "not_elderly_minor_or_disabled"
    assert support["failed_conditions"][0]["person"] == "applicant"
    assert "age 52" in support["failed_conditions"][0]["message"]
    assert support["trees"][0]["variable"] == "extreme_poverty_category"


def test_text_puts_failed_conditions_before_tree(examples_dir):
    result = run("explain", examples_dir / "native_beijing.json")
    assert result.exit_code == 0, result.output
    section = result.stdout.split("[extreme_poverty]")[1]
    why = section.index("why not:")
    tree = section.index("- extreme_poverty_category")
    assert why < tree


def test_text_shows_parameter_source(examples_dir):
    result = run("explain", examples_dir / "native_beijing.json")
    assert "parameter dibao.standard.beijing = 1395 (from 2023-07-01, confidence A;" in result.stdout
    assert "legal basis: 社会救助暂行办法" in result.stdout


def test_json_format_is_trace(examples_dir):
    result = run("explain", examples_dir / "beijing_urban_dibao.yaml", "--format", "json")
    assert result.exit_code == 0, result.output
    trace = json.loads(result.stdout)
    jsonschema.validate(trace, explanations.trace_json_schema())
    assert trace["month"] == "2023-06"


def test_variable_option_explains_one_variable(examples_dir):
    result = run("explain", examples_dir / "beijing_urban_dibao.yaml", "--variable", "dibao_per_capita_income",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    trace = json.loads(result.stdout)
    assert trace["programs"] == {}
    assert trace["variable"]["trees"][0]["variable"] == "dibao_per_capita_income"
    # (3000 / 3): the family of three with 3000 yuan of wages.
    assert trace["variable"]["trees"][0]["value"] == {"household": 1000.0}


def test_unknown_variable_suggests_name(examples_dir):
    result = run("explain", examples_dir / "beijing_urban_dibao.yaml", "--variable", "dibao_amout")
    assert result.exit_code == 2
    assert "unknown variable 'dibao_amout'" in result.stderr
    assert "did you mean 'dibao_amount'?" in result.stderr
    assert "Traceback" not in result.output


def test_depth_zero_keeps_roots_only(examples_dir):
    data = situation.read_file(examples_dir / "beijing_urban_dibao.yaml")
    trace = explanations.explain(data, depth=0)
    roots = trace["programs"]["dibao"]["trees"]
    assert roots
    assert all(root["children"] == [] for root in roots)
    assert roots[0]["children_omitted"] >= 1


def test_depth_limits_levels(examples_dir):
    data = situation.read_file(examples_dir / "beijing_urban_dibao.yaml")
    trace = explanations.explain(data, depth=1)
    for root in trace["programs"]["dibao"]["trees"]:
        for child in root["children"]:
            assert child.get("children", []) == []


def test_negative_depth_exits_two(examples_dir):
    result = run("explain", examples_dir / "beijing_urban_dibao.yaml", "--depth", "-1")
    assert result.exit_code == 2
    assert "depth must be 0 or more" in result.stderr


def test_hide_defaults_drops_defaults(examples_dir):
    data = situation.read_file(examples_dir / "native_beijing.json")
    trace = explanations.explain(data, hide_defaults=True)
    # Roots stay: a failed condition can be an input left at its default.
    below_roots = [
        node
        for section in trace["programs"].values()
        for tree in section["trees"]
        for child in tree.get("children", [])
        for node in nodes_of({"trees": [child]})
    ]
    kinds = {node["kind"] for node in below_roots}
    assert "default" not in kinds
    assert "input" in kinds


def test_chinese_labels(examples_dir):
    result = run("explain", examples_dir / "beijing_urban_dibao.yaml", "--lang", "zh", "--depth", "1")
    assert result.exit_code == 0, result.output
    assert "[家庭符合最低生活保障条件]" in result.stdout
    assert "法律依据" in result.stdout


def test_not_determined_names_missing_value(tmp_path):
    path = tmp_path / "kashi.yaml"
    path.write_text(
        "month: 2023-07\nmembers:\n  - {id: a, relationship: self, age: 40, hukou_locality: kashi}\n",
        encoding="utf-8",
    )
    trace = explanations.explain(situation.read_file(path), file=str(path))
    dibao = trace["programs"]["dibao"]
    assert dibao["status"] == "not_determined"
    assert [item["parameter"] for item in dibao["not_determined"]] == ["dibao.standard.kashi"]
    assert first_node(dibao, "dibao_standard")["value"] is None


def test_month_before_rules_exits_two(examples_dir):
    result = run("explain", examples_dir / "native_beijing.json", "--month", "2014-04")
    assert result.exit_code == 2
    assert "2014-05-01" in result.stderr


def test_reform_unknown_exits_two(examples_dir):
    result = run("explain", examples_dir / "beijing_urban_dibao.yaml", "--reform", "no_such_reform")
    assert result.exit_code == 2
    assert "unknown reform" in result.stderr


class _DirectRead(Reform):
    """Adds a variable whose formula reads the parameter tree directly, not through `rules`."""

    name = "Direct parameter read"

    def apply(self):
        class reads_tree_directly(Variable):
            value_type = bool
            entity = Household
            definition_period = MONTH
            label = "Reads a parameter from the tree"
            reference = "https://example.org/rule"

            def formula(household, period, parameters):
                return parameters(period).baseline.interim_measures_in_force

        self.add_variable(reads_tree_directly)


def test_direct_parameter_reads_listed(examples_dir):
    system = _DirectRead(engine.baseline_system())
    data = situation.read_file(examples_dir / "native_beijing.json")
    native = explanations.native_situation(data, "2023-07")
    section = explanations.explain_variable(system, native, "2023-07", "reads_tree_directly")
    entry = section["trees"][0]["parameters"][0]
    assert entry["path"] == "baseline.interim_measures_in_force"
    assert entry["value"] is True
    assert entry["effective_from"] == "2014-05-01"
    assert entry["confidence"] == "A"
    assert "Art. 70" in entry["source"][0]["title"]
