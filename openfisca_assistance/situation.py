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

from openfisca_assistance import localities
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
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


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


class Member(Strict):
    """One person who lives in the household."""

    id: str = Field(..., min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    relationship: RELATIONSHIPS = Field(..., description="Relationship to the applicant; exactly one member is self.")
    age: int | None = Field(None, ge=0, le=130)
    birth_date: datetime.date | None = None
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
        return members


def _did_you_mean(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else f"allowed keys: {', '.join(sorted(allowed))}"


def _model_at(location: tuple) -> type[BaseModel] | None:
    """Return the pydantic model that holds the field at `location`."""
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
        fix = f"use one of: {first.get('ctx', {}).get('expected', '')}"
    elif first["type"] in {"finite_number", "float_parsing", "int_parsing", "float_type", "int_type"}:
        fix = "give a finite number"
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


def read_file(path: str | Path) -> dict[str, Any]:
    """Read a YAML or JSON situation file into a mapping."""
    path = Path(path)
    if not path.is_file():
        raise InputError("file not found", file=str(path), fix="give the path of a YAML or JSON situation file")
    text = path.read_text(encoding="utf-8")
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            data = yaml.safe_load(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"invalid JSON: {error.msg}", file=str(path), location=f"line {error.lineno}, column {error.colno}",
            fix="correct the JSON syntax at that position",
        ) from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        raise InputError(
            f"invalid YAML: {getattr(error, 'problem', None) or error}", file=str(path), location=where,
            fix="correct the YAML syntax at that position",
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
        for field in ("hukou_locality", "current_locality"):
            key = getattr(member, field)
            if key is None:
                continue
            try:
                localities.get(key)
            except InputError as error:
                error.file = file
                error.location = f"members.{index}.{field}"
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


def to_native(situation: Situation, month: str, file: str | None = None) -> dict[str, Any]:
    """Build the OpenFisca situation of one household for one month."""
    persons: dict[str, Any] = {}
    for index, member in enumerate(situation.members):
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
    return {"persons": persons, "households": {"household": household}}


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the friendly situation format."""
    schema = Situation.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "openfisca-assistance situation"
    return schema
