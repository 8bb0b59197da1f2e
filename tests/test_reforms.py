"""Reforms, reform files, `assistance reforms`, `compare` and `sweep`."""

from __future__ import annotations

import datetime
import json
import re
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from openfisca_core.parameters import Parameter
from typer.testing import CliRunner

from openfisca_assistance import comparison, engine, reform_files, reforming, sweeping
from openfisca_assistance import situation as situations
from openfisca_assistance.cli import app
from openfisca_assistance.errors import InputError
from openfisca_assistance.reforms import available

REPOSITORY = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(path.name for path in (REPOSITORY / "examples").iterdir() if path.suffix in (".yaml", ".json"))
REFORMS = sorted(available())
LAW = "social_assistance_law_2026"
DAY_ONE = datetime.date(2014, 5, 1)
LAST_DAY = datetime.date(2030, 12, 31)
ONE_DAY = datetime.timedelta(days=1)
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(arg) for arg in args])


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(data, **options) -> list[InputError]:
    with pytest.raises(reform_files.ReformFileError) as caught:
        reform_files.parse(data, **options)
    return caught.value.problems


def tree_snapshot(node, prefix=""):
    """Return every leaf of a parameter tree as (path, id, [(date, value)])."""
    result = []
    for key, child in node.children.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(child, Parameter):
            result.append((path, id(child), [(item.instant_str, repr(item.value)) for item in child.values_list]))
        else:
            result.extend(tree_snapshot(child, path))
    return result


def comparable(result):
    """Return a check result without the fields and notices that name the reforms applied."""
    result = json.loads(json.dumps(result, default=str))
    result.pop("reforms")
    result["notices"] = [
        notice for notice in result["notices"]
        if not notice["code"].startswith("reform") and notice["code"] != "social_assistance_law_in_force"
    ]
    return result


# --- The reforms ------------------------------------------------------------


def test_four_reforms_are_available():
    assert {LAW, "social_assistance_law_2020_draft", "crisis_affected_as_temporary_targets",
            "disaster_relief_extended_to_emergencies"} <= set(REFORMS)


@pytest.mark.parametrize("name", REFORMS)
def test_reform_declares_itself(name):
    reform_class = available()[name]
    assert reform_class.name, "one-line description"
    assert reform_class.in_effect == f"reforms.{name}.in_effect"
    assert reform_class.provisions
    assert reform_class.left_out
    for provision in reform_class.provisions:
        assert provision.confidence in {"A", "B", "C", "inferred", "unconfirmed"}, provision
        assert provision.variables or provision.programmes, provision


@pytest.mark.parametrize("name", REFORMS)
def test_docstring_lists_every_provision(name):
    reform_class = available()[name]
    module_doc = __import__(reform_class.__module__, fromlist=["_"]).__doc__
    assert "Provisions encoded" in module_doc
    assert "left out" in module_doc
    cited = {int(number) for match in re.findall(r"Arts?\. [\d ,\-andpar.]+", module_doc)
             for number in re.findall(r"\d+", match)}
    for provision in reform_class.provisions:
        numbers = [int(number) for number in re.findall(r"\d+", provision.article.split("para")[0])]
        if numbers:
            assert numbers[0] in cited, (provision.code, provision.article)
        else:
            assert f"({provision.confidence})" in module_doc, provision.code


@pytest.mark.parametrize("name", REFORMS)
def test_reform_variables_exist(name, system):
    reform = reformed([name])
    for provision in reform.provisions:
        for variable in provision.variables:
            assert reform.get_variable(variable) is not None, (name, variable)
            assert system.get_variable(variable) is not None, f"{variable} has no baseline value to compare with"


def reformed(names, files=()):
    return reforming.build_system(list(names), list(files))


def test_applying_reforms_leaves_the_baseline_system_untouched(system):
    before = tree_snapshot(system.parameters)
    variables = dict(system.variables)
    formulas = {name: dict(variable.formulas) for name, variable in system.variables.items()}
    reformed(REFORMS, [reform_files.BUNDLED_DIR / "law_2026_from_2020.yaml"])
    reformed([f"{LAW}@2020-01"])
    assert tree_snapshot(system.parameters) == before
    assert system.variables == variables
    assert {name: dict(variable.formulas) for name, variable in system.variables.items()} == formulas


