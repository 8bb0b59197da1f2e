"""A catalogue of bad inputs: each exits with its code and a clear message, never a traceback.

Each case is a file (friendly YAML, native JSON or a YAML test file), the
command line around it, the exit code, and the fragments the message on
stderr must contain: what is wrong, where (field path) and the value or fix.
"""

import json

import pytest
from typer.testing import CliRunner

from openfisca_assistance.cli import app

runner = CliRunner()

FRIENDLY = "month: 2023-07\nmembers:\n  - {{id: a, relationship: self, age: 40, hukou_locality: beijing{extra}}}\n"


def friendly(extra: str = "", **replace) -> str:
    text = FRIENDLY.format(extra=extra)
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


def native(person=None, households=None, top=None) -> str:
    applicant = {
        "relationship_to_applicant": "self",
        "age": {"2023-07": 52},
        "hukou_locality": {"2023-07": "beijing"},
        "wage_income": {"2023-07": 1100},
    }
    applicant.update(person or {})
    data = {"persons": {"applicant": applicant}, "households": households or {"household": {"members": ["applicant"]}}}
    data.update(top or {})
    return json.dumps(data)


SECOND_PERSON = {"spouse": {"relationship_to_applicant": "spouse", "age": {"2023-07": 50},
                            "hukou_locality": {"2023-07": "beijing"}}}


def native_with(persons_extra: dict, households: dict) -> str:
    data = json.loads(native())
    data["persons"].update(persons_extra)
    data["households"] = households
    return json.dumps(data)


