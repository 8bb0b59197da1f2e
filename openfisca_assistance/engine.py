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
from openfisca_core.errors import ParameterNotFoundError, SituationParsingError, VariableNotFoundError
from openfisca_core.indexed_enums import EnumArray
from openfisca_core.simulations import SimulationBuilder

from openfisca_assistance import localities, partial_inputs, reforming, rules, strict_inputs
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
LAST_MONTH = "2099-12"  # OpenFisca periods need the following month and year to exist.
LOCALITY_VARIABLES = (
    "hukou_locality", "current_locality", "work_locality", "residence_locality",
    "medical_insurance_locality", "treatment_locality",
)
SOCIAL_ASSISTANCE_LAW_START = "2026-07"
NATIVE_KEYS = ("persons", "households", "month", "description")


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
        if not (isinstance(month, str) and len(month) == len("YYYY-MM") and month[4] == "-"):
            raise ValueError(month)
        parsed = datetime.datetime.strptime(month, "%Y-%m")
    except (TypeError, ValueError) as error:
        raise InputError(
            "invalid month", location="month", value=month, fix="give the month as YYYY-MM, for example 2023-07",
        ) from error
    text = parsed.strftime("%Y-%m")
    if text > LAST_MONTH:
        raise InputError(
            f"{text} is beyond the last month the engine computes ({LAST_MONTH})", location="month", value=text,
            fix="check a month up to 2099-12",
        )
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
    unknown = set(data) - set(NATIVE_KEYS)
    if unknown:
        key = sorted(unknown)[0]
        raise InputError(f"unknown key {key!r}", file=file, location=key,
                         fix=strict_inputs.did_you_mean(key, NATIVE_KEYS, what="keys of a native situation"))
    persons = data.get("persons")
    households = data.get("households")
    if not isinstance(persons, dict) or not persons:
        raise InputError("persons must be a non-empty mapping", file=file, location="persons", value=persons,
                         fix="list each person under persons: {id: {variable: value}}")
    if not isinstance(households, dict) or not households:
        raise InputError("households must be a non-empty mapping", file=file, location="households", value=households,
                         fix="list each household under households: {id: {members: [person ids]}}")
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
    if len(households) > 1:
        raise InputError(
            f"a check covers one household; this situation has {len(households)} ({', '.join(map(str, households))})",
            file=file, location="households",
            fix="check each household on its own, or use check_many in the library or POST /check_many",
        )
    _reject_result_inputs(persons, households, file)
    return {"persons": persons, "households": households}


def _reject_result_inputs(persons: dict[str, Any], households: dict[str, Any], file: str | None) -> None:
    """Reject a situation that states a programme's own result (eligibility or amount) as input."""
    results = set()
    for program in registry().values():
        results.update([program.eligible, *program.amount])
        results.update(name for name in (program.person_eligible, program.person_amount) if name)
    for group, entities in (("persons", persons), ("households", households)):
        for entity_id, values in entities.items():
            if not isinstance(values, dict):
                continue
            for name, value in values.items():
                if name in results and value is not None and not (
                    isinstance(value, dict) and all(item is None for item in value.values())
                ):
                    raise InputError(
                        f"{name} is a result the engine computes, not an input",
                        file=file, location=f"{group}.{entity_id}.{name}", value=value,
                        fix=f"remove {name} from the situation",
                    )


def native_month(data: dict[str, Any]) -> str | None:
    """Return the one month a native situation gives values for, if there is exactly one."""
    if not situations.is_native(data):
        return None
    months = set()
    for group in ("persons", "households"):
        entities = data.get(group)
        # A malformed group is reported by validate_native; it gives no month.
        for entity in entities.values() if isinstance(entities, dict) else []:
            for value in (entity or {}).values() if isinstance(entity, dict) else []:
                if isinstance(value, dict):
                    months.update(key for key in map(str, value) if len(key) == 7 and key[4] == "-")
    return months.pop() if len(months) == 1 else None


def _values_of(value):
    if isinstance(value, dict):
        return list(value.values())
    return [value]


def build_simulation(system, native: dict[str, Any], month: str, file: str | None = None):
    strict_inputs.check_native(system, native, month, file)
    _check_birth_dates(native, month, file)
    # Values given for some people only are completed by their formulas, so
    # OpenFisca does not fill the others with defaults.
    native = partial_inputs.complete(system, native, month)
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
    except (ParameterNotFoundError, ValueError, KeyError, TypeError, ArithmeticError) as error:
        # The strict checks above should leave nothing for OpenFisca to reject;
        # this keeps any case they miss an input error rather than a traceback.
        raise InputError(f"OpenFisca could not read the situation: {error}", file=file,
                         fix="check the values against `assistance schema` or the variables' types") from error


