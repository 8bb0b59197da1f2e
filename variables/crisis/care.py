"""Daily visits and temporary carers for people left without care in the epidemic.

The MCA notice of 2020-03-06 has social workers visit solitary extreme-poverty
people at home at least once a day, and arrange a temporary carer for elderly
people left alone because family members are isolated or fighting the
epidemic. 国发明电〔2020〕9号 requires localities to look after elderly and
disabled people who cannot care for themselves and whose carer is isolated or
treated. Dispersed extreme-poverty people are those supported at home
(Interim Measures Arts. 15 and 19).
"""

import numpy
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import emergencies, rules
from openfisca_assistance.crisis_enums import UnableToCareReason
from openfisca_assistance.entities import Person
from openfisca_assistance.enums import SelfCareLevel, SupportMode

D3_REFERENCE = "https://www.axyjyo.cn/c/2020-03-07/2534416.shtml"
D1_REFERENCE = "https://tv.chinacourt.org/44049.html"
D2_REFERENCE = "https://m.wwwleb.com/zhengce/gonggongfuwu/2020/03234U0Y2020.html"


class lives_alone(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Lives alone"


class epidemic_care_in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Daily visits and temporary carers of the epidemic measures are in force this month"
    reference = (D3_REFERENCE, D1_REFERENCE)
    documentation = "From March 2020 to January 2023 (the end of the epidemic measures)."

    def formula(person, period, parameters):
        in_force = rules.national(person, period, "crisis.extreme_poverty_visits.in_force")
        return numpy.full(person.count, bool(in_force))


class extreme_poverty_daily_visits_eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A dispersed extreme-poverty person living alone is visited daily"
    reference = (D3_REFERENCE, D2_REFERENCE)
    documentation = "From March 2020 to January 2023; extreme-poverty support is the stated status."

    def formula(person, period, parameters):
        in_force = person("epidemic_care_in_force", period)
        if not in_force.any():
            return in_force
        dispersed = person("extreme_poverty_support_mode", period) == SupportMode.dispersed
        return in_force * person("receives_extreme_poverty_support", period) * dispersed * person("lives_alone", period)


class temporary_carer_required(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "An elderly or disabled person who cannot care for themselves needs a temporary carer"
    reference = (D1_REFERENCE, D3_REFERENCE)
    documentation = (
        "From March 2020 to January 2023: the person's named carer is a "
        "patient, isolated, on epidemic duty or died, no other adult of the "
        "household can care, and the person is elderly or disabled and has "
        "lost self-care ability. Children are covered by the rules on "
        "children left without guardianship."
    )

    def formula(person, period, parameters):
        in_force = person("epidemic_care_in_force", period)
        if not in_force.any():
            return in_force
        carer_unavailable = person("carer_unavailable_reason", period) != UnableToCareReason.none
        needs_care = person("extreme_poverty_self_care_level", period) != SelfCareLevel.self_care
        elderly = person("age", period) >= rules.national(person, period, "civil.elderly_age")
        disabled = person("disability_grade", period) > 0
        return (
            in_force
            * carer_unavailable
            * numpy.logical_not(person("has_other_carer", period))
            * needs_care
            * ((elderly + disabled) > 0)
            * numpy.logical_not(person("is_minor", period))
        )


class epidemic_care_eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Gets daily visits or a temporary carer because of the epidemic"
    reference = (D3_REFERENCE, D1_REFERENCE)

    def formula(person, period, parameters):
        return person("extreme_poverty_daily_visits_eligible", period) + person("temporary_carer_required", period)


class epidemic_care_visits_per_day(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = "Minimum visits a day by social workers or the village or residents' committee"
    reference = D3_REFERENCE

    def formula(person, period, parameters):
        eligible = person("epidemic_care_eligible", period)
        if not eligible.any():
            return numpy.zeros(person.count, dtype=int)
        return numpy.where(eligible, rules.national(person, period, "crisis.extreme_poverty_visits.min_visits_per_day"), 0)


class epidemic_care_locality(Variable):
    value_type = str
    entity = Person
    definition_period = MONTH
    label = "Locality whose village or residents' committee visits and arranges care"
    reference = (D3_REFERENCE, D2_REFERENCE)
    documentation = "Where the person is this month."

    def formula(person, period, parameters):
        return emergencies.locality_of(person, period, "current_locality")
