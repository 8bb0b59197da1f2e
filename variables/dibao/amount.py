"""Minimum living allowance amount: the gap times members, floors and category supplements."""

import numpy
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import rules
from openfisca_assistance.entities import Household, Person
from openfisca_assistance.enums import EducationLevel
from openfisca_assistance.money import round_to_fen

CURRENCY = "currency-CNY"
INTERIM_MEASURES_REFERENCE = (
    "https://github.com/LawRefBook/Laws/blob/6ef77b0a407dfcb4285dc149af0a159b09e28aa7/"
    "行政法规/社会救助暂行办法(2019-03-02).md"
)
D5_REFERENCE = (
    "https://github.com/passwordgloo/Comet-law/blob/"
    "21029333550d66c959df6649413f2c4d5138b849/docs/department/1.1.2.md"
)
D8_REFERENCE = (
    "https://github.com/passwordgloo/Comet-law/blob/"
    "21029333550d66c959df6649413f2c4d5138b849/docs/department/1.1.1.md"
)
SUPPLEMENT_GROUPS = (
    "elderly",
    "elderly_senior",
    "minor",
    "preschool_child",
    "student",
    "disability",
    "severe_disability",
    "serious_illness",
)


class dibao_gap_per_member(Variable):
    value_type = float
    unit = CURRENCY
    entity = Household
    definition_period = MONTH
    label = "Dibao standard minus per-capita income"
    reference = (INTERIM_MEASURES_REFERENCE, D5_REFERENCE)

    def formula(household, period, parameters):
        gap = household("dibao_standard", period) - household("dibao_per_capita_income", period)
        return numpy.maximum(gap, 0)


class dibao_payment_per_member(Variable):
    value_type = float
    unit = CURRENCY
    entity = Household
    definition_period = MONTH
    label = "Dibao payment per member before category supplements"
    reference = (INTERIM_MEASURES_REFERENCE, D5_REFERENCE)
    documentation = (
        "The gap, raised to the local payment floor (a share of the standard) "
        "where the locality sets one, for example Nanjing's 20%."
    )

    def formula(household, period, parameters):
        gap = household("dibao_gap_per_member", period)
        floor_rate = rules.local_values(
            household, period, "dibao.payment_floor_rate",
            household("dibao_filing_locality", period), default=0.0, required=False,
        )
        floor = floor_rate * household("dibao_standard", period)
        return numpy.where(gap > 0, numpy.maximum(gap, floor), 0)


def _group_pays(person, period, group, locality, where):
    """Return a boolean per person: does the locality pay a supplement to this group?"""
    amount = rules.local_found(person, period, f"dibao.category_supplement.{group}", locality)
    rate = rules.local_found(person, period, f"dibao.category_supplement_rate.{group}", locality)
    return (amount + rate) * where > 0


def _age_threshold(person, period, family, locality, where):
    """Return the local minimum age of an age group, where the group is paid.

    A locality that pays an age group without publishing its age cannot be
    applied to people of pensionable age or more, so for them the missing
    age is reported; younger people are never in the group.
    """
    candidates = where * (person("age", period) >= rules.national(person, period, "civil.elderly_age"))
    return rules.local_values(person, period, family, locality, where=candidates, default=numpy.inf)


def _supplement_groups(person, period, locality, eligible):
    """Return {group: bool array} of each member's category-supplement groups."""
    age = person("age", period)
    education = person("full_time_education_level", period)
    in_education = (education != EducationLevel.none) * (education != EducationLevel.preschool)
    school_age = rules.national(person, period, "civil.compulsory_school_entry_age")
    elderly_age = _age_threshold(
        person, period, "dibao.category_supplement_elderly_age", locality,
        _group_pays(person, period, "elderly", locality, eligible),
    )
    senior_age = _age_threshold(
        person, period, "dibao.category_supplement_elderly_senior_age", locality,
        _group_pays(person, period, "elderly_senior", locality, eligible),
    )
    minor = person("is_minor", period)
    return {
        "elderly": age >= elderly_age,
        "elderly_senior": age >= senior_age,
        "minor": minor,
        "preschool_child": minor * numpy.logical_not(in_education) * (age < school_age),
        "student": in_education,
        "disability": person("disability_grade", period) > 0,
        "severe_disability": person("is_severely_disabled", period),
        "serious_illness": person("has_serious_illness", period),
    }


