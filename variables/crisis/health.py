"""A person's health and duties in an epidemic, and whether they can care for others."""

import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance.crisis_enums import CovidStatus, UnableToCareReason
from openfisca_assistance.entities import Person

D4_REFERENCE = "http://rmlt.com.cn/2020/0223/569571.shtml"
D5_REFERENCE = "http://www.jianbiaoku.com/webarbs/book/163558/4708645.shtml"


class covid_status(Variable):
    value_type = Enum
    possible_values = CovidStatus
    default_value = CovidStatus.none
    entity = Person
    definition_period = MONTH
    label = "COVID-19 status of the person this month"


class isolated(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "In isolation or medical observation this month"


class epidemic_duty(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Doing epidemic-control work that keeps the person from caring for others"


class unable_to_care_reason(Variable):
    value_type = Enum
    possible_values = UnableToCareReason
    default_value = UnableToCareReason.none
    entity = Person
    definition_period = MONTH
    label = "Why the person cannot care for a child or dependant this month"
    reference = (D4_REFERENCE, D5_REFERENCE)
    documentation = (
        "Death, a confirmed or suspected infection, isolation or epidemic-"
        "control work, in that order when several apply."
    )

    def formula(person, period, parameters):
        status = person("covid_status", period)
        return numpy.select(
            [
                status == CovidStatus.deceased,
                status == CovidStatus.confirmed,
                status == CovidStatus.suspected,
                person("isolated", period),
                person("epidemic_duty", period),
            ],
            [
                UnableToCareReason.deceased.index,
                UnableToCareReason.confirmed.index,
                UnableToCareReason.suspected.index,
                UnableToCareReason.isolated.index,
                UnableToCareReason.epidemic_duty.index,
            ],
            UnableToCareReason.none.index,
        )
