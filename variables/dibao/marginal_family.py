"""Dibao-marginal (low-income) family status."""

import numpy
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import rules
from openfisca_assistance.entities import Household

CURRENCY = "currency-CNY"
D8_REFERENCE = (
    "https://github.com/passwordgloo/Comet-law/blob/"
    "21029333550d66c959df6649413f2c4d5138b849/docs/department/1.1.1.md"
)
D69_REFERENCE = "http://zhopera.com/news/23296.html"


class dibao_marginal_line(Variable):
    value_type = float
    unit = CURRENCY
    entity = Household
    definition_period = MONTH
    label = "Per-capita income line of a dibao-marginal family"
    reference = (D8_REFERENCE, D69_REFERENCE)
    documentation = (
        "A line the locality publishes, for urban or unified standards; "
        "otherwise the locality's multiple of the standard; otherwise the "
        "national 1.5 times the standard (from 2020-07-01)."
    )

    def formula(household, period, parameters):
        locality = household("dibao_filing_locality", period)
        standard = household("dibao_standard", period)
        rural = household("dibao_filing_member_rural", period)
        unified = rules.local_values(
            household, period, "dibao.urban_rural_unified", locality,
            where=rural, default=False, dtype=bool, required=False,
        )
        line_applies = numpy.logical_not(rural) + unified
        published = rules.local_values(
            household, period, "dibao.marginal_line", locality,
            where=line_applies, required=False,
        )
        local_multiple = rules.local_values(
            household, period, "dibao.marginal_multiple", locality, required=False,
        )
        needs_national = numpy.isnan(published) & numpy.isnan(local_multiple)
        national_multiple = (
            rules.national(household, period, "dibao.marginal_family.income_multiple")
            if needs_national.any()
            else numpy.nan
        )
        multiple = numpy.where(numpy.isnan(local_multiple), national_multiple, local_multiple)
        return numpy.where(numpy.isnan(published), multiple * standard, published)


class dibao_marginal_family(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "The household is a dibao-marginal (low-income) family"
    reference = (D8_REFERENCE, D69_REFERENCE)
    documentation = (
        "Not eligible for dibao, per-capita income at or above the standard "
        "and strictly below the marginal line (at or below it where the "
        "locality's band includes its top), and property within the rules "
        "(2021 measures Art. 8 para. 2). NOTE: the dibao financial-asset limit "
        "stands in for the marginal-family asset rule, which no locality in "
        "the data publishes; local marginal rules are often looser."
    )

    def formula(household, period, parameters):
        income = household("dibao_per_capita_income", period)
        at_or_above_standard = income >= household("dibao_standard", period)
        line = household("dibao_marginal_line", period)
        # The national rule requires income "below" the line. A locality that
        # publishes a band including its top end (Zhongshan) also admits the top.
        inclusive = rules.local_values(
            household, period, "dibao.marginal_line_inclusive", household("dibao_filing_locality", period),
            default=False, dtype=bool, required=False,
        )
        below_line = numpy.where(inclusive, income <= line, income < line)
        return (
            numpy.logical_not(household("dibao_eligible", period))
            * at_or_above_standard
            * below_line
            * household("dibao_property_test", period)
        )
