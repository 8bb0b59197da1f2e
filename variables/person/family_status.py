"""Facts that decide whether a person counts as a co-residing family member."""

from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance.entities import Person


class lives_with_applicant_long_term(Variable):
    value_type = bool
    default_value = True
    entity = Person
    definition_period = MONTH
    label = "Has lived with the applicant for a long time"
    documentation = "Defaults to true, because the household holds the people who live together."


class unable_to_live_independently(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Adult child who cannot live independently"


class in_prison(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Serving a prison sentence"


class in_compulsory_drug_rehabilitation(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "In compulsory drug rehabilitation"


class declared_missing(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Declared missing by a court"


class clergy_years_apart(Variable):
    value_type = int
    default_value = 0
    entity = Person
    definition_period = MONTH
    label = "Years a member of the clergy has lived apart from the family"


class has_own_household_register(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Has set up a household register of their own"
    documentation = "Used by the 2012 single-person dibao rule."
