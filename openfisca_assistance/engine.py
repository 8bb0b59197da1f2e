"""Run a check: one household, one month, every programme of the registry.

Each programme is computed in its own simulation, so the parameter values it
read (the standard applied, stale local values) belong to it alone, and a
value missing for one programme leaves the others computed.
"""

from __future__ import annotations

import datetime
import math
from functools import lru_cache
from importlib import metadata
from typing import Any

import numpy
from openfisca_core.errors import SituationParsingError, VariableNotFoundError
from openfisca_core.indexed_enums import EnumArray
from openfisca_core.simulations import SimulationBuilder

from openfisca_assistance import localities, rules
from openfisca_assistance import situation as situations
from openfisca_assistance.errors import (
    AssistanceError,
    InputError,
    NotDetermined,
    PeriodNotCoveredError,
)
from openfisca_assistance.money import to_decimal
from openfisca_assistance.programs import Program, registry
from openfisca_assistance.system import CountryTaxBenefitSystem

BASELINE_START = "2014-05"
LOCALITY_VARIABLES = ("hukou_locality", "current_locality", "work_locality")
SOCIAL_ASSISTANCE_LAW_START = "2026-07"


def engine_version() -> str:
    try:
        return metadata.version("openfisca-assistance")
    except metadata.PackageNotFoundError:
        return "0+source"


@lru_cache(maxsize=1)
def baseline_system() -> CountryTaxBenefitSystem:
    return CountryTaxBenefitSystem()


def check_month(month: str) -> str:
    """Validate a YYYY-MM month and the baseline's coverage."""
    try:
        parsed = datetime.datetime.strptime(month, "%Y-%m")
    except (TypeError, ValueError) as error:
        raise InputError(
            "invalid month", location="month", value=month, fix="give the month as YYYY-MM, for example 2023-07",
        ) from error
    text = parsed.strftime("%Y-%m")
    if text < BASELINE_START:
        raise PeriodNotCoveredError(
            f"{text} is before the baseline rules begin: the Interim Measures for "
            "Social Assistance are in force from 2014-05-01",
            location="month",
            value=text,
            fix="check a month from 2014-05 on",
        )
    return text


def _native_from(data: dict[str, Any], month: str, file: str | None) -> dict[str, Any]:
    if situations.is_native(data):
        return validate_native(data, file)
    friendly = situations.parse(data, file)
    return situations.to_native(friendly, month, file)


def validate_native(data: dict[str, Any], file: str | None) -> dict[str, Any]:
    """Check the parts of a native situation OpenFisca does not check itself."""
    situations._reject_non_finite(data, "", file)
    persons = data.get("persons")
    households = data.get("households")
    if not isinstance(persons, dict) or not persons:
        raise InputError("persons must be a non-empty mapping", file=file, location="persons", value=persons,
                         fix="list each person under persons: {id: {variable: value}}")
    if not isinstance(households, dict) or not households:
        raise InputError("households must be a non-empty mapping", file=file, location="households", value=households,
                         fix="list each household under households: {id: {members: [person ids]}}")
    unknown = set(data) - {"persons", "households", "month", "description"}
    if unknown:
        key = sorted(unknown)[0]
        raise InputError(f"unknown key {key!r}", file=file, location=key,
                         fix="a native situation has only persons and households")
    seen: dict[str, str] = {}
    for household_id, household in households.items():
        members = (household or {}).get("members") if isinstance(household, dict) else None
        if not isinstance(members, list) or not members:
            raise InputError(
                f"household {household_id!r} has no members", file=file, location=f"households.{household_id}.members",
                value=members, fix="list the person ids of the household under members",
            )
        for person_id in members:
            if person_id not in persons:
                raise InputError(
                    f"household {household_id!r} lists {person_id!r}, who is not among the persons",
                    file=file, location=f"households.{household_id}.members", value=person_id,
                    fix="add the person under persons or remove the id",
                )
            if person_id in seen and seen[person_id] != household_id:
                raise InputError(
                    f"person {person_id!r} is in two households ({seen[person_id]!r} and {household_id!r})",
                    file=file, location=f"households.{household_id}.members", value=person_id,
                    fix="list each person in exactly one household",
                )
            seen[person_id] = household_id
    for person_id, person in persons.items():
        if not isinstance(person, dict):
            raise InputError("a person must be a mapping of variables", file=file, location=f"persons.{person_id}", value=person)
        if person_id not in seen:
            raise InputError(
                f"person {person_id!r} is in no household", file=file, location=f"persons.{person_id}",
                fix="add the person to the members of a household",
            )
        for variable in LOCALITY_VARIABLES:
            if variable in person:
                for key in _values_of(person[variable]):
                    if not isinstance(key, str):
                        raise InputError(f"{variable} must be a locality key", file=file,
                                         location=f"persons.{person_id}.{variable}", value=key)
                    try:
                        localities.get(key)
                    except InputError as error:
                        error.file = file
                        error.location = f"persons.{person_id}.{variable}"
                        raise
    return {"persons": persons, "households": households}


