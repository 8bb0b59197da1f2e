"""The Social Assistance Law of the PRC, adopted 2026-04-30, in force from 2026-07-01.

Source: 中华人民共和国社会救助法, text of the national laws and regulations
database (flk.npc.gov.cn), mirror in the public repository qisehong/china-law-db.
The reform replaces the Interim Measures rules listed below from its start
date, `reforms.social_assistance_law_2026.in_effect` (2026-07-01, Art. 78);
a reform file can move it. Before that date every result is the baseline's.

Provisions encoded (article, confidence):

- Art. 16 para. 1 (A): extreme-poverty support covers minors, with no age
  written, so everyone under the age of majority (18), where the Interim
  Measures Art. 14 set the limit at under 16.
- Art. 16 para. 3 (A): a minor supported in extreme poverty who turns 18 while
  in compulsory or senior-secondary education (secondary vocational
  included) stays supported; while in school such a student is treated as
  without labour capacity (inferred).
- Art. 18 para. 2 (A; tier rule inferred): dibao is paid as the gap, or as
  fixed tier amounts where a locality publishes them
  (`reforms.social_assistance_law_2026.dibao_tier_amounts.<locality>`, which no
  locality in the data has); a household gets the smallest tier amount that
  covers its gap per member, and the gap itself above the top tier.
- Arts. 13, 21 para. 1, 22 and 36 (A): the target groups add dibao-marginal and
  rigid-expenditure hardship families, people adrift (the Interim Measures'
  homeless people and beggars) and victims of crime still in hardship after
  judicial aid who meet another group's conditions.
- Arts. 24-27 (A): dibao-marginal and rigid-expenditure hardship families are
  targets of medical, education (from pre-school), housing and employment
  assistance.
- Art. 15 (A): the three tiers; each programme's result names its tier
  (basic living, special or emergency assistance).
- Arts. 28 para. 2, 29 and 35 (A; emergency kinds inferred): social
  assistance in emergencies beyond natural disasters; a household seriously
  affected by an emergency declared where it is (or with a member stranded
  there), with a stated hardship, is an emergency-type temporary-assistance
  case.
- Art. 37 para. 2 (A): temporary assistance is applied for at the township or
  street office of the place of emergency, whatever the hukou, the residence
  permit or the type of case.
- Art. 50 (A; "small" inferred): assist first is mandatory for urgent
  (emergency-type), small cases that need immediate help; "small" is a need
  within the locality's small-amount limit of temporary assistance.
- Art. 34 (A): service-type assistance (care, daily-living and caring
  services) beside cash, listed in what each basic-living programme provides.
- Art. 64 (A): the county's one-window, coordinated-handling mechanism
  receives every application; each result says so.
- Art. 73 (A): the fraud fine is up to 2 times the value obtained (Interim
  Measures Art. 68: 1 to 3 times).

Provisions left out, and why:

- Art. 19 (provincial guidance standards as a floor): no province in the data
  publishes a guidance standard.
- Art. 21 para. 2 (other members "in real special difficulty" of marginal
  families joining dibao) and Art. 33 (provincial additions): the province
  defines them, and no province in the data does.
- Art. 24 paras. 2-3 (premium subsidy, out-of-pocket subsidy): the engine
  does not compute medical-assistance amounts, whose standards are local.
- Arts. 30 and 51 (emergency medical aid): no input describes emergency
  treatment.
- Arts. 31 and 52 (services for people adrift; where they apply): people adrift
  are a target group here, but the engine computes no programme for them.
- Art. 32 (price subsidies): the baseline price-linkage rules already apply.
- Art. 37 para. 1 (residence-permit holders applying where they live): "may",
  where the locality has the conditions; no locality in the data says so.
- Arts. 39-48, 53, 62 (active discovery, checks, confirmation by the township,
  publicity, hearings), Arts. 54-59 (social forces), Arts. 70-72, 74-77
  (other liability): procedure and duties, not entitlements.
"""

from __future__ import annotations

import numpy
from openfisca_assistance import rules
from openfisca_assistance.enums import EducationLevel, TemporaryAssistanceRoute, TemporaryAssistanceType
from openfisca_assistance.households import applicant_value
from openfisca_assistance.reforms import _emergencies, _targets
from openfisca_assistance.reforms._base import AssistanceReform, LeftOut, ProgrammeNote, Provision

LAW_URL = (
    "https://github.com/qisehong/china-law-db/blob/f31e171ff238494490282bcbe1685eb5c607fb0f/"
    "laws/法律/社会法/中华人民共和国社会救助法(2026-04-30).md"
)
LAW = "中华人民共和国社会救助法 (Social Assistance Law)"
PREFIX = "reforms.social_assistance_law_2026"


