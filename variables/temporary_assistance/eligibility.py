"""Temporary assistance: type, targets and eligibility.

Families, and from the 2014 notice individuals, in sudden severe hardship
(Interim Measures Art. 47; 国发〔2014〕47号). The 2018 opinion splits cases
into the emergency type (accident, sudden serious illness, other special
difficulty needing immediate help) and the expenditure type (essential
spending beyond what the household can bear), the latter with an income
ceiling of the local previous-year per-capita disposable income.
"""

import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import rules
from openfisca_assistance.entities import Household
from openfisca_assistance.enums import AssistanceScope, HardshipType, TemporaryAssistanceType

CURRENCY = "currency-CNY"
INTERIM_MEASURES_REFERENCE = (
    "https://github.com/LawRefBook/Laws/blob/6ef77b0a407dfcb4285dc149af0a159b09e28aa7/"
    "行政法规/社会救助暂行办法(2019-03-02).md"
)
D2_REFERENCE = "http://english.www.gov.cn/policies/latest_releases/2014/10/24/content_281475001030854.htm"
D6_REFERENCE = (
    "https://github.com/passwordgloo/Comet-law/blob/"
    "035b67e8356624733abcb711e1049e7b84e658b2/docs/policy/2.3.md"
)


class temporary_assistance_type(Variable):
    value_type = Enum
    possible_values = TemporaryAssistanceType
    default_value = TemporaryAssistanceType.none
    entity = Household
    definition_period = MONTH
    label = "Emergency type or expenditure type of the temporary-assistance case"
    reference = D6_REFERENCE
    documentation = (
        "Derived from the hardship: accidents, sudden serious illness and "
        "other special difficulties are the emergency type; essential "
        "expenditure is the expenditure type (2018 opinion §二(一))."
    )

    def formula(household, period, parameters):
        hardship = household("temporary_hardship_type", period)
        emergency = (
            (hardship == HardshipType.accident)
            + (hardship == HardshipType.sudden_serious_illness)
            + (hardship == HardshipType.other)
        )
        expenditure = hardship == HardshipType.essential_expenditure
        return numpy.select(
            [emergency > 0, expenditure],
            [TemporaryAssistanceType.emergency.index, TemporaryAssistanceType.expenditure.index],
            TemporaryAssistanceType.none.index,
        )


class temporary_assistance_members(Variable):
    value_type = int
    entity = Household
    definition_period = MONTH
    label = "Number of people the temporary assistance covers"
    reference = (INTERIM_MEASURES_REFERENCE, D2_REFERENCE)

    def formula(household, period, parameters):
        individual = household("temporary_assistance_scope", period) == AssistanceScope.individual
        return numpy.where(individual, 1, household("dibao_household_size", period))


class temporary_assistance_bearable_amount(Variable):
    value_type = float
    unit = CURRENCY
    entity = Household
    definition_period = MONTH
    label = "Part of the hardship the household can bear from its own income"
    reference = (INTERIM_MEASURES_REFERENCE, D6_REFERENCE)
    documentation = (
        "Household income above the handling locality's dibao standard for "
        "its members. NOTE: no "
        "national or local rule in the data fixes what a household can bear; "
        "the engine takes the income above subsistence, which is 0 for a "
        "household at or below the dibao line."
    )

    def formula(household, period, parameters):
        has_case = household("temporary_assistance_type", period) != TemporaryAssistanceType.none
        members = household("temporary_assistance_members", period)
        standard = household("temporary_assistance_standard", period)
        income = household("dibao_household_income", period)
        individual = household("temporary_assistance_scope", period) == AssistanceScope.individual
        per_capita = household("dibao_per_capita_income", period)
        income_of_unit = numpy.where(individual, per_capita, income)
        return numpy.where(has_case, numpy.maximum(income_of_unit - standard * members, 0), 0)


class temporary_assistance_need(Variable):
    value_type = float
    unit = CURRENCY
    entity = Household
    definition_period = MONTH
    label = "Hardship expenditure the household cannot bear"
    reference = (INTERIM_MEASURES_REFERENCE, D6_REFERENCE)

    def formula(household, period, parameters):
        expenditure = household("hardship_expenditure", period)
        return numpy.maximum(expenditure - household("temporary_assistance_bearable_amount", period), 0)


class temporary_assistance_income_ceiling(Variable):
    value_type = float
    unit = CURRENCY
    entity = Household
    definition_period = MONTH
    label = "Monthly per-capita income ceiling of expenditure-type temporary assistance"
    reference = D6_REFERENCE
    documentation = (
        "The previous year's per-capita disposable income of the locality "
        "(all residents), divided by 12; the province's or the national "
        "figure where the locality has none."
    )

    def formula(household, period, parameters):
        locality = household("dibao_filing_locality", period)
        expenditure = household("temporary_assistance_type", period) == TemporaryAssistanceType.expenditure
        values, _ = rules.economic_values(
            household, period, "economy.disposable_income.all", locality, where=expenditure,
        )
        return numpy.where(expenditure, values, numpy.inf)


class temporary_assistance_eligible(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "The household (or individual) is eligible for temporary assistance"
    reference = (INTERIM_MEASURES_REFERENCE, D2_REFERENCE, D6_REFERENCE)
    documentation = (
        "A stated hardship whose cost the household cannot bear. Expenditure "
        "type: before 2018-01-23 only dibao families (Interim Measures Art. "
        "47); from then, dibao families or households with per-capita income "
        "below the local previous-year per-capita disposable income. "
        "Individuals qualify from the 2014 notice on."
    )

    def formula(household, period, parameters):
        rules.national(household, period, "temporary_assistance.in_force")
        case_type = household("temporary_assistance_type", period)
        has_case = case_type != TemporaryAssistanceType.none
        if not has_case.any():
            return has_case
        need = household("temporary_assistance_need", period) > 0
        expenditure = case_type == TemporaryAssistanceType.expenditure
        individual = household("temporary_assistance_scope", period) == AssistanceScope.individual
        individuals_covered = rules.national(household, period, "temporary_assistance.individuals_covered")
        scope_ok = numpy.logical_not(individual) + individuals_covered

        expenditure_ok = numpy.ones(household.count, dtype=bool)
        if expenditure.any():
            dibao_family = household("dibao_eligible", period)
            ceiling_applies = rules.national(
                household, period, "temporary_assistance.expenditure.income_ceiling_applies",
            )
            if ceiling_applies:
                below_ceiling = household("dibao_per_capita_income", period) < household(
                    "temporary_assistance_income_ceiling", period,
                )
                expenditure_ok = dibao_family + below_ceiling
            else:
                expenditure_ok = dibao_family
        type_ok = numpy.where(expenditure, expenditure_ok, True)
        return has_case * need * (scope_ok > 0) * (type_ok > 0)
