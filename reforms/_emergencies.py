"""Declared emergencies as the reforms read them.

Built on `openfisca_assistance.emergencies`, which holds the declarations
(the data file and those a situation declares) and records every window a
formula uses, so results show the dates' source and confidence.
"""

from __future__ import annotations

import numpy

from openfisca_assistance import emergencies, localities
from openfisca_assistance.enums import HardshipType
from openfisca_assistance.households import applicant_value


def current_place(household, period) -> numpy.ndarray:
    """Return the applicant's current locality, one per household."""
    return numpy.asarray(applicant_value(household, period, "current_locality")).astype(str)


def affected(household, period) -> numpy.ndarray:
    """Return, per household, whether an emergency where it is affects it.

    Stated directly (`seriously_affected_by_emergency`), or a member is
    stranded where they are (`stranded`, where the rules define it).
    """
    result = numpy.asarray(household("seriously_affected_by_emergency", period), dtype=bool)
    if household.simulation.tax_benefit_system.get_variable("stranded") is not None:
        result = result + household.any(household.members("stranded", period))
    return result > 0


def hardship_case(household, period) -> numpy.ndarray:
    """Return, per household, whether a temporary hardship is stated for the month."""
    return household("temporary_hardship_type", period) != HardshipType.none


def any_kind_active(population, period, keys, kinds, *, where) -> numpy.ndarray:
    """Return, per entity, whether a declaration of one of `kinds` applies to its locality."""
    result = numpy.zeros(len(keys), dtype=bool)
    if not numpy.asarray(where).any():
        return result
    for kind in kinds:
        result = result + emergencies.active(population, period, keys, str(kind), where=where)
    return result > 0


def _province(key: str) -> str | None:
    if key == emergencies.NATIONAL_KEY:
        return None
    return localities.get(key).province


def _provinces_in_force(kind: str, month: str, declared) -> set[str]:
    windows = [*emergencies.declarations(), *declared]
    return {
        province for window in windows
        if window.kind == kind and emergencies.overlaps(window, month)
        for province in [_province(window.locality)] if province is not None
    }


def cross_regional_active(population, period, keys, kinds, min_provinces: int, *, where) -> numpy.ndarray:
    """Return, per entity, whether a cross-regional emergency applies to its locality.

    An emergency of one of `kinds` applies to the locality (its own, its
    city's, its province's or the national declaration), and it is declared
    nationally or in force in at least `min_provinces` provinces that month.
    """
    keys = numpy.asarray(keys).astype(str)
    where = numpy.asarray(where, dtype=bool)
    result = numpy.zeros(len(keys), dtype=bool)
    if not where.any():
        return result
    month = str(period.start)[:7]
    declared = emergencies.declared_for(population, period)
    for kind in (str(kind) for kind in kinds):
        provinces = _provinces_in_force(kind, month, declared)
        for index, status in enumerate(emergencies.statuses(population, period, keys, kind, where=where)):
            if status is None or not status.active:
                continue
            national = status.source_locality == emergencies.NATIONAL_KEY
            if national or len(provinces) >= min_provinces:
                result[index] = True
    return result
