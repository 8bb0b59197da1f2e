"""Medical costs of confirmed and suspected COVID-19 patients.

Costs go through basic medical insurance, serious-illness insurance and
medical assistance in turn, and public finance pays what the patient would
still pay: for confirmed patients from 2020-01-22 (国家医保局 and 财政部
notice, 财社〔2020〕2号), for suspected patients from late January 2020
(supplementary notice). Patients treated outside their insured locality are
treated first and settled later, without the usual cut in reimbursement, and
the insurer of the place of treatment advances the payment (white paper of
2020-06-07). The cover ends with Class-A management on 2023-01-08.
"""

import numpy
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_assistance import emergencies, rules
from openfisca_assistance.crisis_enums import CovidStatus, MedicalSettlement
from openfisca_assistance.entities import Person
from openfisca_assistance.errors import InputError
from openfisca_assistance.money import round_to_fen

CURRENCY = "currency-CNY"
D8_REFERENCE = "http://online.flipbuilder.com/aora/lcwg/files/basic-html/page122.html"
D9_REFERENCE = "http://m.hotsrq.com/politics/2020-01/25/c_1125501874.htm"
D10_REFERENCE = "http://dlxdz.com/cookbookencyclopedia/aixjabfxou.html"
WHITE_PAPER_REFERENCE = "https://jiufanju.com/body/20230603/323748_72.html"
COVERED_STATUSES = {
    CovidStatus.confirmed: "crisis.covid_medical.confirmed_covered",
    CovidStatus.suspected: "crisis.covid_medical.suspected_covered",
    CovidStatus.deceased: "crisis.covid_medical.deceased_covered",
}
PAYMENTS = (
    "medical_paid_by_basic_insurance",
    "medical_paid_by_serious_illness_insurance",
    "medical_paid_by_medical_assistance",
)


class medical_cost_policy_scope(Variable):
    value_type = float
    unit = CURRENCY
    default_value = 0
    entity = Person
    definition_period = MONTH
    label = "Medical costs of the month within the insurance policy scope"
    documentation = "During the epidemic the national COVID-19 treatment protocol items count as within the scope."


class medical_paid_by_basic_insurance(Variable):
    value_type = float
    unit = CURRENCY
    default_value = 0
    entity = Person
    definition_period = MONTH
    label = "Part of the costs paid by basic medical insurance"


class medical_paid_by_serious_illness_insurance(Variable):
    value_type = float
    unit = CURRENCY
    default_value = 0
    entity = Person
    definition_period = MONTH
    label = "Part of the costs paid by serious-illness insurance"


class medical_paid_by_medical_assistance(Variable):
    value_type = float
    unit = CURRENCY
    default_value = 0
    entity = Person
    definition_period = MONTH
    label = "Part of the costs paid by medical assistance"


class medical_insurance_locality(Variable):
    value_type = str
    entity = Person
    definition_period = MONTH
    label = "Locality where the person's basic medical insurance is held"
    reference = D8_REFERENCE
    documentation = "A locality key. Defaults to the hukou locality."

    def formula(person, period, parameters):
        return person("hukou_locality", period)


class treatment_locality(Variable):
    value_type = str
    entity = Person
    definition_period = MONTH
    label = "Locality where the person is treated"
    reference = D8_REFERENCE
    documentation = "A locality key. Defaults to the locality where the person is."

    def formula(person, period, parameters):
        return emergencies.locality_of(person, period, "current_locality")


class covid_treatment_covered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Public finance pays the patient's remaining COVID-19 treatment costs"
    reference = (D8_REFERENCE, D9_REFERENCE, D10_REFERENCE, WHITE_PAPER_REFERENCE)
    documentation = (
        "Confirmed patients from January 2020, suspected patients from "
        "January 2020 (the supplementary notice of about 2020-01-27), and "
        "patients who died of the infection, until January 2023."
    )

    def formula(person, period, parameters):
        status = person("covid_status", period)
        covered = numpy.zeros(person.count, dtype=bool)
        for status_value, path in COVERED_STATUSES.items():
            of_status = status == status_value
            if of_status.any() and rules.national(person, period, path):
                covered = covered + of_status
        return covered


