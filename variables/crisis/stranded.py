"""Help for stranded non-locals by the place of emergency.

国发〔2014〕47号 refers people without local hukou or a residence permit to
the county rescue station. From 2020-03-06 (国发明电〔2020〕9号) local
governments help outsiders stranded by traffic controls directly, with
lodging, food, winter clothing and temporary assistance, wherever an
epidemic emergency status is in force; Wuhan did so from its Notice No. 19 of
2020-02-27 while the city was closed. From 2022-10-20 the 2022 notice (§四(三)) rolls out direct help by
the place of emergency nationwide, as a permanent rule.
"""

import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import emergencies, rules
from openfisca_assistance.crisis_enums import EmergencyPlaceRoute
from openfisca_assistance.entities import Person
from openfisca_assistance.money import round_to_fen

CURRENCY = "currency-CNY"
D2014_REFERENCE = "http://english.www.gov.cn/policies/latest_releases/2014/10/24/content_281475001030854.htm"
D1_REFERENCE = "https://tv.chinacourt.org/44049.html"
D2_REFERENCE = "https://m.wwwleb.com/zhengce/gonggongfuwu/2020/03234U0Y2020.html"
WUHAN_19_REFERENCE = "https://www.chinanews.com.cn/gn/2020/02-27/9106649.shtml"
D2022_REFERENCE = (
    "https://github.com/passwordgloo/Comet-law/blob/"
    "21029333550d66c959df6649413f2c4d5138b849/docs/policy/2.2.md"
)
EPIDEMIC_RULE = "epidemic"
PERMANENT_RULE = "permanent"


def _candidates(person, period):
    return person("stranded", period) * person("away_from_hukou_place", period)


def _local_rule_applies(person, period, candidates, in_lockdown):
    rule = rules.local_values(
        person, period, "crisis.emergency_place.local_rule", emergencies.locality_of(person, period, "current_locality"),
        where=candidates, variable="current_locality", default="none", dtype=object, required=False,
    )
    return candidates * in_lockdown * (rule == EPIDEMIC_RULE)


class emergency_place_assistance_in_emergency(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A stranded non-local is in a place under an epidemic emergency status this month"
    reference = (D1_REFERENCE, WUHAN_19_REFERENCE)

    def formula(person, period, parameters):
        candidates = _candidates(person, period)
        if not candidates.any():
            return candidates
        keys = emergencies.locality_of(person, period, "current_locality")
        response = emergencies.active(
            person, period, keys, "public_health_response", where=candidates, variable="current_locality",
        )
        lockdown = emergencies.active(person, period, keys, "lockdown", where=candidates, variable="current_locality")
        return candidates * (response + lockdown)


class emergency_place_assistance_by_local_rule(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The place of emergency's own rule helps the stranded person"
    reference = WUHAN_19_REFERENCE
    documentation = (
        "Wuhan Notice No. 19 (2020-02-27): district governments house and "
        "feed non-locals stranded by the city's closure, so the local rule "
        "applies while a lockdown is in force there."
    )

    def formula(person, period, parameters):
        candidates = _candidates(person, period)
        if not candidates.any():
            return candidates
        lockdown = emergencies.active(
            person, period, emergencies.locality_of(person, period, "current_locality"), "lockdown", where=candidates, variable="current_locality",
        )
        return _local_rule_applies(person, period, candidates, lockdown)


class emergency_place_assistance_eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A stranded non-local is helped directly by the place of emergency"
    reference = (D2014_REFERENCE, D1_REFERENCE, D2_REFERENCE, WUHAN_19_REFERENCE, D2022_REFERENCE)
    documentation = (
        "Stranded, and in a different city from the hukou place. Under the "
        "2020 rule the place must be under an epidemic emergency status in "
        "the month; under the 2022 rule no declaration is needed. Before "
        "either rule (and before a local one), the person is referred to the "
        "county rescue station instead."
    )

    def formula(person, period, parameters):
        candidates = _candidates(person, period)
        rule = rules.national(person, period, "crisis.emergency_place.rule")
        if not candidates.any():
            return candidates
        if rule == PERMANENT_RULE:
            national_rule = candidates
        elif rule == EPIDEMIC_RULE:
            national_rule = candidates * person("emergency_place_assistance_in_emergency", period)
        else:
            national_rule = numpy.zeros(person.count, dtype=bool)
        return national_rule + person("emergency_place_assistance_by_local_rule", period)


class emergency_place_assistance_locality(Variable):
    value_type = str
    entity = Person
    definition_period = MONTH
    label = "Locality of the place of emergency, which handles the stranded person's case"
    reference = (D1_REFERENCE, D2022_REFERENCE)
    documentation = "The locality where the person is this month."

    def formula(person, period, parameters):
        return emergencies.locality_of(person, period, "current_locality")


class emergency_place_assistance_route(Variable):
    value_type = Enum
    possible_values = EmergencyPlaceRoute
    default_value = EmergencyPlaceRoute.not_stranded
    entity = Person
    definition_period = MONTH
    label = "Office that helps the stranded person"
    reference = (D2014_REFERENCE, D1_REFERENCE, WUHAN_19_REFERENCE, D2022_REFERENCE)

    def formula(person, period, parameters):
        stranded_ = person("stranded", period)
        away = person("away_from_hukou_place", period)
        eligible = person("emergency_place_assistance_eligible", period)
        by_local_rule = person("emergency_place_assistance_by_local_rule", period)
        return numpy.select(
            [
                numpy.logical_not(stranded_),
                numpy.logical_not(away),
                eligible * by_local_rule,
                eligible,
            ],
            [
                EmergencyPlaceRoute.not_stranded.index,
                EmergencyPlaceRoute.local_resident.index,
                EmergencyPlaceRoute.district_government.index,
                EmergencyPlaceRoute.emergency_place_township.index,
            ],
            EmergencyPlaceRoute.rescue_station.index,
        )


class emergency_place_assistance_amount(Variable):
    value_type = float
    unit = CURRENCY
    entity = Person
    definition_period = MONTH
    label = "Cash help the place of emergency pays the stranded person in the month"
    reference = (D2_REFERENCE, D1_REFERENCE)
    documentation = (
        "The place of emergency's amount per day times the days stranded. "
        "No national amount exists; a locality without a published amount "
        "is reported as missing it. Lodging, food and clothing are given in "
        "kind besides."
    )

    def formula(person, period, parameters):
        eligible = person("emergency_place_assistance_eligible", period)
        per_day = rules.local_values(
            person, period, "crisis.emergency_place.daily_amount", emergencies.locality_of(person, period, "current_locality"),
            where=eligible, variable="current_locality",
        )
        return numpy.where(eligible, round_to_fen(per_day * person("days_stranded", period)), 0)
