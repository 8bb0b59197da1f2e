"""Crisis measures: examples, responsibility in results, declarations data and local amounts."""

import copy
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openfisca_core.parameters import Parameter
from typer.testing import CliRunner

from openfisca_assistance import emergencies, engine
from openfisca_assistance import situation as situations
from openfisca_assistance.cli import app
from openfisca_assistance.errors import InputError
from openfisca_assistance.system import CountryTaxBenefitSystem

runner = CliRunner()
CRISIS_EXAMPLES = [
    "wuhan_stranded_traveller.yaml",
    "shenzhen_uninsured_migrant_worker.yaml",
    "offsite_covid_patient.yaml",
    "wuhan_child_carer_isolated.yaml",
]
CRISIS_PROGRAMS = [
    "emergency_place_assistance", "uninsured_unemployed_assistance", "covid_treatment",
    "epidemic_temporary_assistance", "children_without_guardianship", "epidemic_care",
    "dibao_exit_suspension", "dibao_gradual_withdrawal", "price_subsidy",
]
SOURCE_RECORDS = 111  # dated windows from the sources; the data adds Hubei and Wuhan as hard-hit areas


def check_json(path):
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def eligible_entitlements(result):
    """Yield (programme id, person id or None, entry) for every eligible entitlement."""
    for program_id, entry in result["programs"].items():
        if not entry.get("eligible"):
            continue
        yield program_id, None, entry
        for person_id, person in (entry.get("persons") or {}).items():
            if person.get("status") and person.get("eligible"):
                yield program_id, person_id, person


def check_with_local_value(data, family, key, value, month):
    """Check a situation with one local value added to a fresh rule set."""
    system = CountryTaxBenefitSystem()
    node = system.parameters
    for part in family.split("."):
        node = node.children[part]
    reference = [{"title": "test fixture", "href": "https://example.org/fixture"}]
    parameter = Parameter(f"{family}.{key}", {
        "description": "A local value set by the test.",
        "metadata": {"unit": "/1", "reference": reference},
        "values": {"2014-05-01": {"value": value, "metadata": {"confidence": "A", "reference": reference}}},
    })
    node.children[key] = parameter
    setattr(node, key, parameter)
    return engine.check(data, month, system=system)


@pytest.mark.parametrize("example", CRISIS_EXAMPLES)
def test_crisis_example_exits_zero(examples_dir, example):
    programs = check_json(examples_dir / example)["programs"]
    assert set(CRISIS_PROGRAMS) <= set(programs)


@pytest.mark.parametrize("example", CRISIS_EXAMPLES)
def test_every_entitlement_names_authority_and_locality(examples_dir, example):
    result = check_json(examples_dir / example)
    found = list(eligible_entitlements(result))
    assert found
    for program_id, person_id, entry in found:
        assert entry.get("responsible_authority"), (program_id, person_id)
        assert entry.get("responsible_locality"), (program_id, person_id)


@pytest.mark.parametrize("example", CRISIS_EXAMPLES)
def test_text_output_names_authority_and_locality(examples_dir, example):
    result = runner.invoke(app, ["check", str(examples_dir / example)])
    assert result.exit_code == 0, result.output
    blocks = result.stdout.split("\n== ")[1:]
    eligible = [block for block in blocks if block.splitlines()[0].endswith(": eligible")]
    assert eligible
    for block in eligible:
        assert "\n   responsible: " in block, block
        assert "\n   locality: " in block, block


def test_stranded_traveller_is_helped_by_wuhan(examples_dir):
    entry = check_json(examples_dir / "wuhan_stranded_traveller.yaml")["programs"]["emergency_place_assistance"]
    assert entry["status"] == "eligible"
    assert entry["responsible_locality"] == "wuhan"
    assert entry["responsible_authority"].startswith("District government of the place of emergency")
    assert entry["amount"] is None
    assert {"parameter": "crisis.emergency_place.daily_amount.wuhan", "locality": "wuhan"}.items() <= entry["missing"][0].items()
    paths = {read["path"] for read in entry["standard_applied"]}
    assert "emergency.lockdown.wuhan" in paths
    assert "crisis.emergency_place.local_rule.wuhan" in paths


def test_migrant_worker_is_paid_by_shenzhen(examples_dir):
    entry = check_json(examples_dir / "shenzhen_uninsured_migrant_worker.yaml")["programs"]["uninsured_unemployed_assistance"]
    assert entry["status"] == "eligible"
    assert entry["responsible_locality"] == "shenzhen"
    assert "place of work or habitual residence" in entry["responsible_authority"]
    assert entry["missing"][0]["parameter"] == "crisis.uninsured_unemployed.max_months.shenzhen"
    codes = {warning["code"] for warning in entry["warnings"]}
    assert "value_unconfirmed" in codes  # the 2020-07-01 start date is assumed


