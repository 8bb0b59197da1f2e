"""Situation files: the caseworker's friendly format and OpenFisca's native one.

A friendly situation lists the members of one household with their facts.
`to_native` turns it into an OpenFisca situation for one month. A native
situation (`persons` and `households`) passes through after light checks.
"""

from __future__ import annotations

import datetime
import difflib
import json
import math
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from openfisca_assistance import localities, yaml_files
from openfisca_assistance.errors import InputError

Money = Annotated[float, Field(ge=0, allow_inf_nan=False, le=1e12)]
MonthKey = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]

RELATIONSHIPS = Literal["self", "spouse", "child", "parent", "sibling", "grandparent", "grandchild", "other"]
DISABILITY_KINDS = Literal["none", "physical", "visual", "hearing", "speech", "intellectual", "mental", "multiple"]
EDUCATION_LEVELS = Literal[
    "none", "preschool", "primary", "lower_secondary", "upper_secondary",
    "secondary_vocational", "tertiary", "postgraduate",
]
SUPPORTER_INABILITY = Literal[
    "none",
    "supporter_in_extreme_poverty",
    "supporter_on_dibao_aged_60_plus",
    "supporter_aged_70_plus_low_means",
    "supporter_severely_disabled_low_means",
    "supporter_incapacitated_missing_or_imprisoned",
    "other_provincial_case",
]
HARDSHIP_TYPES = Literal["none", "accident", "sudden_serious_illness", "essential_expenditure", "other"]


class Strict(BaseModel):
    # strict: "yes" is not true, true is not 1 and "40" is not 40.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, strict=True)


class Income(Strict):
    """Monthly income items, in yuan, averaged over the assessment period."""

    wage_income: Money = Field(0, description="Wage income before employment costs.")
    employment_costs: Money = Field(0, description="Necessary employment costs.")
    other_income: Money = Field(0, description="Other countable income, after exclusions.")
    income_tax_paid: Money = 0
    social_insurance_contributions: Money = 0
    support_paid_to_others: Money = 0


class Disability(Strict):
    grade: int = Field(0, ge=0, le=4, description="0 none, 1 most severe to 4.")
    kind: DISABILITY_KINDS = "none"

    @model_validator(mode="after")
    def _grade_and_kind_agree(self):
        if (self.grade == 0) != (self.kind == "none"):
            raise ValueError("give both a grade (1-4) and a kind for a disability, or neither")
        return self


class Supporter(Strict):
    has_legal_supporter: bool = Field(True, description="A person with a legal duty of support exists.")
    inability: SUPPORTER_INABILITY = "none"
    has_able_supporter: bool | None = Field(None, description="Overrides the computed value when given.")


COVID_STATUSES = Literal["none", "suspected", "confirmed", "recovered", "deceased"]
INSURANCE_STATUSES = Literal["receiving_benefit", "insured_not_receiving", "uninsured"]
EMERGENCY_KINDS = Literal["public_health_response", "lockdown", "disaster_response", "hard_hit_area"]


class Medical(Strict):
    """Medical costs of the month and who paid them, in yuan."""

    policy_scope_cost: Money = Field(0, description="Costs within the insurance policy scope.")
    paid_by_basic_insurance: Money = 0
    paid_by_serious_illness_insurance: Money = 0
    paid_by_medical_assistance: Money = 0
    insured_locality: str | None = Field(None, description="Where the basic medical insurance is held; default: hukou.")
    treatment_locality: str | None = Field(None, description="Where the person is treated; default: current locality.")


class Emergency(Strict):
    """An emergency declared for a locality and period, to ask what would follow."""

    locality: str = Field(..., min_length=1, description="A locality key, or quanguo for the whole country.")
    kind: EMERGENCY_KINDS
    level: int | None = Field(None, ge=1, le=4, description="Response level 1 (I) to 4 (IV), if numbered.")
    start: datetime.date = Field(..., strict=False, description="First day, YYYY-MM-DD.")
    end: datetime.date | None = Field(None, strict=False, description="First day no longer in force; none if open.")
    dibao_exits_suspended: bool = Field(False, description="The locality suspends dibao exits in the window.")
    description: str | None = None

    @model_validator(mode="after")
    def _end_after_start(self):
        if self.end is not None and self.end <= self.start:
            raise ValueError("end must be after start (the first day the emergency no longer applies)")
        return self


