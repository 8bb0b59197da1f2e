"""Temporary assistance for patients, isolated families and families of the dead.

国发明电〔2020〕9号 (from 2020-03-06) gives temporary assistance to confirmed
patients who already receive assistance or are registered poor, and it may
be raised case by case. A family in temporary hardship because a member is
isolated or treated gets temporary assistance from the township, street
office or county civil affairs department where it is. Families of people
who died get more. Hubei, Wuhan and other hard-hit areas may entrust village
and residents' committees to assist first and complete the procedure
afterwards. The MCA implementing notice has the place of emergency help
non-local patients.
"""

import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import emergencies, rules
from openfisca_assistance.crisis_enums import CovidStatus, EpidemicAssistanceRoute
from openfisca_assistance.entities import Household, Person
from openfisca_assistance.enums import HukouType
from openfisca_assistance.households import applicant_index
from openfisca_assistance.money import round_to_fen
from openfisca_assistance.standards import dibao_standard_for

CURRENCY = "currency-CNY"
D1_REFERENCE = "https://tv.chinacourt.org/44049.html"
D1_XINHUA_REFERENCE = "http://ld168.com.cn/nc/content/2020-03/11/content_1011538.htm"
D2_REFERENCE = "https://m.wwwleb.com/zhengce/gonggongfuwu/2020/03234U0Y2020.html"