# (id, file name, content, extra arguments, exit code, fragments of stderr)
CASES = [
    # Friendly situations.
    ("friendly unknown locality", "s.yaml", friendly(**{"beijing": "beijng"}), [], 2,
     ["unknown locality 'beijng'", "members.0.hukou_locality", "did you mean beijing"]),
    ("friendly unknown key", "s.yaml", friendly(", wage: 3"), [], 2,
     ["unknown key 'wage'", "members.0.wage"]),
    ("friendly misspelt key", "s.yaml", friendly(", hukou_typ: urban"), [], 2,
     ["unknown key 'hukou_typ'", "did you mean 'hukou_type'?"]),
    ("friendly text in money field", "s.yaml", friendly(", income: {wage_income: lots}"), [], 2,
     ["members.0.income.wage_income", "'lots'", "without quotes"]),
    ("friendly quoted number", "s.yaml", friendly(", income: {wage_income: '1000'}"), [], 2,
     ["members.0.income.wage_income", "'1000'"]),
    ("friendly negative age", "s.yaml", friendly(**{"age: 40": "age: -1"}), [], 2,
     ["members.0.age", "greater than or equal to 0"]),
    ("friendly age over range", "s.yaml", friendly(**{"age: 40": "age: 131"}), [], 2,
     ["members.0.age", "less than or equal to 130"]),
    ("friendly age as boolean", "s.yaml", friendly(**{"age: 40": "age: true"}), [], 2,
     ["members.0.age", "valid integer"]),
    ("friendly fractional age", "s.yaml", friendly(**{"age: 40": "age: 40.5"}), [], 2,
     ["members.0.age", "whole number"]),
    ("friendly unknown relationship", "s.yaml", friendly(**{"relationship: self": "relationship: slef"}), [], 2,
     ["members.0.relationship", "did you mean 'self'?"]),
    ("friendly unknown hukou type", "s.yaml", friendly(", hukou_type: urbn"), [], 2,
     ["members.0.hukou_type", "did you mean 'urban'?"]),
    ("friendly NaN income", "s.yaml", friendly(", income: {wage_income: .nan}"), [], 2,
     ["numbers must be finite", "members[0].income.wage_income"]),
    ("friendly infinite assets", "s.yaml", "month: 2023-07\nhousehold: {financial_assets: .inf}\n"
     "members:\n  - {id: a, relationship: self, age: 40, hukou_locality: beijing}\n", [], 2,
     ["numbers must be finite", "household.financial_assets"]),
    ("friendly negative income", "s.yaml", friendly(", income: {other_income: -5}"), [], 2,
     ["members.0.income.other_income", "greater than or equal to 0"]),
    ("friendly text for boolean", "s.yaml", friendly(", has_residence_permit: 'yes'"), [], 2,
     ["members.0.has_residence_permit", "true or false"]),
    ("friendly disability grade out of range", "s.yaml", friendly(", disability: {grade: 5, kind: physical}"), [], 2,
     ["members.0.disability.grade", "less than or equal to 4"]),
    ("friendly disability grade without kind", "s.yaml", friendly(", disability: {grade: 2}"), [], 2,
     ["members.0.disability", "grade (1-4) and a kind"]),
    ("friendly self-care count out of range", "s.yaml", friendly(", self_care_activities_unable: 7"), [], 2,
     ["members.0.self_care_activities_unable", "less than or equal to 6"]),
    ("friendly no applicant", "s.yaml", friendly(**{"relationship: self": "relationship: spouse"}), [], 2,
     ["exactly one member must have relationship: self"]),
    ("friendly duplicate member ids", "s.yaml", "month: 2023-07\nmembers:\n"
     "  - {id: a, relationship: self, age: 40, hukou_locality: beijing}\n"
     "  - {id: a, relationship: spouse, age: 40, hukou_locality: beijing}\n", [], 2,
     ["member ids must be unique", "repeated: a"]),
    ("friendly empty members", "s.yaml", "month: 2023-07\nmembers: []\n", [], 2,
     ["members", "at least 1 item"]),
    ("friendly missing hukou locality", "s.yaml", "month: 2023-07\nmembers:\n  - {id: a, relationship: self, age: 40}\n",
     [], 2, ["members.0.hukou_locality", "add hukou_locality"]),
    ("friendly invalid month in file", "s.yaml", friendly(**{"month: 2023-07": "month: 2023-13"}), [], 2,
     ["month: invalid month", "'2023-13'", "YYYY-MM"]),
    ("friendly month missing from income by month", "s.yaml",
     friendly(", income_by_month: {'2023-06': {wage_income: 10}}"), [], 2,
     ["no income is given for 2023-07", "members.0.income_by_month"]),
    ("month before the rules", "s.yaml", friendly(), ["--month", "2014-04"], 2,
     ["before the baseline rules begin", "2014-05-01"]),
    ("invalid month option", "s.yaml", friendly(), ["--month", "July"], 2,
     ["invalid month", "YYYY-MM"]),
    ("broken YAML", "s.yaml", "month: 2023-07\nmembers: [\n", [], 2,
     ["invalid YAML", "line"]),
    ("YAML list instead of mapping", "s.yaml", "- a\n- b\n", [], 2,
     ["a situation must be a mapping", "members: [...]"]),
    ("unknown reform", "s.yaml", friendly(), ["--reform", "no_such_reform"], 2,
     ["unknown reform 'no_such_reform'"]),
    # OpenFisca-native situations.
    ("native unknown locality", "n.json", native({"hukou_locality": {"2023-07": "beijng"}}), [], 2,
     ["unknown locality 'beijng'", "persons.applicant.hukou_locality", "did you mean beijing"]),
    ("native unknown variable", "n.json", native({"wage": {"2023-07": 1}}), [], 2,
     ["unknown variable 'wage'", "persons.applicant.wage", "did you mean 'age'?"]),
    ("native variable of the other entity", "n.json", native({"financial_assets": {"2023-07": 1}}), [], 2,
     ["'financial_assets' is a variable of households, not of persons", "persons.applicant.financial_assets"]),
    ("native negative age", "n.json", native({"age": {"2023-07": -3}}), [], 2,
     ["age must be at least 0", "persons.applicant.age.2023-07"]),
    ("native age over range", "n.json", native({"age": {"2023-07": 200}}), [], 2,
     ["age must be at most 130", "persons.applicant.age.2023-07"]),
    ("native text in money field", "n.json", native({"wage_income": {"2023-07": "lots"}}), [], 2,
     ["wage_income must be a number", "persons.applicant.wage_income.2023-07", "'lots'"]),
    ("native negative money", "n.json", native({"wage_income": {"2023-07": -100}}), [], 2,
     ["wage_income must be at least 0 yuan", "persons.applicant.wage_income.2023-07"]),
    ("native unknown enum value", "n.json", native({"hukou_type": {"2023-07": "city"}}), [], 2,
     ["'city' is not a valid value of hukou_type", "persons.applicant.hukou_type.2023-07", "urban"]),
    ("native misspelt enum value", "n.json", native({"relationship_to_applicant": "slef"}), [], 2,
     ["'slef' is not a valid value of relationship_to_applicant", "did you mean 'self'?"]),
    ("native text for boolean", "n.json", native({"has_residence_permit": {"2023-07": "maybe"}}), [], 2,
     ["has_residence_permit must be true or false", "'maybe'"]),
    ("native disability grade out of range", "n.json", native({"disability_grade": {"2023-07": 9}}), [], 2,
     ["disability_grade must be at most 4"]),
    ("native list as value", "n.json", native({"wage_income": {"2023-07": [1, 2]}}), [], 2,
     ["wage_income must be a single value"]),
    ("native unknown member", "n.json", native(households={"household": {"members": ["applicant", "ghost"]}}), [], 2,
     ["household 'household' lists 'ghost', who is not among the persons", "households.household.members"]),
    ("native person in two households", "n.json",
     native(households={"h1": {"members": ["applicant"]}, "h2": {"members": ["applicant"]}}), [], 2,
     ["person 'applicant' is in two households ('h1' and 'h2')", "households.h2.members"]),
    ("native empty household", "n.json", native_with(SECOND_PERSON, {"h1": {"members": ["applicant", "spouse"]},
                                                                     "h2": {"members": []}}), [], 2,
     ["household 'h2' has no members", "households.h2.members"]),
    ("native person in no household", "n.json", native_with(SECOND_PERSON, {"h1": {"members": ["applicant"]}}), [], 2,
     ["person 'spouse' is in no household", "persons.spouse"]),
    ("native month before the rules", "n.json", native(), ["--month", "2013-12"], 2,
     ["before the baseline rules begin", "2014-05-01"]),
    ("native month before the rules in file", "n.json", native().replace("2023-07", "2013-07"), [], 2,
     ["n.json: month: 2013-07 is before the baseline rules begin", "2014-05-01"]),
    ("native values for another month", "n.json", native(), ["--month", "2023-08"], 2,
     ["is given for 2023-07 but not for the month checked, 2023-08"]),
    ("native value keyed by year", "n.json", native({"wage_income": {"2023": 1}}), [], 2,
     ["wage_income is defined by month, but a value is keyed by the year 2023"]),
    ("native invalid period", "n.json", native({"wage_income": {"2023-13": 1}}), [], 2,
     ["invalid period '2023-13'", "persons.applicant.wage_income.2023-13"]),
    ("native broken JSON", "n.json", '{"persons": {"a": ', [], 2,
     ["invalid JSON", "line 1"]),
    ("native NaN", "n.json", native({"wage_income": {"2023-07": float("nan")}}), [], 2,
     ["numbers must be finite", "persons.applicant.wage_income.2023-07"]),
    ("native infinity", "n.json", native({"wage_income": {"2023-07": float("inf")}}), [], 2,
     ["numbers must be finite"]),
    ("native unknown top-level key", "n.json", native(top={"househlds": {}}), [], 2,
     ["unknown key 'househlds'", "did you mean 'households'?"]),
    ("native invalid birth date", "n.json", native({"birth_date": "1990-02-30", "age": {}}), [], 2,
     ["birth_date must be a date", "YYYY-MM-DD"]),
    ("native two applicants", "n.json", native_with(
        {"spouse": {**SECOND_PERSON["spouse"], "relationship_to_applicant": "self"}},
        {"h1": {"members": ["applicant", "spouse"]}}), [], 2,
     ["has 2 applicants"]),
]


