"""Target groups of social assistance and of medical, education, housing and employment assistance.

The engine does not compute amounts for the special-assistance programmes,
whose standards are local; it computes who is a target. Target-group lists are
parameters (`special_assistance.*`), and membership of each group comes from
the programme that recognises it (`openfisca_assistance.assistance_groups`).
"""

import numpy
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import assistance_groups, rules
from openfisca_assistance.entities import Household, Person
from openfisca_assistance.enums import EducationLevel

INTERIM_MEASURES_REFERENCE = (
    "https://github.com/LawRefBook/Laws/blob/6ef77b0a407dfcb4285dc149af0a159b09e28aa7/"
    "行政法规/社会救助暂行办法(2019-03-02).md"
)


def _groups(entity, period, path: str) -> list[str]:
    return list(rules.national(entity, period, path))


class social_assistance_target_groups(Variable):
    value_type = str
    entity = Person
    definition_period = MONTH
    label = "Social-assistance target groups the person belongs to, comma-separated"
    reference = INTERIM_MEASURES_REFERENCE
    documentation = (
        "The groups of special_assistance.target_groups the person is in: "
        "extreme_poverty, dibao, dibao_marginal, rigid_expenditure, "
        "disaster_victim, temporary_hardship, people_adrift."
    )

    def formula(person, period, parameters):
        path = "special_assistance.target_groups"
        return assistance_groups.group_lists(person, period, _groups(person, period, path), path)


class medical_assistance_target(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Can apply for medical assistance as a member of a target group"
    reference = INTERIM_MEASURES_REFERENCE
    documentation = (
        "Members of the groups of special_assistance.medical_target_groups "
        "(Interim Measures Art. 28). NOTE: the 2021 State Council opinion on "
        "serious-illness insurance and assistance is reported to add "
        "dibao-marginal family members; its text could not be read, so it is "
        "not encoded."
    )

    def formula(person, period, parameters):
        path = "special_assistance.medical_target_groups"
        return assistance_groups.in_any_group(person, period, _groups(person, period, path), path)


class education_assistance_target(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Receives education assistance as a student in a target group"
    reference = INTERIM_MEASURES_REFERENCE
    documentation = (
        "A member of the groups of special_assistance.education_target_groups "
        "in full-time education at a level of special_assistance.education_levels "
        "(Interim Measures Art. 33); the application goes through the school."
    )

    def formula(person, period, parameters):
        levels = list(rules.national(person, period, "special_assistance.education_levels"))
        education = person("full_time_education_level", period)
        at_level = numpy.zeros(person.count, dtype=bool)
        for level in levels:
            at_level = at_level + (education == EducationLevel[str(level)])
        if not at_level.any():
            return at_level
        path = "special_assistance.education_target_groups"
        return at_level * assistance_groups.in_any_group(person, period, _groups(person, period, path), path)


class housing_assistance_target(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "Receives housing assistance as a target group in housing difficulty"
    reference = INTERIM_MEASURES_REFERENCE
    documentation = (
        "A household in housing difficulty with a member of the groups of "
        "special_assistance.housing_target_groups (Interim Measures Arts. "
        "37-40): public rental housing, a rent subsidy or rural house renovation."
    )

    def formula(household, period, parameters):
        difficulty = household("in_housing_difficulty", period)
        if not difficulty.any():
            return difficulty
        path = "special_assistance.housing_target_groups"
        members = assistance_groups.in_any_group(household.members, period, _groups(household, period, path), path)
        return difficulty * household.any(members)


class employment_assistance_target(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Receives employment assistance as an unemployed member of a target group"
    reference = INTERIM_MEASURES_REFERENCE
    documentation = (
        "An unemployed member with labour capacity of the groups of "
        "special_assistance.employment_target_groups (Interim Measures Art. 42)."
    )

    def formula(person, period, parameters):
        candidates = person("unemployed", period) * person("able_to_work", period)
        if not candidates.any():
            return candidates
        path = "special_assistance.employment_target_groups"
        return candidates * assistance_groups.in_any_group(person, period, _groups(person, period, path), path)
