"""The draft Social Assistance Law released for comments in 2020, as far as it is known.

The Ministry of Civil Affairs released the draft (8 chapters, 80 articles)
for comments from 2020-09-07 to 2020-10-07. Its full text could not be read,
so no article numbers are given; what is known comes from the official
summary as reported. The draft was never adopted: the reform applies from
`reforms.social_assistance_law_2020_draft.in_effect` (by default 2020-09-07,
the release date, so that checks from then on can be compared with it).

Provisions encoded (confidence):

- Target groups (B): nine categories, adding low-income families and
  expenditure-type poor families (the dibao-marginal and rigid-expenditure
  hardship families of later rules) to the Interim Measures' groups.
- Extreme-poverty minors (unconfirmed): under 18, in line with the 2020
  national notices; reported as probable, not read in the text.
- Temporary assistance at the place of emergency (unconfirmed): reported as
  expected. An emergency-type case away from the hukou place is handled by
  the township of the place of emergency, whatever the residence permit.

Provisions left out, and why:

- The eleven assistance systems, emergency medical aid as one of them:
  emergency medical aid is not computed, and the other systems are those of
  the Interim Measures.
- Local add-on measures and the participation of social forces: no
  entitlement to compute.
- Legal liability (false certificates, fraud, seizure of resources,
  disruption of assistance work): the categories are reported, the penalty
  amounts are not.
- The clause on declared public emergencies (raise standards, widen
  coverage, simplify procedures, assist first): reported to exist, but its
  text was not found.
- Application at the place of habitual residence for dibao and other
  assistance: reported as expected, with no detail of who may apply.
"""

from __future__ import annotations

import numpy

from openfisca_assistance.enums import TemporaryAssistanceRoute, TemporaryAssistanceType
from openfisca_assistance.households import applicant_value
from openfisca_assistance.reforms import _emergencies, _targets
from openfisca_assistance.reforms._base import AssistanceReform, LeftOut, Provision

DRAFT_URL = "https://kuaihz.com/tid5/tid531_1158491.html"
PREFIX = "reforms.social_assistance_law_2020_draft"


def extreme_poverty_category(person, period, parameters, previous):
    return (previous() + person("is_minor", period)) > 0


def temporary_assistance_route(household, period, parameters, previous):
    base = previous()
    emergency = household("temporary_assistance_type", period) == TemporaryAssistanceType.emergency
    hukou = numpy.asarray(applicant_value(household, period, "hukou_locality")).astype(str)
    away = _emergencies.current_place(household, period) != hukou
    return numpy.where(emergency * away, TemporaryAssistanceRoute.emergency_place_township.index, base)


class social_assistance_law_2020_draft(AssistanceReform):
    name = "Draft Social Assistance Law released for comments in 2020 (as far as its content is known)"
    in_effect = f"{PREFIX}.in_effect"
    provisions = (
        Provision(
            "target_groups", "target categories (article unknown)",
            "Low-income (dibao-marginal) and expenditure-type poor families are social-assistance targets.",
            "B", ("social_assistance_target_groups",), (), DRAFT_URL,
        ),
        Provision(
            "minors", "extreme poverty (article unknown)",
            "Extreme-poverty support covers minors under 18, not only those under 16.",
            "unconfirmed", ("extreme_poverty_category",), ("extreme_poverty",), DRAFT_URL,
        ),
        Provision(
            "place_of_emergency", "temporary assistance (article unknown)",
            "Emergency-type temporary assistance is handled by the place of emergency, whatever the residence permit.",
            "unconfirmed", ("temporary_assistance_route",), ("temporary_assistance",), DRAFT_URL,
        ),
    )
    left_out = (
        LeftOut("assistance systems", "Eleven systems, emergency medical aid among them",
                "emergency medical aid is not computed; the other systems are the Interim Measures' own"),
        LeftOut("local measures, social forces", "Local add-ons and social participation", "no entitlement to compute"),
        LeftOut("legal liability", "False certificates, fraud, seizure of resources, disruption",
                "the categories are reported, the penalty amounts are not"),
        LeftOut("public emergencies", "Powers when a public emergency is declared",
                "reported to exist, but the text was not found"),
        LeftOut("habitual residence", "Applying for dibao where one lives",
                "reported as expected, with no detail of who may apply"),
    )

    def apply(self) -> None:
        self.override(
            "social_assistance_target_groups", _targets.target_groups(f"{PREFIX}.target_groups"),
            reference=DRAFT_URL,
        )
        self.override("extreme_poverty_category", extreme_poverty_category, reference=DRAFT_URL)
        self.override("temporary_assistance_route", temporary_assistance_route, reference=DRAFT_URL)