@pytest.mark.parametrize(
    ("name", "content", "arguments", "exit_code", "fragments"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_bad_situation(tmp_path, name, content, arguments, exit_code, fragments):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), *arguments])
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    for fragment in fragments:
        assert fragment in result.stderr
    assert str(path) in result.stderr or "--" in result.stderr or "month" in result.stderr


def test_catalogue_is_large_and_distinct():
    names = [case[0] for case in CASES]
    assert len(names) >= 30
    assert len(set(names)) == len(names)
    assert len({case[2] + " ".join(case[3]) for case in CASES}) == len(CASES)


@pytest.mark.parametrize("command", ["explain", "check"])
def test_native_errors_same_for_explain(tmp_path, command):
    path = tmp_path / "n.json"
    path.write_text(native({"age": {"2023-07": -3}}), encoding="utf-8")
    result = runner.invoke(app, [command, str(path)])
    assert result.exit_code == 2
    assert "age must be at least 0" in result.stderr


# YAML test files checked by `assistance check-tests`.
GOOD_TEST = """- name: A lone Beijing applicant with no income gets the whole standard.
  period: 2023-06
  absolute_error_margin: 0
  input:
    persons:
      applicant: {relationship_to_applicant: self, age: 45, hukou_locality: beijing}
    households:
      household: {members: [applicant]}
  output:
    dibao_amount: 1320
"""

