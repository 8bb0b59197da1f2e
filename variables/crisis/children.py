"""Children left without guardianship because of the epidemic.

Under 民电〔2020〕19号 (early February 2020) and the work plan
国发明电〔2020〕11号 (2020-03-14), a child whose parents or other carers are
infected, suspected, isolated or doing epidemic-control work, and who has no
other carer, gets temporary care. The township government, street office or
village committee arranges it (an isolated child is cared for at the
isolation or treatment site), and civil affairs takes temporary guardianship
where no one can. The child is brought promptly into temporary assistance,
the support of children in difficulty, and a simplified recognition as an
orphan or de-facto unsupported child.
"""

import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import emergencies, rules
from openfisca_assistance.crisis_enums import ChildCareProvider, UnableToCareReason
from openfisca_assistance.entities import Person
from openfisca_assistance.errors import InputError

D4_REFERENCE = "http://rmlt.com.cn/2020/0223/569571.shtml"
D5_REFERENCE = "http://www.jianbiaoku.com/webarbs/book/163558/4708645.shtml"
ISOLATED_REASONS = (UnableToCareReason.confirmed, UnableToCareReason.suspected, UnableToCareReason.isolated)
COPY_SUFFIX = "__"  # Sweeps and batch checks copy a household with person ids suffixed "__<n>".


def _member_named(name: str, ids: list[str], members) -> list[int]:
    """Return the household members with id `name`, or with `name` plus a copy suffix (`name__3`)."""
    return [member for member in members if ids[member] == name or ids[member].startswith(f"{name}{COPY_SUFFIX}")]


def carer_index(person, period) -> numpy.ndarray:
    """Return, per person, the index of the member named as their carer, or -1 when none is named."""
    names = numpy.asarray(person("carer_id", period)).astype(str)
    ids = [str(person_id) for person_id in person.ids]
    household_of = person.simulation.populations["household"].members_entity_id
    result = numpy.full(person.count, -1)
    for index, name in enumerate(names):
        if not name:
            continue
        members = numpy.flatnonzero(household_of == household_of[index])
        found = [member for member in _member_named(name, ids, members) if member != index]
        if len(found) != 1:
            raise InputError(
                f"carer {name!r} of {ids[index]!r} is not another member of the same household",
                location=f"persons.{ids[index]}.carer_id",
                value=name,
                fix="give the id of the household member who normally cares for the person",
            )
        result[index] = found[0]
    return result


class carer_id(Variable):
    value_type = str
    default_value = ""
    entity = Person
    definition_period = MONTH
    label = "Id of the household member who normally cares for the person"
    documentation = "Empty when no carer is named."


class carer_unavailable_reason(Variable):
    value_type = Enum
    possible_values = UnableToCareReason
    default_value = UnableToCareReason.none
    entity = Person
    definition_period = MONTH
    label = "Why the person's named carer cannot care for them this month"
    reference = (D4_REFERENCE, D5_REFERENCE)

    def formula(person, period, parameters):
        index = carer_index(person, period)
        reasons = person("unable_to_care_reason", period)
        named = index >= 0
        return numpy.where(named, numpy.asarray(reasons)[numpy.maximum(index, 0)], UnableToCareReason.none.index)


class has_other_carer(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Another adult of the household can care for the person"
    reference = D5_REFERENCE
    documentation = (
        "By default: an adult member other than the person and the named "
        "carer who is not a patient, isolated or on epidemic duty. Give it "
        "when that adult cannot care (or someone outside the household can)."
    )

    def formula(person, period, parameters):
        household = person.simulation.populations["household"]
        able_adult = numpy.logical_not(person("is_minor", period)) * (
            person("unable_to_care_reason", period) == UnableToCareReason.none
        )
        able_in_household = household.sum(able_adult)[household.members_entity_id]
        index = carer_index(person, period)
        carer_able = numpy.where(index >= 0, able_adult[numpy.maximum(index, 0)], False)
        others = able_in_household - able_adult - carer_able
        return others > 0


class without_guardianship_in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The rules on children left without guardianship are in force this month"
    reference = (D4_REFERENCE, D5_REFERENCE)
    documentation = "From February 2020 to January 2023 (the end of the epidemic measures)."

    def formula(person, period, parameters):
        in_force = rules.national(person, period, "crisis.children_without_guardianship.in_force")
        return numpy.full(person.count, bool(in_force))


class without_guardianship(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A child left without guardianship because of the epidemic"
    reference = (D4_REFERENCE, D5_REFERENCE)
    documentation = (
        "In force from February 2020 to January 2023: a minor whose named "
        "carer is a patient, isolated, on epidemic duty or died, and who has "
        "no other carer."
    )

    def formula(person, period, parameters):
        in_force = person("without_guardianship_in_force", period)
        if not in_force.any():
            return in_force
        carer_unavailable = person("carer_unavailable_reason", period) != UnableToCareReason.none
        return (
            in_force
            * person("is_minor", period)
            * carer_unavailable
            * numpy.logical_not(person("has_other_carer", period))
        )


class child_care_provider(Variable):
    value_type = Enum
    possible_values = ChildCareProvider
    default_value = ChildCareProvider.not_applicable
    entity = Person
    definition_period = MONTH
    label = "Who gives the child temporary care"
    reference = D5_REFERENCE

    def formula(person, period, parameters):
        without = person("without_guardianship", period)
        own = person("unable_to_care_reason", period)
        child_isolated = sum(own == reason for reason in ISOLATED_REASONS) > 0
        return numpy.select(
            [numpy.logical_not(without), child_isolated],
            [ChildCareProvider.not_applicable.index, ChildCareProvider.isolation_site_care.index],
            ChildCareProvider.township_temporary_care.index,
        )


class without_guardianship_locality(Variable):
    value_type = str
    entity = Person
    definition_period = MONTH
    label = "Locality whose township and village committee arrange the child's care"
    reference = D5_REFERENCE
    documentation = "Where the child is this month."

    def formula(person, period, parameters):
        return emergencies.locality_of(person, period, "current_locality")
