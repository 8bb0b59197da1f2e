"""Hypothesis properties of checks on generated households.

The profiles registered in tests/conftest.py set the number of examples:
`fast` (the default, for CI) and `deep` (HYPOTHESIS_PROFILE=deep, for local
runs).
"""

import copy
import math

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openfisca_core.parameters import Parameter
from openfisca_core.reforms import Reform

from openfisca_assistance import engine
from openfisca_assistance.errors import AssistanceError

LOCALITIES = ["beijing", "chongqing", "shenzhen", "wuhan", "guangzhou", "nanjing", "shanghai", "kashi",
              "chengdu_wuhou"]
MONTHS = ["2015-03", "2019-07", "2021-06", "2021-07", "2023-06", "2024-12"]
OTHER_RELATIONSHIPS = ["spouse", "child", "parent", "sibling", "grandparent", "grandchild", "other"]
DISABILITY_KINDS = ["physical", "visual", "hearing", "speech", "intellectual", "mental", "multiple"]
HARDSHIPS = ["none", "accident", "sudden_serious_illness", "essential_expenditure", "other"]
# A locality none of the generated households uses, and one with no data yet.
UNRELATED_CHANGED = "hangzhou"
UNRELATED_ADDED = "xining"
FUNCTION_SCOPED = [HealthCheck.function_scoped_fixture]
FEN = 0.01

yuan = st.integers(min_value=0, max_value=2_000_000).map(lambda fen: fen / 100)


@st.composite
def members(draw):
    count = draw(st.integers(min_value=1, max_value=4))
    result = []
    for index in range(count):
        grade = draw(st.integers(min_value=0, max_value=4))
        member = {
            "id": f"m{index}",
            "relationship": "self" if index == 0 else draw(st.sampled_from(OTHER_RELATIONSHIPS)),
            "age": draw(st.integers(min_value=0, max_value=100)),
            "hukou_locality": draw(st.sampled_from(LOCALITIES)),
            "hukou_type": draw(st.sampled_from(["urban", "rural"])),
            "disability": {"grade": grade, "kind": "none" if grade == 0 else draw(st.sampled_from(DISABILITY_KINDS))},
            "has_serious_illness": draw(st.booleans()),
            "self_care_activities_unable": draw(st.integers(min_value=0, max_value=6)),
            "income": {"wage_income": draw(yuan), "other_income": draw(yuan)},
            "supporter": {"has_legal_supporter": draw(st.booleans())},
        }
        result.append(member)
    return result


@st.composite
def situations(draw):
    return {
        "month": draw(st.sampled_from(MONTHS)),
        "household": {
            "financial_assets": draw(st.sampled_from([0, 1000, 50000])),
            "hardship": {"type": draw(st.sampled_from(HARDSHIPS)), "expenditure": draw(yuan)},
        },
        "members": draw(members()),
    }


CORRUPTIONS = [
    ("unknown key", lambda data: data["members"][0].update({"wage": 1})),
    ("negative age", lambda data: data["members"][0].update({"age": -1})),
    ("text income", lambda data: data["members"][0]["income"].update({"wage_income": "lots"})),
    ("NaN income", lambda data: data["members"][0]["income"].update({"wage_income": math.nan})),
    ("unknown locality", lambda data: data["members"][0].update({"hukou_locality": "atlantis"})),
    ("unknown enum", lambda data: data["members"][0].update({"hukou_type": "suburban"})),
    ("second applicant", lambda data: data["members"].append({**data["members"][0], "id": "twin"})),
    ("no members", lambda data: data.update({"members": []})),
    ("bad month", lambda data: data.update({"month": "2023-13"})),
    ("month before rules", lambda data: data.update({"month": "2010-01"})),
]


def native_of(data):
    """Return the OpenFisca-native form of a friendly situation."""
    from openfisca_assistance import situation

    native = situation.to_native(situation.parse(data), data["month"])
    return {**native, "month": data["month"]}


NATIVE_CORRUPTIONS = [
    ("native unknown variable", lambda native: native["persons"]["m0"].update({"wages": {native["month"]: 1}})),
    ("native negative age", lambda native: native["persons"]["m0"].update({"age": {native["month"]: -4}})),
    ("native text money", lambda native: native["persons"]["m0"].update({"wage_income": {native["month"]: "x"}})),
    ("native unknown member", lambda native: native["households"]["household"]["members"].append("ghost")),
    ("native NaN", lambda native: native["persons"]["m0"].update({"other_income": {native["month"]: math.nan}})),
    ("native enum", lambda native: native["persons"]["m0"].update({"hukou_type": {native["month"]: "town"}})),
]


def amounts(result):
    """Return {(programme, person or None): amount} of the determined amounts of a result."""
    found = {}
    for program_id, entry in result["programs"].items():
        if entry["status"] != "not_determined" and entry.get("amount") is not None:
            found[(program_id, None)] = entry["amount"]
        for person_id, person in (entry.get("persons") or {}).items():
            if person.get("status") in ("eligible", "not_eligible") and person.get("amount") is not None:
                found[(program_id, person_id)] = person["amount"]
    return found


def summary(result):
    """Return the parts of a result that must not depend on member order."""
    programs = {}
    for program_id, entry in result["programs"].items():
        persons = {
            person_id: (person.get("status"), person.get("amount"), person.get("eligible"))
            for person_id, person in (entry.get("persons") or {}).items()
        }
        locality = entry.get("responsible_locality")
        programs[program_id] = {
            "status": entry["status"],
            "eligible": entry["eligible"],
            "amount": entry["amount"],
            "details": entry.get("details"),
            "locality": sorted(locality) if isinstance(locality, list) else locality,
            "reasons": sorted(reason["code"] for reason in entry.get("reasons", [])),
            "persons": persons,
            "standard": sorted({(read["path"], read["effective_from"]) for read in entry.get("standard_applied", [])}),
        }
    return programs


