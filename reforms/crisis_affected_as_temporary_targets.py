"""Option: people in need in a declared cross-regional emergency are emergency temporary-assistance targets.

A policy option from the literature on cross-regional crises: people in need
because of an emergency that spans regions are helped where they are, as
emergency-type temporary-assistance cases, whatever their hukou or residence
permit. In 2020 the Ministry of Civil Affairs ordered this for
people who fell ill with COVID-19 away from their hukou place; the option
makes it the rule for every declared cross-regional emergency. It is not a
rule in force: it applies from `reforms.crisis_affected_as_temporary_targets.in_effect`
(by default from the start of the baseline, so that any month can be compared).

Provisions encoded (confidence):

- Cross-regional emergency (inferred): a declaration of one of
  `emergency_kinds` applies where the household is (its own, its city's, its
  province's or the national one), and it is declared nationally or in force
  in at least `min_provinces` provinces that month (Emergency Response Law
  Art. 18: emergencies involving two or more administrative regions).
- Targets (inferred): a household seriously affected by such an emergency,
  or with a member stranded in it, with a stated hardship, is an
  emergency-type case, so the expenditure-type income ceiling does not apply.
- Place (inferred): such a case away from the hukou place is handled by the
  township or street office of the place of emergency, whatever the residence
  permit, also before the 2022 national roll-out of help by the place of
  emergency.

Provisions left out, and why:

- Amounts: the option does not say them, so the locality's temporary
  assistance ranges apply.
- People in need who state no hardship: the engine pays temporary assistance
  against a stated expenditure or loss, so they are not computed.
- A temporary-assistance type a caseworker gives directly is kept.
"""

from __future__ import annotations

import numpy

from openfisca_assistance import rules
from openfisca_assistance.enums import TemporaryAssistanceRoute, TemporaryAssistanceType
from openfisca_assistance.households import applicant_value
from openfisca_assistance.reforms import _emergencies
from openfisca_assistance.reforms._base import AssistanceReform, LeftOut, Provision

PREFIX = "reforms.crisis_affected_as_temporary_targets"
EMERGENCY_RESPONSE_LAW_URL = (
    "https://github.com/qisehong/china-law-db/blob/f31e171ff238494490282bcbe1685eb5c607fb0f/"
    "laws/法律/行政法/中华人民共和国突发事件应对法(2024-06-28).md"
)
MCA_2020_URL = (
    "https://xian.baogaosu.com/xinwen/%25E5%259C%25A8%25E5%25A4%2596%25E5%259C%25B0%25E6%2582%25A3%25E6%2596%25B0"
    "%25E5%259E%258B%25E8%2582%25BA%25E7%2582%258E%25E5%258F%25AF%25E8%258E%25B7%25E4%25B8%25B4%25E6%2597%25B6"
    "%25E6%2595%2591%25E5%258A%25A9/81106340"
)


def in_cross_regional_emergency(household, period) -> numpy.ndarray:
    """Return, per household, whether it is an affected case of a cross-regional emergency where it is."""
    candidates = _emergencies.hardship_case(household, period) * _emergencies.affected(household, period)
    if not candidates.any():
        return candidates
    kinds = rules.national(household, period, f"{PREFIX}.emergency_kinds")
    min_provinces = rules.national(household, period, f"{PREFIX}.min_provinces")
    declared = _emergencies.cross_regional_active(
        household, period, _emergencies.current_place(household, period), kinds, int(min_provinces),
        where=candidates,
    )
    return candidates * declared


def temporary_assistance_type(household, period, parameters, previous):
    base = previous()
    crisis = in_cross_regional_emergency(household, period)
    return numpy.where(crisis, TemporaryAssistanceType.emergency.index, base)


def temporary_assistance_route(household, period, parameters, previous):
    base = previous()
    crisis = in_cross_regional_emergency(household, period)
    if not crisis.any():
        return base
    hukou = numpy.asarray(applicant_value(household, period, "hukou_locality")).astype(str)
    away = _emergencies.current_place(household, period) != hukou
    return numpy.where(crisis * away, TemporaryAssistanceRoute.emergency_place_township.index, base)


class crisis_affected_as_temporary_targets(AssistanceReform):
    name = "Option: people in need in a declared cross-regional emergency are emergency temporary-assistance targets"
    in_effect = f"{PREFIX}.in_effect"
    provisions = (
        Provision(
            "crisis_targets", "option (Emergency Response Law Art. 18)",
            "A household affected by a declared cross-regional emergency where it is, with a stated hardship, "
            "is an emergency-type temporary-assistance case.",
            "inferred", ("temporary_assistance_type",), ("temporary_assistance",), EMERGENCY_RESPONSE_LAW_URL,
        ),
        Provision(
            "crisis_place", "option",
            "Such a case is handled by the place of emergency, whatever the hukou or residence permit.",
            "inferred", ("temporary_assistance_route",), ("temporary_assistance",), MCA_2020_URL,
        ),
    )
    left_out = (
        LeftOut("amounts", "Amounts of the assistance", "the option gives none; the local ranges apply"),
        LeftOut("no stated hardship", "People in need who state no expenditure or loss",
                "temporary assistance is paid against a stated hardship"),
        LeftOut("stated type", "A case type the caseworker gives directly", "the caseworker's classification is kept"),
    )

    def apply(self) -> None:
        self.override("temporary_assistance_type", temporary_assistance_type, reference=EMERGENCY_RESPONSE_LAW_URL)
        self.override(
            "temporary_assistance_route", temporary_assistance_route,
            reference=(MCA_2020_URL, EMERGENCY_RESPONSE_LAW_URL),
        )
