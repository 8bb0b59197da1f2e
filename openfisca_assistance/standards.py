"""The dibao standard for a locality and hukou type, shared by several programmes."""

import numpy

from openfisca_assistance import rules
from openfisca_assistance.enums import HukouType


def dibao_standard_for(population, period, localities, hukou_types, *, where=None):
    """Return the monthly dibao standard for each (locality, hukou type) pair."""
    rules.national(population, period, "baseline.interim_measures_in_force")
    localities = numpy.asarray(localities).astype(str)
    mask = numpy.ones(len(localities), dtype=bool) if where is None else numpy.asarray(where, dtype=bool)
    rural = (numpy.asarray(hukou_types) == HukouType.rural.index) & mask
    urban_standard = rules.local_values(population, period, "dibao.standard", localities, where=mask & ~rural)
    result = numpy.where(mask & ~rural, urban_standard, numpy.nan)
    if rural.any():
        unified = rules.local_values(
            population, period, "dibao.urban_rural_unified", localities,
            where=rural, default=False, dtype=bool, required=False,
        )
        unified_standard = rules.local_values(population, period, "dibao.standard", localities, where=rural & unified)
        rural_standard = rules.local_values(population, period, "dibao.rural_standard", localities, where=rural & ~unified)
        result = numpy.where(rural & unified, unified_standard, result)
        result = numpy.where(rural & ~unified, rural_standard, result)
    return result