LOCALITIES = ["beijing", "shenzhen", "chongqing", "wuhan"]
MONTHS = ["2020-02", "2021-03", "2023-06", "2026-08"]


@st.composite
def situations_strategy(draw):
    size = draw(st.integers(min_value=1, max_value=3))
    hukou = draw(st.sampled_from(LOCALITIES))
    members = []
    for index in range(size):
        member = {
            "id": f"m{index}",
            "relationship": "self" if index == 0 else draw(st.sampled_from(["spouse", "child", "parent"])),
            "age": draw(st.integers(min_value=0, max_value=95)),
            "hukou_locality": hukou,
            "income": {"wage_income": draw(st.integers(min_value=0, max_value=8000))},
            "education": draw(st.sampled_from(["none", "preschool", "primary", "upper_secondary", "tertiary"])),
            "supported_as_extreme_poverty_minor": draw(st.booleans()),
            "unemployed": draw(st.booleans()),
        }
        if index == 0:
            member["current_locality"] = draw(st.sampled_from(LOCALITIES))
            member["supporter"] = {"has_legal_supporter": draw(st.booleans())}
        members.append(member)
    hardship = draw(st.sampled_from(["none", "accident", "essential_expenditure"]))
    return {
        "month": draw(st.sampled_from(MONTHS)),
        "household": {
            "hardship": {"type": hardship, "expenditure": draw(st.integers(min_value=0, max_value=20000))},
            "seriously_affected_by_emergency": draw(st.booleans()),
            "in_housing_difficulty": draw(st.booleans()),
        },
        "members": members,
    }


@given(data=situations_strategy(), chosen=st.lists(st.sampled_from(REFORMS), min_size=1, max_size=3, unique=True))
def test_any_reform_leaves_baseline_results_unchanged(data, chosen):
    before = engine.check(data)
    system = reformed(chosen)
    engine.check(data, system=system, reforms=chosen)
    after = engine.check(data)
    assert after == before


@given(data=situations_strategy(), name=st.sampled_from(REFORMS))
def test_switched_off_reform_equals_baseline(data, name, tmp_path_factory):
    switch = tmp_path_factory.mktemp("off") / "off.yaml"
    switch.write_text(yaml.safe_dump({"parameters": {f"reforms.{name}.in_effect": {"2014-05-01": False}}}))
    baseline = engine.check(data)
    switched_off = engine.check(data, system=reformed([name], [switch]), reforms=[name])
    assert comparable(switched_off) == comparable(baseline)


def test_law_notice_says_how_to_apply_it(examples_dir):
    data = situations.read_file(examples_dir / "beijing_urban_dibao.yaml")
    without = engine.check(data, "2026-08")
    notice = next(item for item in without["notices"] if item["code"] == "social_assistance_law_in_force")
    assert f"--reform {LAW}" in notice["message"]
    applied = engine.check(data, "2026-08", system=reformed([LAW]), reforms=[LAW])
    assert not [item for item in applied["notices"] if item["code"] == "social_assistance_law_in_force"]
    before_start = engine.check(data, "2023-06", system=reformed([LAW]), reforms=[LAW])
    assert [item["code"] for item in before_start["notices"]] == ["reform_not_in_force"]


def test_law_adds_tier_one_window_and_basis(examples_dir):
    data = situations.read_file(examples_dir / "beijing_urban_dibao.yaml")
    dibao = engine.check(data, "2026-08", system=reformed([LAW]), reforms=[LAW])["programs"]["dibao"]
    assert dibao["tier"].startswith("basic living assistance")
    assert "Art. 64" in dibao["responsible_authority"]
    assert dibao["legal_basis"][0]["document"].startswith("中华人民共和国社会救助法")
    assert any("Art. 34" in item for item in dibao["provides"])


def test_start_date_suffix_moves_the_law():
    system = reformed([f"{LAW}@2020-01"])
    law = reforming.applied(system)[0]
    assert law.start_date(system.parameters) == "2020-01-01"
    assert law.in_force("2020-01", system.parameters)
    assert not law.in_force("2019-12", system.parameters)


@pytest.mark.parametrize("spec", [f"{LAW}@2020-13", f"{LAW}@20-01", f"{LAW}@2020-02-30"])
def test_invalid_start_date_is_an_input_error(spec):
    with pytest.raises(InputError, match="invalid start date"):
        reformed([spec])


