"""Option: disaster-victim assistance extends from natural disasters to every declared public emergency.

A policy option from the literature on cross-regional crises: the relief
that people seriously affected by a natural disaster get (emergency relief,
transitional resettlement, living relief; Interim Measures Arts. 20-26) is
given to people seriously affected by any declared public emergency, as the
Emergency Response Law defines emergencies (natural disasters, accidents,
public-health and social-security events, Art. 2). It is not a rule in
force: it applies from `reforms.disaster_relief_extended_to_emergencies.in_effect`
(by default from the start of the baseline, so that any month can be compared).

Provisions encoded (confidence):

- Emergencies covered (inferred): a declaration of any kind in
  `emergency_kinds` (natural-disaster, public-health response, lockdown,
  hard-hit area) where the household is, not only a natural-disaster
  response, makes a seriously affected household a disaster-victim target.

Provisions left out, and why:

- Amounts and stages of relief: the baseline computes none (they are local),
  so the option changes who is a target, not how much is paid.
"""

from __future__ import annotations

import numpy

from openfisca_assistance import rules
from openfisca_assistance.reforms import _emergencies
from openfisca_assistance.reforms._base import AssistanceReform, LeftOut, Provision

PREFIX = "reforms.disaster_relief_extended_to_emergencies"
EMERGENCY_RESPONSE_LAW_URL = (
    "https://github.com/qisehong/china-law-db/blob/f31e171ff238494490282bcbe1685eb5c607fb0f/"
    "laws/法律/行政法/中华人民共和国突发事件应对法(2024-06-28).md"
)


def disaster_relief_emergency_declared(household, period, parameters, previous):
    affected = household("seriously_affected_by_emergency", period)
    if not affected.any():
        return numpy.zeros(household.count, dtype=bool)
    kinds = rules.national(household, period, f"{PREFIX}.emergency_kinds")
    locality = numpy.asarray(household("disaster_relief_locality", period)).astype(str)
    return _emergencies.any_kind_active(household, period, locality, kinds, where=affected)


class disaster_relief_extended_to_emergencies(AssistanceReform):
    name = "Option: disaster-victim assistance for people seriously affected by any declared public emergency"
    in_effect = f"{PREFIX}.in_effect"
    provisions = (
        Provision(
            "emergencies_covered", "option (Emergency Response Law Art. 2)",
            "Every declared public emergency where the household is, not only a natural disaster, makes a "
            "seriously affected household a disaster-victim assistance target.",
            "inferred", ("disaster_relief_emergency_declared", "disaster_relief_eligible"), (),
            EMERGENCY_RESPONSE_LAW_URL,
        ),
    )
    left_out = (
        LeftOut("amounts", "Relief amounts and stages", "they are local and the baseline computes none"),
    )

    def apply(self) -> None:
        self.override(
            "disaster_relief_emergency_declared", disaster_relief_emergency_declared,
            reference=EMERGENCY_RESPONSE_LAW_URL,
        )
