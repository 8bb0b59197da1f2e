"""The fine for obtaining assistance by fraud, as a range in yuan."""

import numpy
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import rules
from openfisca_assistance.entities import Household
from openfisca_assistance.money import round_to_fen

CURRENCY = "currency-CNY"
INTERIM_MEASURES_REFERENCE = (
    "https://github.com/LawRefBook/Laws/blob/6ef77b0a407dfcb4285dc149af0a159b09e28aa7/"
    "行政法规/社会救助暂行办法(2019-03-02).md"
)


def _fine(household, period, path: str):
    obtained = household("assistance_obtained_by_fraud", period)
    if not (obtained > 0).any():
        return numpy.zeros(household.count)
    return round_to_fen(obtained * rules.national(household, period, path))


class fraud_fine_minimum(Variable):
    value_type = float
    unit = CURRENCY
    entity = Household
    definition_period = MONTH
    label = "Lowest fine the rules allow for assistance obtained by fraud"
    reference = INTERIM_MEASURES_REFERENCE
    documentation = "Interim Measures Art. 68: a fine of 1 to 3 times the amount obtained may be imposed."

    def formula(household, period, parameters):
        return _fine(household, period, "liability.fraud_fine_min_multiple")


class fraud_fine_maximum(Variable):
    value_type = float
    unit = CURRENCY
    entity = Household
    definition_period = MONTH
    label = "Highest fine the rules allow for assistance obtained by fraud"
    reference = INTERIM_MEASURES_REFERENCE
    documentation = "Interim Measures Art. 68: a fine of 1 to 3 times the amount obtained may be imposed."

    def formula(household, period, parameters):
        return _fine(household, period, "liability.fraud_fine_max_multiple")