def native_month(data: dict[str, Any]) -> str | None:
    """Return the one month a native situation gives values for, if there is exactly one."""
    if not situations.is_native(data):
        return None
    months = set()
    for group in ("persons", "households"):
        for entity in (data.get(group) or {}).values():
            for value in (entity or {}).values() if isinstance(entity, dict) else []:
                if isinstance(value, dict):
                    months.update(key for key in map(str, value) if len(key) == 7 and key[4] == "-")
    return months.pop() if len(months) == 1 else None


def _values_of(value):
    if isinstance(value, dict):
        return list(value.values())
    return [value]


def build_simulation(system, native: dict[str, Any], month: str, file: str | None = None):
    builder = SimulationBuilder()
    builder.set_default_period(month)
    try:
        return builder.build_from_entities(system, native)
    except SituationParsingError as error:
        path, message = _flatten(error.error)
        raise InputError(message, file=file, location=path.replace("/", "."),
                         fix="correct the value at that path") from error
    except VariableNotFoundError as error:
        raise InputError(str(error).splitlines()[0], file=file,
                         fix="use a variable the engine defines; run `assistance variables` to list them") from error


def _flatten(tree, prefix=""):
    if isinstance(tree, dict) and tree:
        key, value = next(iter(tree.items()))
        return _flatten(value, f"{prefix}/{key}" if prefix else str(key))
    return prefix, str(tree)


def _format_value(value: Any) -> Any:
    if isinstance(value, (numpy.bool_, bool)):
        return bool(value)
    if isinstance(value, (numpy.integer,)):
        return int(value)
    if isinstance(value, (numpy.floating, float)):
        number = float(value)
        if not math.isfinite(number):
            return None
        return float(to_decimal(number))
    if hasattr(value, "name"):
        return value.name
    return value if not isinstance(value, bytes) else value.decode()


def _calculate(simulation, variable: str, month: str):
    values = simulation.calculate(variable, month)
    if isinstance(values, EnumArray):
        return [item.name for item in values.decode()]
    return list(values)


class ProgramRun:
    """The computed values of one programme in one simulation."""

    def __init__(self, program: Program, simulation, month: str) -> None:
        self.program = program
        self.simulation = simulation
        self.month = month
        self.values: dict[str, list[Any]] = {}

    def get(self, variable: str) -> list[Any]:
        if variable not in self.values:
            self.values[variable] = _calculate(self.simulation, variable, self.month)
        return self.values[variable]


def _message(template: str, run: ProgramRun, index: int, household_index: int, person_entity: bool) -> str:
    import re

    def replace(match):
        name = match.group(1)
        try:
            variable = run.simulation.tax_benefit_system.get_variable(name)
            values = run.get(name)
        except (NotDetermined, AssistanceError):
            return "?"
        if variable is None:
            return name
        position = index if (variable.entity.key == "person" or not person_entity) else household_index
        if variable.entity.key == "household":
            position = household_index
        value = _format_value(values[position])
        if isinstance(value, float):
            return f"{value:,.2f}"
        return str(value)

    return re.sub(r"\{([a-z_]+)\}", replace, template)


def _reasons(run: ProgramRun, index: int, household_index: int, lang: str) -> list[dict[str, str]]:
    reasons = []
    person_entity = run.program.entity == "person"
    for condition in run.program.conditions:
        value = run.get(condition.variable)[index]
        if condition.expected_not is not None:
            failed = value == condition.expected_not
        elif condition.expected_positive:
            failed = not (float(value) > 0)
        else:
            failed = bool(value) != condition.expected
        if failed:
            reasons.append({
                "code": condition.code,
                "message": _message(condition.message.get(lang), run, index, household_index, person_entity),
            })
            if condition.stop_on_failure:
                break
    return reasons


