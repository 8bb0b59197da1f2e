"""Rigid-expenditure hardship families (刚性支出困难家庭), from 2025-01-01.

A household is one when it meets every condition of the 2024 identification
measures, Art. 4:

- it is not on dibao or extreme-poverty support and not a dibao-marginal family;
- its per-capita income is below the previous year's local per-capita
  disposable income;
- its property is within the local rules;
- its rigid expenditure in the 12 months before applying is above a share of
  its income that the locality sets.
"""

import numpy
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import rules
from openfisca_assistance.entities import Household

D15_REFERENCE = (
    "https://github.com/passwordgloo/Comet-law/blob/"
    "21029333550d66c959df6649413f2c4d5138b849/docs/department/1.1.3.md"
)


class rigid_expenditure_share(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "Rigid expenditure as a share of household income"
    reference = D15_REFERENCE
    documentation = (
        "Monthly average rigid expenditure over monthly household income; "
        "infinite for a household with expenditure and no income."
    )

    def formula(household, period, parameters):
        spending = household("rigid_expenditure", period)
        income = household("dibao_household_income", period)
        with numpy.errstate(divide="ignore", invalid="ignore"):
            share = numpy.where(income > 0, spending / numpy.where(income > 0, income, 1), numpy.inf)
        return numpy.where(spending > 0, share, 0)


class rigid_expenditure_family(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "The household is a rigid-expenditure hardship family"
    reference = D15_REFERENCE
    documentation = (
        "All conditions of the 2024 measures Art. 4. The share threshold is "
        "local (rigid_expenditure.share_threshold); a household that meets "
        "the other conditions where no threshold is published is not "
        "determined. NOTE: the dibao property test stands in for the local "
        "property rule, which may be looser (Art. 4 para. 2)."
    )

    def formula(household, period, parameters):
        result = numpy.zeros(household.count, dtype=bool)
        if not rules.national(household, period, "rigid_expenditure.in_force"):
            return result
        spending = household("rigid_expenditure", period) > 0
        if not spending.any():
            return result
        extreme_poverty = household.any(household.members("extreme_poverty_eligible", period))
        other_status = household("dibao_eligible", period) + household("dibao_marginal_family", period) + extreme_poverty
        locality = household("dibao_filing_locality", period)
        income_line, _ = rules.economic_values(
            household, period, "economy.disposable_income.all", locality, where=spending,
        )
        below_line = household("dibao_per_capita_income", period) < numpy.where(spending, income_line, numpy.inf)
        candidates = spending * numpy.logical_not(other_status) * below_line * household("dibao_property_test", period)
        if not candidates.any():
            return result
        threshold = rules.local_values(
            household, period, "rigid_expenditure.share_threshold", locality, where=candidates,
        )
        return candidates * (household("rigid_expenditure_share", period) > threshold)
