"""Disaster-victim assistance (受灾人员救助): who is a target and which place helps.

People whose basic living is seriously affected by a natural disaster get
relief from the government of the affected area (Interim Measures Arts.
20-26; Regulations on Natural Disaster Relief). The relief is emergency
relief (food, water, clothing, heating, shelter, medical care), transitional
resettlement, help to rebuild, and winter and spring living relief. The
engine computes who is a target and where; the amounts are local.
"""

import numpy
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import emergencies
from openfisca_assistance.entities import Household
from openfisca_assistance.households import applicant_value

INTERIM_MEASURES_REFERENCE = (
    "https://github.com/LawRefBook/Laws/blob/6ef77b0a407dfcb4285dc149af0a159b09e28aa7/"
    "行政法规/社会救助暂行办法(2019-03-02).md"
)
DISASTER_REGULATIONS_REFERENCE = (
    "https://github.com/LawRefBook/Laws/blob/6ef77b0a407dfcb4285dc149af0a159b09e28aa7/"
    "行政法规/自然灾害救助条例(2019-03-02).md"
)


class disaster_relief_locality(Variable):
    value_type = str
    entity = Household
    definition_period = MONTH
    label = "Locality where the household is, whose government gives disaster-victim assistance"
    reference = INTERIM_MEASURES_REFERENCE
    documentation = "Disaster relief is managed by the affected area (Interim Measures Art. 20 para. 2)."

    def formula(household, period, parameters):
        return applicant_value(household, period, "current_locality").astype(object)


class disaster_relief_emergency_declared(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "An emergency that disaster-victim assistance answers is declared where the household is"
    reference = (INTERIM_MEASURES_REFERENCE, DISASTER_REGULATIONS_REFERENCE)
    documentation = "A natural-disaster response of the place where the household is, or its city or province."

    def formula(household, period, parameters):
        affected = household("seriously_affected_by_emergency", period)
        if not affected.any():
            return numpy.zeros(household.count, dtype=bool)
        locality = household("disaster_relief_locality", period)
        return emergencies.active(household, period, locality, "disaster_response", where=affected)


class disaster_relief_eligible(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "The household is a target of disaster-victim assistance"
    reference = (INTERIM_MEASURES_REFERENCE, DISASTER_REGULATIONS_REFERENCE)
    documentation = (
        "Basic living seriously affected, at a place with a natural-disaster "
        "response in the month (Interim Measures Art. 20)."
    )

    def formula(household, period, parameters):
        return household("seriously_affected_by_emergency", period) * household(
            "disaster_relief_emergency_declared", period,
        )
