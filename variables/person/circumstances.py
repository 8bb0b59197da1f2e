"""A person's health, disability, education and ability to work."""

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import rules
from openfisca_assistance.entities import Person
from openfisca_assistance.enums import DisabilityKind, EducationLevel

D8_REFERENCE = (
    "https://github.com/passwordgloo/Comet-law/blob/"
    "21029333550d66c959df6649413f2c4d5138b849/docs/department/1.1.1.md"
)
LABOUR_LAW_REFERENCE = "https://flk.npc.gov.cn/"


class disability_grade(Variable):
    value_type = int
    default_value = 0
    entity = Person
    definition_period = MONTH
    label = "Disability certificate grade"
    documentation = "0 means no disability; 1 is the most severe grade and 4 the mildest."


class disability_kind(Variable):
    value_type = Enum
    possible_values = DisabilityKind
    default_value = DisabilityKind.none
    entity = Person
    definition_period = MONTH
    label = "Kind of disability on the certificate"


class has_serious_illness(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Has a serious illness recognised locally"


class self_care_activities_unable(Variable):
    value_type = int
    default_value = 0
    entity = Person
    definition_period = MONTH
    label = "Number of the six daily activities the person cannot do"
    documentation = (
        "Eating, dressing, getting in and out of bed, toileting, walking "
        "indoors and bathing; 0 to 6."
    )


class full_time_education_level(Variable):
    value_type = Enum
    possible_values = EducationLevel
    default_value = EducationLevel.none
    entity = Person
    definition_period = MONTH
    label = "Level of full-time education the person attends"


class is_severely_disabled(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Severely disabled for social assistance"
    reference = D8_REFERENCE
    documentation = "Grade 1 or 2, or grade 3 for intellectual or mental disability (2021 review measures, Art. 8 (1))."

    def formula(person, period, parameters):
        grade = person("disability_grade", period)
        kind = person("disability_kind", period)
        intellectual_or_mental = (kind == DisabilityKind.intellectual) + (kind == DisabilityKind.mental)
        max_grade = rules.national(person, period, "disability.severe_max_grade")
        max_grade_im = rules.national(person, period, "disability.severe_max_grade_intellectual_or_mental")
        limit = intellectual_or_mental * max_grade_im + (1 - intellectual_or_mental) * max_grade
        return (grade > 0) * (grade <= limit)


class is_minor(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Younger than the age of majority"
    reference = "https://flk.npc.gov.cn/"

    def formula(person, period, parameters):
        return person("age", period) < rules.national(person, period, "civil.age_of_majority")


class able_to_work(Variable):
    value_type = bool
    # Used only where a situation gives the value for some people and not
    # others: OpenFisca then fills the others with this default.
    default_value = True
    entity = Person
    definition_period = MONTH
    label = "Has labour capacity"
    reference = LABOUR_LAW_REFERENCE
    documentation = (
        "Given by the caseworker, or by default true for people of working age "
        "(16 to 59) without a disability that the extreme-poverty rules treat "
        "as removing labour capacity. The default never grants support on "
        "facts the situation does not state."
    )

    def formula(person, period, parameters):
        age = person("age", period)
        working_age = (age >= rules.national(person, period, "civil.minimum_working_age")) * (
            age < rules.national(person, period, "extreme_poverty.elderly_age")
        )
        return working_age * (1 - person("has_qualifying_disability_for_extreme_poverty", period))