def _basis(article: str) -> dict[str, str]:
    return {"document": LAW, "article": article, "url": LAW_URL}


def _continuing_student(person, period):
    """Return, per person, whether support continues past 18 for school (Art. 16 para. 3)."""
    adult = person("age", period) >= rules.national(person, period, "civil.age_of_majority")
    supported = person("supported_as_extreme_poverty_minor", period)
    candidates = adult * supported
    if not candidates.any():
        return candidates
    education = person("full_time_education_level", period)
    in_school = numpy.zeros(person.count, dtype=bool)
    for level in rules.national(person, period, f"{PREFIX}.schooling_continuation_levels"):
        in_school = in_school + (education == EducationLevel[str(level)])
    return candidates * in_school


def extreme_poverty_category(person, period, parameters, previous):
    minor = person("is_minor", period)
    return (previous() + minor + _continuing_student(person, period)) > 0


def extreme_poverty_no_labour_capacity(person, period, parameters, previous):
    return (previous() + _continuing_student(person, period)) > 0


def dibao_payment_per_member(household, period, parameters, previous):
    base = previous()
    family = f"{PREFIX}.dibao_tier_amounts"
    locality = numpy.asarray(household("dibao_filing_locality", period)).astype(str)
    has_tiers = rules.local_found(household, period, family, locality)
    if not has_tiers.any():
        return base
    gap = household("dibao_gap_per_member", period)
    payment = numpy.array(base, dtype=numpy.float64)
    for index in numpy.flatnonzero(has_tiers):
        # A list value cannot go through local_values' array fill, so each
        # household's tiers are looked up (and recorded) one by one.
        tiers = rules._lookup(household, period, family, str(locality[index]))
        if gap[index] <= 0:
            payment[index] = 0
            continue
        covering = [amount for amount in tiers if amount >= gap[index]]
        payment[index] = min(covering) if covering else gap[index]
    return payment


def temporary_assistance_type(household, period, parameters, previous):
    base = previous()
    candidates = _emergencies.hardship_case(household, period) * _emergencies.affected(household, period)
    if not candidates.any():
        return base
    kinds = rules.national(household, period, f"{PREFIX}.emergency_kinds")
    declared = _emergencies.any_kind_active(
        household, period, _emergencies.current_place(household, period), kinds, where=candidates,
    )
    return numpy.where(candidates * declared, TemporaryAssistanceType.emergency.index, base)


def temporary_assistance_route(household, period, parameters, previous):
    base = previous()
    has_case = household("temporary_assistance_type", period) != TemporaryAssistanceType.none
    hukou = numpy.asarray(applicant_value(household, period, "hukou_locality")).astype(str)
    away = _emergencies.current_place(household, period) != hukou
    return numpy.where(has_case * away, TemporaryAssistanceRoute.emergency_place_township.index, base)


def _fine(path: str):
    def formula(household, period, parameters, previous):
        obtained = household("assistance_obtained_by_fraud", period)
        if not (obtained > 0).any():
            return numpy.zeros(household.count)
        from openfisca_assistance.money import round_to_fen

        return round_to_fen(obtained * rules.national(household, period, path))

    return formula


def temporary_assistance_assist_first(household, period, parameters, previous):
    """Return the Art. 50 duty: an urgent (emergency-type) case whose need is small.

    Small: within the locality's small-amount limit of temporary assistance
    (temporary_assistance.small_amount_months times the handling locality's
    standard); without a published limit no case counts as small.
    """
    result = numpy.zeros(household.count, dtype=bool)
    urgent = household("temporary_assistance_type", period) == TemporaryAssistanceType.emergency
    need = household("temporary_assistance_need", period)
    candidates = urgent * (need > 0)
    if not candidates.any():
        return result
    months = rules.local_values(
        household, period, "temporary_assistance.small_amount_months",
        household("temporary_assistance_locality", period), where=candidates, default=0.0, required=False,
    )
    limit = months * household("temporary_assistance_standard", period)
    return candidates * (need <= limit)


ONE_WINDOW = {
    "en": "the county's one-window, coordinated-handling mechanism receives the application and passes it to "
          "every department concerned (Social Assistance Law Art. 64)",
    "zh": "县级“一门受理、协同办理”机制统一受理并转办申请（《社会救助法》第六十四条）",
}
SERVICES = {
    "en": ("service-type assistance: care, daily-living and caring services as needed (Social Assistance Law Art. 34)",),
    "zh": ("服务类社会救助：根据需要提供照护服务、生活服务、关爱服务（《社会救助法》第三十四条）",),
}
BASIC_LIVING = {"en": "basic living assistance (Social Assistance Law Art. 15)", "zh": "基本生活救助（《社会救助法》第十五条）"}
EMERGENCY = {"en": "emergency assistance (Social Assistance Law Art. 15)", "zh": "急难社会救助（《社会救助法》第十五条）"}
SPECIAL = {"en": "special assistance (Social Assistance Law Art. 15)", "zh": "专项社会救助（《社会救助法》第十五条）"}