def test_unknown_reform_is_an_input_error():
    with pytest.raises(InputError, match="unknown reform"):
        reformed(["social_assistance_law_2099"])


def test_yaml_test_path_of_a_reform_file():
    from openfisca_assistance.reforms import files

    assert files.law_2026_from_2020.reform_file.paths == [f"reforms.{LAW}.in_effect"]
    with pytest.raises(AttributeError, match="no reform file"):
        files.no_such_file  # noqa: B018


# --- Reform files: validation -------------------------------------------------


def test_unknown_path_names_it_and_suggests_close_matches():
    problems = problems_of({"parameters": {"dibao.standrd.beijing": {"2024-07-01": 1500}}})
    assert problems[0].location == "dibao.standrd.beijing"
    assert "dibao.standard.beijing" in problems[0].fix


def test_every_problem_is_reported_at_once():
    problems = problems_of({
        "parameters": {
            "dibao.standrd.beijing": {"2024-07-01": 1500},
            "dibao.standard.beijing": {"2024-07-01": "high"},
            "dibao.payment_floor_rate.nanjing": {"2024-01-01": 1.5},
        },
    })
    assert [problem.location for problem in problems] == [
        "dibao.standrd.beijing", "dibao.standard.beijing.2024-07-01", "dibao.payment_floor_rate.nanjing.2024-01-01",
    ]


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"dibao.standard.beijing": {"2024-07-01": "high"}}, "is a number"),
        ({"dibao.standard.beijing": {"2024-07-01": True}}, "is a number"),
        ({"dibao.standard.beijing": {"2024-07-01": -1}}, "outside the allowed range"),
        ({"dibao.standard.beijing": {"2024-07-01": float("nan")}}, "finite"),
        ({"dibao.payment_floor_rate.nanjing": {"2024-01-01": 1.5}}, "outside the allowed range"),
        ({"dibao.marginal_family.income_multiple": {"2024-01-01": 0.5}}, "outside the allowed range"),
        ({"dibao.urban_rural_unified.beijing": {"2024-01-01": "yes"}}, "true or false"),
        ({"temporary_assistance.place_rule": {"2024-01-01": "everywhere"}}, "unknown value"),
        ({"disability.severe_max_grade": {"2024-01-01": 2.5}}, "whole number"),
        ({"disability.severe_max_grade": {"2024-01-01": 5}}, "outside the allowed range"),
        ({"special_assistance.medical_target_groups": {"2024-01-01": ["dibao", "everyone"]}}, "unknown item"),
        ({"special_assistance.medical_target_groups": {"2024-01-01": "dibao"}}, "is a list"),
        ({f"reforms.{LAW}.dibao_tier_amounts.beijing": {"2026-07-01": [600, 300]}}, "ascending"),
        ({"dibao.standard": {"2024-01-01": 3}}, "group of parameters"),
        ({"dibao.standard.beijing.extra": {"2024-01-01": 3}}, "is one parameter"),
        ({"dibao.standard.atlantis": {"2024-01-01": 3}}, "unknown parameter path"),
        ({"dibao.standard.beijing": 1500}, "give dated values"),
        ({"dibao.standard.beijing": {"2024-13-01": 1500}}, "invalid date"),
        ({"dibao.standard.beijing": {"2024-07": 1500}}, "invalid date"),
        ({"dibao.standard.beijing": {"2024-07-01.2024-01-01": 1500}}, "ends"),
        ({"dibao.standard.beijing": {"2024-01-01.2024-12-31": 1500, "2024-06-01": 1600}}, "overlaps"),
        ({"dibao.standard.beijing": {"2024-07-01": {"value": 1500, "source": "me"}}}, "unknown key"),
    ],
)
def test_invalid_entry_is_rejected(entries, message):
    problems = problems_of({"parameters": entries})
    assert any(message in problem.message for problem in problems), [p.message for p in problems]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (["parameters"], "must be a mapping"),
        ({"description": "no parameters"}, "missing parameters"),
        ({"parameters": {}}, "non-empty mapping"),
        ({"parameters": {"dibao.standard.beijing": {"2024-07-01": 1500}}, "paramters": 1}, "unknown key"),
        ({"parameters": {"dibao.standard.beijing": {"2024-07-01": 1500}}, "description": 3}, "must be text"),
    ],
)
def test_invalid_file_shape_is_rejected(data, message):
    problems = problems_of(data)
    assert any(message in problem.message for problem in problems)