class registered_poor(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Registered as poor (建档立卡) in the poverty-alleviation register"
    reference = D1_REFERENCE


class receives_extreme_poverty_support(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Receives extreme-poverty support this month"
    documentation = "An administrative fact the caseworker states. Defaults to false."


class epidemic_hardship(Variable):
    value_type = bool
    default_value = False
    entity = Household
    definition_period = MONTH
    label = "The family is in temporary hardship because a member is isolated, treated or died"
    reference = D1_REFERENCE
    documentation = "Defaults to false; a hardship expenditure stated for the month counts too."


class is_assistance_recipient(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Receives dibao or extreme-poverty support, or is registered poor"
    reference = D1_REFERENCE

    def formula(person, period, parameters):
        return (
            person("receives_dibao", period)
            + person("receives_extreme_poverty_support", period)
            + person("registered_poor", period)
        )


class epidemic_patient_recipient(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "A member is a confirmed patient who already receives assistance or is registered poor"
    reference = (D1_REFERENCE, D1_XINHUA_REFERENCE)

    def formula(household, period, parameters):
        confirmed = household.members("covid_status", period) == CovidStatus.confirmed
        recipient = household.members("is_assistance_recipient", period)
        return household.any(confirmed * recipient)


class epidemic_affected_member(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "A member is a confirmed or suspected patient, or is isolated"
    reference = D1_REFERENCE

    def formula(household, period, parameters):
        status = household.members("covid_status", period)
        patient = (status == CovidStatus.confirmed) + (status == CovidStatus.suspected)
        return household.any(patient + household.members("isolated", period))


class epidemic_bereaved(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "A member died of the infection"
    reference = D1_REFERENCE

    def formula(household, period, parameters):
        return household.any(household.members("covid_status", period) == CovidStatus.deceased)


class epidemic_temporary_assistance_in_force(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "Epidemic temporary assistance is in force this month"
    reference = (D1_REFERENCE, D2_REFERENCE)
    documentation = "From March 2020 to January 2023 (the end of the epidemic measures)."

    def formula(household, period, parameters):
        in_force = rules.national(household, period, "crisis.epidemic_temporary_assistance.in_force")
        return numpy.full(household.count, bool(in_force))


class epidemic_temporary_assistance_eligible(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "The family is eligible for temporary assistance because of the epidemic"
    reference = (D1_REFERENCE, D1_XINHUA_REFERENCE, D2_REFERENCE)
    documentation = (
        "From March 2020 to January 2023: a confirmed patient who receives "
        "assistance, a family in hardship because a member is a patient or "
        "isolated, or the family of a member who died."
    )

    def formula(household, period, parameters):
        in_force = household("epidemic_temporary_assistance_in_force", period)
        if not in_force.any():
            return in_force
        hardship = household("epidemic_hardship", period) + (household("hardship_expenditure", period) > 0)
        case = (
            household("epidemic_patient_recipient", period)
            + household("epidemic_affected_member", period) * hardship
            + household("epidemic_bereaved", period)
        ) > 0
        return in_force * case


class epidemic_temporary_assistance_case_by_case(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "The amount may be raised above the local range by a case-by-case decision"
    reference = (D1_REFERENCE, D1_XINHUA_REFERENCE)

    def formula(household, period, parameters):
        eligible = household("epidemic_temporary_assistance_eligible", period)
        if not eligible.any():
            return eligible
        uplift = rules.national(household, period, "crisis.epidemic_temporary_assistance.case_by_case_uplift")
        serious = household("epidemic_patient_recipient", period) + household("epidemic_bereaved", period)
        return eligible * serious * uplift


class epidemic_temporary_assistance_locality(Variable):
    value_type = str
    entity = Household
    definition_period = MONTH
    label = "Locality that handles the family's epidemic temporary assistance"
    reference = (D1_REFERENCE, D2_REFERENCE)
    documentation = "Where the applicant is this month: the local township or the place of emergency."

    def formula(household, period, parameters):
        current = emergencies.locality_of(household.members, period, "current_locality")
        return current[applicant_index(household, period)]


class epidemic_non_local_patient(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "A patient of the family is away from their hukou place"
    reference = D2_REFERENCE

    def formula(household, period, parameters):
        status = household.members("covid_status", period)
        patient = (status == CovidStatus.confirmed) + (status == CovidStatus.suspected)
        return household.any(patient * household.members("away_from_hukou_place", period))


class epidemic_temporary_assistance_route(Variable):
    value_type = Enum
    possible_values = EpidemicAssistanceRoute
    default_value = EpidemicAssistanceRoute.not_applicable
    entity = Household
    definition_period = MONTH
    label = "Office that handles the family's epidemic temporary assistance"
    reference = (D1_REFERENCE, D2_REFERENCE)

    def formula(household, period, parameters):
        eligible = household("epidemic_temporary_assistance_eligible", period)
        if not eligible.any():
            return numpy.full(household.count, EpidemicAssistanceRoute.not_applicable.index)
        locality = household("epidemic_temporary_assistance_locality", period)
        hard_hit = emergencies.active(household, period, locality, "hard_hit_area", where=eligible)
        assist_first = hard_hit * rules.national(
            household, period, "crisis.epidemic_temporary_assistance.community_assist_first",
        )
        non_local = household("epidemic_non_local_patient", period) * rules.national(
            household, period, "crisis.epidemic_temporary_assistance.non_local_patients_at_emergency_place",
        )
        return numpy.select(
            [numpy.logical_not(eligible), assist_first, non_local],
            [
                EpidemicAssistanceRoute.not_applicable.index,
                EpidemicAssistanceRoute.community_assist_first.index,
                EpidemicAssistanceRoute.emergency_place_township.index,
            ],
            EpidemicAssistanceRoute.township_or_county.index,
        )


class epidemic_temporary_assistance_assist_first(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "Help is given first and the procedure completed afterwards"
    reference = D1_REFERENCE

    def formula(household, period, parameters):
        route = household("epidemic_temporary_assistance_route", period)
        return route == EpidemicAssistanceRoute.community_assist_first


class epidemic_temporary_assistance_amount(Variable):
    value_type = float
    unit = CURRENCY
    entity = Household
    definition_period = MONTH
    label = "Lowest epidemic temporary assistance of the local emergency-type range"
    reference = (D1_REFERENCE, D2_REFERENCE)
    documentation = (
        "The handling locality's lowest emergency-type amount per member (in "
        "months of its urban dibao standard) times the members covered. A "
        "case-by-case decision may raise it; a locality without a published "
        "range is reported as missing it."
    )

    def formula(household, period, parameters):
        eligible = household("epidemic_temporary_assistance_eligible", period)
        if not eligible.any():
            return numpy.zeros(household.count)
        locality = household("epidemic_temporary_assistance_locality", period)
        months = rules.local_values(
            household, period, "temporary_assistance.emergency.min_months", locality, where=eligible,
        )
        urban = numpy.full(household.count, HukouType.urban.index)
        standard = dibao_standard_for(household, period, locality, urban, where=eligible)
        members = household("temporary_assistance_members", period)
        return numpy.where(eligible, round_to_fen(months * standard * members), 0)
