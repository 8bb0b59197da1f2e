"""Exact money: amounts are exact to the fen up to 10^9 yuan, and compared exactly here.

openfisca-core stores float variables as float32, which cannot hold
25,000,001: it becomes 25,000,000. The engine stores money as float64, so
these tests compare amounts as Decimals, never through float32, and a test
expecting 25,000,001 fails on 25,000,000.
"""

from decimal import Decimal

import numpy
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.tools import assert_near

from openfisca_assistance import money
from openfisca_assistance.system import MONEY_UNIT, CountryTaxBenefitSystem

BILLION = 10**9


def exact(value) -> Decimal:
    """Return a computed amount as the exact Decimal of its float64 value, to the fen."""
    return Decimal(repr(float(value))).quantize(Decimal("0.01"))


def assert_money_equal(actual, expected: str) -> None:
    """Compare an amount with the expected yuan exactly."""
    assert exact(actual) == Decimal(expected), f"{exact(actual)} != {expected}"


def simulate(system, variable: str, **wages):
    persons = {
        person_id: {"relationship_to_applicant": "self" if index == 0 else "spouse", "age": {"2023-06": 40},
                    "hukou_locality": {"2023-06": "beijing"}, "wage_income": {"2023-06": wage}}
        for index, (person_id, wage) in enumerate(wages.items())
    }
    situation = {"persons": persons, "households": {"household": {"members": list(wages)}}}
    builder = SimulationBuilder()
    builder.set_default_period("2023-06")
    simulation = builder.build_from_entities(system, situation)
    return simulation.calculate(variable, "2023-06")


def test_money_variables_are_float64(system):
    money_variables = [variable for variable in system.variables.values() if variable.unit == MONEY_UNIT]
    assert money_variables
    for variable in money_variables:
        assert variable.dtype == numpy.float64, variable.name


def test_25_000_001_stays_exact(system):
    income = simulate(system, "dibao_household_income", applicant=25_000_001)
    assert_money_equal(income[0], "25000001.00")


def test_exact_comparison_fails_on_neighbour():
    with pytest.raises(AssertionError):
        assert_money_equal(25_000_000, "25000001.00")


def test_float32_storage_would_fail(system):
    """The same check fails on a system that stores money as float32, as openfisca-core does."""
    float32_system = CountryTaxBenefitSystem()
    for variable in float32_system.variables.values():
        if variable.unit == MONEY_UNIT:
            variable.dtype = numpy.float32
    income = simulate(float32_system, "dibao_household_income", applicant=25_000_001)
    with pytest.raises(AssertionError):
        assert_money_equal(income[0], "25000001.00")


def test_openfisca_runner_compares_in_float32():
    # What the README states: `openfisca test` cannot tell these apart.
    assert_near(25_000_000, 25_000_001, absolute_error_margin=0)


def test_sum_exact_near_a_billion(system):
    income = simulate(system, "dibao_household_income", applicant=999_999_999.98, spouse=0.01)
    assert_money_equal(income[0], "999999999.99")


def test_input_exact_at_a_billion(system):
    builder = SimulationBuilder()
    builder.set_default_period("2023-06")
    simulation = builder.build_from_entities(system, {
        "persons": {"a": {"relationship_to_applicant": "self", "age": {"2023-06": 40},
                          "hukou_locality": {"2023-06": "beijing"}}},
        "households": {"h": {"members": ["a"], "financial_assets": {"2023-06": 1_000_000_000.01}}},
    })
    assert_money_equal(simulation.calculate("financial_assets", "2023-06")[0], "1000000000.01")


@pytest.mark.parametrize(("amount", "expected"), [
    (2.675, "2.68"),
    (0.005, "0.01"),
    (0.004999, "0.00"),
    (123_456_789.125, "123456789.13"),
    (999_999_999.994, "999999999.99"),
    (999_999_999.995, "1000000000.00"),
    (1_000_000_000.015, "1000000000.02"),
])
def test_round_to_fen_half_up(amount, expected):
    assert_money_equal(money.round_to_fen([amount])[0], expected)


@given(fen=st.integers(min_value=0, max_value=BILLION * 100))
def test_round_to_fen_keeps_fen_amounts(fen):
    amount = fen / 100
    assert exact(money.round_to_fen([amount])[0]) == Decimal(fen) / 100


@given(fen=st.integers(min_value=0, max_value=BILLION * 100))
def test_to_decimal_exact_to_the_fen(fen):
    assert money.to_decimal(fen / 100) == Decimal(fen) / 100


@given(fen=st.integers(min_value=0, max_value=BILLION * 100), tenths=st.integers(min_value=0, max_value=9))
def test_round_to_fen_half_up_everywhere(fen, tenths):
    """A tenth of a fen rounds down below 5 and up from 5."""
    amount = float(Decimal(fen) / 100 + Decimal(tenths) / 1000)
    expected = Decimal(fen + (1 if tenths >= 5 else 0)) / 100
    assert exact(money.round_to_fen([amount])[0]) == expected


def test_to_decimal_agrees_with_round_to_fen():
    # The per-capita income of 997.40 + 589.15 + 618.98 yuan over two people
    # is 1102.765 yuan; summed in this order, float64 gives 1102.7649999999999.
    per_capita = sum([997.4, 589.15, 618.98]) / 2
    assert_money_equal(money.round_to_fen([per_capita])[0], "1102.77")
    assert money.to_decimal(per_capita) == Decimal("1102.77")