def _authority(run: ProgramRun, index: int, lang: str) -> str:
    authority = run.program.responsible_authority
    if authority.by:
        case = run.get(authority.by)[index]
        name = _format_value(case)
        if name in authority.cases:
            text = authority.cases[name].get(lang)
            if name in {"hukou_township", "residence_permit_township"} and "temporary_assistance_small_amount" in run.program.details:
                small = run.get("temporary_assistance_small_amount")[index]
                if small:
                    text += " (small amount: the township or street office approves)" if lang != "zh" else "（小额，由乡镇（街道）审批）"
            return text
    return authority.default.get(lang) if authority.default else ""


def _standard_applied(simulation, program: Program, lang: str) -> list[dict[str, Any]]:
    applied = []
    seen = set()
    for read in rules.reads_of(simulation):
        if not any(read.path == family or read.path.startswith(family + ".") for family in program.standard):
            continue
        key = (read.path, read.effective_from)
        if key in seen:
            continue
        seen.add(key)
        applied.append(read.to_dict())
    return applied


def _warnings(simulation, lang: str) -> list[dict[str, Any]]:
    warnings = []
    seen = set()
    for read in rules.reads_of(simulation):
        if read.path in seen:
            continue
        if read.stale:
            seen.add(read.path)
            warnings.append({
                "code": "value_not_confirmed",
                "parameter": read.path,
                "known_until": read.known_until,
                "message": (
                    f"{read.path} = {read.value} is not confirmed for this month: the data confirms it until {read.known_until}"
                    if lang != "zh"
                    else f"{read.path} = {read.value} 未经本月确认：数据确认至 {read.known_until}"
                ),
            })
        if read.confidence in {"inferred", "unconfirmed"}:
            seen.add(read.path)
            warnings.append({
                "code": f"value_{read.confidence}",
                "parameter": read.path,
                "confidence": read.confidence,
                "message": (
                    f"{read.path} = {read.value} is {read.confidence} ({read.note or 'no published source states it directly'})"
                ),
            })
    return warnings


def _not_determined(program: Program, error: NotDetermined, lang: str) -> dict[str, Any]:
    missing = error.missing
    message = missing.reason
    if lang == "zh":
        message = f"无法确定：{missing.reason}"
    return {
        "status": "not_determined",
        "eligible": None,
        "amount": None,
        "reasons": [{"code": error.code, "message": message}],
        "missing": [missing.to_dict()],
    }


def _entry_base(program: Program, lang: str) -> dict[str, Any]:
    return {
        "label": program.label.get(lang),
        "department": program.department.get(lang),
        "unit": program.unit,
        "period": program.period,
        "provides": program.provides.get(lang),
        "legal_basis": [basis.model_dump() for basis in program.legal_basis],
    }


def _household_entry(run: ProgramRun, lang: str) -> dict[str, Any]:
    program = run.program
    eligible = bool(run.get(program.eligible)[0])
    amount = sum(float(run.get(variable)[0]) for variable in program.amount)
    entry: dict[str, Any] = {
        "status": "eligible" if eligible else "not_eligible",
        "eligible": eligible,
        "amount": float(to_decimal(amount)),
        "responsible_authority": _authority(run, 0, lang),
        "responsible_locality": _format_value(run.get(program.responsible_locality)[0]),
        "reasons": [] if eligible else _reasons(run, 0, 0, lang),
        "missing": [],
        "details": {},
    }
    for variable in program.details:
        try:
            entry["details"][variable] = _format_value(run.get(variable)[0])
        except NotDetermined as error:
            entry["details"][variable] = None
            entry["missing"].append(error.missing.to_dict())
    if program.person_details:
        ids = run.simulation.persons.ids
        entry["persons"] = {}
        for variable in program.person_details:
            try:
                values = run.get(variable)
            except NotDetermined as error:
                entry["missing"].append(error.missing.to_dict())
                continue
            for index, person_id in enumerate(ids):
                entry["persons"].setdefault(person_id, {})[variable] = _format_value(values[index])
    return entry


