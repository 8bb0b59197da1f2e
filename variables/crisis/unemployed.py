"""One-off temporary assistance for uninsured unemployed people.

民发〔2020〕69号 (from 2020-07-01, date assumed) was renewed in June and
October 2022. Unemployed people whom unemployment insurance does not cover
(migrant workers and others) get a one-off temporary-assistance payment when
they cannot return to work because of the epidemic, have had no income for 3
consecutive months and are not on dibao. Their place of work or habitual
residence pays it, not necessarily their hukou place. The amount is local.
"""

import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import emergencies, rules
from openfisca_assistance.crisis_enums import UnemploymentInsuranceStatus
from openfisca_assistance.entities import Person
from openfisca_assistance.enums import HukouType
from openfisca_assistance.money import round_to_fen
from openfisca_assistance.standards import dibao_standard_for

CURRENCY = "currency-CNY"
D6_REFERENCE = "http://zhopera.com/news/23296.html"
D13_REFERENCE = "http://news.fjsen.com/2022-06/07/content_31054543.htm"
D2022_REFERENCE = (
    "https://github.com/passwordgloo/Comet-law/blob/"
    "21029333550d66c959df6649413f2c4d5138b849/docs/policy/2.2.md"
)
YANTAI_REFERENCE = "http://yantai.dzwww.com/zfpd/202010/t20201030_6938738.htm"


class months_without_income(Variable):
    value_type = int
    default_value = 0
    entity = Person
    definition_period = MONTH
    label = "Consecutive months without income, up to and including this month"
    reference = (D6_REFERENCE, D2022_REFERENCE)
    documentation = (
        "The 2020 account speaks of no labour income, the 2022 texts of no "
        "source of income; give the months without any income."
    )


class unemployment_insurance_status(Variable):
    value_type = Enum
    possible_values = UnemploymentInsuranceStatus
    default_value = UnemploymentInsuranceStatus.insured_not_receiving
    entity = Person
    definition_period = MONTH
    label = "Unemployment-insurance status"
    documentation = (
        "Defaults to insured_not_receiving, which grants neither the one-off "
        "payment for uninsured people nor the price subsidy of benefit "
        "recipients."
    )


class unable_to_return_to_work(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Cannot return to work because of the emergency"
    reference = (D6_REFERENCE, YANTAI_REFERENCE)
    documentation = "Usually shown by the employer's certificate. Defaults to false."


class receives_dibao(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Enrolled in dibao (alone or as a household member) this month"
    documentation = (
        "An administrative fact the caseworker states. Defaults to false. "
        "The price subsidy also counts members of households the engine "
        "finds eligible for dibao."
    )


class uninsured_unemployed_assistance_in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The one-off payment for uninsured unemployed people is in force this month"
    reference = (D6_REFERENCE, D13_REFERENCE, D2022_REFERENCE)
    documentation = "From 2020-07-01 to January 2023 (the end of the epidemic measures; no end of its own was stated)."

    def formula(person, period, parameters):
        in_force = rules.national(person, period, "crisis.uninsured_unemployed.in_force")
        return numpy.full(person.count, bool(in_force))


class uninsured_unemployed_not_insured(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Unemployment insurance does not cover the person"
    reference = (D6_REFERENCE, D2022_REFERENCE)

    def formula(person, period, parameters):
        if not person("uninsured_unemployed_assistance_in_force", period).any():
            return numpy.zeros(person.count, dtype=bool)
        covered_statuses = rules.national(person, period, "crisis.uninsured_unemployed.insurance_statuses_covered")
        statuses = person("unemployment_insurance_status", period).decode_to_str()
        return numpy.isin(statuses, list(covered_statuses))


class uninsured_unemployed_min_months(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = "Consecutive months without income the one-off payment requires"
    reference = (D6_REFERENCE, D2022_REFERENCE)

    def formula(person, period, parameters):
        if not person("uninsured_unemployed_assistance_in_force", period).any():
            return numpy.zeros(person.count, dtype=int)
        months = rules.national(person, period, "crisis.uninsured_unemployed.min_months_without_income")
        return numpy.full(person.count, months)


class uninsured_unemployed_long_enough(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Without income for the required number of consecutive months"
    reference = (D6_REFERENCE, D2022_REFERENCE)

    def formula(person, period, parameters):
        in_force = person("uninsured_unemployed_assistance_in_force", period)
        return in_force * (person("months_without_income", period) >= person("uninsured_unemployed_min_months", period))


class uninsured_unemployed_assistance_eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Eligible for the one-off temporary assistance of uninsured unemployed people"
    reference = (D6_REFERENCE, D13_REFERENCE, D2022_REFERENCE)
    documentation = (
        "While in force, all of: not covered by unemployment insurance, "
        "unable to return to work because of the epidemic, at least 3 "
        "consecutive months without income, not on dibao."
    )

    def formula(person, period, parameters):
        return (
            person("uninsured_unemployed_assistance_in_force", period)
            * person("uninsured_unemployed_not_insured", period)
            * person("uninsured_unemployed_long_enough", period)
            * person("unable_to_return_to_work", period)
            * numpy.logical_not(person("receives_dibao", period))
        )


class uninsured_unemployed_assistance_locality(Variable):
    value_type = str
    entity = Person
    definition_period = MONTH
    label = "Locality that pays the one-off payment: the place of work or habitual residence"
    reference = (D6_REFERENCE, D2022_REFERENCE)
    documentation = "The work locality, which defaults to the locality where the person is."

    def formula(person, period, parameters):
        return emergencies.locality_of(person, period, "work_locality")


class uninsured_unemployed_assistance_amount(Variable):
    value_type = float
    unit = CURRENCY
    entity = Person
    definition_period = MONTH
    label = "Highest one-off payment for an uninsured unemployed person"
    reference = (D6_REFERENCE, YANTAI_REFERENCE)
    documentation = (
        "The paying locality's cap in months of its urban dibao standard. No "
        "national amount exists; a locality that publishes no cap is "
        "reported as missing it."
    )

    def formula(person, period, parameters):
        eligible = person("uninsured_unemployed_assistance_eligible", period)
        locality = person("uninsured_unemployed_assistance_locality", period)
        months = rules.local_values(
            person, period, "crisis.uninsured_unemployed.max_months", locality, where=eligible, variable="work_locality",
        )
        urban = numpy.full(person.count, HukouType.urban.index)
        standard = dibao_standard_for(person, period, locality, urban, where=eligible)
        return numpy.where(eligible, round_to_fen(months * standard), 0)
