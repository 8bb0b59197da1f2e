"""Identity of a person: age, relationship to the applicant, hukou and residence."""

import datetime

import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import ETERNITY, MONTH
from openfisca_core.variables import Variable

from openfisca_assistance.entities import Person
from openfisca_assistance.rules import MONTHS_PER_YEAR
from openfisca_assistance.enums import HukouType, Relationship
from openfisca_assistance.errors import InputError
from openfisca_assistance.households import person_is_applicant


def _month_and_day(dates):
    months = dates.astype("datetime64[M]")
    month_of_year = months.astype(int) % MONTHS_PER_YEAR
    day_of_month = (dates.astype("datetime64[D]") - months.astype("datetime64[D]")).astype(int)
    return month_of_year, day_of_month


class birth_date(Variable):
    value_type = datetime.date
    entity = Person
    definition_period = ETERNITY
    label = "Birth date"
    documentation = "Used to compute age when age is not given."


class age(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = "Age in completed years"
    unit = "year"
    reference = "https://flk.npc.gov.cn/"
    documentation = (
        "Given directly, or computed from birth_date at the first day of the "
        "month. A person with neither is an input error, because every "
        "age-based rule would otherwise read a made-up age."
    )

    def formula(person, period, parameters):
        holder = person.get_holder("birth_date")
        if not holder.get_known_periods():
            raise InputError(
                "age or birth_date is required for every person",
                location="persons.*.age",
                fix="give each person an age in years or a birth_date (YYYY-MM-DD)",
            )
        births = person("birth_date", period).astype("datetime64[D]")
        start = numpy.full(len(births), numpy.datetime64(str(period.start), "D"))
        years = start.astype("datetime64[Y]").astype(int) - births.astype("datetime64[Y]").astype(int)
        start_month, start_day = _month_and_day(start)
        birth_month, birth_day = _month_and_day(births)
        had_birthday = (birth_month < start_month) | (
            (birth_month == start_month) & (birth_day <= start_day)
        )
        return years - numpy.logical_not(had_birthday)


class relationship_to_applicant(Variable):
    value_type = Enum
    possible_values = Relationship
    default_value = Relationship.other
    entity = Person
    definition_period = ETERNITY
    label = "Relationship to the applicant"
    documentation = (
        "Exactly one person per household is the applicant (self). The default, "
        "other, counts the person in no programme's family."
    )


class is_applicant(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Person is the applicant"
    reference = "https://github.com/passwordgloo/Comet-law/blob/21029333550d66c959df6649413f2c4d5138b849/docs/department/1.1.1.md"

    def formula(person, period, parameters):
        return person_is_applicant(person, period)


class hukou_locality(Variable):
    value_type = str
    entity = Person
    definition_period = MONTH
    label = "Locality of the person's hukou"
    documentation = "A locality key such as beijing or chengdu_wuhou. No default: it is required where a rule needs it."


class hukou_type(Variable):
    value_type = Enum
    possible_values = HukouType
    default_value = HukouType.urban
    entity = Person
    definition_period = MONTH
    label = "Urban or rural hukou"
    documentation = "Defaults to urban. It only matters where a locality sets separate urban and rural standards."


class current_locality(Variable):
    value_type = str
    entity = Person
    definition_period = MONTH
    label = "Locality where the person is this month"
    reference = "http://english.www.gov.cn/policies/latest_releases/2014/10/24/content_281475001030854.htm"
    documentation = "Defaults to the hukou locality."

    def formula(person, period, parameters):
        return person("hukou_locality", period)


class has_residence_permit(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Holds a residence permit for the current locality"
    documentation = "Defaults to false."
