"""Dibao rules of the crisis measures: filing place, exit suspension, withdrawal, disregards.

- Filing place (2021 measures Art. 5): when the co-residing members hold hukou
  in different provinces, a member whose hukou place is where they live files
  there. If no one's is, any member files at their own hukou place.
- Exit suspension (国发明电〔2020〕9号): localities may stop removing people
  from dibao and postpone periodic reviews during the epidemic; Wuhan did so
  from January to June 2020.
- Gradual withdrawal (2021 measures Art. 33; at most 6 months from the 2022
  notice §一(三)): a household whose income passes the standard because a
  member took a job may keep dibao for a transition period.
- Employment-income disregard (Wuhan, 2020): new earnings of recipients who
  returned to work after the epidemic are not counted, then counted at half.
"""

import numpy
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import emergencies, localities, rules
from openfisca_assistance.entities import Household, Person
from openfisca_assistance.errors import InputError
from openfisca_assistance.money import round_to_fen

CURRENCY = "currency-CNY"
D8_REFERENCE = (
    "https://github.com/passwordgloo/Comet-law/blob/"
    "21029333550d66c959df6649413f2c4d5138b849/docs/department/1.1.1.md"
)
D2022_REFERENCE = (
    "https://github.com/passwordgloo/Comet-law/blob/"
    "21029333550d66c959df6649413f2c4d5138b849/docs/policy/2.2.md"
)
D1_REFERENCE = "https://tv.chinacourt.org/44049.html"
WUHAN_2020_REFERENCE = (
    "http://www.tellerreport.com/news/2020-04-19-wuhan-s-urban-and-rural-minimum-living-standard-"
    "was-raised-to-830-yuan-per-month-and-680-yuan-per-month.SyQAmI89_8.html"
)
SPLIT_HUKOU_RULE = "2021"


