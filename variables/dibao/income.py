"""Household income for the minimum living allowance means test."""

import numpy
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import rules
from openfisca_assistance.entities import Household, Person

CURRENCY = "currency-CNY"
D8_REFERENCE = (
    "https://github.com/passwordgloo/Comet-law/blob/"
    "21029333550d66c959df6649413f2c4d5138b849/docs/department/1.1.1.md"
)
D5_REFERENCE = (
    "https://github.com/passwordgloo/Comet-law/blob/"
    "21029333550d66c959df6649413f2c4d5138b849/docs/department/1.1.2.md"
)


class dibao_countable_income(Variable):
    value_type = float
    unit = CURRENCY
    entity = Person
    definition_period = MONTH
    label = "A person's countable income for the minimum living allowance"
    reference = (D8_REFERENCE, D5_REFERENCE)
    documentation = (
        "From 2021-07-01 (2021 measures, Art. 13): wages net of necessary "
        "employment costs, plus other countable income, minus taxes, social "
        "insurance contributions and support paid to others. Before (2012 "
        "measures, Art. 16): disposable income, that is income after personal "
        "income tax and social-insurance contributions. Wages a local rule "
        "disregards are left out first."
    )

    def formula(person, period, parameters):
        # Local rules may leave out part of the wages of recipients who went
        # back to work (Wuhan, April to December 2020).
        wages = person("wage_income", period) - person("dibao_employment_income_disregard", period)
        deduct_costs = rules.national(person, period, "dibao.employment_costs_deducted")
        if deduct_costs:
            wages = numpy.maximum(wages - person("employment_costs", period), 0)
            transfers_paid = person("support_paid_to_others", period)
        else:
            transfers_paid = 0
        return (
            wages
            + person("other_income", period)
            - person("income_tax_paid", period)
            - person("social_insurance_contributions", period)
            - transfers_paid
        )


class dibao_household_income(Variable):
    value_type = float
    unit = CURRENCY
    entity = Household
    definition_period = MONTH
    label = "Monthly income of the co-residing family members"
    reference = (D8_REFERENCE, D5_REFERENCE)

    def formula(household, period, parameters):
        counted = household.members("counts_in_dibao_household", period)
        income = household.members("dibao_countable_income", period)
        return numpy.maximum(household.sum(counted * income), 0)


class dibao_per_capita_income(Variable):
    value_type = float
    unit = CURRENCY
    entity = Household
    definition_period = MONTH
    label = "Monthly per-capita income of the co-residing family members"
    reference = (D8_REFERENCE, D5_REFERENCE)

    def formula(household, period, parameters):
        size = household("dibao_household_size", period)
        income = household("dibao_household_income", period)
        # A household none of whose members counts (every member excluded)
        # has no per-capita income to test; infinity fails every income test.
        return numpy.where(size > 0, income / numpy.maximum(size, 1), numpy.inf)