def test_offsite_patient_pays_nothing(examples_dir):
    entry = check_json(examples_dir / "offsite_covid_patient.yaml")["programs"]["covid_treatment"]
    person = entry["persons"]["patient"]
    assert entry["status"] == "eligible"
    assert entry["amount"] == 9000
    assert person["details"]["covid_treatment_out_of_pocket"] == 0
    assert person["details"]["covid_treatment_offsite_reduction_waived"] is True
    assert entry["responsible_locality"] == "shenzhen"
    assert "place of treatment" in entry["responsible_authority"]


def test_child_of_isolated_carer_gets_care(examples_dir):
    programs = check_json(examples_dir / "wuhan_child_carer_isolated.yaml")["programs"]
    children = programs["children_without_guardianship"]
    assert children["persons"]["son"]["eligible"] is True
    assert children["persons"]["mother"]["eligible"] is False
    assert children["responsible_locality"] == "wuhan"
    assert "township government or street office arranges temporary care" in children["responsible_authority"]
    family = programs["epidemic_temporary_assistance"]
    assert family["status"] == "eligible"
    assert "residents' committee" in family["responsible_authority"]
    assert family["amount"] is None
    assert family["missing"][0]["parameter"] == "temporary_assistance.emergency.min_months.wuhan"


def test_service_programme_has_no_amount(examples_dir):
    children = check_json(examples_dir / "wuhan_child_carer_isolated.yaml")["programs"]["children_without_guardianship"]
    assert children["amount"] is None
    assert children["persons"]["son"]["amount"] is None


def test_declarations_cover_source_windows():
    records = emergencies.declarations()
    assert len(records) == SOURCE_RECORDS + 2
    assert all(record.source and record.confidence in emergencies.CONFIDENCE for record in records)
    hard_hit = {record.locality for record in records if record.kind == "hard_hit_area"}
    assert hard_hit == {"hubei", "wuhan"}


def test_open_epidemic_window_ends_with_class_a_management():
    record = next(r for r in emergencies.declarations() if r.locality == "guangdong" and r.level == 3)
    assert record.end is None
    assert emergencies.resolved_end(record) == (emergencies.national_epidemic_end(), True)
    assert str(emergencies.national_epidemic_end()) == "2023-01-08"


@pytest.mark.parametrize(("field", "value", "location"), [
    ("kind", "curfew", "[0].kind"),
    ("locality", "atlantis", "[0].locality"),
    ("end", "2020-01-01", "[0].end"),
    ("confidence", "likely", "[0].confidence"),
    ("level", 5, "[0].level"),
])
def test_bad_declaration_names_the_field(field, value, location):
    record = {
        "locality": "wuhan", "kind": "lockdown", "level": None, "start": "2020-01-23", "end": "2020-04-08",
        "source": "https://example.org", "confidence": "confirmed", "issuer": "city",
    }
    record[field] = value
    with pytest.raises(InputError) as error:
        emergencies.parse_record(record, "[0]", "declarations.yaml")
    assert error.value.location == location


def test_declared_unknown_locality_rejected():
    data = {
        "month": "2025-07",
        "household": {"emergencies": [{"locality": "atlantis", "kind": "lockdown", "start": "2025-07-01"}]},
        "members": [{"id": "a", "relationship": "self", "age": 30, "hukou_locality": "chengdu"}],
    }
    with pytest.raises(InputError) as error:
        engine.check(data)
    assert error.value.location == "household.emergencies.0.locality"