TEST_FILE_CASES = [
    ("unknown test key", GOOD_TEST.replace("  period:", "  perod:"), ["unknown key 'perod'", "did you mean 'period'?"]),
    ("missing output", GOOD_TEST.split("  output:")[0], ["the case has no output"]),
    ("unknown input variable", GOOD_TEST.replace("age: 45", "agee: 45"),
     ["unknown variable 'agee'", "did you mean 'age'?"]),
    ("unknown output variable", GOOD_TEST.replace("dibao_amount: 1320", "dibao_amout: 1320"),
     ["unknown variable or entity 'dibao_amout'", "did you mean 'dibao_amount'?"]),
    ("unknown locality in test", GOOD_TEST.replace("hukou_locality: beijing", "hukou_locality: pekin"),
     ["unknown locality 'pekin'"]),
    ("text for boolean in test", GOOD_TEST.replace("age: 45", "age: 45, in_prison: 'no'"),
     ["in_prison must be true or false"]),
    ("unknown member in test", GOOD_TEST.replace("members: [applicant]", "members: [applicant, ghost]"),
     ["lists 'ghost', who is not among the persons"]),
    ("amount float32 cannot check", GOOD_TEST.replace("dibao_amount: 1320", "dibao_amount: 25000001"),
     ["cannot be checked to the fen", "float32"]),
    ("boolean with loose margin", GOOD_TEST.replace("absolute_error_margin: 0", "absolute_error_margin: 1")
     .replace("dibao_amount: 1320", "dibao_eligible: true"),
     ["lets the boolean dibao_eligible pass"]),
    ("unknown reform path", GOOD_TEST.replace("  period:", "  reforms: [openfisca_assistance.reforms.nope.Nope]\n  period:"),
     ["cannot import the reform module"]),
    ("duplicate case names", GOOD_TEST + GOOD_TEST, ["two cases are named"]),
]


def test_good_test_file_passes(tmp_path):
    path = tmp_path / "good.yaml"
    path.write_text(GOOD_TEST, encoding="utf-8")
    result = runner.invoke(app, ["check-tests", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 files checked, 0 errors" in result.stdout


@pytest.mark.parametrize(("content", "fragments"), [case[1:] for case in TEST_FILE_CASES],
                         ids=[case[0] for case in TEST_FILE_CASES])
def test_bad_test_file(tmp_path, content, fragments):
    path = tmp_path / "case.yaml"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["check-tests", str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert str(path) in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr


def test_check_tests_lists_every_error(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(GOOD_TEST.replace("  period:", "  perod:").replace("age: 45", "agee: 45"), encoding="utf-8")
    result = runner.invoke(app, ["check-tests", str(path)])
    assert result.exit_code == 2
    assert "2 errors" in result.stdout


def test_check_tests_missing_path():
    result = runner.invoke(app, ["check-tests", "no/such/folder"])
    assert result.exit_code == 2
    assert "file not found" in result.stderr
