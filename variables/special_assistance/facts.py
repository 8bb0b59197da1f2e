"""Facts that special assistance, disaster relief and the reforms read.

Every default is the one that grants nothing on facts the situation does not
state.
"""

from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance.entities import Household, Person

CURRENCY = "currency-CNY"


class unemployed(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Unemployed this month"
    documentation = "Without work and not in full-time education; used for employment assistance."


class adrift_without_means_of_living(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Adrift away from home with no means of living"
    documentation = (
        "A homeless person or beggar with no means of living (Interim Measures "
        "Art. 50), whom the Social Assistance Law calls a person adrift (Art. 31)."
    )


class supported_as_extreme_poverty_minor(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Was supported in extreme poverty as a minor until turning 18"
    documentation = "Used by the Social Assistance Law's continued support for students past 18 (Art. 16 para. 3)."


class in_housing_difficulty(Variable):
    value_type = bool
    default_value = False
    entity = Household
    definition_period = MONTH
    label = "In housing difficulty under the local standard"
    documentation = "The county or higher government sets the housing-difficulty standard (Interim Measures Art. 39)."


class rigid_expenditure(Variable):
    value_type = float
    unit = CURRENCY
    default_value = 0
    entity = Household
    definition_period = MONTH
    label = "Rigid expenditure of the household, monthly average of the last 12 months"
    documentation = (
        "Basic living, medical, education and rehabilitation costs the "
        "household bore in the 12 months before applying, divided by 12 "
        "(2024 rigid-expenditure identification measures, Art. 5)."
    )


class seriously_affected_by_emergency(Variable):
    value_type = bool
    default_value = False
    entity = Household
    definition_period = MONTH
    label = "Basic living seriously affected by a disaster or emergency where the household is"


class assistance_obtained_by_fraud(Variable):
    value_type = float
    unit = CURRENCY
    default_value = 0
    entity = Household
    definition_period = MONTH
    label = "Value of assistance obtained by false statements, concealment or forgery"


class crime_victim_after_judicial_aid(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Victim of a crime or civil wrong still in hardship after judicial aid"
    documentation = "Social Assistance Law Art. 36."
