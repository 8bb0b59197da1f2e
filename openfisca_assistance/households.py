"""Helpers for household formulas: the applicant and per-member sums."""

from __future__ import annotations

import numpy

from openfisca_assistance.enums import Relationship
from openfisca_assistance.errors import InputError


def applicant_index(household, period) -> numpy.ndarray:
    """Return, for each household, the person index of its applicant.

    A one-person household whose person states no relationship takes that
    person as the applicant. Any other household needs exactly one person
    with `relationship_to_applicant: self`.
    """
    household_ids = household.members_entity_id
    relationships = household.members("relationship_to_applicant", period)
    is_self = relationships == Relationship.self
    counts = numpy.bincount(household_ids, weights=is_self, minlength=household.count)
    sizes = numpy.bincount(household_ids, minlength=household.count)
    lone = (counts == 0) & (sizes == 1)
    bad = (counts != 1) & ~lone
    if bad.any():
        index = int(numpy.flatnonzero(bad)[0])
        household_id = household.ids[index]
        found = int(counts[index])
        raise InputError(
            f"household {household_id!r} has {found} applicants; exactly one "
            "member must have relationship_to_applicant: self",
            location=f"households.{household_id}.members",
            value=found,
            fix="set relationship_to_applicant: self on the one member who applies",
        )
    chosen = is_self | lone[household_ids]
    result = numpy.zeros(household.count, dtype=int)
    result[household_ids[chosen]] = numpy.flatnonzero(chosen)
    return result


def applicant_value(household, period, variable: str) -> numpy.ndarray:
    """Return the applicant's value of a person variable, one per household."""
    values = household.members(variable, period)
    return values[applicant_index(household, period)]


def person_is_applicant(person, period) -> numpy.ndarray:
    """Return a boolean per person: is this person the household's applicant?"""
    household = person.simulation.populations["household"]
    index = applicant_index(household, period)
    flags = numpy.zeros(person.count, dtype=bool)
    flags[index] = True
    return flags
