"""Single-person dibao: a member admitted alone, assessed on their own income."""

import numpy
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import rules
from openfisca_assistance.entities import Person
from openfisca_assistance.money import round_to_fen

CURRENCY = "currency-CNY"
D8_REFERENCE = (
    "https://github.com/passwordgloo/Comet-law/blob/"
    "21029333550d66c959df6649413f2c4d5138b849/docs/department/1.1.1.md"
)
D5_REFERENCE = (
    "https://github.com/passwordgloo/Comet-law/blob/"
    "21029333550d66c959df6649413f2c4d5138b849/docs/department/1.1.2.md"
)
D69_REFERENCE = "http://zhopera.com/news/23296.html"


class dibao_single_person_eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The person can be admitted to dibao alone as a single-person household"
    reference = (D8_REFERENCE, D69_REFERENCE, D5_REFERENCE)
    documentation = (
        "From 2021-07-01 (2021 measures Art. 8), and from 2020-07-01 under the "
        "2020 notice: a severely disabled or seriously ill member of a "
        "dibao-marginal family. Before, under the 2012 measures Art. 10: an "
        "adult severely disabled person without labour capacity who has set "
        "up their own household register. In each case the person's own "
        "income is below the standard, and a household that qualifies as a "
        "whole is never admitted in part."
    )

    def formula(person, period, parameters):
        rule = rules.national(person, period, "dibao.single_person.rule")
        counted = person("counts_in_dibao_household", period)
        household_eligible = person.household("dibao_eligible", period)
        severe = person("is_severely_disabled", period)
        own_income_below = person("dibao_countable_income", period) < person.household("dibao_standard", period)
        if rule == "2012":
            adult = numpy.logical_not(person("is_minor", period))
            category = (
                adult
                * severe
                * numpy.logical_not(person("able_to_work", period))
                * person("has_own_household_register", period)
            )
            family_condition = numpy.ones(person.count, dtype=bool)
        else:
            category = severe + person("has_serious_illness", period)
            family_condition = person.household("dibao_marginal_family", period)
        return (
            counted
            * numpy.logical_not(household_eligible)
            * (category > 0)
            * family_condition
            * own_income_below
        )


class dibao_single_person_amount(Variable):
    value_type = float
    unit = CURRENCY
    entity = Person
    definition_period = MONTH
    label = "Monthly dibao paid to a member admitted as a single-person household"
    reference = (D8_REFERENCE, D5_REFERENCE)
    documentation = "The standard minus the person's own income, raised to the local payment floor."

    def formula(person, period, parameters):
        eligible = person("dibao_single_person_eligible", period)
        standard = person.household("dibao_standard", period)
        gap = numpy.maximum(standard - person("dibao_countable_income", period), 0)
        floor_rate = rules.local_values(
            person, period, "dibao.payment_floor_rate",
            person.household("dibao_filing_locality", period),
            where=eligible, default=0.0, required=False,
        )
        payment = numpy.maximum(gap, floor_rate * standard)
        return numpy.where(eligible, round_to_fen(payment), 0)