class dibao_category_supplement(Variable):
    value_type = float
    unit = CURRENCY
    entity = Person
    definition_period = MONTH
    label = "Category supplement for a member of an eligible dibao household"
    reference = (INTERIM_MEASURES_REFERENCE, D8_REFERENCE)
    documentation = (
        "Local supplements for elderly people, minors, students, disabled and "
        "seriously ill members (Interim Measures Art. 12 para. 2; 2021 "
        "measures Art. 27). Each group pays a local amount or a share of the "
        "standard. Where the locality pays only the highest, additive groups "
        "are still added on top. A higher minors' standard counts here as the "
        "difference from the adult standard."
    )

    def formula(person, period, parameters):
        eligible = person.household("dibao_eligible", period) * person("counts_in_dibao_household", period)
        locality = person.household("dibao_filing_locality", period)
        standard = person.household("dibao_standard", period)
        groups = _supplement_groups(person, period, locality, eligible)

        highest = numpy.zeros(person.count)
        total = numpy.zeros(person.count)
        additive = numpy.zeros(person.count)
        paying_groups = numpy.zeros(person.count)
        for group, member_of_group in groups.items():
            in_group = member_of_group * eligible
            if not in_group.any():
                continue
            amount = rules.local_values(
                person, period, f"dibao.category_supplement.{group}", locality,
                where=in_group, default=0.0, required=False,
            )
            rate = rules.local_values(
                person, period, f"dibao.category_supplement_rate.{group}", locality,
                where=in_group, default=0.0, required=False,
            )
            value = numpy.where(in_group, amount + rate * standard, 0)
            is_additive = rules.local_values(
                person, period, f"dibao.category_supplement_additive.{group}", locality,
                where=in_group, default=False, dtype=bool, required=False,
            )
            additive += numpy.where(is_additive, value, 0)
            paying_groups += (value > 0) * numpy.logical_not(is_additive)
            highest = numpy.maximum(highest, numpy.where(is_additive, 0, value))
            total += numpy.where(is_additive, 0, value)

        # How supplements combine matters only for a member in two or more
        # groups; for them a locality that does not say is reported missing.
        stacking = rules.local_values(
            person, period, "dibao.category_supplement_stacking", locality,
            where=paying_groups > 1, default="sum", dtype=object,
        )
        supplement = numpy.where(stacking == "highest", highest, total) + additive

        minor_standard = rules.local_values(
            person, period, "dibao.minor_standard", locality, where=eligible, default=0.0, required=False,
        )
        has_minor_standard = eligible * (minor_standard > 0)
        minor_max_age = rules.local_values(
            person, period, "dibao.minor_standard_max_age", locality,
            where=has_minor_standard, default=0.0, required=False,
        )
        below_minor_age = person("age", period) < minor_max_age
        minor_uplift = numpy.where(
            has_minor_standard * below_minor_age, numpy.maximum(minor_standard - standard, 0), 0,
        )
        return numpy.where(eligible, supplement + minor_uplift, 0)


class dibao_amount(Variable):
    value_type = float
    unit = CURRENCY
    entity = Household
    definition_period = MONTH
    label = "Monthly minimum living allowance of the household"
    reference = (INTERIM_MEASURES_REFERENCE, D5_REFERENCE, D8_REFERENCE)
    documentation = (
        "Gap method: (standard - per-capita income) x members (2012 measures "
        "Art. 27), raised to the local floor, plus category supplements, "
        "rounded to the fen at the end only."
    )

    def formula(household, period, parameters):
        eligible = household("dibao_eligible", period)
        base = household("dibao_payment_per_member", period) * household("dibao_household_size", period)
        supplements = household.sum(household.members("dibao_category_supplement", period))
        return numpy.where(eligible, round_to_fen(base + supplements), 0)
