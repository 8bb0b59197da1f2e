"""Household facts: assets, hardship and the caseworker's property assessment."""

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance.entities import Household
from openfisca_assistance.enums import AssistanceScope, HardshipType, PropertyAssessment

CURRENCY = "currency-CNY"


class financial_assets(Variable):
    value_type = float
    unit = CURRENCY
    default_value = 0
    entity = Household
    definition_period = MONTH
    label = "Financial assets of the household"
    documentation = "Deposits, securities, funds, commercial insurance and similar assets, at market value."


class property_assessment(Variable):
    value_type = Enum
    possible_values = PropertyAssessment
    default_value = PropertyAssessment.not_assessed
    entity = Household
    definition_period = MONTH
    label = "Caseworker's result of the local property test"
    documentation = (
        "When a caseworker has applied the local property rules (homes, "
        "vehicles, business registration), their result is used; otherwise "
        "the engine applies the financial-asset limit where one is published."
    )


class temporary_hardship_type(Variable):
    value_type = Enum
    possible_values = HardshipType
    default_value = HardshipType.none
    entity = Household
    definition_period = MONTH
    label = "Kind of temporary hardship this month"


class hardship_expenditure(Variable):
    value_type = float
    unit = CURRENCY
    default_value = 0
    entity = Household
    definition_period = MONTH
    label = "Expenditure or loss caused by the hardship in the month"


class temporary_assistance_scope(Variable):
    value_type = Enum
    possible_values = AssistanceScope
    default_value = AssistanceScope.household
    entity = Household
    definition_period = MONTH
    label = "Whether temporary assistance is sought for the household or an individual"
