"""Extreme-poverty support: the basic living and care allowances."""

import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import rules
from openfisca_assistance.entities import Person
from openfisca_assistance.enums import HukouType, SelfCareLevel, SupportMode
from openfisca_assistance.money import round_to_fen

CURRENCY = "currency-CNY"
INTERIM_MEASURES_REFERENCE = (
    "https://github.com/LawRefBook/Laws/blob/6ef77b0a407dfcb4285dc149af0a159b09e28aa7/"
    "行政法规/社会救助暂行办法(2019-03-02).md"
)
D9_REFERENCE = (
    "https://github.com/passwordgloo/Comet-law/blob/"
    "21029333550d66c959df6649413f2c4d5138b849/docs/department/1.2.md"
)
D3_REFERENCE = "http://english.gov.cn/policies/latest_releases/2016/02/17/content_281475291446584.htm"
CARE_FAMILIES = {
    SelfCareLevel.self_care: "self_care",
    SelfCareLevel.partial_loss: "partial",
    SelfCareLevel.full_loss: "full",
}


class extreme_poverty_self_care_level(Variable):
    value_type = Enum
    possible_values = SelfCareLevel
    default_value = SelfCareLevel.self_care
    entity = Person
    definition_period = MONTH
    label = "Self-care ability assessed on the six daily activities"
    reference = D9_REFERENCE
    documentation = "All six managed: self-care; 1-3 not managed: partial loss; 4 or more: full loss (2021 measures Arts. 20-23)."

    def formula(person, period, parameters):
        unable = person("self_care_activities_unable", period)
        partial = rules.national(person, period, "extreme_poverty.self_care.partial_loss_min_activities")
        full = rules.national(person, period, "extreme_poverty.self_care.full_loss_min_activities")
        return numpy.select(
            [unable >= full, unable >= partial],
            [SelfCareLevel.full_loss.index, SelfCareLevel.partial_loss.index],
            SelfCareLevel.self_care.index,
        )


class extreme_poverty_rural_rate(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Gets the rural extreme-poverty rate"
    reference = D9_REFERENCE
    documentation = (
        "The hukou type; from 2021-07-01 a holder of contracted land or rural "
        "collective shares gets the rural rate and a person relocated to a "
        "town the urban rate (2021 measures Art. 19)."
    )

    def formula(person, period, parameters):
        rural = numpy.asarray(person("hukou_type", period)) == HukouType.rural.index
        if rules.national_or_none(person, period, "extreme_poverty.rural_rate_for_collective_rights"):
            rural = (rural + person("holds_rural_collective_rights", period)) * numpy.logical_not(
                person("relocated_to_town", period),
            )
        return rural > 0


class extreme_poverty_basic_living_allowance(Variable):
    value_type = float
    unit = CURRENCY
    entity = Person
    definition_period = MONTH
    label = "Monthly basic living allowance of a person in extreme poverty"
    reference = (INTERIM_MEASURES_REFERENCE, D3_REFERENCE, D9_REFERENCE)
    documentation = "The local basic living standard for the person's rate (Interim Measures Art. 15)."

    def formula(person, period, parameters):
        eligible = person("extreme_poverty_eligible", period)
        locality = person("hukou_locality", period)
        rural = person("extreme_poverty_rural_rate", period) * eligible
        centralised = person("extreme_poverty_support_mode", period) == SupportMode.centralised
        # A rural person gets the locality's rural standard, or its centralised
        # rural standard where that differs. Where the locality publishes
        # neither, the urban standard applies only if one standard covers both.
        rural_centralised = rules.local_values(
            person, period, "extreme_poverty.rural_basic_living_centralised", locality,
            where=rural * centralised, required=False,
        )
        rural_general = rules.local_values(
            person, period, "extreme_poverty.rural_basic_living", locality, where=rural, required=False,
        )
        rural_value = numpy.where(numpy.isnan(rural_centralised), rural_general, rural_centralised)
        rural_without_value = rural * numpy.isnan(rural_value)
        unified = rules.local_values(
            person, period, "dibao.urban_rural_unified", locality,
            where=rural_without_value, default=False, dtype=bool, required=False,
        )
        if (rural_without_value * numpy.logical_not(unified)).any():
            # Neither a rural standard nor one standard for both: report the
            # rural standard as missing.
            rules.local_values(
                person, period, "extreme_poverty.rural_basic_living", locality,
                where=rural_without_value * numpy.logical_not(unified),
            )
        urban_rate = eligible * (numpy.logical_not(rural) + rural_without_value * unified)
        urban_value = rules.local_values(person, period, "extreme_poverty.basic_living", locality, where=urban_rate)
        amount = numpy.where(urban_rate, urban_value, numpy.where(rural, rural_value, 0))
        return numpy.where(eligible, round_to_fen(amount), 0)


class extreme_poverty_care_allowance(Variable):
    value_type = float
    unit = CURRENCY
    entity = Person
    definition_period = MONTH
    label = "Monthly care allowance of a person in extreme poverty"
    reference = (INTERIM_MEASURES_REFERENCE, D3_REFERENCE, D9_REFERENCE)
    documentation = (
        "The local care standard for the person's self-care level; an "
        "institution's own standard for centralised support where the "
        "locality sets one."
    )

    def formula(person, period, parameters):
        eligible = person("extreme_poverty_eligible", period)
        locality = person("hukou_locality", period)
        level = person("extreme_poverty_self_care_level", period)
        centralised = person("extreme_poverty_support_mode", period) == SupportMode.centralised
        amount = numpy.zeros(person.count)
        for level_value, family in CARE_FAMILIES.items():
            at_level = eligible * (level == level_value)
            if not at_level.any():
                continue
            institution = rules.local_values(
                person, period, f"extreme_poverty.care_centralised.{family}", locality,
                where=at_level * centralised, required=False,
            )
            general = rules.local_values(
                person, period, f"extreme_poverty.care.{family}", locality,
                where=at_level * numpy.logical_not(centralised * numpy.logical_not(numpy.isnan(institution))),
            )
            value = numpy.where(numpy.isnan(institution), general, institution)
            amount = numpy.where(at_level, value, amount)
        return numpy.where(eligible, round_to_fen(amount), 0)