def test_every_baseline_value_passes_the_reform_file_checks(system):
    # The ranges and value sets a reform file must respect hold for the rules' own values.
    failures = []
    for path, leaf in leaves_of(system.parameters):
        unit = (leaf.metadata or {}).get("unit")
        known = [item.value for item in leaf.values_list if item.value is not None]
        for item in leaf.values_list:
            problem = reform_files.check_value(unit, known, path, item.value, f"{path}.{item.instant_str}")
            if problem is not None:
                failures.append(problem.message)
    assert failures == []


def leaves_of(node, prefix=""):
    for key, child in node.children.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(child, Parameter):
            yield path, child
        else:
            yield from leaves_of(child, path)


def test_duplicate_date_is_rejected(tmp_path):
    path = write(tmp_path, "dup.yaml", """\
        parameters:
          dibao.standard.beijing:
            2024-07-01: 1500
            2024-07-01: 1600
        """)
    with pytest.raises(InputError, match="duplicate key"):
        reform_files.read(path)


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="not found"):
        reform_files.read(tmp_path / "none.yaml")


def test_null_ends_a_value_and_a_new_locality_joins_a_family(system):
    parsed = reform_files.parse({"parameters": {
        "dibao.standard.beijing": {"2025-01-01": None},
        "dibao.marginal_multiple.wuhan": {"2024-01-01": 2},
    }})
    assert [change.new_locality for change in parsed.changes] == [False, True]
    tree = reform_files.overlay(system.parameters, parsed)
    assert tree.children["dibao"].children["marginal_multiple"].children["wuhan"].values_list[0].value == 2
    assert "wuhan" not in system.parameters.children["dibao"].children["marginal_multiple"].children


# --- Reform files: applying ---------------------------------------------------


def values_of(tree, path):
    node = tree
    for part in path.split("."):
        node = node.children[part]
    return [(item.instant_str, item.value) for item in node.values_list]


def value_on(tree, path, instant):
    node = tree
    for part in path.split("."):
        node = node.children[part]
    return next((item.value for item in node.values_list if item.instant_str <= instant), None)


def test_a_dated_value_applies_for_good_over_later_baseline_changes(system):
    parsed = reform_files.parse({"parameters": {"dibao.standard.beijing": {"2022-01-01": 1600}}})
    tree = reform_files.overlay(system.parameters, parsed)
    assert value_on(tree, "dibao.standard.beijing", "2021-12-31") == value_on(
        system.parameters, "dibao.standard.beijing", "2021-12-31",
    )
    for instant in ("2022-01-01", "2023-07-01", "2030-01-01"):
        assert value_on(tree, "dibao.standard.beijing", instant) == 1600


def test_a_value_applies_until_the_next_date_of_the_file(system):
    parsed = reform_files.parse({"parameters": {"dibao.standard.beijing": {"2022-01-01": 1600, "2024-01-01": 1700}}})
    tree = reform_files.overlay(system.parameters, parsed)
    assert value_on(tree, "dibao.standard.beijing", "2023-12-31") == 1600
    assert value_on(tree, "dibao.standard.beijing", "2024-01-01") == 1700


def test_a_limited_period_lets_the_baseline_resume(system):
    parsed = reform_files.parse({"parameters": {"dibao.standard.beijing": {"2023-01-01.2023-12-31": 2000}}})
    tree = reform_files.overlay(system.parameters, parsed)
    path = "dibao.standard.beijing"
    assert value_on(tree, path, "2022-12-31") == value_on(system.parameters, path, "2022-12-31")
    assert value_on(tree, path, "2023-08-01") == 2000
    # The baseline changed on 2023-07-01, inside the period; after it, that later value applies.
    assert value_on(tree, path, "2024-01-01") == value_on(system.parameters, path, "2024-01-01")
    assert value_on(tree, path, "2030-01-01") == value_on(system.parameters, path, "2030-01-01")


def numeric_paths(system):
    return [
        path for path, leaf in leaves_of(system.parameters)
        if (leaf.metadata or {}).get("unit") == "currency-CNY" and leaf.values_list
    ]