def _check_birth_dates(native: dict[str, Any], month: str, file: str | None) -> None:
    """Reject a native birth date after the first day of the month checked."""
    first_day = f"{month}-01"
    for person_id, person in (native.get("persons") or {}).items():
        birth = (person or {}).get("birth_date") if isinstance(person, dict) else None
        values = birth.values() if isinstance(birth, dict) else [birth]
        for value in values:
            if isinstance(value, (str, datetime.date)) and str(value)[:10] > first_day:
                raise InputError(
                    f"birth_date {value} is after the month checked ({month})",
                    file=file, location=f"persons.{person_id}.birth_date", value=str(value),
                    fix="correct the birth date or the month",
                )


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
        if variable.unit == "/1" and isinstance(values[position], (float, numpy.floating)):
            return f"{float(values[position]) * 100:+.1f}%"  # index changes and shares
        value = _format_value(values[position])
        if isinstance(value, float):
            return f"{value:,.2f}"
        return str(value)

    return re.sub(r"\{([a-z_]+)\}", replace, template)


def _reasons(run: ProgramRun, index: int, household_index: int, lang: str) -> list[dict[str, str]]:
    reasons = []
    person_entity = run.program.entity == "person"
    for condition in run.program.conditions:
        if not all(run.get(name)[index] for name in condition.only_if):
            continue  # The condition was not tested because an earlier one failed.
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
        if read.changes_on and read.path not in seen:
            seen.add(read.path)
            warnings.append({
                "code": "value_changes_later_this_month",
                "parameter": read.path,
                "changes_on": read.changes_on,
                "message": (
                    f"{read.path} changes to {read.next_value} on {read.changes_on}; a change after the first day "
                    "of a month applies from the next month, so this month uses "
                    f"{read.value}"
                    if lang != "zh"
                    else f"{read.path} 于 {read.changes_on} 调整为 {read.next_value}；月中调整自次月起适用，本月按 {read.value} 计算"
                ),
            })
        if read.confidence in {"inferred", "unconfirmed", "secondary", "declared"}:
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


def _dedupe(missing: list[dict[str, Any]]) -> list[dict[str, Any]]:
    unique = []
    for item in missing:
        if item not in unique:
            unique.append(item)
    return unique


def _single_person_admissions(run: ProgramRun, lang: str) -> tuple[float, list[dict[str, str]]]:
    """Return the total and the reasons of members admitted alone (single-person households)."""
    program = run.program
    if not program.person_eligible:
        return 0.0, []
    ids = list(run.simulation.persons.ids)
    eligible = run.get(program.person_eligible)
    amounts = run.get(program.person_amount) if program.person_amount else [0] * len(ids)
    total = 0.0
    reasons = []
    for index, person_id in enumerate(ids):
        if eligible[index]:
            total += float(amounts[index])
            reasons.append({
                "code": "single_person_household",
                "message": (
                    f"Member {person_id} is admitted alone as a single-person household, "
                    f"{_format_value(amounts[index]):,.2f} yuan a month."
                    if lang != "zh"
                    else f"成员 {person_id} 按单人户单独纳入，每月 {_format_value(amounts[index]):,.2f} 元。"
                ),
            })
    return total, reasons


def _household_entry(run: ProgramRun, lang: str) -> dict[str, Any]:
    program = run.program
    eligible = bool(run.get(program.eligible)[0])
    missing: list[dict[str, Any]] = []
    reasons: list[dict[str, str]] = []
    try:
        amount = sum(float(run.get(variable)[0]) for variable in program.amount) if eligible else 0.0
        if not program.amount:
            amount = None  # A service programme has no cash amount.
    except NotDetermined as error:
        amount = None
        missing.append(error.missing.to_dict())
        reasons.append({"code": "amount_not_determined", "message": error.missing.reason})
    if not eligible:
        reasons = _reasons(run, 0, 0, lang)
        alone_total, alone_reasons = _single_person_admissions(run, lang)
        if alone_reasons:
            eligible = True
            amount = alone_total
            reasons = alone_reasons
    entry: dict[str, Any] = {
        "status": "eligible" if eligible else "not_eligible",
        "eligible": eligible,
        "amount": float(to_decimal(amount)) if amount is not None else None,
        "responsible_authority": _authority(run, 0, lang),
        "responsible_locality": _format_value(run.get(program.responsible_locality)[0]),
        "reasons": reasons,
        "missing": missing,
        "details": {},
    }
    for variable in program.details:
        try:
            entry["details"][variable] = _format_value(run.get(variable)[0])
        except NotDetermined as error:
            # A detail the data cannot give (for example the marginal line
            # before the national rule) is shown as null with its reason. It
            # changes neither the status nor the amount.
            entry["details"][variable] = None
            entry.setdefault("details_missing", []).append(error.missing.to_dict())
    if program.person_details:
        ids = run.simulation.persons.ids
        entry["persons"] = {}
        for variable in program.person_details:
            try:
                values = run.get(variable)
            except NotDetermined as error:
                entry.setdefault("details_missing", []).append(error.missing.to_dict())
                continue
            for index, person_id in enumerate(ids):
                entry["persons"].setdefault(person_id, {})[variable] = _format_value(values[index])
    if "details_missing" in entry:
        entry["details_missing"] = _dedupe(entry["details_missing"])
    return entry


