"""The dibao standard that applies: that of the filing member's locality and hukou type."""

import numpy
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import rules
from openfisca_assistance.entities import Household, Person
from openfisca_assistance.enums import HukouType
from openfisca_assistance.standards import dibao_standard_for

CURRENCY = "currency-CNY"
INTERIM_MEASURES_REFERENCE = (
    "https://github.com/LawRefBook/Laws/blob/6ef77b0a407dfcb4285dc149af0a159b09e28aa7/"
    "行政法规/社会救助暂行办法(2019-03-02).md"
)
D8_REFERENCE = (
    "https://github.com/passwordgloo/Comet-law/blob/"
    "21029333550d66c959df6649413f2c4d5138b849/docs/department/1.1.1.md"
)


def filing_member_value(household, period, variable: str) -> numpy.ndarray:
    """Return the filing member's value of a person variable, one per household."""
    flags = household.members("is_dibao_filing_member", period)
    index = numpy.zeros(household.count, dtype=int)
    index[household.members_entity_id[flags]] = numpy.flatnonzero(flags)
    return household.members(variable, period)[index]


class dibao_filing_locality(Variable):
    value_type = str
    entity = Household
    definition_period = MONTH
    label = "Locality where the household files its dibao application"
    reference = (INTERIM_MEASURES_REFERENCE, D8_REFERENCE)
    documentation = (
        "The hukou locality of the filing member, who is the applicant by "
        "default (Interim Measures Art. 11; 2021 measures Art. 5, see "
        "is_dibao_filing_member)."
    )

    def formula(household, period, parameters):
        return filing_member_value(household, period, "hukou_locality")


class dibao_filing_member_rural(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "The filing member holds a rural hukou"
    reference = D8_REFERENCE

    def formula(household, period, parameters):
        return numpy.asarray(filing_member_value(household, period, "hukou_type")) == HukouType.rural.index


class dibao_standard(Variable):
    value_type = float
    unit = CURRENCY
    entity = Household
    definition_period = MONTH
    label = "Dibao standard per person per month that applies to the household"
    reference = (INTERIM_MEASURES_REFERENCE, D8_REFERENCE)
    documentation = (
        "The standard of the filing locality for the filing member's hukou "
        "type; the urban standard where the locality has one standard for both."
    )

    def formula(household, period, parameters):
        localities = household("dibao_filing_locality", period)
        rural = household("dibao_filing_member_rural", period)
        hukou_types = numpy.where(rural, HukouType.rural.index, HukouType.urban.index)
        return dibao_standard_for(household, period, localities, hukou_types)


class person_dibao_standard(Variable):
    value_type = float
    unit = CURRENCY
    entity = Person
    definition_period = MONTH
    label = "Dibao standard of the person's own hukou locality and type"
    reference = INTERIM_MEASURES_REFERENCE

    def formula(person, period, parameters):
        return dibao_standard_for(
            person, period, person("hukou_locality", period), person("hukou_type", period),
        )