class covid_treatment_residual_cost(Variable):
    value_type = float
    unit = CURRENCY
    entity = Person
    definition_period = MONTH
    label = "Costs left after basic insurance, serious-illness insurance and medical assistance"
    reference = (D8_REFERENCE, D9_REFERENCE)

    def formula(person, period, parameters):
        cost = person("medical_cost_policy_scope", period)
        paid = sum(person(name, period) for name in PAYMENTS)
        over = round_to_fen(paid) > round_to_fen(cost)
        if over.any():
            index = int(numpy.flatnonzero(over)[0])
            raise InputError(
                "payments by insurance and medical assistance exceed the medical costs",
                location=f"persons.{person.ids[index]}.medical_cost_policy_scope",
                value=float(cost[index]),
                fix="give medical_cost_policy_scope as the whole cost, at least the sum of the amounts paid",
            )
        return numpy.maximum(cost - paid, 0)


class covid_treatment_public_finance_amount(Variable):
    value_type = float
    unit = CURRENCY
    entity = Person
    definition_period = MONTH
    label = "Part of a covered patient's treatment costs that public finance pays"
    reference = (D8_REFERENCE, D9_REFERENCE, D10_REFERENCE)

    def formula(person, period, parameters):
        covered = person("covid_treatment_covered", period)
        if not covered.any():
            return numpy.zeros(person.count)
        share = rules.national(person, period, "crisis.covid_medical.residual_share_paid_by_finance")
        residual = person("covid_treatment_residual_cost", period)
        return numpy.where(covered, round_to_fen(residual * share), 0)


class covid_treatment_out_of_pocket(Variable):
    value_type = float
    unit = CURRENCY
    entity = Person
    definition_period = MONTH
    label = "Treatment costs the patient pays personally"
    reference = (D8_REFERENCE, D9_REFERENCE, D10_REFERENCE, WHITE_PAPER_REFERENCE)
    documentation = (
        "The costs left after insurance and medical assistance, less what "
        "public finance pays for a covered patient: 0 for confirmed and "
        "suspected patients during the cover."
    )

    def formula(person, period, parameters):
        residual = person("covid_treatment_residual_cost", period)
        return round_to_fen(residual - person("covid_treatment_public_finance_amount", period))


class covid_treatment_offsite(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Treated outside the locality where the person is insured"
    reference = (D8_REFERENCE, WHITE_PAPER_REFERENCE)

    def formula(person, period, parameters):
        insured = emergencies.locality_of(person, period, "medical_insurance_locality")
        treated = emergencies.locality_of(person, period, "treatment_locality")
        return numpy.logical_not(emergencies.same_place(insured, treated))


class covid_treatment_offsite_reduction_waived(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The usual cut in reimbursement for off-site treatment does not apply"
    reference = (D8_REFERENCE, WHITE_PAPER_REFERENCE)

    def formula(person, period, parameters):
        applies = person("covid_treatment_covered", period) * person("covid_treatment_offsite", period)
        if not applies.any():
            return applies
        return applies * rules.national(person, period, "crisis.covid_medical.offsite_reduction_waived")


class covid_treatment_settlement(Variable):
    value_type = Enum
    possible_values = MedicalSettlement
    default_value = MedicalSettlement.not_covered
    entity = Person
    definition_period = MONTH
    label = "Who settles the covered patient's treatment costs"
    reference = (D8_REFERENCE, WHITE_PAPER_REFERENCE)

    def formula(person, period, parameters):
        covered = person("covid_treatment_covered", period)
        waived = person("covid_treatment_offsite_reduction_waived", period)
        return numpy.select(
            [waived, covered],
            [MedicalSettlement.treatment_place_advances.index, MedicalSettlement.insured_place.index],
            MedicalSettlement.not_covered.index,
        )


class covid_treatment_locality(Variable):
    value_type = str
    entity = Person
    definition_period = MONTH
    label = "Locality whose medical security bureau treats first and settles the case"
    reference = (D8_REFERENCE, D10_REFERENCE, WHITE_PAPER_REFERENCE)
    documentation = (
        "The place of treatment: it advances the payment for off-site "
        "patients and sets and funds the subsidy of suspected patients."
    )

    def formula(person, period, parameters):
        return emergencies.locality_of(person, period, "treatment_locality")