def _person_entry(run: ProgramRun, lang: str) -> dict[str, Any]:
    program = run.program
    ids = list(run.simulation.persons.ids)
    persons: dict[str, Any] = {}
    total = 0.0
    any_eligible = False
    any_determined = False
    missing: list[dict[str, Any]] = []
    authority_index = None
    for index, person_id in enumerate(ids):
        try:
            eligible = bool(run.get(program.eligible)[index])
        except NotDetermined as error:
            persons[person_id] = _not_determined(program, error, lang)
            missing.append(error.missing.to_dict())
            continue
        # An eligible person whose amount the data cannot give stays eligible,
        # with the amount null and the missing value named.
        amount_missing = None
        try:
            amount = sum(float(run.get(variable)[index]) for variable in program.amount) if program.amount else None
        except NotDetermined as error:
            amount, amount_missing = None, error.missing.to_dict()
            missing.append(amount_missing)
        any_determined = True
        any_eligible = any_eligible or eligible
        if eligible and authority_index is None:
            authority_index = index
        if total is not None:
            total = None if amount is None else total + amount
        person = {
            "status": "eligible" if eligible else "not_eligible",
            "eligible": eligible,
            "amount": float(to_decimal(amount)) if amount is not None else None,
            "components": {} if amount is None else {
                variable: _format_value(run.get(variable)[index]) for variable in program.amount
            },
            "responsible_authority": _authority(run, index, lang),
            "responsible_locality": _format_value(run.get(program.responsible_locality)[index]),
            "reasons": [] if eligible else _reasons(run, index, 0, lang),
            "missing": [amount_missing] if amount_missing else [],
            "details": {},
        }
        for variable in program.details:
            person["details"][variable] = _format_value(run.get(variable)[index])
        persons[person_id] = person
    if any_eligible:
        status = "eligible"
    elif any_determined and not any(person.get("status") == "not_determined" for person in persons.values()):
        status = "not_eligible"
    else:
        status = "not_determined"
    if any_eligible:
        eligible_value = True
    elif status == "not_eligible":
        eligible_value = False
    else:
        eligible_value = None
    localities_of = sorted({p.get("responsible_locality") for p in persons.values() if p.get("eligible")})
    if not localities_of:
        localities_of = [_format_value(run.get(program.responsible_locality)[_applicant_position(run)])]
    missing = _dedupe(missing)
    if any_eligible:
        summary_reasons = []
    elif status == "not_determined":
        summary_reasons = [{"code": "not_determined", "message": item["reason"]} for item in missing]
    else:
        summary_reasons = [{
            "code": "no_member_eligible",
            "message": "No member meets all conditions." if lang != "zh" else "没有成员符合全部条件。",
        }]
    return {
        "status": status,
        "eligible": eligible_value,
        "amount": float(to_decimal(total)) if status != "not_determined" and total is not None else None,
        "responsible_authority": _authority(run, authority_index if authority_index is not None else 0, lang),
        "responsible_locality": localities_of[0] if len(localities_of) == 1 else (localities_of or None),
        "reasons": summary_reasons,
        "missing": missing,
        "persons": persons,
    }


def _applicant_position(run: ProgramRun) -> int:
    flags = run.get("is_applicant")
    return next((index for index, flag in enumerate(flags) if flag), 0)


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
    reforming.amend_entry(system, program, simulation, month, entry, lang)
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