def _close_details(left, right) -> bool:
    if left is None or right is None:
        return left == right
    if set(left) != set(right):
        return False
    for key, value in left.items():
        other = right[key]
        numbers = (int, float)
        if isinstance(value, numbers) and isinstance(other, numbers) and not isinstance(value, bool):
            if abs(value - other) > FEN:
                return False
        elif value != other:
            return False
    return True


def checked(data, system=None):
    try:
        return engine.check(copy.deepcopy(data), system=system)
    except AssistanceError:
        return None


@given(data=situations(), corruption=st.sampled_from([None, *CORRUPTIONS]))
def test_result_or_one_typed_error(data, corruption):
    if corruption is not None:
        corruption[1](data)
    try:
        result = engine.check(data)
    except AssistanceError as error:
        assert error.exit_code == 2
        assert error.message
        return
    assert {"dibao", "extreme_poverty", "temporary_assistance"} <= set(result["programs"])
    for entry in result["programs"].values():
        assert entry["status"] in {"eligible", "not_eligible", "not_determined"}


@given(data=situations(), corruption=st.sampled_from([None, *NATIVE_CORRUPTIONS]))
def test_native_result_or_one_typed_error(data, corruption):
    native = native_of(data)
    if corruption is not None:
        corruption[1](native)
    try:
        result = engine.check(native)
    except AssistanceError as error:
        assert error.exit_code == 2
        assert error.message
        if corruption is None:
            pytest.fail(f"a valid native situation was rejected: {error.render()}")
        return
    assert corruption is None, f"{corruption[0]} was accepted"
    assert result["programs"]


@given(data=situations())
def test_amounts_never_negative(data):
    result = checked(data)
    assume(result is not None)
    for key, amount in amounts(result).items():
        assert amount >= 0, key


@given(data=situations(), member=st.integers(min_value=0, max_value=3),
       raise_by=st.integers(min_value=1, max_value=500_000).map(lambda fen: fen / 100))
def test_amounts_never_rise_with_income(data, member, raise_by):
    member = member % len(data["members"])
    before = checked(data)
    assume(before is not None)
    richer = copy.deepcopy(data)
    richer["members"][member]["income"]["wage_income"] += raise_by
    after = checked(richer)
    assert after is not None
    before_amounts, after_amounts = amounts(before), amounts(after)
    for key in before_amounts.keys() & after_amounts.keys():
        assert after_amounts[key] <= before_amounts[key], (key, before_amounts[key], after_amounts[key])


@given(data=situations(), order=st.randoms(use_true_random=False))
def test_member_order_does_not_matter(data, order):
    before = checked(data)
    assume(before is not None)
    shuffled = copy.deepcopy(data)
    order.shuffle(shuffled["members"])
    after = checked(shuffled)
    assert after is not None
    before_summary, after_summary = summary(before), summary(after)
    for program_id, entry in before_summary.items():
        shuffled_entry = after_summary[program_id]
        # NOTE: a sum of float64 incomes depends on member order in its last
        # bit, and `money.to_decimal` rounds that bit (1102.7649999999999 to
        # 1102.76, 1102.765 to 1102.77), so unrounded details such as the
        # per-capita income may differ by one fen. Amounts are rounded with
        # `round_to_fen`, which does not depend on it, and compare exactly.
        assert _close_details(entry.pop("details"), shuffled_entry.pop("details")), program_id
        assert shuffled_entry == entry, program_id


class UnrelatedLocalityData(Reform):
    """New and changed values for localities that no generated household uses."""

    name = "Unrelated locality data"

    def apply(self):
        def modify(parameters):
            parameters.dibao.standard.children[UNRELATED_CHANGED].update(period="year:2015-01:12", value=9999)
            for family in (parameters.dibao.standard, parameters.extreme_poverty.basic_living):
                family.add_child(UNRELATED_ADDED, Parameter(f"{family.name}.{UNRELATED_ADDED}", data={
                    "description": "Test value for a locality no household uses.",
                    "metadata": {"unit": "currency-CNY", "reference": [{"title": "test", "href": "https://example.org"}]},
                    "values": {"2014-05-01": {"value": 12345, "metadata": {"confidence": "A", "reference": [
                        {"title": "test", "href": "https://example.org"}]}}},
                }))
            return parameters

        self.modify_parameters(modifier_function=modify)


@pytest.fixture(scope="module")
def unrelated_system():
    return UnrelatedLocalityData(engine.baseline_system())


def test_unrelated_reform_changes_the_data(unrelated_system):
    parameters = unrelated_system.get_parameters_at_instant("2015-06-01")
    assert getattr(parameters.dibao.standard, UNRELATED_CHANGED) == 9999
    assert getattr(parameters.dibao.standard, UNRELATED_ADDED) == 12345


@settings(suppress_health_check=FUNCTION_SCOPED)
@given(data=situations())
def test_unrelated_locality_changes_nothing(unrelated_system, data):
    before = checked(data)
    assume(before is not None)
    after = checked(data, system=unrelated_system)
    assert after == before


@given(data=situations())
def test_explain_result_or_typed_error(data):
    from openfisca_assistance import explanations

    try:
        trace = explanations.explain(copy.deepcopy(data))
    except AssistanceError as error:
        assert error.exit_code == 2
        return
    for section in trace["programs"].values():
        assert section["trees"]
