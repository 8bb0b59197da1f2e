"""Price subsidy linked to the CPI (社会救助和保障标准与物价上涨挂钩联动机制).

For payment month M the index of month M-1 is read. The subsidy is paid when
the CPI change on a year earlier reaches the CPI trigger (3.5%; 3.0% for
payments from September 2022 to March 2023) or the food CPI change reaches
6%. Each covered person gets the dibao standard of their rate (urban or
rural) times the rise of the index that triggered, the higher one when both
did (never the sum), times the multiplier (2 for March to June 2020). The
covered groups are dated: orphans and de-facto unsupported children from
March to June 2020 and again from November 2021, unemployment-subsidy
recipients and dibao-marginal people from September 2022 to March 2023.
The amount is rounded to the fen unless the locality's own rule sets whole
yuan.
"""

import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import emergencies, rules
from openfisca_assistance.crisis_enums import PriceSubsidyDepartment, UnemploymentInsuranceStatus
from openfisca_assistance.entities import Person
from openfisca_assistance.enums import HukouType
from openfisca_assistance.money import round_to_fen
from openfisca_assistance.standards import dibao_standard_for

CURRENCY = "currency-CNY"
LIU_XITANG_REFERENCE = "https://www.ddshenbian.com/licai/43862.html"
DOUBLING_REFERENCE = (
    "https://www.tellerreport.com/business/2020-04-08---six-departments--the-monthly-subsidy-standard-"
    "for-monthly-price-increase-is-doubled-.r1r5GzIivI.html"
)
P1553_REFERENCE = (
    "https://www.tellerreport.com/business/2021-11-16-six-departments--newly-added-three-types-of-"
    "special-children-can-receive-price-subsidies.BJQIQkQWOt.html"
)
P2022_REFERENCE = (
    "https://www.tellerreport.com/business/2022-08-31-six-departments--phased-expansion-of-the-"
    "guarantee-scope-of-the-price-subsidy-linkage-mechanism.S1Mepc21i.html"
)
GUILIN_REFERENCE = "http://shbk.net/news/311007.html"
HALF_YUAN = 0.5  # Half-up rounding to whole yuan adds half a yuan before the floor.
INDEX_DECIMALS = 6  # Index inputs are stored as float32; rounding them in float64 restores the stated fraction.
CIVIL_AFFAIRS_GROUPS = ("dibao", "extreme_poverty", "orphan_or_unsupported_child", "hiv_infected_child", "dibao_marginal")
HUMAN_RESOURCES_GROUPS = ("unemployment_insurance_benefit", "unemployment_subsidy")