def notices(month: str, reforms: list[str], lang: str, system=None) -> list[dict[str, str]]:
    """Return the notices of a result: the Social Assistance Law's status for the month."""
    result = []
    applied = {name.split("@")[0] for name in reforms}
    if month >= SOCIAL_ASSISTANCE_LAW_START and "social_assistance_law_2026" not in applied:
        result.append({
            "code": "social_assistance_law_in_force",
            "message": (
                "The Social Assistance Law is in force from 2026-07-01 and replaces the Interim Measures; "
                "these results apply the Interim Measures baseline. To apply the law, add "
                "--reform social_assistance_law_2026 to the command (library: "
                "reforms=['social_assistance_law_2026']; YAML tests: reforms: "
                "[openfisca_assistance.reforms.social_assistance_law_2026.social_assistance_law_2026]); "
                "`assistance compare FILE --reform social_assistance_law_2026` shows what it changes."
                if lang != "zh"
                else "《社会救助法》自2026年7月1日起施行，取代《社会救助暂行办法》；本结果按暂行办法计算。"
                "如需按该法计算，请在命令中加上 --reform social_assistance_law_2026（程序库：reforms=['social_assistance_law_2026']）；"
                "`assistance compare FILE --reform social_assistance_law_2026` 可显示该法带来的变化。"
            ),
        })
    if system is not None:
        result.extend(_reform_file_notices(system, lang))
        for reform in reforming.applied(system):
            if reform.in_effect is None or reform.in_force(month, system.parameters):
                continue
            name = type(reform).__name__
            start = reform.start_date(system.parameters) or "no date"
            result.append({
                "code": "reform_not_in_force",
                "message": (
                    f"The reform {name} is applied but not in force in {month} (its start date is {start}), so it "
                    f"changes nothing this month. Give it another start with --reform {name}@YYYY-MM, or a reform "
                    f"file that sets {reform.in_effect}."
                    if lang != "zh"
                    else f"已选用改革方案 {name}，但其在 {month} 尚未生效（起始日期 {start}），本月结果不变。"
                    f"可用 --reform {name}@YYYY-MM 或设置 {reform.in_effect} 的改革文件另定起始日期。"
                ),
            })
    return result


def _reform_file_notices(system, lang: str) -> list[dict[str, str]]:
    """Point out reform files that set parameters of a reform that is not applied with them."""
    applied = reforming.applied(system)
    names = {type(reform).__name__ for reform in applied if reform.reform_file is None}
    result = []
    for reform in applied:
        if reform.reform_file is None:
            continue
        for path in reform.reform_file.paths:
            parts = path.split(".")
            if parts[0] == "reforms" and len(parts) > 1 and parts[1] not in names:
                result.append({
                    "code": "reform_parameter_without_reform",
                    "message": (
                        f"The reform file {reform.reform_file.name} sets {path}, but the reform {parts[1]} is not "
                        f"applied, so that value changes nothing; apply both, for example "
                        f"--reform {parts[1]} --reform-file FILE (compare: --reform {parts[1]}+FILE)."
                        if lang != "zh"
                        else f"改革文件 {reform.reform_file.name} 设置了 {path}，但未选用改革方案 {parts[1]}，该值不起作用；"
                        f"请同时选用，例如 --reform {parts[1]} --reform-file FILE。"
                    ),
                })
    return result


def overlap_notices(programs: dict[str, Any], lang: str) -> list[dict[str, str]]:
    """Point out members who qualify both for extreme-poverty support and, through their household, for dibao."""
    support = programs.get("extreme_poverty", {})
    dibao = programs.get("dibao", {})
    if not (support.get("eligible") and dibao.get("eligible")):
        return []
    counted = {person_id for person_id, values in (dibao.get("persons") or {}).items()
               if values.get("counts_in_dibao_household")}
    both = [person_id for person_id, person in (support.get("persons") or {}).items()
            if person.get("eligible") and person_id in counted]
    if not both:
        return []
    names = ", ".join(both)
    return [{
        "code": "extreme_poverty_and_dibao",
        "message": (
            f"Qualifying for extreme-poverty support and counted in the dibao household: {names}. The two are not "
            "paid together: a person leaves extreme-poverty support before moving to dibao (2021 identification "
            "measures, Art. 27), so the caseworker decides which applies."
            if lang != "zh"
            else f"符合特困人员救助供养条件且计入低保家庭的成员：{names}。两者不同时享受（《特困人员认定办法》第二十七条），由经办人员确定适用哪一项。"
        ),
    }]


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
    try:
        return _check(data, month, lang=lang, file=file, system=system, reforms=reforms)
    except AssistanceError as error:
        if error.file is None:
            error.file = file
        raise
    except RecursionError as error:
        raise InputError("the situation is nested too deeply", file=file, fix="flatten the situation") from error


def _check(data, month, *, lang, file, system, reforms) -> dict[str, Any]:
    reforms = list(reforms or [])
    try:
        month = check_month(month or data.get("month") or native_month(data) or rules.today_month())
    except AssistanceError as error:
        if month is None:  # The month came from the file.
            error.file = error.file or file
        raise
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
        "notices": notices(month, reforms, lang, system) + overlap_notices(programs, lang),
    }


def _check_inputs(simulation, month: str, file: str | None) -> None:
    """Raise input errors (missing ages, applicant count) before any programme runs."""
    simulation.calculate("age", month)
    simulation.calculate("is_applicant", month)
