"""The office and locality that handle a temporary-assistance case.

国发〔2014〕47号: people with local hukou or a local residence permit apply to
the township or street office where they are; others are helped to apply to
the county rescue station. From the 2022 notice (§四(三)) the place of
emergency handles emergency-type cases directly, whatever the hukou;
expenditure-type cases still follow the full procedure at the hukou or
residence-permit place. Before that, from 2020-03, the epidemic measures
already had the place of emergency help stranded non-locals and non-local
patients directly.
"""

import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import rules
from openfisca_assistance.entities import Household
from openfisca_assistance.enums import TemporaryAssistanceRoute, TemporaryAssistanceType
from openfisca_assistance.households import applicant_value

D2_REFERENCE = "http://english.www.gov.cn/policies/latest_releases/2014/10/24/content_281475001030854.htm"
D2_PANJIN_REFERENCE = "http://mzj.panjin.gov.cn/2019_01/24_16/content-63393.html"
D12_REFERENCE = (
    "https://github.com/passwordgloo/Comet-law/blob/"
    "21029333550d66c959df6649413f2c4d5138b849/docs/policy/2.2.md"
)


class temporary_assistance_route(Variable):
    value_type = Enum
    possible_values = TemporaryAssistanceRoute
    default_value = TemporaryAssistanceRoute.not_applicable
    entity = Household
    definition_period = MONTH
    label = "Office that handles the temporary-assistance case"
    reference = (D2_REFERENCE, D2_PANJIN_REFERENCE, D12_REFERENCE)

    def formula(household, period, parameters):
        case_type = household("temporary_assistance_type", period)
        has_case = case_type != TemporaryAssistanceType.none
        rule = rules.national(household, period, "temporary_assistance.place_rule")
        hukou = applicant_value(household, period, "hukou_locality").astype(str)
        current = applicant_value(household, period, "current_locality").astype(str)
        permit = applicant_value(household, period, "has_residence_permit")
        at_hukou_place = current == hukou
        emergency = case_type == TemporaryAssistanceType.emergency

        route = numpy.full(household.count, TemporaryAssistanceRoute.hukou_township.index)
        if rule != "hukou":
            away_with_permit = numpy.logical_not(at_hukou_place) * permit
            away_without_permit = numpy.logical_not(at_hukou_place) * numpy.logical_not(permit)
            route = numpy.where(away_with_permit, TemporaryAssistanceRoute.residence_permit_township.index, route)
            if rule == "2014":
                route = numpy.where(away_without_permit, TemporaryAssistanceRoute.rescue_station.index, route)
            else:
                route = numpy.where(
                    away_without_permit * emergency,
                    TemporaryAssistanceRoute.emergency_place_township.index,
                    route,
                )
            # From 2020-03 the epidemic measures have the place of emergency help stranded
            # non-locals and non-local patients directly (variables/crisis).
            helped_where_they_are = (
                applicant_value(household, period, "emergency_place_assistance_eligible")
                + household("epidemic_non_local_patient", period) * rules.national(
                    household, period, "crisis.epidemic_temporary_assistance.non_local_patients_at_emergency_place",
                )
            ) > 0
            route = numpy.where(
                away_without_permit * emergency * helped_where_they_are,
                TemporaryAssistanceRoute.emergency_place_township.index,
                route,
            )
        return numpy.where(has_case, route, TemporaryAssistanceRoute.not_applicable.index)


class temporary_assistance_locality(Variable):
    value_type = str
    entity = Household
    definition_period = MONTH
    label = "Locality that handles the temporary-assistance case"
    reference = (D2_REFERENCE, D12_REFERENCE)

    def formula(household, period, parameters):
        route = household("temporary_assistance_route", period)
        hukou = applicant_value(household, period, "hukou_locality").astype(str)
        current = applicant_value(household, period, "current_locality").astype(str)
        at_hukou = (route == TemporaryAssistanceRoute.hukou_township) + (
            route == TemporaryAssistanceRoute.not_applicable
        )
        return numpy.where(at_hukou, hukou, current).astype(object)
