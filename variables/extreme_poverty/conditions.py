"""Extreme-poverty support: the three conditions.

A person qualifies who is elderly, a minor or disabled, and meets all three
conditions at once: no labour capacity, no source of livelihood, and no legal
supporter or a supporter unable to support (Interim Measures Art. 14; 2021
identification measures Arts. 4-9).
"""

import numpy
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import rules
from openfisca_assistance.entities import Person
from openfisca_assistance.enums import DisabilityKind
from openfisca_assistance.standards import dibao_standard_for

INTERIM_MEASURES_REFERENCE = (
    "https://github.com/LawRefBook/Laws/blob/6ef77b0a407dfcb4285dc149af0a159b09e28aa7/"
    "行政法规/社会救助暂行办法(2019-03-02).md"
)
D9_REFERENCE = (
    "https://github.com/passwordgloo/Comet-law/blob/"
    "21029333550d66c959df6649413f2c4d5138b849/docs/department/1.2.md"
)
D4_REFERENCE = "http://www.sichuanhong.com/content/202511/1045698.html"
KIND_PARAMETERS = {
    DisabilityKind.physical: "physical",
    DisabilityKind.visual: "visual",
    DisabilityKind.hearing: "hearing",
    DisabilityKind.speech: "speech",
    DisabilityKind.intellectual: "intellectual_or_mental",
    DisabilityKind.mental: "intellectual_or_mental",
    DisabilityKind.multiple: "multiple",
}


class has_qualifying_disability_for_extreme_poverty(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Has a disability that removes labour capacity for extreme-poverty support"
    reference = (D9_REFERENCE, D4_REFERENCE)
    documentation = (
        "From 2021-07-01: grade 1-3 intellectual or mental, grade 1-2 "
        "physical, grade 1 visual (2021 measures Art. 5). From 2016-10-10: "
        "grade 1-2 intellectual or mental, grade 1 physical (2016 measures)."
    )

    def formula(person, period, parameters):
        grade = person("disability_grade", period)
        kind = person("disability_kind", period)
        disabled = grade > 0
        qualifies = numpy.zeros(person.count, dtype=bool)
        if not disabled.any():
            return qualifies
        for kind_value, parameter in KIND_PARAMETERS.items():
            of_kind = disabled * (kind == kind_value)
            if not of_kind.any():
                continue
            max_grade = rules.national(person, period, f"extreme_poverty.disability_max_grade.{parameter}")
            qualifies = qualifies + of_kind * (grade <= max_grade)
        return qualifies


class extreme_poverty_category(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Is elderly, a minor below the age limit, or disabled as the rules define"
    reference = (INTERIM_MEASURES_REFERENCE, D9_REFERENCE)
    documentation = "Minor age limit: under 16 until 2021-06-30, under 18 from 2021-07-01."

    def formula(person, period, parameters):
        age = person("age", period)
        elderly = age >= rules.national(person, period, "extreme_poverty.elderly_age")
        minor = age < rules.national(person, period, "extreme_poverty.minor_age_limit")
        disabled = person("has_qualifying_disability_for_extreme_poverty", period)
        return elderly + minor + disabled


class extreme_poverty_no_labour_capacity(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Has no labour capacity"
    reference = (INTERIM_MEASURES_REFERENCE, D9_REFERENCE)

    def formula(person, period, parameters):
        return person("extreme_poverty_category", period) * numpy.logical_not(person("able_to_work", period))


class extreme_poverty_own_income(Variable):
    value_type = float
    unit = "currency-CNY"
    entity = Person
    definition_period = MONTH
    label = "The person's own countable income for extreme-poverty support"
    reference = D9_REFERENCE
    documentation = (
        "Wages, business, property and transfer income (2021 measures Art. "
        "6). The basic pension, social insurance, preferential-care payments "
        "and old-age allowances are excluded by the caller from other_income."
    )

    def formula(person, period, parameters):
        return numpy.maximum(person("wage_income", period) + person("other_income", period), 0)


class extreme_poverty_no_livelihood(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Has no source of livelihood"
    reference = D9_REFERENCE
    documentation = (
        "Own income below the local dibao standard and own property within "
        "the local extreme-poverty asset rule (2021 measures Arts. 6-7). A "
        "person with assets in a locality that publishes no asset rule "
        "cannot be assessed and is reported as not determined."
    )

    def formula(person, period, parameters):
        # Only people who meet the other two conditions need the local
        # standard and asset rule, so a locality without data does not stop
        # the result for everyone else.
        candidates = (
            person("extreme_poverty_no_labour_capacity", period)
            * person("extreme_poverty_no_able_supporter", period)
        )
        standard = dibao_standard_for(
            person, period, person("hukou_locality", period), person("hukou_type", period), where=candidates,
        )
        income_below = person("extreme_poverty_own_income", period) < standard
        assets = person("own_financial_assets", period)
        has_assets = candidates * (assets > 0)
        limit = rules.local_values(
            person, period, "extreme_poverty.assets.financial_max",
            person("hukou_locality", period), where=has_assets, default=numpy.inf,
        )
        return candidates * income_below * (assets <= numpy.where(has_assets, limit, numpy.inf))


class extreme_poverty_no_able_supporter(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Has no legal supporter, or the supporter is unable to support"
    reference = (INTERIM_MEASURES_REFERENCE, D9_REFERENCE)

    def formula(person, period, parameters):
        return numpy.logical_not(person("has_able_supporter", period))


class extreme_poverty_orphan_choice_excludes(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Chose the orphan allowance, which excludes extreme-poverty support"
    reference = D9_REFERENCE
    documentation = "2021 measures Art. 9: the choice is exclusive from 2021-07-01."

    def formula(person, period, parameters):
        choosing = person("is_orphan_or_unsupported_child", period) * person("chooses_orphan_allowance", period)
        if not choosing.any():
            return choosing
        rules.national(person, period, "extreme_poverty.orphan_choice_excludes")
        return choosing * person("extreme_poverty_category", period)


class extreme_poverty_eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The person is eligible for extreme-poverty support"
    reference = (INTERIM_MEASURES_REFERENCE, D9_REFERENCE)

    def formula(person, period, parameters):
        rules.national(person, period, "baseline.interim_measures_in_force")
        return (
            person("extreme_poverty_no_labour_capacity", period)
            * person("extreme_poverty_no_livelihood", period)
            * person("extreme_poverty_no_able_supporter", period)
            * numpy.logical_not(person("extreme_poverty_orphan_choice_excludes", period))
        )
