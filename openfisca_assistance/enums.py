"""Enumerations shared by variables, situation files and results."""

from openfisca_core.indexed_enums import Enum


class Relationship(Enum):
    self = "The applicant"
    spouse = "Spouse"
    child = "Child"
    parent = "Parent"
    sibling = "Sibling"
    grandparent = "Grandparent"
    grandchild = "Grandchild"
    other = "Other relationship"


class HukouType(Enum):
    urban = "Urban hukou"
    rural = "Rural hukou"


class DisabilityKind(Enum):
    none = "No disability"
    physical = "Physical disability"
    visual = "Visual disability"
    hearing = "Hearing disability"
    speech = "Speech disability"
    intellectual = "Intellectual disability"
    mental = "Mental disability"
    multiple = "Multiple disabilities"


class EducationLevel(Enum):
    none = "Not in full-time education"
    preschool = "Pre-school"
    primary = "Primary school"
    lower_secondary = "Lower secondary school"
    upper_secondary = "Senior high school"
    secondary_vocational = "Secondary vocational school"
    tertiary = "Junior college or bachelor's degree"
    postgraduate = "Postgraduate study"


class SupporterInability(Enum):
    none = "No inability stated"
    supporter_in_extreme_poverty = "The supporter is a person in extreme poverty"
    supporter_on_dibao_aged_60_plus = "The supporter receives dibao and is aged 60 or over"
    supporter_aged_70_plus_low_means = (
        "The supporter is aged 70 or over with income and assets within the low-income rules"
    )
    supporter_severely_disabled_low_means = (
        "The supporter is severely disabled with income and assets within the low-income rules"
    )
    supporter_incapacitated_missing_or_imprisoned = (
        "The supporter has no civil capacity, is declared missing or is in prison"
    )
    other_provincial_case = "Another case set by the province"


class SupportMode(Enum):
    dispersed = "Dispersed support (at home)"
    centralised = "Centralised support (in an institution)"


class SelfCareLevel(Enum):
    self_care = "Self-care"
    partial_loss = "Partial loss of self-care"
    full_loss = "Full loss of self-care"


class HardshipType(Enum):
    none = "No temporary hardship"
    accident = "Accident such as a fire or traffic accident"
    sudden_serious_illness = "Sudden serious illness of a member"
    essential_expenditure = "Essential expenditure beyond what the household can bear"
    other = "Other special difficulty"


class TemporaryAssistanceType(Enum):
    none = "No temporary assistance type"
    emergency = "Emergency type"
    expenditure = "Expenditure type"


class AssistanceScope(Enum):
    household = "The household"
    individual = "An individual who cannot get family support"


class PropertyAssessment(Enum):
    not_assessed = "Not assessed by a caseworker"
    passed = "Passed the local property test"
    failed = "Failed the local property test"


class TemporaryAssistanceRoute(Enum):
    not_applicable = "No temporary assistance case"
    hukou_township = "Township or street office of the hukou place"
    residence_permit_township = "Township or street office where the residence permit is held"
    rescue_station = "County rescue station of the place where the person is"
    emergency_place_township = "Township or street office of the place of emergency"
