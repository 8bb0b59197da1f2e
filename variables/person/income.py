"""A person's monthly income items and own assets, in yuan."""

from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance.entities import Person

CURRENCY = "currency-CNY"


class wage_income(Variable):
    value_type = float
    unit = CURRENCY
    default_value = 0
    entity = Person
    definition_period = MONTH
    label = "Wage income before employment costs"
    documentation = "Monthly amount averaged over the locality's assessment period."


class employment_costs(Variable):
    value_type = float
    unit = CURRENCY
    default_value = 0
    entity = Person
    definition_period = MONTH
    label = "Necessary employment costs"
    documentation = "Transport, training and similar costs of working; deducted from wages from 2021-07-01."


class other_income(Variable):
    value_type = float
    unit = CURRENCY
    default_value = 0
    entity = Person
    definition_period = MONTH
    label = "Other countable income, after exclusions"
    documentation = (
        "Business, property and transfer income that the rules count. Social "
        "assistance payments, preferential-care payments, scholarships and the "
        "other excluded items are left out by the caller."
    )


class income_tax_paid(Variable):
    value_type = float
    unit = CURRENCY
    default_value = 0
    entity = Person
    definition_period = MONTH
    label = "Personal income tax paid"


class social_insurance_contributions(Variable):
    value_type = float
    unit = CURRENCY
    default_value = 0
    entity = Person
    definition_period = MONTH
    label = "Personal social-insurance contributions paid"


class support_paid_to_others(Variable):
    value_type = float
    unit = CURRENCY
    default_value = 0
    entity = Person
    definition_period = MONTH
    label = "Support payments made to people outside the household"


class own_financial_assets(Variable):
    value_type = float
    unit = CURRENCY
    default_value = 0
    entity = Person
    definition_period = MONTH
    label = "Financial assets the person owns"
    documentation = "Used for the extreme-poverty property test."
