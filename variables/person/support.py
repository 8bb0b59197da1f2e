"""A person's legal supporters and the facts that make them unable to support."""

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import rules
from openfisca_assistance.entities import Person
from openfisca_assistance.enums import SupporterInability, SupportMode

D9_REFERENCE = (
    "https://github.com/passwordgloo/Comet-law/blob/"
    "21029333550d66c959df6649413f2c4d5138b849/docs/department/1.2.md"
)


class has_legal_supporter(Variable):
    value_type = bool
    default_value = True
    entity = Person
    definition_period = MONTH
    label = "Has a legal supporter (a person with a legal duty to support)"
    documentation = "Defaults to true, so support is granted only on stated facts."


class supporter_inability(Variable):
    value_type = Enum
    possible_values = SupporterInability
    default_value = SupporterInability.none
    entity = Person
    definition_period = MONTH
    label = "Case in which the legal supporter counts as unable to support"


class has_able_supporter(Variable):
    value_type = bool
    # Used only where a situation gives the value for some people and not
    # others: OpenFisca then fills the others with this default.
    default_value = True
    entity = Person
    definition_period = MONTH
    label = "A legal supporter able to support exists"
    reference = D9_REFERENCE
    documentation = (
        "Given directly, or computed: true unless the person has no legal "
        "supporter or a stated inability case applies (2021 identification "
        "measures, Art. 8). Defaults to true."
    )

    def formula(person, period, parameters):
        has_supporter = person("has_legal_supporter", period)
        inability = person("supporter_inability", period)
        inability_stated = inability != SupporterInability.none
        if inability_stated.any():
            # The list of inability cases is national from 2021-07-01. Before
            # that date the engine does not model it and reports the rule as
            # not modelled.
            rules.national(person, period, "extreme_poverty.supporter.inability_cases_in_force")
        return has_supporter * (1 - inability_stated)


class is_orphan_or_unsupported_child(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Orphan or de-facto unsupported child"


class chooses_orphan_allowance(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Chooses the orphan or unsupported-child allowance"


class holds_rural_collective_rights(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Holds contracted land or rural collective shares"


class relocated_to_town(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Moved to a town under poverty-relief relocation"


class extreme_poverty_support_mode(Variable):
    value_type = Enum
    possible_values = SupportMode
    default_value = SupportMode.dispersed
    entity = Person
    definition_period = MONTH
    label = "Centralised or dispersed extreme-poverty support, as the person chooses"