class social_assistance_law_2026(AssistanceReform):
    name = "Social Assistance Law (adopted 2026-04-30, in force 2026-07-01) in place of the Interim Measures"
    in_effect = f"{PREFIX}.in_effect"
    provisions = (
        Provision(
            "minors", "Art. 16 para. 1",
            "Extreme-poverty support covers every minor (under 18), not only those under 16.",
            "A", ("extreme_poverty_category",), ("extreme_poverty",), LAW_URL,
        ),
        Provision(
            "schooling_continuation", "Art. 16 para. 3",
            "A minor supported in extreme poverty who turns 18 while in compulsory or senior-secondary "
            "education stays supported, without a labour-capacity test while in school (inferred).",
            "A", ("extreme_poverty_category", "extreme_poverty_no_labour_capacity"), ("extreme_poverty",), LAW_URL,
        ),
        Provision(
            "dibao_tiers", "Art. 18 para. 2",
            "Dibao is the gap, or the smallest local tier amount that covers it where a locality publishes tiers.",
            "inferred", ("dibao_payment_per_member",), ("dibao",), LAW_URL,
        ),
        Provision(
            "target_groups", "Arts. 13, 21, 22, 36",
            "Dibao-marginal and rigid-expenditure hardship families, people adrift and victims of crime after "
            "judicial aid are social-assistance targets.",
            "A", ("social_assistance_target_groups",), (), LAW_URL,
        ),
        Provision(
            "special_assistance_targets", "Arts. 24-27",
            "Dibao-marginal and rigid-expenditure hardship families receive medical, education (from pre-school), "
            "housing and employment assistance.",
            "A",
            ("medical_assistance_target", "education_assistance_target", "housing_assistance_target",
             "employment_assistance_target"),
            (), LAW_URL,
        ),
        Provision(
            "tiers", "Art. 15",
            "Assistance is organised in three tiers: basic living, special and emergency assistance.",
            "A", (),
            ("dibao", "extreme_poverty", "temporary_assistance", "medical_assistance", "education_assistance",
             "housing_assistance", "employment_assistance", "disaster_relief", "people_adrift",
             "emergency_place_assistance", "uninsured_unemployed_assistance", "epidemic_temporary_assistance",
             "covid_treatment", "dibao_exit_suspension", "dibao_gradual_withdrawal"),
            LAW_URL, ("tier",),
        ),
        Provision(
            "emergencies", "Arts. 28 para. 2, 29, 35",
            "In an emergency declared where a household is, its hardship is handled as an emergency-type case.",
            "A", ("temporary_assistance_type",), ("temporary_assistance",), LAW_URL,
        ),
        Provision(
            "place_of_emergency", "Art. 37 para. 2",
            "Temporary assistance is applied for at the place of emergency, whatever the hukou or residence permit.",
            "A", ("temporary_assistance_route",), ("temporary_assistance",), LAW_URL,
        ),
        Provision(
            "assist_first", "Art. 50",
            "Urgent, small temporary-assistance cases shall be assisted first, the paperwork completed after.",
            "inferred", ("temporary_assistance_assist_first",), ("temporary_assistance",), LAW_URL,
        ),
        Provision(
            "services", "Art. 34",
            "Service-type assistance (care, daily-living and caring services) is given beside cash.",
            "A", (), ("dibao", "extreme_poverty"), LAW_URL, ("provides",),
        ),
        Provision(
            "one_window", "Art. 64",
            "A county one-window, coordinated-handling mechanism receives every application.",
            "A", (), ("dibao", "extreme_poverty", "temporary_assistance"), LAW_URL, ("responsible_authority",),
        ),
        Provision(
            "fraud_fine", "Art. 73",
            "The fine for assistance obtained by fraud is up to 2 times its value (Interim Measures: 1 to 3 times).",
            "A", ("fraud_fine_minimum", "fraud_fine_maximum"), (), LAW_URL,
        ),
    )
    left_out = (
        LeftOut("Art. 19", "Provincial guidance standards as a floor for city standards",
                "no province in the data publishes a guidance standard"),
        LeftOut("Arts. 21 para. 2, 33", "Other people in real special difficulty; provincial additions",
                "the province defines them, and no province in the data does"),
        LeftOut("Art. 24 paras. 2-3", "Premium subsidy and out-of-pocket subsidy amounts",
                "medical-assistance amounts are local and not computed"),
        LeftOut("Arts. 30, 51", "Emergency medical aid", "no input describes emergency treatment"),
        LeftOut("Arts. 31, 52", "Services for people adrift and where they apply",
                "no programme for people adrift is computed; they are listed as a target group"),
        LeftOut("Art. 32", "Price subsidies", "the baseline price-linkage rules already apply"),
        LeftOut("Art. 37 para. 1", "Residence-permit holders applying where they live",
                "optional where the locality has the conditions; no locality in the data says so"),
        LeftOut("Arts. 39-48, 53-59, 62, 70-72, 74-77", "Procedure, social forces and other liability",
                "duties and procedure, not entitlements"),
    )
    programme_notes = (
        ProgrammeNote(
            "dibao", tier=BASIC_LIVING, provides=SERVICES, authority_note=ONE_WINDOW,
            legal_basis=(_basis("Arts. 18-21, 37 para. 1"),),
        ),
        ProgrammeNote(
            "extreme_poverty", tier=BASIC_LIVING, provides=SERVICES, authority_note=ONE_WINDOW,
            legal_basis=(_basis("Arts. 16-17, 37 para. 1"),),
        ),
        ProgrammeNote(
            "temporary_assistance", tier=EMERGENCY, authority_note=ONE_WINDOW,
            legal_basis=(_basis("Arts. 29, 35, 37 para. 2, 50"),),
            details=("temporary_assistance_assist_first",),
        ),
        ProgrammeNote("medical_assistance", tier=SPECIAL, legal_basis=(_basis("Art. 24"),)),
        ProgrammeNote("education_assistance", tier=SPECIAL, legal_basis=(_basis("Art. 25"),)),
        ProgrammeNote("housing_assistance", tier=SPECIAL, legal_basis=(_basis("Art. 26"),)),
        ProgrammeNote("employment_assistance", tier=SPECIAL, legal_basis=(_basis("Art. 27"),)),
        ProgrammeNote("disaster_relief", tier=SPECIAL, legal_basis=(_basis("Arts. 28, 49"),)),
        ProgrammeNote("people_adrift", tier=EMERGENCY, legal_basis=(_basis("Arts. 31, 52"),)),
        # The crisis measures' programmes, where the law's tiers place them clearly.
        ProgrammeNote("emergency_place_assistance", tier=EMERGENCY, legal_basis=(_basis("Arts. 29, 37 para. 2"),)),
        ProgrammeNote("uninsured_unemployed_assistance", tier=EMERGENCY, legal_basis=(_basis("Art. 29"),)),
        ProgrammeNote("epidemic_temporary_assistance", tier=EMERGENCY, legal_basis=(_basis("Arts. 29, 50"),)),
        ProgrammeNote("covid_treatment", tier=SPECIAL, legal_basis=(_basis("Art. 24"),)),
        ProgrammeNote("dibao_exit_suspension", tier=BASIC_LIVING, legal_basis=(_basis("Art. 18"),)),
        ProgrammeNote("dibao_gradual_withdrawal", tier=BASIC_LIVING, legal_basis=(_basis("Art. 18"),)),
    )

    def apply(self) -> None:
        self.override("extreme_poverty_category", extreme_poverty_category, reference=LAW_URL)
        self.override("extreme_poverty_no_labour_capacity", extreme_poverty_no_labour_capacity, reference=LAW_URL)
        self.override("dibao_payment_per_member", dibao_payment_per_member, reference=LAW_URL)
        self.override(
            "social_assistance_target_groups", _targets.target_groups(f"{PREFIX}.target_groups"), reference=LAW_URL,
        )
        self.override(
            "medical_assistance_target", _targets.in_groups(f"{PREFIX}.medical_target_groups"), reference=LAW_URL,
        )
        self.override(
            "education_assistance_target",
            _targets.education(f"{PREFIX}.education_target_groups", f"{PREFIX}.education_levels"),
            reference=LAW_URL,
        )
        self.override(
            "housing_assistance_target", _targets.housing(f"{PREFIX}.housing_target_groups"), reference=LAW_URL,
        )
        self.override(
            "employment_assistance_target", _targets.employment(f"{PREFIX}.employment_target_groups"),
            reference=LAW_URL,
        )
        self.override("temporary_assistance_type", temporary_assistance_type, reference=LAW_URL)
        self.override("temporary_assistance_route", temporary_assistance_route, reference=LAW_URL)
        self.override("fraud_fine_minimum", _fine(f"{PREFIX}.fraud_fine_min_multiple"), reference=LAW_URL)
        self.override("fraud_fine_maximum", _fine(f"{PREFIX}.fraud_fine_max_multiple"), reference=LAW_URL)
        self.override("temporary_assistance_assist_first", temporary_assistance_assist_first, reference=LAW_URL)