@st.composite
def reform_file_changes(draw, paths):
    """Draw 1-3 paths, each with 1-3 dated values, some limited to a period."""
    changes = {}
    for path in draw(st.lists(st.sampled_from(paths), min_size=1, max_size=3, unique=True)):
        starts = sorted(draw(st.lists(st.dates(min_value=DAY_ONE, max_value=LAST_DAY), min_size=1, max_size=3,
                                      unique=True)))
        dated = {}
        for index, start in enumerate(starts):
            value = draw(st.integers(min_value=0, max_value=5000))
            following = starts[index + 1] if index + 1 < len(starts) else None
            if draw(st.booleans()):
                latest = (following - ONE_DAY) if following else LAST_DAY
                end = draw(st.dates(min_value=start, max_value=max(start, latest)))
                dated[f"{start}.{end}"] = value
            else:
                dated[str(start)] = value
        changes[path] = dated
    return changes


def expected_value(dated: dict[str, int], baseline_tree, path: str, instant: str):
    """Return the value a reform file gives on `instant`, or the baseline's where it gives none."""
    keys = sorted(dated, key=lambda key: key.split(".")[0])
    for index, key in enumerate(keys):
        start, _, end = key.partition(".")
        following = keys[index + 1].split(".")[0] if index + 1 < len(keys) else None
        in_period = start <= instant <= end if end else start <= instant and (following is None or instant < following)
        if in_period:
            return dated[key]
    return value_on(baseline_tree, path, instant)


@given(data=st.data())
def test_overlay_follows_the_reform_file_semantics(data, system):
    before = tree_snapshot(system.parameters)
    changes = data.draw(reform_file_changes(numeric_paths(system)))
    tree = reform_files.overlay(system.parameters, reform_files.parse({"parameters": changes}))
    instants = data.draw(st.lists(st.dates(min_value=DAY_ONE, max_value=LAST_DAY), min_size=5, max_size=20))
    for path, dated in changes.items():
        for key in dated:
            start, _, end = key.partition(".")
            instants_here = [start, end or start, *(str(day) for day in instants)]
            for instant in instants_here:
                assert value_on(tree, path, instant) == expected_value(dated, system.parameters, path, instant), (
                    path, dated, instant,
                )
    assert tree_snapshot(system.parameters) == before


def test_overlay_copies_only_the_path_to_the_change(system):
    parsed = reform_files.parse({"parameters": {"dibao.standard.beijing": {"2022-01-01": 1600}}})
    before = values_of(system.parameters, "dibao.standard.beijing")
    tree = reform_files.overlay(system.parameters, parsed)
    assert tree is not system.parameters
    assert tree.children["dibao"] is not system.parameters.children["dibao"]
    assert tree.children["civil"] is system.parameters.children["civil"]
    assert tree.children["dibao"].children["rural_standard"] is system.parameters.children["dibao"].children["rural_standard"]
    standard = tree.children["dibao"].children["standard"]
    assert standard.children["shanghai"] is system.parameters.children["dibao"].children["standard"].children["shanghai"]
    assert getattr(tree.dibao.standard, "beijing") is standard.children["beijing"]
    assert values_of(system.parameters, "dibao.standard.beijing") == before


def test_reform_file_value_is_reported_with_its_source(tmp_path, examples_dir):
    path = write(tmp_path, "standard.yaml", """\
        description: Beijing at 1500
        parameters:
          dibao.standard.beijing: {2024-07-01: 1500}
        """)
    data = situations.read_file(examples_dir / "beijing_urban_dibao.yaml")
    result = engine.check(data, "2026-08", system=reformed([], [path]), reforms=reforming.names([], [path]))
    read = next(item for item in result["programs"]["dibao"]["standard_applied"] if item["path"] == "dibao.standard.beijing")
    assert read["value"] == 1500
    assert read["confidence"] == "reform_file"
    assert read["stale"] is False
    assert "Beijing at 1500" in read["reference"][0]["title"]


def test_reform_file_without_its_reform_gets_a_notice(examples_dir):
    data = situations.read_file(examples_dir / "beijing_urban_dibao.yaml")
    path = reform_files.BUNDLED_DIR / "law_2026_from_2020.yaml"
    result = engine.check(data, "2023-06", system=reformed([], [path]), reforms=reforming.names([], [path]))
    assert "reform_parameter_without_reform" in [item["code"] for item in result["notices"]]