class files_dibao_application(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "The household chose this member to file its dibao application"
    reference = D8_REFERENCE
    documentation = "At most one member per household. Without a choice the filing rule picks the member."


class is_dibao_filing_member(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The member at whose hukou place the household files for dibao"
    reference = D8_REFERENCE
    documentation = (
        "The member the household chose, if any. Otherwise the applicant, "
        "except from 2021-07-01 when co-residing members hold hukou in "
        "different provinces and the applicant does not live at their hukou "
        "place: then the first member who does (2021 measures Art. 5)."
    )

    def formula(person, period, parameters):
        household = person.simulation.populations["household"]
        household_of = household.members_entity_id
        chosen = person("files_dibao_application", period)
        applicant = person("is_applicant", period)
        rule = rules.national(person, period, "dibao.filing_rule")

        choices = numpy.bincount(household_of, weights=chosen, minlength=household.count)
        if (choices > 1).any():
            index = int(numpy.flatnonzero(choices > 1)[0])
            raise InputError(
                f"household {household.ids[index]!r} chose {int(choices[index])} members to file for dibao",
                location=f"households.{household.ids[index]}.members",
                fix="set files_dibao_application on one member at most",
            )
        result = numpy.where(choices[household_of] > 0, chosen, applicant)
        if rule != SPLIT_HUKOU_RULE:
            return result

        counted = person("counts_in_dibao_household", period)
        hukou = numpy.asarray(person("hukou_locality", period)).astype(str)
        lives_at_hukou = emergencies.same_place(hukou, emergencies.locality_of(person, period, "residence_locality"))
        for index in range(household.count):
            if choices[index] > 0:
                continue
            members = numpy.flatnonzero((household_of == index) * counted)
            provinces = {localities.get(key).province for key in hukou[members] if key}
            if len(provinces) <= 1:
                continue
            applicant_member = numpy.flatnonzero((household_of == index) * applicant)
            if applicant_member.size and lives_at_hukou[applicant_member[0]]:
                continue
            at_home = [member for member in members if hukou[member] and lives_at_hukou[member]]
            if at_home:
                result[household_of == index] = False
                result[at_home[0]] = True
        return result


class dibao_amount_previous_month(Variable):
    value_type = float
    unit = CURRENCY
    default_value = 0
    entity = Household
    definition_period = MONTH
    label = "Dibao the household received last month"
    documentation = "0 for a household that did not receive dibao."


class dibao_exit_suspended(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "The filing locality suspends dibao exits and postpones periodic reviews this month"
    reference = (D1_REFERENCE, WUHAN_2020_REFERENCE)
    documentation = (
        "A local decision under the 2020 notice: from the locality's data "
        "(Wuhan, January to June 2020) or an emergency the situation "
        "declares with dibao_exits_suspended."
    )

    def formula(household, period, parameters):
        locality = household("dibao_filing_locality", period)
        local = rules.local_values(
            household, period, "crisis.dibao_exit_suspended", locality,
            default=False, dtype=bool, required=False,
        )
        return local + emergencies.exits_suspended_by_declaration(household, period, locality)


class dibao_exit_suspension_applies(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "A household on dibao keeps it: no exit on review this month"
    reference = (D1_REFERENCE, WUHAN_2020_REFERENCE)

    def formula(household, period, parameters):
        received = household("dibao_amount_previous_month", period) > 0
        return received * household("dibao_exit_suspended", period)


class income_rise_from_employment(Variable):
    value_type = bool
    default_value = False
    entity = Household
    definition_period = MONTH
    label = "The household's income passed the dibao standard because a member took a job"


class months_since_income_above_standard(Variable):
    value_type = int
    default_value = 0
    entity = Household
    definition_period = MONTH
    label = "Months the household's income has been above the dibao standard, counting this month"
    documentation = "0 while income is below the standard; 1 in the first month above it."


class dibao_gradual_withdrawal_allowed(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "The national rules allow a gradual-withdrawal period this month"
    reference = (D8_REFERENCE, D2022_REFERENCE)
    documentation = "From 2021-07-01 (2021 measures Art. 33)."

    def formula(household, period, parameters):
        allowed = rules.national(household, period, "crisis.gradual_withdrawal.allowed")
        return numpy.full(household.count, bool(allowed))


class dibao_gradual_withdrawal_eligible(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "The household keeps dibao for a gradual-withdrawal period"
    reference = (D8_REFERENCE, D2022_REFERENCE)
    documentation = (
        "From 2021-07-01: a household that received dibao last month and "
        "whose income is above the standard because a member took a job, "
        "within the local period, which from 2022-10-20 is at most 6 months."
    )

    def formula(household, period, parameters):
        allowed = household("dibao_gradual_withdrawal_allowed", period)
        if not allowed.any():
            return allowed
        months = household("months_since_income_above_standard", period)
        candidates = (
            allowed
            * (household("dibao_amount_previous_month", period) > 0)
            * household("income_rise_from_employment", period)
            * (months > 0)
        )
        if not candidates.any():
            return candidates
        national_max = rules.national_or_none(household, period, "crisis.gradual_withdrawal.max_months")
        if national_max is not None:
            candidates = candidates * (months <= national_max)
        local_months = rules.local_values(
            household, period, "crisis.gradual_withdrawal.months", household("dibao_filing_locality", period),
            where=candidates,
        )
        return candidates * (months <= numpy.where(candidates, local_months, 0))


class dibao_gradual_withdrawal_amount(Variable):
    value_type = float
    unit = CURRENCY
    entity = Household
    definition_period = MONTH
    label = "Dibao paid during the gradual-withdrawal period"
    reference = (D8_REFERENCE, D2022_REFERENCE)
    documentation = "Last month's dibao times the locality's payment rate for the period."

    def formula(household, period, parameters):
        eligible = household("dibao_gradual_withdrawal_eligible", period)
        if not eligible.any():
            return numpy.zeros(household.count)
        rate = rules.local_values(
            household, period, "crisis.gradual_withdrawal.payment_rate", household("dibao_filing_locality", period),
            where=eligible,
        )
        previous = household("dibao_amount_previous_month", period)
        return numpy.where(eligible, round_to_fen(previous * rate), 0)


class returned_to_work_after_epidemic(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Went out to work, returned to work or became self-employed after the epidemic"
    reference = WUHAN_2020_REFERENCE


class dibao_employment_income_disregard(Variable):
    value_type = float
    unit = CURRENCY
    entity = Person
    definition_period = MONTH
    label = "Wage income of a recipient who returned to work that the locality does not count"
    reference = WUHAN_2020_REFERENCE
    documentation = (
        "The share the filing locality disregards (Wuhan: all of it from "
        "April to June 2020, half from July to December 2020) of the wages "
        "of dibao recipients who returned to work after the epidemic. The "
        "dibao income test subtracts it from wages."
    )

    def formula(person, period, parameters):
        returned = person("returned_to_work_after_epidemic", period) * person("receives_dibao", period)
        if not returned.any():
            return numpy.zeros(person.count)
        share = rules.local_values(
            person, period, "crisis.employment_income_disregard", person.household("dibao_filing_locality", period),
            where=returned, default=0.0, required=False,
        )
        return numpy.where(returned, round_to_fen(person("wage_income", period) * share), 0)