def _person_entry(run: ProgramRun, lang: str) -> dict[str, Any]:
    program = run.program
    ids = list(run.simulation.persons.ids)
    persons: dict[str, Any] = {}
    total = 0.0
    any_eligible = False
    any_determined = False
    missing: list[dict[str, Any]] = []
    for index, person_id in enumerate(ids):
        try:
            eligible = bool(run.get(program.eligible)[index])
            amount = sum(float(run.get(variable)[index]) for variable in program.amount)
        except NotDetermined as error:
            persons[person_id] = _not_determined(program, error, lang)
            missing.append(error.missing.to_dict())
            continue
        any_determined = True
        any_eligible = any_eligible or eligible
        total += amount
        person = {
            "status": "eligible" if eligible else "not_eligible",
            "eligible": eligible,
            "amount": float(to_decimal(amount)),
            "components": {variable: _format_value(run.get(variable)[index]) for variable in program.amount},
            "responsible_locality": _format_value(run.get(program.responsible_locality)[index]),
            "reasons": [] if eligible else _reasons(run, index, 0, lang),
            "details": {},
        }
        for variable in program.details:
            person["details"][variable] = _format_value(run.get(variable)[index])
        persons[person_id] = person
    if any_eligible:
        status = "eligible"
    elif any_determined and not missing:
        status = "not_eligible"
    else:
        status = "not_determined"
    localities_of = sorted({p.get("responsible_locality") for p in persons.values() if p.get("eligible")})
    return {
        "status": status,
        "eligible": True if any_eligible else (False if status == "not_eligible" else None),
        "amount": float(to_decimal(total)) if status != "not_determined" else None,
        "responsible_authority": _authority(run, 0, lang),
        "responsible_locality": localities_of[0] if len(localities_of) == 1 else (localities_of or None),
        "reasons": [] if any_eligible else [
            {"code": "no_member_eligible", "message": "No member meets all conditions." if lang != "zh" else "没有成员符合全部条件。"},
        ],
        "missing": missing,
        "persons": persons,
    }


def run_program(system, native, month: str, program: Program, lang: str, file: str | None = None) -> dict[str, Any]:
    simulation = build_simulation(system, native, month, file)
    run = ProgramRun(program, simulation, month)
    entry = _entry_base(program, lang)
    try:
        if program.entity == "person":
            result = _person_entry(run, lang)
        else:
            result = _household_entry(run, lang)
    except NotDetermined as error:
        result = _not_determined(program, error, lang)
        result["responsible_authority"] = _safe_authority(run, lang)
        result["responsible_locality"] = _safe_value(run, program.responsible_locality)
    entry.update(result)
    if entry["status"] == "eligible" and any(
        m for m in entry.get("missing", []) if m["parameter"].split(".")[0] == program.id
    ):
        entry["amount"] = None
    entry["standard_applied"] = _standard_applied(simulation, program, lang)
    entry["warnings"] = _warnings(simulation, lang)
    return entry


def _safe_authority(run: ProgramRun, lang: str):
    try:
        return _authority(run, 0, lang)
    except (NotDetermined, AssistanceError):
        return None


def _safe_value(run: ProgramRun, variable: str):
    try:
        return _format_value(run.get(variable)[0])
    except (NotDetermined, AssistanceError):
        return None


def notices(month: str, reforms: list[str], lang: str) -> list[dict[str, str]]:
    result = []
    if month >= SOCIAL_ASSISTANCE_LAW_START and "social_assistance_law_2026" not in reforms:
        result.append({
            "code": "social_assistance_law_in_force",
            "message": (
                "The Social Assistance Law is in force from 2026-07-01 and replaces the Interim Measures; "
                "these results apply the Interim Measures baseline. Add --reform social_assistance_law_2026 "
                "to apply the law."
                if lang != "zh"
                else "《社会救助法》自2026年7月1日起施行，取代《社会救助暂行办法》；本结果按暂行办法计算。"
                "如需按该法计算，请加上 --reform social_assistance_law_2026。"
            ),
        })
    return result


def check(
    data: dict[str, Any],
    month: str | None = None,
    *,
    lang: str = "en",
    file: str | None = None,
    system=None,
    reforms: list[str] | None = None,
) -> dict[str, Any]:
    """Compute every programme for one household and one month."""
    reforms = list(reforms or [])
    month = check_month(month or data.get("month") or native_month(data) or rules.today_month())
    native = _native_from(data, month, file)
    system = system or baseline_system()
    # Build once up front so input errors stop the whole check.
    probe = build_simulation(system, native, month, file)
    _check_inputs(probe, month, file)
    programs = {}
    for program_id, program in registry().items():
        programs[program_id] = run_program(system, native, month, program, lang, file)
    return {
        "engine": {"name": "openfisca-assistance", "version": engine_version()},
        "month": month,
        "reforms": reforms,
        "programs": programs,
        "notices": notices(month, reforms, lang),
    }


def _check_inputs(simulation, month: str, file: str | None) -> None:
    """Raise input errors (missing ages, applicant count) before any programme runs."""
    simulation.calculate("age", month)
    simulation.calculate("is_applicant", month)