@pytest.mark.parametrize("name", sorted(reform_files.bundled()))
def test_bundled_reform_files_are_valid(name):
    parsed = reform_files.read(reform_files.bundled()[name])
    assert parsed.description


# --- CLI: reforms ------------------------------------------------------------


def test_reforms_command_lists_the_reforms():
    result = run("reforms")
    assert result.exit_code == 0, result.output
    for name in REFORMS:
        assert name in result.stdout
    assert "law_2026_from_2020" in result.stdout


def test_reforms_command_json():
    result = run("reforms", "--format", "json")
    assert result.exit_code == 0
    listed = json.loads(result.stdout)
    assert {item["name"] for item in listed["reforms"]} == set(REFORMS)
    assert all(item["description"] for item in listed["reforms"])


def test_reforms_command_shows_one_reform():
    result = run("reforms", LAW)
    assert result.exit_code == 0
    assert "Art. 16 para. 3" in result.stdout
    assert "left out" in result.stdout


# --- CLI: exit codes without tracebacks ------------------------------------------


@pytest.mark.parametrize("command", ["check", "compare"])
def test_unknown_parameter_path_exits_two_without_traceback(command, tmp_path, examples_dir):
    bad = write(tmp_path, "bad.yaml", """\
        parameters:
          dibao.standrd.beijing: {2024-07-01: 1500}
        """)
    result = run(command, examples_dir / "beijing_urban_dibao.yaml", "--reform-file", bad)
    assert result.exit_code == 2
    assert "dibao.standrd.beijing" in result.stderr
    assert "dibao.standard.beijing" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "{example}", "--reform", "no_such_reform"],
        ["compare", "{example}"],
        ["compare", "{example}", "--reform", f"{LAW}@2020-13"],
        ["compare", "{example}", "--reform", LAW, "--reform", LAW],
        ["compare", "{example}", "--reform", LAW, "--month", "2013-01"],
        ["sweep", "{example}", "--vary", "wage_incom", "--from", "0", "--to", "10", "--step", "1"],
        ["sweep", "{example}", "--vary", "wage_income", "--from", "0", "--to", "10", "--step", "0"],
        ["sweep", "{example}", "--vary", "wage_income", "--from", "10", "--to", "0", "--step", "1"],
        ["sweep", "{example}", "--vary", "wage_income", "--from", "0", "--to", "100000", "--step", "1"],
        ["sweep", "{example}", "--vary", "members.nobody.age", "--from", "0", "--to", "10", "--step", "1"],
        ["sweep", "{example}", "--vary", "wage_income", "--from", "-5", "--to", "0", "--step", "5"],
        ["reforms", "no_such_reform"],
    ],
)
def test_bad_reform_command_exits_two(args, examples_dir):
    example = examples_dir / "beijing_urban_dibao.yaml"
    result = run(*(str(example) if arg == "{example}" else arg for arg in args))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error:")
    assert "Traceback" not in result.output


# --- compare ------------------------------------------------------------------


@pytest.mark.parametrize("reform", REFORMS)
@pytest.mark.parametrize("example", EXAMPLES)
def test_compare_runs_on_every_example(reform, example, examples_dir):
    result = run("compare", examples_dir / example, "--reform", reform, "--format", "json")
    assert result.exit_code == 0, result.output
    compared = json.loads(result.stdout)
    assert [column["id"] for column in compared["columns"]] == ["baseline", reform]
    for entry in compared["programs"].values():
        assert set(entry["results"]) == {"baseline", reform}
        assert "amount_difference" in entry["changes"][reform]


def test_compare_text_shows_difference_and_provision(tmp_path):
    path = write(tmp_path, "student.yaml", """\
        month: 2026-08
        members:
          - id: student
            relationship: self
            age: 18
            hukou_locality: chongqing
            education: upper_secondary
            supported_as_extreme_poverty_minor: true
            supporter: {has_legal_supporter: false}
        """)
    result = run("compare", path, "--reform", LAW)
    assert result.exit_code == 0, result.output
    section = result.stdout.split("[extreme_poverty]")[1].split("\n==")[0]
    assert "not_eligible" in section
    assert "eligible" in section
    assert "Art. 16 para. 3" in section
    assert "person student" in section