class receives_unemployment_subsidy(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Receives the unemployment subsidy (失业补助金)"


class receives_preferential_care_pension(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Receives a regular preferential-care pension or subsidy (优抚对象)"


class hiv_infected_child(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "A child infected with HIV"


class price_subsidy_dibao_member(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Receives dibao, as a counted member or alone, for the price subsidy"
    reference = LIU_XITANG_REFERENCE
    documentation = "Enrolled in dibao as stated, or a counted member of a household eligible for dibao, or eligible alone."

    def formula(person, period, parameters):
        in_household = person.household("dibao_eligible", period) * person("counts_in_dibao_household", period)
        return person("receives_dibao", period) + in_household + person("dibao_single_person_eligible", period)


class price_subsidy_extreme_poverty_member(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Receives extreme-poverty support, for the price subsidy"
    reference = LIU_XITANG_REFERENCE

    def formula(person, period, parameters):
        return person("receives_extreme_poverty_support", period) + person("extreme_poverty_eligible", period)


GROUP_MEMBERS = {
    "dibao": lambda person, period: person("price_subsidy_dibao_member", period),
    "extreme_poverty": lambda person, period: person("price_subsidy_extreme_poverty_member", period),
    "unemployment_insurance_benefit": lambda person, period: (
        person("unemployment_insurance_status", period) == UnemploymentInsuranceStatus.receiving_benefit
    ),
    "preferential_care": lambda person, period: person("receives_preferential_care_pension", period),
    "orphan_or_unsupported_child": lambda person, period: person("is_orphan_or_unsupported_child", period),
    "hiv_infected_child": lambda person, period: person("hiv_infected_child", period),
    "unemployment_subsidy": lambda person, period: person("receives_unemployment_subsidy", period),
    "dibao_marginal": lambda person, period: (
        person.household("dibao_marginal_family", period) * person("counts_in_dibao_household", period)
    ),
}


def covered_groups(person, period) -> dict[str, numpy.ndarray]:
    """Return, per group the rules cover this month, which persons belong to it.

    A group's membership is computed only when the rules cover the group, so
    a month before a group's rule exists never needs that rule.
    """
    groups = {}
    for group, members_of in GROUP_MEMBERS.items():
        if rules.national(person, period, f"price_subsidy.covers.{group}"):
            members = numpy.asarray(members_of(person, period), dtype=bool)
            if members.any():
                groups[group] = members
    return groups


class price_subsidy_covered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Belongs to a group the price subsidy covers this month"
    reference = (LIU_XITANG_REFERENCE, DOUBLING_REFERENCE, P1553_REFERENCE, P2022_REFERENCE)

    def formula(person, period, parameters):
        covered = numpy.zeros(person.count, dtype=bool)
        for members in covered_groups(person, period).values():
            covered = covered + members
        return covered


class price_subsidy_department(Variable):
    value_type = Enum
    possible_values = PriceSubsidyDepartment
    default_value = PriceSubsidyDepartment.not_applicable
    entity = Person
    definition_period = MONTH
    label = "Department that pays the person's price subsidy"
    reference = (P1553_REFERENCE, GUILIN_REFERENCE)
    documentation = (
        "Civil affairs for assistance recipients and children; human "
        "resources for unemployment-insurance and unemployment-subsidy "
        "recipients; veterans affairs for preferential-care recipients."
    )

    def formula(person, period, parameters):
        groups = covered_groups(person, period)
        none = numpy.zeros(person.count, dtype=bool)
        civil = sum((groups.get(name, none) for name in CIVIL_AFFAIRS_GROUPS), none)
        labour = sum((groups.get(name, none) for name in HUMAN_RESOURCES_GROUPS), none)
        veterans = groups.get("preferential_care", none)
        return numpy.select(
            [civil, labour, veterans],
            [
                PriceSubsidyDepartment.civil_affairs.index,
                PriceSubsidyDepartment.human_resources.index,
                PriceSubsidyDepartment.veterans_affairs.index,
            ],
            PriceSubsidyDepartment.not_applicable.index,
        )


class price_subsidy_locality(Variable):
    value_type = str
    entity = Person
    definition_period = MONTH
    label = "Locality that pays the price subsidy and whose dibao standard and index apply"
    reference = (P1553_REFERENCE, GUILIN_REFERENCE)
    documentation = (
        "The household's dibao filing locality for dibao and marginal-family "
        "members; the work locality for people covered only through "
        "unemployment benefits; otherwise the hukou locality."
    )

    def formula(person, period, parameters):
        groups = covered_groups(person, period)
        none = numpy.zeros(person.count, dtype=bool)
        household_member = groups.get("dibao", none) + groups.get("dibao_marginal", none)
        department = person("price_subsidy_department", period)
        labour_only = numpy.logical_not(household_member) * (department == PriceSubsidyDepartment.human_resources)
        filing = person.household("dibao_filing_locality", period)
        return numpy.select(
            [household_member, labour_only],
            [filing, emergencies.locality_of(person, period, "work_locality")],
            person("hukou_locality", period),
        ).astype(object)


class price_subsidy_rural_rate(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Gets the price subsidy at the rural rate"
    reference = GUILIN_REFERENCE
    documentation = (
        "Rural dibao and rural extreme-poverty recipients get the rural rate; "
        "everyone else the urban rate (Guilin, 2022)."
    )

    def formula(person, period, parameters):
        groups = covered_groups(person, period)
        none = numpy.zeros(person.count, dtype=bool)
        rural_dibao = groups.get("dibao", none) * person.household("dibao_filing_member_rural", period)
        rural_extreme_poverty = groups.get("extreme_poverty", none) * (
            person("hukou_type", period) == HukouType.rural
        )
        return (rural_dibao + rural_extreme_poverty) > 0


def as_fraction(values) -> numpy.ndarray:
    """Return index values as float64 fractions, with missing values as minus infinity."""
    values = numpy.round(numpy.asarray(values, dtype=numpy.float64), INDEX_DECIMALS)
    return numpy.nan_to_num(values, nan=-numpy.inf)


def _index(person, period, family: str):
    covered = person("price_subsidy_covered", period)
    lag = rules.national(person, period, "price_subsidy.index_lag_months")
    index_month = period.offset(-lag, "month")
    values, used = rules.economic_values(
        person, index_month, family, person("price_subsidy_locality", period), where=covered,
        variable="price_subsidy_locality",
    )
    return values, used


class price_subsidy_cpi_yoy(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "CPI change on a year earlier that the price subsidy of this month reads (index of the previous month)"
    unit = "/1"
    reference = (LIU_XITANG_REFERENCE, P2022_REFERENCE)
    documentation = (
        "The paying locality's series, else its city's, province's or the "
        "national one. Give it to ask what a different index would do."
    )

    def formula(person, period, parameters):
        return _index(person, period, "economy.cpi_yoy")[0]


class price_subsidy_food_cpi_yoy(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "Food CPI change on a year earlier that the price subsidy of this month reads (index of the previous month)"
    unit = "/1"
    reference = (LIU_XITANG_REFERENCE, P2022_REFERENCE)

    def formula(person, period, parameters):
        return _index(person, period, "economy.food_cpi_yoy")[0]


class price_subsidy_index_source(Variable):
    value_type = str
    entity = Person
    definition_period = MONTH
    label = "Locality whose CPI series the price subsidy read"
    reference = LIU_XITANG_REFERENCE

    def formula(person, period, parameters):
        return _index(person, period, "economy.cpi_yoy")[1].astype(object)


class price_subsidy_cpi_triggered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The CPI reached the price-subsidy trigger"
    reference = (LIU_XITANG_REFERENCE, P2022_REFERENCE)

    def formula(person, period, parameters):
        covered = person("price_subsidy_covered", period)
        if not covered.any():
            return covered
        trigger = rules.national(person, period, "price_subsidy.cpi_trigger")
        return covered * (as_fraction(person("price_subsidy_cpi_yoy", period)) >= trigger)


class price_subsidy_food_triggered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The food CPI reached the price-subsidy trigger"
    reference = LIU_XITANG_REFERENCE

    def formula(person, period, parameters):
        covered = person("price_subsidy_covered", period)
        if not covered.any():
            return covered
        trigger = rules.national(person, period, "price_subsidy.food_cpi_trigger")
        return covered * (as_fraction(person("price_subsidy_food_cpi_yoy", period)) >= trigger)


class price_subsidy_eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Gets the price subsidy this month"
    reference = (LIU_XITANG_REFERENCE, DOUBLING_REFERENCE, P1553_REFERENCE, P2022_REFERENCE)
    documentation = (
        "Covered, and the CPI or the food CPI of the previous month reached "
        "its trigger. The food index is read only when the CPI did not "
        "trigger, so a missing food index does not hide a CPI trigger."
    )

    def formula(person, period, parameters):
        cpi = person("price_subsidy_cpi_triggered", period)
        covered = person("price_subsidy_covered", period)
        if (cpi == covered).all():
            return cpi
        return cpi + person("price_subsidy_food_triggered", period)


class price_subsidy_index_rise(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "Rise of the index that triggered the price subsidy, the higher one when both did"
    unit = "/1"
    reference = (LIU_XITANG_REFERENCE, GUILIN_REFERENCE)

    def formula(person, period, parameters):
        eligible = person("price_subsidy_eligible", period)
        if not eligible.any():
            return numpy.zeros(person.count)
        cpi = numpy.where(
            person("price_subsidy_cpi_triggered", period), as_fraction(person("price_subsidy_cpi_yoy", period)), 0,
        )
        food = numpy.where(
            person("price_subsidy_food_triggered", period), as_fraction(person("price_subsidy_food_cpi_yoy", period)), 0,
        )
        return numpy.where(eligible, numpy.maximum(cpi, food), 0)


class price_subsidy_base(Variable):
    value_type = float
    unit = CURRENCY
    entity = Person
    definition_period = MONTH
    label = "Dibao standard the price subsidy is computed from"
    reference = (GUILIN_REFERENCE, "https://ddtbk.com/news/8dcc5af79f1803bf62bfa4d118ad2c7d.html")

    def formula(person, period, parameters):
        eligible = person("price_subsidy_eligible", period)
        if not eligible.any():
            return numpy.zeros(person.count)
        rules.national(person, period, "price_subsidy.amount_basis")
        rural = person("price_subsidy_rural_rate", period)
        hukou_types = numpy.where(rural, HukouType.rural.index, HukouType.urban.index)
        standard = dibao_standard_for(person, period, person("price_subsidy_locality", period), hukou_types, where=eligible)
        return numpy.where(eligible, standard, 0)


class price_subsidy_amount(Variable):
    value_type = float
    unit = CURRENCY
    entity = Person
    definition_period = MONTH
    label = "Price subsidy paid to the person for the month"
    reference = (LIU_XITANG_REFERENCE, DOUBLING_REFERENCE, GUILIN_REFERENCE)

    def formula(person, period, parameters):
        eligible = person("price_subsidy_eligible", period)
        if not eligible.any():
            return numpy.zeros(person.count)
        multiplier = rules.national(person, period, "price_subsidy.multiplier")
        rise = as_fraction(person("price_subsidy_index_rise", period))
        raw = person("price_subsidy_base", period) * rise * multiplier
        rounding = rules.local_values(
            person, period, "price_subsidy.rounding", person("price_subsidy_locality", period),
            where=eligible, default="fen", dtype=object, required=False, variable="price_subsidy_locality",
        )
        whole_yuan = numpy.floor(round_to_fen(raw) + HALF_YUAN)
        return numpy.where(eligible, numpy.where(rounding == "yuan", whole_yuan, round_to_fen(raw)), 0)
