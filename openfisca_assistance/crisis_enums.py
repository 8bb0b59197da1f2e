"""Enumerations of the crisis inputs and of who handles a crisis entitlement."""

from openfisca_core.indexed_enums import Enum


class CovidStatus(Enum):
    none = "Not infected, not suspected"
    suspected = "Suspected case"
    confirmed = "Confirmed case"
    recovered = "Recovered after a confirmed infection"
    deceased = "Died of the infection"


class UnemploymentInsuranceStatus(Enum):
    receiving_benefit = "Receives unemployment-insurance benefit"
    insured_not_receiving = "Insured, but does not receive unemployment-insurance benefit"
    uninsured = "Not covered by unemployment insurance"


class UnableToCareReason(Enum):
    none = "Able to care for others"
    confirmed = "Confirmed infection"
    suspected = "Suspected infection"
    isolated = "In isolation or medical observation"
    epidemic_duty = "Doing epidemic-control work"
    deceased = "Died"


class EmergencyPlaceRoute(Enum):
    not_stranded = "Not stranded away from the hukou place"
    local_resident = "At the hukou place, so ordinary local channels apply"
    emergency_place_township = "Township government or street office of the place of emergency helps directly"
    district_government = "District government of the place of emergency houses and feeds the person"
    rescue_station = "County rescue station of the place where the person is"


class MedicalSettlement(Enum):
    not_covered = "Ordinary insurance settlement"
    insured_place = "Treated where insured; the local medical security bureau settles"
    treatment_place_advances = "Treated outside the insured locality; the place of treatment advances and settles later"


class EpidemicAssistanceRoute(Enum):
    not_applicable = "No epidemic temporary-assistance case"
    township_or_county = "Township government, street office or county civil affairs department where the family is"
    community_assist_first = "Village or residents' committee assists first in a hard-hit area"
    emergency_place_township = "Township government or street office of the place of emergency, for a non-local patient"


class ChildCareProvider(Enum):
    not_applicable = "The child has a carer"
    township_temporary_care = "Temporary care arranged by the township government, street office or village committee"
    isolation_site_care = "Care at the isolation or treatment site, followed by the village or residents' committee"


class PriceSubsidyDepartment(Enum):
    not_applicable = "Not in a covered group"
    civil_affairs = "County civil affairs department"
    human_resources = "County human resources and social security department"
    veterans_affairs = "County veterans affairs department"
