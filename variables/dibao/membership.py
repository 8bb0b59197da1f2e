"""Membership of the co-residing family for the minimum living allowance.

Two definitions apply by date: the 2012 review and approval measures (Art. 5)
until 2021-06-30 and the 2021 review and confirmation measures (Art. 7) from
2021-07-01.
"""

import numpy
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import rules
from openfisca_assistance.entities import Household, Person
from openfisca_assistance.enums import EducationLevel, Relationship

D8_REFERENCE = (
    "https://github.com/passwordgloo/Comet-law/blob/"
    "21029333550d66c959df6649413f2c4d5138b849/docs/department/1.1.1.md"
)
D5_REFERENCE = (
    "https://github.com/passwordgloo/Comet-law/blob/"
    "21029333550d66c959df6649413f2c4d5138b849/docs/department/1.1.2.md"
)
STUDENT_LEVELS = (
    EducationLevel.primary,
    EducationLevel.lower_secondary,
    EducationLevel.upper_secondary,
    EducationLevel.secondary_vocational,
    EducationLevel.tertiary,
)


class counts_in_dibao_household(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Counts as a co-residing family member for the minimum living allowance"
    reference = (D8_REFERENCE, D5_REFERENCE)
    documentation = (
        "2021 Art. 7: spouse; minor children; adult children who cannot live "
        "independently, including full-time students up to bachelor level; "
        "others with a legal duty of support who have lived with the applicant "
        "long-term. Excluded: clergy apart 3 years or more, prisoners, people "
        "in compulsory drug rehabilitation, people declared missing. 2012 Art. "
        "5 named parents and minor children, and excluded clergy apart 3 "
        "years or more and prisoners."
    )

    def formula(person, period, parameters):
        definition = rules.national(person, period, "dibao.membership_definition")
        relationship = person("relationship_to_applicant", period)
        applicant = person("is_applicant", period)
        minor = person("is_minor", period)
        co_resident = person("lives_with_applicant_long_term", period)
        dependent_adult_child = person("unable_to_live_independently", period)
        education = person("full_time_education_level", period)
        student = numpy.isin(education, [level.index for level in STUDENT_LEVELS])

        spouse = relationship == Relationship.spouse
        child = relationship == Relationship.child
        parent = relationship == Relationship.parent
        # Siblings, grandparents and grandchildren owe support under civil law
        # in the cases the Civil Code lists. The household contains people who
        # live together, so long-term co-residence decides.
        other_supporting_relative = (
            (relationship == Relationship.sibling)
            + (relationship == Relationship.grandparent)
            + (relationship == Relationship.grandchild)
        )

        clergy_limit = rules.national(person, period, "dibao.clergy_absence_years")
        clergy_apart = person("clergy_years_apart", period) >= clergy_limit
        # Both definitions count adult children in full-time study up to
        # bachelor level (2012 Art. 5 (3); 2021 Art. 7 (3)).
        child_counts = child * (minor + dependent_adult_child + student + co_resident)
        if definition == "2021":
            others_count = (parent + other_supporting_relative) * co_resident
            excluded = (
                person("in_prison", period)
                + person("in_compulsory_drug_rehabilitation", period)
                + person("declared_missing", period)
                + clergy_apart
            )
        else:
            others_count = parent + other_supporting_relative * co_resident
            excluded = person("in_prison", period) + clergy_apart

        member = applicant + spouse + child_counts + others_count
        return (member > 0) * numpy.logical_not(excluded)


class dibao_household_size(Variable):
    value_type = int
    entity = Household
    definition_period = MONTH
    label = "Number of co-residing family members for the minimum living allowance"
    reference = (D8_REFERENCE, D5_REFERENCE)

    def formula(household, period, parameters):
        return household.sum(household.members("counts_in_dibao_household", period))