def test_compare_attributes_a_change_to_its_provision(tmp_path):
    data = {
        "month": "2026-08",
        "household": {"hardship": {"type": "essential_expenditure", "expenditure": 3000}},
        "members": [{"id": "worker", "relationship": "self", "age": 40, "hukou_locality": "beijing",
                     "current_locality": "shenzhen"}],
    }
    compared = comparison.compare(data, specs=[LAW])
    change = compared["programs"]["temporary_assistance"]["changes"][LAW]
    assert "responsible_locality" in change["fields"]
    assert "place_of_emergency" in [item["code"] for item in change["provisions"]]
    assert compared["programs"]["temporary_assistance"]["results"][LAW]["responsible_locality"] == "shenzhen"


def test_compare_stacks_reforms_and_files_in_one_column(examples_dir):
    tiers = reform_files.BUNDLED_DIR / "beijing_dibao_tiers.yaml"
    data = situations.read_file(examples_dir / "beijing_urban_dibao.yaml")
    spec = f"{LAW}+{tiers}"
    compared = comparison.compare(data, "2026-08", specs=[spec])
    dibao = compared["programs"]["dibao"]
    # 3 members, per-capita income 1000: a gap of 395, paid the 558 tier, so 3 x 558 = 1674 against 3 x 395 = 1185.
    assert dibao["results"]["baseline"]["amount"] == 1185
    assert dibao["results"][spec]["amount"] == 1674
    assert dibao["changes"][spec]["amount_difference"] == 489
    assert "dibao_tiers" in [item["code"] for item in dibao["changes"][spec]["provisions"]]


# --- sweep ---------------------------------------------------------------------


def test_sweep_writes_a_chart_and_a_table(tmp_path, examples_dir):
    prefix = tmp_path / "out" / "beijing"
    result = run("sweep", examples_dir / "beijing_urban_dibao.yaml", "--vary", "wage_income", "--from", "0",
                 "--to", "4000", "--step", "1000", "--reform", LAW, "--month", "2026-08", "--out", prefix)
    assert result.exit_code == 0, result.output
    assert prefix.with_suffix(".png").read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in prefix.with_suffix(".svg").read_bytes()[:400]
    rows = prefix.with_suffix(".csv").read_text().splitlines()
    assert rows[0].startswith("members.applicant.income.wage_income")
    assert "3,185.00 | 3,185.00" in result.stdout


def test_sweep_matches_a_check_at_every_point(examples_dir):
    data = situations.read_file(examples_dir / "shenzhen_sudden_illness.yaml")
    swept = sweeping.sweep(data, "members.spouse.income.wage_income", 0, 9000, 3000, specs=[LAW])
    keys, _ = sweeping.resolve_input(data, "members.spouse.income.wage_income")
    systems = {"baseline": engine.baseline_system(), LAW: reformed([LAW])}
    for row in swept["points"]:
        point = sweeping.with_value(data, keys, row["value"], swept["month"], False)
        for column, system in systems.items():
            checked = engine.check(point, swept["month"], system=system)
            for program_id, entry in checked["programs"].items():
                got = row["columns"][column]["programs"][program_id]
                assert (got["status"], got["amount"]) == (entry["status"], entry["amount"]), (row["value"], program_id)


@pytest.mark.parametrize("example", EXAMPLES)
def test_sweep_runs_on_every_example(example, examples_dir, tmp_path):
    data = situations.read_file(examples_dir / example)
    vary = f"persons.{next(iter(data['persons']))}.wage_income" if situations.is_native(data) else "wage_income"
    result = run("sweep", examples_dir / example, "--vary", vary, "--from", "0", "--to", "2000", "--step", "1000",
                 "--reform", LAW, "--out", tmp_path / "sweep")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "sweep.png").stat().st_size > 0
    assert (tmp_path / "sweep.svg").stat().st_size > 0


def test_sweep_points_are_exact_decimals():
    values = sweeping.points(0, 0.3, 0.1)
    assert [sweeping._number(value) for value in values] == [0, 0.1, 0.2, 0.3]


def test_sweep_native_situation(examples_dir):
    data = situations.read_file(examples_dir / "native_beijing.json")
    person = next(iter(data["persons"]))
    swept = sweeping.sweep(data, f"persons.{person}.wage_income", 0, 2000, 1000)
    assert [row["value"] for row in swept["points"]] == [0, 1000, 2000]
