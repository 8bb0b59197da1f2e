"""Target-group formulas that read their lists from a reform's parameters.

The baseline formulas (variables/special_assistance/targets.py) read
`special_assistance.*`; a reform that changes who is a target gives the same
formulas its own lists.
"""

from __future__ import annotations

import numpy

from openfisca_assistance import assistance_groups, rules
from openfisca_assistance.enums import EducationLevel


def _groups(entity, period, path: str) -> list[str]:
    return [str(group) for group in rules.national(entity, period, path)]


def target_groups(path: str):
    """Return a formula listing the groups of the list at `path` a person belongs to."""

    def formula(person, period, parameters, previous):
        return assistance_groups.group_lists(person, period, _groups(person, period, path), path)

    return formula


def in_groups(path: str):
    """Return a formula: the person is in one of the groups of the list at `path`."""

    def formula(person, period, parameters, previous):
        return assistance_groups.in_any_group(person, period, _groups(person, period, path), path)

    return formula


def education(groups_path: str, levels_path: str):
    """Return a formula: a student at a level of `levels_path` in a group of `groups_path`."""

    def formula(person, period, parameters, previous):
        education_level = person("full_time_education_level", period)
        at_level = numpy.zeros(person.count, dtype=bool)
        for level in rules.national(person, period, levels_path):
            at_level = at_level + (education_level == EducationLevel[str(level)])
        if not at_level.any():
            return at_level
        return at_level * assistance_groups.in_any_group(person, period, _groups(person, period, groups_path), groups_path)

    return formula


def housing(path: str):
    """Return a formula: a household in housing difficulty with a member of a group of `path`."""

    def formula(household, period, parameters, previous):
        difficulty = household("in_housing_difficulty", period)
        if not difficulty.any():
            return difficulty
        members = assistance_groups.in_any_group(household.members, period, _groups(household, period, path), path)
        return difficulty * household.any(members)

    return formula


def employment(path: str):
    """Return a formula: an unemployed member with labour capacity of a group of `path`."""

    def formula(person, period, parameters, previous):
        candidates = person("unemployed", period) * person("able_to_work", period)
        if not candidates.any():
            return candidates
        return candidates * assistance_groups.in_any_group(person, period, _groups(person, period, path), path)

    return formula
