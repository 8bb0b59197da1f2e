"""Membership of the social-assistance target groups, per person.

Special assistance (medical, education, housing, employment) is given to
members of groups that other programmes recognise: dibao families, persons
in extreme poverty and, under later rules, dibao-marginal and
rigid-expenditure hardship families. Target-group lists are parameters
(`special_assistance.*.target_groups`), so the rules and reforms that change
them change data, not formulas.

Each group is computed only when a list names it, so a group whose inputs
are missing for a locality does not stop rules that do not use it.
"""

from __future__ import annotations

import numpy

from openfisca_assistance.enums import AssistanceScope, SupportMode

GROUPS = (
    "dibao",
    "extreme_poverty",
    "extreme_poverty_dispersed",
    "dibao_marginal",
    "rigid_expenditure",
    "temporary_hardship",
    "disaster_victim",
    "people_adrift",
    "crime_victim",
)


def _dibao(person, period):
    household_member = person("counts_in_dibao_household", period) * person.household("dibao_eligible", period)
    return (household_member + person("dibao_single_person_eligible", period)) > 0


def _extreme_poverty(person, period):
    return person("extreme_poverty_eligible", period)


def _extreme_poverty_dispersed(person, period):
    dispersed = person("extreme_poverty_support_mode", period) == SupportMode.dispersed
    return person("extreme_poverty_eligible", period) * dispersed


def _family_status(variable):
    def member(person, period):
        counted = person("counts_in_dibao_household", period)
        # Both statuses exclude dibao households, so those need no marginal line
        # or expenditure share, which a locality or month may not have.
        if person.household("dibao_eligible", period).all():
            return numpy.zeros(person.count, dtype=bool)
        return counted * person.household(variable, period)

    return member


def _temporary_hardship(person, period):
    eligible = person.household("temporary_assistance_eligible", period)
    individual = person.household("temporary_assistance_scope", period) == AssistanceScope.individual
    covered = numpy.where(individual, person("is_applicant", period), person("counts_in_dibao_household", period))
    return eligible * covered


def _disaster_victim(person, period):
    return person.household("disaster_relief_eligible", period)


def _people_adrift(person, period):
    return person("adrift_without_means_of_living", period)


MEMBERSHIP = {
    "dibao": _dibao,
    "extreme_poverty": _extreme_poverty,
    "extreme_poverty_dispersed": _extreme_poverty_dispersed,
    "dibao_marginal": _family_status("dibao_marginal_family"),
    "rigid_expenditure": _family_status("rigid_expenditure_family"),
    "temporary_hardship": _temporary_hardship,
    "disaster_victim": _disaster_victim,
    "people_adrift": _people_adrift,
}
# A victim of crime or a civil wrong still in hardship after judicial aid is a
# target when they meet the conditions of another group (Social Assistance
# Law Art. 36), so the group is computed from the others of the same list.
DERIVED = {"crime_victim": "crime_victim_after_judicial_aid"}


def check_groups(groups, path: str) -> list[str]:
    """Return the group keys of a target-group list, raising ValueError for an unknown key."""
    keys = [str(group) for group in groups]
    unknown = [key for key in keys if key not in MEMBERSHIP and key not in DERIVED]
    if unknown:
        raise ValueError(f"{path} names unknown target groups {unknown}; known groups: {list(GROUPS)}")
    return keys


def _members(person, period, keys: list[str]) -> dict[str, numpy.ndarray]:
    members = {
        group: numpy.asarray(MEMBERSHIP[group](person, period), dtype=bool)
        for group in keys if group in MEMBERSHIP
    }
    other = numpy.zeros(person.count, dtype=bool)
    for value in members.values():
        other = other + value
    for group, variable in DERIVED.items():
        if group in keys:
            members[group] = numpy.asarray(person(variable, period), dtype=bool) * (other > 0)
    return members


def in_any_group(person, period, groups, path: str = "target_groups") -> numpy.ndarray:
    """Return, per person, whether the person belongs to at least one of `groups`."""
    result = numpy.zeros(person.count, dtype=bool)
    for value in _members(person, period, check_groups(groups, path)).values():
        result = result + value
    return result > 0


def group_lists(person, period, groups, path: str = "target_groups") -> numpy.ndarray:
    """Return, per person, the comma-separated groups of `groups` the person belongs to."""
    keys = check_groups(groups, path)
    members = _members(person, period, keys)
    return numpy.array(
        [",".join(group for group in keys if members[group][index]) for index in range(person.count)],
        dtype=object,
    )
