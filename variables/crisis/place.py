"""Crisis inputs on where people are, and the emergency status of those places.

Inputs for the work and habitual-residence localities, whether a person is
stranded and for how long, and the emergencies a situation declares. The
status variables read the dated emergency declarations (response levels,
lockdowns, hard-hit areas) for the place where the person is.
"""

import numpy
from openfisca_core.periods import ETERNITY, MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import emergencies
from openfisca_assistance.entities import Household, Person

D1_REFERENCE = "https://tv.chinacourt.org/44049.html"
D2_REFERENCE = "https://m.wwwleb.com/zhengce/gonggongfuwu/2020/03234U0Y2020.html"
D5_REFERENCE = "https://github.com/passwordgloo/Comet-law/blob/21029333550d66c959df6649413f2c4d5138b849/docs/policy/2.2.md"
NHC_REFERENCE = "http://bj.people.com.cn/n2/2020/0121/c233081-33734229.html"


class work_locality(Variable):
    value_type = str
    entity = Person
    definition_period = MONTH
    label = "Locality where the person works or last worked"
    reference = D5_REFERENCE
    documentation = "A locality key. Defaults to the current locality."

    def formula(person, period, parameters):
        return emergencies.locality_of(person, period, "current_locality")


class residence_locality(Variable):
    value_type = str
    entity = Person
    definition_period = MONTH
    label = "Locality of the person's habitual residence"
    reference = D5_REFERENCE
    documentation = (
        "A locality key. Defaults to the current locality; give it for a "
        "person who is away from home this month."
    )

    def formula(person, period, parameters):
        return emergencies.locality_of(person, period, "current_locality")


class stranded(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Stranded: unable to leave or return home because of traffic control or a lockdown"
    reference = D1_REFERENCE
    documentation = "Defaults to false."


class days_stranded(Variable):
    value_type = int
    default_value = 0
    entity = Person
    definition_period = MONTH
    label = "Days the person has been stranded in the month"
    unit = "day"
    documentation = "Used for help paid per day stranded where a locality sets such an amount."


class declared_emergencies(Variable):
    value_type = str
    default_value = ""
    entity = Household
    definition_period = ETERNITY
    label = "Emergencies the situation declares, as a JSON list"
    documentation = (
        "Each item: locality, kind (public_health_response, lockdown, "
        "disaster_response, hard_hit_area), level (1-4 or null), start, end "
        "(YYYY-MM-DD or null) and optionally dibao_exits_suspended. They are "
        "used like the locality's own records, to ask what would follow if "
        "such an emergency happened there."
    )


class away_from_hukou_place(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The person is in a different city from their hukou place"
    reference = "http://english.www.gov.cn/policies/latest_releases/2014/10/24/content_281475001030854.htm"
    documentation = "Districts of one city count as the same place."

    def formula(person, period, parameters):
        hukou = person("hukou_locality", period)
        current = emergencies.locality_of(person, period, "current_locality")
        return numpy.logical_not(emergencies.same_place(hukou, current))


class current_locality_epidemic_emergency(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "An epidemic emergency status (response level or lockdown) applies where the person is"
    reference = (NHC_REFERENCE, D1_REFERENCE)
    documentation = (
        "A public-health response of any level or a lockdown of the current "
        "locality, its city, its province or the whole country, in force on "
        "at least one day of the month, from the declarations data or the "
        "situation."
    )

    def formula(person, period, parameters):
        keys = emergencies.locality_of(person, period, "current_locality")
        response = emergencies.active(person, period, keys, "public_health_response", variable="current_locality")
        lockdown = emergencies.active(person, period, keys, "lockdown", variable="current_locality")
        return response + lockdown


class current_locality_response_level(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = "Highest public-health response level in force where the person is (1 highest; 0 none)"
    reference = NHC_REFERENCE

    def formula(person, period, parameters):
        keys = emergencies.locality_of(person, period, "current_locality")
        return emergencies.level(person, period, keys, "public_health_response", variable="current_locality")


class current_locality_lockdown(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A lockdown or departure control applies where the person is"
    reference = "http://www.yyykp.com/news/shehui/2269262.html"

    def formula(person, period, parameters):
        keys = emergencies.locality_of(person, period, "current_locality")
        return emergencies.active(person, period, keys, "lockdown", variable="current_locality")


class current_locality_hard_hit_area(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The place where the person is counts as a hard-hit area"
    reference = D1_REFERENCE
    documentation = "Hubei and Wuhan from 2020-03-06 in the declarations data, or an area the situation declares."

    def formula(person, period, parameters):
        keys = emergencies.locality_of(person, period, "current_locality")
        return emergencies.active(person, period, keys, "hard_hit_area", variable="current_locality")


class current_locality_disaster_response_level(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = "Highest disaster-response level in force where the person is (1 highest; 0 none)"
    reference = "http://en.people.cn/n3/2021/0721/c90000-9874853.html"

    def formula(person, period, parameters):
        keys = emergencies.locality_of(person, period, "current_locality")
        return emergencies.level(person, period, keys, "disaster_response", variable="current_locality")