def test_declared_end_before_start_rejected(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "month: 2025-07\n"
        "household:\n  emergencies:\n    - {locality: chengdu, kind: lockdown, start: 2025-07-10, end: 2025-07-01}\n"
        "members:\n  - {id: a, relationship: self, age: 30, hukou_locality: chengdu}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert "end must be after start" in result.output
    assert "Traceback" not in result.output


def test_declared_emergency_appears_with_a_warning():
    data = {
        "month": "2025-07",
        "household": {"emergencies": [{"locality": "chengdu", "kind": "lockdown", "start": "2025-07-15", "end": "2025-08-01"}]},
        "members": [{"id": "a", "relationship": "self", "age": 30, "hukou_locality": "hangzhou",
                     "current_locality": "chengdu", "stranded": True}],
    }
    entry = engine.check(data)["programs"]["emergency_place_assistance"]
    assert entry["persons"]["a"]["details"]["current_locality_lockdown"] is True
    warnings = [w for w in entry["warnings"] if w["parameter"] == "emergency.lockdown.chengdu"]
    assert warnings[0]["code"] == "value_declared"


@pytest.mark.parametrize(("locality", "month", "code"), [
    ("tianjin", "2020-02", "value_secondary"),
    ("jiangxi", "2020-04", "value_unconfirmed"),
])
def test_uncertain_dates_surface_as_warnings(locality, month, code):
    data = {"month": month, "members": [
        {"id": "a", "relationship": "self", "age": 30, "hukou_locality": "hangzhou",
         "current_locality": locality, "stranded": True},
    ]}
    entry = engine.check(data)["programs"]["emergency_place_assistance"]
    matching = [w for w in entry["warnings"] if w["parameter"] == f"emergency.public_health_response.{locality}"]
    assert matching and matching[0]["code"] == code


def test_split_hukou_household_files_where_a_member_lives():
    data = {"month": "2023-06", "members": [
        {"id": "a", "relationship": "self", "age": 40, "hukou_locality": "beijing", "current_locality": "shanghai"},
        {"id": "b", "relationship": "spouse", "age": 38, "hukou_locality": "shanghai"},
    ]}
    dibao = engine.check(data)["programs"]["dibao"]
    assert dibao["responsible_locality"] == "shanghai"


def test_one_member_locality_does_not_empty_the_others():
    data = {"month": "2020-04", "household": {"epidemic_hardship": True}, "members": [
        {"id": "a", "relationship": "self", "age": 40, "hukou_locality": "wuhan", "isolated": True},
        {"id": "b", "relationship": "spouse", "age": 38, "hukou_locality": "wuhan", "current_locality": "guangzhou"},
    ]}
    entry = engine.check(data)["programs"]["epidemic_temporary_assistance"]
    assert entry["responsible_locality"] == "wuhan"


def test_uninsured_payment_uses_the_local_cap():
    # A Jining-style cap of 3 months of the work place's urban standard: 3 x 1250 (Shenzhen, 2020).
    data = {"month": "2020-09", "members": [{
        "id": "w", "relationship": "self", "age": 42, "hukou_locality": "yongzhou", "work_locality": "shenzhen",
        "unemployment_insurance_status": "uninsured", "months_without_income": 3, "unable_to_return_to_work": True,
    }]}
    result = check_with_local_value(data, "crisis.uninsured_unemployed.max_months", "shenzhen", 3, "2020-09")
    entry = result["programs"]["uninsured_unemployed_assistance"]
    assert entry["amount"] == 3750
    assert entry["missing"] == []


def test_stranded_help_uses_the_local_daily_amount(examples_dir):
    data = situations.read_file(examples_dir / "wuhan_stranded_traveller.yaml")
    result = check_with_local_value(data, "crisis.emergency_place.daily_amount", "wuhan", 50, "2020-02")
    assert result["programs"]["emergency_place_assistance"]["amount"] == 50 * 29


def test_yuan_rounding_needs_local_rule():
    data = {"month": "2022-10", "members": [{
        "id": "a", "relationship": "self", "age": 40, "hukou_locality": "shenzhen", "receives_dibao": True,
    }]}
    native = situations.to_native(situations.parse(data), "2022-10")
    person = native["persons"]["a"]
    person["price_subsidy_cpi_yoy"] = {"2022-10": 0.031}
    person["price_subsidy_food_cpi_yoy"] = {"2022-10": 0.05}
    fen = engine.check(copy.deepcopy(native), "2022-10")["programs"]["price_subsidy"]
    yuan = check_with_local_value(copy.deepcopy(native), "price_subsidy.rounding", "shenzhen", "yuan", "2022-10")
    # 1365 x 0.031 = 42.315
    assert fen["amount"] == 42.32
    assert yuan["programs"]["price_subsidy"]["amount"] == 42


@pytest.mark.parametrize(("months", "eligible"), [(3, True), (6, True), (7, False)])
def test_gradual_withdrawal_within_local_period(months, eligible):
    data = {
        "month": "2022-11",
        "household": {"dibao_amount_previous_month": 500, "income_rise_from_employment": True,
                      "months_since_income_above_standard": months},
        "members": [{"id": "a", "relationship": "self", "age": 40, "hukou_locality": "shenzhen",
                     "income": {"wage_income": 3000}}],
    }
    # A local period of 12 months is still capped by the national 6.
    result = check_with_local_value(data, "crisis.gradual_withdrawal.months", "shenzhen", 12, "2022-11")
    entry = result["programs"]["dibao_gradual_withdrawal"]
    assert entry["eligible"] is eligible
    if eligible:
        assert entry["missing"][0]["parameter"] == "crisis.gradual_withdrawal.payment_rate.shenzhen"


def test_gradual_withdrawal_without_local_period_is_not_determined():
    data = {
        "month": "2022-11",
        "household": {"dibao_amount_previous_month": 500, "income_rise_from_employment": True,
                      "months_since_income_above_standard": 2},
        "members": [{"id": "a", "relationship": "self", "age": 40, "hukou_locality": "shenzhen"}],
    }
    entry = engine.check(data)["programs"]["dibao_gradual_withdrawal"]
    assert entry["status"] == "not_determined"
    assert entry["missing"][0]["parameter"] == "crisis.gradual_withdrawal.months.shenzhen"


MONTHS = ["2019-12", "2020-01", "2020-02", "2020-06", "2021-03", "2022-12", "2023-01", "2023-02", "2024-05"]
STATUSES = ["none", "suspected", "confirmed", "recovered", "deceased"]


@given(
    month=st.sampled_from(MONTHS),
    status=st.sampled_from(STATUSES),
    cost=st.integers(min_value=0, max_value=10**7),
    basic_share=st.floats(min_value=0, max_value=1),
    serious_share=st.floats(min_value=0, max_value=1),
)
def test_out_of_pocket_is_the_uncovered_residual(month, status, cost, basic_share, serious_share):
    basic = round(cost * basic_share, 2)
    serious = round((cost - basic) * serious_share, 2)
    data = {"month": month, "members": [{
        "id": "p", "relationship": "self", "age": 50, "hukou_locality": "shenzhen", "covid_status": status,
        "medical": {"policy_scope_cost": cost, "paid_by_basic_insurance": basic, "paid_by_serious_illness_insurance": serious},
    }]}
    entry = engine.check(data)["programs"]["covid_treatment"]
    details = entry["persons"]["p"]["details"]
    residual = details["covid_treatment_residual_cost"]
    assert details["covid_treatment_out_of_pocket"] >= 0
    assert details["covid_treatment_out_of_pocket"] <= residual
    if entry["persons"]["p"]["eligible"]:
        assert details["covid_treatment_out_of_pocket"] == 0
    else:
        assert details["covid_treatment_out_of_pocket"] == residual


@given(months=st.integers(min_value=0, max_value=24), month=st.sampled_from(MONTHS))
def test_more_months_without_income_never_removes_eligibility(months, month):
    def eligible(count):
        data = {"month": month, "members": [{
            "id": "w", "relationship": "self", "age": 42, "hukou_locality": "yongzhou", "work_locality": "shenzhen",
            "unemployment_insurance_status": "uninsured", "months_without_income": count, "unable_to_return_to_work": True,
        }]}
        return engine.check(data)["programs"]["uninsured_unemployed_assistance"]["persons"]["w"]["eligible"]

    assert eligible(months + 1) >= eligible(months)


def test_wuhan_missing_standard_leaves_crisis_results_computed():
    # Wuhan's dibao standard before 2020-04 was not found, so dibao is not
    # determined, while the stranded member's help and its office still are.
    data = {"month": "2020-02", "members": [
        {"id": "a", "relationship": "self", "age": 40, "hukou_locality": "wuhan"},
        {"id": "b", "relationship": "sibling", "age": 30, "hukou_locality": "hangzhou",
         "current_locality": "wuhan", "stranded": True, "lives_with_applicant_long_term": False},
    ]}
    programs = engine.check(data)["programs"]
    assert programs["dibao"]["status"] == "not_determined"
    assert programs["dibao"]["missing"][0]["parameter"] == "dibao.standard.wuhan"
    help_ = programs["emergency_place_assistance"]
    assert help_["persons"]["b"]["eligible"] is True
    assert help_["responsible_locality"] == "wuhan"
    assert help_["responsible_authority"]


def test_unknown_carer_is_an_input_error():
    native = {
        "persons": {
            "mother": {"age": {"2020-04": 36}, "hukou_locality": {"2020-04": "wuhan"}, "relationship_to_applicant": "self"},
            "son": {"age": {"2020-04": 8}, "hukou_locality": {"2020-04": "wuhan"}, "carer_id": {"2020-04": "father"}},
        },
        "households": {"household": {"members": ["mother", "son"]}},
    }
    with pytest.raises(InputError) as error:
        engine.check(native, "2020-04")
    assert error.value.location == "persons.son.carer_id"


def test_friendly_carer_must_be_another_member():
    data = {"month": "2020-04", "members": [
        {"id": "son", "relationship": "self", "age": 8, "hukou_locality": "wuhan", "carer": "son"},
    ]}
    with pytest.raises(InputError) as error:
        engine.check(data)
    assert "must be the id of another member" in error.value.message


def test_invalid_declared_emergencies_is_an_input_error():
    native = {
        "persons": {"a": {"age": {"2025-07": 30}, "hukou_locality": {"2025-07": "chengdu"}}},
        "households": {"household": {"members": ["a"], "declared_emergencies": "[{\"locality\": \"chengdu\""}},
    }
    with pytest.raises(InputError) as error:
        engine.check(native, "2025-07")
    assert error.value.message.startswith("invalid JSON")
