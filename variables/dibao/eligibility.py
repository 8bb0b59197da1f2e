"""Minimum living allowance: the income test, the property test and eligibility."""

import numpy
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import rules
from openfisca_assistance.entities import Household
from openfisca_assistance.enums import PropertyAssessment

INTERIM_MEASURES_REFERENCE = (
    "https://github.com/LawRefBook/Laws/blob/6ef77b0a407dfcb4285dc149af0a159b09e28aa7/"
    "行政法规/社会救助暂行办法(2019-03-02).md"
)
D8_REFERENCE = (
    "https://github.com/passwordgloo/Comet-law/blob/"
    "21029333550d66c959df6649413f2c4d5138b849/docs/department/1.1.1.md"
)


class dibao_income_test(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "Per-capita income is below the dibao standard"
    reference = (INTERIM_MEASURES_REFERENCE, D8_REFERENCE)
    documentation = "Strictly below: a household exactly at the standard does not pass (Interim Measures Art. 9)."

    def formula(household, period, parameters):
        return household("dibao_per_capita_income", period) < household("dibao_standard", period)


class dibao_financial_asset_limit(Variable):
    value_type = float
    unit = "currency-CNY"
    entity = Household
    definition_period = MONTH
    label = "Highest financial assets the household may hold for the minimum living allowance"
    reference = (INTERIM_MEASURES_REFERENCE, D8_REFERENCE)
    documentation = (
        "The local limit per member, in months of the standard, times the "
        "number of members. Localities set it (Interim Measures Art. 10; 2021 "
        "measures Art. 14); a household with assets and no published limit "
        "cannot be assessed and is reported as not determined."
    )

    def formula(household, period, parameters):
        assets = household("financial_assets", period)
        # The limit is needed only when it can decide the result: assets to
        # test, no caseworker assessment, and an income test that passes.
        needs_limit = (
            (assets > 0)
            * (household("property_assessment", period) == PropertyAssessment.not_assessed)
            * household("dibao_income_test", period)
        )
        months = rules.local_values(
            household, period, "dibao.assets.financial_per_capita_max_months",
            household("dibao_filing_locality", period), where=needs_limit,
        )
        size = household("dibao_household_size", period)
        standard = household("dibao_standard", period)
        return numpy.where(needs_limit, months * standard * size, numpy.inf)


class dibao_property_test(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "Household property meets the local rules"
    reference = (INTERIM_MEASURES_REFERENCE, D8_REFERENCE)
    documentation = (
        "A caseworker's assessment when given; otherwise the household passes "
        "when its financial assets are within the local limit."
    )

    def formula(household, period, parameters):
        assessment = household("property_assessment", period)
        assessed = assessment != PropertyAssessment.not_assessed
        passed_by_caseworker = assessment == PropertyAssessment.passed
        computed = household("financial_assets", period) <= household("dibao_financial_asset_limit", period)
        # A household that fails the income test is not eligible whatever its
        # property; the test then reads as passed so that only the income
        # reason is reported.
        return numpy.where(assessed, passed_by_caseworker, computed)


class dibao_eligible(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "The household is eligible for the minimum living allowance"
    reference = (INTERIM_MEASURES_REFERENCE, D8_REFERENCE)
    documentation = (
        "Both prongs: per-capita income below the local standard and property "
        "within the local rules (Interim Measures Art. 9). Eligibility here is "
        "potential: payment starts the month after approval."
    )

    def formula(household, period, parameters):
        return household("dibao_income_test", period) * household("dibao_property_test", period)
