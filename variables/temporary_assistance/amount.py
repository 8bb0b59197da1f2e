"""Temporary-assistance amount from the handling locality's rules.

Localities set amounts as multiples of the monthly dibao standard per member
(Interim Measures Art. 49; 2018 opinion §二(三)). The engine pays the lowest
amount in the local range that covers the need; above the top of the range it
pays the top and flags a case-by-case decision (一事一议).
"""

import numpy
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import rules
from openfisca_assistance.entities import Household
from openfisca_assistance.enums import HukouType, TemporaryAssistanceRoute, TemporaryAssistanceType
from openfisca_assistance.money import round_to_fen
from openfisca_assistance.households import applicant_value
from openfisca_assistance.standards import dibao_standard_for

CURRENCY = "currency-CNY"
INTERIM_MEASURES_REFERENCE = (
    "https://github.com/LawRefBook/Laws/blob/6ef77b0a407dfcb4285dc149af0a159b09e28aa7/"
    "行政法规/社会救助暂行办法(2019-03-02).md"
)
D6_REFERENCE = (
    "https://github.com/passwordgloo/Comet-law/blob/"
    "035b67e8356624733abcb711e1049e7b84e658b2/docs/policy/2.3.md"
)
TYPE_FAMILIES = {
    TemporaryAssistanceType.emergency: "emergency",
    TemporaryAssistanceType.expenditure: "expenditure",
}


class temporary_assistance_standard(Variable):
    value_type = float
    unit = CURRENCY
    entity = Household
    definition_period = MONTH
    label = "Monthly dibao standard the temporary-assistance amount is a multiple of"
    reference = (INTERIM_MEASURES_REFERENCE, D6_REFERENCE)
    documentation = (
        "The handling locality's standard: for the applicant's hukou type at "
        "the hukou place, and the urban standard elsewhere."
    )

    def formula(household, period, parameters):
        has_case = household("temporary_assistance_type", period) != TemporaryAssistanceType.none
        locality = household("temporary_assistance_locality", period)
        route = household("temporary_assistance_route", period)
        at_hukou = route == TemporaryAssistanceRoute.hukou_township
        hukou_type = numpy.asarray(applicant_value(household, period, "hukou_type"))
        hukou_types = numpy.where(at_hukou, hukou_type, HukouType.urban.index)
        standard = dibao_standard_for(household, period, locality, hukou_types, where=has_case)
        return numpy.where(has_case, standard, 0)


def _months(household, period, bound: str, where):
    case_type = household("temporary_assistance_type", period)
    locality = household("temporary_assistance_locality", period)
    months = numpy.full(household.count, numpy.nan)
    for type_value, family in TYPE_FAMILIES.items():
        of_type = where * (case_type == type_value)
        if of_type.any():
            values = rules.local_values(
                household, period, f"temporary_assistance.{family}.{bound}", locality, where=of_type,
            )
            months = numpy.where(of_type, values, months)
    return months


class temporary_assistance_range_min(Variable):
    value_type = float
    unit = CURRENCY
    entity = Household
    definition_period = MONTH
    label = "Lowest temporary-assistance amount of the local range"
    reference = (INTERIM_MEASURES_REFERENCE, D6_REFERENCE)

    def formula(household, period, parameters):
        eligible = household("temporary_assistance_eligible", period)
        months = _months(household, period, "min_months", eligible)
        total = months * household("temporary_assistance_standard", period) * household(
            "temporary_assistance_members", period,
        )
        return numpy.where(eligible, round_to_fen(total), 0)


class temporary_assistance_range_max(Variable):
    value_type = float
    unit = CURRENCY
    entity = Household
    definition_period = MONTH
    label = "Highest temporary-assistance amount of the local range before a case-by-case decision"
    reference = (INTERIM_MEASURES_REFERENCE, D6_REFERENCE)

    def formula(household, period, parameters):
        eligible = household("temporary_assistance_eligible", period)
        months = _months(household, period, "max_months", eligible)
        total = months * household("temporary_assistance_standard", period) * household(
            "temporary_assistance_members", period,
        )
        return numpy.where(eligible, round_to_fen(total), 0)


class temporary_assistance_case_by_case(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "The need exceeds the local range, so a case-by-case decision is needed"
    reference = D6_REFERENCE

    def formula(household, period, parameters):
        eligible = household("temporary_assistance_eligible", period)
        return eligible * (household("temporary_assistance_need", period) > household("temporary_assistance_range_max", period))


class temporary_assistance_amount(Variable):
    value_type = float
    unit = CURRENCY
    entity = Household
    definition_period = MONTH
    label = "Temporary assistance paid in the month"
    reference = (INTERIM_MEASURES_REFERENCE, D6_REFERENCE)

    def formula(household, period, parameters):
        eligible = household("temporary_assistance_eligible", period)
        need = household("temporary_assistance_need", period)
        low = household("temporary_assistance_range_min", period)
        high = household("temporary_assistance_range_max", period)
        return numpy.where(eligible, round_to_fen(numpy.clip(need, low, high)), 0)


class temporary_assistance_small_amount(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "The amount is small enough for the township or street office to approve"
    reference = (INTERIM_MEASURES_REFERENCE, D6_REFERENCE)
    documentation = (
        "Interim Measures Art. 48 lets the county entrust small amounts to the "
        "township; the locality sets the limit in months of the standard. "
        "Without a published limit the county approves."
    )

    def formula(household, period, parameters):
        eligible = household("temporary_assistance_eligible", period)
        months = rules.local_values(
            household, period, "temporary_assistance.small_amount_months",
            household("temporary_assistance_locality", period), where=eligible, default=0.0, required=False,
        )
        limit = months * household("temporary_assistance_standard", period)
        return eligible * (household("temporary_assistance_amount", period) <= limit)
