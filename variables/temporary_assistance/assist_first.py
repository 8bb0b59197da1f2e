"""Whether temporary assistance must be given first, before the paperwork (先行救助)."""

import numpy
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance.entities import Household

INTERIM_MEASURES_REFERENCE = (
    "https://github.com/LawRefBook/Laws/blob/6ef77b0a407dfcb4285dc149af0a159b09e28aa7/"
    "行政法规/社会救助暂行办法(2019-03-02).md"
)


class temporary_assistance_assist_first(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "Temporary assistance must be given first and the paperwork completed after"
    reference = INTERIM_MEASURES_REFERENCE
    documentation = (
        "The Interim Measures let urgent cases use a simplified procedure "
        "(Art. 48) but set no duty to assist first, so this is false; the "
        "Social Assistance Law reform makes it a duty for urgent, small cases "
        "(Art. 50)."
    )

    def formula(household, period, parameters):
        return numpy.zeros(household.count, dtype=bool)