class Member(Strict):
    """One person who lives in the household."""

    id: str = Field(..., min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    relationship: RELATIONSHIPS = Field(..., description="Relationship to the applicant; exactly one member is self.")
    age: int | None = Field(None, ge=0, le=130)
    birth_date: datetime.date | None = Field(None, strict=False, description="YYYY-MM-DD; text is accepted for JSON input.")
    hukou_locality: str = Field(..., min_length=1)
    hukou_type: Literal["urban", "rural"] = "urban"
    current_locality: str | None = None
    has_residence_permit: bool = False
    disability: Disability = Field(default_factory=Disability)
    has_serious_illness: bool = False
    self_care_activities_unable: int = Field(0, ge=0, le=6)
    able_to_work: bool | None = Field(None, description="Default: true for ages 16-59 without a qualifying disability.")
    education: EDUCATION_LEVELS = "none"
    unable_to_live_independently: bool = False
    lives_with_applicant_long_term: bool = True
    in_prison: bool = False
    in_compulsory_drug_rehabilitation: bool = False
    declared_missing: bool = False
    clergy_years_apart: int = Field(0, ge=0, le=100)
    has_own_household_register: bool = False
    income: Income = Field(default_factory=Income)
    income_by_month: dict[MonthKey, Income] | None = None
    own_financial_assets: Money = 0
    supporter: Supporter = Field(default_factory=Supporter)
    is_orphan_or_unsupported_child: bool = False
    chooses_orphan_allowance: bool = False
    holds_rural_collective_rights: bool = False
    relocated_to_town: bool = False
    support_mode: Literal["dispersed", "centralised"] = "dispersed"
    work_locality: str | None = Field(None, description="Where the person works; default: current locality.")
    residence_locality: str | None = Field(None, description="Habitual residence; default: current locality.")
    stranded: bool = Field(False, description="Unable to leave or return because of traffic control or a lockdown.")
    days_stranded: int = Field(0, ge=0, le=366)
    covid_status: COVID_STATUSES = "none"
    isolated: bool = Field(False, description="In isolation or medical observation this month.")
    epidemic_duty: bool = Field(False, description="Doing epidemic-control work, so unable to care for others.")
    months_without_income: int = Field(0, ge=0, le=600)
    unemployment_insurance_status: INSURANCE_STATUSES = "insured_not_receiving"
    unable_to_return_to_work: bool = Field(False, description="Cannot return to work because of the emergency.")
    receives_dibao: bool = Field(False, description="Enrolled in dibao this month.")
    receives_extreme_poverty_support: bool = False
    registered_poor: bool = False
    receives_unemployment_subsidy: bool = False
    receives_preferential_care_pension: bool = False
    hiv_infected_child: bool = False
    lives_alone: bool = False
    carer: str | None = Field(None, description="Id of the member who normally cares for this person.")
    has_other_carer: bool | None = Field(None, description="Overrides the computed value when given.")
    files_dibao_application: bool = Field(False, description="The household files for dibao at this member's hukou place.")
    returned_to_work_after_epidemic: bool = False
    medical: Medical = Field(default_factory=Medical)
    unemployed: bool = Field(False, description="Without work this month; for employment assistance.")
    adrift_without_means_of_living: bool = Field(False, description="Adrift away from home with no means of living.")
    supported_as_extreme_poverty_minor: bool = Field(
        False, description="Was supported in extreme poverty as a minor until turning 18.",
    )
    crime_victim_after_judicial_aid: bool = Field(
        False, description="Victim of a crime or civil wrong still in hardship after judicial aid.",
    )

    @model_validator(mode="after")
    def _age_or_birth_date(self):
        if self.age is None and self.birth_date is None:
            raise ValueError("give an age in years or a birth_date (YYYY-MM-DD)")
        return self


class Hardship(Strict):
    type: HARDSHIP_TYPES = "none"
    expenditure: Money = Field(0, description="Expenditure or loss caused by the hardship in the month.")
    scope: Literal["household", "individual"] = "household"
    assistance_type: Literal["emergency", "expenditure"] | None = Field(
        None,
        description=(
            "Temporary-assistance type the case is handled as. Default: emergency type for "
            "accidents, sudden serious illness and other difficulties; expenditure type for "
            "essential expenditure."
        ),
    )


class HouseholdFacts(Strict):
    financial_assets: Money = 0
    property_assessment: Literal["not_assessed", "passed", "failed"] = "not_assessed"
    hardship: Hardship = Field(default_factory=Hardship)
    emergencies: list[Emergency] = Field(default_factory=list, description="Emergencies declared for a what-if check.")
    epidemic_hardship: bool = Field(False, description="In temporary hardship because a member is ill, isolated or died.")
    dibao_amount_previous_month: Money = 0
    income_rise_from_employment: bool = False
    months_since_income_above_standard: int = Field(0, ge=0, le=600)
    in_housing_difficulty: bool = Field(False, description="In housing difficulty under the local standard.")
    rigid_expenditure: Money = Field(
        0, description="Monthly average of basic living, medical, education and rehabilitation costs over 12 months.",
    )
    seriously_affected_by_emergency: bool = Field(
        False, description="Basic living seriously affected by a disaster or emergency where the household is.",
    )
    assistance_obtained_by_fraud: Money = Field(0, description="Value of assistance obtained by fraud.")


class Situation(Strict):
    """A household situation in the caseworker's format."""

    month: MonthKey | None = Field(None, description="Month to check (YYYY-MM); the CLI --month overrides it.")
    description: str | None = None
    household: HouseholdFacts = Field(default_factory=HouseholdFacts)
    members: list[Member] = Field(..., min_length=1)

    @field_validator("members")
    @classmethod
    def _unique_ids_and_one_applicant(cls, members: list[Member]):
        ids = [member.id for member in members]
        duplicates = sorted({member_id for member_id in ids if ids.count(member_id) > 1})
        if duplicates:
            raise ValueError(f"member ids must be unique; repeated: {', '.join(duplicates)}")
        applicants = [member.id for member in members if member.relationship == "self"]
        if len(applicants) != 1:
            raise ValueError(
                f"exactly one member must have relationship: self (found {len(applicants)})",
            )
        for member in members:
            if member.carer is not None and (member.carer not in ids or member.carer == member.id):
                raise ValueError(f"carer {member.carer!r} of {member.id!r} must be the id of another member")
        return members


def _did_you_mean(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else f"allowed keys: {', '.join(sorted(allowed))}"


def _model_at(location: tuple) -> type[BaseModel] | None:
    """Return the pydantic model that contains the field at `location`."""
    model: Any = Situation
    for part in location[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if hasattr(model, "model_fields") else None
        if field is None:
            return None
        annotation = field.annotation
        for candidate in getattr(annotation, "__args__", ()) or (annotation,):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                model = candidate
                break
            inner = getattr(candidate, "__args__", ())
            found = [arg for arg in inner if isinstance(arg, type) and issubclass(arg, BaseModel)]
            if found:
                model = found[0]
                break
        else:
            return None
    return model if hasattr(model, "model_fields") else None


def validation_error(error: ValidationError, file: str | None) -> InputError:
    """Turn the first pydantic error into an InputError with a fix."""
    first = error.errors()[0]
    location = ".".join(str(part) for part in first["loc"])
    message = first["msg"]
    fix = None
    if first["type"] == "extra_forbidden":
        model = _model_at(first["loc"])
        allowed = list(model.model_fields) if model else []
        key = str(first["loc"][-1])
        message = f"unknown key {key!r}"
        fix = _did_you_mean(key, allowed)
    elif first["type"] == "missing":
        fix = f"add {first['loc'][-1]}"
    elif first["type"] == "literal_error":
        expected = first.get("ctx", {}).get("expected", "")
        allowed = [part.strip(" '") for part in expected.replace(" or ", ", ").split(",")]
        close = difflib.get_close_matches(str(first.get("input")), allowed, n=1, cutoff=0.6)
        fix = f"did you mean {close[0]!r}? " if close else ""
        fix += f"use one of: {expected}"
    elif first["type"] in {"int_parsing", "int_type", "int_from_float"}:
        fix = "give a whole number without quotes"
    elif first["type"] in {"finite_number", "float_parsing", "float_type"}:
        fix = "give a finite number without quotes"
    elif first["type"] in {"bool_type", "bool_parsing"}:
        fix = "write true or false without quotes"
    elif first["type"] in {"string_type"}:
        fix = "quote the value"
    count = error.error_count()
    if count > 1:
        message = f"{message} (and {count - 1} more error{'s' if count > 2 else ''})"
    return InputError(message, file=file, location=location, value=first.get("input"), fix=fix)


def _reject_non_finite(value: Any, path: str, file: str | None) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError("numbers must be finite", file=file, location=path or "input", value=value, fix="give a finite number")
    if isinstance(value, dict):
        for key, item in value.items():
            _reject_non_finite(item, f"{path}.{key}" if path else str(key), file)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _reject_non_finite(item, f"{path}[{index}]", file)


def _load_json(text: str, file: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError as error:
        raise InputError("the JSON is nested too deeply", file=file, fix="flatten the file") from error


def read_file(path: str | Path) -> dict[str, Any]:
    """Read a YAML or JSON situation file into a mapping."""
    path = Path(path)
    if path.is_dir():
        raise InputError("the path is a directory", file=str(path), fix="give the path of a YAML or JSON situation file")
    if not path.is_file():
        raise InputError("file not found", file=str(path), fix="give the path of a YAML or JSON situation file")
    try:
        # utf-8-sig also accepts a file that starts with a byte-order mark.
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"the file is not UTF-8 text (invalid byte at position {error.start})", file=str(path),
            fix="save the file as UTF-8",
        ) from error
    try:
        if path.suffix.lower() == ".json":
            data = _load_json(text, str(path))
        else:
            data = yaml_files.load(text, file=str(path))
    except json.JSONDecodeError as error:
        raise InputError(
            f"invalid JSON: {error.msg}", file=str(path), location=f"line {error.lineno}, column {error.colno}",
            fix="correct the JSON syntax at that position",
        ) from error
    except ValueError as error:
        # PyYAML raises ValueError for impossible dates such as 1982-02-30.
        raise InputError(
            f"invalid value: {error}", file=str(path),
            fix="write dates as real calendar dates, YYYY-MM-DD",
        ) from error
    if not isinstance(data, dict):
        raise InputError(
            "a situation must be a mapping", file=str(path), value=type(data).__name__,
            fix="write either members: [...] (friendly format) or persons: and households: (OpenFisca format)",
        )
    return data


def is_native(data: dict[str, Any]) -> bool:
    return "persons" in data or "households" in data


def parse(data: dict[str, Any], file: str | None = None) -> Situation:
    """Validate a friendly situation."""
    _reject_non_finite(data, "", file)
    try:
        situation = Situation.model_validate(data)
    except ValidationError as error:
        raise validation_error(error, file) from error
    for index, member in enumerate(situation.members):
        for field in ("hukou_locality", "current_locality", "work_locality", "residence_locality",
                      "medical.insured_locality", "medical.treatment_locality"):
            key = member
            for part in field.split("."):
                key = getattr(key, part)
            if key is None:
                continue
            try:
                localities.get(key)
            except InputError as error:
                error.file = file
                error.location = f"members.{index}.{field}"
                raise
    for index, emergency in enumerate(situation.household.emergencies):
        if emergency.locality == "quanguo":
            continue
        try:
            localities.get(emergency.locality)
        except InputError as error:
            error.file = file
            error.location = f"household.emergencies.{index}.locality"
            raise
    return situation


def _income_for(member: Member, month: str, file: str | None, index: int) -> Income:
    if member.income_by_month is None:
        return member.income
    if month not in member.income_by_month:
        raise InputError(
            f"no income is given for {month}",
            file=file,
            location=f"members.{index}.income_by_month",
            value=sorted(member.income_by_month),
            fix=f"add an entry for {month}, or give income without months",
        )
    return member.income_by_month[month]


def _check_birth_date(member: "Member", month: str, file: str | None, index: int) -> None:
    """Reject a birth date after the month checked, or an age that contradicts it."""
    if member.birth_date is None:
        return
    first_day = datetime.date.fromisoformat(f"{month}-01")
    if member.birth_date > first_day:
        raise InputError(
            f"birth_date {member.birth_date.isoformat()} is after the month checked ({month})",
            file=file, location=f"members.{index}.birth_date", value=member.birth_date.isoformat(),
            fix="correct the birth date or the month",
        )
    if member.age is not None:
        had_birthday = (member.birth_date.month, member.birth_date.day) <= (first_day.month, first_day.day)
        computed = first_day.year - member.birth_date.year - (0 if had_birthday else 1)
        if computed != member.age:
            raise InputError(
                f"age {member.age} does not match birth_date {member.birth_date.isoformat()} "
                f"(age {computed} on {first_day.isoformat()})",
                file=file, location=f"members.{index}.age", value=member.age,
                fix="give either age or birth_date, or make them agree",
            )


def to_native(situation: Situation, month: str, file: str | None = None) -> dict[str, Any]:
    """Build the OpenFisca situation of one household for one month."""
    persons: dict[str, Any] = {}
    for index, member in enumerate(situation.members):
        _check_birth_date(member, month, file, index)
        income = _income_for(member, month, file, index)
        values: dict[str, Any] = {
            "relationship_to_applicant": member.relationship,
            "hukou_locality": member.hukou_locality,
            "hukou_type": member.hukou_type,
            "has_residence_permit": member.has_residence_permit,
            "disability_grade": member.disability.grade,
            "disability_kind": member.disability.kind,
            "has_serious_illness": member.has_serious_illness,
            "self_care_activities_unable": member.self_care_activities_unable,
            "full_time_education_level": member.education,
            "unable_to_live_independently": member.unable_to_live_independently,
            "lives_with_applicant_long_term": member.lives_with_applicant_long_term,
            "in_prison": member.in_prison,
            "in_compulsory_drug_rehabilitation": member.in_compulsory_drug_rehabilitation,
            "declared_missing": member.declared_missing,
            "clergy_years_apart": member.clergy_years_apart,
            "has_own_household_register": member.has_own_household_register,
            "own_financial_assets": member.own_financial_assets,
            "has_legal_supporter": member.supporter.has_legal_supporter,
            "supporter_inability": member.supporter.inability,
            "is_orphan_or_unsupported_child": member.is_orphan_or_unsupported_child,
            "chooses_orphan_allowance": member.chooses_orphan_allowance,
            "holds_rural_collective_rights": member.holds_rural_collective_rights,
            "relocated_to_town": member.relocated_to_town,
            "extreme_poverty_support_mode": member.support_mode,
            **income.model_dump(),
        }
        values.update(_crisis_values(member))
        values.update({name: getattr(member, name) for name in TARGET_FIELDS})
        if member.current_locality is not None:
            values["current_locality"] = member.current_locality
        if member.age is not None:
            values["age"] = member.age
        if member.able_to_work is not None:
            values["able_to_work"] = member.able_to_work
        if member.supporter.has_able_supporter is not None:
            values["has_able_supporter"] = member.supporter.has_able_supporter
        person: dict[str, Any] = {}
        for name, value in values.items():
            if name == "relationship_to_applicant":
                person[name] = value
            else:
                person[name] = {month: value}
        if member.birth_date is not None:
            person["birth_date"] = member.birth_date.isoformat()
        persons[member.id] = person
    _fill_locality_defaults(persons, month)
    facts = situation.household
    household = {
        "members": [member.id for member in situation.members],
        "financial_assets": {month: facts.financial_assets},
        "property_assessment": {month: facts.property_assessment},
        "temporary_hardship_type": {month: facts.hardship.type},
        "hardship_expenditure": {month: facts.hardship.expenditure},
        "temporary_assistance_scope": {month: facts.hardship.scope},
    }
    if facts.hardship.assistance_type is not None:
        household["temporary_assistance_type"] = {month: facts.hardship.assistance_type}
    household.update({
        "epidemic_hardship": {month: facts.epidemic_hardship},
        "dibao_amount_previous_month": {month: facts.dibao_amount_previous_month},
        "income_rise_from_employment": {month: facts.income_rise_from_employment},
        "months_since_income_above_standard": {month: facts.months_since_income_above_standard},
    })
    household.update({name: {month: getattr(facts, name)} for name in HOUSEHOLD_TARGET_FIELDS})
    if facts.emergencies:
        declared = [emergency.model_dump(mode="json", exclude={"description"}) for emergency in facts.emergencies]
        household["declared_emergencies"] = json.dumps(declared, ensure_ascii=False)
    return {"persons": persons, "households": {"household": household}}


CRISIS_FIELDS = (
    "stranded", "days_stranded", "covid_status", "isolated", "epidemic_duty", "months_without_income",
    "unemployment_insurance_status", "unable_to_return_to_work", "receives_dibao",
    "receives_extreme_poverty_support", "registered_poor", "receives_unemployment_subsidy",
    "receives_preferential_care_pension", "hiv_infected_child", "lives_alone", "files_dibao_application",
    "returned_to_work_after_epidemic",
)
# Facts of the special-assistance targets, disaster relief and the reforms (variables/special_assistance/facts.py).
TARGET_FIELDS = (
    "unemployed", "adrift_without_means_of_living", "supported_as_extreme_poverty_minor",
    "crime_victim_after_judicial_aid",
)
HOUSEHOLD_TARGET_FIELDS = (
    "in_housing_difficulty", "rigid_expenditure", "seriously_affected_by_emergency", "assistance_obtained_by_fraud",
)
OPTIONAL_CRISIS_FIELDS = {
    "work_locality": "work_locality",
    "residence_locality": "residence_locality",
    "carer": "carer_id",
    "has_other_carer": "has_other_carer",
}


LOCALITY_DEFAULTS = (
    ("current_locality", "hukou_locality"),
    ("work_locality", "current_locality"),
    ("residence_locality", "current_locality"),
    ("treatment_locality", "current_locality"),
    ("medical_insurance_locality", "hukou_locality"),
)


def _fill_locality_defaults(persons: dict[str, Any], month: str) -> None:
    """Give every member a locality input that some member states.

    OpenFisca fills a variable given for one person with "" for the others
    instead of running its default formula, so the default is written here.
    """
    defaults = dict(LOCALITY_DEFAULTS)

    def resolved(person: dict[str, Any], variable: str) -> str:
        if variable in person:
            return person[variable][month]
        return resolved(person, defaults[variable])

    for variable, _ in LOCALITY_DEFAULTS:
        if not any(variable in person for person in persons.values()):
            continue
        for person in persons.values():
            if variable not in person:
                person[variable] = {month: resolved(person, variable)}


def _crisis_values(member: Member) -> dict[str, Any]:
    """Return the native values of a member's crisis facts; unset optional facts keep their defaults."""
    values: dict[str, Any] = {name: getattr(member, name) for name in CRISIS_FIELDS}
    for field, variable in OPTIONAL_CRISIS_FIELDS.items():
        if getattr(member, field) is not None:
            values[variable] = getattr(member, field)
    medical = member.medical
    values.update({
        "medical_cost_policy_scope": medical.policy_scope_cost,
        "medical_paid_by_basic_insurance": medical.paid_by_basic_insurance,
        "medical_paid_by_serious_illness_insurance": medical.paid_by_serious_illness_insurance,
        "medical_paid_by_medical_assistance": medical.paid_by_medical_assistance,
    })
    if medical.insured_locality is not None:
        values["medical_insurance_locality"] = medical.insured_locality
    if medical.treatment_locality is not None:
        values["treatment_locality"] = medical.treatment_locality
    return values


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the friendly situation format."""
    schema = Situation.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "openfisca-assistance situation"
    return schema
